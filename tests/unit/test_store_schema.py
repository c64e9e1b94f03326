"""The records file: created current, upgraded from the first schema, and refused
(untouched, byte for byte) when damaged, foreign or from a newer coach."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coach.store import BadDatabase, Store, open_recorder
from coach.store.db import _to_wal, split_sql
from coach.store.schema import APPLICATION_ID, SCHEMA_V1, VERSION
from tests.unit.store_support import Recorded, db_path, rows


def make_v1(path: Path) -> None:
    """A file exactly as the first schema made it, with a couple's records in it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    for statement in split_sql(SCHEMA_V1):
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute("PRAGMA user_version=1")
    conn.execute("INSERT INTO people VALUES (1, 'Ann', 1.0), (2, 'Ben', 1.0)")
    conn.execute("INSERT INTO sessions (id, exercise, title, person_a, person_b, started_at, "
                 "updated_at, state) VALUES (1, 'x', 'X', 1, 2, 10.0, 20.0, '{}')")
    conn.execute("INSERT INTO events VALUES (1, 1, 'session_started', 10.0, 1, NULL, '{}')")
    conn.execute("INSERT INTO commitments VALUES (1, 1, 2, 'Ben', 'walk daily', 10.0, 99.0, 'x')")
    conn.execute("INSERT INTO reviews VALUES (1, 1, NULL, 'partly', 'some days', 50.0, 99.0, "
                 "140.0)")
    conn.commit()
    conn.close()


def test_a_new_file_has_the_current_schema() -> None:
    store = Store.open(db_path())
    assert store is not None
    with store:
        assert store.query("PRAGMA user_version")[0][0] == VERSION
        assert store.query("PRAGMA journal_mode")[0][0] == "wal"
        assert store.query("PRAGMA application_id")[0][0] == APPLICATION_ID


def test_a_first_schema_file_is_upgraded_keeping_everything() -> None:
    make_v1(db_path())
    before = rows(db_path())
    store = Store.open(db_path())
    assert store is not None
    with store:
        assert store.query("PRAGMA user_version")[0][0] == VERSION
        assert store.query("PRAGMA foreign_key_check") == []
        assert store.query("PRAGMA integrity_check") == [("ok",)]
        # a commitment belonging to both became possible, and the old ones stayed a person's
        assert store.query("SELECT person_id, together, text FROM commitments") == [
            (2, 0, "walk daily")]
        with store.write() as conn:
            conn.execute("INSERT INTO commitments (person_id, together, name, text, made_at, "
                         "due_at, exercise) VALUES (NULL, 1, 'Ann and Ben', 'eat together', "
                         "1, 2, 'x')")
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute("INSERT INTO commitments (person_id, together, name, text, "
                             "made_at, due_at, exercise) VALUES (NULL, 0, 'n', 't', 1, 2, 'x')")
    after = rows(db_path())
    for table in ("people", "sessions", "events", "reviews"):
        assert after[table] == before[table]
    # and the upgraded file works with the rest of coach: a session recorded on it
    Recorded().through_check().to_the_end()
    store = Store.open(db_path())
    assert store is not None
    with store:
        assert [s.id for s in store.history()] == [2, 1]
        assert [p.name for p in store.people()] == ["Ann", "Ben"]


def test_two_processes_upgrading_at_once_both_succeed() -> None:
    make_v1(db_path())
    code = ("import sys; from pathlib import Path; from coach.store import Store; "
            "s = Store.open(Path(sys.argv[1])); print(s.query('PRAGMA user_version')[0][0])")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(db_path())],
                              stdout=subprocess.PIPE, text=True) for _ in range(2)]
    assert [p.communicate(timeout=60)[0].strip() for p in procs] == [str(VERSION)] * 2


class _RefusedTwice:
    """A connection that SQLite refuses the WAL switch twice, as it does to one of two
    processes both leaving the rollback journal at once (without calling a busy handler)."""

    def __init__(self, message: str = "database is locked") -> None:
        self.message = message
        self.tries = 0

    def execute(self, sql: str) -> None:
        self.tries += 1
        if self.tries <= 2:
            raise sqlite3.OperationalError(self.message)


def test_switching_to_wal_waits_out_the_other_process() -> None:
    conn = _RefusedTwice()
    _to_wal(conn, timeout=5.0)  # type: ignore[arg-type]
    assert conn.tries == 3


def test_switching_to_wal_gives_up_at_the_timeout_and_on_other_errors() -> None:
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        _to_wal(_RefusedTwice(), timeout=0.0)  # type: ignore[arg-type]
    other = _RefusedTwice("disk I/O error")
    with pytest.raises(sqlite3.OperationalError, match="disk"):
        _to_wal(other, timeout=5.0)  # type: ignore[arg-type]
    assert other.tries == 1


def _refused(path: Path, fragment: str) -> None:
    before = path.read_bytes()
    with pytest.raises(BadDatabase) as caught:
        Store.open(path)
    assert str(path) in caught.value.message and fragment in caught.value.message
    assert "\n" not in caught.value.message
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


def test_a_newer_file_is_refused_and_left_untouched() -> None:
    Recorded().through_check().recorder.close()
    conn = sqlite3.connect(db_path())
    conn.execute(f"PRAGMA user_version={VERSION + 1}")
    conn.close()
    _refused(db_path(), "newer version of coach")


def test_a_damaged_file_is_refused_and_left_untouched() -> None:
    db_path().parent.mkdir(parents=True)
    db_path().write_bytes(b"these are not the records you are looking for" * 100)
    _refused(db_path(), "damaged")


def test_a_file_damaged_inside_is_refused_and_left_untouched() -> None:
    Recorded().through_check().recorder.close()
    data = bytearray(db_path().read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    db_path().write_bytes(bytes(data))
    _refused(db_path(), "damaged")


def test_another_programs_database_is_refused() -> None:
    db_path().parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path())
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.close()
    _refused(db_path(), "not a coach database")


def test_a_recorder_on_a_damaged_file_says_so_and_the_session_goes_on() -> None:
    db_path().parent.mkdir(parents=True)
    db_path().write_bytes(b"x" * 4096)
    run = Recorded(open_recorder(timeout=0.05)).through_check().to_the_end()
    assert run.session.ended
    line = run.recorder.status.line
    assert line is not None and "damaged" in line and str(db_path()) in line
    assert db_path().read_bytes() == b"x" * 4096


def _fresh(code: str, loads_none_of: tuple[str, ...]) -> None:
    """Run ``code`` in a new interpreter (this one may have loaded anything already),
    then check that no module of those packages was loaded."""
    probe = code + (f"\nloaded = [m for m in sys.modules if m.split('.')[0] in {loads_none_of!r}]"
                    "\nassert not loaded, loaded\n")
    result = subprocess.run([sys.executable, "-c", "import sys\n" + probe],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_store_and_its_commands_never_import_textual() -> None:
    _fresh("import coach.store, coach.store.export, coach.store.progress, coach.store.resume\n"
           "for name in ('history', 'show', 'export', 'forget', 'resume'):\n"
           "    __import__(f'coach.commands.{name}_cmd')", ("textual",))


def test_the_probe_would_notice_textual() -> None:
    with pytest.raises(AssertionError, match="textual"):
        _fresh("import coach.store, textual.app", ("textual",))


def test_building_the_command_line_opens_no_database_code() -> None:
    _fresh("from coach.cli import build_parser\nbuild_parser()\n"
           "assert 'coach.commands.history_cmd' in sys.modules", ("sqlite3", "textual"))
    with pytest.raises(AssertionError, match="sqlite3"):
        _fresh("import coach.store", ("sqlite3",))
