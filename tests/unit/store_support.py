"""Helpers shared by the store tests: a recorded session, the data folder's files."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from coach.engine import Done, FakeClock, Number, Safe, Session
from coach.format.model import Exercise
from coach.paths import data_dir
from coach.store import Recorder, Store, open_recorder
from coach.store.db import DB_NAME
from tests.unit.engine_support import CORE, exercise

#: a private check, a note, a rating by both, a commitment, a break
STEPS = """
- share: {prompt: "{speaker}, say it", notes: optional}
- rate: {question: How stirred up are you?, save_as: stirred}
- commit: {prompt: "{speaker}, what will you do?", review_in: 7d}
- say: after
"""


def checked_exercise() -> Exercise:
    return exercise(STEPS, head="first_speaker: a\nprivate_check: true")


def db_path() -> Path:
    return data_dir() / DB_NAME


class Recorded:
    """A session of :func:`checked_exercise` with a recorder, recorded after each answer
    the way the app does."""

    def __init__(self, recorder: Recorder | None = None, clock: FakeClock | None = None,
                 ex: Exercise | None = None, a: str = "Ann", b: str = "Ben") -> None:
        self.clock = clock or FakeClock()
        self.recorder = recorder or open_recorder(timeout=0.05)
        self.session = Session.start(
            ex or checked_exercise(), a=a, b=b, clock=self.clock,
            ledger=self.recorder.ledger(a, b), core_vocabulary=CORE,
        )
        self.recorder.record(self.session)

    def answer(self, *answers: object) -> None:
        for answer in answers:
            self.clock.advance(5)
            self.session.answer(answer)  # type: ignore[arg-type]
            self.recorder.record(self.session)

    def through_check(self) -> Recorded:
        self.answer(Safe(True), Safe(True))
        return self

    def to_the_end(self, note: str = "I felt unseen") -> Recorded:
        """From the first step: a note, both ratings, a commitment, the last step."""
        from coach.engine import FreeText

        self.answer(Done(note), Number(4), Number(7), FreeText("call before late nights"),
                    Done())
        return self


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (for before/after comparisons)."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in tables}
    finally:
        conn.close()


def folder_files(folder: Path) -> dict[str, str]:
    """Each file under ``folder`` and a hash of its bytes."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def open_store() -> Store:
    store = Store.open(db_path(), create=False)
    assert store is not None
    return store
