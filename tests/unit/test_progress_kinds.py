"""Which ratings the progress screen draws as "stirred up" and "how safe it feels": the
rate step's save_as, then its pause_at, and only then the question's words."""

from __future__ import annotations

from coach.engine import Number
from coach.format.model import Exercise
from coach.ui.looking_back import progress_page, rating_kind
from tests.ui.looking_back_support import users_own
from tests.unit.builtin_support import builtin
from tests.unit.store_support import Recorded

#: none of these questions has a word the fallback knows
TEXT = """id: in-other-words
title: In other words
summary: S
first_speaker: a
steps:
  - rate: {question: "Wie aufgewühlt bist du gerade?", pause_at: 7}
  - rate: {question: "How much at home do you feel together?", save_as: trust_now}
  - rate: {question: "And now, where are you?", save_as: stirred_again}
  - rate: {question: "How was the weather?", save_as: weather}
"""


def in_other_words(in_library: bool = True) -> Exercise:
    return users_own(TEXT, "in-other-words", in_library=in_library)


def rated(ex: Exercise) -> float:
    run = Recorded(ex=ex, a="Sam", b="Alex")
    run.answer(Number(3), Number(5), Number(8), Number(6), Number(2), Number(1),
               Number(9), Number(9))
    run.recorder.close()
    return run.clock.now()


def test_the_step_decides_whatever_the_question_says() -> None:
    now = rated(in_other_words())
    page = progress_page(now)
    assert page.problem is None
    sam, alex = sorted(page.people, key=lambda p: p.name, reverse=True)
    assert (sam.name, sam.before, sam.after, sam.safe) == ("Sam", [3], [2], [8])
    assert (alex.name, alex.before, alex.after, alex.safe) == ("Alex", [5], [1], [6])


def test_without_the_exercise_the_question_words_decide() -> None:
    now = rated(in_other_words(in_library=False))
    for person in progress_page(now).people:
        assert (person.before, person.after, person.safe) == ([], [], [])  # none of them


def test_every_built_in_rating_has_a_line_or_is_meant_to_have_none() -> None:
    from coach.format.model import Rate
    from coach.library import builtin_dir, exercise_files

    exercises = [builtin(path.stem) for path in exercise_files(builtin_dir())]
    kinds = {(ex.id, step.save_as): rating_kind(step.question.source, step)
             for ex in exercises for step in ex.steps if isinstance(step, Rate)}
    assert kinds
    for (exercise, name), kind in kinds.items():
        expected = {"stirred": "stirred", "trust": "safe"}.get(name or "")
        assert kind == expected, (exercise, name, kind)
