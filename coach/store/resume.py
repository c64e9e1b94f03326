"""Finding a session to resume, and opening it again where it stood.

The app calls :func:`find_resumable` (which session, or why none), loads the
exercise it names, then :func:`open_resumed` for the session and the recorder
that goes on writing it. ``coach resume`` uses the same two.
"""

from __future__ import annotations

from pathlib import Path

from coach.engine.clock import Clock
from coach.engine.session import Session
from coach.format.model import Exercise
from coach.store import db
from coach.store.errors import SessionLocked, StoreError
from coach.store.lock import LOCKED, SessionLock, is_locked, lock_path
from coach.store.recorder import NullRecorder, Recorder
from coach.store.store import SessionSummary, Store


class NothingToResume(StoreError):
    """No unfinished session, or the one asked for is finished."""


def find_resumable(store: Store | None, session_id: int | None = None) -> SessionSummary:
    """The session to resume: ``session_id``, or the latest unfinished one. Raises
    :class:`NoSuchSession`, :class:`NothingToResume` or :class:`SessionLocked`."""
    if store is None:
        raise NothingToResume("There is no session to resume: nothing has been saved yet.")
    if session_id is None:
        found = store.latest_unfinished()
        if found is None:
            raise NothingToResume("There is no unfinished session to resume.")
    else:
        found = store.summary(session_id)
        if found.finished:
            raise NothingToResume(
                f"Session {session_id} ({found.title}) is finished; there is nothing to resume. "
                f"`coach show {session_id}` shows what was said."
            )
    if is_locked(store.path.parent, found.id):
        raise SessionLocked(LOCKED)
    return found


def open_resumed(
    store: Store, summary: SessionSummary, exercise: Exercise, clock: Clock, *,
    save: bool = True,
) -> tuple[Session, Recorder]:
    """Lock the session for this process and rebuild it at the step and stage it was
    saved at. The recorder owns ``store`` from now on (closing it closes the store);
    ``recorder.draft()`` is the note that was being typed. Raises :class:`StoreError`
    (:class:`SessionLocked` when another window has it open).

    ``save=False`` (``--no-save``): read only. No lock is taken (a lock is a file) and
    the recorder writes nothing, so the records keep the session as it was saved."""
    lock = SessionLock(lock_path(store.path.parent, summary.id)) if save else None
    if lock is not None:
        lock.acquire()
    try:
        state = store.state(summary.id)
        recorder: Recorder
        if save:
            recorder = Recorder(store=store, session_id=summary.id,
                                people=store.people_of(summary.id), lock=lock, clock=clock)
        else:
            recorder = NullRecorder(store=store, session_id=summary.id)
        names = state["state"]["names"]
        try:
            session = Session.from_json(exercise, state, clock, recorder.ledger(names["a"],
                                                                                 names["b"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"Session {summary.id} cannot be resumed: {exc}.") from exc
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return session, recorder


def open_store(path: Path | None = None) -> Store | None:
    """The records for reading, or None when nothing has been saved yet."""
    return Store.open(path or db.default_path(), create=False)
