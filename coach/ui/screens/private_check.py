"""The private check (plain for now): one partner at a time, behind a hand-off line.

First the hand-off: the other partner looks away, and the one asked presses
Enter when only they can see the screen. Then the engine's question, yes or no.
The answer goes back to the session screen and is never shown.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from coach.engine import View
from coach.settings import Settings
from coach.ui.text import literal
from coach.ui.widgets.hand_off import hand_off_text


class PrivateCheckScreen(Screen[bool]):
    CSS_PATH = "private_check.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "reveal", "only I can see", key_display="⏎"),
        Binding("y", "answer(True)", "yes"),
        Binding("n", "answer(False)", "no"),
    ]

    def __init__(self, view: View, settings: Settings) -> None:
        super().__init__()
        self.view = view
        self.settings = settings
        self.revealed = False

    def compose(self) -> ComposeResult:
        view = self.view
        actor = view.actor if view.actor in ("a", "b") else "a"
        yield Static("A private question", id="check-title")
        with Vertical(id="check-body"):
            yield Static(hand_off_text(view, actor, self.settings, "presses Enter"),
                         id="hand-off")
            with Vertical(id="question"):
                yield Static(literal(view.text), classes="text")
                with Horizontal(classes="buttons"):
                    yes = Button(Content("y  Yes"), id="yes", compact=True)
                    no = Button(Content("n  No"), id="no", compact=True)
                    for button in (yes, no):
                        button.can_focus = False
                        yield button
                yield Static("Your answer is not shown to anyone, nor kept with your name.",
                             classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#question").display = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reveal":
            return not self.revealed
        return self.revealed

    def action_reveal(self) -> None:
        self.revealed = True
        self.query_one("#hand-off").display = False
        self.query_one("#question").display = True
        self.refresh_bindings()

    def action_answer(self, ok: bool) -> None:
        if self.revealed:
            self.dismiss(ok)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_answer(event.button.id == "yes")
