"""Time as a parameter: deadlines use a monotonic clock, records use wall time.

The session never calls :mod:`time` itself, so tests move time by hand and
never sleep.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds on a clock that never goes back (for timers and deadlines)."""
        ...

    def now(self) -> float:
        """Wall time in seconds since the epoch (for what is recorded)."""
        ...


class SystemClock:
    """The real clocks."""

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> float:
        return time.time()


class FakeClock:
    """A clock that only moves when told to; both readings move together, unless a test
    says otherwise (:meth:`suspend`, :meth:`set_wall`). A restored session in a new
    process gets a new FakeClock: its monotonic reading means nothing to the old one."""

    def __init__(self, wall: float = 1_700_000_000.0, monotonic: float = 0.0) -> None:
        self._wall = wall
        self._monotonic = monotonic

    def monotonic(self) -> float:
        return self._monotonic

    def now(self) -> float:
        return self._wall

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock does not go back")
        self._monotonic += seconds
        self._wall += seconds

    def suspend(self, seconds: float) -> None:
        """The machine sleeps: wall time moves on, the monotonic clock stands still (as
        Linux's CLOCK_MONOTONIC, behind :func:`time.monotonic`, does)."""
        if seconds < 0:
            raise ValueError("a clock does not go back")
        self._wall += seconds

    def set_wall(self, wall: float) -> None:
        """Someone sets the wall clock (back, too); the monotonic clock does not notice."""
        self._wall = wall
