"""The flow: when, goto, swap, rounds, end, who speaks first, the private check, loops."""

from __future__ import annotations

import re

import pytest

from coach.engine import (
    MAX_STEPS_WITHOUT_ANSWER,
    AnswerError,
    Choice,
    Done,
    FakeClock,
    Fits,
    InMemoryLedger,
    NamesError,
    Number,
    Pick,
    Safe,
    Session,
    transcript_lines,
)
from coach.format.loader import load_text
from tests.unit.engine_support import Run, exercise
from tests.unit.format_support import SPEC_EXAMPLE

# --- when ---------------------------------------------------------------------------------


def test_when_skips_a_step_whose_condition_is_false() -> None:
    run = Run(exercise("""
        - say: one
          when: round == 2
        - say: two
          when: round == 1 and topic == "x"
        - say: three
    """, head="first_speaker: a\nvars: {topic: x}"))
    assert run.view.text.text == "two"
    assert "step_skipped" in run.kinds()


def test_when_is_checked_again_each_time_a_step_is_reached_by_goto() -> None:
    run = Run(exercise("""
        - id: top
          say: "first pass"
          when: count < 1
        - ask: {question: Again?, options: [{label: again, goto: top, set: {count: 1}}, stop]}
        - say: end
    """, head="first_speaker: a\nvars: {count: 0}"))
    assert run.view.text.text == "first pass"
    run.answer(Done())
    view = run.answer(Choice(0))  # goto top: now count is 1, so the say is skipped
    assert view.action == "ask"
    assert run.answer(Choice(1)).text.text == "end"


def test_a_condition_on_a_variable_not_set_yet_is_false() -> None:
    run = Run(exercise("""
        - say: never
          when: answer == "yes"
        - say: "{answer}"
        - ask: {question: Q, save_as: answer}
    """))
    assert run.view.text.text == "{answer}"  # not set yet: shown as written


# --- goto, swap, end ----------------------------------------------------------------------


def test_goto_jumps_and_its_own_when_can_skip_it() -> None:
    run = Run(exercise("""
        - goto: c
          when: flag == 1
        - say: b
        - id: c
          say: c
    """, head="first_speaker: a\nvars: {flag: 0}"))
    assert run.view.text.text == "b"
    run = Run(exercise("""
        - goto: c
        - say: b
        - id: c
          say: c
    """))
    assert run.view.text.text == "c"


def test_swap_passes_the_floor() -> None:
    run = Run(exercise("- say: '{speaker}'\n- swap: true\n- say: '{speaker} to {listener}'"))
    assert run.view.speaker == "a"
    view = run.answer(Done())
    assert (view.speaker, view.listener, view.text.text) == ("b", "a", "Ben to Ann")


def test_end_ends_the_whole_exercise_with_its_text() -> None:
    run = Run(exercise("""
        - ask: {question: Q, options: [{label: stop, goto: out}, go]}
        - say: more
        - id: out
          end: "Goodbye, {a}."
        - say: never
    """, head="first_speaker: a\nrounds: 3"))
    view = run.answer(Choice(0))
    assert view.phase == "ended" and view.ended_reason == "end_step" and view.expects is None
    assert view.text.text == "Goodbye, Ann." and view.round == 1
    with pytest.raises(AnswerError, match="ended"):
        run.answer(Done())


def test_end_true_has_no_text() -> None:
    run = Run(exercise("- end: true\n- say: never"))
    assert run.view.phase == "ended" and run.view.text.text == ""


# --- rounds -------------------------------------------------------------------------------


def test_rounds_open_with_the_first_speaker_then_the_other_whatever_swaps_happened() -> None:
    run = Run(exercise("""
        - say: "{round}: {speaker}"
        - swap: true
        - say: "{round}: swapped to {speaker}"
    """, head="rounds: 3\nfirst_speaker: b"))
    texts = []
    while run.view.phase != "ended":
        texts.append(run.view.text.text)
        run.answer(Done())
    assert texts == [
        "1: Ben", "1: swapped to Ann",
        "2: Ann", "2: swapped to Ben",
        "3: Ben", "3: swapped to Ann",
    ]
    assert run.view.ended_reason == "completed"


def test_variables_keep_their_values_from_round_to_round_and_goto_stays_in_the_round() -> None:
    run = Run(exercise("""
        - say: "round {round}, last {last}"
        - ask: {question: Q, save_as: last, options: [{label: loop, goto: top}, on]}
        - id: top
          say: "top {round}"
    """, head="rounds: 2\nfirst_speaker: a\nvars: {last: none}"))
    assert run.view.text.text == "round 1, last none"
    view = run.answer(Done(), Choice(0))
    assert view.text.text == "top 1" and view.round == 1
    view = run.answer(Done())
    assert view.text.text == "round 2, last loop" and view.round == 2


