"""Taking an answer back, and the whole session as JSON: saved mid-step, resumed the same."""

from __future__ import annotations

import json

import pytest

from coach.engine import (
    AnswerError,
    Choice,
    Done,
    Emotions,
    FakeClock,
    Fits,
    FreeText,
    InMemoryLedger,
    Number,
    Ready,
    Reviewed,
    Session,
    transcript_lines,
)
from coach.engine.answers import Answer
from coach.engine.events import Event
from tests.unit.engine_support import Run, exercise

# --- undo ----------------------------------------------------------------------------------


def test_undo_a_mis_pressed_yes() -> None:
    run = Run(exercise("- share: S\n- reflect: R\n- say: after"))
    run.answer(Done(), Done(), Fits("partly"), Done(), Done())
    before = run.view
    assert before.stage == "confirm" and before.tries == 2 and before.can_undo
    assert run.answer(Fits("yes")).action == "say"
    view = run.session.undo()
    assert view == before
    assert run.answer(Fits("no")).stage == "clarify"


def test_undo_restores_variables_and_comes_back_from_a_goto() -> None:
    run = Run(exercise("""
        - ask: {question: Q, save_as: pick, options: [{label: x, goto: far, set: {n: 1}}, y]}
        - say: near
        - id: far
          say: "far {pick} {n}"
    """, head="first_speaker: a\nvars: {n: 0}"))
    before = run.view
    assert run.answer(Choice(0)).text.text == "far x 1"
    assert run.session.undo() == before
    assert run.vars() == {"n": 0}
    assert run.answer(Choice(1)).text.text == "near"


def test_undo_takes_a_commitment_back_out_of_the_ledger() -> None:
    run = Run(exercise("- commit: C\n- say: after"))
    run.answer(FreeText("call mum"))
    assert len(run.ledger.all()) == 1
    run.session.undo()
    assert run.ledger.all() == [] and run.view.action == "commit"


def test_undo_takes_a_review_back() -> None:
    ledger = InMemoryLedger()
    item = ledger.add("a", "Ann", "call", 0.0, 10.0, "x")
    run = Run(exercise("- review:\n- say: after"), ledger=ledger)
    run.answer(Reviewed("partly", "half"))
    changed = ledger.get(item.id)
    assert changed is not None and changed.status == "partly" and changed.due_at != 10.0
    run.session.undo()
    back = ledger.get(item.id)
    assert back is not None and back.status == "open" and back.due_at == 10.0 and not back.reviews


def test_undo_several_answers_in_a_row_and_after_the_end() -> None:
    run = Run(exercise("- rate: Q\n- say: last"))
    first = run.view
    run.answer(Number(1), Number(2))
    assert run.answer(Done()).phase == "ended"
    assert run.session.undo().text.text == "last"
    run.session.undo()
    assert run.view.actor == "b"
    assert run.session.undo() == first
    with pytest.raises(AnswerError, match="no answer to take back"):
        run.session.undo()
    assert not run.view.can_undo


def test_no_undo_during_a_break() -> None:
    run = Run(exercise("- say: a\n- say: b"))
    run.answer(Done())
    run.session.take_break("a")
    assert not run.view.can_undo
    with pytest.raises(AnswerError, match="break"):
        run.session.undo()


def test_the_transcript_drops_an_answer_that_was_taken_back() -> None:
    run = Run(exercise("- ask: {question: Q, options: [wrong, right]}\n- say: after"))
    run.answer(Choice(0))
    run.session.undo()
    run.answer(Choice(1))
    lines = transcript_lines(run.session.events)
    assert "  Ann: right" in lines and "  Ann: wrong" not in lines
    assert "  (The last answer was taken back.)" in lines
    assert lines.count("Step 2, say: after") == 1
    undone = [e for e in run.session.events if e.kind == "answer_undone"]
    assert len(undone) == 1


def test_a_refused_answer_changes_nothing_and_records_nothing() -> None:
    ledger = InMemoryLedger()
    run = Run(exercise("- name_emotion: {vocabulary: [a, b]}"), ledger=ledger)
    before = json.dumps(run.session.to_json())
    for bad in (Emotions(("zzz",)), Number(1), Done()):
        with pytest.raises(AnswerError):
            run.answer(bad)
    assert json.dumps(run.session.to_json()) == before


