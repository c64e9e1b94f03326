"""`coach show SESSION`: one session's whole transcript, with notes, ratings and breaks."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from coach.cli import OK, print_json

if TYPE_CHECKING:
    from coach.store import Store


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from coach.commands.records import add_session_argument

    parser = sub.add_parser(
        "show",
        help="print one recorded session: its whole transcript",
        description="Print a recorded session: who, when, how long, its whole transcript "
        "with the notes, ratings and breaks, and the commitments made in it.",
    )
    add_session_argument(parser, optional=False)
    parser.add_argument("--json", action="store_true", help="print JSON, with every event")


def run(args: argparse.Namespace) -> int:
    from coach.commands.records import need, with_records
    from coach.store.export import records, text_lines

    def show(store: Store | None) -> int:
        found, number = need(store, args.session)
        record = next(records(found, [number]))
        if args.json:
            print_json(record.to_json())
        else:
            print("\n".join(text_lines(record)))
        return OK

    return with_records("show", show)
