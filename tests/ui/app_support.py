"""Helpers for tests of the whole app: a CoachApp with a fake clock, and waiting for the library."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList

from coach.engine import FakeClock, InMemoryLedger
from coach.settings import Settings
from coach.ui.app import CoachApp, RunRequest
from coach.ui.screens.library import LibraryScreen

MARKUP_NAMES = ("[bold]", "[/", "[link=x]", "[@click=app.quit]", "\\[", "$x", "🙂")


def make_app(
    dirs: Sequence[Path] = (), *, run: RunRequest | None = None, settings: Settings | None = None
) -> CoachApp:
    app = CoachApp(
        exercise_dirs=dirs,
        clock=FakeClock(),
        ledger=InMemoryLedger(),
        settings=settings or Settings(reduced_motion=True),
        run=run,
    )
    return app


async def library_loaded(app: CoachApp, pilot: Pilot[None]) -> LibraryScreen:
    """The library screen once its worker has read the files and the list is filled."""
    screen = app.screen_stack[0]
    assert isinstance(screen, LibraryScreen)
    for _ in range(200):  # bounded: a library that never loads fails the test
        await app.workers.wait_for_complete()
        await pilot.pause()
        if screen.loaded and screen._markdown_ready:
            return screen
    raise AssertionError("the library never finished loading")


def listed(screen: LibraryScreen) -> list[str]:
    """The option prompts of the list, as plain text, headings included."""
    option_list = screen.query_one("#list", OptionList)
    return [
        str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)
    ]


def write_exercise(folder: Path, stem: str, title: str, **extra: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    head = "".join(f"{key}: {value}\n" for key, value in extra.items())
    path = folder / f"{stem}.yaml"
    quoted = json.dumps(title, ensure_ascii=False)
    text = f"title: {quoted}\nsummary: A summary of {stem}\n{head}steps:\n  - say: Hello {{a}}.\n"
    path.write_text(text, "utf-8")
    return path
