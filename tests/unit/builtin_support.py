"""Walking a built-in exercise as a couple would, with chosen answers where a test cares.

:class:`Couple` answers every view with :func:`cooperative` unless a test's policy
returns an answer first, and keeps each view it answered, so a test can look at what
the partners saw, in order, and who was asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from coach.engine import (
    Choice,
    Done,
    Emotions,
    FakeClock,
    Fits,
    FreeText,
    Number,
    Pick,
    Ready,
    Reviewed,
    Safe,
    View,
)
from coach.engine.answers import Answer
from coach.format.loader import load_file
from coach.format.model import Exercise
from coach.library import builtin_dir

from .engine_support import Run

#: options a cooperative couple leaves alone unless a test picks them: ways out
WAYS_OUT = re.compile(r"stop|not yet|not today|hidden|change the wording|another day",
                      re.IGNORECASE)

Policy = Callable[[View], Answer | None]


def builtin(exercise_id: str) -> Exercise:
    result = load_file(builtin_dir() / f"{exercise_id}.yaml")
    assert result.exercise is not None, [str(p) for p in result.problems]
    return result.exercise


def option(view: View, label: str) -> Choice:
    """The option whose text is ``label``, as an answer."""
    texts = [o.text for o in view.options]
    assert label in texts, texts
    return Choice(texts.index(label))


def cooperative(view: View, clock: FakeClock, note: str | None = None) -> Answer:
    """The answer a willing couple gives: plain words, the first option that is not a way
    out, a calm rating, "yes, that fits", and a break waited out to its end. ``note``:
    written wherever a note may be (without it, only where one is required); the store's
    benchmark gives one of a real note's length."""
    match view.expects:
        case "text":
            return FreeText("words we mean")
        case "choice":
            keep = [i for i, o in enumerate(view.options) if not WAYS_OUT.search(o.text)]
            return Choice(keep[0] if keep else 0)
        case "number":
            return Number(2)
        case "emotions":
            return Emotions(view.guess or view.vocabulary[:1])
        case "verdict":
            return Fits("yes")
        case "ready":
            if view.remaining:
                clock.advance(view.remaining)  # a break that cannot be cut short
            return Ready("b" if "a" in view.ready else "a")
        case "safe":
            return Safe(True)
        case "partner":
            return Pick("a")
        case "outcome":
            return Reviewed("kept")
    if note is not None and view.notes in ("optional", "required"):
        return Done(note)
    return Done("a note" if view.notes == "required" else None)


class Couple:
    """Ann (a) and Ben (b) walking one built-in exercise."""

    def __init__(self, exercise_id: str) -> None:
        self.exercise = builtin(exercise_id)
        self.run = Run(self.exercise)
        #: every view answered so far, in order
        self.seen: list[View] = []

    @property
    def view(self) -> View:
        return self.run.view

    @property
    def ledger(self) -> list[tuple[str, str]]:
        return [(c.partner, c.text) for c in self.run.ledger.all()]

    def until(self, stop: Callable[[View], bool], policy: Policy | None = None,
              limit: int = 600) -> View:
        """Answer until ``stop`` holds for the view on screen (or the exercise ends)."""
        for _ in range(limit):
            view = self.run.view
            if view.phase == "ended" or stop(view):
                return view
            answer = policy(view) if policy else None
            self.seen.append(view)
            self.run.session.answer(answer or cooperative(view, self.run.clock))
        raise AssertionError(f"still going after {limit} answers")

    def finish(self, policy: Policy | None = None) -> View:
        view = self.until(lambda _: False, policy)
        assert view.phase == "ended", view
        return view

    def texts(self, *actions: str) -> list[str]:
        """The texts of the views answered so far, of these actions (all when none)."""
        return [v.text.text for v in self.seen if not actions or v.action in actions]

    def closing(self) -> str:
        """The words the exercise ended with, or '' (it has not ended, or ended silently)."""
        ends = [e for e in self.run.session.events if e.kind == "session_ended"]
        return (ends[-1].data["text"] or "") if ends else ""
