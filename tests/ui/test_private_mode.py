"""A shared computer (``--private`` or the setting): a whole session leaves the data and
config folders exactly as they were, offers no resume and no looking back."""

from __future__ import annotations

import json

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from coach import paths
from coach.engine import FakeClock
from coach.notice import notice_path
from coach.partner_names import last_names
from coach.settings import Settings, settings_path, write_private
from coach.ui.app import PRIVATE_NO_RESUME, CoachApp
from coach.ui.library_rows import cache_path
from coach.ui.screens.confirm import ConfirmScreen
from coach.ui.screens.end import EndScreen
from coach.ui.screens.library import PRIVATE_NOTHING_KEPT, LibraryScreen
from coach.ui.screens.notice import NoticeScreen
from coach.ui.screens.session import SessionScreen
from coach.ui.screens.settings import SettingsScreen
from coach.ui.screens.setup import SetupScreen
from tests.ui.app_support import library_loaded
from tests.ui.harness import screen_text
from tests.ui.looking_back_support import settled

NOTE = "nobody [bold]else[/ should read $this"


def folders() -> dict[str, tuple[bytes | None, int, int]]:
    """Every folder and file under the config and data folders: its bytes (None for a
    folder), modification time and inode, so that even a rewrite of the same bytes shows."""
    found: dict[str, tuple[bytes | None, int, int]] = {}
    for root in (paths.config_dir(), paths.data_dir()):
        for path in sorted(root.rglob("*")) if root.exists() else ():
            info = path.stat()
            data = None if path.is_dir() else path.read_bytes()
            found[str(path)] = (data, info.st_mtime_ns, info.st_ino)
    return found


def app_for(way: str, **kwargs: object) -> CoachApp:
    """The real app as the command line makes it: settings read from the file."""
    return CoachApp(clock=FakeClock(), private=way == "flag", first_run=True,
                    **kwargs)  # type: ignore[arg-type]


