"""Finding and reopening an unfinished session, for the app (run in a worker: it reads files).

The store decides what can be resumed (``coach.store.find_resumable``) and
rebuilds the session (``open_resumed``); this finds the exercise in the
library and puts the pieces in the shape the app shows.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.engine import Clock, Session
    from coach.store import Recorder, SessionSummary


@dataclass(frozen=True)
class Offer:
    """The latest unfinished session, as the start screen offers it."""

    session_id: int
    title: str
    name_a: str
    name_b: str
    #: the step it stopped at, counted from 1 (None before the first step or in a break)
    step: int | None
    on_break: bool = False
    #: another coach window has it open: it cannot be resumed here now
    locked: bool = False

    @property
    def line(self) -> str:
        where = (" (on a break)" if self.on_break else
                 f", step {self.step}" if self.step is not None else "")
        return f"Resume: {self.title} with {self.name_a} and {self.name_b}{where}"


@dataclass
class Resumed:
    session: Session
    recorder: Recorder
    #: when it was last saved (wall time)
    saved_at: float = 0.0


#: after this long away, resuming says gently that a lot of time has passed
LONG_AWAY = 24 * 3600


def _away(seconds: float) -> str:
    days = int(seconds // 86400)
    if days >= 1:
        return f"{days} day{'s' * (days > 1)}"
    return f"{int(seconds // 3600)} hours"


def resume_notes(saved_at: float, now: float) -> list[str]:
    """What a resumed session says first, when a lot of time has passed. (A break whose
    return time has passed is the break screen's to say: it waits for both partners.)"""
    if saved_at and now - saved_at >= LONG_AWAY:
        return [
            f"A lot of time has passed since you stopped here ({_away(now - saved_at)}). "
            "Take a moment to remember where you were; it is fine to go slowly, or to stop "
            "and come back another day."]
    return []


def offer_of(summary: SessionSummary, state: dict[str, object], locked: bool = False) -> Offer:
    st = state.get("state", {})
    assert isinstance(st, dict)
    brk = st.get("brk")
    step = int(st["index"]) + 1 if st.get("phase") == "step" and "index" in st else None
    return Offer(summary.id, summary.title, summary.name_a, summary.name_b, step,
                 on_break=bool(brk), locked=locked)


def find_offer() -> Offer | None:
    """The latest unfinished session, or None (nothing saved, nothing unfinished, or the
    records cannot be read: the offer is a convenience, ``coach resume`` says why)."""
    from coach.store import SessionLocked, StoreError, find_resumable, open_store

    try:
        store = open_store()
    except StoreError:
        return None
    if store is None:
        return None
    with store:
        try:
            summary = find_resumable(store)
        except SessionLocked:
            latest = store.latest_unfinished()
            if latest is None:
                return None
            return offer_of(latest, _state(store, latest.id), locked=True)
        except StoreError:
            return None
        return offer_of(summary, _state(store, summary.id))


def _state(store: object, session_id: int) -> dict[str, object]:
    from coach.store import StoreError

    with contextlib.suppress(StoreError, KeyError, ValueError):
        return store.state(session_id)  # type: ignore[attr-defined, no-any-return]
    return {}


def reopen(session_id: int | None, exercise_dirs: Sequence[Path], clock: Clock, *,
           save: bool = True) -> Resumed:
    """Lock and rebuild session ``session_id`` (the latest unfinished one when None);
    ``save=False``: rebuild it to go on unsaved (no lock, nothing written). Raises
    ``StoreError`` whose ``message`` is the one line to show."""
    from coach.library import scan
    from coach.store import StoreError, find_resumable, open_resumed, open_store

    store = open_store()
    try:
        summary = find_resumable(store, session_id)
        assert store is not None  # find_resumable refuses a missing store
        entry = scan(list(exercise_dirs)).get(summary.exercise)
        if entry is None or entry.exercise is None:
            raise StoreError(
                f'The session "{summary.title}" cannot be resumed: its exercise '
                f'("{summary.exercise}") is no longer in the library or no longer loads. '
                f"`coach show {summary.id}` prints what was said.")
        session, recorder = open_resumed(store, summary, entry.exercise, clock, save=save)
    except BaseException:
        if store is not None:
            store.close()
        raise
    return Resumed(session, recorder, summary.updated_at)
