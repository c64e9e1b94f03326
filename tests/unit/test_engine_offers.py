"""Break offers: made where the session goes next, once, and recorded only when made.

An offer raised by an answer (a high rating, a reflection not confirmed, a step
that ran past its time limit) is shown on the next screen, the end screen
included, and never on a pause step, which is a break already.
"""

from __future__ import annotations

from coach.engine import Done, Fits, Number, Ready, transcript_lines
from coach.engine.session import Session
from tests.unit.engine_support import Run, exercise

OFFERED = "  A break was offered."


def offers(session: Session) -> list[str]:
    return [e.data["reason"] for e in session.events if e.kind == "break_offered"]


# --- an offer on the last answer (the end screen carries it) ------------------------------


def test_a_high_rating_as_the_last_answer_is_offered_on_the_end_screen() -> None:
    run = Run(exercise("- say: hi\n- rate: {question: How stirred up?, pause_at: 7}"))
    view = run.answer(Done(), Number(8), Number(2))
    assert view.phase == "ended" and view.offer_break == "high_rating"
    lines = transcript_lines(run.session.events)
    # the transcript says what the screen showed: the offer, then the end
    assert lines[-2:] == [OFFERED, "The exercise is complete."]


def test_a_reflection_not_confirmed_at_the_end_is_offered_on_the_end_screen() -> None:
    run = Run(exercise("- share: S\n- reflect: {prompt: R, max_tries: 1}"))
    view = run.answer(Done(), Done(), Fits("no"))
    assert view.phase == "ended" and view.offer_break == "not_confirmed"
    assert offers(run.session) == ["not_confirmed"]


def test_an_end_step_after_the_offer_carries_it_too() -> None:
    run = Run(exercise("- rate: {question: Q, who: speaker, pause_at: 5}\n- end: Goodbye."))
    view = run.answer(Number(9))
    assert (view.ended_reason, view.offer_break, view.text.text) == (
        "end_step", "high_rating", "Goodbye.")


def test_an_end_with_nothing_raised_offers_nothing() -> None:
    run = Run(exercise("- rate: {question: Q, pause_at: 7}"))
    view = run.answer(Number(3), Number(3))
    assert view.phase == "ended" and view.offer_break is None
    assert offers(run.session) == []
    assert OFFERED not in transcript_lines(run.session.events)


def test_the_end_offer_survives_saving_and_resuming() -> None:
    run = Run(exercise("- rate: {question: Q, who: speaker, pause_at: 5}"))
    run.answer(Number(9))
    again = Session.from_json(run.session.exercise, run.session.to_json(), run.clock, run.ledger)
    assert again.view().offer_break == "high_rating"


# --- no offer when the step reached next is a pause --------------------------------------

TOO_MUCH = """
- rate: {question: How stirred up?, save_as: stirred, pause_at: 7}
- when: stirred >= 7
  goto: rest
- say: Let's go on.
- end: true
- id: rest
  pause: {length: 5m, message: Breathe for a while.}
- say: After the pause.
"""


def test_a_goto_to_a_pause_step_is_not_also_offered_a_break() -> None:
    run = Run(exercise(TOO_MUCH))
    view = run.answer(Number(9), Number(1))
    assert view.action == "pause" and view.offer_break is None
    assert offers(run.session) == []
    assert OFFERED not in transcript_lines(run.session.events)


def test_a_pause_right_after_the_rating_is_not_offered_either() -> None:
    run = Run(exercise("- rate: {question: Q, pause_at: 5}\n- pause: 1m\n- say: after"))
    view = run.answer(Number(6), Number(6))
    assert view.action == "pause" and view.offer_break is None
    run.clock.advance(60)
    # the offer is not held back for the step after the pause either
    assert run.answer(Ready("a"), Ready("b")).offer_break is None


def test_when_the_next_step_is_not_a_pause_the_offer_stands() -> None:
    run = Run(exercise(TOO_MUCH))
    view = run.answer(Number(5), Number(5))
    assert view.offer_break is None and view.text.text == "Let's go on."
    run = Run(exercise(TOO_MUCH.replace("stirred >= 7", "stirred >= 10")))
    view = run.answer(Number(8), Number(1))  # high, but not high enough to go to the pause
    assert view.text.text == "Let's go on." and view.offer_break == "high_rating"
    assert offers(run.session) == ["high_rating"]


# --- a time limit overrun, while waiting and when the answer arrives ---------------------


def test_the_time_limit_is_offered_while_waiting_and_recorded_once() -> None:
    run = Run(exercise("- share: S\n  time_limit: 60\n- say: next"))
    assert run.session.check_time().offer_break is None and offers(run.session) == []
    run.clock.advance(61)
    view = run.session.check_time()
    assert view.over_time and view.offer_break == "time_limit"
    run.session.check_time()
    assert offers(run.session) == ["time_limit"]
    # it was made on this step: the next step does not offer it again
    assert run.answer(Done()).offer_break is None
    assert offers(run.session) == ["time_limit"]


def test_an_overrun_nobody_was_shown_is_offered_when_the_answer_arrives() -> None:
    # a screen that never looked while waiting (a blocking read in rehearse --real-time)
    run = Run(exercise("- share: S\n  time_limit: 60\n- say: next"))
    run.clock.advance(90)
    view = run.answer(Done())
    assert view.text.text == "next" and view.offer_break == "time_limit"
    assert offers(run.session) == ["time_limit"]
    assert run.answer(Done()).offer_break is None  # only once


def test_an_overrun_on_the_last_step_is_offered_at_the_end() -> None:
    run = Run(exercise("- share: S\n  time_limit: 60"))
    run.clock.advance(60)
    view = run.answer(Done())
    assert view.phase == "ended" and view.offer_break == "time_limit"


def test_an_overrun_inside_a_step_is_recorded_when_its_next_turn_comes() -> None:
    run = Run(exercise("- share: S\n- reflect: R\n  time_limit: 30\n- say: x"))
    run.answer(Done())
    run.clock.advance(45)
    view = run.answer(Done())  # the reflection; the same step asks the speaker next
    assert view.stage == "confirm" and view.offer_break == "time_limit"
    assert offers(run.session) == ["time_limit"]
    assert run.answer(Fits("yes")).offer_break is None


def test_a_pause_step_is_never_offered_a_break() -> None:
    run = Run(exercise("- pause: {length: 2m}\n  time_limit: 30\n- say: x"))
    run.clock.advance(200)
    view = run.session.check_time()
    assert view.over_time and view.offer_break is None
    assert offers(run.session) == []


def test_a_rating_offer_wins_over_a_time_limit_offer_on_the_same_answer() -> None:
    run = Run(exercise("- rate: {question: Q, who: speaker, pause_at: 5}\n"
                       "  time_limit: 10\n- say: x"))
    run.clock.advance(20)
    assert run.answer(Number(8)).offer_break == "high_rating"
    assert offers(run.session) == ["high_rating"]
