"""`coach resume [SESSION]`: go back into an unfinished session where it stopped."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from coach.cli import FAILED, add_exercises_option

if TYPE_CHECKING:
    from coach.store import Store


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from coach.commands.records import add_session_argument

    parser = sub.add_parser(
        "resume",
        help="resume an unfinished session (the latest one by default)",
        description="Open an unfinished session again at the step where it stopped, with "
        "the note that was being typed. Without SESSION, the latest unfinished one.",
    )
    add_session_argument(parser, optional=True)
    add_exercises_option(parser)


def run(args: argparse.Namespace) -> int:
    from coach.commands.records import need, say, session_id, with_records
    from coach.store import NothingToResume, SessionLocked, find_resumable

    def resume(store: Store | None) -> int:
        number = None if args.session is None else session_id(args.session)
        if number is not None and store is None:
            need(store, args.session)  # says there is no such session
        try:
            found = find_resumable(store, number)
        except (NothingToResume, SessionLocked) as exc:
            say("resume", exc.message)
            return FAILED
        from pathlib import Path

        from coach.cli import resume_in_app

        return resume_in_app(found.id, [Path(d) for d in args.exercises])

    return with_records("resume", resume)
