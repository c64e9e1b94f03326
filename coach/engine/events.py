"""Everything that happens in a session, as plain JSON-ready records.

A storage layer persists these; :mod:`coach.engine.transcript` rebuilds the
transcript from them alone, which is the test that they carry enough.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

EventKind = Literal[
    "session_started",   # exercise, title, names, rounds
    "check_answered",    # no longer emitted: nothing of the private check is recorded
    "first_speaker",     # partner, name, how: given / fixed / random / asked
    "round_started",     # speaker, name
    "step_shown",        # action, who, actor, text, speaker, listener
    "step_skipped",      # action, condition
    "step_passed",       # action, text: reached but with nothing to ask (an empty review)
    "floor_passed",      # speaker, name (a swap step)
    "jumped",            # target (a goto step)
    "answer_given",      # stage, partner, name, answer, summary, and what it decided
    "answer_undone",     # undone: the seq of the answer taken back
    "break_offered",     # reason
    "break_taken",       # by, name, reason, length, return_at (wall), offer, cues
    "break_extended",    # by, name (None when not known), added, return_at, total
    "break_rated",       # partner, name, value (0 to 10), more_time: whether it is suggested
    "break_ready",       # partner, name
    "break_ended",       # lasted (seconds), early: before the return time
    "commitment_made",   # id, partner, name, text, due_at
    "commitment_reviewed",  # id, outcome, note
    "session_ended",     # reason: completed / end_step / not_ready / stuck; text; error
]


@dataclass(frozen=True)
class Event:
    seq: int
    kind: EventKind
    #: wall time, seconds since the epoch
    at: float
    round: int
    #: the step's index in the exercise, or None before the first step
    step: int | None
    data: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq, "kind": self.kind, "at": self.at, "round": self.round,
            "step": self.step, "data": dict(self.data),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Event:
        return cls(
            data["seq"], data["kind"], data["at"], data["round"], data["step"],
            MappingProxyType(dict(data["data"])),
        )
