"""Breaks the partners call: the length they choose, extensions, the agreed return time on
the wall clock beside the monotonic countdown, and what survives closing the app or a
sleeping machine. Time is a FakeClock throughout: nothing sleeps."""

from __future__ import annotations

import io
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from coach.commands.rehearse_text import Rehearsal
from coach.engine import (
    AnswerError,
    Done,
    FakeClock,
    Fits,
    InMemoryLedger,
    Number,
    Ready,
    Session,
    transcript_lines,
)
from coach.engine.breaks import BELOW_GUIDANCE_TEXT, GUIDANCE, MAX_BREAK, MIN_BREAK
from coach.format.model import Exercise
from tests.unit.engine_support import Run, exercise

WALL = 1_700_000_000.0
MINUTE = 60
HOUR = 3600


def run_at(steps: str = "- share: S\n- say: next", head: str = "first_speaker: a") -> Run:
    return Run(exercise(steps, head=head), clock=FakeClock(wall=WALL))


def events(run: Run, kind: str) -> list[dict[str, object]]:
    return [dict(e.data) for e in run.session.events if e.kind == kind]


def restore(run: Run, clock: FakeClock) -> Session:
    """The app closed and opened again: the saved JSON, a new process's clock."""
    data = json.loads(json.dumps(run.session.to_json()))
    return Session.from_json(run.session.exercise, data, clock, run.ledger)


# --- lengths ------------------------------------------------------------------------------


@pytest.mark.parametrize("length", [MIN_BREAK, 5 * MINUTE, GUIDANCE, MAX_BREAK - 1, MAX_BREAK])
def test_a_partner_chooses_any_whole_length_from_a_minute_to_a_day(length: int) -> None:
    run = run_at()
    view = run.session.take_break("a", "", length)
    assert (view.phase, view.length, view.remaining, view.break_total) == (
        "break", length, length, length)
    assert view.return_at == WALL + length and view.break_started_at == WALL


@pytest.mark.parametrize(
    ("length", "message"),
    [
        (MIN_BREAK - 1, "a break is at least 1 minute, not 59s"),
        (0, "a break is at least 1 minute, not 0 seconds"),
        (-300, "a break is at least 1 minute, not -300 seconds"),
        (MAX_BREAK + 1, "a break lasts at most 24 hours, not 1d1s; after that, come back"),
        (7 * 86_400, "a break lasts at most 24 hours, not 7d"),
        (300.0, "a break is a whole number of seconds, not 300.0"),
        (True, "a break is a whole number of seconds, not True"),
        ("5m", "a break is a whole number of seconds, not '5m'"),
    ],
)
def test_any_other_length_is_refused_and_nothing_changes(length: object, message: str) -> None:
    run = run_at()
    before = run.session.to_json()
    with pytest.raises(AnswerError) as refused:
        run.session.take_break("a", "too much", length)  # type: ignore[arg-type]
    assert refused.value.message.startswith(message)
    assert run.view.phase == "step" and "break_taken" not in run.kinds()
    assert run.session.to_json() == before
    run.session.take_break("a", "fine now", 5 * MINUTE)  # and a break can still be taken


@pytest.mark.parametrize(
    ("pause", "length"), [("20m", 1200), ("2m", 120), ("30s", MIN_BREAK), ("7d", MAX_BREAK)]
)
def test_no_length_means_the_exercises_pause_length_within_a_minute_to_a_day(
    pause: str, length: int
) -> None:
    run = run_at(head=f"first_speaker: a\npause: {{length: {pause}}}")
    assert run.session.take_break("b").length == length
    assert events(run, "break_taken")[0]["length"] == length


def test_the_break_taken_event_carries_the_length_the_return_time_and_why() -> None:
    run = run_at("- rate: {question: Q, pause_at: 7}\n- say: next")
    run.answer(Number(8), Number(3))
    run.clock.advance(10)
    run.session.take_break("b", " my heart is racing ", 5 * MINUTE)
    (taken,) = events(run, "break_taken")
    assert taken == {"by": "b", "name": "Ben", "reason": "my heart is racing", "length": 300,
                     "return_at": WALL + 10 + 300, "offer": "high_rating", "cues": False}


# --- the guidance -----------------------------------------------------------------------


