"""A yes/no question over the current screen: y says yes, n or Esc says no.

Enter is not an answer here: a question that takes something back should not
be answered by a key pressed out of habit.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static


class ConfirmScreen(ModalScreen[bool]):
    CSS_PATH = "confirm.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "yes"),
        Binding("n,escape", "answer(False)", "no", key_display="n/esc"),
    ]

    def __init__(self, question: Content, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no
        # the footer says what each key does here, in the question's own words
        self._bindings.key_to_bindings["y"] = [Binding("y", "answer(True)", yes)]
        for key in ("n", "escape"):
            self._bindings.key_to_bindings[key] = [
                Binding(key, "answer(False)", no, key_display="n/esc", show=key == "n")
            ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question")
            with Horizontal(id="answers"):
                yield Button(Content(f"y  {self.yes}"), id="yes", compact=True)
                yield Button(Content(f"n  {self.no}"), id="no", compact=True, variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
