"""Each action, driven with scripted answers: what it shows, what it accepts, what it saves."""

from __future__ import annotations

import pytest

from coach.engine import (
    AnswerError,
    Choice,
    Done,
    Emotions,
    Fits,
    FreeText,
    InMemoryLedger,
    Number,
    Pick,
    Ready,
    Reviewed,
    Session,
    transcript_lines,
)
from tests.unit.engine_support import CORE, Run, exercise

# --- say and share -------------------------------------------------------------------


def test_say_is_for_both_and_continues_on_done() -> None:
    run = Run(exercise("- say: Welcome, {a} and {b}.\n- say: Two"))
    view = run.view
    assert (view.action, view.actor, view.expects) == ("say", "both", "done")
    assert view.text.text == "Welcome, Ann and Ben."
    # the names came from variables: flagged so a screen shows them literally
    assert ("Ann", True) in view.text.parts and ("Welcome, ", False) in view.text.parts
    assert run.answer(Done()).text.text == "Two"


def test_wrong_kind_of_answer_is_refused_with_a_message_and_changes_nothing() -> None:
    run = Run(exercise("- say: Hello\n- say: Two"))
    before = run.session.to_json()
    with pytest.raises(AnswerError, match="waits for you to go on"):
        run.answer(Number(3))
    with pytest.raises(AnswerError, match="no typed note"):
        run.answer(Done("a note on a say"))
    assert run.session.to_json() == before


def test_share_is_for_the_speaker_with_starters_and_an_optional_note() -> None:
    run = Run(exercise("""
        - share:
            prompt: "{speaker}, describe it."
            starters: ["What I noticed, {listener}, was"]
    """))
    view = run.view
    assert (view.actor, view.who, view.notes) == ("a", "speaker", "optional")
    assert view.text.text == "Ann, describe it."
    assert [s.text for s in view.starters] == ["What I noticed, Ben, was"]
    run.answer(Done("the dishes"))
    given = [e for e in run.session.events if e.kind == "answer_given"][-1]
    assert given.data["note"] == "the dishes" and given.data["partner"] == "a"
    assert run.view.phase == "ended"


def test_share_notes_required_and_off() -> None:
    run = Run(exercise("- share: {prompt: P, notes: required}\n- share: {prompt: Q, notes: off}"))
    with pytest.raises(AnswerError, match="needs a note"):
        run.answer(Done())
    with pytest.raises(AnswerError, match="needs a note"):
        run.answer(Done("   "))
    run.answer(Done("typed"))
    with pytest.raises(AnswerError, match="no typed note"):
        run.answer(Done("no notes here"))
    assert run.answer(Done()).phase == "ended"


# --- reflect ---------------------------------------------------------------------------

REFLECT = """
- share: S
- reflect: {prompt: "R {tries}", max_tries: 3}
- say: "after {tries}"
"""


def test_reflect_yes_on_the_first_try() -> None:
    run = Run(exercise(REFLECT))
    run.answer(Done())
    view = run.view
    assert (view.stage, view.actor, view.tries, view.max_tries) == ("reflect", "b", 1, 3)
    assert view.text.text == "R 1"
    view = run.answer(Done())
    assert (view.stage, view.actor, view.expects) == ("confirm", "a", "verdict")
    view = run.answer(Fits("yes"))
    assert view.text.text == "after 1"
    results = [e.data.get("result") for e in run.session.events if e.kind == "answer_given"]
    assert "confirmed" in results


def test_reflect_partly_and_no_let_the_speaker_clarify_and_count_tries() -> None:
    run = Run(exercise(REFLECT))
    run.answer(Done(), Done())
    view = run.answer(Fits("partly"))
    assert (view.stage, view.actor, view.expects) == ("clarify", "a", "done")
    view = run.answer(Done("what I meant"))
    assert (view.stage, view.actor, view.tries) == ("reflect", "b", 2)
    assert view.text.text == "R 2"
    run.answer(Done(), Fits("no"), Done())
    assert run.view.tries == 3
    view = run.answer(Done(), Fits("yes"))
    assert view.text.text == "after 3"
    assert view.offer_break is None