def high_rating_run() -> Run:
    run = run_at("- rate: {question: How stirred up?, pause_at: 7}\n- say: next")
    assert run.answer(Number(9), Number(2)).offer_break == "high_rating"
    return run


def test_a_short_break_after_a_high_rating_is_allowed_and_says_the_guidance() -> None:
    run = high_rating_run()
    view = run.session.take_break("a", "", 5 * MINUTE)
    assert view.phase == "break" and view.below_guidance
    assert (view.break_offer, view.break_cues) == ("high_rating", False)
    assert "20 minutes" in BELOW_GUIDANCE_TEXT
    # adding time up to the guidance answers it
    assert run.session.extend_break(10 * MINUTE).below_guidance
    assert not run.session.extend_break(5 * MINUTE).below_guidance


def test_twenty_minutes_after_a_high_rating_meets_the_guidance() -> None:
    run = high_rating_run()
    assert not run.session.take_break("a", "", GUIDANCE).below_guidance


def test_a_short_break_after_flooding_cues_says_the_guidance() -> None:
    run = run_at()
    view = run.session.take_break("b", "", MIN_BREAK, cues=True)
    assert view.below_guidance and view.break_cues and view.break_offer is None
    assert events(run, "break_taken")[0]["cues"] is True


@pytest.mark.parametrize("offer", ["none", "time_limit", "not_confirmed"])
def test_a_short_breathing_pause_without_signs_of_flooding_needs_no_guidance(offer: str) -> None:
    if offer == "time_limit":
        run = run_at("- share: S\n  time_limit: 1m\n- say: next")
        run.clock.advance(61)
    elif offer == "not_confirmed":
        run = run_at("- share: S\n- reflect: {prompt: R, max_tries: 1}\n- say: next")
        run.answer(Done(), Done(), Fits("no"))
    else:
        run = run_at()
    view = run.session.take_break("a", "", 2 * MINUTE)
    assert not view.below_guidance
    assert view.break_offer == (None if offer == "none" else offer)


# --- extensions -------------------------------------------------------------------------------


def test_extending_adds_to_the_countdown_and_the_return_time() -> None:
    run = run_at()
    run.session.take_break("a", "", GUIDANCE)
    run.clock.advance(15 * MINUTE)
    view = run.session.extend_break(5 * MINUTE, by="b")
    assert view.remaining == 10 * MINUTE and view.return_at == WALL + 25 * MINUTE
    assert (view.length, view.extensions, view.break_total) == (GUIDANCE, (300,), 1500)
    view = run.session.extend_break(5 * MINUTE)
    assert view.remaining == 15 * MINUTE and view.extensions == (300, 300)
    assert events(run, "break_extended") == [
        {"by": "b", "name": "Ben", "added": 300, "return_at": WALL + 1500, "total": 1500},
        {"by": None, "name": None, "added": 300, "return_at": WALL + 1800, "total": 1800},
    ]


def test_extending_after_the_time_is_up_counts_from_now() -> None:
    run = run_at()
    run.session.take_break("a", "", 5 * MINUTE)
    run.clock.advance(HOUR)
    assert run.view.time_up and run.view.overtime == HOUR - 5 * MINUTE
    view = run.session.extend_break(5 * MINUTE)
    assert view.remaining == 5 * MINUTE and not view.time_up and view.overtime == 0
    assert view.return_at == WALL + HOUR + 5 * MINUTE


def test_extending_up_to_a_day_in_all_is_allowed() -> None:
    run = run_at()
    run.session.take_break("a", "", MAX_BREAK - 5 * MINUTE)
    assert run.session.extend_break(5 * MINUTE).break_total == MAX_BREAK


