"""Several coach processes on one folder: private files whatever the umask, two
writers that never corrupt it, a session open in one that the other cannot resume,
and a killed process that loses nothing and leaves no lock behind."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coach.engine import Done, FakeClock, Number
from coach.paths import data_dir
from coach.store import SessionLocked, find_resumable, open_resumed
from coach.store.lock import SessionLock, is_locked, lock_path
from tests.unit.store_support import Recorded, checked_exercise, db_path, open_store

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args], cwd=ROOT, text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- permissions -------------------------------------------------------------------------------


def test_the_folder_is_0700_and_every_file_0600_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        run = Recorded().through_check()
        run.answer(Done("private words"))
        folder = data_dir()
        files = [p for p in folder.rglob("*") if p.is_file()]
        names = {p.name for p in files}
        assert {"records.sqlite3", "records.sqlite3-wal", "records.sqlite3-shm",
                "session-1.lock"} <= names
        assert _mode(folder) == 0o700 and _mode(folder / "locks") == 0o700
        assert {p.name: _mode(p) for p in files} == {n: 0o600 for n in names}
        run.recorder.close()
        out = tmp_path / "export.md"
        from coach.cli import main

        assert main(["export", "1", "--output", str(out)]) == 0
        assert _mode(out) == 0o600
    finally:
        os.umask(old)


def test_a_data_folder_made_open_becomes_private() -> None:
    data_dir().mkdir(mode=0o755, parents=True)
    data_dir().chmod(0o755)
    Recorded().through_check().recorder.close()
    assert _mode(data_dir()) == 0o700 and _mode(db_path()) == 0o600


def test_an_export_over_an_open_file_becomes_private(tmp_path: Path) -> None:
    Recorded().through_check().recorder.close()
    out = tmp_path / "export.json"
    out.write_text("old")
    out.chmod(0o644)
    from coach.cli import main

    assert main(["export", "--all", "--format", "json", "-o", str(out)]) == 0
    assert _mode(out) == 0o600 and '"coach-export"' in out.read_text()


# --- two writers -------------------------------------------------------------------------------

WRITER = """
    import sys
    from coach.engine import Done, FreeText, Number
    from coach.store import open_recorder
    from tests.unit.store_support import Recorded
    who = sys.argv[1]
    for n in range(int(sys.argv[2])):
        run = Recorded(open_recorder(timeout=30), a=who + "A", b=who + "B").through_check()
        run.answer(Done(f"{who} note {n}"), Number(1), Number(2), FreeText(f"{who} {n}"),
                   Done())
        assert run.recorder.status.ok, run.recorder.status.message
        run.recorder.finish(run.session)
    print("done")
"""


def test_two_processes_writing_one_folder_never_corrupt_it() -> None:
    Recorded().through_check().recorder.close()  # the file exists: both open it
    writers = [_python(WRITER, who, "15") for who in ("x", "y")]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0 and out.strip() == "done", err
    with open_store() as store:
        assert store.query("PRAGMA integrity_check") == [("ok",)]
        assert store.query("PRAGMA foreign_key_check") == []
        assert store.count() == 31
        for summary in store.history(limit=-1)[:-1]:
            seqs = [e.seq for e in store.events(summary.id)]
            assert seqs == list(range(1, len(seqs) + 1)) and summary.finished
            assert len(store.ratings(summary.id)) == 2
        assert len(store.query("SELECT * FROM commitments")) == 30
        assert sorted(p.name for p in store.people()) == [
            "Ann", "Ben", "xA", "xB", "yA", "yB"]


# --- the lock ----------------------------------------------------------------------------------

HOLDER = """
    import sys
    from pathlib import Path
    from coach.store.lock import SessionLock
    lock = SessionLock(Path(sys.argv[1]))
    lock.acquire()
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_a_session_open_in_one_process_cannot_be_resumed_in_another() -> None:
    run = Recorded().through_check()
    run.answer(Done("x"))
    probe = _python("""
        from coach.store import SessionLocked, find_resumable, open_store
        try:
            find_resumable(open_store())
        except SessionLocked as exc:
            print(exc.message)
    """)
    out, err = probe.communicate(timeout=60)
    assert "open in another coach window" in out, err
    run.recorder.close()
    assert find_resumable(open_store()).id == 1  # free once closed


def test_two_windows_in_one_process_cannot_both_hold_a_session() -> None:
    path = lock_path(data_dir(), 7)
    first, second = SessionLock(path), SessionLock(path)
    first.acquire()
    with pytest.raises(SessionLocked, match="another coach window"):
        second.acquire()
    first.release()
    second.acquire()
    second.release()
    assert not path.exists()


def test_a_dead_process_leaves_no_lock_behind() -> None:
    path = lock_path(data_dir(), 1)
    holder = _python(HOLDER, str(path))
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    assert is_locked(data_dir(), 1)
    with pytest.raises(SessionLocked):
        SessionLock(path).acquire()
    holder.kill()
    holder.communicate(timeout=60)
    assert path.exists()  # the file stays, but the kernel let go of the lock
    assert not is_locked(data_dir(), 1)
    SessionLock(path).acquire()


# --- killed mid-session -------------------------------------------------------------------------

KILLED = """
    import os, signal
    from coach.engine import Done, Number
    from tests.unit.store_support import Recorded
    run = Recorded().through_check()
    run.answer(Done("said before the kill"), Number(5))
    run.recorder.save_draft(1, "rate", "typed, not sent")
    print(run.session.view().stage, run.session.view().actor, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_killed_process_loses_no_answer_and_resumes_at_the_same_place() -> None:
    killed = _python(KILLED)
    out, err = killed.communicate(timeout=60)
    assert killed.returncode == -signal.SIGKILL, err
    assert out.split() == ["rate", "b"]
    store = open_store()
    found = find_resumable(store)
    session, recorder = open_resumed(store, found, checked_exercise(), FakeClock())
    view = session.view()
    assert (view.step_index, view.stage, view.actor) == (1, "rate", "b")
    draft = recorder.draft()
    assert draft is not None and draft.text == "typed, not sent"
    assert any(e.data.get("note") == "said before the kill" for e in session.events)
    session.answer(Number(6))
    recorder.record(session)
    assert recorder.status.ok
    recorder.close()
    conn = sqlite3.connect(db_path())
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
