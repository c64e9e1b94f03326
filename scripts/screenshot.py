"""Make docs/screenshot.svg: the README's picture of an exercise in progress.

Runs the real app headless at 80x24 on "Your first reflection", with a fake
clock and temporary folders, walks it to the share step with a note being
typed, and saves the screen as SVG. Run:
``python scripts/screenshot.py [OUT]``.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


async def shoot(out: Path) -> None:
    from coach.engine import FakeClock, InMemoryLedger
    from coach.library import resolve
    from coach.settings import Settings
    from coach.ui.app import CoachApp, RunRequest

    entry = resolve("first-reflection")
    assert entry is not None and not isinstance(entry, type(None))
    exercise = entry.exercise  # type: ignore[union-attr]
    app = CoachApp(
        clock=FakeClock(wall=1_764_000_000.0),
        ledger=InMemoryLedger(),
        settings=Settings(reduced_motion=True),
        run=RunRequest(exercise, a="Sam", b="Alex", first="a"),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # welcome
        await pilot.press("4", "enter", "2", "enter")  # how stirred up: Sam, then Alex
        await pilot.pause()
        await pilot.press(*"came home at nine and nobody had kept dinner")  # a note
        for box in app.screen.query("Input, TextArea"):
            box.cursor_blink = False  # type: ignore[attr-defined]
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot(filename=out.name, path=str(out.parent))


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.svg"
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["COACH_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["COACH_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["TEXTUAL_ANIMATIONS"] = "none"
        asyncio.run(shoot(out.resolve()))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
