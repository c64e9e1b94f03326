"""commit: the words of a commitment, and the day it will be looked at again.

With ``who: together`` the engine asks in two stages: the speaker types the
words (stage commit), then both partners agree to them or ask to change the
wording (stage agree, a choice answered by both).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from coach.engine import Choice, FreeText, Rendered
from coach.ui.steps.ask import ChoiceStep
from coach.ui.summary import last_answer, long_date
from coach.ui.text import literal
from coach.ui.widgets.note_box import NoteBox

#: how the engine quotes the draft at the end of its agree question
QUOTE_OPEN, QUOTE_CLOSE = (' "', False), ('"', False)


def split_draft(text: Rendered) -> tuple[Rendered, str | None]:
    """The agree question and the quoted draft it ends with, so the draft can stand on its
    own lines; the whole text and None when it is not quoted as the engine quotes it."""
    parts = text.parts
    if len(parts) >= 3 and parts[-3] == QUOTE_OPEN and parts[-1] == QUOTE_CLOSE and parts[-2][1]:
        question = parts[:-3]
        return Rendered("".join(t for t, _ in question), question), parts[-2][0]
    return text, None


class CommitStep(ChoiceStep):
    def review_line(self) -> str | None:
        session = self.session
        step = session.step() if session is not None else None
        review_in = getattr(step, "review_in", None)
        if session is None or review_in is None:
            return None
        now = session.clock.now()
        return f"We'll look at this again on {long_date(now + review_in, now)}."

    @property
    def agreeing(self) -> bool:
        return self.view.stage == "agree"

    def compose(self) -> ComposeResult:
        if self.agreeing:
            yield from self.compose_agree()
        else:
            yield from self.compose_commit()
        line = self.review_line()
        if line is not None:
            yield Static(line, classes="hint", id="review-date")
        yield self.error_line()
        yield self.go_on_button("Our answer  ⏎" if self.agreeing else "Commit  ⏎")

    def compose_commit(self) -> ComposeResult:
        if self.view.who == "together":
            yield self.for_whom(self.view.actor or self.view.speaker,
                                "types the commitment you make together.")
        else:
            yield from self.turn_header("writes a commitment")
        yield self.prompt()
        yield Static("The commitment, in a few words", classes="label")
        yield NoteBox("What will you do?", id="commitment", text=self.wording_to_change())

    def wording_to_change(self) -> str:
        """After "Change the wording", the words to change: nobody types them again."""
        if self.session is None or self.view.who != "together":
            return ""
        event = last_answer(self.session.events)
        if event is None or event.data.get("stage") != "agree":
            return ""
        return str(event.data.get("value") or "")

    def compose_agree(self) -> ComposeResult:
        yield Static(Content.assemble(
            self.partner("a"), " and ", self.partner("b"), ": a commitment you make together."),
            classes="for-whom")
        question, draft = split_draft(self.view.text)
        yield self.prompt(question)
        if draft is not None:
            yield Static(Content.assemble("“", literal(draft), "”"), classes="commitment",
                         id="draft")
        yield self.choice_list()

    def focus_first(self) -> None:
        if self.agreeing:
            self.query_one("#choices").focus()
        else:
            super().focus_first()

    def forward(self) -> None:
        if not self.agreeing:
            self.answer(FreeText(self.query_one("#commitment", NoteBox).text))
            return
        index = self.chosen()
        if index is None:
            self.show_error("Choose one of the two first: 1 or 2, or the arrows.")
            return
        self.answer(Choice(index))
