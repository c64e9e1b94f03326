"""What every step widget shares: the view it shows, how it answers, where errors go.

A step widget never decides anything about the exercise: it shows a
:class:`~coach.engine.View` and posts :class:`StepWidget.Answered` with a plain
answer; the session screen hands it to the engine and re-renders from the new
view. A refused answer comes back through :meth:`StepWidget.show_error`, and
what was typed stays where it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Markdown, Static

from coach.engine import Answer, Rendered, Session, View
from coach.settings import Settings
from coach.ui.text import literal, markdown_source
from coach.ui.widgets.css import beside
from coach.ui.widgets.hand_off import HandOff
from coach.ui.widgets.note_box import NoteBox
from coach.ui.widgets.partners import partner_name

#: how many of the data file's starters to show: a few ways in, not a list to read
DEFAULT_STARTERS = 3


def default_starters(kind: str) -> tuple[str, ...]:
    try:
        from coach.resources import starters

        return starters(kind)  # type: ignore[arg-type]
    except Exception:  # a broken data file costs the hints, never the step
        return ()


class StepWidget(Vertical):
    """Base class. Subclasses compose their parts and implement :meth:`forward`."""

    DEFAULT_CSS = beside(__file__)
    #: whether Enter does something on this step (the footer shows it only then)
    enter_goes_on = True

    @dataclass
    class Answered(Message):
        answer: Answer
        #: the widget that answered, so an answer from a step already replaced is dropped
        step: StepWidget

    def __init__(self, view: View, settings: Settings, session: Session | None = None) -> None:
        super().__init__(classes="step")
        self.view = view
        self.settings = settings
        #: for the few facts a view does not carry (a commitment's review interval)
        self.session = session

    # --- parts ----------------------------------------------------------------------

    def partner(self, partner: str) -> Content:
        return partner_name(self.view, partner, self.settings)

    def prompt(self, text: Rendered | None = None) -> Widget:
        """The step's own text: the exercise's Markdown, with partners' words escaped."""
        source = markdown_source(text if text is not None else self.view.text)
        return Markdown(source, classes="prompt")

    def for_whom(self, partner: str, what: str) -> Static:
        """'For Sam: …' so the actor is never in doubt."""
        return Static(Content.assemble(self.partner(partner), f" {what}"), classes="for-whom")

    def turn_header(self, what: str) -> ComposeResult:
        """Who answers now. With ``who: both``, the hand-off line first, and whether the
        other has answered (never what they answered)."""
        view = self.view
        actor = view.actor if view.actor in ("a", "b") else view.speaker
        if view.who == "both" and view.action in ("ask", "rate"):
            yield HandOff(view, actor, self.settings)
            for partner in view.answered:
                yield Static(Content.assemble(
                    self.partner(partner), " has answered ✓  (their answer stays hidden)"),
                    classes="answered")
        elif view.who == "both" and not view.answered:
            other_partner = "b" if actor == "a" else "a"
            yield Static(Content.assemble(self.partner(actor), f" {what} first, then ",
                                          self.partner(other_partner), "."), classes="for-whom")
        else:
            yield self.for_whom(actor, what)

    def starters(self, kind: str | None = None) -> ComposeResult:
        """The step's sentence starters; without any, the data file's for ``kind``."""
        starters: tuple[Rendered | str, ...] = self.view.starters
        if not starters and kind is not None:
            starters = default_starters(kind)[:DEFAULT_STARTERS]
        if not starters:
            return
        yield Static("You could start with", classes="label")
        for starter in starters:
            yield Static(Content.assemble("“", literal(starter), "”"), classes="starter")

    def note_box(self, label: str, placeholder: str = "") -> ComposeResult:
        yield Static(label, classes="label")
        yield NoteBox(placeholder, id="note")

    def error_line(self) -> Static:
        return Static("", classes="error", id="error")

    def go_on_button(self, label: str = "Go on  ⏎") -> Button:
        """A button for the mouse; Enter belongs to the screen, so it never takes focus."""
        button = Button(label, id="go-on", variant="primary", compact=True)
        button.can_focus = False
        return button

    # --- behaviour -------------------------------------------------------------------

    def on_note_box_submitted(self, event: NoteBox.Submitted) -> None:
        event.stop()
        self.forward()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "go-on":
            event.stop()
            self.forward()

    def answer(self, answer: Answer) -> None:
        self.clear_error()
        self.post_message(self.Answered(answer, self))

    def forward(self) -> None:
        """Enter: go on with what is on screen."""

    def focus_first(self) -> None:
        """Put the focus where the answer is typed or chosen."""
        for widget in self.query("NoteBox, .focus-first"):
            if widget.focusable:
                widget.focus()
                return
        if self.can_focus:
            self.focus()

    def update_view(self, view: View) -> None:
        """The same turn of the same step, with a newer view (a pause's ready list)."""
        self.view = view

    def show_error(self, message: str) -> None:
        errors = self.query("#error")
        if errors:
            error = errors.first(Static)
            error.update(literal(message[:1].upper() + message[1:]))
            error.display = True
        else:
            self.notify(message, severity="warning", markup=False)

    def clear_error(self) -> None:
        for error in self.query("#error"):
            if isinstance(error, Static):
                error.update("")
                error.display = False

    def note(self) -> str | None:
        boxes = self.query(NoteBox)
        return boxes.first().note if boxes else None
