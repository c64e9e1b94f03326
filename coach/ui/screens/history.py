"""History: past sessions newest first, filtered by exercise and words; Enter opens one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Select, Static

from coach.store import SessionSummary
from coach.ui.looking_back import HistoryPage, history, length_text, when
from coach.ui.widgets.title_bar import TitleBar

COLUMNS = ("When", "Exercise", "Who", "Length", "Breaks", "")


def row_of(summary: SessionSummary) -> tuple[Text, ...]:
    """One session as literal cells (names and titles are never markup)."""
    breaks = "none" if summary.breaks == 0 else str(summary.breaks)
    done = Text("finished") if summary.finished else Text("unfinished", style="bold")
    return (Text(when(summary.started_at)), Text(summary.title),
            Text(f"{summary.name_a} & {summary.name_b}"), Text(length_text(summary.length)),
            Text(breaks), done)


class HistoryScreen(Screen[None]):
    CSS_PATH = "looking_back.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "back"),
        Binding("enter", "open", "open", key_display="⏎", show=False),
        Binding("slash", "search", "words"),
        Binding("c", "ledger", "commitments"),
        Binding("g", "progress", "progress"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sessions: list[SessionSummary] = []
        self._exercises: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield TitleBar("History")
        with Horizontal(id="filters"):
            yield Select[str]((), prompt="Every exercise", id="exercise", compact=True)
            yield Input(placeholder="Words said, a name, a title", id="words", compact=True)
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=False)
        yield Static("", id="empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        table.focus()
        self.load()

    # --- loading, in a worker ---------------------------------------------------------

    def load(self) -> None:
        exercise = self.query_one("#exercise", Select).value
        words = self.query_one("#words", Input).value.strip()
        self._load(exercise if isinstance(exercise, str) else None, words)

    @work(thread=True, exclusive=True, group="history")
    def _load(self, exercise: str | None, words: str) -> None:
        page = history(exercise, words)
        self.app.call_from_thread(self._show, page, bool(exercise or words))

    def _show(self, page: HistoryPage, filtered: bool) -> None:
        self.sessions = page.sessions
        table = self.query_one(DataTable)
        table.clear()
        for summary in page.sessions:
            table.add_row(*row_of(summary), key=str(summary.id))
        if page.exercises != self._exercises:
            self._exercises = page.exercises
            select = self.query_one("#exercise", Select)
            with self.prevent(Select.Changed):
                select.set_options((title, exercise) for exercise, title in page.exercises)
        empty = self.query_one("#empty", Static)
        empty.display = not page.sessions
        if page.problem:
            empty.update(Text(page.problem))
        elif filtered:
            empty.update("No session matches.")
        else:
            empty.update("No sessions yet. Each session you finish or pause appears here.")

    @on(Select.Changed, "#exercise")
    @on(Input.Changed, "#words")
    def _filter(self) -> None:
        self.load()

    @on(Input.Submitted, "#words")
    def _to_the_list(self) -> None:
        self.query_one(DataTable).focus()

    # --- keys -------------------------------------------------------------------------

    def action_back(self) -> None:
        if self.query_one("#words", Input).has_focus:
            self.query_one(DataTable).focus()
            return
        self.dismiss(None)

    def action_search(self) -> None:
        self.query_one("#words", Input).focus()

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if not self.sessions or table.cursor_row >= len(self.sessions):
            return
        from coach.ui.screens.transcript import TranscriptScreen

        self.app.push_screen(TranscriptScreen(self.sessions[table.cursor_row].id))

    def action_ledger(self) -> None:
        from coach.ui.screens.ledger import LedgerScreen

        self.app.push_screen(LedgerScreen())

    def action_progress(self) -> None:
        from coach.ui.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen())