def test_reflect_not_confirmed_at_max_tries_moves_on_and_offers_a_break() -> None:
    run = Run(exercise(REFLECT))
    run.answer(Done())
    for _ in range(2):
        run.answer(Done(), Fits("no"), Done())
    view = run.answer(Done(), Fits("partly"))
    assert view.text.text == "after 3"  # tries stays the number of reflections made
    assert view.offer_break == "not_confirmed"
    results = [e.data.get("result") for e in run.session.events if e.kind == "answer_given"]
    assert results[-1] == "not_confirmed"
    assert "break_offered" in run.kinds()
    # the offer is only an offer: the next answer goes on without a break
    assert run.answer(Done()).phase == "ended"


def test_reflect_there_is_more_starts_a_fresh_reflection_with_tries_at_one() -> None:
    run = Run(exercise(REFLECT))
    run.answer(Done(), Done(), Fits("no"), Done(), Done())
    assert run.view.tries == 2
    view = run.answer(Fits("more"))
    assert (view.stage, view.actor) == ("add", "a")
    view = run.answer(Done("and also"))
    assert (view.stage, view.tries) == ("reflect", 1)
    # a fresh count: three more reflections are allowed
    run.answer(Done(), Fits("no"), Done(), Done(), Fits("no"), Done())
    assert run.view.tries == 3 and run.view.stage == "reflect"


def test_reflect_max_tries_one_and_confirm_false() -> None:
    run = Run(exercise("""
        - reflect: {prompt: R, max_tries: 1}
        - reflect: {prompt: Q, confirm: false}
        - say: "{tries}"
    """))
    view = run.answer(Done(), Fits("no"))
    assert view.text.text == "Q" and view.offer_break == "not_confirmed"
    assert (view.tries, view.max_tries) == (1, 1)  # without confirmation: one reflection
    view = run.answer(Done())  # confirm: false never asks the speaker
    assert view.action == "say" and view.text.text == "1"


def test_tries_is_zero_before_any_reflection() -> None:
    run = Run(exercise("- say: '{tries}'\n- reflect: R"))
    assert run.view.text.text == "0"


def test_reflect_refuses_other_verdicts_and_kinds() -> None:
    run = Run(exercise(REFLECT))
    run.answer(Done(), Done())
    with pytest.raises(AnswerError):
        run.answer(Fits("maybe"))  # type: ignore[arg-type]
    with pytest.raises(AnswerError):
        run.answer(Done())
    assert run.view.stage == "confirm"


# --- name_emotion and validate -------------------------------------------------------------


def test_name_emotion_guess_then_confirm_saves_the_confirmed_list() -> None:
    run = Run(exercise("""
        - name_emotion: {vocabulary: [hurt, sad, let down, calm], max: 2}
        - say: "You feel {emotion}."
    """))
    view = run.view
    assert (view.stage, view.actor, view.who) == ("guess", "b", "listener")
    assert view.expects == "emotions"
    assert view.vocabulary == ("hurt", "sad", "let down", "calm") and view.max_choices == 2
    view = run.answer(Emotions(("hurt", "let down")))
    assert (view.stage, view.actor, view.guess) == ("confirm", "a", ("hurt", "let down"))
    view = run.answer(Emotions(("Hurt", "let down")))  # case does not matter
    assert view.text.text == "You feel hurt and let down."
    assert run.vars()["emotion"] == ["hurt", "let down"]


def test_the_other_partner_corrects_the_guess_and_the_correction_is_saved() -> None:
    run = Run(exercise("""
        - name_emotion: {vocabulary: [hurt, sad, let down], save_as: feel}
        - say: "{feel}"
    """))
    run.answer(Emotions(("sad",)))
    view = run.answer(Emotions(("hurt", "sad", "let down")))
    assert view.text.text == "hurt, sad and let down"
    assert run.vars()["feel"] == ["hurt", "sad", "let down"]
    last = [e for e in run.session.events if e.kind == "answer_given"][-1]
    assert last.data["result"] == "corrected" and last.data["guess"] == ["sad"]


def test_name_emotion_refuses_unknown_words_too_many_and_none() -> None:
    run = Run(exercise("- name_emotion: {vocabulary: [hurt, sad, calm], max: 2}"))
    for words in (("furious",), ("hurt", "sad", "calm"), (), ("",)):
        with pytest.raises(AnswerError):
            run.answer(Emotions(words))
    assert run.view.stage == "guess"
    # the same word twice counts once
    assert run.answer(Emotions(("hurt", "hurt"))).guess == ("hurt",)


