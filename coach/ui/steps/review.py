"""review: one commitment at a time; kept, partly, missed or renegotiate, with a note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static
from textual.widgets.option_list import Option

from coach.engine import Reviewed
from coach.engine.answers import OUTCOMES
from coach.ui.steps.ask import ChoiceStep
from coach.ui.summary import short_date
from coach.ui.text import literal
from coach.ui.widgets.choice_list import ChoiceList

OUTCOME_LABELS = {
    "kept": "Kept",
    "partly": "Partly kept (we'll look again)",
    "missed": "Missed",
    "renegotiate": "Renegotiate: change it together",
}


class ReviewStep(ChoiceStep):
    def compose(self) -> ComposeResult:
        view = self.view
        commitment = view.commitment
        position = view.review_position
        if position is not None and position[1] > 1:
            yield Static(f"Commitment {position[0]} of {position[1]}", classes="for-whom")
        yield self.prompt()
        if commitment is not None:
            yield Static(Content.assemble("“", (literal(commitment.text)), "”"),
                         classes="commitment")
            if commitment.partner == "both":
                whose = Content.assemble(
                    "Made together by ", self.partner("a"), " and ", self.partner("b"))
            else:
                whose = Content.assemble(self.partner(commitment.partner), " made it")
            yield Static(Content.assemble(
                whose, f" on {short_date(commitment.made_at)}; "
                f"due {short_date(commitment.due_at)}."), classes="hint")
        yield ChoiceList([
            Option(Content.assemble((f"{n}  ", "bold"), OUTCOME_LABELS[o]), id=o)
            for n, o in enumerate(OUTCOMES, 1)
        ], id="choices")
        yield from self.note_box("A note, if you want one")
        yield self.error_line()
        yield self.go_on_button("That's how it went  ⏎")

    def focus_first(self) -> None:
        self.query_one(ChoiceList).focus()

    def forward(self) -> None:
        index = self.chosen()
        if index is None:
            self.show_error("Choose how it went first: its number, or the arrows.")
            return
        self.answer(Reviewed(OUTCOMES[index], self.note()))