# --- JSON ------------------------------------------------------------------------------------

STEPS = """
- share: S
  time_limit: 2m
- reflect: R
- name_emotion: {vocabulary: [hurt, sad, let down]}
- rate: {question: Q, save_as: calm, pause_at: 9}
- pause: {length: 1m, skippable: false}
- commit: {who: both}
- review: {which: all}
- ask: {question: Again?, options: [{label: again, goto: top}, done]}
- id: top
  say: "{emotion} {calm} {calm_low}"
"""

SCRIPT: list[Answer | str] = [
    Done("note"), Done(), Fits("partly"), "tick", Done(), Done(), "break", Ready("a"),
    Ready("b"), Fits("yes"), Emotions(("hurt",)), Emotions(("hurt", "sad")), Number(9), "tick",
    Number(4), "tick", Ready("b"), Ready("a"), FreeText("x"), "undo", FreeText("mine"),
    FreeText("yours"), Reviewed("kept"), Reviewed("missed", "sorry"), Choice(1), Done(),
    Done(), Done(),
]


def _play(session: Session, clock: FakeClock, step: Answer | str) -> None:
    if step == "tick":
        clock.advance(61)
    elif step == "undo":
        session.undo()
    elif step == "break":
        session.take_break("b", "tired")
    else:
        session.answer(step)  # type: ignore[arg-type]


def _fresh() -> tuple[Session, FakeClock, InMemoryLedger]:
    ex = exercise(STEPS, head="first_speaker: a\nrounds: 2")
    clock, ledger = FakeClock(), InMemoryLedger()
    session = Session.start(ex, a="Ann", b="Ben", clock=clock, ledger=ledger)
    return session, clock, ledger


def test_the_scripted_session_reaches_the_end() -> None:
    session, clock, _ = _fresh()
    for step in SCRIPT:
        _play(session, clock, step)
    view = session.view()
    assert (view.round, view.action, view.stage, view.actor) == (2, "reflect", "confirm", "b")
    assert any("Ann committed" in line for line in transcript_lines(session.events))


@pytest.mark.parametrize("cut", range(len(SCRIPT) + 1))
def test_saving_and_restoring_at_any_point_gives_the_same_future(cut: int) -> None:
    session, clock, ledger = _fresh()
    for step in SCRIPT[:cut]:
        _play(session, clock, step)
    # what a store would keep: JSON text, then the process dies
    saved = json.dumps(session.to_json())
    clock_b = FakeClock(wall=clock.now(), monotonic=5000.0)  # another process's clock
    ledger_b = InMemoryLedger.from_json(json.loads(json.dumps(ledger.to_json())))
    restored = Session.from_json(session.exercise, json.loads(saved), clock_b, ledger_b)
    assert restored.view() == session.view()
    for step in SCRIPT[cut:]:
        _play(session, clock, step)
        _play(restored, clock_b, step)
        assert restored.view() == session.view()
    assert restored.events == session.events
    assert ledger_b.to_json() == ledger.to_json()
    assert json.dumps(restored.to_json()) == json.dumps(session.to_json())


def test_restore_refuses_another_exercise_or_a_foreign_document() -> None:
    session, clock, ledger = _fresh()
    other = exercise("- say: x")
    other = type(other)(**{**other.__dict__, "id": "other"})
    with pytest.raises(ValueError, match="saved for exercise"):
        Session.from_json(other, session.to_json(), clock, ledger)
    with pytest.raises(ValueError):
        Session.from_json(session.exercise, {"format": "nope"}, clock, ledger)


def test_events_are_json_and_come_out_once() -> None:
    session, _, _ = _fresh()
    first = session.take_events()
    assert [e.kind for e in first][:3] == ["session_started", "first_speaker", "round_started"]
    assert session.take_events() == []
    session.answer(Done())
    new = session.take_events()
    assert [e.kind for e in new] == ["answer_given", "step_shown"]
    for event in session.events:
        assert Event.from_json(json.loads(json.dumps(event.to_json()))) == event
    assert [e.seq for e in session.events] == list(range(1, len(session.events) + 1))
