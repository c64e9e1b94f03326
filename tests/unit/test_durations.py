"""Durations: whole seconds or number-unit pairs with s, m, h, d."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.format.durations import DurationError, format_duration, parse_duration


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (90, 90),
        (1, 1),
        ("90", 90),
        ("90s", 90),
        ("5m", 300),
        ("1m30s", 90),
        ("2h", 7200),
        ("7d", 604_800),
        ("1d2h3m4s", 86_400 + 7200 + 180 + 4),
        ("90m", 5400),
        ("0m30s", 30),
        ("30s1m", 90),
        ("5", 5),
    ],
)
def test_good_durations(value: object, seconds: int) -> None:
    assert parse_duration(value) == seconds


@pytest.mark.parametrize(
    "value",
    [
        0,
        -5,
        "0",
        "0s",
        "0m0s",
        "",
        " ",
        "5 m",
        "1.5m",
        "5x",
        "m",
        "5mm",
        "1m1m",
        "-5m",
        "1w",
        "5M",
        "1:30",
        "five minutes",
        " 5m ",
        "5m\n",
        "²",
        "٥m",
        True,
        False,
        1.5,
        None,
        [5],
    ],
)
def test_bad_durations_are_refused(value: object) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(value)
    assert str(caught.value)


def test_bad_duration_message_shows_the_forms() -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration("5 minutes")
    message = str(caught.value)
    assert '"5 minutes"' in message
    for form in ("90", "90s", "5m", "1m30s"):
        assert form in message


def test_repeated_unit_is_named() -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration("1m2m")
    assert '"m"' in str(caught.value)


@pytest.mark.parametrize(
    ("seconds", "text"), [(90, "1m30s"), (604_800, "7d"), (1, "1s"), (3600, "1h"), (0, "0s")]
)
def test_format_duration(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text


@given(st.integers(min_value=1, max_value=10**8))
def test_format_then_parse_round_trips(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


@given(st.text(max_size=12))
def test_random_text_is_a_duration_or_a_duration_error(text: str) -> None:
    try:
        seconds = parse_duration(text)
    except DurationError:
        return
    assert seconds > 0
