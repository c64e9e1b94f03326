"""Benchmark: the records with 10,000 sessions and 300,000 events.

Builds the database from real sessions (built-in exercises answered by a
script, so events and saved states have their true shape and size), then
times what the partners wait for:

* the history screen's first page (``Store.history``, 50 sessions);
* one transcript (``Store.events`` + ``transcript_lines``);
* one answer written: ``Recorder.record`` after each answer of real sessions run
  against the big database (the per-step cost in a session), at the 99th percentile;
* ``coach export --all`` (Markdown and JSON), as a whole process.

Prints each figure beside its goal. Run: ``python scripts/bench_store.py
[--sessions N] [--events-per-session M]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from coach.engine import (
    FakeClock,
    InMemoryLedger,
    Session,
    needs_core_vocabulary,
    transcript_lines,
)
from coach.format.model import Exercise
from coach.library import scan
from coach.resources import emotion_words
from coach.store import Store, open_recorder
from coach.store.db import DB_NAME
from coach.store.recorder import saved_state
from coach.store.store import pack_state
from tests.unit.builtin_support import cooperative  # the answers of the engine's tests

EXERCISES = ("small-progress", "first-reflection", "feeling-underneath", "weekly-check-in")
GOALS = {"history": 0.100, "transcript": 0.050, "answer": 0.005, "export": 10.0}
NOTE = ("When you came home late without calling, I felt unseen, and I kept thinking about "
        "the last time it happened and what it meant. I needed to hear from you.")


def start(exercise: Exercise, clock: FakeClock, ledger: Any, core: list[str]) -> Session:
    return Session.start(exercise, a="Ann", b="Ben", clock=clock, ledger=ledger, first="a",
                         core_vocabulary=core if needs_core_vocabulary(exercise) else ())


def play(session: Session, clock: FakeClock, rng: random.Random, each: Any = None) -> None:
    for _ in range(500):
        if session.ended:
            return
        clock.advance(rng.uniform(20, 120))
        session.answer(cooperative(session.view(), clock, NOTE))
        if each is not None:
            each(session)


def templates(exercises: dict[str, Exercise], core: list[str]) -> list[tuple[Exercise, Any, Any]]:
    """One finished session of each exercise: its events and its saved state."""
    out = []
    for exercise in exercises.values():
        clock = FakeClock()
        session = start(exercise, clock, InMemoryLedger(), core)
        play(session, clock, random.Random(1))
        out.append((exercise, [e.to_json() for e in session.events],
                    pack_state(saved_state(session))))
    return out


def build(path: Path, sessions: int, per_session: int, exercises: dict[str, Exercise],
          core: list[str]) -> None:
    store = Store.open(path)
    assert store is not None
    kinds = templates(exercises, core)
    rng = random.Random(7)
    wall = time.time() - sessions * 3 * 86400 / 7  # about three sessions a week
    with store, store.write() as conn:
        people = {n: store.ensure_person(conn, n, wall) for n in ("Ann", "Ben")}
        for n in range(sessions):
            exercise, events, state = kinds[n % len(kinds)]
            at = wall + n * 86400 * 7 / 3
            cur = conn.execute(
                "INSERT INTO sessions (exercise, title, person_a, person_b, started_at, "
                "updated_at, ended_at, end_reason, breaks, state) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 'completed', ?, ?)",
                (exercise.id, exercise.title, people["Ann"], people["Ben"], at,
                 at + 1800, at + 1800, rng.randrange(3), state))
            sid = cur.lastrowid
            rows = []
            for seq in range(per_session):
                e = events[seq % len(events)]
                data = dict(e["data"])
                if e["kind"] == "answer_undone":
                    data["undone"] = 1
                rows.append((sid, seq + 1, e["kind"], at + seq * 60, e["round"], e["step"],
                             json.dumps(data, ensure_ascii=False)))
            conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            if n % 5 == 0:
                cur = conn.execute(
                    "INSERT INTO commitments (session_id, person_id, together, name, text, "
                    "made_at, due_at, exercise) VALUES (?, ?, 0, 'Ann', ?, ?, ?, ?)",
                    (sid, people["Ann"], "Call if I will be late.", at, at + 7 * 86400,
                     exercise.id))
                if n < sessions - 50:  # all but the last few have been reviewed and closed
                    conn.execute(
                        "INSERT INTO reviews (commitment_id, session_id, outcome, note, at, "
                        "due_before, due_after) VALUES (?, ?, 'kept', 'mostly', ?, ?, ?)",
                        (cur.lastrowid, sid, at + 7 * 86400, at + 7 * 86400, at + 7 * 86400))


def time_history(path: Path) -> float:
    samples = []
    for _ in range(20):
        t0 = time.perf_counter()
        store = Store.open(path)
        assert store is not None
        with store:
            page = store.history()
        samples.append(time.perf_counter() - t0)
        assert len(page) == 50
    return statistics.median(samples)


def time_transcript(path: Path, sessions: int) -> float:
    rng = random.Random(3)
    samples = []
    store = Store.open(path)
    assert store is not None
    with store:
        for _ in range(50):
            t0 = time.perf_counter()
            lines = transcript_lines(store.events(rng.randint(1, sessions)))
            samples.append(time.perf_counter() - t0)
            assert lines
    return statistics.median(samples)


def time_answers(path: Path, exercises: dict[str, Exercise], core: list[str]) -> list[float]:
    samples: list[float] = []
    rng = random.Random(5)
    for round_ in range(12):
        for exercise in exercises.values():
            recorder = open_recorder(path=path)
            clock = FakeClock(wall=time.time() + round_ * 86400)
            session = start(exercise, clock, recorder.ledger("Ann", "Ben"), core)
            recorder.record(session)

            def record(s: Session, recorder: Any = recorder) -> None:
                t0 = time.perf_counter()
                recorder.record(s)
                samples.append(time.perf_counter() - t0)

            play(session, clock, rng, record)
            assert recorder.status.ok, recorder.status.message
            recorder.close()
    return samples


def time_export(folder: Path, fmt: str) -> float:
    out = folder / f"export.{fmt}"
    env = {**os.environ, "COACH_DATA_DIR": str(folder)}
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "coach", "export", "--all", "--format", fmt,
                    "--output", str(out)], env=env, check=True, capture_output=True)
    elapsed = time.perf_counter() - t0
    print(f"  export --all --format {fmt}: {out.stat().st_size / 2**20:.1f} MiB")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--events-per-session", type=int, default=30)
    args = parser.parse_args()
    library = scan()
    exercises = {}
    for name in EXERCISES:
        entry = library.get(name)
        assert entry is not None and entry.exercise is not None, name
        exercises[name] = entry.exercise
    core = emotion_words()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / DB_NAME
        t0 = time.perf_counter()
        build(path, args.sessions, args.events_per_session, exercises, core)
        events = args.sessions * args.events_per_session
        print(f"built {args.sessions:,} sessions, {events:,} events in "
              f"{time.perf_counter() - t0:.1f} s: {path.stat().st_size / 2**20:.0f} MiB")
        history = time_history(path)
        transcript = time_transcript(path, args.sessions)
        answers = time_answers(path, exercises, core)
        p99 = statistics.quantiles(answers, n=100)[98]
        export_md = time_export(folder, "markdown")
        export_json = time_export(folder, "json")
    rows = [
        ("history: first page (open + 50 rows), median", history, GOALS["history"]),
        ("one transcript (events + lines), median", transcript, GOALS["transcript"]),
        (f"one answer written, p99 of {len(answers)} (median "
         f"{statistics.median(answers) * 1000:.2f} ms)", p99, GOALS["answer"]),
        ("coach export --all --format markdown", export_md, GOALS["export"]),
        ("coach export --all --format json", export_json, GOALS["export"]),
    ]
    print("\n| what | measured | goal | |\n|---|---|---|---|")
    ok = True
    for what, value, goal in rows:
        met = value < goal
        ok = ok and met
        unit = (lambda v: f"{v * 1000:.1f} ms") if goal < 1 else (lambda v: f"{v:.2f} s")
        print(f"| {what} | {unit(value)} | < {unit(goal)} | {'met' if met else 'MISSED'} |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