async def an_unfinished_session_saved() -> None:
    """What an earlier, ordinary evening left: records with an unfinished session, the
    names, the library cache, the settings."""
    app = CoachApp(clock=FakeClock(), settings=Settings(reduced_motion=True), first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        assert isinstance(app.screen, NoticeScreen)
        await pilot.press("enter")
        await library_loaded(app, pilot)
        await start_from_the_library(app, pilot, "Sam", "Alex")
        await pilot.press("enter", "3", "enter")
        await settled(app, pilot)
        app.change_settings(reduced_motion=True)
        await settled(app, pilot)
    app.keep_session()
    assert cache_path().exists() and last_names() == ("Sam", "Alex")
    assert notice_path().exists() and settings_path().exists()


async def start_from_the_library(app: CoachApp, pilot: Pilot[None], a: str, b: str) -> None:
    """Search for the first reflection, Enter, two names, Enter: its first step."""
    await pilot.press("slash", *"first refl", "enter")
    await settled(app, pilot)
    setup = app.screen
    assert isinstance(setup, SetupScreen), setup
    setup.query_one("#name-a", Input).value = a
    setup.query_one("#name-b", Input).value = b
    await pilot.press("enter")
    await settled(app, pilot)
    assert isinstance(app.screen, SessionScreen), app.screen


def private_setting() -> None:
    data = json.loads(settings_path().read_text("utf-8"))
    settings_path().write_text(json.dumps({**data, "private": True}), "utf-8")


@pytest.mark.parametrize("way", ["flag", "setting"])
async def test_a_whole_private_session_leaves_both_folders_as_they_were(way: str) -> None:
    await an_unfinished_session_saved()
    notice_path().unlink()  # and the notice: acknowledging it is not written either
    if way == "setting":
        private_setting()
    before = folders()

    app = app_for(way)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        assert app.private and not app.saving
        assert isinstance(app.screen, NoticeScreen)
        await pilot.press("enter")
        library = await library_loaded(app, pilot)
        await settled(app, pilot)
        # no offer to resume the unfinished session, and no looking back
        assert app.screen is library and not isinstance(app.screen, ConfirmScreen)
        footer = screen_text(app)
        assert "History" not in footer and "Search" in footer
        for key in ("h", "c", "g"):
            await pilot.press(key)
            await settled(app, pilot)
            assert app.screen is library, key
        if way == "flag":  # a change applies, unsaved (with the setting, it is saved)
            await pilot.press("s")
            await settled(app, pilot)
            assert isinstance(app.screen, SettingsScreen)
            assert "not saved" in str(app.screen.query_one("#saved-in", Static).render())
            app.change_settings(nudges=True)
            await pilot.press("escape")
            await settled(app, pilot)
            assert app.settings.nudges

        await start_from_the_library(app, pilot, "Robin", "Kai")
        for _round in range(2):
            if app.screen.session.view().action == "say":  # the welcome, round 1 only
                await pilot.press("enter")
            await pilot.press("3", "enter", "2", "enter")
            await settled(app, pilot)
            await pilot.press(*NOTE)
            await settled(app, pilot)
            await pilot.press("enter", "enter")
            await settled(app, pilot)
            await pilot.press("y")
            await pilot.press("1", "enter")
            await settled(app, pilot)
            if app.screen.session.view().action == "say":
                await pilot.press("enter")
            await settled(app, pilot)
        assert isinstance(app.screen, EndScreen)
        lines = [n.message for n in app._notifications if n.title == "Records"]
        assert lines == ["Private: nothing of this session is written on this computer."]
        await pilot.press("enter")
        await settled(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("ctrl+q")
    app.keep_session()  # as run_app does, however it ended

    assert folders() == before
    assert last_names() == ("Sam", "Alex")


@pytest.mark.parametrize("way", ["flag", "setting"])
async def test_quick_hide_in_a_private_session_writes_nothing(way: str) -> None:
    await an_unfinished_session_saved()
    if way == "setting":
        private_setting()
    before = folders()
    app = app_for(way)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_loaded(app, pilot)
        await settled(app, pilot)
        await start_from_the_library(app, pilot, "Robin", "Kai")
        await pilot.press("enter", "3", "enter", "2", "enter")
        await settled(app, pilot)
        await pilot.press(*NOTE)
        await settled(app, pilot)
        await pilot.press("f12")
        await settled(app, pilot)
    assert not app.is_running
    app.keep_session()
    assert folders() == before


@pytest.mark.parametrize("way", ["flag", "setting"])
async def test_resuming_is_refused_calmly_when_private(way: str) -> None:
    await an_unfinished_session_saved()
    if way == "setting":
        private_setting()
    before = folders()
    app = CoachApp(clock=FakeClock(), private=way == "flag", resume=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert [n.message for n in app._notifications] == [PRIVATE_NO_RESUME]
    assert folders() == before


async def test_turning_private_on_in_the_settings_hides_looking_back_at_once() -> None:
    app = CoachApp(clock=FakeClock(), settings=Settings(reduced_motion=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await library_loaded(app, pilot)
        assert "History" in screen_text(app)
        await pilot.press("s")
        await settled(app, pilot)
        assert isinstance(app.screen, SettingsScreen)
        app.change_settings(private=True)
        await pilot.press("escape")
        await settled(app, pilot)
        assert app.private
        assert "History" not in screen_text(app)
        for key in ("h", "c", "g"):
            await pilot.press(key)
            await settled(app, pilot)
            assert isinstance(app.screen, LibraryScreen)
        # and the keys someone knows from before say why nothing opens
        assert [n.message for n in app._notifications] == [PRIVATE_NOTHING_KEPT]
    # the setting itself is kept: it is what makes the next start private too
    assert json.loads(settings_path().read_text("utf-8"))["private"] is True


def test_the_folders_helper_sees_a_new_file_and_a_rewrite_of_the_same_bytes() -> None:
    paths.ensure_private_dir(paths.data_dir())
    before = folders()
    (paths.data_dir() / "x").write_bytes(b"")
    assert folders() != before
    before = folders()
    write_private(paths.data_dir() / "x", "")
    assert folders() != before
