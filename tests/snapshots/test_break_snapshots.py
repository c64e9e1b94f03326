"""Snapshots of a break at 80x24: taking one, during it (clock frozen), and the time up.

The fake clock stands still, so the countdown and the breathing guide are one
picture; local time is UTC, so "back at" reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.pilot import Pilot

from coach.settings import Settings
from coach.ui.screens.break_ import BreakScreen
from tests.snapshots.test_step_snapshots import TO_SHARE, Snap, _steady, after, harness, typed
from tests.ui.harness import Harness

__all__ = ["_steady"]

SIZE = (80, 24)


def _moving(app: Harness) -> Harness:
    """The guide's shape on (the other snapshots run with reduced motion)."""
    app.settings = Settings(theme=app.settings.theme)
    return app


def _advance(seconds: float) -> Callable[[Harness, Pilot[None]], Awaitable[None]]:
    async def then(app: Harness, pilot: Pilot[None]) -> None:
        app.clock.advance(seconds)
        # one tick of the countdown, now rather than within the second (a loaded
        # machine can make the timer's own late); the clock stands, so a second is alike
        screen = app.screen
        assert isinstance(screen, BreakScreen)
        screen.show()
        await pilot.pause()

    return then


def test_taking_a_break(snap_compare: Snap) -> None:
    keys = (*TO_SHARE, *typed("half a thought"), "ctrl+t", "a")
    assert snap_compare(harness(), terminal_size=SIZE, run_before=after(*keys))


def test_during_a_break(snap_compare: Snap) -> None:
    keys = (*TO_SHARE, "ctrl+t", "b", "enter")
    assert snap_compare(_moving(harness()), terminal_size=SIZE,
                        run_before=after(*keys, then=_advance(125)))


def test_time_up(snap_compare: Snap) -> None:
    keys = (*TO_SHARE, "ctrl+t", "b", "down", "enter")
    assert snap_compare(harness(), terminal_size=SIZE,
                        run_before=after(*keys, then=_advance(6 * 60)))