@pytest.mark.parametrize(
    ("length", "ran", "add", "message"),
    [
        (MAX_BREAK - 4 * MINUTE, 0, 5 * MINUTE,
         "a break lasts at most 24 hours in all: adding 5m would make this one 1d1m"),
        (MAX_BREAK, 0, MIN_BREAK, "this break has reached 24 hours, the most a break lasts"),
        (HOUR, MAX_BREAK + HOUR, 5 * MINUTE,
         "this break has reached 24 hours, the most a break lasts"),
        (HOUR, 0, 30, "the time added is at least 1 minute, not 30s"),
        (HOUR, 0, 0, "the time added is at least 1 minute, not 0 seconds"),
        (HOUR, 0, 2.5, "the time added is a whole number of seconds, not 2.5"),
    ],
)
def test_an_extension_past_a_day_or_under_a_minute_is_refused(
    length: int, ran: int, add: object, message: str
) -> None:
    run = run_at()
    run.session.take_break("a", "", length)
    run.clock.advance(ran)
    before = run.session.to_json()
    with pytest.raises(AnswerError) as refused:
        run.session.extend_break(add)  # type: ignore[arg-type]
    assert refused.value.message.startswith(message)
    assert run.session.to_json() == before


def test_there_is_nothing_to_extend_outside_a_break() -> None:
    run = run_at()
    with pytest.raises(AnswerError, match="there is no break to extend"):
        run.session.extend_break(5 * MINUTE)
    run.session.take_break("a")
    run.answer(Ready("a"), Ready("b"))
    with pytest.raises(AnswerError, match="there is no break to extend"):
        run.session.extend_break(5 * MINUTE)


def test_an_extension_by_someone_who_is_not_a_partner_is_refused() -> None:
    run = run_at()
    run.session.take_break("a", "", GUIDANCE)
    with pytest.raises(AnswerError, match="say which partner"):
        run.session.extend_break(300, by="c")  # type: ignore[arg-type]
    assert run.view.extensions == ()


# --- the countdown and the wall clock ----------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(hs.lists(hs.floats(min_value=0.001, max_value=7.0), min_size=1, max_size=400))
def test_no_drift_over_twenty_minutes_of_irregular_ticks(ticks: list[float]) -> None:
    run = run_at()
    run.session.take_break("a", "", GUIDANCE)
    scale = GUIDANCE / sum(ticks)  # the ticks add up to the 20 minutes, however they fall
    ran = 0.0
    for tick in ticks:
        run.clock.advance(tick * scale)
        ran += tick * scale
        view = run.view
        assert view.remaining == pytest.approx(max(GUIDANCE - ran, 0.0), abs=1e-6)
        assert 0.0 <= view.remaining <= GUIDANCE
    run.clock.advance(0.01)
    assert run.view.remaining == 0 and run.view.time_up and run.view.phase == "break"


OPS = hs.lists(
    hs.tuples(hs.sampled_from(["advance", "suspend", "extend", "restore"]),
              hs.integers(min_value=0, max_value=2 * HOUR)),
    max_size=30,
)


@settings(max_examples=100, deadline=None)
@given(hs.integers(min_value=MIN_BREAK, max_value=MAX_BREAK), OPS)
def test_the_time_left_always_agrees_with_the_return_time(
    length: int, ops: list[tuple[str, int]]
) -> None:
    """Whatever happens (time passing, the machine sleeping, extensions, the app closed and
    opened later), the time left is the agreed return time minus now, never below zero."""
    run = run_at()
    session = run.session
    session.take_break("a", "", length)
    clock = run.clock
    for op, seconds in ops:
        if op == "advance":
            clock.advance(seconds)
        elif op == "suspend":
            clock.suspend(seconds)
        elif op == "restore":
            clock = FakeClock(wall=clock.now() + seconds, monotonic=float(seconds % 7))
            data = json.loads(json.dumps(session.to_json()))
            session = Session.from_json(session.exercise, data, clock, run.ledger)
        else:
            try:
                session.extend_break(max(seconds, MIN_BREAK))
            except AnswerError as refused:
                assert "24 hours" in refused.message
        view = session.view()
        assert view.return_at is not None and view.break_total is not None
        assert view.break_total <= MAX_BREAK
        assert view.return_at == pytest.approx(WALL + view.break_total)
        assert view.remaining == pytest.approx(max(view.return_at - clock.now(), 0.0))
        assert view.time_up == (view.remaining == 0) and view.phase == "break"


