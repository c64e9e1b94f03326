"""coach history, show, export, forget and resume: what they print, and how they
refuse a session that does not exist or a records file they cannot read."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from coach.paths import data_dir
from coach.store.schema import VERSION
from tests.unit.cli_support import run
from tests.unit.store_support import Recorded, db_path, open_store

Cap = pytest.CaptureFixture[str]
NOTE = "the night of the 14th, kept secret"


def _two_sessions() -> None:
    first = Recorded().through_check().to_the_end(NOTE)
    first.recorder.close()
    second = Recorded(a="Ben", b="Ann", clock=first.clock).through_check()
    second.session.take_break("a", "")
    second.recorder.record(second.session)
    second.recorder.close()


def _raw() -> bytes:
    return b"".join(p.read_bytes() for p in data_dir().rglob("*") if p.is_file())


# --- history and show ------------------------------------------------------------------------


def test_history_before_anything_is_recorded_creates_nothing(capsys: Cap) -> None:
    assert run(capsys, "history") == (0, "No sessions recorded yet.\n", "")
    assert run(capsys, "history", "--json")[1] == "[]\n"
    assert not data_dir().exists()


def test_history_lists_sessions_newest_first(capsys: Cap) -> None:
    _two_sessions()
    code, out, _ = run(capsys, "history")
    assert code == 0
    newest, oldest = out.splitlines()
    assert newest.startswith("2 ") and "Ben and Ann" in newest and "breaks 1" in newest
    assert newest.endswith("unfinished")
    assert oldest.startswith("1 ") and "Ann and Ben" in oldest and oldest.endswith(" finished")
    rows = json.loads(run(capsys, "history", "--json")[1])
    assert [(r["id"], r["people"], r["breaks"], r["finished"], r["exercise"]) for r in rows] == [
        (2, ["Ben", "Ann"], 1, False, "t"), (1, ["Ann", "Ben"], 0, True, "t")]
    assert rows[1]["length"] == 35.0


def test_show_prints_the_whole_transcript(capsys: Cap) -> None:
    _two_sessions()
    code, out, _ = run(capsys, "show", "1")
    assert code == 0
    assert f'Ann shared. Note: "{NOTE}"' in out
    assert "Ratings:\n  Ann: 4 (How stirred up are you?)\n  Ben: 7" in out
    assert 'Ann: "call before late nights"' in out and "The exercise is complete." in out
    data = json.loads(run(capsys, "show", "2", "--json")[1])
    assert data["breaks"] == 1 and "Ben asked for a break of 20m." in data["transcript"]
    assert [e["seq"] for e in data["events"]] == list(range(1, len(data["events"]) + 1))


# --- export --------------------------------------------------------------------------------------


def test_export_markdown_for_a_counsellor(capsys: Cap) -> None:
    _two_sessions()
    code, out, _ = run(capsys, "export", "--all")
    assert code == 0 and out.startswith("# coach: session records")
    assert out.index("## Session 1") < out.index("## Session 2")
    assert "| Ann | 4 | How stirred up are you? |" in out
    assert "## Commitments and how they went" in out


def test_export_escapes_what_partners_typed(capsys: Cap) -> None:
    Recorded().through_check().to_the_end("**not bold** [link](x) # not a heading")
    out = run(capsys, "export", "1")[1]
    assert r"\*\*not bold\*\* \[link\](x) \# not a heading" in out


def test_export_json_has_every_event(capsys: Cap) -> None:
    _two_sessions()
    data = json.loads(run(capsys, "export", "--all", "--format", "json")[1])
    assert data["format"] == "coach-export" and len(data["sessions"]) == 2
    with open_store() as store:
        assert [len(s["events"]) for s in data["sessions"]] == [
            len(store.events(1)), len(store.events(2))]
    assert data["commitments"][0]["text"] == "call before late nights"


@pytest.mark.parametrize("command", ["export", "forget"])
def test_export_and_forget_want_one_session_or_all(capsys: Cap, command: str) -> None:
    code, _, err = run(capsys, command)
    assert code == 2 and err == f"coach {command}: name one session, or give --all\n"
    assert run(capsys, command, "1", "--all")[0] == 2


def test_export_to_a_file_is_readable_by_its_owner_alone(capsys: Cap, tmp_path: Path) -> None:
    _two_sessions()
    _, printed, _ = run(capsys, "export", "--all", "--format", "json")
    target = tmp_path / "for-counsellor.json"
    target.write_text("an older, longer export that must not survive " * 50)
    target.chmod(0o644)  # a file already there, readable by others, becomes private too
    code, out, err = run(capsys, "export", "--all", "--format", "json", "-o", str(target))
    assert (code, out, err) == (0, f"wrote {target} (readable by you alone)\n", "")
    assert target.stat().st_mode & 0o777 == 0o600
    written, shown = json.loads(target.read_text(encoding="utf-8")), json.loads(printed)
    assert written.pop("exported_at") >= shown.pop("exported_at")  # the only difference
    assert written == shown and len(written["sessions"]) == 2


def test_export_to_a_folder_that_does_not_exist(capsys: Cap, tmp_path: Path) -> None:
    Recorded().through_check().recorder.close()
    target = tmp_path / "nowhere" / "out.md"
    code, _, err = run(capsys, "export", "1", "-o", str(target))
    assert code == 1 and err == f"coach export: cannot write {target}: No such file or directory\n"


# --- forget --------------------------------------------------------------------------------------


def test_forget_asks_first(capsys: Cap, monkeypatch: pytest.MonkeyPatch) -> None:
    _two_sessions()
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, out, _ = run(capsys, "forget", "1")
    assert code == 1 and "Forget Session 1: T (t)?" in out and "Nothing was forgotten." in out
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no answer is no
    assert run(capsys, "forget", "1")[0] == 1
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert run(capsys, "forget", "1")[0] == 0
    assert [s.id for s in open_store().history()] == [2]


def test_forgotten_words_are_left_nowhere_on_disk(capsys: Cap) -> None:
    _two_sessions()
    secret = NOTE.encode()
    assert secret in _raw()  # the test can fail: the note is on disk before
    code, out, _ = run(capsys, "forget", "1", "--yes")
    assert code == 0 and out == "Forgotten.\n"
    assert secret not in _raw()
    assert b"call before late nights" not in _raw()  # its commitment went with it
    with open_store() as store:
        assert store.count() == 1 and store.query("PRAGMA integrity_check") == [("ok",)]
        assert store.query("SELECT count(*) FROM commitments") == [(0,)]


def test_forget_all_leaves_not_even_the_names(capsys: Cap) -> None:
    _two_sessions()
    assert run(capsys, "forget", "--all", "--yes") == (0, "Forgotten: 2 sessions.\n", "")
    raw = _raw()
    assert b"Ann" not in raw and b"Ben" not in raw and NOTE.encode() not in raw
    assert run(capsys, "history")[1] == "No sessions recorded yet.\n"


def test_forget_refuses_a_session_open_in_a_window(capsys: Cap) -> None:
    run_ = Recorded().through_check()
    code, _, err = run(capsys, "forget", "1", "--yes")
    assert code == 1 and "open in another coach window" in err
    run_.recorder.close()


# --- resume ---------------------------------------------------------------------------------------


def test_resume_finds_the_latest_unfinished_session(
    capsys: Cap, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_sessions()
    opened: list[tuple[object, ...]] = []
    monkeypatch.setattr("coach.cli.run_app",
                        lambda dirs, run=None, **kw: opened.append((list(dirs), kw)) or 0)
    code, _, _ = run(capsys, "resume")
    assert code == 0 and opened == [([], {"resume": 2, "no_save": False})]


@pytest.mark.parametrize("argv", [("resume", "--no-save"), ("--no-save", "resume"),
                                  ("resume", "1", "--no-save")])
def test_resume_with_no_save_opens_it_to_write_nothing(
    capsys: Cap, monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...]
) -> None:
    first = Recorded().through_check()
    first.recorder.close()
    opened: list[dict[str, object]] = []
    monkeypatch.setattr("coach.cli.run_app",
                        lambda dirs, run=None, **kw: opened.append(kw) or 0)
    assert run(capsys, *argv)[0] == 0
    assert opened == [{"resume": 1, "no_save": True}]


def test_resume_with_nothing_to_resume(capsys: Cap) -> None:
    assert run(capsys, "resume")[2] == (
        "coach resume: There is no session to resume: nothing has been saved yet.\n")
    Recorded().through_check().to_the_end().recorder.close()
    code, _, err = run(capsys, "resume")
    assert code == 1 and "no unfinished session" in err
    code, _, err = run(capsys, "resume", "1")
    assert code == 1 and "Session 1 (T) is finished" in err


def test_resume_refuses_a_session_open_elsewhere(capsys: Cap) -> None:
    recorded = Recorded().through_check()
    code, _, err = run(capsys, "resume", "1")
    assert code == 1 and "open in another coach window" in err
    recorded.recorder.close()


# --- bad input: exit 2, one line naming the file, the file untouched ----------------------------


@pytest.mark.parametrize("argv", [
    ("show", "42"), ("show", "abc"), ("export", "42"), ("forget", "42", "--yes"),
    ("resume", "42"),
])
def test_a_session_that_does_not_exist(capsys: Cap, argv: tuple[str, ...]) -> None:
    _two_sessions()
    before = db_path().read_bytes()
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(db_path()) in err and "no session" in err
    assert db_path().read_bytes() == before


def test_a_session_asked_for_before_anything_is_saved(capsys: Cap) -> None:
    code, _, err = run(capsys, "show", "1")
    assert code == 2 and "nothing has been saved yet" in err and str(db_path()) in err
    assert not data_dir().exists()


COMMANDS = [("history",), ("show", "1"), ("export", "--all"), ("forget", "--all", "--yes"),
            ("resume",)]


def _check_refused(capsys: Cap, argv: tuple[str, ...], fragment: str) -> None:
    before = db_path().read_bytes()
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(db_path()) in err and fragment in err
    assert db_path().read_bytes() == before
    assert not Path(f"{db_path()}-wal").exists()


@pytest.mark.parametrize("argv", COMMANDS)
def test_a_damaged_records_file(capsys: Cap, argv: tuple[str, ...]) -> None:
    data_dir().mkdir(parents=True)
    db_path().write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    _check_refused(capsys, argv, "damaged")


@pytest.mark.parametrize("argv", COMMANDS)
def test_a_records_file_from_a_newer_coach(capsys: Cap, argv: tuple[str, ...]) -> None:
    _two_sessions()
    conn = sqlite3.connect(db_path())
    conn.execute(f"PRAGMA user_version={VERSION + 3}")
    conn.close()
    _check_refused(capsys, argv, "newer version of coach")


def test_resume_with_the_private_setting_is_refused_before_the_records_are_opened(
    capsys: Cap, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.settings import PRIVATE_NO_RESUME, Settings, save_settings
    from tests.ui.test_private_mode import folders

    Recorded().through_check().recorder.close()  # a session there is to resume
    save_settings(Settings(private=True))
    before = folders()
    monkeypatch.setattr("coach.cli.run_app", lambda *a, **kw: pytest.fail("the app opened"))
    code, _, err = run(capsys, "resume")
    assert code == 1 and err == f"coach resume: {PRIVATE_NO_RESUME}\n"
    assert folders() == before  # not even the database's WAL or lock file was touched
