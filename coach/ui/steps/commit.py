"""commit: the words of a commitment, and the day it will be looked at again."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from coach.engine import FreeText
from coach.ui.steps.base import StepWidget
from coach.ui.summary import long_date
from coach.ui.widgets.note_box import NoteBox


class CommitStep(StepWidget):
    def review_line(self) -> str | None:
        session = self.session
        step = session.step() if session is not None else None
        review_in = getattr(step, "review_in", None)
        if session is None or review_in is None:
            return None
        now = session.clock.now()
        return f"We'll look at this again on {long_date(now + review_in, now)}."

    def compose(self) -> ComposeResult:
        yield from self.turn_header("writes a commitment")
        yield self.prompt()
        yield Static("The commitment, in a few words", classes="label")
        yield NoteBox("What will you do?", id="commitment")
        line = self.review_line()
        if line is not None:
            yield Static(line, classes="hint", id="review-date")
        yield self.error_line()
        yield self.go_on_button("Commit  ⏎")

    def forward(self) -> None:
        self.answer(FreeText(self.query_one("#commitment", NoteBox).text))
