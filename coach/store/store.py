"""The records of one couple: people, sessions and their events, drafts, ratings.

One :class:`Store` holds one connection. Every write is one short ``BEGIN
IMMEDIATE`` transaction, so two coach processes on one folder take turns
instead of corrupting anything; every SQLite or disk error leaves as a
:class:`StoreError` with a message for the partners.
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import threading
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.engine.events import Event
from coach.store import db
from coach.store.errors import NoSuchSession, StoreError, from_sqlite

#: what the history screen shows at once
PAGE = 50


@dataclass(frozen=True)
class Person:
    id: int
    name: str


@dataclass(frozen=True)
class SessionSummary:
    """One line of the history: what a session was, who sat, how long, how it ended."""

    id: int
    exercise: str
    title: str
    name_a: str
    name_b: str
    started_at: float
    updated_at: float
    ended_at: float | None
    end_reason: str | None
    breaks: int

    @property
    def finished(self) -> bool:
        return self.ended_at is not None

    @property
    def length(self) -> float:
        return max((self.ended_at or self.updated_at) - self.started_at, 0.0)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "exercise": self.exercise, "title": self.title,
            "people": [self.name_a, self.name_b], "started_at": self.started_at,
            "updated_at": self.updated_at, "ended_at": self.ended_at,
            "length": self.length, "breaks": self.breaks, "finished": self.finished,
            "end_reason": self.end_reason,
        }


@dataclass(frozen=True)
class Draft:
    """A note being typed, as it was at the last pause in typing."""

    step: int | None
    stage: str
    text: str
    saved_at: float


_SUMMARY = """
SELECT s.id, s.exercise, s.title, pa.name, pb.name, s.started_at, s.updated_at, s.ended_at,
       s.end_reason, s.breaks
