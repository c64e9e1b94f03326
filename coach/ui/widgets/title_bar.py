"""The one-line bar at the top of the library, set-up, settings and help screens."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from coach.ui.text import literal


class TitleBar(Widget):
    """``coach › where you are`` on the left, the two keys that always work on the right."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        layout: horizontal;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    TitleBar #crumbs { width: 1fr; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    TitleBar #always-keys { width: auto; height: 1; color: $text-muted; }
    """

    def __init__(self, where: str = "") -> None:
        super().__init__()
        self._where = where

    def compose(self) -> ComposeResult:
        yield Static(self._crumbs(self._where), id="crumbs")
        yield Static("F1 help  ctrl+q quit", id="always-keys")

    def _crumbs(self, where: str) -> Content:
        crumbs = Content.styled("coach", "bold")
        if where:
            crumbs += Content(" › ") + literal(where)
        return crumbs

    def set_where(self, where: str) -> None:
        self._where = where
        if self.is_mounted:
            self.query_one("#crumbs", Static).update(self._crumbs(where))
