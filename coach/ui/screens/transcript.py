"""One session's whole record in order: what was said, notes, ratings, breaks."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from coach.ui.looking_back import Transcript, length_text, transcript, when
from coach.ui.text import literal
from coach.ui.widgets.title_bar import TitleBar


class TranscriptScreen(Screen[None]):
    CSS_PATH = "looking_back.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "back"),
        Binding("r", "resume", "resume this session"),
    ]

    def __init__(self, session_id: int) -> None:
        super().__init__()
        self.session_id = session_id
        self.record: Transcript | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar("History › a session")
        yield Static("", id="about")
        with VerticalScroll(id="transcript"):
            yield Static("Reading…", id="lines")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#transcript").focus()
        self._load()

    @work(thread=True, group="transcript")
    def _load(self) -> None:
        self.app.call_from_thread(self._show, transcript(self.session_id))

    def _show(self, record: Transcript) -> None:
        self.record = record
        lines = self.query_one("#lines", Static)
        if record.summary is None:
            lines.update(literal(record.problem or "This session cannot be read."))
            return
        s = record.summary
        state = "Finished." if s.finished else "Unfinished: r resumes it where it stopped."
        breaks = "no breaks" if s.breaks == 0 else f"{s.breaks} break{'s' * (s.breaks > 1)}"
        self.query_one(TitleBar).set_where(f"History › {s.title}")
        self.query_one("#about", Static).update(literal(
            f"{when(s.started_at)} · {s.name_a} and {s.name_b} · {length_text(s.length)} · "
            f"{breaks}\n{state}"))
        lines.update(literal("\n".join(record.lines) or "Nothing was said yet."))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            summary = self.record.summary if self.record else None
            return summary is not None and not summary.finished and hasattr(
                self.app, "resume_session")
        return True

    def action_back(self) -> None:
        self.dismiss(None)

    def action_resume(self) -> None:
        self.app.resume_session(self.session_id)  # type: ignore[attr-defined]
