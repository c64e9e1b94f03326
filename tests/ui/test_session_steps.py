"""Pilot tests: every step action on screen, answered with the keys the footer shows."""

from __future__ import annotations

import re

from textual.containers import Vertical
from textual.widgets import Static

from coach.engine import FakeClock, InMemoryLedger
from coach.ui.screens.break_take import TakeBreakScreen
from coach.ui.screens.end import EndScreen
from coach.ui.screens.session import SessionScreen
from coach.ui.widgets.emotion_picker import EmotionPicker
from coach.ui.widgets.note_box import NoteBox
from coach.ui.widgets.scale import Scale
from tests.ui.harness import Harness, screen_text, until
from tests.unit.engine_support import exercise

SIZE = (80, 24)


def answers(app: Harness) -> list[dict]:
    return [dict(e.data) for e in app.session.events if e.kind == "answer_given"]


def error_text(app: Harness) -> str:
    error = app.screen.query_one("#error", Static)
    return str(error.render()) if error.display else ""


async def test_reflect_loops_until_yes_showing_the_try_count() -> None:
    ex = exercise("""
    - share: Go
    - reflect:
        prompt: "{listener}, say it back."
        max_tries: 3
    """)
    app = Harness(ex)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # share
        await pilot.pause()
        assert "Alex says back what they heard" in screen_text(app)
        assert "try 1 of 3" in screen_text(app)
        await pilot.press("enter")  # reflected
        await pilot.pause()
        text = screen_text(app)
        assert "Sam, does that fit" in text and "There is more" in text
        await pilot.press("n")
        await pilot.pause()
        assert app.session.view().stage == "clarify"
        await pilot.press(*"it was tuesday", "enter")
        await pilot.pause()
        assert "try 2 of 3" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("m")  # there is more: a fresh reflection
        await pilot.pause()
        assert app.session.view().stage == "add"
        await pilot.press("enter")
        await pilot.pause()
        assert "try 1 of 3" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.session.ended
        verdicts = [a["answer"].get("verdict") for a in answers(app) if a["stage"] == "confirm"]
        assert verdicts == ["no", "more", "yes"]


async def test_reflect_not_confirmed_after_max_tries_offers_a_break() -> None:
    ex = exercise("""
    - share: Go
    - reflect:
        prompt: Say it back.
        max_tries: 2
    - say: Next
    """)
    app = Harness(ex)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter", "enter")  # clarify, reflect again
        await pilot.pause()
        assert "try 2 of 2" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        view = app.session.view()
        assert view.action == "say" and view.offer_break == "not_confirmed"
        assert "A short break can help" in screen_text(app)
        assert "^o" in screen_text(app)  # the offer's own key, on its line
        await pilot.press("escape")  # dismissed, calmly
        await pilot.pause()
        assert "A short break can help" not in screen_text(app)
        assert app.session.view().action == "say"  # Esc never ends or skips anything


async def test_one_reflection_without_confirmation_shows_no_try_count() -> None:
    ex = exercise("""
    - share: Go
    - reflect:
        prompt: "{listener}, say it back."
        confirm: false
        max_tries: 3
    - say: Next
    """)
    app = Harness(ex)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # share
        await pilot.pause()
        text = screen_text(app)
        assert "Alex says back what they heard" in text
        assert re.search(r"try \d+ of \d+", text) is None
        await pilot.press("enter")  # reflected: no question to the speaker
        await pilot.pause()
        assert app.session.view().action == "say"
        assert [a["stage"] for a in answers(app)] == ["share", "reflect"]


async def test_one_try_with_confirmation_asks_the_speaker_but_counts_nothing() -> None:
    ex = exercise("""
    - share: Go
    - reflect:
        prompt: Say it back.
        max_tries: 1
    - say: Next
    """)
    app = Harness(ex)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert "try 1 of 1" not in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Sam, does that fit" in text and "try 1 of 1" not in text
        await pilot.press("n")  # the only try: the step moves on, not confirmed
        await pilot.pause()
        view = app.session.view()
        assert view.action == "say" and view.offer_break == "not_confirmed"


