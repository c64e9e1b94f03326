"""`coach validate PATH...`: check exercise files and say exactly where each problem is."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from coach.cli import FAILED, OK, USAGE, print_json

if TYPE_CHECKING:  # the format package is imported only once the command runs
    from coach.format.problems import Problem


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "validate",
        help="check exercise files or folders",
        description="Check exercise files (or every *.yaml / *.yml under a folder) against the "
        "exercise format. One line per problem, FILE:LINE:COLUMN: error|warning: MESSAGE, "
        "with the source line and a caret under it, then a summary. Exit 0 when nothing is an "
        "error, 1 when something is, 2 for a bad command line.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="exercise files or folders")
    parser.add_argument("--strict", action="store_true", help="warnings fail too")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default) or json: a JSON array of problems for editors and CI",
    )


def run(args: argparse.Namespace) -> int:
    from coach.format.loader import load_file
    from coach.library import Entry, exercise_files, mark_duplicate_ids

    groups: list[list[Path]] = []
    for raw in args.paths:
        path = Path(raw)
        if path.is_dir():
            files = exercise_files(path)
            if not files:
                print(
                    f"coach validate: no exercise files (*.yaml, *.yml) in {raw}", file=sys.stderr
                )
                return USAGE
            groups.append(files)
        elif path.is_file():
            groups.append([path])
        else:
            print(f"coach validate: no such file or folder: {raw}", file=sys.stderr)
            return USAGE

    problems: list[Problem] = []
    checked = 0
    for files in groups:
        entries = [Entry(p, "folder", load_file(p), p.parent) for p in files]
        # a folder is one place: the same id twice in it is an error on both files
        if len(entries) > 1:
            entries = mark_duplicate_ids(entries)
        for entry in entries:
            checked += 1
            problems.extend(entry.result.problems)

    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if args.format == "json":
        print_json([p.as_dict() for p in problems])
    else:
        print_report(problems, checked)
    failed = errors > 0 or (args.strict and warnings > 0)
    return FAILED if failed else OK


def print_report(problems: list[Problem], checked: int) -> None:
    """Each problem with its source line, then the summary (also `coach run`'s refusal)."""
    sources: dict[str, list[str] | None] = {}
    for problem in problems:
        print(problem)
        excerpt = source_excerpt(problem, sources)
        if excerpt:
            print(excerpt)
    errors = sum(p.is_error for p in problems)
    print(summary(checked, errors, len(problems) - errors))


def summary(checked: int, errors: int, warnings: int) -> str:
    files = f"{checked} file{'s' if checked != 1 else ''} checked"
    if not errors and not warnings:
        return f"{files}: no problems"
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"{files}: {', '.join(parts)}"


def source_excerpt(problem: Problem, cache: dict[str, list[str] | None]) -> str | None:
    """The offending line with a caret under the column, as compilers show it."""
    if problem.rule in {"too-large", "not-utf8", "unreadable", "empty", "duplicate-exercise-id"}:
        return None
    if problem.file not in cache:
        try:
            cache[problem.file] = Path(problem.file).read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            cache[problem.file] = None
    lines = cache[problem.file]
    if not lines or not 1 <= problem.line <= len(lines):
        return None
    text = lines[problem.line - 1]
    # keep tabs in the caret line so it lines up under tabbed text
    pad = "".join(ch if ch == "\t" else " " for ch in text[: max(problem.column - 1, 0)])
    gutter = f"{problem.line:>5} | "
    return f"{gutter}{text}\n{' ' * (len(gutter) - 2)}| {pad}^"
