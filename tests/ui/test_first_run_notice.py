"""The first-run notice in the app: shown until one key acknowledges it, stored in the
config folder, then never again at start, and always one key away in help."""

from __future__ import annotations

import os
import stat

from coach.engine import FakeClock
from coach.notice import EDITION, acknowledge_notice, notice_acknowledged, notice_path
from coach.settings import Settings
from coach.ui.app import CoachApp, RunRequest
from coach.ui.screens.confirm import ConfirmScreen
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.library import LibraryScreen
from coach.ui.screens.notice import NoticeScreen
from coach.ui.screens.session import SessionScreen
from tests.ui.harness import screen_text
from tests.ui.looking_back_support import settled
from tests.ui.test_session_in_app import first_reflection
from tests.unit.store_support import Recorded


def real_app(**kwargs: object) -> CoachApp:
    """As ``coach`` opens it (cli.run_app): a first run unless resuming."""
    return CoachApp(clock=FakeClock(), settings=Settings(reduced_motion=True), first_run=True,
                    **kwargs)  # type: ignore[arg-type]


async def test_first_start_shows_the_notice_and_enter_acknowledges_it_for_good() -> None:
    assert not notice_acknowledged()
    app = real_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        assert isinstance(app.screen, NoticeScreen)
        text = screen_text(app)
        assert "Before you start" in text and "not therapy" in text
        # the first time, Escape does not skip it: only Enter goes on
        await pilot.press("escape")
        await settled(app, pilot)
        assert isinstance(app.screen, NoticeScreen)
        assert not notice_path().exists()
        await pilot.press("enter")
        await settled(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
    assert notice_acknowledged()
    assert notice_path().read_text("utf-8") == EDITION
    assert stat.S_IMODE(os.stat(notice_path()).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(notice_path().parent).st_mode) == 0o700

    again = real_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await settled(again, pilot)
        assert isinstance(again.screen, LibraryScreen)
        assert not any(isinstance(s, NoticeScreen) for s in again.screen_stack)


async def test_the_notice_is_always_one_key_away_in_help() -> None:
    acknowledge_notice()
    app = real_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await pilot.press("f1")
        await settled(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "Read the notice again" in screen_text(app)
        await pilot.press("n")
        await settled(app, pilot)
        assert isinstance(app.screen, NoticeScreen)
        assert "Please don't use it together if" in screen_text(app)
        await pilot.press("escape")  # read again, it closes like any other screen
        await settled(app, pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_an_acknowledgement_of_an_older_notice_or_an_unreadable_one_shows_it_again() -> None:
    acknowledge_notice()
    notice_path().write_text("coach notice 0\n", "utf-8")
    assert not notice_acknowledged()
    notice_path().write_bytes(b"\xff\xfe")
    assert not notice_acknowledged()
    app = real_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        assert isinstance(app.screen, NoticeScreen)


async def test_an_acknowledgement_that_cannot_be_written_only_shows_it_again() -> None:
    # the config folder's place is taken by a file: nothing can be written there
    notice_path().parent.parent.mkdir(parents=True, exist_ok=True)
    notice_path().parent.write_text("not a folder", "utf-8")
    app = real_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await pilot.press("enter")
        await settled(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert app.is_running
    assert not notice_acknowledged()


async def test_private_reads_the_notice_but_writes_no_acknowledgement() -> None:
    app = real_app(private=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        assert isinstance(app.screen, NoticeScreen)
        await pilot.press("enter")
        await settled(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
    assert not notice_path().exists()


async def test_coach_run_shows_the_notice_before_the_first_step() -> None:
    run = RunRequest(first_reflection(), a="Sam", b="Alex", first="a")
    app = real_app(run=run)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        assert isinstance(app.screen, NoticeScreen)
        await pilot.press("enter")
        await settled(app, pilot)
        assert isinstance(app.screen, SessionScreen)


async def test_the_resume_offer_waits_until_the_notice_is_read() -> None:
    Recorded().through_check().recorder.close()  # an unfinished session, saved
    app = real_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        assert isinstance(app.screen, NoticeScreen)
        await pilot.press("enter")
        await settled(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "A session was left unfinished" in screen_text(app)


async def test_without_first_run_there_is_no_notice() -> None:
    """Tests and benchmarks make the app without it; ``coach`` always asks (test_cli_private)."""
    app = CoachApp(clock=FakeClock(), settings=Settings(reduced_motion=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
