"""What the record commands share: opening the records, reading a session id,
and refusing bad input with one line that names the file (exit 2)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from coach.cli import FAILED, USAGE

if TYPE_CHECKING:
    from coach.store import Store


def add_session_argument(
    parser: argparse.ArgumentParser, *, optional: bool, all_help: str | None = None
) -> None:
    """SESSION (a number from `coach history`), and ``--all`` when ``all_help`` says what
    it takes in."""
    parser.add_argument("session", metavar="SESSION", nargs="?" if optional else None,
                        help="the session's number (coach history)")
    if all_help is not None:
        parser.add_argument("--all", action="store_true", help=all_help)


def one_or_all(prog: str, args: argparse.Namespace, body: Callable[[Store | None], int]) -> int:
    """Run ``body`` on the records when exactly one of SESSION and --all was given."""
    if (args.session is None) == (not args.all):
        say(prog, "name one session, or give --all")
        return USAGE
    return with_records(prog, body)


def say(prog: str, message: str) -> None:
    print(f"coach {prog}: {message}", file=sys.stderr)


def with_records(prog: str, body: Callable[[Store | None], int]) -> int:
    """Open the records (None when nothing is saved yet) and run ``body``; every store
    failure becomes one line. A bad database (damaged, newer, not coach's) or a
    session that does not exist exits 2 with the file untouched; others exit 1."""
    from coach.store import BadDatabase, NoSuchSession, StoreError
    from coach.store.resume import open_store

    try:
        store = open_store()
    except StoreError as exc:
        say(prog, exc.message)
        return USAGE if isinstance(exc, BadDatabase) else FAILED
    try:
        return body(store)
    except (BadDatabase, NoSuchSession) as exc:
        say(prog, exc.message)
        return USAGE
    except StoreError as exc:
        say(prog, exc.message)
        return FAILED
    finally:
        if store is not None:
            store.close()


def session_id(text: str) -> int:
    """The number ``coach history`` shows; raises NoSuchSession for anything else."""
    from coach.store import NoSuchSession
    from coach.store.db import default_path

    value = text.strip().lstrip("#")
    if not value.isdigit():
        raise NoSuchSession(f"There is no session {text!r} in {default_path()}: a session is "
                            "named by its number, as `coach history` shows it.")
    return int(value)


def need(store: Store | None, text: str) -> tuple[Store, int]:
    """The records and the id of an existing session, or NoSuchSession."""
    from coach.store import NoSuchSession
    from coach.store.db import default_path

    number = session_id(text)
    if store is None:
        raise NoSuchSession(f"There is no session {number} in {default_path()}: "
                            "nothing has been saved yet.")
    store.summary(number)
    return store, number
