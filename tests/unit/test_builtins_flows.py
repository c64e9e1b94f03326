"""Issue 12, exercise by exercise: each built-in's flow does what a counsellor would ask
of it, walked as a couple would (Ann is a, Ben is b; Ann speaks first)."""

from __future__ import annotations

import pytest

from coach.engine import Choice, Fits, FreeText, Number, View
from coach.format.model import Ask, Commit, Review, Share

from .builtin_support import Couple, Policy, builtin, option


def labels(view: View) -> list[str]:
    return [o.text for o in view.options]


def picking(label: str, who: str | None = None) -> Policy:
    """A policy that picks ``label`` wherever it is offered (to ``who`` only, if given)."""

    def policy(view: View) -> Choice | None:
        if label in labels(view) and (who is None or view.actor == who):
            return option(view, label)
        return None

    return policy


# --- the accountability statement -------------------------------------------------------


def test_accountability_listener_chooses_how_much_before_the_statement() -> None:
    couple = Couple("accountability-statement")
    view = couple.until(lambda v: v.action in ("ask", "share") and v.who != "both")
    assert (view.action, view.actor) == ("ask", "b")  # Ben listens first, and chooses
    assert labels(view) == ["A few plain sentences for each part",
                            "More, and I'll say \"enough\" when it's enough"]
    couple.run.answer(Choice(1))
    assert "enough" in couple.view.text.text and "stop" in couple.view.text.text


def test_accountability_each_part_is_said_back_on_its_own_and_the_listener_ends() -> None:
    couple = Couple("accountability-statement")
    couple.finish(picking("Yes, there is"))
    parts = [v for v in couple.seen if v.action == "share" and v.stage == "share"
             and v.text.text.startswith("Ann, part")]
    assert [p.text.text.split(":")[0] for p in parts] == [
        "Ann, part one", "Ann, part two", "Ann, part three", "Ann, part four"]
    for part in parts:
        after = couple.seen[couple.seen.index(part) + 1]
        assert (after.action, after.actor) == ("reflect", "b")
    assert "without details Ben has not asked for" in " ".join(parts[0].text.text.split())
    assert "what did you hide" in parts[0].text.text
    # the last word: the listener is asked what they need, and it is said back
    last = [v for v in couple.seen if v.action in ("ask", "share", "reflect")
            and v.stage == v.action][-3:]
    assert [(v.action, v.actor) for v in last] == [("ask", "b"), ("share", "b"), ("reflect", "a")]
    assert "anything you need before we stop" in last[0].text.text


# --- repair after a misstep -------------------------------------------------------------


def test_repair_sends_a_half_truth_to_the_accountability_statement() -> None:
    couple = Couple("repair-after-misstep")
    view = couple.until(lambda v: v.action == "ask")
    hidden = "Something was hidden or half told"
    view = couple.run.answer(option(view, "A slip"), option(view, hidden))
    assert view.phase == "ended"
    assert "new deception" in couple.closing() and "The accountability" in couple.closing()
    assert "half-truth" in builtin("repair-after-misstep").description


def test_repair_hears_how_it_landed_before_any_word_about_information() -> None:
    couple = Couple("repair-after-misstep")
    couple.finish()
    texts = couple.texts()
    landed = next(i for i, t in enumerate(texts) if "how did the misstep land" in t)
    assert not any("information" in t for t in texts[:landed])
    assert couple.seen[landed].actor == "b"  # Ben was hurt by Ann's misstep


@pytest.mark.parametrize(("wanted", "explained"), [("Yes, briefly", True),
                                                   ("No, just the plan", False)])
def test_repair_explains_only_when_the_listener_wants_it(wanted: str, explained: bool) -> None:
    couple = Couple("repair-after-misstep")
    couple.finish(picking(wanted))
    asked = next(v for v in couple.seen if wanted in labels(v))
    assert asked.actor == "b"
    assert any("short explanation" in t for t in couple.texts("share")) == explained


