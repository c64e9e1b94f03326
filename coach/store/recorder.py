"""What the app calls as a session goes: the records written step by step.

The UI makes one recorder per session with :func:`open_recorder` (or gets one
from :func:`coach.store.resume.open_resumed`), passes :meth:`Recorder.ledger`
to ``Session.start``, and calls :meth:`Recorder.record` after the session
starts and after every answer, undo, break and ready. Nothing is written until
the first step is shown, so a session its private check stopped leaves no
trace at all. A failed write never raises: :attr:`Recorder.status` says why,
the session carries on, and the next :meth:`record` tries again with
everything not yet written.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from coach.engine.clock import Clock
from coach.engine.events import Event
from coach.engine.ledger import InMemoryLedger, Ledger
from coach.engine.session import SESSION_FORMAT, Session
from coach.store import db
from coach.store.errors import StoreError
from coach.store.ledger import SqliteLedger, read_commitments
from coach.store.lock import SessionLock, lock_path
from coach.store.status import SaveStatus
from coach.store.store import Draft, Store

#: events that show the session has really begun (a step reached)
BEGUN = frozenset({"step_shown", "step_passed"})


def has_begun(session: Session) -> bool:
    """Whether the session is past its private check and first-speaker question: a step
    was reached, or it ended otherwise than by a partner not being ready."""
    if any(e.kind in BEGUN for e in session.events):
        return True
    return session.ended and (session.st.ended or {}).get("reason") != "not_ready"


def saved_state(session: Session) -> dict[str, Any]:
    """``session.to_json()`` without its events, which have rows of their own.

    Built here rather than by ``to_json`` because that deep-copies up to a hundred undo
    snapshots for every answer, most of the cost of a step; this dict is serialised at
    once and never kept, so sharing the session's own values is safe.
    """
    return {
        "format": SESSION_FORMAT,
        "exercise": session.exercise.id,
        "state": session.st.to_json(session.clock),
        "undo": session.undo_entries(),
        "events": [],
        "taken": 0,
    }


class Recorder:
    """Writes one session. Use :func:`open_recorder`; call :meth:`close` (or
    :meth:`finish`) when the session's screen closes."""

    def __init__(
        self, path: Path | None = None, status: SaveStatus | None = None, *,
        store: Store | None = None, timeout: float = 2.0, session_id: int | None = None,
        people: Mapping[str, int] | None = None, lock: SessionLock | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.path = store.path if store is not None else (path or db.default_path())
        #: opened when first needed: a session that never begins never touches the folder
        self.store = store
        self.timeout = timeout
        self.status = status or SaveStatus()
        self.session_id = session_id
        self._people = dict(people or {})
        self._lock = lock
        self._clock = clock
        self._pending: list[Event] = []
        self._ledgers: list[SqliteLedger] = []
        self._closed = False

    def _now(self) -> float:
        return self._clock.now() if self._clock is not None else time.time()

    def _store_for(self, create: bool) -> Store | None:
        """The records, opened the first time they are needed; None when they cannot be
        (the status says why) or, unless ``create``, when there is no file yet."""
        if self.store is None and not self._closed:
            try:
                self.store = Store.open(self.path, create=create, timeout=self.timeout)
            except StoreError as exc:
                self.status.failed(exc.message)
        return self.store

    def ledger(self, a: str, b: str) -> Ledger:
        """The commitments ledger to give ``Session.start`` (or ``from_json``). What it
        writes goes into the file with the answer that made it, in :meth:`record`."""
        ledger = SqliteLedger(self._store_for, {"a": a, "b": b}, self.status,
                              lambda: self.session_id, deferred=True)
        self._ledgers.append(ledger)
        return ledger

    def record(self, session: Session) -> None:
        """Write the session's new events, its state and its ledger's changes, in one
        transaction. Call after ``Session.start`` and after every answer, undo, break and
        ready. Never raises."""
        self._clock = session.clock
        if self._closed or (self.session_id is None and not has_begun(session)):
            return  # before the first step nothing is kept, not even that it started
        self._pending += session.take_events()
        state = saved_state(session)
        store = self._store_for(True)
        if store is None:
            return
        lock: SessionLock | None = None
        try:
            with store.write() as conn:
                if self.session_id is None:
                    session_id, people = store.insert_session(
                        conn, session.exercise.id, session.exercise.title, session.st.names,
                        self._pending[0].at if self._pending else self._now())
                    # locked before it can be seen, so no other window can resume it meanwhile
                    lock = SessionLock(lock_path(store.path.parent, session_id))
                    lock.acquire()
                else:
                    session_id, people = self.session_id, self._people
                store.append_in(conn, session_id, people, self._pending, state, self._now())
                written = [(ledger, ledger.write_pending(store, conn, session_id))
                           for ledger in self._ledgers]
        except StoreError as exc:
            if lock is not None:
                lock.release()
            self.status.failed(exc.message)
            return
        if lock is not None:
            self.session_id, self._people, self._lock = session_id, people, lock
        for ledger, count in written:
            ledger.written(count)
        self._pending.clear()
        if not self.status.ok:
            self.status.recovered()

    def save_draft(self, step: int | None, stage: str, text: str) -> None:
        """Keep the note being typed (call at most once a second, when typing pauses).
        Skipped before the session is saved and while saving fails. Never raises."""
        if self._closed or self.store is None or self.session_id is None or not self.status.ok:
            return
        try:
            self.store.save_draft(self.session_id, step, stage, text, self._now())
        except StoreError as exc:
            self.status.failed(exc.message)

    def draft(self) -> Draft | None:
        """The note being typed when the session was last saved (for a resumed session)."""
        if self.store is None or self.session_id is None:
            return None
        try:
            return self.store.draft(self.session_id)
        except StoreError:
            return None

    def finish(self, session: Session | None = None) -> None:
        """Record what is left and mark the session finished (no longer offered for
        resuming, even if it stopped before its end); then :meth:`close`."""
        if session is not None:
            self.record(session)
        if self.store is not None and self.session_id is not None and not self._closed:
            try:
                self.store.mark_finished(self.session_id, self._now())
            except StoreError as exc:
                self.status.failed(exc.message)
        self.close()

    def close(self) -> None:
        """Let go of the session (it can be resumed, here or in another window)."""
        if self._closed:
            return
        self._closed = True
        if self._lock is not None:
            self._lock.release()
        if self.store is not None:
            self.store.close()


class NullRecorder(Recorder):
    """``--no-save``: the same calls, nothing written anywhere. Given the ``store`` and
    ``session_id`` of a session resumed with ``--no-save``, it reads that session's draft
    and closes the store with :meth:`close`, and writes to it no more than otherwise."""

    def __init__(self, path: Path | None = None, *, store: Store | None = None,
                 session_id: int | None = None) -> None:
        super().__init__(path, SaveStatus(saving=False), store=store, session_id=session_id)

    def record(self, session: Session) -> None:
        session.take_events()

    def save_draft(self, step: int | None, stage: str, text: str) -> None:
        pass

    def finish(self, session: Session | None = None) -> None:
        self.close()

    def ledger(self, a: str, b: str) -> Ledger:
        """Commitments already recorded can still be reviewed; the review stays in memory."""
        with contextlib.suppress(StoreError):
            store = Store.open(self.path, create=False)
            if store is not None:
                with store:
                    return InMemoryLedger(read_commitments(store, {"a": a, "b": b}))
        return InMemoryLedger()


def open_recorder(
    save: bool = True, path: Path | None = None, *, timeout: float = 2.0
) -> Recorder:
    """A recorder for a new session (``save=False``: ``--no-save``, writing nothing).
    Opens nothing yet and never raises: when the records cannot be written, its
    status says why and the session runs unsaved."""
    if not save:
        return NullRecorder(path)
    return Recorder(path, timeout=timeout)
