"""The end: what the session held, in a few calm lines, and the exercise's closing words."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from coach.engine import Session
from coach.engine.text import format_seconds
from coach.settings import Settings
from coach.ui.break_flow import OFFER_KEY, OFFER_KEY_SHOWN, offer_button
from coach.ui.summary import Summary, short_date, spoken_duration, summarise
from coach.ui.text import literal, markdown_source
from coach.ui.widgets.notice_line import NoticeLine, offer_text

ENDINGS = {
    "completed": "Thank you both. That took care.",
    "end_step": "Thank you both. That took care.",
    "not_ready": "",  # the engine's own gentle text says it
    "stuck": "The session had to stop here.",
}


def summary_lines(summary: Summary) -> list[tuple[str, Content]]:
    """(label, value) rows: how long, rounds, breaks, feelings, commitments, reviews."""
    rows: list[tuple[str, Content]] = []
    took = spoken_duration(summary.seconds)
    if summary.rounds > 1:
        took += f" · {summary.rounds} rounds"
    rows.append(("Time", Content(took)))
    if summary.breaks:
        parts = [
            f"{name}, {format_seconds(lasted)}" if lasted is not None else name
            for name, lasted in summary.breaks
        ]
        count = len(summary.breaks)
        rows.append(("Breaks", literal(f"{count} ({'; '.join(parts)})")))
    else:
        rows.append(("Breaks", Content("none taken")))
    if summary.emotions:
        rows.append(("Feelings named", literal(
            " · ".join(f"{words} ({name})" for name, words in summary.emotions))))
    for name, text, due in summary.commitments:
        rows.append(("Commitment", literal(f"“{text}” ({name}) · look again {short_date(due)}")))
    for text, outcome in summary.reviews:
        rows.append(("Reviewed", literal(f"“{text}”: {outcome}")))
    return rows


class EndScreen(Screen[None]):
    CSS_PATH = "end.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "leave", "back to the library", key_display="⏎"),
        # only while the break is offered: one key takes it (ctrl+t asks who and how long)
        Binding(OFFER_KEY, "take_offered", "break now", key_display=OFFER_KEY_SHOWN,
                priority=True),
        Binding("ctrl+t", "take_break", "take a break", priority=True),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        view = self.session.view()
        summary = summarise(self.session.events)
        title = self.session.exercise.title
        yield Static(literal(f"{title} · done"), id="end-title")
        with VerticalScroll(id="end-body"):
            if view.offer_break:  # the last answer's rating was high: a break, offered
                yield NoticeLine(offer_text(view.offer_break), kind="offer",
                                 take=offer_button(self.session, self.settings, cues=False))
            thanks = ENDINGS.get(view.ended_reason or "completed", "")
            if thanks:
                yield Static(thanks, id="thanks")
            if view.text.text:
                yield Markdown(markdown_source(view.text), id="closing")
            if view.error:
                yield Static(literal(view.error), id="stuck")
            for label, value in summary_lines(summary):
                with Horizontal(classes="row"):
                    yield Static(label, classes="row-label")
                    yield Static(value, classes="row-value")
        yield Footer()

    @property
    def settings(self) -> Settings:
        return getattr(self.app, "settings", None) or Settings()

    def _saved(self, _taken: object = None) -> None:
        from coach.ui.screens.session import SessionChanged

        self.app.post_message(SessionChanged(self.session))
        # a break taken answers the offer: its line goes
        for line in self.query(NoticeLine).results(NoticeLine):
            if line.kind == "offer" and not self.session.view().offer_break:
                line.remove()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "take_offered":
            return any(line.kind == "offer" for line in self.query(NoticeLine).results(NoticeLine))
        return True

    def action_take_break(self) -> None:
        from coach.ui.break_flow import open_break

        open_break(self.app, self.session, self.settings, self._saved, changed=self._saved)

    @on(NoticeLine.TakeBreak)
    def action_take_offered(self) -> None:
        from coach.ui.break_flow import take_offered_break

        take_offered_break(self.app, self.session, self.settings, self._saved,
                           changed=self._saved)

    def action_leave(self) -> None:
        self.dismiss(None)
