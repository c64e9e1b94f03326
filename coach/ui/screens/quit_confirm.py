"""Asked before ctrl+q ends a session in progress; Esc or "Keep going" returns to it."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static


class QuitConfirm(ModalScreen[bool]):
    CSS_PATH = "quit_confirm.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "keep", "Keep going"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("left,right", "app.focus_next", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Stop this session and quit coach?", id="question")
            yield Static(
                "The session ends here; you can start the exercise again another time.",
                id="consequence",
            )
            with Horizontal(id="buttons"):
                yield Button("Keep going", variant="primary", id="keep")
                yield Button("Quit", variant="error", id="quit")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#quit")
    def action_quit(self) -> None:
        self.dismiss(True)
