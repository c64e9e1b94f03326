"""Opening the records file: private permissions, WAL, checks, then migrations.

Nothing is written to a file before it has been checked: a damaged file, a
file that is not coach's, or one from a newer coach is refused with a
:class:`BadDatabase` and left byte for byte as it was.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from coach.paths import ensure_private_dir
from coach.store.errors import StoreError, damaged, from_sqlite, newer
from coach.store.schema import APPLICATION_ID, MIGRATIONS, VERSION

DB_NAME = "records.sqlite3"
#: the SQLite files of one database: itself, its write-ahead log and shared memory
SUFFIXES = ("", "-wal", "-shm")
HEADER = b"SQLite format 3\x00"
PRIVATE_FILE = 0o600


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """Files SQLite creates meanwhile (the database, -wal, -shm) are the owner's only."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def make_private(path: Path) -> None:
    """chmod 0600 the database and whichever of its -wal and -shm exist now."""
    for suffix in SUFFIXES:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(f"{path}{suffix}", PRIVATE_FILE)


def _private_folder(folder: Path) -> None:
    """Create the data folder 0700; one that exists loses what group and others may do
    (and keeps what its owner may not: a folder made read-only stays read-only)."""
    if not folder.exists():
        ensure_private_dir(folder)
        return
    mode = stat.S_IMODE(folder.stat().st_mode)
    if mode & 0o077:
        os.chmod(folder, mode & 0o700)


def _check_header(path: Path) -> None:
    with open(path, "rb") as handle:
        head = handle.read(100)
    if head and (len(head) < 100 or not head.startswith(HEADER)):
        raise damaged(path)
    if head:
        version = int.from_bytes(head[60:64], "big")
        if version > VERSION:
            raise newer(path, version)


def connect(path: Path, *, create: bool, timeout: float = 2.0) -> sqlite3.Connection | None:
    """An open, checked, up-to-date connection; None when ``path`` is absent and not
    ``create``. Raises :class:`StoreError` (or :class:`BadDatabase`) otherwise."""
    try:
        exists = path.exists()
        if not exists and not create:
            return None
        if exists:
            _check_header(path)
        if create:
            _private_folder(path.parent)
        with private_umask():
            conn = sqlite3.connect(
                path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
            try:
                _prepare(conn, path, timeout)
            except BaseException:
                conn.close()
                raise
        make_private(path)
        return conn
    except (sqlite3.Error, OSError) as exc:
        raise from_sqlite(exc, path) from exc


def _prepare(conn: sqlite3.Connection, path: Path, timeout: float) -> None:
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise damaged(path) from exc
    if version > VERSION:
        raise newer(path, version)
    if app != APPLICATION_ID and (app != 0 or tables):
        raise damaged(path)
    _to_wal(conn, timeout)
    # NORMAL: a commit survives the process being killed (the WAL is in the OS);
    # only a power cut can lose the last answers, which FULL would cost a sync each for
    conn.execute("PRAGMA synchronous=NORMAL")
    # deleted text is overwritten, not merely unlinked from the b-tree
    conn.execute("PRAGMA secure_delete=ON")
    if version < VERSION:
        migrate(conn)
    conn.execute("PRAGMA foreign_keys=ON")


def _to_wal(conn: sqlite3.Connection, timeout: float) -> None:
    """Switch to WAL, waiting out another process doing the same.

    Leaving the rollback journal needs the exclusive lock, and when two
    connections both hold a shared lock and ask for it, SQLite refuses one at
    once instead of calling the busy handler (waiting could deadlock), so the
    ``timeout`` given to ``connect`` does not cover it: retry here instead.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the file to :data:`VERSION`, one step per transaction; another process
    migrating at the same time finds the work done once it gets the write lock."""
    conn.execute("PRAGMA foreign_keys=OFF")
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version >= VERSION:
                conn.execute("COMMIT")
                return
            for statement in split_sql(MIGRATIONS[version]):
                conn.execute(statement)
            if version == 0:
                conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version={version + 1}")
            problems = conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise StoreError(f"the records could not be upgraded: {problems[0]}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def split_sql(script: str) -> list[str]:
    """The statements of a schema script (ours hold no semicolons inside strings)."""
    return [s.strip() for s in script.split(";") if s.strip()]


def close(conn: sqlite3.Connection) -> None:
    with contextlib.suppress(sqlite3.Error):
        conn.close()


def default_path() -> Path:
    from coach.paths import data_dir

    return data_dir() / DB_NAME
