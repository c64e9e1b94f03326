"""`coach forget`: delete sessions for good, leaving no trace of their words on disk."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from coach.cli import FAILED, OK

if TYPE_CHECKING:
    from coach.store import Store


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from coach.commands.records import add_session_argument

    parser = sub.add_parser(
        "forget",
        help="delete a recorded session (or all of them) for good",
        description="Delete one session, or everything with --all (the sessions, their "
        "commitments and reviews, ratings, and the names). The deleted words are "
        "overwritten and the file compacted, so they are left neither in the database nor "
        "in its log. Asks first; --yes does not ask.",
    )
    add_session_argument(parser, optional=True, all_help="forget everything")
    parser.add_argument("--yes", "-y", action="store_true", help="do not ask first")


def run(args: argparse.Namespace) -> int:
    from coach.commands.records import one_or_all

    return one_or_all("forget", args, lambda store: _forget(store, args))


def _ask(question: str) -> bool:
    print(f"{question} [y/N] ", end="", flush=True)
    answer = sys.stdin.readline()
    if not answer:
        print()
    return answer.strip().lower() in ("y", "yes")


def _forget(store: Store | None, args: argparse.Namespace) -> int:
    from coach.commands.records import need, say
    from coach.store.export import header_lines
    from coach.store.lock import LOCKED, is_locked, remove_stale

    if args.all:
        if store is None:
            print("Nothing is recorded; there is nothing to forget.")
            return OK
        ids = store.session_ids()
        question = (f"Forget all {len(ids)} sessions, every commitment and both names? "
                    "This cannot be undone.")
    else:
        store, number = need(store, args.session)
        ids = [number]
        question = f"Forget {header_lines(store.summary(number))[0]}? This cannot be undone."
    folder = store.path.parent
    if any(is_locked(folder, i) for i in ids):
        say("forget", f"{LOCKED} Nothing was forgotten.")
        return FAILED
    if not args.yes and not _ask(question):
        print("Nothing was forgotten.")
        return FAILED
    clean = store.forget(None if args.all else ids)
    remove_stale(folder, ids)
    print("Forgotten." if len(ids) == 1 else f"Forgotten: {len(ids)} sessions.")
    if not clean:
        print("Another coach window has the records open: the deleted words are cleared "
              "from the log once it closes.")
    return OK
