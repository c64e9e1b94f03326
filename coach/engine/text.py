"""Filling in step text: variable values as the partners read them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from coach.format.durations import format_duration


def join_words(words: Sequence[str]) -> str:
    """["hurt"] -> "hurt"; ["hurt", "let down"] -> "hurt and let down";
    three or more -> "hurt, sad and let down"."""
    words = list(words)
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]


def value_text(value: object) -> str:
    if isinstance(value, list | tuple):
        return join_words([str(v) for v in value])
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


Lookup = Callable[[str], str | None]


def text_lookup(values: Callable[[str], object]) -> Lookup:
    """A template lookup over raw values: None stays None (shown as written)."""

    def lookup(name: str) -> str | None:
        value = values(name)
        return None if value is None else value_text(value)

    return lookup


def format_seconds(seconds: float) -> str:
    """A time left or taken, as a file writes durations: 45s, 1m30s, 20m."""
    # round up ("0s left" while time remains would confuse), but not for float noise
    return format_duration(int(seconds + 0.999))
