"""`coach schema`: the JSON Schema of exercise files, for editors."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coach.cli import FAILED, OK


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "schema",
        help="print the JSON Schema of exercise files",
        description="Print the JSON Schema (draft-07) of exercise files. Point "
        "yaml-language-server at it with a first line "
        "`# yaml-language-server: $schema=exercise.schema.json` for completion and hovers.",
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write the schema to FILE")


def schema_text() -> str:
    from coach.format.schema import exercise_schema

    return json.dumps(exercise_schema(), indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace) -> int:
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