def test_repair_says_back_what_the_hurt_partner_still_needs() -> None:
    couple = Couple("repair-after-misstep")
    couple.finish()
    need = next(i for i, v in enumerate(couple.seen) if "anything you still need" in v.text.text)
    assert (couple.seen[need].action, couple.seen[need].actor) == ("share", "b")
    after = couple.seen[need + 1]
    assert (after.action, after.actor) == ("reflect", "a")
    assert not any(isinstance(s, Ask) and s.save_as == "still_need"
                   for s in builtin("repair-after-misstep").steps)


# --- boundaries -------------------------------------------------------------------------


def test_boundaries_a_question_is_answered_then_asked_again() -> None:
    couple = Couple("workable-boundaries")
    asked = []

    def policy(view: View) -> Choice | FreeText | None:
        if "can you live with this boundary" in view.text.text:
            asked.append(view.actor)
            return option(view, "With a question" if len(asked) == 1 else "Yes")
        if "what is your question" in view.text.text:
            return FreeText("Does this include work trips?")
        return None

    couple.until(lambda v: v.round == 2, policy)
    answer = next(v for v in couple.seen if "Does this include work trips?" in v.text.text)
    assert (answer.action, answer.actor) == ("share", "a")
    after = couple.seen[couple.seen.index(answer) + 1]
    assert (after.action, after.actor) == ("reflect", "b")
    assert asked == ["b", "b"], "the question comes back to whether Ben can live with it"
    assert ("b", "words we mean") in couple.ledger


def test_boundaries_not_yet_goes_to_a_counsellor_not_an_argument() -> None:
    couple = Couple("workable-boundaries")
    couple.until(lambda v: v.round == 2, picking("Not yet"))
    said = " ".join(" ".join(couple.texts("say")).split())
    assert "not the place to argue it out" in said
    assert "counsellor" in said and "Our living agreement" in said
    assert "affair partner" in said
    assert couple.ledger == []


def test_boundaries_address_one_person_per_prompt() -> None:
    for step in builtin("workable-boundaries").steps:
        if isinstance(step, Ask | Share):
            text = (step.question if isinstance(step, Ask) else step.prompt).source
            assert not ("{speaker}," in text and "{listener}," in text), text


# --- is there more? ---------------------------------------------------------------------


def test_is_there_more_asks_once_per_piece_and_never_repeats_the_opening() -> None:
    couple = Couple("is-there-more")
    verdicts = iter(["more", "more", "yes"])

    def policy(view: View) -> Fits | None:
        if view.stage == "confirm" and view.round == 1 and view.tries == 1:
            return Fits(next(verdicts, "yes"))  # type: ignore[arg-type]
        return None

    couple.until(lambda v: v.round == 2, policy)
    seen = [v for v in couple.seen if v.round == 1]
    mirrors = [v for v in seen if v.stage == "reflect" and "mirror" in v.text.text]
    questions = [v for v in seen if v.stage == "confirm" and "there is more" in v.text.text]
    assert len(mirrors) == 3 and len(questions) == 4  # three pieces; the summary is confirmed too
    assert [v.stage for v in seen].count("add") == 2
    assert sum("Just a piece" in v.text.text for v in seen) == 1
    asks = [s for s in builtin("is-there-more").steps if isinstance(s, Ask)]
    assert not asks, "\"is there more?\" is asked by the reflection itself, once"


# --- the feeling underneath -------------------------------------------------------------


def test_feeling_underneath_steers_away_from_the_betrayal_and_says_back_the_rest() -> None:
    couple = Couple("feeling-underneath")
    couple.until(lambda v: v.round == 2, picking("Yes, there is"))
    assert "Leave the betrayal aside" in " ".join(couple.texts("share")[0].split())
    more = next(i for i, v in enumerate(couple.seen) if "what else is underneath" in v.text.text)
    assert (couple.seen[more].action, couple.seen[more + 1].action) == ("share", "reflect")
    assert couple.seen[more + 1].actor == "b"


# --- noticing my own reactions ----------------------------------------------------------


