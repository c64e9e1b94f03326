"""say: the exercise's text for both partners; Enter goes on."""

from __future__ import annotations

from textual.app import ComposeResult

from coach.engine import Done
from coach.ui.steps.base import StepWidget


class SayStep(StepWidget):
    def compose(self) -> ComposeResult:
        yield self.prompt()
        yield self.error_line()
        yield self.go_on_button()

    def forward(self) -> None:
        self.answer(Done())
