"""Pilot tests of a break: taking one, waiting it out, coming back, offers and cue nudges."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from coach.engine import FakeClock
from coach.settings import Settings
from coach.ui.screens.break_ import BreakScreen
from coach.ui.screens.break_rate import RateBreakScreen
from coach.ui.screens.break_take import TakeBreakScreen, back_at, parse_custom
from coach.ui.screens.confirm import ConfirmScreen
from coach.ui.screens.session import SessionScreen
from coach.ui.widgets.breathing import PATTERNS, BreathingGuide, phase_at
from coach.ui.widgets.note_box import NoteBox
from coach.ui.widgets.notice_line import NoticeLine
from tests.ui.harness import Harness, screen_text, until
from tests.unit.engine_support import exercise

SIZE = (80, 24)
SHARE = exercise("- share: Go\n- say: Next")


async def typed_note(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press(*[" " if c == " " else c for c in text])
    await pilot.pause()


async def take(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+t")
    await pilot.pause()
    assert isinstance(pilot.app.screen, TakeBreakScreen)
    await pilot.press(*keys)
    await pilot.pause()


async def test_ctrl_t_from_a_focused_note_keeps_the_note_and_both_keys_resume() -> None:
    clock = FakeClock()
    app = Harness(SHARE, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await typed_note(pilot, "half a thought")
        assert app.screen.focused is app.screen.query_one(NoteBox)
        await take(pilot, "b", "enter")  # Alex calls the 20-minute time-out
        view = app.session.view()
        assert view.phase == "break" and view.break_by == "b" and view.length == 20 * 60
        assert isinstance(app.screen, BreakScreen)
        assert "called by Alex" in screen_text(app)
        await pilot.press("escape")  # a break taken is not left with Esc
        assert isinstance(app.screen, BreakScreen)
        clock.advance(20 * 60)
        await until(pilot, lambda: "The time is up" in screen_text(app))
        text = screen_text(app)
        assert "The time is up" in text
        assert isinstance(app.screen, BreakScreen)  # it waits: never back by itself
        await pilot.press("a")
        await pilot.pause()
        assert "✓ Sam is ready" in screen_text(app)
        assert app.session.view().phase == "break"
        await pilot.press("a")  # the same key twice is still one partner
        await pilot.pause()
        assert app.session.view().phase == "break"
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        view = app.session.view()
        assert (view.step_index, view.stage) == (0, "share")
        assert app.screen.query_one(NoteBox).text == "half a thought"
        assert [e.kind for e in app.session.events][-3:] == [
            "break_ready", "break_ready", "break_ended"]


async def test_esc_before_calling_a_break_keeps_talking() -> None:
    app = Harness(SHARE)
    async with app.run_test(size=SIZE) as pilot:
        await typed_note(pilot, "still here")
        await take(pilot, "escape")
        assert isinstance(app.screen, SessionScreen)
        assert app.session.view().phase == "step"
        assert app.screen.query_one(NoteBox).text == "still here"


async def test_the_lengths_show_their_return_times_and_who_must_be_said() -> None:
    clock = FakeClock(wall=1_764_000_000.0)
    app = Harness(SHARE, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await take(pilot)
        text = screen_text(app)
        assert "20 minutes: a real time-out" in text and back_at(clock.now(), 1200) in text
        assert "a breathing pause" in text and back_at(clock.now(), 300) in text
        await pilot.press("enter")  # nobody said who calls it
        await pilot.pause()
        assert "Who is calling it? Press a for Sam or b for Alex" in screen_text(app)
        assert app.session.view().phase == "step"
        await pilot.press("a", "down", "enter")
        await pilot.pause()
        view = app.session.view()
        assert view.length == 300 and view.break_by == "a"


@pytest.mark.parametrize(("typed", "message"), [
    ("soon", '"soon" is not a length'),
    ("0", "A break is at least 1 minute"),
    ("25h", "A break lasts at most 24 hours"),
])
async def test_a_custom_length_is_refused_with_a_clear_message(typed: str, message: str) -> None:
    app = Harness(SHARE)
    async with app.run_test(size=SIZE) as pilot:
        await take(pilot, "a", "down", "down", "enter")  # Other… goes to its box
        assert isinstance(app.screen.focused, Input)
        await pilot.press(*typed, "enter")
        await pilot.pause()
        assert message in screen_text(app)
        assert app.session.view().phase == "step"
        box = app.screen.query_one("#custom", Input)
        box.value = ""
        await pilot.press("1", "0", "tab", *"tired", "enter")
        await pilot.pause()
        view = app.session.view()
        assert view.length == 600 and view.break_reason == "tired"


def test_custom_lengths_read_as_minutes_or_durations() -> None:
    assert parse_custom("10") == 600
    assert parse_custom(" 1h30m ") == 5400
    assert parse_custom("90s") == 90


async def test_ending_a_long_break_early_asks_first_naming_the_guidance() -> None:
    app = Harness(SHARE)
    async with app.run_test(size=SIZE) as pilot:
        await typed_note(pilot, "words")
        await take(pilot, "a", "enter")
        await pilot.press("a", "b")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#question").render())
        assert "planned for 20 minutes" in question and "about 20 minutes to settle" in question
        await pilot.press("n")  # keep the break
        await pilot.pause()
        assert app.session.view().phase == "break"
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.query_one(NoteBox).text == "words"


async def test_a_short_break_ends_early_with_both_ready_and_no_question() -> None:
    app = Harness(SHARE)
    async with app.run_test(size=SIZE) as pilot:
        await take(pilot, "a", "down", "enter")
        await pilot.press("a", "b")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)


async def test_more_time_adds_five_minutes_and_a_high_re_rating_suggests_it() -> None:
    clock = FakeClock()
    app = Harness(SHARE, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await take(pilot, "a", "down", "enter")
        await pilot.press("plus")
        await pilot.pause()
        assert app.session.view().extensions == (300,)
        clock.advance(11 * 60)
        await until(pilot, lambda: "The time is up" in screen_text(app))
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RateBreakScreen)
        await pilot.press("1", "1", "enter")  # out of range: refused, kept on screen
        await pilot.pause()
        assert "a whole number from 0 to 10, not '11'" in screen_text(app)
        app.screen.query_one("#rate-a", Input).value = "8"
        await pilot.press("enter")
        await pilot.pause()
        view = app.session.view()
        assert view.more_time_suggested and view.break_rated == ("a",)
        assert "still stirred up" in screen_text(app)
        await pilot.press("a", "b")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Take five more minutes first?" in str(app.screen.query_one("#question").render())
        await pilot.press("y")
        await pilot.pause()
        view = app.session.view()
        assert view.phase == "break" and view.extensions == (300, 300)


async def test_a_step_past_its_time_limit_offers_a_break_and_never_forces_it() -> None:
    clock = FakeClock()
    app = Harness(exercise("- share:\n    prompt: Go\n  time_limit: 5m"), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await typed_note(pilot, "still typing")
        clock.advance(301)
        await until(pilot, lambda: "This step has run past its time" in screen_text(app))
        assert isinstance(app.screen, SessionScreen)  # offered, not taken
        assert app.session.view().phase == "step"
        offers = [e for e in app.session.events if e.kind == "break_offered"]
        await pilot.pause(1.2)
        assert [e for e in app.session.events if e.kind == "break_offered"] == offers
        assert len(offers) == 1  # recorded once, when shown
        await take(pilot, "a", "enter")  # the one key: ctrl+t
        assert app.session.view().break_offer == "time_limit"


async def test_a_high_rating_offers_a_break_and_a_short_one_says_the_guidance() -> None:
    ex = exercise("""
    - rate: How stirred up?
      who: speaker
      pause_at: 7
    - share: Go
    """)
    app = Harness(ex)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8", "enter")
        await pilot.pause()
        assert "That rating is high" in screen_text(app)
        assert app.session.view().phase == "step"
        await take(pilot)
        assert "That rating is high" in screen_text(app)  # the modal says why
        await pilot.press("a", "down", "enter")
        await pilot.pause()
        view = app.session.view()
        assert view.break_offer == "high_rating" and view.below_guidance
        assert "the body takes about 20 minutes to settle" in screen_text(app)


async def test_reduced_motion_shows_the_phase_word_only_at_a_slow_pace() -> None:
    app = Harness(SHARE, settings=Settings(reduced_motion=True))
    async with app.run_test(size=SIZE) as pilot:
        await take(pilot, "a", "enter")
        screen = app.screen
        assert isinstance(screen, BreakScreen)
        guide = screen.query_one(BreathingGuide)
        assert "·" not in guide.render().plain
        assert "breathe in" in guide.render().plain
        assert screen._timer is not None
        assert screen._timer._interval >= 1.0  # a redraw a second at most


async def test_the_shape_moves_while_focused_and_stops_when_the_terminal_loses_focus() -> None:
    clock = FakeClock()
    app = Harness(SHARE, settings=Settings(reduced_motion=False), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await take(pilot, "a", "enter")
        screen = app.screen
        assert isinstance(screen, BreakScreen)
        guide = screen.query_one(BreathingGuide)
        small = guide.render().plain
        assert "·" in small
        assert screen._timer is not None and screen._timer._interval >= 0.25
        clock.advance(3)
        await until(pilot, lambda: len(guide.render().plain) > len(small),
                    "breathing in: it grows")
        app.app_focus = False
        await pilot.pause()
        drawn = guide.render().plain
        clock.advance(5)
        await pilot.pause(1.2)
        assert guide.render().plain == drawn  # out of focus: it stands still
        app.app_focus = True
        clock.advance(1)
        await until(pilot, lambda: guide.render().plain != drawn,
                    "back in focus, it moves again")


def test_each_pattern_grows_on_the_in_breath_and_shrinks_on_the_out_breath() -> None:
    for name, phases in PATTERNS.items():
        t = 0.0
        for word, length in phases:
            start, end = phase_at(name, t + 0.01)[1], phase_at(name, t + length - 0.01)[1]
            assert phase_at(name, t + 0.01)[0] == word
            if word == "breathe in":
                assert end > start
            elif word == "breathe out":
                assert end < start
            else:
                assert end == start
            t += length


# --- cue nudges -----------------------------------------------------------------------


async def cue_lines(app: Harness, pilot) -> list[NoticeLine]:  # type: ignore[no-untyped-def]
    await pilot.pause(0.5)
    cues = getattr(app.screen, "cues", None)
    # the match starts once typing has paused (CUE_PAUSE), which a loaded machine delays
    await until(pilot, lambda: cues is None or cues._timer is None, "the cue check started")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return [line for line in app.screen.query(NoticeLine)
            if line.kind in ("cue", "danger")]


async def test_cue_nudges_are_off_by_default() -> None:
    app = Harness(SHARE)
    assert Settings().nudges is False
    async with app.run_test(size=SIZE) as pilot:
        await typed_note(pilot, "you're overreacting")
        assert await cue_lines(app, pilot) == []


async def test_cue_nudges_on_show_a_gentle_line_that_never_blocks_the_answer() -> None:
    app = Harness(SHARE, settings=Settings(nudges=True, reduced_motion=True))
    async with app.run_test(size=SIZE) as pilot:
        await typed_note(pilot, "you're overreacting")
        lines = await cue_lines(app, pilot)
        assert [line.kind for line in lines] == ["cue"]
        assert "The hurt is real to the one who feels it" in screen_text(app)
        await pilot.press("escape")  # dismissed
        await pilot.pause()
        assert "The hurt is real" not in screen_text(app)
        await take(pilot, "a", "down", "enter")
        assert app.session.view().break_cues  # the break knows cues matched
        await pilot.press("a", "b")
        await pilot.pause()
        await pilot.press("enter")  # the answer goes through as typed
        await pilot.pause()
        assert app.session.view().action == "say"


async def test_a_danger_cue_is_always_shown_with_the_crisis_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    app = Harness(SHARE, settings=Settings(nudges=False, reduced_motion=True))
    async with app.run_test(size=SIZE) as pilot:
        await typed_note(pilot, "some days I want to end it all")
        lines = await cue_lines(app, pilot)
        assert [line.kind for line in lines] == ["danger"]
        text = screen_text(app)
        assert "Please stop the exercise here" in text
        assert "Samaritans: 116 123" in text
        assert app.screen.query_one(NoteBox).text == "some days I want to end it all"


async def test_a_high_rating_on_the_last_answer_offers_a_real_break_at_the_end() -> None:
    from coach.ui.screens.end import EndScreen

    ex = exercise("""
    - rate: How stirred up?
      who: speaker
      pause_at: 7
    """)
    app = Harness(ex)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        assert "That rating is high" in screen_text(app)
        assert app.session.ended  # offered, not taken
        await take(pilot, "a", "down", "enter")
        assert isinstance(app.screen, BreakScreen)
        view = app.session.view()
        assert view.phase == "break" and view.break_offer == "high_rating"
        await pilot.press("a", "b")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        assert app.session.ended
