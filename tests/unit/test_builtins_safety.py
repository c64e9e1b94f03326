"""Issue 12: every built-in says when it is not for you, in the same words; the exercises
about the betrayal stop while anyone is flooded; and the agreement exercises end in an
agreement both partners share."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.engine import Choice, Number, View
from coach.format.model import Ask, Commit, Rate
from coach.library import builtin_dir, exercise_files

from .builtin_support import Couple, builtin, option

NOT_FOR = Path(__file__).resolve().parents[2] / "coach" / "data" / "not-for.md"
BUILTINS = exercise_files(builtin_dir())

#: the exercises about the betrayal itself: a rating of 7 or more stops them
FLOOD_CHECKED = ("accountability-statement", "repair-after-misstep", "forgiveness-in-layers",
                 "workable-boundaries", "future-and-triggers", "transparency-agreement",
                 "questions-about-what-happened", "what-made-it-possible", "when-a-wave-hits")
AGREEMENTS = ("transparency-agreement", "living-agreement", "practise-time-out")
BREAK = "A 20-minute break, then rate again"
STOP = "Stop for today"
TRY = "Yes, I can try it"


# --- one "Not for" passage --------------------------------------------------------------


def test_the_not_for_passage_names_the_three_times_to_stop() -> None:
    text = " ".join(NOT_FOR.read_text(encoding="utf-8").split()).lower()
    assert text.startswith("**not for**")
    for words in ("violence", "threats", "afraid", "affair", "secret contact",
                  "still going on", "see a counsellor first", "crisis", "helpline"):
        assert words in text, words


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_every_built_in_holds_the_passage_word_for_word(path: Path) -> None:
    passage = NOT_FOR.read_text(encoding="utf-8").strip()
    assert passage in builtin(path.stem).description


# --- flooding ---------------------------------------------------------------------------


def stirred(view: View) -> bool:
    return view.action == "rate" and "stirred up" in view.text.text


def test_no_built_in_offers_to_go_on_slowly() -> None:
    for path in BUILTINS:
        for step in builtin(path.stem).steps:
            if isinstance(step, Ask):
                labels = [o.label.source.lower() for o in step.options]
                assert not any("slowly" in label for label in labels), path.stem


@pytest.mark.parametrize("exercise_id", FLOOD_CHECKED)
def test_a_flooded_rating_offers_a_break_then_a_fresh_rating(exercise_id: str) -> None:
    couple = Couple(exercise_id)
    view = couple.until(stirred)
    couple.run.answer(Number(7), Number(2))
    view = couple.view
    # the choice, for each partner privately: a break then a fresh rating, or stopping
    assert (view.action, view.who) == ("ask", "both")
    assert [o.text for o in view.options] == [BREAK, STOP]
    view = couple.run.answer(option(view, BREAK), option(view, BREAK))
    assert view.action == "pause" and view.length is not None and view.length >= 20 * 60
    assert not view.skippable  # twenty minutes means twenty minutes
    couple.run.clock.advance(view.remaining or 0)
    view = couple.until(lambda v: v.action != "pause")
    assert stirred(view), "a fresh rating follows the break"
    view = couple.run.answer(Number(6), Number(6))
    assert view.action != "ask" or BREAK not in [o.text for o in view.options]
    assert couple.finish().ended_reason in ("completed", "end_step")


@pytest.mark.parametrize("exercise_id", FLOOD_CHECKED)
def test_either_partner_can_stop_for_today(exercise_id: str) -> None:
    couple = Couple(exercise_id)
    view = couple.until(stirred)
    view = couple.run.answer(Number(3), Number(9))
    view = couple.run.answer(option(view, BREAK), option(view, STOP))
    assert view.phase == "ended" and view.ended_reason == "end_step"
    assert "calmer day" in couple.closing()
    assert couple.ledger == []


def test_boundaries_are_hard_and_ask_how_stirred_up() -> None:
    exercise = builtin("workable-boundaries")
    assert "hard" in exercise.tags and exercise.needs_private_check
    rates = [s for s in exercise.steps if isinstance(s, Rate)]
    assert rates and "stirred up" in rates[0].question.source


# --- agreements that are agreed ---------------------------------------------------------


def whose_trust(couple: Couple) -> None:
    """Answer up to the first speaker's question, checking it asks for the hurt partner."""
    view = couple.until(lambda v: v.phase == "first_speaker")
    assert "trust was broken" in view.text.text and "speaks first" in view.text.text


