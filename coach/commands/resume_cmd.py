"""`coach resume [SESSION]`: go back into an unfinished session where it stopped."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from coach.cli import FAILED, add_exercises_option, add_no_save_option

if TYPE_CHECKING:
    from coach.store import Store


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from coach.commands.records import add_session_argument

    parser = sub.add_parser(
        "resume",
        help="resume an unfinished session (the latest one by default)",
        description="Open an unfinished session again at the step where it stopped, with "
        "the note that was being typed. Without SESSION, the latest unfinished one. With "
        "--no-save, what happens from there is kept nowhere and the session stays as it "
        "was saved.",
    )
    add_session_argument(parser, optional=True)
    add_exercises_option(parser)
    # its own words: the session is kept, as it was saved
    add_no_save_option(
        parser, command=True,
        help="go on writing nothing: the session stays as it was saved, to resume later",
    )


def run(args: argparse.Namespace) -> int:
    from coach.commands.records import need, say, with_records
    from coach.settings import PRIVATE_NO_RESUME, load_settings
    from coach.store import NothingToResume, SessionLocked, find_resumable

    if load_settings().settings.private:  # refused before the records file is even opened
        say("resume", PRIVATE_NO_RESUME)
        return FAILED

    def resume(store: Store | None) -> int:
        number = None if args.session is None else need(store, args.session)[1]
        try:
            found = find_resumable(store, number)
        except (NothingToResume, SessionLocked) as exc:
            say("resume", exc.message)
            return FAILED
        from pathlib import Path

        from coach.cli import resume_in_app

        return resume_in_app(found.id, [Path(d) for d in args.exercises],
                             no_save=args.no_save)

    return with_records("resume", resume)
