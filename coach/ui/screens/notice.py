"""The notice: what coach is and is not, and when not to use it together.

Shown once, before anything else, the first time coach opens; Enter
acknowledges it (remembered in the config folder, unless coach runs
``--private``). Help opens it again at any time.
"""

from __future__ import annotations

import contextlib
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown

from coach.resources import notice_text
from coach.ui.widgets.title_bar import TitleBar


class NoticeScreen(Screen[None]):
    CSS_PATH = "notice.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "acknowledge", "I have read this", key_display="⏎", priority=True),
        Binding("f2", "app.resources", "Support lines"),
        Binding("escape", "close", "Back"),
    ]

    def __init__(self, *, first_run: bool = False) -> None:
        super().__init__()
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        yield TitleBar("Before you start")
        with VerticalScroll(id="notice"):
            yield Markdown(notice_text(), id="notice-text", open_links=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#notice").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # the first time, only Enter goes on: the notice is read before anything else
        return not (action == "close" and self.first_run)

    def action_acknowledge(self) -> None:
        if self.first_run and not getattr(self.app, "private", False):
            from coach.notice import acknowledge_notice

            with contextlib.suppress(OSError):  # unsaved, it is only shown again next time
                acknowledge_notice()
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()
