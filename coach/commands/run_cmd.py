"""`coach run FILE|ID`: open the app straight into one exercise.

Authors test their own files with it many times a day: a file with errors
prints its problems exactly as `coach validate` does and exits 1 without
opening the app. With both names given, the app opens on the first step.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.cli import (
    FAILED,
    USAGE,
    add_no_save_option,
    add_private_option,
    add_session_arguments,
    missing_folder,
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "run",
        help="open the app on one exercise (its set-up, or its first step with --a and --b)",
        description="Open the app on one exercise file or id. With --a and --b the first step "
        "opens at once; otherwise the set-up asks for the names. A file with errors prints its "
        "problems as `coach validate` does and exits 1.",
    )
    add_session_arguments(parser, None, None, "who speaks first (instead of asking)")
    add_no_save_option(parser, command=True)
    add_private_option(parser, command=True)


def run(args: argparse.Namespace) -> int:
    from coach.commands.validate_cmd import print_report
    from coach.library import SUFFIXES, scan
    from coach.partner_names import refusals

    if missing_folder(args.exercises, "coach run"):
        return USAGE
    dirs = [Path(d) for d in args.exercises]
    path = Path(args.exercise)
    if path.is_file() or path.suffix.lower() in SUFFIXES:
        if not path.is_file():
            print(f"coach run: no such file: {args.exercise}", file=sys.stderr)
            return FAILED
        from coach.format.loader import load_file

        result = load_file(path)
    else:
        library = scan(dirs)
        entry = library.get(args.exercise) or next(
            (e for e in library.invalid if e.id == args.exercise), None
        )
        if entry is None:
            print(
                f'coach run: no exercise file or id "{args.exercise}" (`coach list` shows the ids)',
                file=sys.stderr,
            )
            return FAILED
        result = entry.result
    if result.exercise is None or result.errors:
        print_report(list(result.problems), 1)
        return FAILED
    a, b = args.a, args.b
    if a is not None and b is not None:
        refused = [r for r in refusals(a, b) if r]
        if refused:
            print(f"coach run: --a and --b: {refused[0]}", file=sys.stderr)
            return USAGE

    from coach.cli import run_app
    from coach.ui.app import RunRequest

    return run_app(dirs, RunRequest(result.exercise, a=a or "", b=b or "", first=args.first),
                   no_save=args.no_save, private=args.private)
