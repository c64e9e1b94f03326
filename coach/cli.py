"""The `coach` command: the app, and the commands authors use.

Nothing here imports Textual: `validate`, `list`, `schema`, `new` and
`rehearse` start fast and work with no terminal UI at all. Each command lives
in ``coach/commands/NAME.py`` with ``add_parser(subparsers)`` and
``run(args) -> int``; heavy imports happen inside ``run``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from coach import __version__

if TYPE_CHECKING:
    from coach.ui.app import RunRequest

COMMANDS = (
    "run", "validate", "list", "schema", "new", "rehearse",
    "history", "show", "export", "forget", "resume",
)

#: exit codes
OK, FAILED, USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad command line exits 2 with a one-line hint and no traceback."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="coach",
        description="Guided listening exercises for two partners rebuilding trust. "
        "Run without a command to start the app.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    add_exercises_option(parser)
    add_no_save_option(parser)
    add_private_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        _command(name).add_parser(sub)
    return parser


def add_exercises_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--exercises",
        action="append",
        default=[],
        metavar="DIR",
        help="also read exercises from DIR (may be given more than once)",
    )


def add_session_arguments(
    parser: argparse.ArgumentParser, a: str | None, b: str | None, first_help: str
) -> None:
    """FILE|ID, --a NAME, --b NAME and --first a|b: what `run` and `rehearse` start from."""
    parser.add_argument("exercise", metavar="FILE|ID", help="an exercise file, or an exercise id")
    parser.add_argument(
        "--a", metavar="NAME", default=a,
        help="partner a's name (not the same as b's, ignoring case)",
    )
    parser.add_argument("--b", metavar="NAME", default=b, help="partner b's name")
    parser.add_argument("--first", choices=("a", "b"), help=first_help)
    add_exercises_option(parser)


def add_no_save_option(
    parser: argparse.ArgumentParser, *, command: bool = False,
    help: str = "write nothing at all: the session is not kept and cannot be resumed",
) -> None:
    """``--no-save``; ``command`` for a command's own copy of it, which must not undo the
    one given before the command (argparse lets a subparser's default overwrite it)."""
    parser.add_argument(
        "--no-save",
        action="store_true",
        default=argparse.SUPPRESS if command else False,
        help=help,
    )


def add_private_option(parser: argparse.ArgumentParser, *, command: bool = False) -> None:
    """``--private``, for a shared computer (see :func:`add_no_save_option` for ``command``)."""
    parser.add_argument(
        "--private",
        action="store_true",
        default=argparse.SUPPRESS if command else False,
        help="for a shared computer: nothing is written at all (no session, no names, no "
        "settings, no cache), and there is no resume or history",
    )


def print_json(value: object) -> None:
    """What ``--json`` / ``--format json`` prints: indented, non-ASCII kept, one final newline."""
    import json

    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def missing_folder(folders: Sequence[str], command: str) -> bool:
    """Say so (on stderr) when one of the --exercises folders does not exist."""
    for folder in folders:
        if not Path(folder).is_dir():
            print(f"{command}: no such folder: {folder}", file=sys.stderr)
            return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:  # bare `coach`: straight to the app, without building every command's parser
        return run_app()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        if missing_folder(args.exercises, "coach"):
            return USAGE
        return run_app([Path(d) for d in args.exercises], no_save=args.no_save,
                       private=args.private)
    if args.private and args.command != "run":
        # resume, history, forget...: the records a private run keeps away from; list, new...:
        # nothing to keep private (refused rather than silently ignored)
        print(f"coach: --private is for the app itself (`coach --private`, `coach run ... "
              f"--private`), not for `coach {args.command}`", file=sys.stderr)
        return USAGE
    try:
        return int(_command(args.command).run(args))
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return OK


def _command(name: str) -> ModuleType:
    """``coach/commands/NAME_cmd.py``: light at import, heavy work inside ``run``."""
    return importlib.import_module(f"coach.commands.{name.replace('-', '_')}_cmd")


def run_app(
    exercise_dirs: Sequence[Path] = (), run: RunRequest | None = None, *,
    no_save: bool = False, resume: int | None = None, private: bool = False,
) -> int:
    """Open the app (Textual is imported only here). The first-run notice shows until it
    is acknowledged; not over a resumed session, which only follows a run that showed it."""
    from coach.ui.app import CoachApp

    app = CoachApp(exercise_dirs=exercise_dirs, run=run, no_save=no_save, resume=resume,
                   private=private, first_run=resume is None)
    app.run()
    app.keep_session()  # however it ended, nothing typed is left unwritten
    return app.return_code or OK


def resume_in_app(
    session_id: int, exercise_dirs: Sequence[Path] = (), *, no_save: bool = False
) -> int:
    """Open unfinished session ``session_id`` in the app (``coach resume``), at the step
    and stage it stopped at, with the note that was being typed; ``no_save``: from there
    on nothing is written, and the session stays as it was saved."""
    return run_app(exercise_dirs, resume=session_id, no_save=no_save)
