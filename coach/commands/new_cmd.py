"""`coach new PATH`: a commented starter exercise that validates cleanly."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from coach.cli import FAILED, OK
from coach.commands.schema_cmd import SCHEMA_NAME, keep_schema_current, schema_text


def template_path() -> Path:
    return Path(__file__).resolve().parent.parent / "templates" / "new-exercise.yaml"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "new",
        help="write a commented starter exercise",
        description="Write a commented starter exercise to PATH (it validates as it is). "
        f"Its first line points yaml-language-server at {SCHEMA_NAME}; when that file is "
        "not beside it yet, it is written too, so editors offer completion at once; and a "
        "current copy is kept in your own exercises folder, for when the file moves there. "
        "An existing exercise file is never overwritten.",
    )
    parser.add_argument("path", metavar="PATH", help="the new file, e.g. my-exercise.yaml")


def run(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if path.suffix.lower() not in (".yaml", ".yml"):
        print(f"coach new: {args.path}: an exercise file ends in .yaml or .yml", file=sys.stderr)
        return FAILED
    if not path.parent.is_dir():
        print(f"coach new: the folder {path.parent} does not exist", file=sys.stderr)
        return FAILED
    try:
        # "x" refuses to replace a file, even one created a moment ago by someone else
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        print(f"coach new: {args.path} already exists; it was left as it is", file=sys.stderr)
        return FAILED
    except OSError as exc:
        print(f"coach new: cannot create {args.path}: {exc.strerror or exc}", file=sys.stderr)
        return FAILED
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(template_path().read_text(encoding="utf-8"))
    print(f"wrote {args.path}")
    schema = path.parent / SCHEMA_NAME
    if not schema.exists():
        try:
            schema.write_text(schema_text(), encoding="utf-8")
            print(f"wrote {schema} (for completion in editors)")
        except OSError as exc:
            print(f"coach new: could not write {schema}: {exc.strerror or exc}", file=sys.stderr)
    # the file may well move into the user's folder: the schema line must work there too
    kept = keep_schema_current("new")
    if kept is not None and kept.resolve() != schema.resolve():
        print(f"{kept} is current too, for files in your own exercises folder")
    print(f"Next: edit it, then `coach validate {args.path}` and `coach rehearse {args.path}`.")
    return OK
