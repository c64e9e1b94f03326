"""Every built-in exercise walked through the real session screen with the keys a couple
would press, to the end screen: no exception, no unexpected-error line, never stuck."""

from __future__ import annotations

import logging
import re

import pytest
from textual.widgets import Static

from coach.engine import View
from coach.library import builtin_dir
from coach.ui.screens.end import EndScreen
from coach.ui.screens.private_check import HOLD_SECONDS, PrivateCheckScreen
from coach.ui.screens.session import UNEXPECTED, SessionScreen
from tests.ui.harness import Harness
from tests.unit.builtin_support import WAYS_OUT, builtin

SIZE = (80, 24)
BUILTINS = sorted(p.stem for p in builtin_dir().glob("*.yaml"))


def keys_for(view: View) -> list[str]:
    """The keys a willing couple presses to answer this view, as the footer says."""
    match view.expects:
        case "text":
            return [*"words we mean", "enter"]
        case "choice":
            keep = [i for i, o in enumerate(view.options) if not WAYS_OUT.search(o.text)]
            return [str((keep[0] if keep else 0) + 1), "enter"]
        case "number":
            return ["2", "enter"]
        case "emotions":
            return ["enter"] if view.guess else ["space", "enter"]
        case "verdict":
            return ["y"]
        case "ready":
            return [p for p in ("a", "b") if p not in view.ready]
        case "partner" | "outcome":
            return ["1", "enter"]
    if view.notes == "required":
        return [*"a note", "enter"]
    return ["enter"]


def error_line(app: Harness) -> str:
    errors = app.screen.query("#error")
    if not errors:
        return ""
    error = errors.first(Static)
    return str(error.render()) if error.display else ""


def test_every_builtin_is_walked() -> None:
    assert len(BUILTINS) == 19


@pytest.mark.parametrize("exercise_id", BUILTINS)
async def test_a_builtin_is_walked_to_the_end_with_the_keys(
    exercise_id: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = Harness(builtin(exercise_id), first=None)
    caplog.set_level(logging.ERROR)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen: list[str] = []
        for _ in range(400):  # bounded: a walk that never ends fails
            screen = app.screen
            if isinstance(screen, EndScreen):
                break
            if isinstance(screen, PrivateCheckScreen):
                # hand-off, a yes, then the support screen held for its seconds
                await pilot.press("enter", "y")
                app.clock.advance(HOLD_SECONDS + 1)
                screen.tick()  # the interval would, a quarter second later
                await pilot.pause()
                await pilot.press("enter")
                await pilot.pause()
                continue
            assert isinstance(screen, SessionScreen), type(screen)
            view = app.session.view()
            if view.remaining:  # a pause nobody can cut short: wait it out
                app.clock.advance(view.remaining)
            before = (len(app.session.events), view)
            keys = keys_for(view)
            seen.append(f"{view.action}/{view.stage}/{view.expects}: {keys}")
            await pilot.press(*keys)
            await pilot.pause()
            assert not error_line(app), (error_line(app), seen[-5:])
            after = app.session.view()
            assert (len(app.session.events), after) != before, ("stuck", seen[-5:])
        else:
            raise AssertionError(("never ended", seen[-5:]))
        assert app.session.ended
        text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert UNEXPECTED not in text
        assert not re.search(r"Traceback|Error", text)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
