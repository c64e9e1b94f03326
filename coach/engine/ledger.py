"""Where commitments live: a small interface, and an in-memory ledger.

The session writes through :class:`Ledger` only, so the SQLite ledger (the
records issue) can replace :class:`InMemoryLedger` without touching the engine.
Every write has an inverse (``remove``, ``unreview``) so an answer that wrote
can be undone.

What a review does to a commitment: ``kept``, ``missed`` and ``renegotiate``
close it; ``partly`` keeps it open and makes it due again after the same
interval it was first given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Protocol

from coach.engine.answers import Outcome, Owner

Which = Literal["due", "open", "all"]
Status = Literal["open", "kept", "partly", "missed", "renegotiate"]

#: the outcomes after which a commitment is no longer open
CLOSING: frozenset[str] = frozenset({"kept", "missed", "renegotiate"})


@dataclass(frozen=True)
class ReviewRecord:
    outcome: Outcome
    note: str | None
    at: float
    #: the due time before this review, so undoing it restores it
    due_before: float


@dataclass(frozen=True)
class Commitment:
    id: str
    #: a, b, or both for a commitment made together
    partner: Owner
    #: the owner's name, or both names ("Ann and Ben") for a commitment made together
    name: str
    text: str
    made_at: float
    due_at: float
    exercise: str = ""
    reviews: tuple[ReviewRecord, ...] = field(default=())

    @property
    def status(self) -> Status:
        return self.reviews[-1].outcome if self.reviews else "open"

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSING

    @property
    def first_due(self) -> float:
        """The due time it was made with, before any review moved it."""
        return self.reviews[0].due_before if self.reviews else self.due_at

    def is_due(self, now: float) -> bool:
        return self.is_open and self.due_at <= now


def choose(items: Sequence[Commitment], which: Which, now: float) -> list[Commitment]:
    """The commitments ``select`` returns, from all of them oldest first."""
    if which == "due":
        return [c for c in items if c.is_due(now)]
    if which == "open":
        return [c for c in items if c.is_open]
    return list(items)


class Ledger(Protocol):
    def add(
        self, partner: Owner, name: str, text: str, made_at: float, due_at: float, exercise: str
    ) -> Commitment:
        """Store a new commitment and return it with its id."""
        ...

    def remove(self, commitment_id: str) -> None:
        """Take back a commitment just made (undo)."""
        ...

    def select(self, which: Which, now: float) -> Sequence[Commitment]:
        """Commitments due (open and due by ``now``), open, or all; oldest first."""
        ...

    def review(self, commitment_id: str, outcome: Outcome, note: str | None, at: float) -> None:
        ...

    def unreview(self, commitment_id: str) -> None:
        """Take back the most recent review of a commitment (undo)."""
        ...


class InMemoryLedger:
    """A ledger kept in a dict: for tests and ``coach rehearse``."""

    def __init__(self, commitments: Sequence[Commitment] = ()) -> None:
        self._items: dict[str, Commitment] = {c.id: c for c in commitments}
        self._next = len(self._items) + 1

    def add(
        self, partner: Owner, name: str, text: str, made_at: float, due_at: float, exercise: str
    ) -> Commitment:
        while f"c{self._next}" in self._items:
            self._next += 1
        item = Commitment(f"c{self._next}", partner, name, text, made_at, due_at, exercise)
        self._next += 1
        self._items[item.id] = item
        return item

    def remove(self, commitment_id: str) -> None:
        self._items.pop(commitment_id, None)

    def get(self, commitment_id: str) -> Commitment | None:
        return self._items.get(commitment_id)

    def select(self, which: Which, now: float) -> list[Commitment]:
        return choose(sorted(self._items.values(), key=lambda c: (c.made_at, c.id)), which, now)

    def review(self, commitment_id: str, outcome: Outcome, note: str | None, at: float) -> None:
        item = self._items[commitment_id]
        record = ReviewRecord(outcome, note, at, item.due_at)
        due = item.due_at
        if outcome == "partly":
            due = at + max(item.first_due - item.made_at, 0.0)
        self._items[commitment_id] = replace(item, reviews=(*item.reviews, record), due_at=due)

    def unreview(self, commitment_id: str) -> None:
        item = self._items.get(commitment_id)
        if item is None or not item.reviews:
            return
        last = item.reviews[-1]
        self._items[commitment_id] = replace(
            item, reviews=item.reviews[:-1], due_at=last.due_before
        )

    def all(self) -> list[Commitment]:
        return self.select("all", 0.0)

    def to_json(self) -> dict[str, Any]:
        # the id counter too: ids are never reused, even after an undo removed one
        commitments = []
        for c in self.all():
            commitments.append({
                "id": c.id, "partner": c.partner, "name": c.name, "text": c.text,
                "made_at": c.made_at, "due_at": c.due_at, "exercise": c.exercise,
                "reviews": [vars(r).copy() for r in c.reviews],
            })
        return {"next": self._next, "commitments": commitments}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InMemoryLedger:
        items = []
        for raw in data["commitments"]:
            reviews = tuple(ReviewRecord(**r) for r in raw["reviews"])
            fields = {k: v for k, v in raw.items() if k != "reviews"}
            items.append(Commitment(**fields, reviews=reviews))
        ledger = cls(items)
        ledger._next = max(ledger._next, int(data.get("next", 1)))
        return ledger
