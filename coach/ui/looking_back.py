"""What the history, transcript, ledger and progress screens read, in plain values.

Run in a worker: each function opens the records, reads, and closes them. No
Textual here and no SQL (the store's own calls do that); dates are the local
time of the machine.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from coach.engine.ledger import Commitment
from coach.store import SessionSummary, StoreError, open_store
from coach.store.progress import (
    WEEK,
    Rating,
    Week,
    kept_since,
    ledger,
    ledger_status,
    ratings_by_person,
    weeks,
)

#: how far back the ledger counts commitments kept
KEPT_WEEKS = 4


def day(at: float) -> str:
    """``Sat 28 Nov``"""
    return time.strftime("%a %-d %b", time.localtime(at))


def when(at: float) -> str:
    """``Sat 28 Nov 14:02``"""
    return time.strftime("%a %-d %b %H:%M", time.localtime(at))


def length_text(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d}"


@dataclass
class HistoryPage:
    sessions: list[SessionSummary]
    #: (exercise id, title) of every exercise in the history, for the filter
    exercises: list[tuple[str, str]]
    problem: str | None = None


def history(exercise: str | None = None, text: str | None = None,
            limit: int = 200) -> HistoryPage:
    try:
        store = open_store()
        if store is None:
            return HistoryPage([], [])
        with store:
            sessions = store.history(limit, exercise=exercise, text=text or None)
            every = sessions if not (exercise or text) else store.history(1000)
    except StoreError as error:
        return HistoryPage([], [], error.message)
    titles = {s.exercise: s.title for s in reversed(every)}
    return HistoryPage(sessions, sorted(titles.items(), key=lambda item: item[1].casefold()))


@dataclass
class Transcript:
    summary: SessionSummary | None
    lines: list[str]
    problem: str | None = None


def transcript(session_id: int) -> Transcript:
    from coach.engine.transcript import transcript_lines

    try:
        store = open_store()
        if store is None:
            return Transcript(None, [], "Nothing has been saved yet.")
        with store:
            return Transcript(store.summary(session_id),
                              transcript_lines(store.events(session_id)))
    except StoreError as error:
        return Transcript(None, [], error.message)


@dataclass
class LedgerItem:
    commitment: Commitment
    status: str


@dataclass
class LedgerPage:
    items: list[LedgerItem]
    kept: int = 0
    reviewed: int = 0
    problem: str | None = None


def ledger_page(now: float) -> LedgerPage:
    try:
        store = open_store()
        if store is None:
            return LedgerPage([])
        with store:
            items = ledger(store)
    except StoreError as error:
        return LedgerPage([], problem=error.message)
    kept, reviewed = kept_since(items, now - KEPT_WEEKS * WEEK)
    # newest first: what was promised lately is what the couple looks for
    ordered = sorted(items, key=lambda c: c.made_at, reverse=True)
    return LedgerPage([LedgerItem(c, ledger_status(c, now)) for c in ordered], kept, reviewed)


@dataclass
class PersonRatings:
    name: str
    #: per session, oldest first: the first and the last "how stirred up" rating
    before: list[int] = field(default_factory=list)
    after: list[int] = field(default_factory=list)
    safe: list[int] = field(default_factory=list)


@dataclass
class ProgressPage:
    people: list[PersonRatings]
    weeks: list[Week]
    problem: str | None = None


def _kind(question: str) -> str | None:
    words = question.casefold()
    if "safe" in words:
        return "safe"
    if "stirred" in words or "flooded" in words or "upset" in words:
        return "stirred"
    return None


def person_ratings(name: str, ratings: list[Rating]) -> PersonRatings:
    out = PersonRatings(name)
    stirred: dict[int, list[int]] = {}
    for rating in ratings:
        kind = _kind(rating.question)
        if kind == "safe":
            out.safe.append(rating.value)
        elif kind == "stirred":
            stirred.setdefault(rating.session_id, []).append(rating.value)
    for values in stirred.values():  # sessions in the order of their first rating
        out.before.append(values[0])
        if len(values) > 1:
            out.after.append(values[-1])
    return out


def progress_page(now: float) -> ProgressPage:
    try:
        store = open_store()
        if store is None:
            return ProgressPage([], [])
        with store:
            people = [person_ratings(name, ratings)
                      for name, ratings in ratings_by_person(store).items()]
            per_week = weeks(store, now)
    except StoreError as error:
        return ProgressPage([], [], error.message)
    return ProgressPage(people, per_week)
