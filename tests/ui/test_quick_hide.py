"""Quick hide (F12): on every screen, even in a text box, coach closes at once, keeps the
session and its note, and prints nothing on the way out."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from coach.engine import FakeClock
from coach.settings import Settings
from coach.store import open_store
from coach.ui.app import CoachApp, RunRequest
from coach.ui.screens.session import SessionScreen
from tests.ui.app_support import library_loaded
from tests.ui.looking_back_support import settled
from tests.ui.test_session_in_app import first_reflection

NOTE = "hide [bold]me[/ $x"
Opener = Callable[[CoachApp, Pilot[None]], Awaitable[None]]


async def press(app: CoachApp, pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await settled(app, pilot)


async def in_a_note(app: CoachApp, pilot: Pilot[None]) -> None:
    await press(app, pilot, "enter", "3", "enter", "2", "enter")
    assert isinstance(app.screen, SessionScreen)
    await press(app, pilot, *NOTE)


SCREENS: dict[str, tuple[bool, Opener]] = {
    "library": (False, lambda app, pilot: settled(app, pilot)),
    "search box": (False, lambda app, pilot: press(app, pilot, "slash", "x")),
    "help": (False, lambda app, pilot: press(app, pilot, "f1")),
    "notice": (False, lambda app, pilot: press(app, pilot, "f1", "n")),
    "support lines": (False, lambda app, pilot: press(app, pilot, "f2")),
    "settings": (False, lambda app, pilot: press(app, pilot, "s")),
    "history": (False, lambda app, pilot: press(app, pilot, "h")),
    "set-up": (False, lambda app, pilot: press(app, pilot, "enter")),
    "a note being typed": (True, in_a_note),
    "the quit question": (True, lambda app, pilot: press(app, pilot, "ctrl+q")),
    "a break": (True, lambda app, pilot: press(app, pilot, "ctrl+t")),
}


#: the screen each opener must reach, so that F12 is really pressed there
EXPECTED = {
    "library": "LibraryScreen", "search box": "LibraryScreen", "help": "HelpScreen",
    "notice": "NoticeScreen", "support lines": "ResourcesScreen",
    "settings": "SettingsScreen", "history": "HistoryScreen", "set-up": "SetupScreen",
    "a note being typed": "SessionScreen", "the quit question": "QuitConfirm",
    "a break": "TakeBreakScreen",
}


@pytest.mark.parametrize("where", list(SCREENS))
async def test_f12_closes_coach_at_once_from(where: str) -> None:
    in_session, opener = SCREENS[where]
    run = RunRequest(first_reflection(), a="Sam", b="Alex", first="a") if in_session else None
    app = CoachApp(clock=FakeClock(), settings=Settings(reduced_motion=True), run=run)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_loaded(app, pilot)
        await settled(app, pilot)
        await opener(app, pilot)
        shown = type(app.screen).__name__
        assert shown == EXPECTED[where]
        await pilot.press("f12")
        await settled(app, pilot)
        assert not app.is_running, shown
    assert app.return_code == 0


async def test_the_session_and_its_unsaved_note_are_kept() -> None:
    run = RunRequest(first_reflection(), a="Sam", b="Alex", first="a")
    app = CoachApp(clock=FakeClock(), settings=Settings(reduced_motion=True), run=run)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_loaded(app, pilot)
        await settled(app, pilot)
        await in_a_note(app, pilot)
        await pilot.press("f12")  # before the draft's pause: only quick hide writes it
        await settled(app, pilot)
    store = open_store()
    assert store is not None
    with store:
        draft = store.draft(1)
        assert draft is not None and draft.text == NOTE
        unfinished = store.latest_unfinished()
        assert unfinished is not None and unfinished.id == 1


def test_after_quick_hide_an_error_met_while_closing_is_not_printed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = CoachApp(settings=Settings())
    app._exit_renderables.append("a note typed [bold]here")
    app._print_error_renderables()
    assert "a note typed" in capsys.readouterr().err  # printed, as Textual does

    app._hidden = True
    app._exit_renderables.append("a note typed here")
    app._print_error_renderables()
    assert capsys.readouterr() == ("", "")
    assert app._exit_renderables == []
