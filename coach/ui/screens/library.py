"""The library: every exercise, a search, and the chosen one's description beside the list.

The files are read in a worker, so the screen is up before the exercise format
is even imported; the Markdown widget is imported after the list is shown.
Files that did not load stay in the list, marked, with their problems.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from coach.ui.library_rows import Row, filtered, quick_rows
from coach.ui.text import literal
from coach.ui.widgets.title_bar import TitleBar

#: what a private coach has none of: it keeps no records to look back at
LOOKING_BACK = ("history", "ledger", "progress")
PRIVATE_LINE_SECONDS = 6
PRIVATE_NOTHING_KEPT = (
    "coach is private on this computer and keeps no records, so there is no history, "
    "commitments or progress to look back at."
)


@dataclass
class RowsLoaded(Message):
    rows: list[Row]
    #: set when the scan itself failed (not one file: the whole folder)
    failure: str | None = None
    #: problems in the user's vocabulary, starters, soothing or cue files (built-ins used)
    data_problems: tuple[str, ...] = ()


class MarkdownReady(Message):
    """The Markdown widget's module is imported: descriptions can be rendered."""


class ExerciseList(OptionList):
    """The list of exercises; Enter is shown in the footer as what it does here."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Start")]


class SearchBox(Input):
    """The search; Enter starts the highlighted exercise, and the footer says so."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Start")]