def test_guesser_speaker_and_core_vocabulary() -> None:
    run = Run(exercise("- name_emotion: {guesser: speaker}"))
    view = run.view
    assert view.actor == "a" and view.vocabulary == CORE
    view = run.answer(Emotions(("lonely",)))
    assert view.actor == "b" and view.who == "listener"


def test_emotion_condition_means_contains() -> None:
    run = Run(exercise("""
        - name_emotion: {vocabulary: [hurt, sad, let down]}
        - say: yes-hurt
          when: emotion == "hurt"
        - say: not-sad
          when: emotion != "sad"
        - say: end
    """))
    run.answer(Emotions(("hurt", "let down")), Emotions(("hurt", "let down")))
    assert run.view.text.text == "yes-hurt"
    assert run.answer(Done()).text.text == "not-sad"


def test_validate_default_starter_uses_the_most_recent_emotion_whatever_its_name() -> None:
    run = Run(exercise("""
        - validate:
        - name_emotion: {vocabulary: [hurt, sad, let down], save_as: first}
        - name_emotion: {vocabulary: [hurt, sad, let down], save_as: second}
        - validate:
        - validate: {starters: ["Of course you feel {first}"]}
    """))
    view = run.view
    assert (view.actor, view.who) == ("b", "listener")
    # nothing named yet (a skipped name_emotion): a whole sentence, not a gap to fill in
    assert [s.text for s in view.starters] == ["It makes sense that you feel this way because …"]
    run.answer(Done(), Emotions(("sad",)), Emotions(("sad",)))
    run.answer(Emotions(("hurt",)), Emotions(("hurt", "let down")))
    starter = run.view.starters[0]
    assert starter.text == "It makes sense that you feel hurt and let down because …"
    assert ("hurt and let down", True) in starter.parts
    assert [s.text for s in run.answer(Done("because")).starters] == ["Of course you feel sad"]


# --- ask -------------------------------------------------------------------------------------


def test_ask_with_options_saves_the_label_and_applies_set() -> None:
    run = Run(exercise("""
        - ask:
            question: Ready?
            options: ["Yes", {label: "Not yet", set: {mood: low, level: 2}}]
            save_as: answer
        - say: "{answer} {mood} {level}"
    """))
    view = run.view
    assert view.expects == "choice" and [o.text for o in view.options] == ["Yes", "Not yet"]
    with pytest.raises(AnswerError, match="2 options"):
        run.answer(Choice(2))
    with pytest.raises(AnswerError):
        run.answer(Choice(-1))
    assert run.answer(Choice(1)).text.text == "Not yet low 2"
    assert run.vars() == {"answer": "Not yet", "mood": "low", "level": 2}


def test_set_values_are_filled_in_when_the_option_is_chosen() -> None:
    run = Run(exercise("""
        - swap: true
        - ask:
            question: Who?
            options: [{label: Me, set: {line: "{speaker} chose {pick}, {{not}} {later}"}}]
            save_as: pick
        - swap: true
        - say: "{line}"
        - ask: {question: Later?, save_as: later}
    """))
    # the speaker when chosen (Ben, after the swap), the answer just saved; {{ is a brace,
    # and a variable not set yet appears as written
    assert run.answer(Choice(0)).text.text == "Ben chose Me, {not} {later}"
    assert run.vars()["line"] == "Ben chose Me, {not} {later}"


def test_vars_are_filled_in_when_the_steps_begin_in_file_order() -> None:
    head = """
        first_speaker: ask
        vars:
          pair: "{a} and {b}"
          opener: "{speaker} first, {pair}; {{braces}}; {later}"
          later: 3
          count: 2
    """
    run = Run(exercise("- say: '{opener} {count}'", head=head))
    view = run.answer(Pick("b"))
    # a var may use the names, the speaker once known, and the vars above it
    assert view.text.text == "Ben first, Ann and Ben; {braces}; {later} 2"
    assert run.vars()["count"] == 2


