"""Pilot tests of an offered break taken with one key, the visible break button, and the
danger line that Esc does not dismiss."""

from __future__ import annotations

import pytest
from textual.widgets import Button

from coach.engine import FakeClock
from coach.engine.breaks import GUIDANCE
from coach.settings import Settings
from coach.ui.screens.break_ import BreakScreen
from coach.ui.screens.break_take import TakeBreakScreen, breathing_pause
from coach.ui.screens.resources import ResourcesScreen
from coach.ui.screens.session import SessionScreen
from coach.ui.widgets.floor_banner import TAKE_BREAK_BUTTON
from coach.ui.widgets.note_box import NoteBox
from tests.ui.harness import Harness, screen_text, until
from tests.ui.test_breaks import SHARE, SIZE, cue_lines, typed_note
from tests.unit.engine_support import exercise

HIGH = exercise("""
- rate: How stirred up?
  who: both
  pause_at: 7
- share: Go
""")
TIMED = exercise("- share:\n    prompt: Go\n  time_limit: 5m\n- say: Next")
REFLECT = exercise("""
- share: Go
- reflect:
    prompt: Say it back
    max_tries: 1
- share: Go on
""")


class SupportHarness(Harness):
    """F2 opens the support lines, as in the app."""

    def action_resources(self) -> None:
        self.push_screen(ResourcesScreen())


def footer_keys(app: Harness) -> set[str]:
    """The keys the footer shows, and that work, now."""
    return {key for key, active in app.screen.active_bindings.items()
            if active.binding.show and active.enabled}


# --- the visible button ----------------------------------------------------------------


async def test_the_break_button_is_always_in_sight_and_a_click_keeps_the_note() -> None:
    app = Harness(SHARE)
    async with app.run_test(size=SIZE) as pilot:
        await typed_note(pilot, "half a thought")
        button = app.screen.query_one(f"#{TAKE_BREAK_BUTTON}", Button)
        assert "Take a break" in screen_text(app) and button.region.y < 3  # in the banner
        await pilot.click(f"#{TAKE_BREAK_BUTTON}")
        await pilot.pause()
        assert isinstance(app.screen, TakeBreakScreen)  # what ctrl+t opens
        await pilot.press("a", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)
        await pilot.press("a", "b")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        box = app.screen.query_one(NoteBox)
        assert box.text == "half a thought" and app.screen.focused is box
        await pilot.press("!")  # the note box still has the keys
        assert box.text == "half a thought!"


# --- an offered break, one key ---------------------------------------------------------


async def test_a_high_rating_offers_a_break_and_one_key_takes_twenty_minutes() -> None:
    app = Harness(HIGH)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter")  # Sam: 3
        await pilot.pause()
        await pilot.press("8", "enter")  # Alex: 8, at the pause_at
        await pilot.pause()
        await typed_note(pilot, "my words")
        assert "That rating is high" in screen_text(app)
        assert app.session.view().phase == "step"  # offered, not taken
        assert "Take 20 minutes  ^o" in screen_text(app)
        assert "ctrl+o" in footer_keys(app)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)  # at once: no question
        view = app.session.view()
        assert view.phase == "break" and view.break_offer == "high_rating"
        assert view.break_by == "b" and view.length == GUIDANCE  # Alex rated high
        assert "called by Alex" in screen_text(app)
        await pilot.press("a", "b", "y")  # ending a 20-minute break early asks first
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.query_one(NoteBox).text == "my words"
        assert "That rating is high" not in screen_text(app)  # the offer was taken
        assert "ctrl+o" not in footer_keys(app)


async def test_ctrl_t_during_an_offer_comes_with_the_offers_answers_chosen() -> None:
    app = Harness(HIGH)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter", "8", "enter")  # Alex rates 8
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, TakeBreakScreen)
        assert app.screen.by == "b" and app.screen.chosen_length() == GUIDANCE
        await pilot.press("a")  # still anyone's to change
        await pilot.press("enter")
        await pilot.pause()
        view = app.session.view()
        assert view.phase == "break" and view.break_by == "a" and view.length == GUIDANCE


async def test_ctrl_t_during_a_time_limit_offer_has_the_breathing_pause_chosen() -> None:
    clock = FakeClock()
    app = Harness(TIMED, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")  # no offer yet: nobody and the time-out, as always
        await pilot.pause()
        assert app.screen.by is None and app.screen.chosen_length() == GUIDANCE
        await pilot.press("escape")
        clock.advance(301)
        await until(pilot, lambda: "This step has run past its time" in screen_text(app))
        await pilot.press("ctrl+t")
        await pilot.pause()
        pause = breathing_pause(app.session, app.settings)
        assert app.screen.by == "a" and app.screen.chosen_length() == pause


async def test_the_offer_buttons_click_takes_it_as_its_key_does() -> None:
    app = Harness(HIGH)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9", "enter", "2", "enter")
        await pilot.pause()
        await pilot.click(".take-break")
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)
        assert app.session.view().break_by == "a"


