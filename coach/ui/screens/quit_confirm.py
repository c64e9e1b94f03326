"""Asked before ctrl+q ends a session in progress; Esc or "Keep going" returns to it."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from coach.ui.text import literal

#: what quitting does to a session that is being saved
KEPT = ("It is saved as it is now: the next time coach opens, it offers to pick it up "
        "at this step, with what you typed.")
#: ... and to one that is not (after the records' own line saying why)
LOST = "Quitting ends it; you can start the exercise again another time."


def consequence(unsaved_line: str | None) -> str:
    """What the question says will happen, from the records' status line (None: all is
    being saved): a couple must not quit believing the session is kept when it is not."""
    return KEPT if unsaved_line is None else f"{unsaved_line} {LOST}"


class QuitConfirm(ModalScreen[bool]):
    CSS_PATH = "quit_confirm.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "keep", "Keep going"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("left,right", "app.focus_next", show=False),
    ]

    def __init__(self, consequence: str) -> None:
        super().__init__()
        self.consequence = consequence

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Stop this session and quit coach?", id="question")
            yield Static(literal(self.consequence), id="consequence")
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
