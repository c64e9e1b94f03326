"""Plain facts about a session, read from its events: no Textual here.

The end screen, the undo confirmation and the "floor passes" moments read the
engine's events rather than keeping their own record, so what they say is what
the session recorded. An answer that was taken back disappears with what it
caused, exactly as in the transcript.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coach.engine import Event
from coach.engine.text import join_words
from coach.engine.transcript import KEPT_ON_UNDO


def effective_events(events: Iterable[Event]) -> list[Event]:
    """The events that still stand once every taken-back answer is removed."""
    kept: list[Event] = []
    for event in events:
        if event.kind == "answer_undone":
            start = event.data["undone"]
            kept = [e for e in kept if e.seq < start or e.kind in KEPT_ON_UNDO]
        kept.append(event)
    return kept


# --- dates and durations ---------------------------------------------------------------


def long_date(at: float, now: float | None = None) -> str:
    """'Thursday 3 December', with the year when it is not this year's."""
    day = time.localtime(at)
    text = f"{time.strftime('%A', day)} {day.tm_mday} {time.strftime('%B', day)}"
    if now is not None and time.localtime(now).tm_year != day.tm_year:
        text += f" {day.tm_year}"
    return text


def short_date(at: float) -> str:
    """'Thu 3 Dec'."""
    day = time.localtime(at)
    return f"{time.strftime('%a', day)} {day.tm_mday} {time.strftime('%b', day)}"


def spoken_duration(seconds: float) -> str:
    """'less than a minute', '1 minute', '27 minutes', '1 hour 5 minutes'."""
    minutes = int(seconds // 60)
    if minutes < 1:
        return "less than a minute"
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour" + ("s" if hours > 1 else ""))
    if minutes:
        parts.append(f"{minutes} minute" + ("s" if minutes > 1 else ""))
    return " ".join(parts)


# --- what an undo takes back ---------------------------------------------------------

STAGE_WORDS = {
    "say": "going on from step {step}",
    "share": "{name}'s share at step {step}",
    "reflect": "{name}'s reflection at step {step}",
    "clarify": "{name}'s clarification at step {step}",
    "add": "what {name} added at step {step}",
    "guess": "{name}'s guess of the feeling at step {step}",
    "validate": "{name}'s validation at step {step}",
    "ask": "{name}'s answer at step {step}",
    "rate": "{name}'s rating at step {step}",
    "pause": "{name} saying ready at step {step}",
    "commit": "{name}'s commitment at step {step}",
    "draft": "{name}'s wording of your shared commitment at step {step}",
    "agree": "your answer to the shared commitment at step {step}",
    "review": "the review of a commitment at step {step}",
    "first_speaker": "the choice of who speaks first",
}


def last_answer(events: Sequence[Event]) -> Event | None:
    """The answer an undo would take back now."""
    for event in reversed(effective_events(events)):
        if event.kind == "answer_given":
            return event
    return None


def describe_answer(event: Event) -> str:
    """What taking ``event`` back means, in words; never a partner's hidden number or words."""
    data = event.data
    stage = data["stage"]
    step = (event.step or 0) + 1
    if stage == "confirm":
        kind = data["answer"]["kind"]
        what = "the feeling words" if kind == "emotions" else "the answer"
        text = f"{data['name']}'s {what} at step {step}"
    else:
        text = STAGE_WORDS.get(stage, "{name}'s answer at step {step}").format(
            name=data["name"], step=step
        )
    if stage in ("commit", "draft", "agree"):
        text += f': "{data["value"]}"'
    return text


# --- moments -------------------------------------------------------------------------------


def moments(events: Sequence[Event], after: int, rounds: int) -> list[str]:
    """The floor passing and new rounds among the events after seq ``after``."""
    out = []
    for event in events:
        if event.seq <= after:
            continue
        if event.kind == "floor_passed":
            out.append(f"The floor passes to {event.data['name']}.")
        elif event.kind == "round_started" and event.round > 1:
            out.append(
                f"Round {event.round} of {rounds}: the floor passes to {event.data['name']}."
            )
    return out


# --- the end -------------------------------------------------------------------------------


def owner_words(partner: str, name: str) -> str:
    """Whose a commitment is: a name, or "made together by Sam and Alex" for the pair's."""
    return f"made together by {name}" if partner == "both" else name


@dataclass(frozen=True)
class Summary:
    title: str
    seconds: float
    rounds: int
    #: (whose feeling, words)
    emotions: tuple[tuple[str, str], ...]
    #: (whose, as owner_words says it; text; due_at)
    commitments: tuple[tuple[str, str, float], ...]
    #: (who called it, how long it lasted or None when it has not ended)
    breaks: tuple[tuple[str, float | None], ...]
    reviews: tuple[tuple[str, str], ...]


def summarise(events: Sequence[Event]) -> Summary:
    kept = effective_events(events)
    title = next((e.data["title"] for e in kept if e.kind == "session_started"), "")
    start = kept[0].at if kept else 0.0
    end = kept[-1].at if kept else 0.0
    rounds = sum(1 for e in kept if e.kind == "round_started")
    emotions = tuple(
        (e.data["name"], join_words(e.data["words"]))
        for e in kept
        if e.kind == "answer_given" and e.data["stage"] == "confirm" and "words" in e.data
    )
    commitments = tuple(
        (owner_words(e.data["partner"], e.data["name"]), e.data["text"], float(e.data["due_at"]))
        for e in kept if e.kind == "commitment_made"
    )
    breaks: list[tuple[str, float | None]] = []
    for e in kept:
        if e.kind == "break_taken":
            breaks.append((e.data["name"], None))
        elif e.kind == "break_ended" and breaks:
            breaks[-1] = (breaks[-1][0], float(e.data["lasted"]))
    reviews = tuple(
        (e.data["text"], e.data["answer"]["outcome"])
        for e in kept if e.kind == "answer_given" and e.data["stage"] == "review"
    )
    return Summary(title, end - start, rounds, emotions, commitments, tuple(breaks), reviews)
