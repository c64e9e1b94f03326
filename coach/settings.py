"""The app's settings: what the couple chose, kept in the config folder. No Textual.

Loading and saving (with located messages for a file that does not read) live
here too, so the UI never parses a file itself. The file is JSON: the standard
library reads it in well under a millisecond, and the app needs the theme before
its first screen appears, so nothing slower may sit on that path.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach import paths

SETTINGS_FILE = "settings.json"

#: the breathing guides a break can show (coach.format.model.BREATHING; a test keeps
#: the two equal; it is repeated so that reading settings never imports the format)
BREATHING = ("box", "4-7-8", "calm", "none")
#: the shortest and longest default break the settings accept, in seconds
BREAK_RANGE = (60, 120 * 60)

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class Settings:
    #: a Textual theme name (light or dark)
    theme: str = "textual-dark"
    #: each partner's colour, used wherever their name appears
    colour_a: str = "#5fafd7"
    colour_b: str = "#d7875f"
    #: no moving shapes: phase words only, no animation
    reduced_motion: bool = False
    #: the break length offered first, in seconds, and the breathing pattern
    break_seconds: int = 20 * 60
    breathing: str = "box"
    #: escalation nudges: a gentle line when a typed note matches a heated cue (danger
    #: cues are shown whatever this says)
    nudges: bool = False
    #: whose support lines the resources screen shows: an ISO code (GB), "" for the
    #: general advice only, None to follow the locale
    country: str | None = None
    #: a shared computer: sessions kept in memory only, names not remembered, no history
    private: bool = False


@dataclass(frozen=True)
class SettingsLoad:
    """The settings to use, and what was wrong with the file (as ``file:line:col: message``)."""

    settings: Settings
    problems: tuple[str, ...] = ()


def settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE


#: why a private coach opens no past session: the app's line and `coach resume`'s
PRIVATE_NO_RESUME = (
    "coach is private on this computer: sessions are not kept, so none is opened again. "
    "Turn off \"private\" in the settings (s) to resume one."
)


def load_settings(path: Path | None = None, themes: set[str] | None = None) -> SettingsLoad:
    """The saved settings; the defaults for anything missing or wrong, never an exception.

    ``themes`` is the set of theme names the app knows; a theme outside it is refused.
    """
    path = settings_path() if path is None else path
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return SettingsLoad(Settings())
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else "not UTF-8"
        return SettingsLoad(Settings(), (f"{path}: cannot be read ({reason}); using the defaults",))
    return parse_settings(text, str(path), themes)


def parse_settings(text: str, file: str, themes: set[str] | None = None) -> SettingsLoad:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"{file}:{error.lineno}:{error.colno}: {error.msg}; using the defaults"
        return SettingsLoad(Settings(), (message,))
    if not isinstance(data, dict):
        message = f"{file}:1:1: expected an object {{...}}; using the defaults"
        return SettingsLoad(Settings(), (message,))
    values: dict[str, Any] = {}
    problems: list[str] = []
    known = {f.name: f for f in dataclasses.fields(Settings)}
    for key, value in data.items():
        where = _locate(text, key, file)
        if key not in known:
            problems.append(f"{where}: unknown setting {key!r}; ignored")
            continue
        refusal = _refusal(key, value, themes)
        if refusal:
            default = getattr(Settings(), key)
            problems.append(f"{where}: {key}: {refusal}; using {json.dumps(default)}")
            continue
        values[key] = value
    return SettingsLoad(Settings(**values), tuple(problems))


def _refusal(key: str, value: Any, themes: set[str] | None) -> str | None:
    """Why ``value`` cannot be the setting ``key``, or None when it can."""
    if key == "theme":
        if not isinstance(value, str):
            return "expected a theme name"
        if themes is not None and value not in themes:
            return f"no theme is called {value!r}"
    elif key in ("colour_a", "colour_b"):
        if not isinstance(value, str) or not _COLOUR.fullmatch(value):
            return "expected a colour like \"#5fafd7\""
    elif key in ("reduced_motion", "private", "nudges"):
        if not isinstance(value, bool):
            return "expected true or false"
    elif key == "break_seconds":
        low, high = BREAK_RANGE
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return f"expected a whole number of seconds from {low} to {high}"
    elif key == "breathing" and value not in BREATHING:
        return f"expected one of {', '.join(BREATHING)}"
    elif key == "country" and value not in (None, "") and (
        # only the shape: the resources screen reads a code it does not list as none
        # (checking the list here would import the data-file reader before the first screen)
        not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{2}", value)
    ):
        return 'expected a country code of two letters ("GB"), "" or null'
    return None


def _locate(text: str, key: str, file: str) -> str:
    """``file:line:col`` of the key in the JSON text (its first occurrence)."""
    match = re.search(re.escape(json.dumps(key)) + r"\s*:", text)
    if match is None:
        return f"{file}:1:1"
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    return f"{file}:{line}:{column}"


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings (owner-only), replacing the file in one step."""
    path = settings_path() if path is None else path
    paths.ensure_private_dir(path.parent)
    write_private(path, json.dumps(dataclasses.asdict(settings), indent=2) + "\n")


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by the owner only, through a temporary file."""
    temporary = path.with_name(f".{path.name}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)
