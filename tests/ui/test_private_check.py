"""The private check: whatever each partner answers, every screen after the question is
the same, and nothing of it reaches the data folder."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from textual.pilot import Pilot

from coach import paths
from coach.engine import FakeClock
from coach.engine.session import NOT_READY_TEXT
from coach.ui.app import CoachApp, RunRequest
from coach.ui.screens.library import LibraryScreen
from coach.ui.screens.private_check import HOLD_SECONDS, NotReadyScreen, PrivateCheckScreen
from coach.ui.screens.session import SessionScreen
from tests.ui.app_support import library_loaded, make_app
from tests.ui.harness import screen_text
from tests.unit.engine_support import exercise

SIZE = (80, 24)
CHECKED = exercise("- say: Hello {a} and {b}.", head="first_speaker: a\nprivate_check: true")


def rendered(app: CoachApp) -> str:
    """The whole screen with its colours and styles (a screenshot, its random id taken out)."""
    return re.sub(r"terminal-\d+", "terminal", app.export_screenshot())


def folder_state(*folders: Path) -> dict[str, bytes]:
    return {
        str(path): path.read_bytes()
        for folder in folders if folder.exists()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def words(app: CoachApp) -> str:
    """The screen's text as one line of words, borders taken out (so wrapped lines join)."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", screen_text(app)).split())


async def settle(app: CoachApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def answer_one(app: CoachApp, pilot: Pilot[None], yes: bool) -> list[str]:
    """One partner's turn from their hand-off; the screens after their question."""
    clock = app.clock
    assert isinstance(clock, FakeClock)
    screen = app.screen
    assert isinstance(screen, PrivateCheckScreen) and screen.stage == "hand_off"
    await pilot.press("enter")
    await pilot.pause()
    assert screen.stage == "question"
    await pilot.press("y" if yes else "n")
    await pilot.pause()
    after = [rendered(app)]
    await pilot.press("enter")  # too soon: the closing screen holds, whatever was answered
    await pilot.pause()
    assert app.screen is screen and screen.stage == "closing"
    after.append(rendered(app))
    clock.advance(HOLD_SECONDS)
    screen.tick()
    await pilot.pause()
    after.append(rendered(app))
    await pilot.press("enter")
    await settle(app, pilot)
    after.append(rendered(app))
    return after


async def run_check(first: bool, second: bool) -> tuple[list[str], list[str], CoachApp]:
    app = make_app(run=RunRequest(CHECKED, a="Sam", b="Alex"))
    async with app.run_test(size=SIZE) as pilot:
        await library_loaded(app, pilot)
        await settle(app, pilot)
        assert isinstance(app.screen, PrivateCheckScreen)
        folders = (paths.data_dir(), paths.config_dir())
        before = folder_state(*folders)
        screens = await answer_one(app, pilot, first)
        screens += await answer_one(app, pilot, second)
        texts = [words(app)]
        await settle(app, pilot)
        if first and second:
            # the session has begun: only from now on may it be kept (the names, the records)
            assert isinstance(app.screen, SessionScreen)
            assert app.screen.session.view().action == "say"
        else:
            assert isinstance(app.screen, NotReadyScreen)
            assert folder_state(*folders) == before, "the check wrote something"
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, LibraryScreen)
            assert folder_state(*folders) == before
    return screens, texts, app


async def test_every_screen_after_the_question_is_the_same_whatever_was_answered() -> None:
    runs = {}
    for first, second in itertools.product((True, False), repeat=2):
        screens, texts, _ = await run_check(first, second)
        runs[first, second] = screens, texts
    # everything but the very last screen is the same for all four
    reference = runs[True, True][0][:-1]
    for answers, (screens, _) in runs.items():
        assert screens[:-1] == reference, f"a screen differs for {answers}"
    # after the last closing screen: the exercise for yes/yes; one same screen otherwise
    not_ready = {runs[answers][0][-1] for answers in runs if answers != (True, True)}
    assert len(not_ready) == 1
    assert runs[True, True][0][-1] not in not_ready
    text = runs[True, False][1][0]
    assert NOT_READY_TEXT in text
    assert "not ready" not in text.lower() and "said no" not in text.lower()


async def test_the_hand_off_names_who_answers_and_who_looks_away() -> None:
    app = make_app(run=RunRequest(CHECKED, a="Sam", b="Alex"))
    async with app.run_test(size=SIZE) as pilot:
        await library_loaded(app, pilot)
        await settle(app, pilot)
        text = words(app)
        assert ("Sam, the next screen is just for you. Alex, please look away until Sam hands "
                "the keyboard back.") in text
        assert "feel safe" not in text  # the question waits for Sam's Enter
        await pilot.press("y", "n")  # no answer before the hand-off
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PrivateCheckScreen) and screen.stage == "hand_off"
        await pilot.press("enter")
        await pilot.pause()
        assert "feel safe" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        closing = screen_text(app)
        # the support lines are shown, and no answer is echoed
        assert "emergency number" in closing
        assert "yes" not in closing.lower().split() and "no" not in closing.lower().split()
        screen.tick()  # no time has passed: Enter does not go on yet
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert app.clock.monotonic() == 0  # type: ignore[union-attr]
        app.clock.advance(HOLD_SECONDS - 0.5)  # type: ignore[union-attr]
        screen.tick()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        app.clock.advance(0.5)  # type: ignore[union-attr]
        screen.tick()
        await pilot.pause()
        assert "hand the keyboard back to Alex" in words(app)
        await pilot.press("enter")
        await settle(app, pilot)
        text = words(app)
        assert ("Alex, the next screen is just for you. Sam, please look away until Alex "
                "hands the keyboard back.") in text


async def test_names_are_remembered_only_once_the_check_is_passed() -> None:
    from coach.partner_names import names_path

    await run_check(True, False)
    assert not names_path().exists()
    await run_check(True, True)
    assert names_path().exists()

