"""A list of options whose Enter belongs to the screen: arrows move, Enter goes on.

OptionList's own Enter would select on its own terms; here Enter means "go on"
as everywhere else, so the step reads the highlighted option. A click only
highlights (the step's button confirms), so a stray click never answers.
Prompts are always plain Content: option labels are exercise or partner text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from coach.ui.widgets.css import beside


class ChoiceList(OptionList, inherit_bindings=False):
    DEFAULT_CSS = beside(__file__)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "down", show=False),
        Binding("up", "cursor_up", "up", show=False),
        Binding("home", "first", "first", show=False),
        Binding("end", "last", "last", show=False),
        Binding("pagedown", "page_down", "page down", show=False),
        Binding("pageup", "page_up", "page up", show=False),
    ]

    def __init__(self, options: Iterable[Option] = (), *, id: str | None = None) -> None:
        super().__init__(*options, id=id, markup=False)

    def action_select(self) -> None:
        """A click highlights; it does not answer."""
