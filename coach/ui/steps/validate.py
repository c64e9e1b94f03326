"""validate: the listener says why the feeling makes sense; starters filled with it."""

from __future__ import annotations

from textual.app import ComposeResult

from coach.engine import Done
from coach.ui.steps.base import StepWidget
from coach.ui.steps.share import note_label


class ValidateStep(StepWidget):
    def compose(self) -> ComposeResult:
        yield self.for_whom(self.view.listener, "says why the feeling makes sense.")
        yield self.prompt()
        yield from self.starters("validate")
        label = note_label(self.view)
        if label is not None:
            yield from self.note_box(label)
        yield self.error_line()
        yield self.go_on_button("Said it  ⏎")

    def forward(self) -> None:
        self.answer(Done(self.note()))
