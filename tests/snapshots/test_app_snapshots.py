"""Snapshots of the library, set-up, settings and help at 80x24.

The clock is a fake one, animations are off and no cursor blinks, so a
snapshot only changes when the screen does. Paths are relative (the tests
run from the project's root) so they read the same on every machine.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from coach.partner_names import remember_names
from coach.settings import Settings
from coach.ui.app import CoachApp
from coach.ui.screens.library import LibraryScreen
from tests.ui.app_support import library_loaded, make_app

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = Path("tests/snapshots/exercises")
Snap = Callable[..., bool]


@pytest.fixture(autouse=True)
def _steady(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    # the settings screen shows where the file is kept: the same path everywhere
    monkeypatch.setenv("COACH_CONFIG_DIR", "/home/partner/.config/coach")


def app_with(theme: str = "textual-dark") -> CoachApp:
    app = make_app([EXERCISES], settings=Settings(theme=theme, reduced_motion=True))
    app.animation_level = "none"
    return app


def ready(then: Callable[[CoachApp, Pilot[None]], Awaitable[None]] | None = None):  # type: ignore[no-untyped-def]
    """A run_before: wait for the library, run ``then``, and stop every cursor blinking."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, CoachApp)
        await library_loaded(app, pilot)
        if then is not None:
            await then(app, pilot)
            await pilot.pause()
        for box in app.screen.query(Input):
            box.cursor_blink = False
        await pilot.pause()

    return run_before


def highlight(app: CoachApp, key_part: str) -> None:
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    option_list = screen.query_one("#list", OptionList)
    option_list.highlighted = next(
        i for i in range(option_list.option_count)
        if key_part in str(option_list.get_option_at_index(i).id)
    )


def test_library(snap_compare: Snap) -> None:
    """The first screen: groups, rows with minutes and tags, the first exercise's description."""
    assert snap_compare(app_with(), run_before=ready())


def test_library_light_theme(snap_compare: Snap) -> None:
    """The same in a light theme: everything still readable."""
    async def choose(app: CoachApp, pilot: Pilot[None]) -> None:
        highlight(app, "when-money-was-hidden")

    assert snap_compare(app_with("textual-light"), run_before=ready(choose))


def test_library_search(snap_compare: Snap) -> None:
    """Typing in the search box filters the list as you type."""
    assert snap_compare(app_with(), press=["slash", *"listen"], run_before=ready())


def test_library_problems(snap_compare: Snap) -> None:
    """A file that did not load: marked in the list, its located problems beside it."""
    async def choose(app: CoachApp, pilot: Pilot[None]) -> None:
        highlight(app, "money-talk")

    assert snap_compare(app_with(), run_before=ready(choose))


def test_setup_with_markup_names(snap_compare: Snap) -> None:
    """Set-up with remembered names full of markup, and who speaks first."""
    remember_names("[bold]Sam[/", "Alex $x 🙂")

    async def open_setup(app: CoachApp, pilot: Pilot[None]) -> None:
        app.open_exercise(app.screen_stack[0].rows[0].exercise)  # type: ignore[attr-defined]

    assert snap_compare(app_with(), run_before=ready(open_setup))


def test_setup_refusal(snap_compare: Snap) -> None:
    """Two names that are the same: refused beside the second one."""
    async def open_setup(app: CoachApp, pilot: Pilot[None]) -> None:
        screen = app.screen_stack[0]
        assert isinstance(screen, LibraryScreen)
        first = next(r for r in screen.rows if r.title == "Your first reflection")
        app.open_exercise(first.exercise)
        await pilot.pause()
        await pilot.press(*"Sam", "tab", *"sam ", "enter")

    assert snap_compare(app_with(), run_before=ready(open_setup))


def test_settings(snap_compare: Snap) -> None:
    """Settings: theme, the partners' colours, motion, break length and breathing."""
    assert snap_compare(app_with(), press=["s"], run_before=ready())


def test_help(snap_compare: Snap) -> None:
    """Help from the library: its keys, the three habits, not therapy."""
    assert snap_compare(app_with(), press=["f1"], run_before=ready())


def test_quit_question_mid_session(snap_compare: Snap) -> None:
    """ctrl+q in a session asks first, over the step, with Keep going focused."""
    async def start(app: CoachApp, pilot: Pilot[None]) -> None:
        screen = app.screen_stack[0]
        assert isinstance(screen, LibraryScreen)
        first = next(r for r in screen.rows if r.title == "Your first reflection")
        app.start_session(first.exercise, "Sam", "Alex", "a")
        await pilot.pause()

    assert snap_compare(app_with(), press=["ctrl+q"], run_before=ready(start))
