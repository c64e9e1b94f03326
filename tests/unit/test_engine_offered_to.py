"""Who an offered break is about: the partner who calls it when it is taken with one key."""

from __future__ import annotations

from coach.engine import Done, Fits, Number
from coach.engine.breaks import offered_to
from tests.unit.engine_support import Run, exercise


def about(run: Run) -> str:
    view = run.view
    assert view.offer_break is not None
    return offered_to(view.offer_break, run.session.events, view.actor, view.speaker)


def test_a_high_rating_by_one_partner_is_about_that_partner() -> None:
    ex = exercise("- rate: {question: How?, who: listener, pause_at: 7}\n- say: x")
    run = Run(ex)
    run.answer(Number(9))
    assert about(run) == "b"


def test_with_both_rating_it_is_about_the_higher_and_the_first_on_a_tie() -> None:
    ex = exercise("- rate: {question: How?, who: both, pause_at: 7}\n- say: x")
    for numbers, partner in (((3, 8), "b"), ((9, 2), "a"), ((8, 8), "a")):
        run = Run(ex)
        run.answer(*(Number(n) for n in numbers))
        assert about(run) == partner, numbers


def test_a_reflection_that_did_not_land_is_about_the_speaker() -> None:
    run = Run(exercise("- share: S\n- reflect: {prompt: R, max_tries: 1}\n- say: x"))
    run.answer(Done(), Done(), Fits("no"))
    assert run.view.actor == "both"
    assert about(run) == "a"


def test_a_time_limit_is_about_who_answers_now_or_the_speaker_when_both_do() -> None:
    assert offered_to("time_limit", (), "b", "a") == "b"
    assert offered_to("time_limit", (), "both", "a") == "a"
    assert offered_to("time_limit", (), None, "b") == "b"
