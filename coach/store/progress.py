"""What the ledger and progress screens read: no SQL in the UI.

Ratings over time per person, sessions and breaks per week, and the
commitments with the status the ledger screen shows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from coach.engine.ledger import Commitment
from coach.store.ledger import read_commitments
from coach.store.store import Store

WEEK = 7 * 86400.0
#: what the ledger screen calls each state (the engine's words, and "due")
LEDGER_WORDS = {"open": "open", "due": "due", "kept": "kept", "partly": "partly",
                "missed": "missed", "renegotiate": "renegotiated"}


@dataclass(frozen=True)
class Rating:
    at: float
    session_id: int
    question: str
    value: int
    #: the session's exercise id and the rate step's place in it (to find the step itself)
    exercise: str = ""
    step: int | None = None


@dataclass(frozen=True)
class Week:
    #: the week's first moment (weeks count back from ``now``)
    start: float
    sessions: int
    breaks: int


def ratings_by_person(store: Store) -> dict[str, list[Rating]]:
    """Each person's ratings, oldest first, under their current name."""
    out: dict[str, list[Rating]] = {}
    for name, at, session_id, question, value, exercise, step in store.query(
        "SELECT p.name, r.at, r.session_id, r.question, r.value, s.exercise, r.step "
        "FROM ratings r JOIN people p ON p.id = r.person_id "
        "JOIN sessions s ON s.id = r.session_id ORDER BY r.at, r.id"
    ):
        out.setdefault(name, []).append(Rating(at, session_id, question, value, exercise, step))
    return out


def weeks(store: Store, now: float, count: int = 12) -> list[Week]:
    """Sessions started and breaks taken in each of the last ``count`` weeks, oldest
    first; the last week ends at ``now``."""
    first = now - count * WEEK
    sessions: Counter[int] = Counter()
    breaks: Counter[int] = Counter()
    for started, taken in store.query(
        "SELECT started_at, breaks FROM sessions WHERE started_at > ? AND started_at <= ?",
        (first, now),
    ):
        index = min(int((started - first) // WEEK), count - 1)
        sessions[index] += 1
        breaks[index] += taken
    return [Week(first + i * WEEK, sessions[i], breaks[i]) for i in range(count)]


def ledger_status(item: Commitment, now: float) -> str:
    """open, due, kept, partly, missed or renegotiated."""
    if item.is_due(now):
        return "due"
    return LEDGER_WORDS[item.status]


def ledger(store: Store, names: dict[str, str] | None = None) -> list[Commitment]:
    """Every commitment with its reviews, oldest first (sides from ``names`` if given)."""
    return read_commitments(store, names or {})


def kept_since(items: list[Commitment], since: float) -> tuple[int, int]:
    """Of the commitments whose last review came after ``since``: how many were kept,
    out of how many were reviewed."""
    reviewed = [c for c in items if c.reviews and c.reviews[-1].at >= since]
    return sum(1 for c in reviewed if c.status == "kept"), len(reviewed)
