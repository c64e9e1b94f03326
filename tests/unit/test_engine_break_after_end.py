"""A break after the end: the last answer's high rating offers one, and it can be taken."""

from __future__ import annotations

import pytest

from coach.engine import AnswerError, Number, Ready, Session
from tests.unit.engine_support import Run, exercise

ENDS_HIGH = exercise("""
- rate: How stirred up?
  who: speaker
  pause_at: 7
""")


def ended_high() -> Session:
    session = Run(ENDS_HIGH).session
    session.answer(Number(9))
    assert session.ended and session.view().offer_break == "high_rating"
    return session


def test_a_break_can_be_taken_after_the_end_and_ends_with_both_ready() -> None:
    session = ended_high()
    view = session.take_break("a", "", 5 * 60)
    assert view.phase == "break" and view.break_offer == "high_rating" and view.below_guidance
    session.answer(Ready("a"))
    view = session.answer(Ready("b"))
    assert view.phase == "ended" and view.offer_break is None
    with pytest.raises(AnswerError, match="the session has ended"):
        session.answer(Ready("a"))
    kinds = [e.kind for e in session.events]
    assert kinds[-4:] == ["break_taken", "break_ready", "break_ready", "break_ended"]


def test_a_break_after_the_end_survives_json() -> None:
    session = ended_high()
    session.take_break("b", "air", 60)
    again = Session.from_json(session.exercise, session.to_json(), session.clock,
                              session.ledger)
    assert again.view().phase == "break" and again.view().break_by == "b"
