"""The commitments ledger: every commitment, who made it, when, its review and its status."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from coach.ui.looking_back import KEPT_WEEKS, LedgerItem, LedgerPage, day, ledger_page
from coach.ui.text import literal
from coach.ui.widgets.title_bar import TitleBar


def item_text(item: LedgerItem) -> Text:
    """One commitment: its words, who and when, its status, and each review's notes."""
    c = item.commitment
    who = "both together" if c.partner == "both" else c.name
    text = Text.assemble("“", c.text, "”\n", "  ", who,
                         f" · made {day(c.made_at)} · review {day(c.due_at)} · ",
                         (item.status, "bold"))
    for review in c.reviews:
        word = "renegotiated" if review.outcome == "renegotiate" else review.outcome
        text.append(f"\n    {day(review.at)}: {word}")
        if review.note:
            text.append(" · ")
            text.append(review.note)  # literal: a Text never reads markup
    return text


class LedgerScreen(Screen[None]):
    CSS_PATH = "looking_back.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "back")]

    def compose(self) -> ComposeResult:
        yield TitleBar("Commitments")
        yield Static("", id="about")
        yield VerticalScroll(Static("Reading…", id="reading"), id="items")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#items").focus()
        self._load()

    @work(thread=True, group="ledger")
    def _load(self) -> None:
        now = self.app.clock.now()  # type: ignore[attr-defined]
        self.app.call_from_thread(self._show, ledger_page(now))

    async def _show(self, page: LedgerPage) -> None:
        box = self.query_one("#items", VerticalScroll)
        await box.remove_children()
        about = self.query_one("#about", Static)
        if page.problem:
            about.update(literal(page.problem))
            return
        if not page.items:
            about.update("No commitments yet. Exercises that end in a commitment add them here.")
            return
        due = sum(1 for item in page.items if item.status == "due")
        counts = f"{len(page.items)} commitment{'s' * (len(page.items) != 1)}"
        kept = (f"kept over the last {KEPT_WEEKS} weeks: {page.kept} of {page.reviewed} "
                "reviewed" if page.reviewed else f"none reviewed in the last {KEPT_WEEKS} weeks")
        about.update(f"{counts} · {due} due for review · {kept}")
        await box.mount_all(Static(item_text(item), classes=f"item {item.status}")
                            for item in page.items)

    def action_back(self) -> None:
        self.dismiss(None)
