"""`coach export`: sessions as Markdown for a counsellor, or JSON with every event."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from coach.cli import FAILED, OK

if TYPE_CHECKING:
    from coach.store import Store


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from coach.commands.records import add_session_argument

    parser = sub.add_parser(
        "export",
        help="export sessions as Markdown (for a counsellor) or JSON",
        description="Export one session, or all of them with --all: Markdown to bring to a "
        "counsellor, or JSON with every event. Written to standard output, or to FILE "
        "(readable by you alone) with --output.",
    )
    add_session_argument(parser, optional=True, all_help="every session, and the ledger")
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown",
                        help="markdown (default) or json")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE (mode 0600)")


def run(args: argparse.Namespace) -> int:
    from coach.commands.records import one_or_all

    return one_or_all("export", args, lambda store: _export(store, args))


def _export(store: Store | None, args: argparse.Namespace) -> int:
    from coach.commands.records import need, say
    from coach.store.export import export_json, markdown, records
    from coach.store.ledger import read_commitments

    if args.all:
        ids = [] if store is None else store.session_ids()
        ledger = [] if store is None else read_commitments(store)
    else:
        store, number = need(store, args.session)
        ids, ledger = [number], []
    chosen = [] if store is None else records(store, ids)
    chunks = (export_json if args.format == "json" else markdown)(chosen, ledger)
    if args.output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        return OK
    try:
        write_private(args.output, chunks)
    except OSError as exc:
        say("export", f"cannot write {args.output}: {exc.strerror or exc}")
        return FAILED
    print(f"wrote {args.output} (readable by you alone)")
    return OK


def write_private(path: str, chunks: Iterable[str]) -> None:
    """Create or replace ``path`` as 0600 before a word goes in."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        for chunk in chunks:
            handle.write(chunk)
