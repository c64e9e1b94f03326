"""Progress: each person's ratings over time as sparklines, and sessions and breaks per week."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Sparkline, Static

from coach.ui.looking_back import ProgressPage, progress_page
from coach.ui.text import literal
from coach.ui.widgets.title_bar import TitleBar

#: the latest values written out beside each sparkline
SHOWN = 8


def line(label: str, values: list[int]) -> Widget:
    """A label, a sparkline (from two values on: one alone draws no line) and the values."""
    if len(values) > 1:
        shape: Widget = Sparkline(values, classes="spark")
    else:
        shape = Static("·" if values else "", classes="spark")
    numbers = " ".join(str(v) for v in values[-SHOWN:]) if values else "none yet"
    if len(values) > SHOWN:
        numbers = "… " + numbers
    return Horizontal(Static(label, classes="label"), shape, Static(numbers, classes="last"),
                      classes="row")


class ProgressScreen(Screen[None]):
    CSS_PATH = "looking_back.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "back")]

    def compose(self) -> ComposeResult:
        yield TitleBar("Progress")
        yield VerticalScroll(Static("Reading…"), id="progress")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#progress").focus()
        self._load()

    @work(thread=True, group="progress")
    def _load(self) -> None:
        now = self.app.clock.now()  # type: ignore[attr-defined]
        dirs = getattr(self.app, "exercise_dirs", ())
        self.app.call_from_thread(self._show, progress_page(now, dirs))

    async def _show(self, page: ProgressPage) -> None:
        box = self.query_one("#progress", VerticalScroll)
        await box.remove_children()
        await box.mount_all(self._rows(page))

    def _rows(self, page: ProgressPage) -> Iterator[Widget]:
        if page.problem:
            yield Static(literal(page.problem))
            return
        if not page.people:
            yield Static("No ratings yet. The ratings you give in sessions appear here.",
                         classes="heading")
        for person in page.people:
            yield Static(literal(person.name), classes="heading")
            yield line("stirred up, before", person.before)
            yield line("stirred up, after", person.after)
            yield line("how safe it feels", person.safe)
        weeks = page.weeks
        sessions = [w.sessions for w in weeks]
        breaks = [w.breaks for w in weeks]
        yield Static(f"The last {len(weeks)} weeks, oldest first", classes="heading")
        yield line("sessions a week", sessions)
        yield line("breaks a week", breaks)

    def action_back(self) -> None:
        self.dismiss(None)