def test_an_option_written_as_a_number_saves_a_number_and_a_quoted_one_text() -> None:
    # `when: times >= 2` must compare numbers when the author wrote numbers
    source = """
        - ask: {question: How many times?, options: [1, 2, "3"], save_as: times}
        - say: more than once
          when: times >= 2
        - say: "three, as text"
          when: times == "3"
        - say: end
    """
    run = Run(exercise(source))
    assert run.answer(Choice(1)).text.text == "more than once"
    assert run.vars()["times"] == 2
    run = Run(exercise(source))
    assert run.answer(Choice(2)).text.text == "three, as text"
    assert run.vars()["times"] == "3"


def test_ask_option_goto_jumps_and_the_other_option_falls_through() -> None:
    steps = """
        - ask: {question: Q, options: [{label: skip, goto: last}, stay]}
        - say: middle
        - id: last
          say: last
    """
    run = Run(exercise(steps))
    assert run.answer(Choice(0)).text.text == "last"
    run = Run(exercise(steps))
    assert run.answer(Choice(1)).text.text == "middle"


def test_free_text_ask_needs_text_and_saves_it() -> None:
    run = Run(exercise("- ask: {question: 'What, {listener}?', who: listener, save_as: what}\n"
                       "- say: '{what}'"))
    view = run.view
    assert (view.expects, view.actor, view.text.text) == ("text", "b", "What, Ben?")
    with pytest.raises(AnswerError, match="type an answer"):
        run.answer(FreeText("  "))
    assert run.answer(FreeText(" [bold]mine[/] ")).text.text == "[bold]mine[/]"


@pytest.mark.parametrize(("who", "actor"), [("speaker", "a"), ("listener", "b"), ("a", "a"),
                                            ("b", "b")])
def test_ask_who(who: str, actor: str) -> None:
    run = Run(exercise(f"- ask: {{question: Q, who: {who}}}"), first="a")
    assert run.view.actor == actor


def test_ask_who_both_asks_each_partner_and_saves_name_a_and_name_b() -> None:
    run = Run(exercise("""
        - swap: true
        - ask: {question: Q, who: both, options: [x, y], save_as: pick}
        - say: "{pick_a} {pick_b}"
    """))
    view = run.view
    assert (view.actor, view.who, view.answered) == ("b", "both", ())  # the speaker first
    view = run.answer(Choice(0))
    assert (view.actor, view.answered) == ("a", ("b",))
    assert "pick_b" not in run.vars()  # nothing visible before both answered
    assert run.answer(Choice(1)).text.text == "y x"


# --- rate ------------------------------------------------------------------------------------


def test_rate_one_partner_saves_the_number_on_the_scale() -> None:
    run = Run(exercise("""
        - rate: {question: Calm?, who: listener, scale: [1, 5], labels: {1: low, 5: high},
                 save_as: calm}
        - say: "{calm}"
    """))
    view = run.view
    assert (view.actor, view.scale, view.expects) == ("b", (1, 5), "number")
    assert [(n, t.text) for n, t in view.scale_labels] == [(1, "low"), (5, "high")]
    for bad in (0, 6, True):
        with pytest.raises(AnswerError, match="from 1 to 5"):
            run.answer(Number(bad))
    assert run.answer(Number(4)).text.text == "4"


def test_rate_both_hides_each_number_and_saves_four_variables() -> None:
    run = Run(exercise("""
        - rate: {question: "Calm? last time {calm_a}", save_as: calm, scale: [0, 10]}
        - say: "{calm_a} {calm_b} {calm} {calm_low}"
    """))
    first = run.view
    assert (first.actor, first.who) == ("a", "both")
    run.answer(Number(7))
    second = run.view
    assert second.actor == "b" and second.answered == ("a",)
    # nothing in partner b's view shows partner a's number
    assert "7" not in repr(second)
    assert second.text.text == "Calm? last time {calm_a}"
    assert run.answer(Number(3)).text.text == "7 3 7 3"


def test_pause_at_is_checked_once_after_both_answered() -> None:
    run = Run(exercise("- rate: {question: Q, pause_at: 8}\n- say: next"))
    view = run.answer(Number(9))
    assert view.offer_break is None  # not after the first answer: that would reveal it
    view = run.answer(Number(2))
    assert view.text.text == "next" and view.offer_break == "high_rating"
    assert run.answer(Done()).offer_break is None


def test_pause_at_below_is_no_offer_and_single_rater_offer() -> None:
    run = Run(exercise("- rate: {question: Q, pause_at: 8}\n- say: next"))
    assert run.answer(Number(7), Number(7)).offer_break is None
    run = Run(exercise("- rate: {question: Q, who: speaker, pause_at: 8}\n- say: next"))
    assert run.answer(Number(8)).offer_break == "high_rating"


