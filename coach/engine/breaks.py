"""A break taken from a step: its length, its return time, and the time left.

The return time the partners agree on is wall time (seconds since the epoch),
kept beside a monotonic timer. How long a break has run is the longer of the
two readings:

- while the app runs, the monotonic timer counts; it never drifts and never
  goes back when the wall clock is set back;
- a machine that sleeps stops the monotonic clock but not the wall clock, and
  a closed app keeps no timer at all (a restored timer starts again from what
  was saved): the wall clock counts that time, so the return time stays right.

So the time left is ``total - elapsed``, never below zero, where ``total`` runs
from the start to the agreed return time. When it reaches zero nothing
happens by itself: the break ends only when both partners say they are ready.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coach.engine.clock import Clock
from coach.engine.errors import AnswerError
from coach.engine.events import Event
from coach.engine.state import Timer
from coach.format.durations import format_duration
from coach.format.model import Exercise, Rate

#: the shortest break: a breathing pause of a minute
MIN_BREAK = 60
#: the longest break, extensions included: after a day, come back and decide together
MAX_BREAK = 24 * 60 * 60
#: the guidance for a flooded body: at least 20 minutes for a racing heart to settle
GUIDANCE = 20 * 60
#: the offers that say someone may be flooded (a rating at or past its ``pause_at``)
FLOODING_OFFERS = frozenset({"high_rating"})
#: what a screen says beside a break shorter than the guidance after signs of flooding
#: before going on, each may say how stirred up they still are, from 0 to 10; at this or
#: above (or at the ``pause_at`` of the rating that led to the break, when lower), the
#: screen suggests more time. It never keeps anyone from going on.
STIRRED_SCALE = (0, 10)
STIRRED_AT = 7
BELOW_GUIDANCE_TEXT = (
    "When feelings run this high, the body takes about 20 minutes to settle. "
    "A shorter break is fine; you can add time whenever you need it."
)


def _duration(seconds: int) -> str:
    return format_duration(seconds) if seconds > 0 else f"{seconds} seconds"


def check_seconds(seconds: object, what: str) -> int:
    """``seconds`` as a whole number of seconds, at least a minute; ``what`` names it in
    the message (a break, the time added)."""
    if isinstance(seconds, bool) or not isinstance(seconds, int):
        raise AnswerError(f"{what} is a whole number of seconds, not {seconds!r}")
    if seconds < MIN_BREAK:
        raise AnswerError(f"{what} is at least 1 minute, not {_duration(seconds)}")
    return seconds


def check_length(seconds: object) -> int:
    """A length a partner chose: whole seconds from 1 minute (a breathing pause) to 24 hours."""
    length = check_seconds(seconds, "a break")
    if length > MAX_BREAK:
        raise AnswerError(
            f"a break lasts at most 24 hours, not {_duration(length)}; after that, "
            "come back to the exercise together another day"
        )
    return length


def default_length(pause_length: int) -> int:
    """The exercise's ``pause.length``, brought within 1 minute to 24 hours (a file may
    say ``30s`` or ``7d``; taking a break must never fail because of it)."""
    return min(max(pause_length, MIN_BREAK), MAX_BREAK)


def stirred_at(pause_at: int | None) -> int:
    """The re-rating that suggests more time, given the ``pause_at`` (on a 0 to 10 scale) of
    the rating that led to the break, if one did."""
    return STIRRED_AT if pause_at is None else min(STIRRED_AT, pause_at)


def leading_pause_at(
    exercise: Exercise, events: Sequence[Event], offer: str | None
) -> int | None:
    """The ``pause_at`` of the rating behind a high-rating offer, when it is on the 0 to 10
    scale that a break's re-rating uses."""
    if offer != "high_rating":
        return None
    rated = next((e for e in reversed(events)
                  if e.kind == "answer_given" and e.data.get("stage") == "rate"), None)
    step = None if rated is None or rated.step is None else exercise.steps[rated.step]
    if isinstance(step, Rate) and step.scale == STIRRED_SCALE:
        return step.pause_at
    return None


def new_break(
    by: str, reason: str, length: int, offer: str | None, cues: bool, clock: Clock,
    pause_at: int | None = None,
) -> dict[str, Any]:
    """The JSON-ready record of a break starting now (``State.brk``)."""
    now = clock.now()
    return {"by": by, "reason": reason, "length": length, "ready": [], "started_at": now,
            "return_at": now + length, "extensions": [], "offer": offer, "cues": cues,
            "stirred_at": stirred_at(pause_at), "ratings": {}}


