"""The coach app: the library at the bottom of the stack, everything else above it.

Only what the first screen needs is imported here; the exercise format, the
engine and the Markdown widget are imported in a worker or when first used.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from coach.settings import PRIVATE_NO_RESUME, Settings, load_settings, save_settings
from coach.ui.screens.library import LibraryScreen

if TYPE_CHECKING:
    from textual.timer import Timer

    from coach.engine import Clock, Ledger, Session
    from coach.ui.records import SessionRecords
    from coach.ui.resume import Offer, Resumed
    from coach.ui.screens.session import SessionChanged

Partner = Literal["a", "b"]
#: how long a SIGTERM'd coach may take to restore the terminal before it just ends
SHUTDOWN_GRACE = 5.0

_HERE = Path(__file__).parent


@dataclass(frozen=True)
class RunRequest:
    """``coach run``: open this exercise's set-up, or its first step when both names are given."""

    exercise: Any
    a: str = ""
    b: str = ""
    first: Partner | None = None


class CoachApp(App[None]):
    # The library is the default screen, whose own CSS_PATH Textual does not load.
    # Absolute, so that a subclass elsewhere (a test, a benchmark) finds them too.
    CSS_PATH: ClassVar[list[str | PurePath]] = [_HERE / "app.tcss", _HERE / "screens/library.tcss"]
    TITLE = "coach"
    # The palette would offer actions (like quitting) around the app's own questions.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help", priority=True),
        # `?` reaches the app only where no text box takes it as a character
        Binding("question_mark", "help", "Help", show=False),
        # not priority: a screen that shows it in its footer binds F2 itself
        Binding("f2", "resources", "Support lines", show=False),
        # Quick hide: F12 is one key, far from the keys the steps use (so not pressed by
        # accident), typed into no text box and taken by no widget (ctrl+x is cut in a
        # text box, ctrl+h is backspace in many terminals, ctrl+b is tmux's prefix).
        Binding("f12", "quick_hide", "Hide coach now", show=False, priority=True),
    ]

    def __init__(
        self,
        *,
        exercise_dirs: Sequence[Path] = (),
        clock: Clock | None = None,
        ledger: Ledger | None = None,
        settings: Settings | None = None,
        run: RunRequest | None = None,
        no_save: bool = False,
        resume: int | None = None,
        private: bool = False,
        first_run: bool = False,
    ) -> None:
        super().__init__()
        self.exercise_dirs = tuple(exercise_dirs)
        #: ``--private``: nothing at all is written (settings changes apply, unsaved)
        self.private_flag = private
        #: show the notice when it has not been acknowledged (the command line sets this)
        self._first_run = first_run
        self._notice_open = False
        #: a resume offer that came while the notice was up: asked once it is read
        self._waiting_offer: Offer | None = None
        self._clock = clock
        self._ledger = ledger
        self._run = run
        #: ``--no-save``: the session is written nowhere
        self.no_save = no_save
        #: ``coach resume SESSION``: open that session at once
        self._resume = resume
        #: the records of the session under way (see coach.ui.records)
        self.records: SessionRecords | None = None
        self._session: Session | None = None
        self._catch_up: Timer | None = None
        #: what was wrong with the settings file, shown once the screen is up
        self.settings_problems: tuple[str, ...] = ()
        if settings is None:
            loaded = load_settings(themes=set(self.available_themes))
            settings, self.settings_problems = loaded.settings, loaded.problems
        self.settings = settings
        self._motion = self.animation_level
        self._save_lock = threading.Lock()
        #: quick hide was pressed: nothing may be printed on the way out
        self._hidden = False
        self.apply_settings(settings)

    # --- what the screens share --------------------------------------------------

    @property
    def clock(self) -> Clock:
        if self._clock is None:
            from coach.engine import SystemClock

            self._clock = SystemClock()
        return self._clock

    @property
    def ledger(self) -> Ledger:
        if self._ledger is None:
            from coach.engine import InMemoryLedger

            self._ledger = InMemoryLedger()
        return self._ledger

    @property
    def private(self) -> bool:
        """A shared computer (``--private`` or the setting): the session lives in memory
        only, names are not remembered, nothing is cached, no resume or history."""
        return self.private_flag or self.settings.private

    def apply_settings(self, settings: Settings) -> None:
        """Use ``settings`` from now on (theme, motion); saving is :meth:`change_settings`."""
        self.settings = settings
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        self.animation_level = "none" if settings.reduced_motion else self._motion

    def change_settings(self, **changes: Any) -> None:
        """Apply a change and save it, off the event loop."""
        self.apply_settings(dataclasses.replace(self.settings, **changes))
        if not self.private_flag:
            self.run_worker(self._save, thread=True, group="save-settings")

    def _save(self) -> None:
        # Saves can overlap: each writes the settings as they are when it gets the lock,
        # so the last one to write always writes the latest.
        try:
            with self._save_lock:
                save_settings(self.settings)
        except OSError as error:
            self.call_from_thread(
                self.notify,
                f"The settings could not be saved: {error.strerror or error}.",
                severity="warning",
                markup=False,
            )

    # --- screens -------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        # the library is the bottom of the stack, for `coach run` too
        return LibraryScreen(self.exercise_dirs)

    def on_mount(self) -> None:
        self._records_on_mount()
        for problem in self.settings_problems:
            self.notify(problem, title="Settings", severity="warning", timeout=12, markup=False)
        if self._run is not None:
            run, self._run = self._run, None
            self.open_exercise(run.exercise, a=run.a, b=run.b, first=run.first, straight=True)
        if self._first_run:
            from coach.notice import notice_acknowledged

            if not notice_acknowledged():
                from coach.ui.screens.notice import NoticeScreen

                self._notice_open = True
                self.push_screen(NoticeScreen(first_run=True), self._notice_read)

    def _notice_read(self, _result: object = None) -> None:
        """The first-run notice is read: now the resume offer, if one came meanwhile."""
        self._notice_open = False
        offer, self._waiting_offer = self._waiting_offer, None
        if offer is not None:
            self._offer(offer)

    def open_exercise(
        self,
        exercise: Any,
        *,
        a: str | None = None,
        b: str | None = None,
        first: Partner | None = None,
        straight: bool = False,
    ) -> None:
        """The set-up screen for ``exercise``; with ``straight`` and two good names, its
        first step."""
        from coach.partner_names import refusals
        from coach.ui.screens.setup import SetupScreen

        if straight and a and b and refusals(a, b) == (None, None):
            self.start_session(exercise, a, b, first)
            return
        self.push_screen(SetupScreen(exercise, a=a, b=b, first=first))

    def start_session(
        self, exercise: Any, a: str, b: str, first: Partner | None, *, replace: bool = False
    ) -> None:
        """Begin a session and show its first screen; ``replace`` takes the set-up's place."""
        from coach.engine import Session
        from coach.resources import emotion_words
        from coach.ui.screens.session import SessionScreen

        session = Session.start(
            exercise,
            a=a,
            b=b,
            clock=self.clock,
            ledger=self._session_ledger(a, b),
            first=first,
            core_vocabulary=emotion_words(),
        )
        self._began(session)
        screen = SessionScreen(session)
        if not self.private:
            def remember() -> None:
                self.run_worker(lambda: _remember(a, b), thread=True, group="names")

            if session.view().phase == "private_check":
                screen.on_check_passed = remember
            else:
                remember()
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # --- the records (coach.ui.records, coach.ui.resume) -----------------------------

    @property
    def saving(self) -> bool:
        """Whether sessions are written at all (not with --no-save, nor on a shared computer)."""
        return not (self.no_save or self.private)

    def _records_on_mount(self) -> None:
        if not self.is_headless:
            self._install_signals()
        if self._resume is not None:
            session_id, self._resume = self._resume, None
            self.resume_session(session_id)
        elif self._run is None and self.saving:
            # after the first paint: the store's imports (the engine, the format) would
            # hold the interpreter, and the import lock the library's scan waits on
            self.call_after_refresh(
                self.run_worker, self._find_offer, thread=True, group="resume-offer"
            )

    def _install_signals(self) -> None:
        """SIGTERM and SIGHUP (the terminal closed): keep the session, then leave cleanly."""
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for number, handler in ((signal.SIGTERM, self._terminated), (signal.SIGHUP, self._hung_up)):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, handler)

    def _terminated(self) -> None:
        """SIGTERM: keep the session, then leave as on ctrl+q, restoring the terminal. Should
        the shutdown stall on a terminal that stopped reading, a timer ends the process
        anyway: the session is already kept, and a stalled coach would hold its lock."""
        self.keep_session()
        stop = threading.Timer(SHUTDOWN_GRACE, os._exit, args=(0,))
        stop.daemon = True
        stop.start()
        self.exit()

    def _hung_up(self) -> None:
        """SIGHUP, the terminal closed: nothing can be drawn or restored any more, and
        Textual's shutdown can block for ever writing to a hung-up terminal (its writer
        thread's queue fills). Keep the session, then leave at once."""
        self.keep_session()
        os._exit(0)

    def _session_ledger(self, a: str, b: str) -> Ledger:
        """A new session's recorder, and the ledger it writes commitments through."""
        from coach.store import open_recorder
        from coach.ui.records import SessionRecords

        self.keep_session()
        recorder = open_recorder(save=self.saving)
        if self.private:
            from coach.ui.records import PrivateStatus

            recorder.status = PrivateStatus()
        self.records = SessionRecords(recorder, self)
        if self.private:
            # not even read: what was committed before is looking back, which a shared
            # computer does without (and opening the records file can touch it)
            from coach.engine import InMemoryLedger

            ledger: Ledger = InMemoryLedger()
        else:
            ledger = self.records.ledger(a, b)
        return self._ledger if self._ledger is not None else ledger

    def _began(self, session: Session) -> None:
        self._session = session
        if self._catch_up is None:
            # a safety net for changes no screen announced (a break's own keys, a timer)
            self._catch_up = self.set_interval(1.0, self._record_if_changed)
        if self.records is not None:
            self.records.record(session)
            if not self.saving:
                self.records.show_status()

    def _record_if_changed(self) -> None:
        if self.records is not None and self._session is not None:
            self.records.catch_up(self._session)

    def on_session_changed(self, message: SessionChanged) -> None:
        """After every answer, undo, break and ready: write it, off the event loop."""
        records = self.records
        if records is None or message.session is not self._session:
            return
        if message.session.ended:
            self.run_worker(lambda: records.finish(message.session), thread=True,
                            group="records", exit_on_error=False)
        else:
            records.record(message.session)

    def save_draft(self, step: int | None, stage: str, text: str) -> None:
        if self.records is not None:
            self.records.save_draft(step, stage, text)

    def keep_session(self) -> None:
        """Write what is not yet written, with the note being typed, and let the session go
        (resumable). Quitting, a signal, quick hide; never raises nor prints."""
        records, session = self.records, self._session
        if records is None:
            return
        draft = None
        with contextlib.suppress(Exception):
            from coach.ui.screens.session import SessionScreen

            screen = next((s for s in self.screen_stack if isinstance(s, SessionScreen)), None)
            draft = screen.current_draft() if screen is not None else None
        records.close(session, draft)
        self.records = None

    def exit(self, result: None = None, return_code: int = 0, message: Any = None) -> None:
        self.keep_session()
        super().exit(result, return_code, message)

    def _find_offer(self) -> None:
        from coach.ui.imports import IMPORT_LOCK

        with IMPORT_LOCK:
            from coach.ui.resume import find_offer

            offer = find_offer()
        if offer is not None:
            self.call_from_thread(self._offer, offer)

    def _offer(self, offer: Offer) -> None:
        if self._session is not None:
            return  # a session began meanwhile
        if self._notice_open:
            self._waiting_offer = offer
            return
        if offer.locked:
            self.notify(f"{offer.line}: it is open in another coach window.", title="Resume",
                        timeout=10, markup=False)
            return
        from textual.content import Content

        from coach.ui.screens.confirm import ConfirmScreen
        from coach.ui.text import literal

        question = Content.assemble(
            "A session was left unfinished:\n\n", literal(offer.line), "\n\n",
            "Go back to it where you stopped, with what you had typed?",
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.resume_session(offer.session_id)

        self.push_screen(ConfirmScreen(question, "resume it", "not now"), answered)

    def resume_session(self, session_id: int | None) -> None:
        """Open an unfinished session where it stood (read and locked in a worker)."""
        if self.private:
            self.notify(PRIVATE_NO_RESUME, title="Resume", timeout=12, markup=False)
            return
        def reopen() -> None:
            from coach.store import StoreError
            from coach.ui.resume import reopen

            try:
                resumed = reopen(session_id, self.exercise_dirs, self.clock,
                                 save=self.saving)
            except StoreError as error:
                self.call_from_thread(self.notify, error.message, title="Resume",
                                      severity="warning", timeout=12, markup=False)
                return
            self.call_from_thread(self._show_resumed, resumed)

        self.run_worker(reopen, thread=True, group="resume", exit_on_error=False)

    def _show_resumed(self, resumed: Resumed) -> None:
        from coach.ui.records import SessionRecords
        from coach.ui.screens.session import SessionScreen

        self.keep_session()
        while len(self.screen_stack) > 1 and not self.in_session:
            self.pop_screen()  # from the history: the session opens over the library
        self.records = SessionRecords(resumed.recorder, self)
        self.records.draft = resumed.recorder.draft()
        if not self.saving:
            self.records.show_status()
        self._session = resumed.session
        self.push_screen(SessionScreen(resumed.session))
        from coach.ui.resume import resume_notes

        for note in resume_notes(resumed.saved_at, self.clock.now()):
            self.notify(note, title="Welcome back", timeout=20, markup=False)

    # --- keys ----------------------------------------------------------------------

    @property
    def in_session(self) -> bool:
        """Whether a session is under way (its screens may be below help or a question)."""
        return any(getattr(screen, "in_session", False) for screen in self.screen_stack)

    async def action_quit(self) -> None:
        from coach.ui.screens.quit_confirm import QuitConfirm, consequence

        # ctrl+q on the question itself is a second, deliberate ctrl+q
        if not self.in_session or isinstance(self.screen, QuitConfirm):
            self.exit()
            return

        def answered(quit: bool | None) -> None:
            if quit:
                self.exit()

        records = self.records
        unsaved = (records.recorder.status.line if records is not None
                   else "Not saving: this session is kept nowhere.")
        self.push_screen(QuitConfirm(consequence(unsaved)), answered)

    def action_resources(self) -> None:
        from coach.ui.screens.resources import ResourcesScreen

        if isinstance(self.screen, ResourcesScreen):
            self.screen.dismiss()
            return
        self.push_screen(ResourcesScreen())

    def action_quick_hide(self) -> None:
        """Someone walked in: coach exits at once, keeping the session as on SIGTERM
        (:meth:`exit` keeps it, silently). Textual draws on the alternate screen, so once
        it is left the terminal shows what it showed before coach; nothing is printed."""
        self._hidden = True
        self.exit(return_code=0)

    def _print_error_renderables(self) -> None:
        # Textual prints an error met while closing once the screen is restored, with its
        # local values (a note, the names): after quick hide not a word may be left there.
        if self._hidden:
            self._exit_renderables.clear()
            return
        super()._print_error_renderables()

    def action_help(self) -> None:
        from coach.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen.for_screen(self.screen))


def _remember(a: str, b: str) -> None:
    from coach.partner_names import remember_names

    with contextlib.suppress(OSError):  # only a convenience for next time
        remember_names(a, b)
