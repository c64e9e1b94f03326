"""Time limits, breaks taken from any step, and the clock behind them (a fake one: no sleeping)."""

from __future__ import annotations

import pytest

from coach.engine import AnswerError, Done, FakeClock, Fits, Number, Ready, transcript_lines
from tests.unit.engine_support import Run, exercise


def test_time_limit_is_reported_once_passed_and_never_forces_anything() -> None:
    run = Run(exercise("- share: S\n  time_limit: 90s\n- say: next"))
    view = run.view
    assert (view.time_limit, view.over_time, view.offer_break) == (90, False, None)
    run.clock.advance(89)
    assert run.view.elapsed == 89 and not run.view.over_time
    run.clock.advance(1)
    view = run.view
    assert view.over_time and view.offer_break == "time_limit"
    assert view.action == "share"  # still the same step: nothing is forced
    assert run.answer(Done()).text.text == "next"


def test_suggest_after_is_the_default_time_limit_of_share_and_reflect() -> None:
    run = Run(exercise("- share: S\n- reflect: R\n- say: x", head="pause: {suggest_after: 4m}"),
              first="a")
    assert run.view.time_limit == 240
    assert run.answer(Done()).time_limit == 240
    assert run.answer(Done(), Fits("yes")).time_limit is None


def test_the_step_timer_counts_from_when_the_step_is_reached() -> None:
    run = Run(exercise("- say: one\n- share: S\n  time_limit: 60"))
    run.clock.advance(500)
    view = run.answer(Done())
    assert view.elapsed == 0 and not view.over_time


def test_either_partner_takes_a_break_from_any_step_with_a_reason() -> None:
    clock = FakeClock(wall=1000.0)
    run = Run(exercise("- share: S\n  time_limit: 60\n- say: next",
                       head="first_speaker: a\npause: {length: 10m, breathing: 4-7-8}"),
              clock=clock)
    clock.advance(30)
    view = run.session.take_break("b", "I need a minute")
    assert (view.phase, view.expects, view.actor) == ("break", "ready", "both")
    assert (view.break_by, view.break_reason) == ("b", "I need a minute")
    assert (view.length, view.remaining, view.breathing) == (600, 600, "4-7-8")
    assert view.step_index == 0  # where the session will come back to
    taken = [e for e in run.session.events if e.kind == "break_taken"][-1]
    assert (taken.at, taken.data["by"], taken.data["reason"]) == (1030.0, "b", "I need a minute")
    # nothing else is taken during a break, and it cannot be taken twice
    with pytest.raises(AnswerError, match="break"):
        run.answer(Done())
    with pytest.raises(AnswerError, match="already"):
        run.session.take_break("a")
    clock.advance(700)
    assert run.view.remaining == 0 and run.view.phase == "break"  # never ends by itself
    run.answer(Ready("a"))
    with pytest.raises(AnswerError, match="already"):
        run.answer(Ready("a"))
    view = run.answer(Ready("b"))
    # back at the same step; the break's time did not count against its limit
    assert view.phase == "step" and view.action == "share"
    assert view.elapsed == 30 and not view.over_time
    ended = [e for e in run.session.events if e.kind == "break_ended"][-1]
    assert ended.data["lasted"] == 700 and ended.at == 1730.0


def test_a_break_may_end_early_when_both_are_ready() -> None:
    run = Run(exercise("- say: x"))
    run.session.take_break("a")
    run.clock.advance(5)
    run.answer(Ready("b"), Ready("a"))
    assert run.view.phase == "step"
    assert any("The break ended after 5s" in line for line in transcript_lines(run.session.events))


def test_a_break_in_the_middle_of_a_reflection_comes_back_to_the_same_stage() -> None:
    run = Run(exercise("- share: S\n- reflect: R"))
    run.answer(Done(), Done(), Fits("no"))
    before = run.view
    run.session.take_break("a", "")
    after = run.answer(Ready("a"), Ready("b"))
    assert (after.stage, after.tries, after.actor) == (before.stage, before.tries, before.actor)


def test_taking_a_break_clears_an_offer() -> None:
    run = Run(exercise("- rate: {question: Q, pause_at: 5}\n- say: x"))
    assert run.answer(Number(6), Number(6)).offer_break == "high_rating"
    run.session.take_break("b", "the number was high")
    assert run.answer(Ready("a"), Ready("b")).offer_break is None


def test_break_by_someone_who_is_not_a_partner_is_refused() -> None:
    run = Run(exercise("- say: x"))
    with pytest.raises(AnswerError):
        run.session.take_break("c")  # type: ignore[arg-type]
    assert run.view.phase == "step"


def test_a_break_after_the_end_returns_to_the_end() -> None:
    # the last answer may leave someone flooded: a break is still theirs to take
    run = Run(exercise("- say: x"))
    run.answer(Done())
    assert run.session.take_break("a").phase == "break"
    run.session.answer(Ready("a"))
    assert run.session.answer(Ready("b")).phase == "ended"
    with pytest.raises(AnswerError, match="ended"):
        run.session.answer(Done())


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0.0, "0s"), (0.4, "1s"), (45.0, "45s"), (89.2, "1m30s"), (1200.0, "20m"),
     (30.0000000001, "30s"), (3661.0, "1h1m1s")],
)
def test_time_left_reads_as_a_duration_rounded_up(seconds: float, text: str) -> None:
    from coach.engine.text import format_seconds

    # rounded up, so a pause never says "0s left" while time remains; float noise is not a second
    assert format_seconds(seconds) == text
