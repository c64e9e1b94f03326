"""Records to look back at: sessions, ratings, a break and commitments, on a fake clock."""

from __future__ import annotations

import time

import pytest
from textual.pilot import Pilot

from coach.engine import Done, FakeClock, FreeText, Number, Safe
from coach.format.loader import load_text
from coach.format.model import Exercise
from coach.paths import user_exercises_dir
from coach.ui.app import CoachApp
from tests.unit.engine_support import CORE
from tests.unit.store_support import STEPS, Recorded

DAY = 86400.0
#: the app's fake clock reads this; the records are made in the days before it
NOW = 1_700_000_000.0
NOTE = "I felt [bold]unseen[/ when $x"


def evening() -> Exercise:
    """The exercise, also written among the user's own so that resuming finds it."""
    text = ("id: listening-evening\ntitle: A listening evening\nsummary: S\n"
            "first_speaker: a\nprivate_check: true\nsteps:\n"
            + "".join(f"  {line}\n" for line in STEPS.strip().splitlines()))
    return users_own(text, "listening-evening")


def users_own(text: str, stem: str, *, in_library: bool = True) -> Exercise:
    """The exercise ``text`` loaded, and (``in_library``) written among the user's own
    exercises as ``STEM.yaml``, where the app's library finds it."""
    if in_library:
        folder = user_exercises_dir()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{stem}.yaml").write_text(text, "utf-8")
    result = load_text(text, file=f"{stem}.yaml", stem=stem)
    assert result.exercise is not None, [str(p) for p in result.errors]
    return result.exercise


async def settled(app: CoachApp, pilot: Pilot[None]) -> None:
    """Workers done (loading, writing) and the screen redrawn, a few times over: a load
    may start another."""
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def seed() -> None:
    """Three sessions over two weeks: two finished (a break in the first), one unfinished."""
    assert CORE  # the engine's vocabulary, needed by the exercise helpers
    clock = FakeClock(wall=NOW - 15 * DAY)
    first = Recorded(clock=clock, ex=evening(), a="Sam", b="Alex").through_check()
    first.answer(Done(NOTE))
    first.session.take_break("b")
    first.recorder.record(first.session)
    clock.advance(20 * 60)
    first.session.answer(_ready("a"))
    first.session.answer(_ready("b"))
    first.recorder.record(first.session)
    first.answer(Number(6), Number(8), FreeText("text when I'll be late"), Done())
    first.recorder.finish(first.session)

    clock.advance(8 * DAY)
    second = Recorded(clock=clock, ex=evening(), a="Alex", b="Sam").through_check()
    second.answer(Done("better"), Number(3), Number(4), FreeText("a walk on Sundays"), Done())
    second.recorder.finish(second.session)

    clock.advance(5 * DAY)
    third = Recorded(clock=clock, ex=evening(), a="Sam", b="Alex").through_check()
    third.answer(Done("still thinking"))
    third.recorder.close()
    assert Safe  # imported for the check the exercise opens with


def _ready(partner: str) -> object:
    from coach.engine import Ready

    return Ready(partner)  # type: ignore[arg-type]
