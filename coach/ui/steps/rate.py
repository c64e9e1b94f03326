"""rate: a number on a scale with its labels; digits or ←/→ set it, Enter confirms."""

from __future__ import annotations

from textual.app import ComposeResult

from coach.engine import Number
from coach.ui.steps.base import StepWidget
from coach.ui.widgets.scale import Scale


class RateStep(StepWidget):
    def compose(self) -> ComposeResult:
        view = self.view
        yield from self.turn_header("answers")
        yield self.prompt()
        low, high = view.scale or (0, 10)
        labels = [(n, label.text) for n, label in view.scale_labels]
        yield Scale(low, high, labels, id="scale")
        yield self.error_line()
        yield self.go_on_button("This number  ⏎")

    def focus_first(self) -> None:
        self.query_one(Scale).focus()

    def on_scale_changed(self, event: Scale.Changed) -> None:
        event.stop()
        self.clear_error()

    def forward(self) -> None:
        value = self.query_one(Scale).value
        if value is None:
            self.show_error("Choose a number first: a digit, or ← and →.")
            return
        self.answer(Number(value))
