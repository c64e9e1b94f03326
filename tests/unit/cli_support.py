"""Running `coach` in-process for the CLI tests."""

from __future__ import annotations

import pytest

from coach.cli import main

GOOD = "title: Good one\nsummary: It works.\nsteps:\n  - say: hi\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``coach ARGV...`` (argparse's exits included)."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err