def test_self_regulation_offers_reactions_for_both_roles_and_asks_what_else() -> None:
    couple = Couple("self-regulation")
    view = couple.until(lambda v: v.action == "ask")
    for reaction in ("doubt", "anger", "the urge to pull away", "shame", "defensiveness",
                     "impatience to move on", "something else"):
        assert reaction in labels(view)
    view = couple.run.answer(option(view, "something else"))
    assert (view.action, view.expects, view.actor) == ("ask", "text", "a")
    view = couple.run.answer(FreeText("restlessness"))
    assert "when restlessness showed up" in view.text.text
    assert "something else" not in view.text.text


# --- small progress ---------------------------------------------------------------------


def test_small_progress_commitment_is_optional_and_a_statement() -> None:
    couple = Couple("small-progress")
    couple.finish(picking("No, it's enough to have heard it"))
    assert couple.ledger == []
    commits = [s for s in builtin("small-progress").steps if isinstance(s, Commit)]
    assert commits and all(s.when is not None for s in commits)
    assert not any(c.prompt.source.rstrip().endswith("?") for c in commits)
    couple = Couple("small-progress")
    couple.finish()
    assert [who for who, _ in couple.ledger] == ["b", "a"]


def test_small_progress_nothing_to_name_is_an_honest_answer() -> None:
    couple = Couple("small-progress")
    view = couple.until(lambda v: v.action == "ask")
    assert view.actor == "a"
    view = couple.run.answer(option(view, "Nothing comes to mind today"))
    assert "Now Ben holds the floor" in view.text.text  # no praise under pressure
    couple.finish()
    assert [who for who, _ in couple.ledger] == ["a"]  # Ben named something; Ann kept it


# --- forgiveness in layers --------------------------------------------------------------


def test_forgiveness_never_asks_the_hurt_partner_to_validate_and_ends_together() -> None:
    couple = Couple("forgiveness-in-layers")
    couple.finish()
    validations = [v for v in couple.seen if v.action == "validate"]
    assert validations and {v.actor for v in validations} == {"b"}
    round_two = [v.text.text for v in couple.seen if v.round == 2 and v.action == "share"]
    assert round_two and "Ben, where are you with what you did" in round_two[0]
    assert [who for who, _ in couple.ledger] == ["both"]
    together = next(v for v in couple.seen if v.who == "together")
    assert together.actor == "a" and "still needs care" in together.text.text


# --- the weekly check-in ----------------------------------------------------------------


def test_check_in_says_whose_view_decides_kept() -> None:
    review = next(s for s in builtin("weekly-check-in").steps if isinstance(s, Review))
    assert "the one it was made to says first" in " ".join(review.prompt.source.split())


def test_check_in_answers_the_need_that_was_asked_for() -> None:
    couple = Couple("weekly-check-in")
    couple.until(lambda v: v.round == 2, picking("Yes"))
    request = next(i for i, v in enumerate(couple.seen) if "ask for it plainly" in v.text.text)
    asking = couple.seen[request]
    assert asking.actor == asking.speaker and couple.seen[request + 1].action == "reflect"
    answered = next(v for v in couple.seen if "can you do it this week" in v.text.text)
    assert answered.actor == asking.listener
    assert couple.ledger == [(asking.listener, "words we mean")]


def test_check_in_an_honest_not_this_week_is_answered_too() -> None:
    couple = Couple("weekly-check-in")

    def policy(view: View) -> Choice | None:
        if "can you do it" in view.text.text:
            return option(view, "Not this week")
        return picking("Yes")(view)

    couple.until(lambda v: v.round == 2, policy)
    assert any("say briefly why" in t for t in couple.texts("say"))
    assert couple.ledger == []


# --- your first reflection --------------------------------------------------------------


def test_first_reflection_gives_the_speakers_rule_and_explains_flooded() -> None:
    couple = Couple("first-reflection")
    couple.finish()
    texts = couple.texts()
    joined = " ".join(couple.texts("say")[0].split())
    assert "Speak for yourself" in joined and "No mind-reading" in joined
    first = next(t for t in texts if "flooded" in t)
    assert "heart races" in " ".join(first.split())


# --- looking ahead ----------------------------------------------------------------------