FROM sessions s JOIN people pa ON pa.id = s.person_a JOIN people pb ON pb.id = s.person_b
"""


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def pack_state(state: Mapping[str, Any]) -> bytes:
    """A session's saved state, compressed: its undo snapshots repeat the vocabulary and
    most variables, so it shrinks about tenfold, and each answer writes a page, not six."""
    return zlib.compress(_json(state).encode("utf-8"), 1)


def unpack_state(value: bytes | str) -> dict[str, Any]:
    if isinstance(value, bytes):
        value = zlib.decompress(value).decode("utf-8")
    return dict(json.loads(value))


class Store:
    """Open with :meth:`open`; close when done. Safe to share between threads."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self._mutex = threading.RLock()

    @classmethod
    def open(
        cls, path: Path | None = None, *, create: bool = True, timeout: float = 2.0
    ) -> Store | None:
        """The records at ``path`` (the data folder's by default); None when the file
        does not exist and ``create`` is false. Raises :class:`StoreError`."""
        path = path or db.default_path()
        conn = db.connect(path, create=create, timeout=timeout)
        return None if conn is None else cls(path, conn)

    def close(self) -> None:
        with self._mutex:
            db.close(self.conn)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions --------------------------------------------------------------------

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once so two processes queue rather than deadlock."""
        with self._mutex, self.errors():
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                raise
        db.make_private(self.path)

    @contextlib.contextmanager
    def errors(self) -> Iterator[None]:
        with self._mutex:
            try:
                yield
            except (sqlite3.Error, OSError) as exc:
                raise from_sqlite(exc, self.path) from exc

    def query(
        self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
    ) -> list[tuple[Any, ...]]:
        with self.errors():
            return self.conn.execute(sql, params).fetchall()

    # --- people --------------------------------------------------------------------------

    def people(self) -> list[Person]:
        return [Person(*row) for row in self.query("SELECT id, name FROM people ORDER BY id")]

    def person_id(self, name: str) -> int | None:
        """The person of that name (case and spacing aside), or None."""
        key = name.strip().casefold()
        for person in self.people():
            if person.name.strip().casefold() == key:
                return person.id
        return None

    def ensure_person(self, conn: sqlite3.Connection, name: str, now: float) -> int:
        """Inside a write: the person of that name, added the first time they sit down."""
        found = self.person_id(name)
        if found is not None:
            return found
        cur = conn.execute("INSERT INTO people (name, created_at) VALUES (?, ?)",
                           (name.strip(), now))
        return int(cur.lastrowid or 0)

    def rename_person(self, person_id: int, name: str) -> None:
        if not name.strip():
            raise ValueError("a name cannot be empty")
        with self.write() as conn:
            cur = conn.execute("UPDATE people SET name = ? WHERE id = ?", (name.strip(), person_id))
            if cur.rowcount == 0:
                raise StoreError(f"there is no person {person_id} in {self.path}")

    # --- writing a session ---------------------------------------------------------------

    def insert_session(
        self, conn: sqlite3.Connection, exercise: str, title: str, names: Mapping[str, str],
        at: float,
    ) -> tuple[int, dict[str, int]]:
        """Inside a write: a new session row (and its people, the first time they sit
        down); its id and the person id of each side."""
        people = {side: self.ensure_person(conn, names[side], at) for side in ("a", "b")}
        cur = conn.execute(
            "INSERT INTO sessions (exercise, title, person_a, person_b, started_at, "
            "updated_at, state) VALUES (?, ?, ?, ?, ?, ?, '{}')",
            (exercise, title, people["a"], people["b"], at, at),
        )
        return int(cur.lastrowid or 0), people

    def append(
        self, session_id: int, people: Mapping[str, int], events: Sequence[Event],
        state: Mapping[str, Any], at: float,
    ) -> None:
        """The new events and the state after them, in one transaction."""
        with self.write() as conn:
            self.append_in(conn, session_id, people, events, state, at)

    def append_in(
        self, conn: sqlite3.Connection, session_id: int, people: Mapping[str, int],
        events: Sequence[Event], state: Mapping[str, Any], at: float,
    ) -> None:
        conn.executemany(
            "INSERT INTO events (session_id, seq, kind, at, round, step, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(session_id, e.seq, e.kind, e.at, e.round, e.step, _json(dict(e.data)))
             for e in events],
        )
        breaks = sum(1 for e in events if e.kind == "break_taken")
        ended = next((e for e in events if e.kind == "session_ended"), None)
        updated = max([at, *(e.at for e in events)])
        conn.execute(
            "UPDATE sessions SET state = ?, updated_at = max(updated_at, ?), "
            "breaks = breaks + ?, ended_at = coalesce(ended_at, ?), "
            "end_reason = coalesce(end_reason, ?) WHERE id = ?",
            (pack_state(state), updated, breaks, ended.at if ended else None,
             ended.data.get("reason") if ended else None, session_id),
        )
        self._ratings(conn, session_id, people, events)
        if any(e.kind in ("answer_given", "answer_undone") for e in events):
            # the note being typed was sent (or the step changed): the draft is done with
            conn.execute("DELETE FROM drafts WHERE session_id = ?", (session_id,))

    def _ratings(
        self, conn: sqlite3.Connection, session_id: int, people: Mapping[str, int],
        events: Sequence[Event],
    ) -> None:
        shown: dict[int | None, str] = {}
        for e in events:
            if e.kind == "step_shown":
                shown[e.step] = e.data.get("text", "")
            elif e.kind == "answer_undone":
                conn.execute("DELETE FROM ratings WHERE session_id = ? AND seq >= ?",
                             (session_id, e.data["undone"]))
            elif e.kind == "answer_given" and e.data.get("stage") == "rate":
                question = shown.get(e.step)
                if question is None:
                    row = conn.execute(
                        "SELECT data FROM events WHERE session_id = ? AND kind = 'step_shown' "
                        "AND step IS ? ORDER BY seq DESC LIMIT 1", (session_id, e.step),
                    ).fetchone()
                    question = json.loads(row[0]).get("text", "") if row else ""
                conn.execute(
                    "INSERT INTO ratings (session_id, person_id, seq, step, question, value, at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (session_id, people.get(e.data.get("partner", "")), e.seq, e.step,
                     question, e.data.get("value"), e.at),
                )

    def mark_finished(self, session_id: int, at: float, reason: str = "stopped") -> None:
        """The couple chose to stop here for good: it is no longer offered for resuming."""
        with self.write() as conn:
            conn.execute(
                "UPDATE sessions SET ended_at = coalesce(ended_at, ?), "
                "end_reason = coalesce(end_reason, ?) WHERE id = ?", (at, reason, session_id))
            conn.execute("DELETE FROM drafts WHERE session_id = ?", (session_id,))

    def save_draft(self, session_id: int, step: int | None, stage: str, text: str,
                   at: float) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT INTO drafts (session_id, step, stage, text, saved_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET "
                "step = excluded.step, stage = excluded.stage, text = excluded.text, "
                "saved_at = excluded.saved_at",
                (session_id, step, stage, text, at),
            )

    # --- reading -------------------------------------------------------------------------

    def history(
        self, limit: int = PAGE, offset: int = 0, *, exercise: str | None = None,
        text: str | None = None,
    ) -> list[SessionSummary]:
        """Sessions newest first; ``text`` matches the title, a name or anything said."""
        where: list[str] = []
        params: dict[str, Any] = {"limit": limit, "offset": offset}
        if exercise:
            where.append("s.exercise = :exercise")
            params["exercise"] = exercise
        if text:
            params["like"] = "%" + re.sub(r"([\\%_])", r"\\\1", text) + "%"
            where.append(
                "(s.title LIKE :like ESCAPE '\\' OR pa.name LIKE :like ESCAPE '\\' "
                "OR pb.name LIKE :like ESCAPE '\\' OR EXISTS (SELECT 1 FROM events e "
                "WHERE e.session_id = s.id AND e.data LIKE :like ESCAPE '\\'))"
            )
        sql = _SUMMARY + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY s.started_at DESC, s.id DESC LIMIT :limit OFFSET :offset"
        return [SessionSummary(*row) for row in self.query(sql, params)]

    def count(self) -> int:
        return int(self.query("SELECT count(*) FROM sessions")[0][0])

    def summary(self, session_id: int) -> SessionSummary:
        rows = self.query(_SUMMARY + " WHERE s.id = ?", (session_id,))
        if not rows:
            raise self._no_session(session_id)
        return SessionSummary(*rows[0])

    def _no_session(self, session_id: int) -> NoSuchSession:
        return NoSuchSession(f"There is no session {session_id} in {self.path}.")

    def latest_unfinished(self) -> SessionSummary | None:
        rows = self.query(_SUMMARY + " WHERE s.ended_at IS NULL "
                          "ORDER BY s.updated_at DESC, s.id DESC LIMIT 1")
        return SessionSummary(*rows[0]) if rows else None

    def events(self, session_id: int) -> list[Event]:
        rows = self.query(
            "SELECT seq, kind, at, round, step, data FROM events WHERE session_id = ? "
            "ORDER BY seq", (session_id,))
        return [Event.from_json({"seq": seq, "kind": kind, "at": at, "round": rnd, "step": step,
                                 "data": json.loads(data)})
                for seq, kind, at, rnd, step, data in rows]

    def state(self, session_id: int) -> dict[str, Any]:
        """What :meth:`Session.from_json` takes: the saved state with its events put back."""
        rows = self.query("SELECT state FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise self._no_session(session_id)
        state = unpack_state(rows[0][0])
        events = [e.to_json() for e in self.events(session_id)]
        state["events"], state["taken"] = events, len(events)
        return state

    def people_of(self, session_id: int) -> dict[str, int]:
        rows = self.query("SELECT person_a, person_b FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise self._no_session(session_id)
        return {"a": rows[0][0], "b": rows[0][1]}

    def draft(self, session_id: int) -> Draft | None:
        rows = self.query("SELECT step, stage, text, saved_at FROM drafts WHERE session_id = ?",
                          (session_id,))
        return Draft(*rows[0]) if rows else None

    def ratings(self, session_id: int) -> list[dict[str, Any]]:
        rows = self.query(
            "SELECT p.name, r.question, r.value, r.at, r.step FROM ratings r "
            "LEFT JOIN people p ON p.id = r.person_id WHERE r.session_id = ? ORDER BY r.seq",
            (session_id,))
        return [{"name": n, "question": q, "value": v, "at": at, "step": s}
                for n, q, v, at, s in rows]

    def session_ids(self) -> list[int]:
        return [row[0] for row in self.query("SELECT id FROM sessions ORDER BY started_at, id")]

    # --- forgetting ----------------------------------------------------------------------

    def forget(self, session_ids: Iterable[int] | None) -> bool:
        """Delete sessions (None: everything, people too) and compact the file so the
        deleted text is in neither the database nor its WAL. False when another coach
        process kept the WAL from being emptied (it is, once that process closes)."""
        with self.write() as conn:
            if session_ids is None:
                for table in ("reviews", "commitments", "ratings", "drafts", "events",
                              "sessions", "people"):
                    conn.execute(f"DELETE FROM {table}")
            else:
                conn.executemany("DELETE FROM sessions WHERE id = ?",
                                 [(i,) for i in session_ids])
        return self.compact()

    def compact(self) -> bool:
        with self.errors():
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.conn.execute("VACUUM")
            busy = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        db.make_private(self.path)
        return not busy
