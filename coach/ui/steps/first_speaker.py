"""Who speaks first, when set-up did not settle it: one of the two names."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets.option_list import Option

from coach.engine import Pick
from coach.ui.steps.ask import ChoiceStep
from coach.ui.text import literal
from coach.ui.widgets.choice_list import ChoiceList


class FirstSpeakerStep(ChoiceStep):
    def compose(self) -> ComposeResult:
        yield self.prompt()
        yield ChoiceList([
            # the names in bold, not in their colours: a colour can vanish on the highlight
            Option(Content.assemble((f"{n}  ", "bold"), literal(self.view.name(p)).stylize("bold")),
                   id=p)
            for n, p in enumerate(("a", "b"), 1)
        ], id="choices")
        yield self.error_line()
        yield self.go_on_button("Speaks first  ⏎")

    def focus_first(self) -> None:
        self.query_one(ChoiceList).focus()

    def forward(self) -> None:
        index = self.chosen()
        if index is None:
            self.show_error("Choose who speaks first: 1 or 2, or the arrows.")
            return
        self.answer(Pick(("a", "b")[index]))