def test_tries_starts_again_at_zero_each_round() -> None:
    run = Run(exercise("- say: '{tries}'\n- reflect: R", head="rounds: 2\nfirst_speaker: a"))
    run.answer(Done(), Done(), Fits("no"), Done())
    assert run.view.tries == 2
    run.answer(Done(), Fits("yes"))
    assert run.view.text.text == "0"


# --- who speaks first ------------------------------------------------------------------------


def test_first_speaker_ask_waits_for_a_pick() -> None:
    ex = exercise("- say: '{speaker}'", head="")
    run = Run(ex)
    view = run.view
    assert (view.phase, view.expects) == ("first_speaker", "partner")
    assert [o.text for o in view.options] == ["Ann", "Ben"]
    assert view.text.text == "Who speaks first, Ann or Ben?"
    with pytest.raises(AnswerError):
        run.answer(Pick("c"))  # type: ignore[arg-type]
    assert run.answer(Pick("b")).text.text == "Ben"


def test_first_speaker_question_form() -> None:
    run = Run(exercise("- say: '{speaker}'", head="first_speaker: {ask: 'Who was let down, {a}?'}"))
    assert run.view.text.text == "Who was let down, Ann?"
    assert run.answer(Pick("a")).speaker == "a"


def test_first_speaker_fixed_and_given() -> None:
    assert Run(exercise("- say: x", head="first_speaker: b")).view.speaker == "b"
    assert Run(exercise("- say: x", head=""), first="b").view.speaker == "b"


def test_first_speaker_random_uses_the_injected_source() -> None:
    ex = exercise("- say: x", head="first_speaker: random")
    speakers = {Run(ex, seed=seed).view.speaker for seed in range(20)}
    assert speakers == {"a", "b"}
    assert Run(ex, seed=5).view.speaker == Run(ex, seed=5).view.speaker
    assert Run(ex, seed=5).view.phase == "step"


# --- private check -----------------------------------------------------------------------------


def test_private_check_asks_each_partner_before_the_first_step() -> None:
    run = Run(exercise("- say: start", head="first_speaker: a\nprivate_check: true"))
    view = run.view
    assert (view.phase, view.actor, view.private, view.expects) == ("private_check", "a", True,
                                                                    "safe")
    assert "Ann" in view.text.text and "Ben will not see" in view.text.text
    view = run.answer(Safe(True))
    assert (view.phase, view.actor) == ("private_check", "b")
    assert run.answer(Safe(True)).text.text == "start"


def test_tag_hard_implies_the_private_check() -> None:
    run = Run(exercise("- say: start", head="first_speaker: a\ntags: [hard]"))
    assert run.view.phase == "private_check"
    run = Run(exercise("- say: start", head="first_speaker: a\ntags: [Hard]"))
    assert run.view.phase == "private_check"  # tags are compared ignoring case


def test_private_check_false_wins_over_the_hard_tag() -> None:
    run = Run(exercise("- say: start", head="first_speaker: a\ntags: [HARD]\nprivate_check: false"))
    assert run.view.phase == "step" and run.view.text.text == "start"


def _check(answers: tuple[bool, bool]) -> Run:
    run = Run(exercise("- say: start", head="first_speaker: a\nprivate_check: true"))
    first = run.answer(Safe(answers[0]))
    # the second partner is asked whatever the first said, so nothing is given away
    assert first.phase == "private_check" and first.actor == "b"
    run.answer(Safe(answers[1]))
    return run


@pytest.mark.parametrize("answers", [(False, True), (True, False), (False, False)])
def test_one_no_ends_the_session_gently(answers: tuple[bool, bool]) -> None:
    run = _check(answers)
    view = run.view
    assert view.phase == "ended" and view.ended_reason == "not_ready"
    # one neutral text for both: nothing on screen or in the transcript says anyone said no
    text = "Let's leave this one for another day. A gentler exercise, or a break, might suit "
    assert view.text.text.startswith(text)
    lines = transcript_lines(run.session.events)
    assert any(line.startswith(text) for line in lines)
    said = re.compile(r"\bnot ready\b|\bsaid no\b|\bone of you\b", re.IGNORECASE)
    assert not any(said.search(line) for line in [view.text.text, *lines])
    with pytest.raises(AnswerError):
        run.session.undo()  # a private answer is never taken back


def test_nothing_recorded_tells_which_partner_said_no() -> None:
    a_said_no, b_said_no = _check((False, True)), _check((True, False))
    assert a_said_no.session.to_json() == b_said_no.session.to_json()
    assert a_said_no.view == b_said_no.view


def test_the_first_answer_does_not_show_in_the_second_partners_view() -> None:
    yes = Run(exercise("- say: s", head="private_check: true"))
    no = Run(exercise("- say: s", head="private_check: true"))
    assert yes.answer(Safe(True)) == no.answer(Safe(False))


def test_the_check_comes_before_the_first_speaker_question() -> None:
    run = Run(exercise("- say: start", head="private_check: true"))
    run.answer(Safe(True), Safe(True))
    assert run.view.phase == "first_speaker"