async def test_a_step_past_its_time_limit_offers_a_breathing_pause_on_one_key() -> None:
    clock = FakeClock()
    app = Harness(TIMED, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await typed_note(pilot, "still typing")
        assert "ctrl+o" not in footer_keys(app)
        await pilot.press("ctrl+o")  # no offer: nothing happens, nothing is typed
        await pilot.pause()
        assert app.session.view().phase == "step"
        clock.advance(301)
        await until(pilot, lambda: "This step has run past its time" in screen_text(app))
        pause = breathing_pause(app.session, app.settings)
        assert app.session.view().phase == "step"
        assert "ctrl+o" in footer_keys(app)
        await pilot.press("ctrl+o")
        await pilot.pause()
        view = app.session.view()
        assert view.phase == "break" and view.break_offer == "time_limit"
        assert view.length == pause < GUIDANCE and view.break_by == "a"
        await pilot.press("a", "b")
        await pilot.pause()
        assert app.screen.query_one(NoteBox).text == "still typing"
        assert "run past its time" not in screen_text(app)


async def test_a_reflection_not_confirmed_after_max_tries_offers_one_for_the_speaker() -> None:
    app = Harness(REFLECT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # Sam shares
        await pilot.pause()
        await pilot.press("enter")  # Alex reflects
        await pilot.pause()
        await pilot.press("n")  # Sam: no, the one try is used
        await pilot.pause()
        assert "The reflection has not landed yet" in screen_text(app)
        await pilot.press("ctrl+o")
        await pilot.pause()
        view = app.session.view()
        assert view.break_offer == "not_confirmed" and view.break_by == "a"
        assert view.length == breathing_pause(app.session, app.settings)


async def test_dismissing_an_offer_changes_nothing_and_ctrl_t_still_asks() -> None:
    app = Harness(HIGH)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8", "enter", "1", "enter")
        await pilot.pause()
        await typed_note(pilot, "kept")
        events = list(app.session.events)
        await pilot.press("escape")
        await pilot.pause()
        assert "That rating is high" not in screen_text(app)
        assert "ctrl+o" not in footer_keys(app)
        await pilot.press("ctrl+o")  # the offer is gone: its key does nothing now
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert list(app.session.events) == events  # nothing recorded, nothing changed
        view = app.session.view()
        assert (view.phase, view.step_index, view.stage) == ("step", 1, "share")
        assert app.screen.query_one(NoteBox).text == "kept"
        await pilot.press("ctrl+t")  # the full question is still there
        await pilot.pause()
        assert isinstance(app.screen, TakeBreakScreen)


async def test_the_end_screen_offer_takes_one_key_too() -> None:
    from coach.ui.screens.end import EndScreen

    app = Harness(exercise("- rate: {question: How stirred up?, who: speaker, pause_at: 7}"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen) and "Take 20 minutes  ^o" in screen_text(app)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)
        assert app.session.view().length == GUIDANCE
        await pilot.press("a", "b", "y")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        assert "That rating is high" not in screen_text(app)


async def test_cues_in_the_note_make_the_offered_break_a_time_out() -> None:
    clock = FakeClock()
    app = Harness(TIMED, clock=clock, settings=Settings(nudges=True, reduced_motion=True))
    async with app.run_test(size=SIZE) as pilot:
        clock.advance(301)
        await until(pilot, lambda: "Take 5 minutes" in screen_text(app)
                    or "Take 1 minute" in screen_text(app))
        await typed_note(pilot, "you're overreacting")
        await cue_lines(app, pilot)
        assert "Take 20 minutes  ^o" in screen_text(app)
        await pilot.press("ctrl+o")
        await pilot.pause()
        view = app.session.view()
        assert view.length == GUIDANCE and view.break_cues


# --- the danger line -------------------------------------------------------------------


async def test_the_danger_line_stays_through_esc_while_the_note_says_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    app = SupportHarness(HIGH, settings=Settings(nudges=False, reduced_motion=True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8", "enter", "1", "enter")
        await pilot.pause()
        await typed_note(pilot, "some days I want to end it all")
        assert [line.kind for line in await cue_lines(app, pilot)] == ["danger"]
        text = screen_text(app)
        assert "Please stop the exercise here" in text and "Samaritans: 116 123" in text
        assert "More support lines: F2" in text and "f2" in footer_keys(app)
        box = app.screen.query_one(NoteBox)
        assert box.region.y >= 3 and box.region.bottom <= 23  # the note is still in sight
        await pilot.press("escape")  # the offer goes; the crisis help stays
        await pilot.pause()
        assert "That rating is high" not in screen_text(app)
        assert "Please stop the exercise here" in screen_text(app)
        assert not app.screen.query(".danger .dismiss")  # no ✕ either
        await pilot.press("escape")
        await pilot.pause()
        assert "Please stop the exercise here" in screen_text(app)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ResourcesScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(NoteBox).text == "some days I want to end it all"
        await pilot.press(*["backspace"] * 14)  # "end it all" no longer said
        assert await cue_lines(app, pilot) == []
        assert "Please stop the exercise here" not in screen_text(app)
        assert "f2" not in footer_keys(app)
        assert app.session.view().phase == "step"  # never blocks, never ends anything


# --- during the break: the rest of issue 8 -----------------------------------------------


async def test_one_soothing_idea_at_a_time_with_a_key_for_the_next_and_what_to_avoid() -> None:
    from coach import resources

    soothing = resources.soothing()
    app = Harness(SHARE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("a", "down", "enter")
        await pilot.pause()
        text = screen_text(app)
        first, second = soothing.suggestions[:2]
        assert first in text and second not in text  # one at a time
        assert "n another idea" in text
        assert "Try not to: going over the argument" in text
        await pilot.press("n")
        await pilot.pause()
        text = screen_text(app)
        assert second in text and first not in text
        for _ in range(len(soothing.suggestions) - 1):  # round again to the first
            await pilot.press("n")
        await pilot.pause()
        assert first in screen_text(app)
        assert app.session.view().phase == "break"  # ideas change nothing else


async def test_a_re_rating_at_the_pause_at_that_led_to_the_break_suggests_more_time() -> None:
    ex = exercise("""
    - rate: How stirred up?
      who: speaker
      scale: [0, 10]
      pause_at: 5
    - share: Go
    """)
    app = Harness(ex)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "enter")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("5", "enter")  # under 7, but at the rating's own pause_at
        await pilot.pause()
        view = app.session.view()
        assert view.stirred_at == 5 and view.more_time_suggested
        assert "still stirred up" in screen_text(app)
