"""Calm lines above the step: what passed on the way here, a break on offer, the floor passing.

Each can be dismissed (Esc, or its ✕ with the mouse), except a danger line: it
is crisis help, and stays while the note matches. An offered break has its own
button, which takes it at once, as its one key does (ctrl+t asks the full question).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from coach.ui.widgets.css import beside
from coach.ui.widgets.floor_banner import TAKE_BREAK_LABEL

OFFER_TEXT = {
    "time_limit": "This step has run past its time. A break can help you both settle.",
    "not_confirmed": "The reflection has not landed yet, and that is all right. "
                     "A short break can help.",
    "high_rating": "That rating is high. A break now may help you both settle.",
}


def offer_text(reason: str) -> str:
    return OFFER_TEXT.get(reason, "A break is offered.")


class NoticeLine(Horizontal):
    DEFAULT_CSS = beside(__file__)

    @dataclass
    class TakeBreak(Message):
        """The offered break's button was pressed."""

    def __init__(
        self, text: Content | str, *, kind: str = "notice", take: str = TAKE_BREAK_LABEL,
    ) -> None:
        super().__init__(classes=f"notice-line {kind}")
        self._text = text
        self.kind = kind
        #: the offered break's button: what one key takes
        self._take = take

    @property
    def dismissible(self) -> bool:
        return self.kind != "danger"

    def show(self, text: Content | str) -> None:
        self._text = text
        if self.is_mounted:
            self.query_one(".notice-text", Static).update(text)

    def show_take(self, take: str) -> None:
        self._take = take
        if self.is_mounted and self.kind == "offer":
            self.query_one(".take-break", Button).label = take

    def compose(self) -> ComposeResult:
        yield Static(self._text, classes="notice-text")
        if self.kind == "offer":
            take = Button(self._take, classes="take-break", compact=True)
            take.can_focus = False
            yield take
        if self.dismissible:
            close = Button("✕", classes="dismiss", compact=True, tooltip="Dismiss (Esc)")
            close.can_focus = False
            yield close

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.has_class("take-break"):
            # the line stays until the break is taken: the screen takes it away then
            self.post_message(self.TakeBreak())
            return
        screen = self.screen
        self.remove()
        # the keys for what this line offered (Esc, the offer's key) go from the footer
        screen.call_after_refresh(screen.refresh_bindings)