def test_after_the_machine_slept_the_time_left_follows_the_agreed_return_time() -> None:
    run = run_at()
    run.session.take_break("a", "", GUIDANCE)
    run.clock.advance(5 * MINUTE)
    run.clock.suspend(10 * MINUTE)  # the lid closed: wall time moves, monotonic does not
    view = run.view
    assert view.remaining == 5 * MINUTE and view.return_at == WALL + GUIDANCE
    run.clock.advance(2 * MINUTE)
    assert run.view.remaining == 3 * MINUTE
    run.clock.suspend(HOUR)
    view = run.view
    assert (view.remaining, view.time_up, view.phase) == (0, True, "break")
    assert view.overtime == 5 * MINUTE + 2 * MINUTE + 10 * MINUTE + HOUR - GUIDANCE
    run.answer(Ready("a"), Ready("b"))
    (ended,) = events(run, "break_ended")
    assert ended == {"lasted": 77 * MINUTE, "early": False}


def test_a_wall_clock_set_back_does_not_lengthen_the_break() -> None:
    run = run_at()
    run.session.take_break("a", "", GUIDANCE)
    run.clock.advance(5 * MINUTE)
    run.clock.set_wall(WALL - HOUR)  # someone fixes the clock: the countdown goes on
    assert run.view.remaining == 15 * MINUTE
    run.clock.advance(15 * MINUTE)
    assert run.view.time_up


def test_the_step_timer_stands_still_during_a_break() -> None:
    run = run_at("- share: S\n  time_limit: 10m\n- say: next")
    run.clock.advance(3 * MINUTE)
    run.session.take_break("b", "", GUIDANCE)
    run.clock.advance(HOUR)
    view = run.answer(Ready("a"), Ready("b"))
    assert (view.action, view.elapsed, view.over_time) == ("share", 3 * MINUTE, False)


# --- closing the app and coming back -------------------------------------------------------


def test_a_break_survives_closing_the_app_with_everything_the_screen_needs() -> None:
    run = high_rating_run()
    run.session.take_break("a", "racing", 10 * MINUTE)
    run.clock.advance(2 * MINUTE)
    run.session.extend_break(5 * MINUTE, by="a")
    run.answer(Ready("b"))
    before = run.view
    # the same moment in a new process: the monotonic clock starts again from zero
    session = restore(run, FakeClock(wall=WALL + 2 * MINUTE, monotonic=0.0))
    after = session.view()
    assert after == before
    assert (after.return_at, after.extensions, after.ready, after.below_guidance) == (
        WALL + 15 * MINUTE, (300,), ("b",), True)
    assert [e.to_json() for e in session.events] == [e.to_json() for e in run.session.events]
    assert transcript_lines(session.events) == transcript_lines(run.session.events)


def test_restored_later_the_time_left_counts_from_the_wall_clock() -> None:
    run = run_at()
    run.session.take_break("a", "", GUIDANCE)
    run.clock.advance(5 * MINUTE)
    clock = FakeClock(wall=WALL + 12 * MINUTE, monotonic=42.0)  # closed for 7 minutes
    session = restore(run, clock)
    assert session.view().remaining == 8 * MINUTE
    clock.advance(3 * MINUTE)
    assert session.view().remaining == 5 * MINUTE
    session.extend_break(5 * MINUTE)
    assert session.view().return_at == WALL + 25 * MINUTE


def test_restored_after_the_return_time_it_is_time_up_never_negative() -> None:
    run = run_at()
    run.session.take_break("a", "", GUIDANCE)
    clock = FakeClock(wall=WALL + 3 * 86_400, monotonic=5.0)
    session = restore(run, clock)
    view = session.view()
    assert (view.phase, view.remaining, view.time_up) == ("break", 0.0, True)
    assert view.overtime == 3 * 86_400 - GUIDANCE  # "a lot of time has passed"
    session.answer(Ready("a"))
    assert session.view().phase == "break"
    session.answer(Ready("b"))
    assert session.view().phase == "step"
    ended = [e for e in session.events if e.kind == "break_ended"][-1]
    assert ended.data["lasted"] == 3 * 86_400


def test_a_break_saved_before_return_times_were_kept_still_restores() -> None:
    run = run_at()
    run.session.take_break("a", "", GUIDANCE)
    data = json.loads(json.dumps(run.session.to_json()))
    for key in ("return_at", "extensions", "offer", "cues"):
        del data["state"]["break"][key]
    clock = FakeClock(wall=WALL + 5 * MINUTE)
    session = Session.from_json(run.session.exercise, data, clock, run.ledger)
    view = session.view()
    assert (view.remaining, view.return_at, view.extensions) == (15 * MINUTE, WALL + 1200, ())
    assert session.extend_break(5 * MINUTE).extensions == (300,)


