"""`coach schema`: the JSON Schema of exercise files, for editors.

A copy is kept current in the user's exercises folder (by ``coach new``, ``coach
list`` and ``coach schema --install``), so the schema line at the top of a file
keeps working once the file is moved there.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coach.cli import FAILED, OK

SCHEMA_NAME = "exercise.schema.json"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "schema",
        help="print the JSON Schema of exercise files",
        description="Print the JSON Schema (draft-07) of exercise files. Point "
        "yaml-language-server at it with a first line "
        f"`# yaml-language-server: $schema={SCHEMA_NAME}` for completion and hovers.",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--output", "-o", metavar="FILE", help="write the schema to FILE")
    where.add_argument(
        "--install",
        action="store_true",
        help=f"write a current {SCHEMA_NAME} into your own exercises folder (`coach new` "
        "and `coach list` keep it current too)",
    )


def schema_text() -> str:
    from coach.format.schema import exercise_schema

    return json.dumps(exercise_schema(), indent=2, ensure_ascii=False) + "\n"


def install_schema() -> tuple[Path, bool]:
    """Keep a current schema file in the user's exercises folder, creating the folder if
    need be: the path, and whether it was written (False: it was current already).
    Raises OSError when it cannot be written."""
    from coach.paths import ensure_private_dir, user_exercises_dir
    from coach.settings import write_private

    folder = ensure_private_dir(user_exercises_dir())
    path = folder / SCHEMA_NAME
    text = schema_text()
    try:
        if path.read_text(encoding="utf-8") == text:
            return path, False
    except (OSError, UnicodeDecodeError):
        pass  # missing or unreadable: written afresh below
    write_private(path, text)  # written beside, then moved over: never half a schema
    return path, True


def keep_schema_current(command: str) -> Path | None:
    """:func:`install_schema` for a command that does something else first: a failure is
    a one-line note on standard error, never the command's failure."""
    try:
        return install_schema()[0]
    except OSError as exc:
        print(f"coach {command}: could not keep {SCHEMA_NAME} in your exercises folder: "
              f"{exc.strerror or exc}", file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    if args.install:
        try:
            path, written = install_schema()
        except OSError as exc:
            print(f"coach schema: cannot write {exc.filename or SCHEMA_NAME}: "
                  f"{exc.strerror or exc}", file=sys.stderr)
            return FAILED
        print(f"wrote {path}" if written else f"{path} is up to date")
        return OK
    text = schema_text()
    if args.output is None:
        sys.stdout.write(text)
        return OK
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"coach schema: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return FAILED
    print(f"wrote {args.output}")
    return OK
