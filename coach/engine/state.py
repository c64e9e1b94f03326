"""The session's mutable state, and its JSON form.

Timers hold monotonic readings, which mean nothing to another process, so in
JSON a timer is the time it has run so far and whether it is running; loading
it starts it again from there.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from coach.engine.clock import Clock

STATE_VERSION = 1


@dataclass
class Timer:
    before: float = 0.0
    #: the monotonic reading when it was last started; None while stopped
    since: float | None = None

    @classmethod
    def started(cls, clock: Clock) -> Timer:
        return cls(0.0, clock.monotonic())

    def elapsed(self, clock: Clock) -> float:
        running = 0.0 if self.since is None else max(clock.monotonic() - self.since, 0.0)
        return self.before + running

    def stop(self, clock: Clock) -> None:
        self.before = self.elapsed(clock)
        self.since = None

    def resume(self, clock: Clock) -> None:
        if self.since is None:
            self.since = clock.monotonic()

    def to_json(self, clock: Clock) -> dict[str, Any]:
        return {"elapsed": self.elapsed(clock), "running": self.since is not None}

    @classmethod
    def from_json(cls, data: dict[str, Any], clock: Clock) -> Timer:
        return cls(float(data["elapsed"]), clock.monotonic() if data["running"] else None)


@dataclass
class State:
    names: dict[str, str]
    #: private_check, first_speaker, step or ended
    phase: str
    #: the partner who opens odd rounds; None until decided
    first: str | None = None
    speaker: str = "a"
    round: int = 1
    index: int = 0
    tries: int = 0
    vars: dict[str, Any] = field(default_factory=dict)
    #: the most recently confirmed emotion words, whatever their save_as
    last_emotion: list[str] | None = None
    #: the current step's own progress (stage, turn, answers so far); JSON values only
    sub: dict[str, Any] = field(default_factory=dict)
    step_timer: Timer = field(default_factory=Timer)
    #: why a break is offered now (time_limit, not_confirmed, high_rating); cleared by the
    #: next answer. An answer sets it for where the session goes next, which makes the offer
    #: (a break_offered event) unless that is a pause step
    offer: str | None = None
    #: whether the current step's time-limit offer has been made (it is made once per step)
    time_offered: bool = False
    #: what steps passed without an answer said (a review with nothing due); cleared likewise
    notices: list[str] = field(default_factory=list)
    #: a break taken from a step: by, reason, length, ready, started_at and return_at (wall
    #: time), extensions, offer, cues, stirred_at, ratings (see coach.engine.breaks)
    brk: dict[str, Any] | None = None
    break_timer: Timer = field(default_factory=Timer)
    #: private_check progress: pos, and whether anyone said no (never who)
    check: dict[str, Any] | None = None
    #: reason, text, error
    ended: dict[str, Any] | None = None
    #: the words of vocabulary: core, kept so a restored session needs no data files
    core: list[str] = field(default_factory=list)

    @property
    def listener(self) -> str:
        return "b" if self.speaker == "a" else "a"

    def to_json(self, clock: Clock) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "names": dict(self.names),
            "phase": self.phase,
            "first": self.first,
            "speaker": self.speaker,
            "round": self.round,
            "index": self.index,
            "tries": self.tries,
            "vars": copy.deepcopy(self.vars),
            "last_emotion": None if self.last_emotion is None else list(self.last_emotion),
            "sub": copy.deepcopy(self.sub),
            "step_timer": self.step_timer.to_json(clock),
            "offer": self.offer,
            "time_offered": self.time_offered,
            "notices": list(self.notices),
            "break": copy.deepcopy(self.brk),
            "break_timer": self.break_timer.to_json(clock),
            "check": copy.deepcopy(self.check),
            "ended": copy.deepcopy(self.ended),
            "core": list(self.core),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], clock: Clock) -> State:
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"unknown session state version {data.get('version')!r}")
        return cls(
            names=dict(data["names"]),
            phase=data["phase"],
            first=data["first"],
            speaker=data["speaker"],
            round=int(data["round"]),
            index=int(data["index"]),
            tries=int(data["tries"]),
            vars=copy.deepcopy(data["vars"]),
            last_emotion=None if data["last_emotion"] is None else list(data["last_emotion"]),
            sub=copy.deepcopy(data["sub"]),
            step_timer=Timer.from_json(data["step_timer"], clock),
            offer=data["offer"],
            time_offered=bool(data.get("time_offered", False)),
            notices=list(data.get("notices", [])),
            brk=copy.deepcopy(data["break"]),
            break_timer=Timer.from_json(data["break_timer"], clock),
            check=copy.deepcopy(data["check"]),
            ended=copy.deepcopy(data["ended"]),
            core=list(data["core"]),
        )
