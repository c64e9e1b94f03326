"""The session: the floor banner on top, the current step below, the keys at the bottom.

The screen drives :class:`coach.engine.Session` and shows its view; it decides
nothing about turns, loops or conditions. After every answer it re-renders
from the new view. A step widget is replaced only when the turn changes (a
new step, stage or partner), so typed text survives a break, help or a
refused answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Footer, TextArea

from coach.engine import Answer, AnswerError, Session, View
from coach.settings import Settings
from coach.ui.break_flow import OFFER_KEY, OFFER_KEY_SHOWN, offer_button
from coach.ui.cue_watch import CueWatch
from coach.ui.steps.base import StepWidget
from coach.ui.steps.registry import widget_for
from coach.ui.summary import describe_answer, last_answer, moments
from coach.ui.text import literal
from coach.ui.widgets.floor_banner import TAKE_BREAK_BUTTON, FloorBanner
from coach.ui.widgets.note_box import NoteBox
from coach.ui.widgets.notice_line import NoticeLine, offer_text

log = logging.getLogger(__name__)

#: seconds after the last keystroke before the note being typed is saved as a draft
DRAFT_PAUSE = 1.0

#: what the partners read when something unexpected goes wrong: nothing was changed
UNEXPECTED = "Something went wrong with that answer, and nothing was changed. Please try again."


@dataclass
class SessionChanged(Message):
    """Posted to the app after every change, so it can store the session's new events."""

    session: Session


