"""A session is open in one coach process at a time.

The lock is ``flock`` on a small file per session in the data folder's
``locks/`` folder: the kernel lets go of it when the process ends, however it
ends, so a killed coach never leaves a session locked for ever.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterable
from pathlib import Path

from coach.paths import ensure_private_dir
from coach.store.db import PRIVATE_FILE, private_umask
from coach.store.errors import SessionLocked, StoreError, from_sqlite

LOCKS = "locks"
LOCKED = "This session is open in another coach window. Close it there first."


def lock_path(data_folder: Path, session_id: int) -> Path:
    return data_folder / LOCKS / f"session-{session_id}.lock"


class SessionLock:
    """Held from :meth:`acquire` until :meth:`release` (or the process ends)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Raises :class:`SessionLocked` when another process (or window) holds it."""
        if self._fd is not None:
            return
        try:
            ensure_private_dir(self.path.parent)
            while True:
                with private_umask():
                    fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    raise SessionLocked(LOCKED) from None
                # the holder before us may have removed the file as we opened it: then our
                # lock is on a file nobody else will find, so take the one now there
                try:
                    same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
                except FileNotFoundError:
                    same = False
                if same:
                    break
                os.close(fd)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            self._fd = fd
        except StoreError:
            raise
        except OSError as exc:
            raise from_sqlite(exc, self.path) from exc

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        # remove it while still holding it, so no one can lock the name we are dropping
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        with contextlib.suppress(OSError):
            os.close(fd)


def is_locked(data_folder: Path, session_id: int) -> bool:
    """Whether some process holds the session now (a look, without keeping it)."""
    probe = SessionLock(lock_path(data_folder, session_id))
    if not probe.path.exists():
        return False
    try:
        probe.acquire()
    except SessionLocked:
        return True
    except StoreError:
        return False
    probe.release()
    return False


def remove_stale(data_folder: Path, session_ids: Iterable[int]) -> None:
    """Remove the lock files of forgotten sessions that no process holds."""
    for session_id in session_ids:
        if not is_locked(data_folder, session_id):
            with contextlib.suppress(OSError):
                os.unlink(lock_path(data_folder, session_id))
    with contextlib.suppress(OSError):
        (data_folder / LOCKS).rmdir()  # only when empty
