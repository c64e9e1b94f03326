"""Calm lines above the step: what passed on the way here, a break on offer, the floor passing.

Each can be dismissed (Esc, or its ✕ with the mouse); an offered break has its
own button, and ctrl+t takes it from anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from coach.ui.widgets.css import beside

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

    def __init__(self, text: Content | str, *, kind: str = "notice") -> None:
        super().__init__(classes=f"notice-line {kind}")
        self._text = text
        self.kind = kind

    def compose(self) -> ComposeResult:
        yield Static(self._text, classes="notice-text")
        if self.kind == "offer":
            take = Button("Take a break  ^t", classes="take-break", compact=True)
            take.can_focus = False
            yield take
        close = Button("✕", classes="dismiss", compact=True, tooltip="Dismiss (Esc)")
        close.can_focus = False
        yield close

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.has_class("take-break"):
            self.post_message(self.TakeBreak())
        self.remove()