class LibraryScreen(Screen[None]):
    # library.tcss is loaded by the app: this is its default screen
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start"),
        Binding("slash", "search", "Search"),
        Binding("r", "reload", "Reload"),
        Binding("s", "settings", "Settings"),
        Binding("h", "history", "History"),
        # the footer has room for one: history shows the other two in its own
        Binding("c", "ledger", "Commitments", show=False),
        Binding("g", "progress", "Progress", show=False),
        Binding("f2", "app.resources", "Support lines"),
        Binding("escape", "leave_search", "Back to the list", show=False),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(self, exercise_dirs: Sequence[Path] = ()) -> None:
        super().__init__()
        self.exercise_dirs = tuple(exercise_dirs)
        self.rows: list[Row] = []
        self.shown: list[Row] = []
        self.loaded = False
        self._markdown_ready = False
        self._detail_key: str | None = None
        #: the row to open once the scan has loaded it (Enter pressed on a cached row)
        self._pending: str | None = None
        self._telling_private = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="body"):
            with Vertical(id="left"):
                search = SearchBox(placeholder="title, summary or tag", id="search")
                search.border_title = "Find"
                yield search
                yield ExerciseList(id="list")
                yield Static("Loading the exercises…", id="status")
            with VerticalScroll(id="detail"):
                yield Static(id="meta")
                yield Static(id="summary")
                yield Static(id="description")
                yield Static(id="problems")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#list", OptionList).focus()
        self.query_one("#detail").display = False
        # the last scan's rows when no file changed (or, on a first start, the built-ins'
        # shipped rows): a millisecond, so the list is there at once; the scan below
        # follows and brings the exercises themselves
        cached = quick_rows(self.exercise_dirs)
        if cached is None:
            self.scan()
            return
        self.rows = cached
        self.refilter()
        # the scan's imports would slow the first paint down: it starts right after it
        self.call_after_refresh(self.scan)

    # --- loading ---------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="scan", exit_on_error=False)
    def scan(self) -> None:
        from coach.ui.imports import IMPORT_LOCK

        try:
            with IMPORT_LOCK:
                from coach.ui.library_rows import save_cached_rows, scan_rows, stamps

                taken = stamps(self.exercise_dirs)
                rows = scan_rows(self.exercise_dirs)
        except Exception as error:  # a folder that cannot be listed must not end the app
            self.post_message(RowsLoaded([], f"The exercises could not be read: {error}"))
            return
        self.post_message(RowsLoaded(rows, data_problems=_data_problems()))
        if getattr(self.app, "private", False):
            return  # a shared computer: not even the list of exercises is written
        with contextlib.suppress(OSError):  # only a way to start faster next time
            save_cached_rows(self.exercise_dirs, taken, rows)

    @work(thread=True, exclusive=True, group="markdown", exit_on_error=False)
    def import_markdown(self) -> None:
        import importlib

        import textual.widgets._markdown  # noqa: F401  (warm the import off the event loop)

        self.post_message(MarkdownReady())
        # and what Enter will need, so the set-up and the first step open without a pause
        from coach.ui.imports import IMPORT_LOCK

        for module in ("coach.engine", "coach.ui.screens.setup", "coach.ui.screens.session"):
            with IMPORT_LOCK, contextlib.suppress(Exception):
                importlib.import_module(module)

    @on(RowsLoaded)
    def rows_loaded(self, message: RowsLoaded) -> None:
        first_load = not self.loaded
        self.loaded = True
        self.rows = message.rows
        self.refilter()
        if message.failure:
            self.query_one("#status", Static).update(literal(message.failure))
        elif not first_load:
            self.notify(f"Reloaded: {self._count_text()}.", timeout=3, markup=False)
        if first_load:
            self.call_after_refresh(self.import_markdown)
        for problem in message.data_problems if first_load else ():
            self.notify(problem, title="A data file", severity="warning", timeout=12, markup=False)
        if self._pending is not None:
            pending, self._pending = self._pending, None
            row = next((r for r in self.rows if r.key == pending and r.exercise), None)
            if row is not None and self.app.screen is self:
                self.app.open_exercise(row.exercise)  # type: ignore[attr-defined]

    @on(MarkdownReady)
    def markdown_ready(self) -> None:
        self._markdown_ready = True
        self._detail_key = None
        self.show_detail(self.current_row())

    # --- the list --------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def search_changed(self) -> None:
        self.refilter()

    def refilter(self) -> None:
        query = self.query_one("#search", Input).value
        option_list = self.query_one("#list", OptionList)
        keep = self.current_row()
        self.shown = filtered(self.rows, query)
        option_list.clear_options()
        option_list.add_options(_options(self.shown))
        highlight = _first_exercise_index(option_list, keep.key if keep else None)
        option_list.highlighted = highlight
        self.update_status(query)
        self.show_detail(self.current_row())

    def _count_text(self) -> str:
        usable = sum(row.ok for row in self.rows)
        text = f"{usable} exercise{'s' if usable != 1 else ''}"
        broken = len(self.rows) - usable
        if broken:
            text += f" · {broken} ✗ not loaded"
        return text

    def update_status(self, query: str) -> None:
        status = self.query_one("#status", Static)
        if query.strip() and not any(row.ok for row in self.shown):
            status.update(Content("No exercise matches “") + literal(query) + Content("”."))
        else:
            status.update(self._count_text())

    def current_row(self) -> Row | None:
        option_list = self.query_one("#list", OptionList)
        index = option_list.highlighted
        if index is None or not self.shown:
            return None
        option_id = option_list.get_option_at_index(index).id
        return next((row for row in self.shown if row.key == option_id), None)

    @on(OptionList.OptionHighlighted, "#list")
    def highlighted(self) -> None:
        self.show_detail(self.current_row())

    @on(OptionList.OptionSelected, "#list")
    def selected(self) -> None:
        self.action_start()

    @on(Input.Submitted, "#search")
    def submitted(self) -> None:
        self.action_start()

    # --- the detail ------------------------------------------------------------------

    def show_detail(self, row: Row | None) -> None:
        detail = self.query_one("#detail", VerticalScroll)
        detail.display = row is not None
        if row is None:
            self._detail_key = None
            self.query_one(TitleBar).set_where("")
            return
        if row.key == self._detail_key:
            return
        self._detail_key = row.key
        self.query_one(TitleBar).set_where(row.title if row.ok else "")
        detail.border_title = literal(row.title)
        detail.border_subtitle = f"{row.minutes} min" if row.minutes else ""
        detail.set_class(not row.ok, "-problems")
        self.query_one("#meta", Static).update(_meta(row))
        summary = self.query_one("#summary", Static)
        summary.update(literal(row.summary))
        summary.display = row.ok and bool(row.summary)
        problems = self.query_one("#problems", Static)
        problems.update(_problems(row))
        problems.display = not row.ok
        self._show_description(row.description if row.ok else "")
        detail.scroll_home(animate=False)

    def _show_description(self, text: str) -> None:
        plain = self.query_one("#description", Static)
        if not self._markdown_ready:
            plain.update(literal(text))
            plain.display = bool(text)
            return
        from textual.widgets import Markdown

        detail = self.query_one("#detail")
        if not detail.is_attached:
            return  # coach is closing (quick hide just after start): nothing to mount into
        plain.display = False
        existing = self.query("#markdown")
        if existing:
            markdown = existing.first(Markdown)
        else:
            markdown = Markdown(id="markdown", open_links=False)
            detail.mount(markdown, after=plain)
        markdown.display = bool(text)
        markdown.update(text)

    # --- actions ---------------------------------------------------------------------

    def action_start(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if not row.ok:
            self.notify(
                "This file cannot be used until its problems are fixed; press r to reload it.",
                severity="warning",
                markup=False,
            )
            return
        if row.exercise is None:  # listed from the cache; the scan brings it in a moment
            self._pending = row.key
            return
        self.app.open_exercise(row.exercise)  # type: ignore[attr-defined]

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_leave_search(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus:
            self.query_one("#list", OptionList).focus()

    def action_move(self, step: int) -> None:
        option_list = self.query_one("#list", OptionList)
        if step > 0:
            option_list.action_cursor_down()
        else:
            option_list.action_cursor_up()

    def action_reload(self) -> None:
        self.query_one("#status", Static).update("Reloading…")
        self.scan()

    def action_settings(self) -> None:
        from coach.ui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen())

    # looking back: nothing of it on a shared computer, where nothing is kept
    def action_history(self) -> None:
        from coach.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def action_ledger(self) -> None:
        from coach.ui.screens.ledger import LedgerScreen

        self.app.push_screen(LedgerScreen())

    def action_progress(self) -> None:
        from coach.ui.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen())

    def on_key(self, event: events.Key) -> None:
        # the looking-back keys are gone from the footer in private mode; someone who
        # knows them from before is told why nothing opens, not left guessing
        bound = self._bindings.key_to_bindings.get(event.key, ())
        if (
            any(binding.action in LOOKING_BACK for binding in bound)
            and getattr(self.app, "private", False)
            and not self.query_one("#search", Input).has_focus
        ):
            event.stop()
            if not self._telling_private:  # once while it shows, not a stack of copies
                self._telling_private = True
                self.notify(PRIVATE_NOTHING_KEPT, timeout=PRIVATE_LINE_SECONDS, markup=False)
                self.set_timer(PRIVATE_LINE_SECONDS, self._told_private)

    def _told_private(self) -> None:
        self._telling_private = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in LOOKING_BACK and getattr(self.app, "private", False):
            return False
        if action in ("move", "leave_search"):
            # only while typing a search: the list moves its own cursor
            return self.query_one("#search", Input).has_focus
        return True