class SessionScreen(Screen[None]):
    CSS_PATH = "session.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "forward", "go on", key_display="⏎"),
        # only while a break is offered: one key takes it (ctrl+t asks who and how long)
        Binding(OFFER_KEY, "take_offered", "break now", key_display=OFFER_KEY_SHOWN,
                priority=True),
        Binding("ctrl+t", "take_break", "take a break", priority=True),
        Binding("ctrl+z", "undo", "take back", priority=True),
        Binding("escape", "dismiss_notices", "hide message"),
        # shown only beside a danger line (F2 works everywhere: the app binds it too)
        Binding("f2", "support_lines", "support lines"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._turn: tuple[Any, ...] | None = None
        self._step: StepWidget | None = None
        #: the last event seq already shown, so the floor passing is said once
        self._seen = 0
        #: a screen (break, private check, end) is open above this one
        self._above = False
        self._offers: set[str] = set()
        #: the note box's text is kept this long after typing stops (a draft, for resuming)
        self._draft_timer: Timer | None = None
        #: the step and stage the note box belongs to
        self._draft_at: tuple[int | None, str] | None = None
        #: called once the private check is passed (the app remembers the names then, so a
        #: session that did not start leaves no trace at all)
        self.on_check_passed: Callable[[], object] | None = None
        #: escalation nudges and danger cues in the note being typed
        self.cues = CueWatch(self, lambda: self.settings, matched=self._show_offer_take)

    # --- what the app reads ---------------------------------------------------------

    @property
    def in_session(self) -> bool:
        return not self.session.ended

    @property
    def settings(self) -> Settings:
        return getattr(self.app, "settings", None) or Settings()

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield FloorBanner(self.session.view(), self.settings, break_button=True)
        with VerticalScroll(id="middle"):
            yield Vertical(id="notices")
            yield Vertical(id="step-area")
        yield Footer()

    async def on_mount(self) -> None:
        self._seen = self.session.events[-1].seq if self.session.events else 0
        self.set_interval(1.0, self._tick)
        await self.show()

    # --- showing the view -------------------------------------------------------------

    def turn_key(self, view: View) -> tuple[Any, ...]:
        entry = next(
            (e.seq for e in reversed(self.session.events) if e.kind == "step_shown"), 0
        )
        return (view.phase, entry, view.stage, view.actor, view.answered, view.tries,
                view.review_position, view.round)

    async def show(self) -> None:
        view = self.session.view()
        self.query_one(FloorBanner).show(view)
        if view.phase == "ended":
            self._open_end()
            return
        if view.phase == "break":
            self._open_break()
            return
        if view.phase == "private_check":
            self._open_private_check(view)
            return
        key = self.turn_key(view)
        if key == self._turn and self._step is not None:
            self._step.update_view(view)
            self.refresh_bindings()
            return
        self._turn = key
        # no step until the new one is mounted: the clock's tick (and a late key) must
        # not reach the old one while its children are being removed
        self._step = None
        self._offers = set()
        self.cues.reset()
        self._stop_draft_timer()
        await self._show_notices(view)
        area = self.query_one("#step-area", Vertical)
        await area.remove_children()
        step = widget_for(view, self.settings, self.session)
        await area.mount(step)
        self._step = step
        self.query_one("#middle", VerticalScroll).scroll_home(animate=False)
        self._step.focus_first()
        self._draft_at = (view.step_index, view.stage)
        self._restore_draft(view)
        self.refresh_bindings()

    async def _show_notices(self, view: View) -> None:
        box = self.query_one("#notices", Vertical)
        await box.remove_children()
        lines: list[NoticeLine] = []
        events = self.session.events
        for text in moments(events, self._seen, view.rounds):
            lines.append(NoticeLine(literal(text), kind="moment"))
        self._seen = events[-1].seq if events else 0
        for notice in view.notices:
            lines.append(NoticeLine(literal(notice)))
        if view.offer_break:
            self._offers.add(view.offer_break)
            lines.append(self._offer_line(view.offer_break))
        if lines:
            await box.mount_all(lines)

    def _offer_take(self) -> str:
        return offer_button(self.session, self.settings, cues=self.cues.matched)

    def _offer_line(self, offer: str) -> NoticeLine:
        return NoticeLine(offer_text(offer), kind="offer", take=self._offer_take())

    def _offer_lines(self) -> list[NoticeLine]:
        return [line for line in self.query("#notices NoticeLine").results(NoticeLine)
                if line.kind == "offer"]

    def _show_offer_take(self) -> None:
        """Cues matched: what the offered break's key takes may be longer now."""
        for line in self._offer_lines():
            line.show_take(self._offer_take())

    async def _tick(self) -> None:
        """Time passes: a step that runs past its limit offers a break."""
        if self._above or self.session.ended:
            return
        view = self.session.check_time()  # a time-limit offer is recorded once, when shown
        if view.offer_break and view.offer_break not in self._offers:
            self._offers.add(view.offer_break)
            await self.query_one("#notices", Vertical).mount(
                self._offer_line(view.offer_break))
            self.refresh_bindings()
        if self._step is not None and self.turn_key(view) == self._turn:
            self._step.update_view(view)

    # --- drafts: the note being typed, kept for resuming --------------------------------

    @on(TextArea.Changed)
    def _typing(self, event: TextArea.Changed) -> None:
        if not isinstance(event.text_area, NoteBox):
            return
        # saved once typing pauses, never more than once a second
        self._stop_draft_timer()
        self._draft_timer = self.set_timer(DRAFT_PAUSE, self._save_draft)
        self.cues.typed(event.text_area.text)

    def _stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def _save_draft(self) -> None:
        self._draft_timer = None
        draft = self.current_draft()
        save = getattr(self.app, "save_draft", None)
        if draft is not None and save is not None:
            save(*draft)

    def current_draft(self) -> tuple[int | None, str, str] | None:
        """The step, stage and text of the note box on screen (None without one)."""
        if self._step is None or self._draft_at is None or self.session.ended:
            return None
        boxes = self._step.query(NoteBox)
        if not boxes:
            return None
        return (*self._draft_at, boxes.first().text)

    def _restore_draft(self, view: View) -> None:
        """A resumed session: the note as it was at the last pause in typing, once."""
        records = getattr(self.app, "records", None)
        draft = getattr(records, "draft", None)
        if draft is None or self._step is None:
            return
        records.draft = None  # type: ignore[union-attr]
        boxes = self._step.query(NoteBox)
        if (draft.step, draft.stage) != (view.step_index, view.stage) or not boxes:
            return
        box = boxes.first()
        box.load_text(draft.text)
        box.move_cursor(box.document.end)

    # --- answering ----------------------------------------------------------------------

    @on(StepWidget.Answered)
    async def take_answer(self, message: StepWidget.Answered) -> None:
        message.stop()
        # a key pressed twice quickly answers once: the second press came from the step
        # that was on screen before, and must not answer the step that replaced it
        if message.step is not self._step:
            return
        await self.answer(message.answer)

    async def answer(self, answer: Answer) -> None:
        try:
            self.session.answer(answer)
        except AnswerError as error:
            self._show_error(error.message)
            return
        except Exception:  # a bug must not put a traceback in front of the partners
            log.exception("answer failed")
            self._show_error(UNEXPECTED)
            return
        self.app.post_message(SessionChanged(self.session))
        await self.show()

    def _show_error(self, message: str) -> None:
        if self._step is not None:
            self._step.show_error(message)
        else:
            self.notify(message, severity="warning", markup=False)

    # --- keys ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "forward":
            return self._step is not None and self._step.enter_goes_on
        if action == "dismiss_notices":
            return any(line.dismissible for line in
                       self.query("#notices NoticeLine").results(NoticeLine))
        if action == "take_offered":
            return bool(self._offer_lines()) and not self._above
        if action == "support_lines":
            return self.cues.danger is not None and self.cues.danger.is_attached
        if action == "undo":
            return None if not self.session.view().can_undo else True
        return True

    def action_forward(self) -> None:
        if self._step is not None:
            self._step.forward()

    def action_dismiss_notices(self) -> None:
        """Esc: the notes and an offer go; a danger line stays (it is crisis help)."""
        for line in self.query("#notices NoticeLine").results(NoticeLine):
            if line.dismissible:
                line.remove()
        self.call_after_refresh(self.refresh_bindings)

    async def action_support_lines(self) -> None:
        await self.app.run_action("resources")

    @on(NoticeLine.TakeBreak)
    def _offer_pressed(self) -> None:
        self.action_take_offered()

    @on(Button.Pressed, f"#{TAKE_BREAK_BUTTON}")
    def _break_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_take_break()

    def action_take_offered(self) -> None:
        """The one key for an offered break: taken at once, by the partner it is about."""
        from coach.ui.break_flow import take_offered_break

        if self._above or not self._offer_lines():
            return
        self._above = True
        if not take_offered_break(self.app, self.session, self.settings, self._break_done,
                                  cues=self.cues.matched, changed=self._changed):
            self._above = False

    def action_take_break(self) -> None:
        view = self.session.view()
        if self._above or view.phase in ("ended", "break"):
            return
        self._open_break()

    def action_undo(self) -> None:
        if self._above:
            return
        event = last_answer(self.session.events)
        if event is None or not self.session.view().can_undo:
            self.notify("There is no answer to take back yet.")
            return
        from coach.ui.screens.confirm import ConfirmScreen

        question = Content.assemble(
            "Take back ", literal(describe_answer(event)), "?\n\n",
            "The session goes back to just before it was given.",
        )
        self.app.push_screen(
            ConfirmScreen(question, "take it back", "keep it"), self._after_undo_question
        )

    async def _after_undo_question(self, yes: bool | None) -> None:
        if not yes:
            return
        try:
            self.session.undo()
        except AnswerError as error:
            self.notify(error.message, severity="warning", markup=False)
            return
        self._turn = None
        self.app.post_message(SessionChanged(self.session))
        await self.show()

    # --- the screens above this one ------------------------------------------------------

    def _open_break(self) -> None:
        """Ask who calls it and for how long, over the step, which stays as it is (a break
        under way, a resumed one, shows at once)."""
        from coach.ui.break_flow import open_break

        self._above = True
        open_break(self.app, self.session, self.settings, self._break_done,
                   cues=self.cues.matched, changed=self._changed)

    def _changed(self) -> None:
        """A break was taken: it is saved, and the offer it answered goes from under it."""
        self.app.post_message(SessionChanged(self.session))
        for line in self._offer_lines():
            line.remove()

    async def _break_done(self, taken: bool) -> None:
        if taken:
            await self._after_break()
        else:  # Esc: keep talking, nothing changed
            self._above = False

    def _open_private_check(self, view: View) -> None:
        from coach.ui.screens.private_check import PrivateCheckScreen

        self._above = True
        self.app.push_screen(PrivateCheckScreen(view, self.settings), self._after_check)

    def _open_end(self) -> None:
        if self._above:
            return
        from coach.ui.screens.end import EndScreen
        from coach.ui.screens.private_check import NotReadyScreen

        self._above = True
        view = self.session.view()
        if view.ended_reason == "not_ready":  # one neutral screen, with no summary of anything
            self.app.push_screen(NotReadyScreen(view.text.text), self._after_end)
            return
        self.app.push_screen(EndScreen(self.session), self._after_end)

    async def _after_break(self, _result: object = None) -> None:
        self._above = False
        self.app.post_message(SessionChanged(self.session))
        await self.show()

    async def _after_check(self, ok: bool | None) -> None:
        from coach.engine import Safe

        self._above = False
        try:
            view = self.session.answer(Safe(bool(ok)))
        except AnswerError as error:
            self.notify(error.message, severity="warning", markup=False)
        else:
            if view.phase not in ("private_check", "ended") and self.on_check_passed:
                self.on_check_passed()
        self.app.post_message(SessionChanged(self.session))
        await self.show()

    def _after_end(self, _result: object = None) -> None:
        """The end screen is closed: back to whatever opened the session (the library)."""
        self._above = False
        self.dismiss(None)
