"""A number scale with its labels: digits or ←/→ set the number, a click sets it too.

Enter is the screen's: the step reads :attr:`Scale.value` when it goes on.
Nothing is chosen at first, so nobody's number is ever a default they forgot
to change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from coach.ui.text import literal
from coach.ui.widgets.css import beside

#: wider scales are shown as one number with its range, not a row of cells
MAX_CELLS = 16
CELL = 4


class ScaleCell(Static):
    def __init__(self, number: int) -> None:
        super().__init__(Content(f"{number:^{CELL}}"), classes="cell")
        self.number = number

    def on_click(self, event: events.Click) -> None:
        event.stop()
        scale = self.ancestors_with_self
        for node in scale:
            if isinstance(node, Scale):
                node.value = self.number
                node.focus()
                return


def label_line(low: int, high: int, labels: Sequence[tuple[int, str]]) -> Content | None:
    """The labels under their numbers, or None when they would overlap."""
    line = ""
    for number, text in labels:
        start = (number - low) * CELL
        if number == high and text:  # the last label ends under its number
            start = max(start + CELL - len(text), 0)
        if start < len(line) + (1 if line else 0):
            return None
        line = line.ljust(start) + text
    return literal(line)


class Scale(Widget, can_focus=True):
    DEFAULT_CSS = beside(__file__)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "less", key_display="←"),
        Binding("right", "step(1)", "more", key_display="→"),
        *[Binding(str(d), f"digit({d})", "set", show=False) for d in range(10)],
    ]

    value: reactive[int | None] = reactive(None)

    @dataclass
    class Changed(Message):
        scale: Scale

    def __init__(self, low: int, high: int, labels: Sequence[tuple[int, str]] = (),
                 *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.low, self.high = low, high
        self.labels = list(labels)
        self._typed = ""

    def compose(self) -> ComposeResult:
        count = self.high - self.low + 1
        if count <= MAX_CELLS:
            with Horizontal(classes="cells"):
                for number in range(self.low, self.high + 1):
                    yield ScaleCell(number)
            line = label_line(self.low, self.high, self.labels)
            if line is not None:
                yield Static(line, classes="labels")
                return
        else:
            yield Static("", classes="wide")
        if self.labels:
            yield Static(literal(" · ".join(f"{n} {t}" for n, t in self.labels)), classes="labels")

    def watch_value(self, value: int | None) -> None:
        for cell in self.query(ScaleCell):
            cell.set_class(cell.number == value, "-chosen")
            text = f"[{cell.number}]" if cell.number == value else str(cell.number)
            cell.update(Content(text.center(CELL)))
        for wide in self.query(".wide"):
            if isinstance(wide, Static):
                chosen = "nothing chosen yet" if value is None else f"{value}"
                wide.update(Content(f"{chosen}   (from {self.low} to {self.high})"))
        self.post_message(self.Changed(self))

    def on_mount(self) -> None:
        self.watch_value(self.value)

    def action_step(self, delta: int) -> None:
        self._typed = ""
        if self.value is None:
            self.value = (self.low + self.high) // 2
        else:
            self.value = min(max(self.value + delta, self.low), self.high)

    def action_digit(self, digit: int) -> None:
        """One digit sets it; a second one right after makes a longer number when it fits."""
        typed = self._typed + str(digit)
        if self._typed and self.low <= int(typed) <= self.high:
            self._typed = typed if len(typed) < len(str(self.high)) else ""
            self.value = int(typed)
        elif self.low <= digit <= self.high:
            self._typed = str(digit)
            self.value = digit
        else:
            self._typed = ""
