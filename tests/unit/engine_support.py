"""Helpers shared by the engine tests: build an exercise, start a session, script answers."""

from __future__ import annotations

import random
import textwrap

from coach.engine import FakeClock, InMemoryLedger, Session, View
from coach.engine.answers import Answer
from coach.format.loader import load_text
from coach.format.model import Exercise

CORE = ("hurt", "sad", "let down", "angry", "calm", "lonely")


def exercise(steps: str, head: str = "first_speaker: a") -> Exercise:
    """An exercise from YAML ``steps`` (list items) and top-level ``head`` keys.

    Asserts that it loads with no error (warnings are allowed: some tests need
    the flows the validator only warns about).
    """
    body = textwrap.indent(textwrap.dedent(steps).strip("\n"), "  ")
    top = textwrap.dedent(head).strip("\n")
    text = "id: t\ntitle: T\nsummary: S\n" + (top + "\n" if top else "") + "steps:\n" + body + "\n"
    result = load_text(text, file="t.yaml", stem="t")
    assert result.exercise is not None, [str(p) for p in result.errors]
    return result.exercise


class Run:
    """A session with a fake clock and an in-memory ledger, and shortcuts for tests."""

    def __init__(
        self,
        ex: Exercise,
        *,
        first: str | None = None,
        seed: int = 0,
        ledger: InMemoryLedger | None = None,
        clock: FakeClock | None = None,
    ) -> None:
        self.clock = clock or FakeClock()
        self.ledger = ledger if ledger is not None else InMemoryLedger()
        self.session = Session.start(
            ex, a="Ann", b="Ben", clock=self.clock, ledger=self.ledger,
            first=first, rng=random.Random(seed), core_vocabulary=CORE,  # type: ignore[arg-type]
        )

    @property
    def view(self) -> View:
        return self.session.view()

    def answer(self, *answers: Answer) -> View:
        for answer in answers:
            self.session.answer(answer)
        return self.view

    def vars(self) -> dict[str, object]:
        return dict(self.session.st.vars)

    def actions(self) -> list[str]:
        """The actions of the steps shown so far, in order."""
        return [e.data["action"] for e in self.session.events if e.kind == "step_shown"]

    def texts(self) -> list[str]:
        return [e.data["text"] for e in self.session.events if e.kind == "step_shown"]

    def kinds(self) -> list[str]:
        return [e.kind for e in self.session.events]
