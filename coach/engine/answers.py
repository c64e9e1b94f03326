"""The plain values a caller answers a step with.

Which one a step waits for is in :attr:`coach.engine.view.View.expects`; the
``KIND`` of each class is the word used there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Literal

Partner = Literal["a", "b"]
#: whose a commitment is: one partner's, or both partners' (a commit with who: together)
Owner = Literal["a", "b", "both"]
Verdict = Literal["yes", "partly", "no", "more"]
Outcome = Literal["kept", "partly", "missed", "renegotiate"]

PARTNERS: tuple[Partner, ...] = ("a", "b")
VERDICTS: tuple[Verdict, ...] = ("yes", "partly", "no", "more")
OUTCOMES: tuple[Outcome, ...] = ("kept", "partly", "missed", "renegotiate")


@dataclass(frozen=True)
class Done:
    """Go on: said it out loud, read it, did it. ``note`` is what was typed, if anything."""

    note: str | None = None
    KIND: ClassVar[str] = "done"


@dataclass(frozen=True)
class FreeText:
    """Typed text: the answer to a question without options, or a commitment."""

    text: str
    KIND: ClassVar[str] = "text"


@dataclass(frozen=True)
class Choice:
    """One of the options shown, by its position (0 is the first)."""

    index: int
    KIND: ClassVar[str] = "choice"


@dataclass(frozen=True)
class Number:
    """A number on a scale."""

    value: int
    KIND: ClassVar[str] = "number"


@dataclass(frozen=True)
class Emotions:
    """Feeling words: a guess, or the words the other partner confirms."""

    words: tuple[str, ...]
    KIND: ClassVar[str] = "emotions"


@dataclass(frozen=True)
class Fits:
    """The speaker's answer to a reflection: yes, partly, no, or there is more."""

    verdict: Verdict
    KIND: ClassVar[str] = "verdict"


@dataclass(frozen=True)
class Ready:
    """One partner is ready to end a break or a pause step."""

    partner: Partner
    KIND: ClassVar[str] = "ready"


@dataclass(frozen=True)
class Safe:
    """A partner's private answer: do I feel safe enough to go on?"""

    ok: bool
    KIND: ClassVar[str] = "safe"


@dataclass(frozen=True)
class Pick:
    """A partner, picked: who speaks first."""

    partner: Partner
    KIND: ClassVar[str] = "partner"


@dataclass(frozen=True)
class Reviewed:
    """How a commitment went, with an optional note."""

    outcome: Outcome
    note: str | None = None
    KIND: ClassVar[str] = "outcome"


Answer = Done | FreeText | Choice | Number | Emotions | Fits | Ready | Safe | Pick | Reviewed

ANSWER_TYPES: dict[str, type[Answer]] = {
    cls.KIND: cls
    for cls in (Done, FreeText, Choice, Number, Emotions, Fits, Ready, Safe, Pick, Reviewed)
}


def answer_to_json(answer: Answer) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": answer.KIND}
    out.update({k: list(v) if isinstance(v, tuple) else v for k, v in vars(answer).items()})
    return out
