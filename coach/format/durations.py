"""Durations: whole seconds (``90``) or number-unit pairs (``1m30s``, ``7d``)."""

from __future__ import annotations

import re

UNITS = {"d": 86_400, "h": 3_600, "m": 60, "s": 1}
# ASCII digits only: \d also matches "²" and "٥", which int() refuses or misreads
_PAIR = re.compile(r"([0-9]+)([dhms])")
_WHOLE = re.compile(r"(?:[0-9]+[dhms])+")
_SECONDS = re.compile(r"[0-9]+")


class DurationError(ValueError):
    """A duration that cannot be read; the message says what is wrong."""


def parse_duration(value: object) -> int:
    """Return the duration in seconds, or raise :class:`DurationError`."""
    if isinstance(value, bool):
        raise DurationError(f"expected a duration such as 90, 90s or 5m, not {value}")
    if isinstance(value, int):
        if value <= 0:
            raise DurationError(f"a duration must be longer than zero, not {value}")
        return value
    if not isinstance(value, str):
        raise DurationError("expected a duration such as 90, 90s or 5m")
    text = value
    if _SECONDS.fullmatch(text):
        seconds = int(text)
    else:
        if not _WHOLE.fullmatch(text):
            raise DurationError(
                f'"{value}" is not a duration: write whole seconds (90) or number-unit '
                "pairs with units s, m, h, d (90s, 5m, 1m30s, 7d)"
            )
        seen: set[str] = set()
        seconds = 0
        for number, unit in _PAIR.findall(text):
            if unit in seen:
                raise DurationError(f'"{value}" gives the unit "{unit}" twice')
            seen.add(unit)
            seconds += int(number) * UNITS[unit]
    if seconds <= 0:
        raise DurationError(f'a duration must be longer than zero, not "{value}"')
    return seconds


def format_duration(seconds: int) -> str:
    """The shortest unit form of ``seconds``: 90 -> "1m30s", 604800 -> "7d"."""
    if seconds <= 0:
        return "0s"
    out = []
    for unit, size in UNITS.items():
        count, seconds = divmod(seconds, size)
        if count:
            out.append(f"{count}{unit}")
    return "".join(out)