# --- loops and the spec's example ----------------------------------------------------------------


def test_more_than_a_thousand_steps_without_an_answer_stops_with_an_error() -> None:
    # no loop for the validator to see: just more skipped steps in a row than the limit
    steps = "\n".join(f"- say: s{i}\n  when: x == 1" for i in range(1005)) + "\n- say: last"
    run = Run(exercise(steps, head="first_speaker: a\nvars: {x: 0}"))
    view = run.view
    assert view.phase == "ended" and view.ended_reason == "stuck"
    assert view.error is not None and "1,000" in view.error
    skipped = sum(1 for e in run.session.events if e.kind in ("step_skipped", "jumped"))
    assert skipped == MAX_STEPS_WITHOUT_ANSWER


def test_a_long_run_within_the_limit_is_fine() -> None:
    steps = "\n".join(f"- say: s{i}\n  when: x == 1" for i in range(990)) + "\n- say: last"
    run = Run(exercise(steps, head="first_speaker: a\nvars: {x: 0}"))
    assert run.view.text.text == "last"


def test_the_spec_example_walked_end_to_end() -> None:
    result = load_text(SPEC_EXAMPLE, file="first-reflection.yaml")
    assert result.exercise is not None, result.problems
    clock = FakeClock()
    session = Session.start(result.exercise, a="Ann", b="Ben", clock=clock,
                            ledger=InMemoryLedger())
    assert session.view().phase == "first_speaker"
    session.answer(Pick("b"))
    seen = []
    script = [Done(), Done(), Done(), Fits("partly"), Done(), Done(), Fits("yes"),
              Done(), Done(), Done(), Fits("yes")]
    for answer in script:
        view = session.view()
        seen.append((view.round, view.action, view.stage, view.actor, view.text.text))
        if view.action in ("share", "reflect") and view.stage in ("share", "reflect"):
            assert view.time_limit == 300  # pause.suggest_after
        session.answer(answer)
    assert session.view().phase == "ended" and session.view().ended_reason == "completed"
    assert seen == [
        (1, "say", "say", "both", "Welcome, Ann and Ben."),
        (1, "share", "share", "b", "Ben, describe a small moment from this week."),
        (1, "reflect", "reflect", "a", "Ann, say back what you heard."),
        (1, "reflect", "confirm", "b",
         "Ben, does that fit what you meant? Yes, partly, no, or there is more."),
        (1, "reflect", "clarify", "b",
         "Ben, say what was missing or different, so Ann can try again."),
        (1, "reflect", "reflect", "a", "Ann, say back what you heard."),
        (1, "reflect", "confirm", "b",
         "Ben, does that fit what you meant? Yes, partly, no, or there is more."),
        (2, "say", "say", "both", "Welcome, Ann and Ben."),
        (2, "share", "share", "a", "Ann, describe a small moment from this week."),
        (2, "reflect", "reflect", "b", "Ben, say back what you heard."),
        (2, "reflect", "confirm", "a",
         "Ann, does that fit what you meant? Yes, partly, no, or there is more."),
    ]
    lines = transcript_lines(session.events)
    assert lines[0] == "Transcript: Your first reflection"
    assert "  Ben: partly." in lines and "  Ann reflected, try 2." in lines
    assert lines[-1] == "The exercise is complete."


def test_a_step_that_waits_is_always_where_the_session_stands() -> None:
    run = Run(exercise("- rate: Q\n- say: x"))
    assert run.view.waiting and run.view.actor == "a"
    run.answer(Number(1), Number(2), Done())
    assert not run.view.waiting


# --- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b"), [("Sam", "Sam"), ("Sam", "sam"), (" Sam", "SAM  "),
                                      ("Straße", "STRASSE")])
def test_two_partners_with_the_same_name_are_refused(a: str, b: str) -> None:
    with pytest.raises(NamesError) as caught:
        Session.start(exercise("- say: hi"), a=a, b=b, clock=FakeClock(),
                      ledger=InMemoryLedger())
    # a message a name screen can show as it is
    assert caught.value.message.startswith(f'both names are "{a.strip()}": give each of you '
                                           "a different name")


@pytest.mark.parametrize(("a", "b"), [("", "Ben"), ("Ann", "  ")])
def test_a_missing_name_is_refused_with_a_message(a: str, b: str) -> None:
    with pytest.raises(NamesError, match="each of you needs a name"):
        Session.start(exercise("- say: hi"), a=a, b=b, clock=FakeClock(),
                      ledger=InMemoryLedger())


def test_names_that_differ_start_a_session() -> None:
    session = Session.start(exercise("- say: hi"), a=" Sam ", b="Sami", clock=FakeClock(),
                            ledger=InMemoryLedger())
    assert session.view().names == (("a", "Sam"), ("b", "Sami"))
