"""Snapshots of the safety screens at 80x24: the notice, the private check's closing
screen (the same whatever was answered), the neutral not-ready screen, and the support
lines for a listed country and for general advice only."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from coach.engine import FakeClock
from coach.settings import Settings
from coach.ui.app import CoachApp
from coach.ui.screens.private_check import HOLD_SECONDS, PrivateCheckScreen
from tests.ui.app_support import library_loaded, make_app
from tests.ui.harness import Harness
from tests.unit.engine_support import exercise

Snap = Callable[..., bool]
CHECKED = exercise("- say: Hi", head="first_speaker: a\nprivate_check: true")


@pytest.fixture(autouse=True)
def _steady(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setenv("LANG", "C")


def check_app() -> Harness:
    app = Harness(CHECKED, a="Sam [bold]", b="Alex", clock=FakeClock(),
                  settings=Settings(reduced_motion=True, country="GB"))
    app.animation_level = "none"
    return app


def keys(*pressed: str, wait: bool = False):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        await pilot.pause()
        for key in pressed:
            if key == "WAIT":
                screen = app.screen
                assert isinstance(screen, PrivateCheckScreen)
                app.clock.advance(HOLD_SECONDS)  # type: ignore[attr-defined]
                screen.tick()
            else:
                await pilot.press(key)
            await pilot.pause()

    return run_before


def test_private_check_closing_screen(snap_compare: Snap) -> None:
    """After the question, whatever the answer: support lines, and a wait before going on."""
    assert snap_compare(check_app(), run_before=keys("enter", "n"))


def test_private_check_closing_screen_can_go_on(snap_compare: Snap) -> None:
    assert snap_compare(check_app(), run_before=keys("enter", "y", "WAIT"))


def test_not_ready(snap_compare: Snap) -> None:
    assert snap_compare(
        check_app(), run_before=keys("enter", "y", "WAIT", "enter", "enter", "n", "WAIT", "enter")
    )


def app_with(settings: Settings) -> CoachApp:
    app = make_app(settings=settings)
    app.animation_level = "none"
    return app


def in_app(then: Callable[[CoachApp, Pilot[None]], Awaitable[None]]):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, CoachApp)
        await library_loaded(app, pilot)
        await then(app, pilot)
        await pilot.pause()

    return run_before


def test_notice(snap_compare: Snap) -> None:
    async def notice(app: CoachApp, pilot: Pilot[None]) -> None:
        from coach.ui.screens.notice import NoticeScreen

        await app.push_screen(NoticeScreen(first_run=True))

    assert snap_compare(app_with(Settings(reduced_motion=True)), run_before=in_app(notice))


def test_resources_for_a_listed_country(snap_compare: Snap) -> None:
    async def open_it(app: CoachApp, pilot: Pilot[None]) -> None:
        await pilot.press("f2")

    settings = Settings(reduced_motion=True, country="GB")
    assert snap_compare(app_with(settings), run_before=in_app(open_it))


def test_resources_general_advice_only(snap_compare: Snap) -> None:
    async def open_it(app: CoachApp, pilot: Pilot[None]) -> None:
        await pilot.press("f2")

    settings = Settings(reduced_motion=True, country="")
    assert snap_compare(app_with(settings), run_before=in_app(open_it))
