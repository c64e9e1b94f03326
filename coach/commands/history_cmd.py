"""`coach history`: the sessions recorded, newest first."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from coach.cli import OK, print_json

if TYPE_CHECKING:
    from coach.store import Store


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "history",
        help="list the sessions you have recorded, newest first",
        description="List the recorded sessions, newest first: the date, the exercise, the "
        "two of you, how long it took, the breaks taken, and whether it finished. "
        "`coach show N` prints one session's whole transcript.",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    parser.add_argument("--limit", type=int, metavar="N", help="only the newest N sessions")


def run(args: argparse.Namespace) -> int:
    from coach.commands.records import with_records

    return with_records("history", lambda store: _history(store, args))


def _history(store: Store | None, args: argparse.Namespace) -> int:
    from coach.engine.text import format_seconds
    from coach.store.export import when

    limit = args.limit if args.limit is not None else -1
    sessions = [] if store is None else store.history(limit=limit)
    if args.json:
        print_json([s.to_json() for s in sessions])
        return OK
    if not sessions:
        print("No sessions recorded yet.")
        return OK
    width = max(len(str(s.id)) for s in sessions)
    title = max(len(s.title) for s in sessions)
    for s in sessions:
        done = "finished" if s.finished else "unfinished"
        print(f"{s.id:>{width}}  {when(s.started_at)}  {s.title:<{title}}  "
              f"{s.name_a} and {s.name_b}  {format_seconds(s.length):>6}  "
              f"breaks {s.breaks}  {done}")
    return OK
