"""Every step widget, one after another: Esc changes nothing, and resizing down to a single
cell and back never raises."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from coach.engine import FakeClock, InMemoryLedger
from coach.ui.screens.session import SessionScreen
from tests.snapshots.test_step_snapshots import (
    NOON,
    TO_ASK,
    TO_ASK_SECOND,
    TO_COMMIT,
    TO_CONFIRM,
    TO_EMOTION_CONFIRM,
    TO_FREE_TEXT,
    TO_GUESS,
    TO_PAUSE,
    TO_RATE,
    TO_RATE_SECOND,
    TO_REFLECT,
    TO_SHARE,
    TO_VALIDATE,
    harness,
)
from tests.ui.harness import Harness
from tests.unit.engine_support import exercise

#: each step and stage of the snapshots' exercise, in the order the keys reach them
STOPS = [(), TO_SHARE, TO_REFLECT, TO_CONFIRM, TO_GUESS, TO_EMOTION_CONFIRM, TO_VALIDATE,
         TO_ASK, TO_ASK_SECOND, TO_RATE, TO_RATE_SECOND, TO_FREE_TEXT, TO_COMMIT, TO_PAUSE]
SIZES = [(40, 12), (20, 6), (1, 1), (120, 40), (80, 24)]


def where(app: Harness) -> tuple[object, ...]:
    view = app.session.view()
    return (view.phase, view.action, view.round, view.step_index, view.stage, view.actor,
            view.answered)


async def test_every_step_keeps_its_place_on_esc_and_survives_any_size() -> None:
    app = harness()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen = []
        done = 0
        for stop in STOPS:
            for key in stop[done:]:
                await pilot.press(key)
                await pilot.pause()
            done = len(stop)
            before = where(app)
            seen.append(before)
            await pilot.press("escape", "escape")
            await pilot.pause()
            assert where(app) == before, f"Esc changed {before}"
            assert any(isinstance(s, SessionScreen) for s in app.screen_stack)
            assert not app.session.ended
            await walk(app, pilot)
            assert where(app) == before
        # the walk reached every step widget
        actions = {action for _, action, *_ in seen}
        assert actions >= {"say", "share", "reflect", "name_emotion", "validate", "ask", "rate",
                           "commit", "pause"}


async def walk(app: Harness, pilot: Pilot[None]) -> None:
    for size in SIZES:
        await pilot.resize_terminal(*size)
        await pilot.pause()
        assert app.screen.is_mounted


def _due_ledger() -> InMemoryLedger:
    ledger = InMemoryLedger()
    ledger.add("a", "Sam [bold]", "Text if I'm late [/b]", NOON - 8 * 86400, NOON - 86400, "t")
    return ledger


SCREENS = {"review": "SessionScreen", "private-check": "PrivateCheckScreen",
           "private-check-asked": "PrivateCheckScreen", "swap": "SessionScreen",
           "undo": "ConfirmScreen", "break": "TakeBreakScreen", "end": "EndScreen"}


@pytest.mark.parametrize(
    ("steps", "head", "keys", "ledger"),
    [
        ("- review: Looking back.", "first_speaker: a", (), _due_ledger),
        ("- say: Hi", "first_speaker: a\nprivate_check: true", (), InMemoryLedger),
        ("- say: Hi", "first_speaker: a\nprivate_check: true", ("enter",), InMemoryLedger),
        ('- share: "{speaker}, go."\n- swap: true\n- share: Now you.', "first_speaker: a",
         ("enter",), InMemoryLedger),
        ("- rate: How stirred up?\n  who: speaker\n- say: Next", "first_speaker: a",
         ("4", "enter", "ctrl+z"), InMemoryLedger),  # the undo question
        ("- share: Go", "first_speaker: a", ("ctrl+t",), InMemoryLedger),  # taking a break
        ("- say: Hi", "first_speaker: a", ("enter",), InMemoryLedger),  # the end
    ],
    ids=list(SCREENS),
)
async def test_the_other_session_screens_survive_any_size(
    request: pytest.FixtureRequest, steps: str, head: str, keys: tuple[str, ...],
    ledger: Callable[[], InMemoryLedger],
) -> None:
    name = request.node.callspec.id
    app = harness(exercise(steps, head=head), clock=FakeClock(wall=NOON), ledger=ledger())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == SCREENS[name]
        await walk(app, pilot)
        assert app.screen is screen


async def test_who_speaks_first_survives_any_size() -> None:
    app = harness(exercise("- share: Go", head="first_speaker: ask"), first=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.session.view().phase == "first_speaker"
        await walk(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.view().phase == "first_speaker"
