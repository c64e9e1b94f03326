"""What can go wrong with the records, as messages written for the partners.

Every failure the store can meet (a full disk, a read-only folder, a database
another program holds, a damaged file, a file from a newer coach) becomes one
:class:`StoreError` with a message that can be shown as it is.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

# sqlite3 result codes (primary, the low byte of an extended code)
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26


class StoreError(Exception):
    """The records cannot be read or written; ``message`` is for the partners."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadDatabase(StoreError):
    """The file is damaged, not a coach database, or from a newer coach: left untouched."""


class NoSuchSession(StoreError):
    """A session id that is not in the records."""


class SessionLocked(StoreError):
    """The session is open in another coach window."""


def damaged(path: Path) -> BadDatabase:
    return BadDatabase(f"{path} is damaged or is not a coach database; it was left as it is.")


def newer(path: Path, version: int) -> BadDatabase:
    return BadDatabase(
        f"{path} was written by a newer version of coach (records version {version}); "
        "update coach to open it. The file was left as it is."
    )


def from_sqlite(exc: sqlite3.Error | OSError, path: Path) -> StoreError:
    """One clear message for what went wrong, whatever layer reported it."""
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return StoreError(f"The disk is full, so {path} cannot be saved to.")
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return StoreError(f"The folder {path.parent} cannot be written to.")
        return StoreError(f"{path} cannot be used: {exc.strerror or exc}.")
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == SQLITE_FULL:
        return StoreError(f"The disk is full, so {path} cannot be saved to.")
    if code in (SQLITE_READONLY, SQLITE_CANTOPEN):
        return StoreError(f"{path} cannot be written to (the file or its folder is read-only).")
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreError(f"{path} is held by another program, so nothing could be saved.")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return damaged(path)
    return StoreError(f"{path} cannot be used: {exc}.")
