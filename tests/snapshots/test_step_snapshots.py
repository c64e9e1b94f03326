"""Snapshots of every step widget, the break and private-check screens and the end, at 80x24.

A fake clock, local time in UTC, animations off and no blinking cursor: a
snapshot changes only when the screen does. Names and notes carry markup
characters, so a snapshot also shows they are printed as typed.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from coach.engine import FakeClock, InMemoryLedger
from coach.format.model import Exercise
from coach.resources import emotion_words
from coach.settings import Settings
from tests.ui.harness import Harness
from tests.unit.engine_support import exercise

Snap = Callable[..., bool]
#: Monday 24 November 2025, 12:00 UTC
NOON = 1_764_000_000.0 - (1_764_000_000 % 86400) + 12 * 3600

STEPS = exercise(
    """
    - say: |
        Welcome, {a} and {b}.

        **The floor.** Whoever holds the floor speaks; the other listens.
    - share:
        prompt: "{speaker}, tell {listener} about one small moment from this week."
        starters: ["What I noticed was …", "When that happened, I felt …"]
    - reflect: "{listener}, say back what you heard, in your own words."
    - name_emotion: "{listener}, what might {speaker} be feeling underneath?"
    - validate: "{listener}, tell {speaker} why that feeling makes sense."
    - ask: "{speaker}, what was it like to be listened to?"
      who: both
      options: [It felt good, "It felt strange [/", A bit of both]
    - rate: How stirred up do you feel right now?
      labels: {0: calm, 5: a bit tense, 10: flooded}
    - ask: Anything you want to add?
    - commit: "{speaker}, what is one small thing you will do this week?"
      review_in: 9d
    - pause:
        length: 5m
        message: Breathe slowly. Nothing needs saying now.
    """,
    head="first_speaker: a\nrounds: 2",
)


@pytest.fixture(autouse=True)
def _steady(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def harness(ex: Exercise = STEPS, theme: str = "textual-dark", **kwargs: object) -> Harness:
    kwargs.setdefault("clock", FakeClock(wall=NOON))
    app = Harness(
        ex, a="Sam [bold]", b="Alex", settings=Settings(theme=theme, reduced_motion=True),
        core=tuple(emotion_words()), **kwargs,  # type: ignore[arg-type]
    )
    app.animation_level = "none"
    return app


def after(*keys: str, then: Callable[[Harness, Pilot[None]], Awaitable[None]] | None = None):  # type: ignore[no-untyped-def]
    """A run_before: press ``keys`` one at a time, run ``then``, stop every cursor blinking."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, Harness)
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        if then is not None:
            await then(app, pilot)
        for box in app.screen.query(TextArea):
            box.cursor_blink = False
        await pilot.pause()

    return run_before


def typed(text: str) -> tuple[str, ...]:
    return tuple("space" if c == " " else c for c in text)


# the keys that bring STEPS to each step
TO_SHARE = ("enter",)
TO_REFLECT = (*TO_SHARE, "enter")
TO_CONFIRM = (*TO_REFLECT, "enter")
TO_GUESS = (*TO_CONFIRM, "y")
TO_EMOTION_CONFIRM = (*TO_GUESS, *typed("hurt"), "space", "backspace", "backspace", "backspace",
                      "backspace", "down", "down", "space", "enter")
TO_VALIDATE = (*TO_EMOTION_CONFIRM, "enter")
TO_ASK = (*TO_VALIDATE, "enter")
TO_ASK_SECOND = (*TO_ASK, "2", "enter")
TO_RATE = (*TO_ASK_SECOND, "1", "enter")
TO_RATE_SECOND = (*TO_RATE, "7", "enter")
TO_FREE_TEXT = (*TO_RATE_SECOND, "3", "enter")
TO_COMMIT = (*TO_FREE_TEXT, *typed("more walks"), "enter")
TO_PAUSE = (*TO_COMMIT, *typed("Text if I'm late [/b]"), "enter")


def test_say(snap_compare: Snap) -> None:
    assert snap_compare(harness(), run_before=after())


def test_share_with_a_note(snap_compare: Snap) -> None:
    assert snap_compare(harness(), run_before=after(*TO_SHARE, *typed("dinner [bold]$x 🙂")))


def test_share_light_theme(snap_compare: Snap) -> None:
    assert snap_compare(harness(theme="textual-light"), run_before=after(*TO_SHARE))


def test_share_refused_keeps_the_note(snap_compare: Snap) -> None:
    ex = exercise("- share:\n    prompt: Say it.\n    notes: required")
    assert snap_compare(harness(ex), run_before=after("space", "enter"))


def test_reflect(snap_compare: Snap) -> None:
    assert snap_compare(harness(), run_before=after(*TO_REFLECT))


def test_reflect_confirm(snap_compare: Snap) -> None:
    assert snap_compare(harness(), run_before=after(*TO_CONFIRM))


def test_reflect_second_try(snap_compare: Snap) -> None:
    assert snap_compare(harness(), run_before=after(*TO_CONFIRM, "p", "enter"))


def test_emotion_guess(snap_compare: Snap) -> None:
    assert snap_compare(harness(), run_before=after(*TO_GUESS, "down", "space", "down", "down"))


