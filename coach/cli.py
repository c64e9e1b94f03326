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
from types import ModuleType

from coach import __version__

COMMANDS = (
    "validate", "list", "schema", "new", "rehearse",
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        _command(name).add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return run_app()
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


def run_app() -> int:
    print(
        "The coach app itself is still being built.\n"
        "Meanwhile: `coach list` shows the exercises, `coach rehearse ID` walks one in plain "
        "text, and `coach --help` lists every command."
    )
    return OK


def resume_in_app(session_id: int) -> int:
    """Open unfinished session ``session_id`` in the app (``coach resume``).

    The app replaces this: it loads the exercise the session names, calls
    ``coach.store.open_resumed`` and shows the session's screen.
    """
    print(
        f"Session {session_id} can be resumed, but the app that opens it is still being "
        f"built, so it cannot be opened yet. Nothing was changed; `coach show {session_id}` "
        "prints it so far."
    )
    return FAILED
