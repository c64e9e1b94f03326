"""`coach list`: the exercise library, with where each exercise comes from."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from coach.cli import OK, USAGE, add_exercises_option, missing_folder, print_json

if TYPE_CHECKING:
    from coach.library import Placed, StageGroup


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "list",
        help="list the exercises: built-in, your own, and --exercises folders",
        description="List the exercise library: the built-ins, your own exercise folder and "
        "each --exercises folder (a folder beats your own, which beats the built-ins), in the "
        "order of the suggested path (path.yaml), stage by stage, then the rest. Files "
        "that do not load are listed with their first problem.",
    )
    add_exercises_option(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON array")


def run(args: argparse.Namespace) -> int:
    from coach.library import path_problems, scan, stage_groups
    from coach.paths import user_exercises_dir

    folders = [Path(d) for d in args.exercises]
    if missing_folder(args.exercises, "coach list"):
        return USAGE
    from coach.commands.schema_cmd import keep_schema_current

    # the user's folder gets a current schema, so the files there keep their completion
    keep_schema_current("list")
    library = scan(folders)
    groups = stage_groups(library)
    placed: list[Placed] = [p for group in groups for p in group.items]
    for problem in path_problems(library):
        print(problem, file=sys.stderr)
    if args.json:
        rows = []
        for place in placed:
            entry = place.entry
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
                    "stage": place.stage,
                    "position": place.position,
                    "why": place.why,
                    "replaces": [
                        {"source": old.source, "path": str(old.path)}
                        for new, old in library.replaced
                        if new is entry
                    ],
                }
            )
        print_json(rows)
        return OK

    if not placed:
        print("No exercises found.")
    width = max((len(p.entry.id) for p in placed), default=2)
    for index, group in enumerate(groups):
        if group.title is not None or index > 0:  # no heading when nothing is on the path
            print(_heading(group, first=index == 0))
        for place in group.items:
            _print_entry(place, width)
    for new, old in library.replaced:
        print(
            f'\n"{new.id}" from {new.source} ({new.path}) '
            f"replaces the {old.source} one ({old.path})"
        )
    print(f"\nYour own exercises go in {user_exercises_dir()} "
          "(with a current exercise.schema.json for editors)")
    return OK


def _heading(group: StageGroup, first: bool) -> str:
    if group.title is None:
        return "\nNot on the path"
    about = f": {group.about}" if group.about else ""
    lead = "Start here, and take the stages in order.\n\n" if first else "\n"
    return f"{lead}{group.number}. {group.title}{about}"


def _print_entry(place: Placed, width: int) -> None:
    entry, ex = place.entry, place.entry.exercise
    if ex is None:
        problem = entry.first_problem
        print(f"{entry.id:<{width}}  ✗ does not load ({entry.source}: {entry.path})")
        if problem:
            print(f"{'':<{width}}    {problem}")
        return
    minutes = f"{ex.minutes} min" if ex.minutes else "—"
    tags = ", ".join(ex.tags)
    print(f"{entry.id:<{width}}  {ex.title}  ·  {minutes}  ·  {entry.source}")
    details = [ex.summary]
    if tags:
        details.append(f"tags: {tags}")
    print(f"{'':<{width}}    {'  ·  '.join(details)}")
    if place.why:
        print(f"{'':<{width}}    why here: {place.why}")