@pytest.mark.parametrize("exercise_id", AGREEMENTS)
def test_an_agreement_is_proposed_said_back_tried_and_made_together(exercise_id: str) -> None:
    exercise = builtin(exercise_id)
    commits = [s for s in exercise.steps if isinstance(s, Commit)]
    assert [c.who for c in commits if c.who == "together"] == ["together"]
    couple = Couple(exercise_id)
    whose_trust(couple)  # Ann's, the cooperative couple says
    couple.finish()
    shares = [v for v in couple.seen if v.action == "share" and v.stage == "share"]
    assert shares[0].actor == "a", "the hurt partner speaks first"
    proposal = next(i for i, v in enumerate(couple.seen) if "propose" in v.text.text
                    and v.action == "share")
    assert couple.seen[proposal].actor == "b", "the partner who broke trust proposes"
    said_back = couple.seen[proposal + 1]
    assert (said_back.action, said_back.actor) == ("reflect", "a")
    asked = [v for v in couple.seen if v.action == "ask" and TRY in [o.text for o in v.options]]
    assert {v.actor for v in asked} == {"a", "b"}, "both say whether they can try it"
    made = couple.ledger
    assert [who for who, _ in made].count("both") == 1
    # each may add a part of their own; the cooperative couple both did
    assert sorted(who for who, _ in made) == ["a", "b", "both"]


@pytest.mark.parametrize("exercise_id", AGREEMENTS)
def test_not_yet_writes_nothing_down_and_offers_to_rework(exercise_id: str) -> None:
    couple = Couple(exercise_id)

    def not_yet(view: View) -> Choice | None:
        texts = [o.text for o in view.options]
        if "Rework it now" in texts:
            return Choice(1)  # another day (after the first rework)
        return option(view, "Not yet") if TRY in texts and view.actor == "b" else None

    view = couple.until(lambda v: "Rework it now" in [o.text for o in v.options], not_yet)
    assert view.actor == "a", "the hurt partner sets the pace of a rework"
    # reworking goes back to the proposal, not to the start
    view = couple.run.answer(option(view, "Rework it now"))
    assert view.action == "share" and "propose" in view.text.text and view.actor == "b"
    couple.finish(not_yet)
    assert couple.run.view.ended_reason == "end_step"
    assert couple.ledger == []


def test_transparency_includes_telling_before_being_asked() -> None:
    couple = Couple("transparency-agreement")
    couple.finish()
    proposal = next(t for t in couple.texts("share") if "propose" in t)
    assert "before" in proposal and "someone from the past gets in touch" in proposal
    commit = next(v for v in couple.seen if v.who == "together").text.text
    assert "told before it is asked" in commit


@pytest.mark.parametrize("exercise_id", ["transparency-agreement", "living-agreement"])
def test_loosening_goes_at_the_hurt_partners_pace_and_says_so(exercise_id: str) -> None:
    assert "at the hurt partner's pace" in " ".join(builtin(exercise_id).description.split())
    couple = Couple(exercise_id)
    couple.finish()
    said = " ".join(couple.texts()) + " " + couple.closing()
    assert "at Ann's pace" in " ".join(said.split())  # Ann is the hurt partner here


def test_whoever_calls_the_time_out_restarts_the_talk_within_a_day() -> None:
    exercise = builtin("practise-time-out")
    assert "whoever calls the break restarts the talk, within 24 hours" in " ".join(
        exercise.description.split())
    couple = Couple("practise-time-out")
    couple.finish()
    together = next(v for v in couple.seen if v.who == "together").text.text
    assert "whoever calls the break restarts the talk within 24 hours" in " ".join(
        together.split())
    assert any(v.action == "pause" for v in couple.seen), "a practice break is tried"