# --- pause -------------------------------------------------------------------------------


def test_pause_step_that_cannot_be_skipped_waits_for_its_time_and_both() -> None:
    run = Run(exercise("- pause: {length: 2m, skippable: false, message: 'Breathe, {a}'}\n"
                       "- say: after"))
    view = run.view
    assert (view.expects, view.actor, view.length, view.remaining) == ("ready", "both", 120, 120)
    assert view.breathing == "box" and view.text.text == "Breathe, Ann"
    with pytest.raises(AnswerError, match="cannot be cut short"):
        run.answer(Ready("a"))
    run.clock.advance(90)
    assert run.view.remaining == 30
    run.clock.advance(600)
    assert run.view.remaining == 0 and run.view.action == "pause"  # never ends by itself
    view = run.answer(Ready("b"))
    assert view.ready == ("b",) and view.action == "pause"
    with pytest.raises(AnswerError, match="already"):
        run.answer(Ready("b"))
    assert run.answer(Ready("a")).text.text == "after"


def test_skippable_pause_ends_early_when_both_are_ready() -> None:
    head = "first_speaker: a\npause: {breathing: calm}"
    run = Run(exercise("- pause: 5m\n- say: after", head=head))
    assert run.view.breathing == "calm" and run.view.skippable
    run.answer(Ready("a"))
    assert run.answer(Ready("b")).text.text == "after"


# --- commit and review -------------------------------------------------------------------


def test_commit_goes_into_the_ledger_with_its_review_date() -> None:
    run = Run(exercise("- commit: {prompt: 'What will you do, {speaker}?', review_in: 3d}"))
    view = run.view
    assert (view.expects, view.actor, view.text.text) == ("text", "a", "What will you do, Ann?")
    with pytest.raises(AnswerError):
        run.answer(FreeText(""))
    assert run.ledger.all() == []
    run.answer(FreeText("Text when I am late"))
    (item,) = run.ledger.all()
    assert (item.partner, item.name, item.text) == ("a", "Ann", "Text when I am late")
    assert item.due_at - item.made_at == 3 * 86_400 and item.exercise == "t"


def test_commit_who_both_makes_one_commitment_each() -> None:
    run = Run(exercise("- commit: {who: both}"))
    run.answer(FreeText("mine"))
    assert run.view.actor == "b"
    run.answer(FreeText("yours"))
    assert [(c.partner, c.text) for c in run.ledger.all()] == [("a", "mine"), ("b", "yours")]


def test_commit_who_together_is_typed_once_agreed_by_both_and_kept_once() -> None:
    run = Run(exercise("- swap: true\n- commit: {who: together, review_in: 2d}\n- say: after"))
    view = run.view
    # typed once, by the speaker (Ben after the swap), with a prompt that says it is shared
    assert (view.stage, view.expects, view.who, view.actor) == ("commit", "text", "together", "b")
    assert "together" in view.text.text and "Ben" in view.text.text
    view = run.answer(FreeText("  Walk on Sundays "))
    assert run.ledger.all() == []  # nothing is kept before both agree
    assert (view.stage, view.expects, view.actor) == ("agree", "choice", "both")
    assert view.text.text.startswith("Ann and Ben, do you both agree")
    # what was typed is shown as typed: flagged as partner text
    assert ("Walk on Sundays", True) in view.text.parts
    assert [o.text for o in view.options] == ["Yes, we both agree", "Change the wording"]
    with pytest.raises(AnswerError, match="1 to agree"):
        run.answer(Choice(2))
    # changing the wording goes back to the speaker's typing
    view = run.answer(Choice(1))
    assert (view.stage, view.actor) == ("commit", "b") and run.ledger.all() == []
    run.answer(FreeText("Walk on Sundays, rain or not"))
    assert run.answer(Choice(0)).text.text == "after"
    (item,) = run.ledger.all()
    assert (item.partner, item.name, item.text) == ("both", "Ann and Ben",
                                                    "Walk on Sundays, rain or not")
    assert item.due_at - item.made_at == 2 * 86_400
    lines = transcript_lines(run.session.events)
    assert '  Ben wrote a shared commitment: "Walk on Sundays"' in lines
    assert "  Ann and Ben chose to change the wording." in lines
    assert '  Ann and Ben committed together: "Walk on Sundays, rain or not"' in lines