# --- the end of a break ---------------------------------------------------------------------


def test_time_up_waits_for_both_and_never_ends_by_itself() -> None:
    run = run_at()
    run.session.take_break("a", "", MIN_BREAK)
    for _ in range(3):
        run.clock.advance(MAX_BREAK)
        view = run.view
        assert (view.phase, view.time_up, view.remaining, view.expects) == (
            "break", True, 0.0, "ready")
    view = run.answer(Ready("b"))
    assert view.phase == "break" and view.ready == ("b",)
    assert run.answer(Ready("a")).phase == "step"
    assert events(run, "break_ended")[0]["early"] is False


@pytest.mark.parametrize(
    ("length", "ran", "asks"),
    [(GUIDANCE, 0, True), (GUIDANCE, GUIDANCE - 1, True), (GUIDANCE, GUIDANCE, False),
     (GUIDANCE - 1, 0, False), (5 * MINUTE, 0, False)],
)
def test_ending_a_break_of_twenty_minutes_early_is_asked_about(
    length: int, ran: int, asks: bool
) -> None:
    run = run_at()
    run.session.take_break("a", "", length)
    run.clock.advance(ran)
    assert run.view.confirm_early_end is asks


def test_ending_early_together_is_recorded_as_early() -> None:
    run = run_at()
    run.session.take_break("a", "", GUIDANCE)
    assert run.view.confirm_early_end  # a screen asks; the engine ends it when both are ready
    run.clock.advance(MINUTE)
    run.answer(Ready("a"), Ready("b"))
    assert events(run, "break_ended") == [{"lasted": MINUTE, "early": True}]


def test_a_break_and_its_extensions_are_never_taken_back() -> None:
    run = run_at("- share: S\n- say: next\n- say: last")
    run.answer(Done("mine"))
    run.session.take_break("a", "", 5 * MINUTE)
    assert not run.view.can_undo
    run.session.extend_break(5 * MINUTE)
    with pytest.raises(AnswerError, match="finish the break first"):
        run.session.undo()
    run.answer(Ready("a"), Ready("b"))
    view = run.session.undo()  # the answer before the break is taken back; the break stays
    assert view.action == "share"
    lines = transcript_lines(run.session.events)
    assert "Ann asked for a break of 5m." in lines
    assert "The break was extended by 5m, to 10m in all." in lines
    assert "  Ann shared. Note: \"mine\"" not in lines


def test_the_transcript_tells_the_break() -> None:
    run = run_at()
    run.session.take_break("b", "I need air", 20 * MINUTE)
    run.clock.advance(25 * MINUTE)
    run.session.extend_break(10 * MINUTE, by="a")
    run.clock.advance(2 * MINUTE)
    run.answer(Ready("a"), Ready("b"))
    lines = transcript_lines(run.session.events)
    start = lines.index("Ben asked for a break of 20m: I need air.")
    assert lines[start + 1:start + 2] == ["The break was extended by Ann by 10m, to 35m in all."]
    assert ("The break ended after 27m, before the agreed time; both were ready."
            in lines[start + 2:])


# --- how stirred up, before going on -------------------------------------------------------


def test_a_rating_of_seven_or_more_suggests_more_time_and_never_blocks_ready() -> None:
    run = run_at()
    run.session.take_break("a", "", GUIDANCE)
    view = run.session.rate_break("a", 6)
    assert (view.break_rated, view.stirred_at, view.more_time_suggested) == (("a",), 7, False)
    view = run.session.rate_break("b", 7)
    assert view.break_rated == ("a", "b") and view.more_time_suggested
    assert run.session.rate_break("b", 3).more_time_suggested is False  # said again: it counts
    assert [e["value"] for e in events(run, "break_rated")] == [6, 7, 3]
    assert events(run, "break_rated")[1] == {"partner": "b", "name": "Ben", "value": 7,
                                             "more_time": True}
    run.session.rate_break("a", 10)
    assert run.answer(Ready("a"), Ready("b")).phase == "step"  # a suggestion, never a block
    assert "  Ann: 10 of 10, how stirred up." in transcript_lines(run.session.events)