async def test_verdict_buttons_work_with_the_mouse() -> None:
    app = Harness(exercise("- share: Go\n- reflect: Back"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.click("#verdict-partly")
        await pilot.pause()
        assert app.session.view().stage == "clarify"


EMOTION = exercise("""
- share: Go
- name_emotion:
    prompt: "{listener}, what might {speaker} feel?"
    max: 2
- validate: "{listener}, why does it make sense?"
""")


async def test_emotion_guess_is_confirmed_by_the_other_partner() -> None:
    app = Harness(EMOTION)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert "Alex guesses the feeling" in screen_text(app)
        await pilot.press("h", "u", "space")  # filter to "hurt", pick it
        await pilot.pause()
        assert app.screen.query_one(EmotionPicker).picked == ["hurt"]
        await pilot.press("enter")
        await pilot.pause()
        view = app.session.view()
        assert view.stage == "confirm" and view.actor == "a"
        assert "Alex guessed: hurt" in screen_text(app)
        await pilot.press("enter")  # Sam keeps the guess
        await pilot.pause()
        assert app.session.view().action == "validate"
        assert answers(app)[-1]["result"] == "confirmed"
        # the default starter is filled with the confirmed emotion
        assert "It makes sense that you feel hurt because" in screen_text(app)
        await pilot.press("enter")  # Alex has said why it makes sense
        await pilot.pause()
        assert app.session.ended
        assert answers(app)[-1]["stage"] == "validate"


async def test_emotion_guess_corrected_and_the_limit_refused() -> None:
    app = Harness(EMOTION)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        picker = app.screen.query_one(EmotionPicker)
        await pilot.press("space", "down", "space", "down", "space")  # a third word: refused
        await pilot.pause()
        assert len(picker.picked) == 2
        assert "At most 2 words" in error_text(app)
        await pilot.press("enter")
        await pilot.pause()
        picker = app.screen.query_one(EmotionPicker)
        guess = list(picker.picked)
        assert guess == list(app.session.view().guess)  # the guess is shown picked
        for _ in guess:  # Sam takes the guessed words away and picks their own
            await pilot.press("home")
            while picker.word_at_cursor() not in picker.picked:
                await pilot.press("down")
            await pilot.press("space")
        await pilot.press(*"lonely", "space", "enter")
        await pilot.pause()
        last = answers(app)[-1]
        assert last["result"] == "corrected" and last["words"] == ["lonely"]


async def test_ask_with_options_by_number_then_enter() -> None:
    ex = exercise("""
    - ask: How was it?
      options: [Good, Strange, Both]
      save_as: felt
    """)
    app = Harness(ex)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # nothing chosen yet
        await pilot.pause()
        assert "Choose one of the options first" in error_text(app)
        await pilot.press("3", "up", "enter")
        await pilot.pause()
        assert app.session.ended
        assert app.session.st.vars["felt"] == "Strange"


async def test_ask_free_text_and_an_empty_answer_refused() -> None:
    app = Harness(exercise("- ask: Anything else?"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "enter")
        await pilot.pause()
        assert "Type an answer first" in error_text(app)
        assert app.screen.query_one(NoteBox).text == " "  # what was typed stays
        app.screen.query_one(NoteBox).insert("more time [/together]")
        await pilot.press("enter")
        await pilot.pause()
        assert answers(app)[-1]["value"] == "more time [/together]"


async def test_rate_by_digits_and_arrows_and_a_high_rating_offers_a_break() -> None:
    ex = exercise("""
    - rate: How stirred up?
      who: speaker
      labels: {0: calm, 10: flooded}
      pause_at: 7
      save_as: stirred
    - say: Next
    """)
    app = Harness(ex)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert "Choose a number first" in error_text(app)
        await pilot.press("1", "0")  # two digits make ten
        assert app.screen.query_one(Scale).value == 10
        await pilot.press("left", "left")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.st.vars["stirred"] == 8
        assert "That rating is high" in screen_text(app)


BOTH = exercise("""
- rate: How stirred up do you feel?
  labels: {0: calm, 10: flooded}
  save_as: stirred
- ask: How was it?
  who: both
  options: [Good, Hard]
  save_as: felt
""")


async def test_who_both_hands_off_and_hides_the_first_answer() -> None:
    app = Harness(BOTH)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Sam's turn to answer; Alex, please look away until Sam presses Enter." in text
        await pilot.press("7", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Alex's turn to answer; Sam, please look away until Alex presses Enter." in text
        assert "Sam has answered ✓" in text
        assert app.screen.query_one(Scale).value is None  # nothing carried over
        assert "[7]" not in text
        await pilot.press("3", "enter")
        await pilot.pause()
        assert app.session.st.vars["stirred_a"] == 7
        assert "Sam's turn to answer" in screen_text(app)
        await pilot.press("2", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Alex's turn to answer" in text
        assert app.screen.query_one("#choices").highlighted is None  # Sam's pick is not shown
        await pilot.press("1", "enter")
        await pilot.pause()
        assert app.session.st.vars["felt_a"] == "Hard"
        assert app.session.st.vars["felt_b"] == "Good"


async def test_commit_shows_its_review_date_and_review_takes_it_back_up() -> None:
    clock = FakeClock(wall=1_764_000_000.0)  # Mon 24 Nov 2025, around noon UTC
    ledger = InMemoryLedger()
    ex = exercise("""
    - commit: What will you do?
      review_in: 7d
    """)
    app = Harness(ex, clock=clock, ledger=ledger)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "We'll look at this again on Monday 1 December" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Type the commitment first" in error_text(app)
        app.screen.query_one(NoteBox).insert("Text if I'm late [bold]")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.ended
    clock.advance(8 * 86400)
    review = exercise("- review: How did it go?")
    app = Harness(review, clock=clock, ledger=ledger)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Text if I'm late [bold]" in text and "Sam made it on" in text
        await pilot.press("2")
        app.screen.query_one(NoteBox).focus()
        await pilot.press(*"twice", "enter")
        await pilot.pause()
        last = answers(app)[-1]
        assert last["answer"]["outcome"] == "partly" and last["note"] == "twice"


async def test_review_with_nothing_due_says_so() -> None:
    app = Harness(exercise("- review: How did it go?\n- say: Next"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Nothing is due for review today." in screen_text(app)
        assert app.session.view().action == "say"


async def test_pause_step_counts_down_and_waits_for_both() -> None:
    clock = FakeClock()
    ex = exercise("""
    - pause:
        length: 1m
        skippable: false
    """)
    app = Harness(ex, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "1:00 left" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        assert "cannot be cut short" in error_text(app)
        clock.advance(61)
        # the screen's one-second tick reads the new time
        await until(pilot, lambda: "Time is up" in screen_text(app))
        await pilot.press("a")
        await pilot.pause()
        assert "✓ Sam is ready" in screen_text(app)
        assert not app.session.ended  # it never ends by itself
        await pilot.press("b")
        await pilot.pause()
        assert app.session.ended


# breaks taken with ctrl+t: tests/ui/test_breaks.py


async def test_undo_asks_first_saying_what_it_takes_back() -> None:
    ex = exercise("""
    - rate: How stirred up?
      who: speaker
    - say: Next
    """)
    app = Harness(ex)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "enter")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Take back Sam's rating at step 1?" in screen_text(app)
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert app.session.view().action == "say"
        await pilot.press("ctrl+z")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.session.view().action == "rate"
        assert isinstance(app.screen, SessionScreen)


async def test_undo_with_nothing_to_take_back_changes_nothing() -> None:
    app = Harness(exercise("- say: Hi"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.session.view().action == "say"


async def test_two_rounds_with_a_swap_pass_the_floor() -> None:
    ex = exercise("""
    - share: "{speaker}, go."
    - swap: true
    - share: "{speaker}, your turn."
    """, head="first_speaker: a\nrounds: 2")
    app = Harness(ex)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "The floor passes to Alex." in text
        assert "Alex holds the floor" in text and "Alex, your turn." in text
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Round 2 of 2: the floor passes to Alex." in text
        assert "round 2 of 2 · step 1/3" in text
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.session.ended


async def test_first_speaker_asked_when_set_up_did_not() -> None:
    app = Harness(exercise("- share: \"{speaker}, go.\"", head="first_speaker: ask"), first=None)
    async with app.run_test(size=SIZE) as pilot:
        # nobody holds the floor until it is chosen: the banner must not say Sam does
        before = str(app.screen.query_one("#floor", Static).render())
        assert "holds the floor" not in before and "Sam" in before and "Alex" in before
        await pilot.press("2", "enter")
        await pilot.pause()
        assert "Alex, go." in screen_text(app)
        after = str(app.screen.query_one("#floor", Static).render())
        assert "Alex holds the floor" in after


async def test_end_screen_sums_up_and_enter_leaves() -> None:
    ex = exercise("""
    - share: Go
    - name_emotion: Guess
    - commit: What will you do?
    - end: "Well done, **both**."
    """)
    app = Harness(ex)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+t", "a", "down", "enter")  # Sam: a 5-minute pause
        await pilot.pause()
        app.clock.advance(300)
        await pilot.press("a", "b")
        await pilot.pause()
        await pilot.press(*"sad", "space", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one(NoteBox).insert("Call at six")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        text = screen_text(app)
        assert "Well done, both." in text
        assert "sad (Sam)" in text
        assert "“Call at six” (Sam) · look again" in text
        assert "1 (Sam, 5m)" in text
        assert "5 minutes" in text
        await pilot.press("escape")  # Esc never ends anything, nor leaves the summary
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.left and not isinstance(app.screen, SessionScreen)


async def test_in_session_is_true_until_the_end() -> None:
    app = Harness(exercise("- say: Hi"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.step
        assert screen.in_session
        await pilot.press("enter")
        await pilot.pause()
        assert not screen.in_session


async def test_resizing_never_crashes() -> None:
    app = Harness(BOTH)
    async with app.run_test(size=SIZE) as pilot:
        for size in ((40, 12), (20, 8), (120, 40), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert "Sam's turn to answer" in screen_text(app)


async def test_long_text_scrolls_under_a_banner_that_stays() -> None:
    long = "\\n\\n".join(f"Paragraph {n} of a long welcome." for n in range(1, 30))
    app = Harness(exercise(f'- say: "{long}"'))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        middle = app.screen.query_one("#middle")
        assert middle.max_scroll_y > 0
        middle.scroll_end(animate=False)
        await pilot.pause()
        banner = app.screen.query_one("#floor-banner")
        assert banner.region.y == 0
        assert "Sam holds the floor" in screen_text(app)
        assert "Paragraph 29" in screen_text(app)


async def test_escape_on_a_step_changes_nothing() -> None:
    app = Harness(exercise("- share: Go"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"kept", "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and app.step.in_session
        assert app.screen.query_one(NoteBox).text == "kept"


async def test_no_color_still_tells_the_partners_apart(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    app = Harness(BOTH)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.no_color
        text = screen_text(app)
        assert "● Sam holds the floor" in text and "○ Alex listens" in text
        assert "Sam's turn to answer" in text


async def test_a_step_past_its_time_limit_offers_a_break_as_time_passes() -> None:
    clock = FakeClock()
    app = Harness(exercise("- share:\n    prompt: Go\n  time_limit: 5m"), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"still typing")
        await pilot.pause()
        assert "run past its time" not in screen_text(app)
        clock.advance(301)
        # the screen looks at the time once a second
        await until(pilot, lambda: "This step has run past its time" in screen_text(app))
        await pilot.press("ctrl+t")  # one key opens the break
        await pilot.pause()
        assert isinstance(app.screen, TakeBreakScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(NoteBox).text == "still typing"


async def test_everything_works_with_the_mouse() -> None:
    ex = exercise("""
    - rate: How stirred up?
      who: speaker
      save_as: stirred
    - ask: How was it?
      options: [Good, Hard]
      save_as: felt
    - name_emotion: Guess
    """)
    app = Harness(ex)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        cell = next(c for c in app.screen.query("ScaleCell") if c.number == 3)  # type: ignore[attr-defined]
        await pilot.click(cell)
        await pilot.click("#go-on")
        await pilot.pause()
        assert app.session.st.vars["stirred"] == 3
        await pilot.click("#choices", offset=(4, 2))  # the second option's row
        await pilot.click("#go-on")
        await pilot.pause()
        assert app.session.st.vars["felt"] == "Hard"
        picker = app.screen.query_one(EmotionPicker)
        await pilot.click(picker, offset=(4, 2))  # a word under the family heading
        await pilot.pause()
        assert len(picker.picked) == 1
        await pilot.click("#go-on")
        await pilot.pause()
        assert app.session.view().stage == "confirm"



async def test_enter_pressed_twice_quickly_goes_on_once() -> None:
    app = Harness(exercise("- say: One\n- say: Two\n- say: Three"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        step = app.step._step
        assert step is not None
        step.forward()
        step.forward()  # the same step again, before the screen has moved on
        await pilot.pause()
        assert app.session.view().step_number == 2


async def test_the_clocks_tick_while_the_step_is_being_replaced_is_harmless() -> None:
    """The one-second tick runs in its own task and can land while one step's widgets
    are removed and the next one's mounted: it must not reach the step on its way out
    (in CI it did, and the app ended on a NoMatches)."""
    clock = FakeClock()
    app = Harness(exercise("- pause:\n    length: 1m\n- say: After"), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.step
        area = screen.query_one("#step-area", Vertical)
        for name in ("remove_children", "mount"):
            original = getattr(area, name)

            def ticking(*args: object, _original=original, **kwargs: object) -> object:  # type: ignore[no-untyped-def]
                done = _original(*args, **kwargs)

                async def then_tick() -> None:
                    await done
                    clock.advance(1)
                    await screen._tick()

                return then_tick()

            setattr(area, name, ticking)
        await pilot.press("a", "b")
        await pilot.pause()
        assert app.session.view().action == "say"
        assert "After" in screen_text(app)


async def test_long_names_wrap_in_the_banner_rather_than_vanish() -> None:
    a, b = "Samantha-Louise Featherstonehaugh", "Alexander-Maximilian Worthington"
    app = Harness(exercise("- share: Go"), a=a, b=b)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert f"{a} holds the floor" in text and f"{b} listens" in text
        assert "step 1/1" in text
