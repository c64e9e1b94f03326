"""Every built-in exercise runs from its first step to its end with plausible answers."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from coach.engine import (
    Choice,
    FakeClock,
    Fits,
    FreeText,
    InMemoryLedger,
    Number,
    Session,
    View,
)
from coach.engine.answers import Answer
from coach.format.loader import load_file
from coach.library import builtin_dir, exercise_files

from .builtin_support import cooperative

BUILTINS = exercise_files(builtin_dir())


def plausible(view: View, turn: int, clock: FakeClock) -> Answer:
    """A valid answer for ``view``; options vary with ``turn`` (a seeded random number) so
    an option that loops back is not chosen every time."""
    match view.expects:
        case "text":
            return FreeText("something I typed")
        case "choice":
            return Choice(turn % len(view.options))
        case "number":
            assert view.scale is not None
            return Number(view.scale[turn % 2])
        case "verdict":
            return Fits("yes" if turn % 3 else "partly")
    return cooperative(view, clock)


def test_there_are_built_in_exercises() -> None:
    assert len(BUILTINS) >= 3


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_each_built_in_exercise_runs_to_its_end(path: Path) -> None:
    from coach.resources import emotion_words

    exercise = load_file(path).exercise
    assert exercise is not None
    clock = FakeClock()
    ledger = InMemoryLedger()
    # something to review, whatever the exercise looks back on
    ledger.add("a", "Ann", "call when late", clock.now() - 10 * 86_400, clock.now() - 1, "x")
    session = Session.start(exercise, a="Ann", b="Ben", clock=clock, ledger=ledger,
                            core_vocabulary=emotion_words())
    rng = random.Random(path.stem)
    for _ in range(2000):
        turn = rng.randrange(1000)
        view = session.view()
        if view.phase == "ended":
            break
        if view.remaining:
            clock.advance(view.remaining)  # let pauses run their length
        session.answer(plausible(view, turn, clock))
    view = session.view()
    assert view.phase == "ended", (view.action, view.stage)
    assert view.ended_reason in ("completed", "end_step")
