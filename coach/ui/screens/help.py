"""Help (F1 anywhere): the keys of the screen it was opened from, the three habits,
and what coach is not.

The keys are read from that screen's active bindings, so every screen only has
to declare its ``BINDINGS`` with descriptions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from coach.resources import privacy_text
from coach.ui.widgets.title_bar import TitleBar

HABITS = (
    (
        "Reflect",
        "The listener says back what they heard, in their own words, without adding, "
        "explaining or answering. The speaker says whether that captured it; the "
        "listener tries again until it does.",
    ),
    (
        "Name the emotion",
        "The listener guesses the feeling underneath (\u201cyou felt left out?\u201d). "
        "The speaker confirms or corrects it. Guessing with care matters more than "
        "guessing right.",
    ),
    (
        "Pause",
        "Either of you can stop at any moment with ctrl+t, or the Take a break button at "
        "the top. A break has a length and a time to come back, and you go on only when "
        "both of you say you are ready. When coach offers a break (a high rating, a step "
        "past its time), ctrl+o takes it at once.",
    ),
)

NOT_THERAPY = (
    "coach is a practice aid, not therapy. It cannot tell whether talking is safe right "
    "now. If either of you feels afraid of the other, or there has been violence or "
    "threats, stop and seek help from a professional."
)


def screen_keys(screen: Screen[object]) -> list[tuple[str, str]]:
    """(key, what it does) for each binding active on ``screen``, with a description."""
    keys: list[tuple[str, str]] = []
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.system:
            continue
        # a widget's own hidden keys (a list's page-down, scroll-left...) are noise here
        if not binding.show and active.node is not screen and active.node is not screen.app:
            continue
        key = screen.app.get_key_display(binding)
        if (key, binding.description) in seen or binding.description in seen:
            continue
        seen.add(binding.description)
        keys.append((key, binding.description))
    return keys


QUICK_HIDE = (
    "F12 hides coach at once, on every screen, even while typing: the screen clears and "
    "coach closes without a word, keeping the session as it was (unless it runs private). "
    "Run `coach resume` to go on later."
)


class HelpScreen(Screen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close help"),
        Binding("n", "notice", "Read the notice again"),
        Binding("f2", "app.resources", "Support lines"),
    ]

    def __init__(self, keys: Sequence[tuple[str, str]] = (), where: str = "") -> None:
        super().__init__()
        self.keys = list(keys)
        self.where = where

    @classmethod
    def for_screen(cls, screen: Screen[object]) -> HelpScreen:
        return cls(screen_keys(screen))

    def compose(self) -> ComposeResult:
        yield TitleBar("Help")
        with VerticalScroll(id="help"):
            yield Static("Keys on this screen", classes="heading")
            yield Static(_key_table(self.keys), id="keys")
            yield Static("Three habits", classes="heading")
            for title, text in HABITS:
                yield Static(Content.assemble((title, "bold"), "\n", text), classes="habit")
            yield Static(NOT_THERAPY, id="not-therapy", markup=False)
            yield Static("If someone walks in", classes="heading")
            yield Static(QUICK_HIDE, id="quick-hide", markup=False)
            yield _privacy()
        yield Footer()

    def action_notice(self) -> None:
        from coach.ui.screens.notice import NoticeScreen

        self.app.push_screen(NoticeScreen())

    def action_close(self) -> None:
        self.dismiss()


def _privacy() -> Markdown:
    return Markdown(privacy_text(), id="privacy", open_links=False)


def _key_table(keys: Sequence[tuple[str, str]]) -> Content:
    if not keys:
        return Content("No keys of its own: F1 help, ctrl+q quit.")
    width = max(len(key) for key, _ in keys) + 3
    lines = [
        Content.assemble((key.ljust(width), "bold $text-accent"), description)
        for key, description in keys
    ]
    return Content("\n").join(lines)
