"""`coach rehearse FILE|ID`: walk an exercise in plain text, answers read line by line.

Authors use it to try their branches quickly; it also works with a screen
reader (plain lines, no colour, no boxes). With answers piped in it is fully
deterministic: the clock is a fake one that only moves past pauses, and
``first_speaker: random`` draws from a seeded generator.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from coach.cli import FAILED, OK, add_session_arguments


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "rehearse",
        help="walk an exercise in plain text, reading answers from standard input",
        description="Walk an exercise one step at a time in plain text. Answers are read line "
        "by line from standard input: an option's number or words, a number for a scale, "
        "text for notes, an empty line to go on. /undo takes back the last answer, "
        "/pause a|b [reason] takes a break, /help lists the commands. Pauses are not waited "
        "out unless --real-time is given. The transcript is printed at the end. Exit 1 if "
        "the input ends before the exercise does.",
    )
    add_session_arguments(
        parser, "Partner A", "Partner B",
        "who speaks first (instead of asking, or of what the file says)",
    )
    parser.add_argument(
        "--real-time",
        action="store_true",
        help="use the real clock: wait out pauses that cannot be cut short, and offer a "
        "break when a step runs past its time limit while you type",
    )
    parser.add_argument(
        "--seed", type=int, default=0, help="seed for first_speaker: random (default 0)"
    )


def run(args: argparse.Namespace) -> int:
    import random
    import time

    from coach.commands.rehearse_text import Rehearsal, TimedLines
    from coach.engine import (
        FakeClock,
        InMemoryLedger,
        NamesError,
        Session,
        SystemClock,
        needs_core_vocabulary,
    )
    from coach.format.loader import LoadResult
    from coach.library import resolve

    found = resolve(args.exercise, [Path(d) for d in args.exercises])
    if found is None:
        print(
            f'coach rehearse: no exercise file or id "{args.exercise}" '
            "(`coach list` shows the ids)",
            file=sys.stderr,
        )
        return FAILED
    result = found if isinstance(found, LoadResult) else found.result
    for problem in result.problems:
        print(problem, file=sys.stderr)
    exercise = result.exercise
    if exercise is None:
        print(f"coach rehearse: {result.file} cannot be used until it is fixed", file=sys.stderr)
        return FAILED

    core: list[str] = []
    if needs_core_vocabulary(exercise):
        from coach.resources import emotion_words

        core = emotion_words()
    clock = SystemClock() if args.real_time else FakeClock(wall=1_704_067_200.0)  # 2024-01-01
    try:
        session = Session.start(
            exercise,
            a=args.a,
            b=args.b,
            clock=clock,
            ledger=InMemoryLedger(),
            first=args.first,
            rng=random.Random(args.seed),
            core_vocabulary=core,
        )
    except NamesError as exc:
        print(f"coach rehearse: --a and --b: {exc.message}", file=sys.stderr)
        return FAILED
    _replace_unencodable(sys.stdout)
    lines = input_lines(sys.stdin)
    rehearsal = Rehearsal(
        session,
        # in real time a step can run past its time limit while the line is awaited
        lines=TimedLines(lines) if args.real_time else lines,
        out=sys.stdout,
        echo=not _is_tty(sys.stdin),
        sleep=time.sleep if args.real_time else None,
    )
    code = rehearsal.run()
    if rehearsal.problem:
        print(f"coach rehearse: {rehearsal.problem}", file=sys.stderr)
    return OK if code == 0 else FAILED


def input_lines(stream: object) -> Iterator[str]:
    """Standard input line by line, decoded as UTF-8 whatever the locale says: bytes that
    are not UTF-8 become U+FFFD instead of an error. A closed stdin (None) has no lines."""
    if stream is None:
        return iter(())
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text stream without bytes underneath (tests give a StringIO)
        return iter(stream)  # type: ignore[call-overload, no-any-return]
    return (raw.decode("utf-8", errors="replace") for raw in buffer)


def _replace_unencodable(stream: object) -> None:
    """A terminal that cannot show a character (an ASCII one, a name like Zoë) gets "?"
    in its place rather than a traceback halfway through the walk."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")


def _is_tty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False
