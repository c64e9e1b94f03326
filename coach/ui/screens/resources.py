"""Support lines (F2 anywhere): the general advice, then the lines for the couple's country.

The country is the one chosen in settings, else the locale's; without either,
or for a country the file does not list, the general advice alone. A user's
resources.yaml that does not read is named with its line and column, and
coach's own lines are shown instead.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from coach.settings import Settings
from coach.ui.support import current_support, resources_problems, support_content
from coach.ui.text import literal
from coach.ui.widgets.title_bar import TitleBar

INTRO = "Help outside this app, for either of you, at any time."


class ResourcesScreen(Screen[None]):
    CSS_PATH = "resources.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Back")]

    def compose(self) -> ComposeResult:
        settings: Settings = getattr(self.app, "settings", None) or Settings()
        info = current_support(settings)
        yield TitleBar("Support lines")
        with VerticalScroll(id="resources"):
            yield Static(INTRO, id="intro")
            for problem in resources_problems():
                yield Static(
                    Content.assemble(
                        ("Your resources file could not be used, so coach's own is shown:\n",
                         "bold"),
                        literal(problem),
                    ),
                    classes="problem",
                )
            yield Static(support_content(info), id="lines")
            where = (info.country.name if info.country is not None else "general advice only")
            yield Static(
                Content.assemble("Showing: ", literal(where),
                                 ". Choose another country in Settings (s in the library)."),
                id="where",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#resources").focus()

    def action_close(self) -> None:
        self.dismiss()
