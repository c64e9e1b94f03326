"""`coach list`: the exercise library, with where each exercise comes from."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coach.cli import OK, USAGE, add_exercises_option, missing_folder


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "list",
        help="list the exercises: built-in, your own, and --exercises folders",
        description="List the exercise library: the built-ins, your own exercise folder and "
        "each --exercises folder (a folder beats your own, which beats the built-ins). Files "
        "that do not load are listed with their first problem.",
    )
    add_exercises_option(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON array")


def run(args: argparse.Namespace) -> int:
    from coach.library import scan
    from coach.paths import user_exercises_dir

    folders = [Path(d) for d in args.exercises]
    if missing_folder(args.exercises, "coach list"):
        return USAGE
    library = scan(folders)
    entries = library.all()
    if args.json:
        rows = []
        for entry in entries:
            ex = entry.exercise
            problem = entry.first_problem
            rows.append(
                {
                    "id": entry.id,
                    "title": ex.title if ex else None,
                    "summary": ex.summary if ex else None,
                    "minutes": ex.minutes if ex else None,
                    "tags": list(ex.tags) if ex else [],
                    "source": entry.source,
                    "path": str(entry.path),
                    "valid": ex is not None,
                    "problem": str(problem) if problem else None,
                    "replaces": [
                        {"source": old.source, "path": str(old.path)}
                        for new, old in library.replaced
                        if new is entry
                    ],
                }
            )
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return OK

    if not entries:
        print("No exercises found.")
    width = max((len(e.id) for e in entries), default=2)
    for entry in entries:
        ex = entry.exercise
        if ex is None:
            problem = entry.first_problem
            print(f"{entry.id:<{width}}  ✗ does not load ({entry.source}: {entry.path})")
            if problem:
                print(f"{'':<{width}}    {problem}")
            continue
        minutes = f"{ex.minutes} min" if ex.minutes else "—"
        tags = ", ".join(ex.tags)
        print(f"{entry.id:<{width}}  {ex.title}  ·  {minutes}  ·  {entry.source}")
        details = [ex.summary]
        if tags:
            details.append(f"tags: {tags}")
        print(f"{'':<{width}}    {'  ·  '.join(details)}")
    for new, old in library.replaced:
        print(
            f'\n"{new.id}" from {new.source} ({new.path}) '
            f"replaces the {old.source} one ({old.path})"
        )
    print(f"\nYour own exercises go in {user_exercises_dir()}")
    return OK