@pytest.mark.parametrize(
    ("rate", "bar"),
    [("scale: [0, 10], pause_at: 5", 5), ("scale: [0, 10], pause_at: 9", 7),
     ("scale: [1, 5], pause_at: 4", 7)],
)
def test_the_rating_that_led_to_the_break_may_lower_the_bar(rate: str, bar: int) -> None:
    run = run_at(f"- rate: {{question: Q, {rate}}}\n- say: next")
    run.answer(Number(5 if "10" in rate else 4), Number(1))
    assert run.session.take_break("a", "", GUIDANCE).stirred_at == bar
    assert run.session.rate_break("a", bar).more_time_suggested
    assert not run.session.rate_break("a", bar - 1).more_time_suggested


@pytest.mark.parametrize(
    ("value", "message"),
    [(11, "not 11"), (-1, "not -1"), (7.5, "not 7.5"), (True, "not True"), ("7", "not '7'")],
)
def test_a_rating_off_the_scale_is_refused(value: object, message: str) -> None:
    run = run_at()
    run.session.take_break("a")
    with pytest.raises(AnswerError) as refused:
        run.session.rate_break("a", value)  # type: ignore[arg-type]
    assert refused.value.message == (
        f"say how stirred up you are with a whole number from 0 to 10, {message}")
    assert run.view.break_rated == () and "break_rated" not in run.kinds()


def test_a_rating_needs_a_break_and_a_partner() -> None:
    run = run_at()
    with pytest.raises(AnswerError, match="there is no break"):
        run.session.rate_break("a", 3)
    run.session.take_break("a")
    with pytest.raises(AnswerError, match="say which partner"):
        run.session.rate_break("c", 3)  # type: ignore[arg-type]


def test_ratings_survive_closing_the_app() -> None:
    run = high_rating_run()  # pause_at 7
    run.session.take_break("b", "", GUIDANCE)
    run.session.rate_break("b", 8)
    session = restore(run, FakeClock(wall=WALL, monotonic=3.0))
    view = session.view()
    assert (view.break_rated, view.stirred_at, view.more_time_suggested) == (("b",), 7, True)


# --- coach rehearse ---------------------------------------------------------------------------


def rehearse(ex: Exercise, lines: list[str]) -> str:
    clock = FakeClock(wall=WALL)
    session = Session.start(ex, a="Ann", b="Ben", clock=clock, ledger=InMemoryLedger(),
                            first="a", rng=random.Random(0))
    out = io.StringIO()
    Rehearsal(session, lines, out).run()
    return out.getvalue()


def test_rehearse_takes_a_break_of_a_chosen_length_and_extends_it() -> None:
    ex = exercise("- rate: {question: Q, pause_at: 7}\n- say: after")
    out = rehearse(ex, ["8", "2", "/pause b 5m my heart races", "/extend 10m", "", "", ""])
    assert "Break, taken by Ben: my heart races." in out
    assert "Length 5m; breathing: box. You may end it early together." in out
    assert BELOW_GUIDANCE_TEXT in out
    assert "Extended: back in 10m." in out
    assert "Extended by 10m: 15m in all." in out  # the 5m had passed
    assert "Ben asked for a break of 5m: my heart races." in out
    assert "The break was extended by 10m, to 15m in all." in out


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["/pause a 30s", ""], "Not accepted: a break is at least 1 minute, not 30s."),
        (["/pause a 2d", ""], "Not accepted: a break lasts at most 24 hours, not 2d;"),
        (["/extend 5m", ""], "Not accepted: there is no break to extend."),
        (["/extend soon", ""], 'Not accepted: say how much time to add, such as /extend 5m: '
                               '"soon" is not a duration'),
    ],
)
def test_rehearse_says_why_a_length_is_refused(lines: list[str], message: str) -> None:
    assert message in rehearse(exercise("- say: x"), lines)


def test_rehearse_reads_a_reason_that_starts_with_a_number_as_the_reason() -> None:
    out = rehearse(exercise("- say: x"), ["/pause a 2 things at once", "", "", ""])
    assert "Break, taken by Ann: 2 things at once." in out
    assert "Length 20m" in out