def test_emotion_filtered(snap_compare: Snap) -> None:
    assert snap_compare(harness(), run_before=after(*TO_GUESS, *typed("ang"), "space"))


def test_emotion_confirm(snap_compare: Snap) -> None:
    assert snap_compare(harness(), run_before=after(*TO_EMOTION_CONFIRM))


def test_validate(snap_compare: Snap) -> None:
    assert snap_compare(harness(), run_before=after(*TO_VALIDATE))


def test_ask_both_first(snap_compare: Snap) -> None:
    assert snap_compare(harness(), run_before=after(*TO_ASK, "2"))


def test_ask_both_second(snap_compare: Snap) -> None:
    assert snap_compare(harness(), run_before=after(*TO_ASK_SECOND))


def test_rate_both_second(snap_compare: Snap) -> None:
    assert snap_compare(harness(), run_before=after(*TO_RATE_SECOND, "4"))


def test_ask_free_text(snap_compare: Snap) -> None:
    assert snap_compare(harness(), run_before=after(*TO_FREE_TEXT))


def test_commit(snap_compare: Snap) -> None:
    assert snap_compare(harness(), run_before=after(*TO_COMMIT, *typed("Text if I'm late")))


def test_pause(snap_compare: Snap) -> None:
    assert snap_compare(harness(), run_before=after(*TO_PAUSE, then=_advance(60)))


def _advance(seconds: float) -> Callable[[Harness, Pilot[None]], Awaitable[None]]:
    async def then(app: Harness, pilot: Pilot[None]) -> None:
        app.clock.advance(seconds)
        # one tick of the countdown, now rather than within the second (a loaded
        # machine can make the timer's own late); the clock stands, so a second is alike
        await app.step._tick()
        await pilot.pause()

    return then


def test_round_two_opens_with_the_floor_passing(snap_compare: Snap) -> None:
    keys = (*TO_PAUSE, "a", "b")
    assert snap_compare(harness(), run_before=after(*keys, then=_advance(300)))


def test_review(snap_compare: Snap) -> None:
    clock = FakeClock(wall=NOON)
    ledger = InMemoryLedger()
    ledger.add("a", "Sam [bold]", "Text if I'm late [/b]", NOON - 8 * 86400, NOON - 86400, "t")
    ex = exercise("- review: Let's look back at what you agreed.")
    assert snap_compare(harness(ex, clock=clock, ledger=ledger), run_before=after("2"))


def test_notices_and_an_offered_break(snap_compare: Snap) -> None:
    ex = exercise("""
    - rate: How stirred up?
      who: speaker
      pause_at: 7
    - review: Looking back.
    - say: Go on when you are ready.
    """)
    assert snap_compare(harness(ex), run_before=after("8", "enter"))


# breaks: tests/snapshots/test_break_snapshots.py


def test_private_check_hand_off(snap_compare: Snap) -> None:
    ex = exercise("- say: Hi", head="first_speaker: a\nprivate_check: true")
    assert snap_compare(harness(ex), run_before=after())


def test_private_check_question(snap_compare: Snap) -> None:
    ex = exercise("- say: Hi", head="first_speaker: a\nprivate_check: true")
    assert snap_compare(harness(ex), run_before=after("enter"))


def test_undo_confirmation(snap_compare: Snap) -> None:
    assert snap_compare(harness(), run_before=after(*TO_ASK, "2", "enter", "ctrl+z"))


def test_end_summary(snap_compare: Snap) -> None:
    ex = exercise("""
    - share: Go
    - name_emotion: Guess
    - commit: What will you do?
      review_in: 9d
    - end: |
        That's the whole skill: hold the floor, keep it short, say it back
        first. **Well done**, both of you.
    """)

    async def then(app: Harness, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+t", "a", "enter")  # Sam: the 20-minute time-out
        await pilot.pause()
        app.clock.advance(20 * 60)
        await pilot.press("a", "b")
        await pilot.pause()
        for key in ("enter", *typed("lonely"), "space", "enter", "enter",
                    *typed("Call at six [/]"), "enter"):
            await pilot.press(key)
        app.clock.advance(7 * 60)
        await pilot.pause()

    assert snap_compare(harness(ex), run_before=after(then=then))


def test_first_speaker(snap_compare: Snap) -> None:
    """Who speaks first, asked on the session screen when set-up did not settle it."""
    ex = exercise("- share: \"{speaker}, go.\"", head="first_speaker: ask")
    assert snap_compare(harness(ex, first=None), run_before=after("down"))


def test_swap(snap_compare: Snap) -> None:
    ex = exercise("""
    - share: "{speaker}, tell {listener} what you noticed."
    - swap: true
    - share: "{speaker}, now you."
    """)
    assert snap_compare(harness(ex), run_before=after("enter"))


def test_note_with_emoji_and_markup(snap_compare: Snap) -> None:
    async def then(app: Harness, pilot: Pilot[None]) -> None:
        from coach.ui.widgets.note_box import NoteBox

        app.screen.query_one(NoteBox).insert("[link=x]home[/link] \\[late] 🙂 [@click=app.quit]")
        await pilot.pause()

    assert snap_compare(harness(), run_before=after(*TO_SHARE, then=then))