def test_future_and_triggers_asks_whether_to_go_on_after_a_high_rating() -> None:
    couple = Couple("future-and-triggers")
    couple.until(lambda v: v.action == "rate")
    view = couple.run.answer(Number(8), Number(1))
    assert view.action == "ask" and "Stop for today" in labels(view)


# --- the new exercises ------------------------------------------------------------------


def test_questions_are_chosen_by_the_hurt_partner_at_most_three_and_said_back() -> None:
    couple = Couple("questions-about-what-happened")
    view = couple.until(lambda v: v.phase == "first_speaker")
    assert "trust was broken" in view.text.text
    couple.finish()  # the cooperative couple asks for another question whenever offered
    shares = [v for v in couple.seen if v.stage == "share"]
    questions = [v for v in shares if "ask one question" in v.text.text]
    answers = [v for v in shares if "answer the question" in v.text.text]
    assert len(questions) == len(answers) == 3, "at most three questions today"
    assert {v.actor for v in questions} == {"a"} and {v.actor for v in answers} == {"b"}
    assert all(v.time_limit for v in questions + answers), "each turn is time-limited"
    for answer in answers:
        after = couple.seen[couple.seen.index(answer) + 1]
        assert (after.action, after.actor) == ("reflect", "a"), "each answer is said back"
    intro = " ".join(couple.texts("say")[0].split())
    assert "rather than graphic or intimate detail" in intro
    # a fresh rating before each question
    assert sum(v.action == "rate" and v.actor == "a" for v in couple.seen) == 3


def test_questions_stop_whenever_the_hurt_partner_has_had_enough() -> None:
    couple = Couple("questions-about-what-happened")
    couple.finish(picking("That's enough for today"))
    assert sum("ask one question" in t for t in couple.texts("share")) == 1


def test_what_made_it_possible_keeps_the_reasons_with_the_speaker() -> None:
    couple = Couple("what-made-it-possible")
    couple.finish(picking("Yes, some of it did"))
    assert "because you" in " ".join(couple.texts("say")[0].split())
    again = next(v for v in couple.seen if "only about yourself" in v.text.text)
    assert (again.action, again.actor) == ("share", "a")
    landing = next(v for v in couple.seen if "How does hearing this land" in v.text.text)
    assert landing.actor == "b"
    assert [who for who, _ in couple.ledger] == ["a"]
    assert "hard" in builtin("what-made-it-possible").tags


def test_when_a_wave_hits_the_hurt_partner_names_it_and_the_other_reassures() -> None:
    couple = Couple("when-a-wave-hits")
    couple.finish()
    shares = [v for v in couple.seen if v.stage == "share"]
    assert [v.actor for v in shares] == ["a", "a", "b", "b"]
    assert "how would you like to tell Ben" in shares[1].text.text
    assert "rather than defend" in shares[2].text.text
    assert "propose what you'll do" in shares[3].text.text
    assert [who for who, _ in couple.ledger] == ["both"]


def test_looking_back_reviews_every_commitment() -> None:
    exercise = builtin("looking-back-at-the-record")
    reviews = [s for s in exercise.steps if isinstance(s, Review)]
    assert [r.which for r in reviews] == ["all"]
    couple = Couple("looking-back-at-the-record")
    for text in ("call when late", "walk on Sundays"):
        couple.run.ledger.add("a", "Ann", text, 0.0, 1.0, "x")
    couple.run.ledger.review(couple.run.ledger.all()[0].id, "kept", None, 2.0)
    couple.finish()
    reviewed = [v.commitment.text for v in couple.seen if v.commitment is not None]
    assert reviewed == ["call when late", "walk on Sundays"]  # kept ones are seen again


def test_looking_after_yourselves_and_a_ritual_only_if_both_want_one() -> None:
    couple = Couple("looking-after-yourselves")
    couple.finish()
    assert sorted(who for who, _ in couple.ledger) == ["a", "b", "both"]
    couple = Couple("looking-after-yourselves")
    couple.finish(picking("Not yet", "b"))
    assert sorted(who for who, _ in couple.ledger) == ["a", "b"]
