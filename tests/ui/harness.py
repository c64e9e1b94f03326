"""A tiny app that opens a session screen, for tests that need no library or set-up."""

from __future__ import annotations

import html
import random
import re
from collections.abc import Callable

from textual.app import App
from textual.pilot import Pilot

from coach.engine import FakeClock, InMemoryLedger, Session
from coach.format.model import Exercise
from coach.settings import Settings
from coach.ui.screens.session import SessionScreen
from tests.unit.engine_support import CORE


class Harness(App[None]):
    """Holds what the session screen reads from the app: settings, clock, ledger."""

    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        exercise: Exercise,
        *,
        a: str = "Sam",
        b: str = "Alex",
        first: str | None = "a",
        clock: FakeClock | None = None,
        ledger: InMemoryLedger | None = None,
        settings: Settings | None = None,
        core: tuple[str, ...] = CORE,
    ) -> None:
        super().__init__()
        self.settings = settings or Settings(reduced_motion=True)
        self.clock = clock or FakeClock()
        self.ledger = ledger if ledger is not None else InMemoryLedger()
        self.session = Session.start(
            exercise, a=a, b=b, clock=self.clock, ledger=self.ledger,
            first=first, rng=random.Random(0), core_vocabulary=core,  # type: ignore[arg-type]
        )
        self.left = False

    def on_mount(self) -> None:
        self.animation_level = "none"
        self.theme = self.settings.theme
        self.push_screen(SessionScreen(self.session), self._left)

    def _left(self, _result: object = None) -> None:
        self.left = True

    @property
    def step(self) -> SessionScreen:
        screen = self.screen
        assert isinstance(screen, SessionScreen), type(screen)
        return screen


async def until(pilot: Pilot[object], check: Callable[[], object], what: str = "") -> None:
    """Let the app run until ``check()`` holds, at most 10 s: for what the screen's own
    one-second tick brings, which a loaded machine can make late (a fixed pause would
    then fail a correct app)."""
    for _ in range(100):
        if check():
            return
        await pilot.pause(0.1)
    assert check(), what or "the screen never got there"


def screen_text(app: App[object]) -> str:
    """What is on the screen now, as plain text (from the same SVG a screenshot saves)."""
    svg = app.export_screenshot()
    body = svg[svg.index('<g class="terminal-'):]
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")