def rate(brk: dict[str, Any], partner: str, value: object) -> int:
    """Keep how stirred up ``partner`` still is; said again, the new number counts."""
    low, high = STIRRED_SCALE
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise AnswerError(f"say how stirred up you are with a whole number from {low} to "
                          f"{high}, not {value!r}")
    brk.setdefault("ratings", {})[partner] = value
    return value


def more_time_suggested(brk: dict[str, Any]) -> bool:
    bar = brk.get("stirred_at", STIRRED_AT)
    return any(value >= bar for value in brk.get("ratings", {}).values())


def return_at(brk: dict[str, Any]) -> float:
    # breaks saved before return times were kept end after their length
    return float(brk.get("return_at", brk["started_at"] + brk["length"]))


def total(brk: dict[str, Any]) -> float:
    """Seconds from the start of the break to the agreed return time."""
    return return_at(brk) - float(brk["started_at"])


def elapsed(brk: dict[str, Any], timer: Timer, clock: Clock) -> float:
    """How long the break has run: the longer of the monotonic timer and the wall clock."""
    return max(timer.elapsed(clock), clock.now() - float(brk["started_at"]), 0.0)


def remaining(brk: dict[str, Any], timer: Timer, clock: Clock) -> float:
    return max(total(brk) - elapsed(brk, timer, clock), 0.0)


def flooded(brk: dict[str, Any]) -> bool:
    """Whether the break followed a sign of flooding: a high rating, or matched cues."""
    return brk.get("offer") in FLOODING_OFFERS or bool(brk.get("cues"))


def extend(brk: dict[str, Any], timer: Timer, clock: Clock, seconds: object) -> int:
    """Add ``seconds`` to the time left, which counts from now once the time is up, and
    move the return time with it. Returns the seconds added."""
    added = check_seconds(seconds, "the time added")
    ran = elapsed(brk, timer, clock)
    new_total = max(total(brk), ran) + added
    if new_total > MAX_BREAK:
        if total(brk) >= MAX_BREAK or ran >= MAX_BREAK:
            raise AnswerError(
                "this break has reached 24 hours, the most a break lasts: come back "
                "together, and if it is still too soon, continue another day"
            )
        raise AnswerError(
            f"a break lasts at most 24 hours in all: adding {_duration(added)} would make "
            f"this one {format_duration(int(new_total))}"
        )
    brk["return_at"] = float(brk["started_at"]) + new_total
    brk.setdefault("extensions", []).append(added)
    return added


def view_fields(brk: dict[str, Any], timer: Timer, clock: Clock) -> dict[str, Any]:
    """What a break screen needs, as :class:`coach.engine.view.View` fields."""
    ran = elapsed(brk, timer, clock)
    planned = total(brk)
    return {
        "length": brk["length"],
        "remaining": max(planned - ran, 0.0),
        "ready": tuple(brk["ready"]),
        "break_by": brk["by"],
        "break_reason": brk["reason"],
        "break_started_at": float(brk["started_at"]),
        "return_at": return_at(brk),
        "extensions": tuple(brk.get("extensions", ())),
        "break_total": round(planned),
        "break_offer": brk.get("offer"),
        "break_cues": bool(brk.get("cues")),
        "below_guidance": flooded(brk) and planned < GUIDANCE,
        "time_up": ran >= planned,
        "confirm_early_end": planned >= GUIDANCE and ran < planned,
        "overtime": max(ran - planned, 0.0),
        # who has re-rated, never the number: each rates without seeing the other's
        "break_rated": tuple(sorted(brk.get("ratings", {}))),
        "stirred_at": brk.get("stirred_at", STIRRED_AT),
        "more_time_suggested": more_time_suggested(brk),
    }


def offered_to(
    offer: str, events: Sequence[Event], actor: str | None, speaker: str
) -> str:
    """The partner a break offer is about, who calls the break when it is taken with one
    key: the one who rated highest (the first of them on a tie) for a high rating, the
    speaker whose reflection did not land, else the partner answering now (the speaker
    when both answer)."""
    answers = [e for e in events if e.kind == "answer_given"]
    if offer == "high_rating" and answers and answers[-1].data.get("stage") == "rate":
        step = answers[-1].step
        rated = []
        for event in reversed(answers):  # the last rate step's answers, one or both
            if event.step != step or event.data.get("stage") != "rate":
                break
            rated.insert(0, event)
        return str(max(rated, key=lambda e: e.data.get("value", 0)).data["partner"])
    if offer == "not_confirmed":
        missed = next((e for e in reversed(answers)
                       if e.data.get("result") == "not_confirmed"), None)
        if missed is not None:
            return str(missed.data["partner"])
    return actor if actor in ("a", "b") else speaker