def test_a_commitment_made_together_is_undone_and_reviewed_as_one() -> None:
    run = Run(exercise("- commit: {who: together}\n- review: {which: all}"))
    run.answer(FreeText("Call at six"), Choice(0))
    view = run.view
    assert view.commitment is not None and view.review_position == (1, 1)
    assert (view.commitment.partner, view.commitment.name) == ("both", "Ann and Ben")
    run.session.undo()
    assert run.ledger.all() == [] and run.view.stage == "agree"
    run.answer(Choice(0), Reviewed("kept"))
    (item,) = run.ledger.all()
    assert item.status == "kept"


def test_a_commitment_made_together_survives_saving_and_restoring() -> None:
    run = Run(exercise("- commit: {who: together, prompt: 'Our step, {speaker}?'}"))
    assert run.view.text.text == "Our step, Ann?"  # an author's prompt is kept as written
    run.answer(FreeText("Walk"))
    restored = Session.from_json(run.session.exercise, run.session.to_json(), clock=run.clock,
                                 ledger=run.ledger)
    assert restored.view().stage == "agree"
    restored.answer(Choice(0))
    ledger = InMemoryLedger.from_json(run.ledger.to_json())
    assert [(c.partner, c.name) for c in ledger.all()] == [("both", "Ann and Ben")]


def test_review_with_nothing_due_says_so_and_continues() -> None:
    # the spec: it "says so and continues": no answer is needed to get past it
    run = Run(exercise("- review: Look back\n- say: after"))
    view = run.view
    assert view.text.text == "after"
    assert view.notices == ("Nothing is due for review today.",)
    assert run.kinds().count("step_passed") == 1
    # the notice goes with the next answer
    assert run.answer(Done()).notices == ()


def test_an_empty_review_at_the_end_says_so_in_the_ended_view() -> None:
    run = Run(exercise("- say: first\n- review: {which: open}"))
    view = run.answer(Done())
    assert view.phase == "ended" and view.notices == ("No commitment is open.",)
    assert "Step 2, review: No commitment is open." in transcript_lines(run.session.events)


def test_review_walks_each_due_commitment() -> None:
    ledger = InMemoryLedger()
    early = ledger.add("a", "Ann", "call", 0.0, 100.0, "x")
    ledger.add("b", "Ben", "later", 0.0, 9e12, "x")  # not due yet
    late = ledger.add("b", "Ben", "walk", 1.0, 200.0, "x")
    run = Run(exercise("- review:\n- say: after"), ledger=ledger)
    view = run.view
    assert view.stage == "review" and view.expects == "outcome" and view.actor == "both"
    assert view.commitment is not None and view.commitment.text == "call"
    assert view.review_position == (1, 2)
    with pytest.raises(AnswerError):
        run.answer(Reviewed("forgotten"))  # type: ignore[arg-type]
    view = run.answer(Reviewed("kept", "twice"))
    assert view.commitment is not None and view.commitment.text == "walk"
    assert run.answer(Reviewed("partly")).text.text == "after"
    kept, walked = ledger.get(early.id), ledger.get(late.id)
    assert kept is not None and walked is not None
    assert kept.status == "kept" and not kept.is_open and kept.reviews[-1].note == "twice"
    assert walked.status == "partly" and walked.is_open  # partly: due again later


@pytest.mark.parametrize(("which", "texts"), [("open", ["call", "later"]),
                                              ("all", ["done", "call", "later"])])
def test_review_which_open_and_all(which: str, texts: list[str]) -> None:
    ledger = InMemoryLedger()
    done = ledger.add("a", "Ann", "done", 0.0, 10.0, "x")
    ledger.review(done.id, "kept", None, 20.0)
    ledger.add("a", "Ann", "call", 1.0, 100.0, "x")
    ledger.add("b", "Ben", "later", 2.0, 9e12, "x")
    run = Run(exercise(f"- review: {{which: {which}}}"), ledger=ledger)
    seen = []
    while run.view.phase != "ended":
        assert run.view.commitment is not None
        seen.append(run.view.commitment.text)
        run.answer(Reviewed("renegotiate"))
    assert seen == texts
