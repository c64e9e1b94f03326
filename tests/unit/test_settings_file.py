"""Settings on disk: defaults when missing, located messages and defaults when wrong."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from coach.format.model import BREATHING as FORMAT_BREATHING
from coach.settings import (
    BREATHING,
    Settings,
    load_settings,
    parse_settings,
    save_settings,
    settings_path,
)

THEMES = {"textual-dark", "textual-light"}


def test_no_file_means_the_defaults() -> None:
    assert load_settings(themes=THEMES).settings == Settings()
    assert load_settings().problems == ()


def test_saved_settings_come_back_and_the_file_is_private() -> None:
    chosen = Settings(theme="textual-light", colour_a="#00afaf", reduced_motion=True,
                      break_seconds=300, breathing="calm")
    save_settings(chosen)
    assert load_settings(themes=THEMES).settings == chosen
    assert stat.S_IMODE(os.stat(settings_path()).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(settings_path().parent).st_mode) == 0o700


def test_a_file_that_is_not_json_gives_a_located_message_and_the_defaults() -> None:
    loaded = parse_settings('{\n  "theme": "textual-light",\n  oops\n}', "s.json", THEMES)
    assert loaded.settings == Settings()
    (problem,) = loaded.problems
    assert problem.startswith("s.json:3:3: ") and "using the defaults" in problem


def test_a_file_that_is_not_an_object_is_refused() -> None:
    loaded = parse_settings("[1, 2]", "s.json")
    assert loaded.settings == Settings()
    assert loaded.problems == ("s.json:1:1: expected an object {...}; using the defaults",)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("theme", "no-such-theme", "no theme is called 'no-such-theme'"),
        ("theme", 3, "expected a theme name"),
        ("colour_a", "blue", 'expected a colour like "#5fafd7"'),
        ("colour_b", "#12345", 'expected a colour like "#5fafd7"'),
        ("reduced_motion", "yes", "expected true or false"),
        ("break_seconds", 10, "expected a whole number of seconds from 60 to 7200"),
        ("break_seconds", True, "expected a whole number of seconds"),
        ("breathing", "deep", "expected one of box, 4-7-8, calm, none"),
    ],
)
def test_a_wrong_value_is_named_where_it_stands_and_only_it_falls_back(
    key: str, value: object, message: str
) -> None:
    text = json.dumps({"break_seconds": 600, key: value}, indent=2)
    loaded = parse_settings(text, "s.json", THEMES)
    (problem,) = loaded.problems
    line = next(n for n, row in enumerate(text.splitlines(), 1) if f'"{key}"' in row)
    assert problem.startswith(f"s.json:{line}:3: {key}: {message}")
    assert getattr(loaded.settings, key) == getattr(Settings(), key)
    if key != "break_seconds":
        assert loaded.settings.break_seconds == 600


def test_an_unknown_setting_is_named_and_ignored() -> None:
    loaded = parse_settings('{"colour": "#ffffff"}', "s.json")
    assert loaded.problems == ("s.json:1:2: unknown setting 'colour'; ignored",)
    assert loaded.settings == Settings()


def test_an_unreadable_file_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b"\xff\xfe{")
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert "cannot be read" in loaded.problems[0]


def test_breathing_patterns_match_the_exercise_format() -> None:
    assert tuple(BREATHING) == tuple(FORMAT_BREATHING)
