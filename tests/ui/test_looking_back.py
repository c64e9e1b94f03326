"""History, a transcript, the commitments ledger and progress, reached from the library."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Sparkline

from coach.ui.app import CoachApp
from coach.ui.screens.history import HistoryScreen
from coach.ui.screens.ledger import LedgerScreen
from coach.ui.screens.progress import ProgressScreen
from coach.ui.screens.session import SessionScreen
from coach.ui.screens.transcript import TranscriptScreen
from tests.ui.app_support import library_loaded, make_app
from tests.ui.harness import screen_text
from tests.ui.looking_back_support import NOTE, seed, settled, utc


@pytest.fixture(autouse=True)
def _records(monkeypatch: pytest.MonkeyPatch) -> None:
    utc(monkeypatch)
    seed()


async def opened(app: CoachApp, pilot: Pilot[None], key: str) -> None:
    await library_loaded(app, pilot)
    await settled(app, pilot)
    if not isinstance(app.screen, type(app.screen_stack[0])):
        await pilot.press("n")  # the offer to resume the unfinished session: not now
        await settled(app, pilot)
    await pilot.press(key)
    await settled(app, pilot)


async def test_history_lists_sessions_newest_first_and_filters() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app, pilot, "h")
        assert isinstance(app.screen, HistoryScreen)
        assert [s.id for s in app.screen.sessions] == [3, 2, 1]
        text = screen_text(app)
        assert "unfinished" in text and "Sam & Alex" in text and "Alex & Sam" in text
        await pilot.press("slash")
        await pilot.press(*"Sunday")
        await settled(app, pilot)
        assert [s.id for s in app.screen.sessions] == [2]
        app.screen.query_one(Input).value = "no such words"
        await settled(app, pilot)
        assert app.screen.sessions == [] and "No session matches." in screen_text(app)


async def test_a_transcript_shows_notes_ratings_and_breaks_in_order() -> None:
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await opened(app, pilot, "h")
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=2)  # the oldest: a note, a break, ratings, a commitment
        await pilot.press("enter")
        await settled(app, pilot)
        assert isinstance(app.screen, TranscriptScreen)
        assert app.screen.record is not None
        lines = app.screen.record.lines
        text = "\n".join(lines)
        assert NOTE in text  # literally, markup and all
        assert text.index(NOTE) < text.index("break") < text.index("text when I'll be late")
        assert "Finished." in screen_text(app)
        assert not app.screen.check_action("resume", ())


async def test_an_unfinished_session_offers_resume_from_its_transcript() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app, pilot, "h")
        await pilot.press("enter")  # the newest, unfinished
        await settled(app, pilot)
        assert isinstance(app.screen, TranscriptScreen)
        assert "r resumes it" in screen_text(app)
        await pilot.press("r")
        await settled(app, pilot)
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.session.view().action == "rate"


async def test_the_ledger_shows_every_commitment_with_its_status() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app, pilot, "c")
        assert isinstance(app.screen, LedgerScreen)
        text = screen_text(app)
        assert "“text when I'll be late”" in text and "“a walk on Sundays”" in text
        assert "2 commitments" in text
        # made 15 days ago with a week to the review: due now; the other one still open
        assert "due" in text and "open" in text


async def test_progress_draws_each_persons_ratings_and_the_weeks() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app, pilot, "g")
        assert isinstance(app.screen, ProgressScreen)
        text = screen_text(app)
        assert "Sam" in text and "Alex" in text and "sessions a week" in text
        sparks = [list(s.data or []) for s in app.screen.query(Sparkline)]
        # each person's own "before" ratings, though who went first swapped: Sam 6 then 4,
        # Alex 8 then 3
        assert [6, 4] in sparks and [8, 3] in sparks
        assert any(sum(d) == 3 for d in sparks)  # three sessions over the weeks
