"""The two partners' names: which pairs are refused, and remembering the last pair.

The last names used are kept in the data folder (owner-only) so the set-up
screen can offer them next time. No Textual here; a file that does not read
simply means no names are remembered.
"""

from __future__ import annotations

import json
from pathlib import Path

from coach import paths
from coach.settings import write_private

NAMES_FILE = "names.json"
#: a name must fit the banner beside the other partner's
MAX_NAME = 40


def names_path() -> Path:
    return paths.data_dir() / NAMES_FILE


def refusals(a: str, b: str) -> tuple[str | None, str | None]:
    """Why partner A's and partner B's names cannot be used (None for a good name).

    Each name alone: not empty, not too long for the banner. The pair is the
    engine's to judge (:func:`coach.engine.check_names`, what ``Session.start``
    refuses), and its message is given as it is, so the set-up and the session
    never disagree about which names can start one.
    """
    alone = _alone(a), _alone(b)
    if alone != (None, None):
        return alone
    return None, _together(a, b)


def _alone(name: str) -> str | None:
    if not name.strip():
        return "Type a name: any name you like."
    if len(name.strip()) > MAX_NAME:
        return f"At most {MAX_NAME} characters, please."
    return None


def _together(a: str, b: str) -> str | None:
    from coach.engine import NamesError, check_names  # the format, the engine: only here

    try:
        check_names(a, b)
    except NamesError as error:
        # the engine's message begins in lower case, to follow "--a and --b: " on a command
        # line; beside a field it is a sentence of its own
        return error.message[:1].upper() + error.message[1:] + "."
    return None


def last_names() -> tuple[str, str]:
    """The names used last time, or two empty names."""
    try:
        data = json.loads(names_path().read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return "", ""
    if not isinstance(data, dict):
        return "", ""
    a, b = data.get("a", ""), data.get("b", "")
    return (a if isinstance(a, str) else ""), (b if isinstance(b, str) else "")


def remember_names(a: str, b: str) -> None:
    """Keep the names for next time (owner-only file in a 0700 folder)."""
    path = names_path()
    paths.ensure_private_dir(path.parent)
    write_private(path, json.dumps({"a": a.strip(), "b": b.strip()}, ensure_ascii=False) + "\n")