def _data_problems() -> tuple[str, ...]:
    """The user's data files that could not be used (the built-in ones are used instead)."""
    try:
        from coach.resources import problems

        return tuple(f"{p}; the built-in file is used instead" for p in problems())
    except Exception:  # a convenience: never let it stop the library from showing
        return ()


def _options(rows: Sequence[Row]) -> list[Option | None]:
    options: list[Option | None] = []
    group = None
    for row in rows:
        if row.group != group:
            group = row.group
            options.append(Option(_heading(group.title), disabled=True))
        options.append(Option(_prompt(row), id=row.key))
    return options


def _heading(title: str) -> Content:
    return literal(title).stylize("bold $text-accent")


def _prompt(row: Row) -> Content:
    if not row.ok:
        return Content.assemble(
            ("✗ ", "bold $text-error"), literal(row.title), "\n  ", (row.summary, "$text-error")
        )
    second = [f"{row.minutes} min"] if row.minutes else []
    second += list(row.tags)
    line = literal(" · ".join(second)).stylize("$text-muted")
    return Content.assemble("  ", literal(row.title), "\n  ", line)


def _meta(row: Row) -> Content:
    if not row.ok:
        return Content.assemble(
            ("This file could not be loaded. ", "bold $text-error"),
            "Fix what is listed below, save, and press r to reload.",
        )
    why = Content("")
    if row.why:
        where = f"Step {row.position} of the path"
        if row.stage:
            where += f" · {row.stage}"
        why = Content.assemble(literal(where).stylize("bold $text-accent"), "\n",
                               literal(row.why), "\n\n")
    parts = []
    if row.tags:
        parts.append(literal(", ".join(row.tags)))
    parts.append(literal(row.origin))
    meta = why + Content(" · ").join(parts).stylize("$text-muted")
    if row.origin != "built-in":
        meta += Content("\n") + literal(str(row.path)).stylize("$text-muted")
    if row.replaces:
        meta += Content("\n") + literal(f"Used instead of {row.replaces}").stylize("$text-warning")
    return meta


def _problems(row: Row) -> Content:
    """The file once, then each problem's line and column above its message."""
    if row.ok:
        return Content("")
    files = sorted({file for file, _, _, _ in row.problems})
    one_file = len(files) == 1
    blocks = [literal(files[0]).stylize("$text-muted")] if one_file else []
    for file, line, column, message in row.problems:
        place = f"line {line}, column {column}" if one_file else f"{file}:{line}:{column}"
        blocks.append(Content.assemble(literal(place).stylize("bold"), "\n", literal(message)))
    return Content("\n\n").join(blocks)


def _first_exercise_index(option_list: OptionList, key: str | None) -> int | None:
    """The option to highlight: the same row as before, else the first that is not a heading."""
    enabled = [i for i in range(option_list.option_count)
               if not option_list.get_option_at_index(i).disabled]
    if not enabled:
        return None
    for index in enabled:
        if option_list.get_option_at_index(index).id == key:
            return index
    return enabled[0]

