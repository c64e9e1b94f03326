"""ask: a question with options (arrows or the option's number, then Enter) or free text."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets.option_list import Option

from coach.engine import Choice, FreeText
from coach.ui.steps.base import StepWidget
from coach.ui.text import literal
from coach.ui.widgets.choice_list import ChoiceList
from coach.ui.widgets.note_box import NoteBox

NUMBER_KEYS: list[BindingType] = [
    Binding("1", "number(1)", "option", key_display="1-9"),
    *[Binding(str(n), f"number({n})", "option", show=False) for n in range(2, 10)],
]


def numbered(options: tuple[object, ...]) -> list[Option]:
    return [
        Option(Content.assemble((f"{n}  ", "bold"), literal(str(label))), id=f"option-{n - 1}")
        for n, label in enumerate(options, 1)
    ]


class ChoiceStep(StepWidget):
    """A step answered by picking one of a list: digits move to an option, Enter takes it."""

    BINDINGS: ClassVar[list[BindingType]] = NUMBER_KEYS

    def choice_list(self) -> ChoiceList:
        return ChoiceList(numbered(self.view.options), id="choices")

    def on_mount(self) -> None:
        for choices in self.query(ChoiceList):
            choices.highlighted = None  # nothing is chosen until someone chooses
        self.show_number_range()

    def option_count(self) -> int:
        lists = self.query(ChoiceList)
        return lists.first().option_count if lists else 0

    def show_number_range(self) -> None:
        """The footer names the digits that work here ("1-2"), not every digit."""
        count = self.option_count()
        if not count:
            return
        shown = "1" if count == 1 else f"1-{min(count, 9)}"
        keys = self._bindings.key_to_bindings
        keys["1"] = [replace(b, key_display=shown) for b in keys.get("1", [])]
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "number":
            count = self.option_count()
            return bool(count) and (
                not parameters or int(parameters[0]) <= count  # type: ignore[call-overload]
            )
        return True

    def action_number(self, number: int) -> None:
        choices = self.query_one(ChoiceList)
        if 1 <= number <= choices.option_count:
            choices.highlighted = number - 1
            choices.focus()

    def chosen(self) -> int | None:
        lists = self.query(ChoiceList)
        return lists.first().highlighted if lists else None


class AskStep(ChoiceStep):
    def compose(self) -> ComposeResult:
        yield from self.turn_header("answers")
        yield self.prompt()
        if self.view.options:
            yield self.choice_list()
        else:
            yield NoteBox("Type the answer", id="answer")
        yield self.error_line()
        yield self.go_on_button("Answer  ⏎")

    def focus_first(self) -> None:
        for widget in self.query("ChoiceList, NoteBox"):
            widget.focus()
            return

    def forward(self) -> None:
        if not self.view.options:
            self.answer(FreeText(self.query_one(NoteBox).text))
            return
        index = self.chosen()
        if index is None:
            self.show_error("Choose one of the options first: its number, or the arrows.")
            return
        self.answer(Choice(index))
