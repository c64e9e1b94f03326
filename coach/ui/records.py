"""The app's side of the records for one session: writes off the event loop, one at a time.

The store does the writing (``coach.store.Recorder``); this keeps its calls
out of the event loop (a write can wait up to the busy timeout) and in order,
and shows its one "Not saving" line once. Nothing here raises: a session goes
on whatever happens to its records.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from coach.store.status import SaveStatus

if TYPE_CHECKING:
    from textual.app import App

    from coach.engine import Ledger, Session
    from coach.store import Draft, Recorder

log = logging.getLogger(__name__)


class SessionRecords:
    """One session's recorder, driven from the app."""

    def __init__(self, recorder: Recorder, app: App[None]) -> None:
        self.recorder = recorder
        self._app = app
        #: one store call at a time: workers queue here, the newest state always wins
        self._lock = threading.Lock()
        self._shown: set[str] = set()
        self.done = False
        #: the draft found when the session was resumed, restored once into its box
        self.draft: Draft | None = None
        #: how many times record() was asked for (tests read it)
        self.calls = 0
        #: the last event seq a record() call was asked for
        self._seen = 0

    def ledger(self, a: str, b: str) -> Ledger:
        return self.recorder.ledger(a, b)

    # --- off the event loop -----------------------------------------------------------

    def record(self, session: Session) -> None:
        """Write the session's new events and state, in a worker."""
        if self.done:
            return
        self.calls += 1
        self._seen = session.events[-1].seq if session.events else 0
        self._app.run_worker(lambda: self._call(self.recorder.record, session),
                             thread=True, group="records", exit_on_error=False)

    def catch_up(self, session: Session) -> None:
        """Record when the session has events no :meth:`record` call has seen yet."""
        last = session.events[-1].seq if session.events else 0
        if last != self._seen and not self.done:
            self.record(session)

    def save_draft(self, step: int | None, stage: str, text: str) -> None:
        if self.done:
            return
        self._app.run_worker(lambda: self._call(self.recorder.save_draft, step, stage, text),
                             thread=True, group="records", exit_on_error=False)

    def _call(self, method: object, *args: object) -> None:
        with self._lock:
            if self.done:
                return
            try:
                method(*args)  # type: ignore[operator]
            except Exception:  # the store never raises; a bug here must not stop the session
                log.exception("saving failed")
        line = self.recorder.status.line
        if line is not None and line not in self._shown:
            self._shown.add(line)
            self._app.call_from_thread(self.show_status)

    def show_status(self) -> None:
        """The one calm line saying the records are not being kept, shown once."""
        line = self.recorder.status.line
        if line is None:
            return
        self._shown.add(line)
        self._app.notify(line, title="Records", timeout=12, markup=False)

    # --- at the end (on the event loop, briefly) --------------------------------------

    def finish(self, session: Session) -> None:
        """The session is over: not offered for resuming any more."""
        self._end(lambda: self.recorder.finish(session))

    def close(self, session: Session | None = None, draft: tuple[int | None, str, str] | None
              = None) -> None:
        """Leave it resumable: what is not yet written is written first (quit, a signal)."""
        def leave() -> None:
            if session is not None:
                self.recorder.record(session)
            if draft is not None:
                self.recorder.save_draft(*draft)
            self.recorder.close()

        self._end(leave)

    def _end(self, last: object) -> None:
        if self.done:
            return
        with self._lock:
            self.done = True
            try:
                last()  # type: ignore[operator]
            except Exception:
                log.exception("closing the records failed")


class PrivateStatus(SaveStatus):
    """A shared computer (``--private`` or the setting): nothing is written, and the one
    line says so in those words rather than as ``--no-save``."""

    def __init__(self) -> None:
        super().__init__(saving=False)

    @property
    def line(self) -> str | None:
        return "Private: nothing of this session is written on this computer."
