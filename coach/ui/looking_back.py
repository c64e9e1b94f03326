"""What the history, transcript, ledger and progress screens read, in plain values.

Run in a worker: each function opens the records, reads, and closes them. No
Textual here and no SQL (the store's own calls do that); dates are the local
time of the machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

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


#: words in a rate step's ``save_as`` (or, failing that, its question) that say which line
#: of the progress screen its numbers belong on
STIRRED_WORDS = ("stirred", "flooded", "upset", "tense", "overwhelm")
SAFE_WORDS = ("safe", "trust", "steady", "secure")


def rating_kind(question: str, step: object | None = None) -> str | None:
    """Which progress line a rating belongs on: "stirred" (how stirred up, before and
    after), "safe" (how safe things feel), or None (shown on neither).

    The rule, most reliable signal first (the format has no field for it):

    1. the rate step's ``save_as``, the name its author gave the number: an identifier,
       which rewording or translating the question leaves alone (the built-ins save
       ``stirred`` and ``trust``); a name holding one of :data:`STIRRED_WORDS` or
       :data:`SAFE_WORDS`;
    2. a rate step with ``pause_at``: the format offers a break when its number is high,
       which only makes sense for how stirred up someone is;
    3. the question's words, when the step is not known (its exercise has left the
       library) or says nothing of the above.
    """
    from coach.format.model import Rate

    if isinstance(step, Rate):
        name = (step.save_as or "").casefold()
        if any(word in name for word in STIRRED_WORDS):
            return "stirred"
        if any(word in name for word in SAFE_WORDS):
            return "safe"
        if step.pause_at is not None:
            return "stirred"
    words = question.casefold()
    if any(word in words for word in SAFE_WORDS):
        return "safe"
    if any(word in words for word in STIRRED_WORDS):
        return "stirred"
    return None


def person_ratings(name: str, ratings: list[Rating],
                   step_of: Callable[[Rating], object | None] = lambda _: None) -> PersonRatings:
    """``step_of``: the rate step a rating answered, when its exercise can be found."""
    out = PersonRatings(name)
    stirred: dict[int, list[int]] = {}
    for rating in ratings:
        kind = rating_kind(rating.question, step_of(rating))
        if kind == "safe":
            out.safe.append(rating.value)
        elif kind == "stirred":
            stirred.setdefault(rating.session_id, []).append(rating.value)
    for values in stirred.values():  # sessions in the order of their first rating
        out.before.append(values[0])
        if len(values) > 1:
            out.after.append(values[-1])
    return out


def steps_from(exercise_dirs: Sequence[Path]) -> Callable[[Rating], object | None]:
    """The step each rating answered, from the library (None for an exercise no longer
    there, or a step that is not a rating any more)."""
    from coach.format.model import Rate
    from coach.library import scan

    library = scan(list(exercise_dirs))

    def step_of(rating: Rating) -> object | None:
        entry = library.get(rating.exercise)
        if entry is None or entry.exercise is None or rating.step is None:
            return None
        steps = entry.exercise.steps
        step = steps[rating.step] if 0 <= rating.step < len(steps) else None
        return step if isinstance(step, Rate) else None

    return step_of


def progress_page(now: float, exercise_dirs: Sequence[Path] = ()) -> ProgressPage:
    try:
        store = open_store()
        if store is None:
            return ProgressPage([], [])
        with store:
            by_person = ratings_by_person(store)
            per_week = weeks(store, now)
    except StoreError as error:
        return ProgressPage([], [], error.message)
    step_of = steps_from(exercise_dirs) if by_person else (lambda _: None)
    people = [person_ratings(name, ratings, step_of) for name, ratings in by_person.items()]
    return ProgressPage(people, per_week)
