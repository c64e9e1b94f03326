"""Snapshots at 80x24 of history, a transcript, the commitments ledger and progress.

The records are made on a fake clock in UTC, so every date reads the same on
every machine; the app's clock is the same fake one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from coach.settings import Settings
from coach.ui.app import CoachApp
from tests.ui.app_support import library_loaded, make_app
from tests.ui.looking_back_support import seed, settled, utc

ROOT = Path(__file__).resolve().parents[2]
Snap = Callable[..., bool]


@pytest.fixture(autouse=True)
def _records(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    utc(monkeypatch)
    seed()


def app_with() -> CoachApp:
    app = make_app(settings=Settings(reduced_motion=True))
    app.animation_level = "none"
    return app


def after(*keys: str, then: Callable[[CoachApp, Pilot[None]], Awaitable[None]] | None = None):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, CoachApp)
        await library_loaded(app, pilot)
        await settled(app, pilot)
        await pilot.press("n")  # not now: the offer to resume the unfinished session
        await settled(app, pilot)
        for key in keys:
            await pilot.press(key)
            await settled(app, pilot)
        if then is not None:
            await then(app, pilot)
            await settled(app, pilot)

    return run_before


def test_history(snap_compare: Snap) -> None:
    """Newest first: when, what, who, how long, breaks, finished or not."""
    assert snap_compare(app_with(), run_before=after("h"))


def test_transcript(snap_compare: Snap) -> None:
    """The oldest session in order: a note full of markup, a break, ratings, a commitment."""
    async def oldest(app: CoachApp, pilot: Pilot[None]) -> None:
        app.screen.query_one(DataTable).move_cursor(row=2)
        await pilot.press("enter")

    assert snap_compare(app_with(), run_before=after("h", then=oldest))


def test_ledger(snap_compare: Snap) -> None:
    """Every commitment: who, when, the review date, its status; how many were kept."""
    assert snap_compare(app_with(), run_before=after("c"))


def test_progress(snap_compare: Snap) -> None:
    """Each person's ratings as sparklines, and sessions and breaks per week."""
    assert snap_compare(app_with(), run_before=after("g"))
