"""`coach list`, `schema`, `new`, `--version`, `--help`, and no Textual for authoring commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach import __version__
from coach.format.loader import load_file
from coach.format.schema import exercise_schema
from coach.library import scan
from coach.paths import user_exercises_dir
from tests.unit.cli_support import GOOD, run

LIST_FIELDS = {"id", "title", "summary", "minutes", "tags", "source", "path"}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def a_builtin_id() -> str:
    return sorted(e.id for e in scan().entries.values() if e.source == "builtin")[0]


# --- list ---------------------------------------------------------------------------------


def test_list_json_has_the_fields_for_every_builtin(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert rows, "the built-ins are listed"
    for row in rows:
        assert set(row) >= LIST_FIELDS
        assert row["source"] == "builtin"
        assert isinstance(row["tags"], list)
        assert row["minutes"] is None or isinstance(row["minutes"], int)
        assert Path(row["path"]).is_file()
        assert row["title"] and row["summary"]
        assert row["stage"] and row["why"]
    # the built-ins come in the order of the suggested path, numbered along it
    assert [r["position"] for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0]["id"] == "first-reflection" and rows[0]["stage"] == "Learning to listen"
    assert rows[-1]["stage"] == "Repair and forgiveness"
    stages = [r["stage"] for r in rows]
    assert stages.index("Accountability") < stages.index("Regular check-ins")


def test_list_text_starts_at_the_path_and_ends_with_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "extra/mine.yaml", "title: Mine\nsummary: My own.\nsteps:\n  - say: hi\n")
    code, out, err = run(capsys, "list", "--exercises", str(tmp_path / "extra"))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Start here, and take the stages in order."
    assert lines[2].startswith("1. Learning to listen: ")
    assert lines[3].startswith("first-reflection ")
    assert any(line.startswith("5. Repair and forgiveness") for line in lines)
    rest = lines.index("Not on the path")
    assert lines[rest + 1].startswith("mine ")
    assert any(line.strip().startswith("why here: ") for line in lines[:rest])


def test_list_reports_an_unknown_id_on_the_path_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write(
        Path(os.environ["COACH_CONFIG_DIR"]) / "path.yaml",
        "stages:\n  - stage: Ours\n    exercises:\n      - {id: gone, why: w}\n",
    )
    code, out, err = run(capsys, "list", "--json")
    assert code == 0
    assert f'{path}:4:9: warning: the path names "gone", which is not a known exercise' in err
    rows = json.loads(out)
    assert all(r["stage"] is None and r["position"] is None for r in rows)
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)


def test_list_json_reads_the_exercise(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(
        tmp_path / "extra/mine.yaml",
        "title: Mine\nsummary: My own.\nminutes: 12\ntags: [a, hard]\nsteps:\n  - say: hi\n",
    )
    code, out, _ = run(capsys, "list", "--json", "--exercises", str(tmp_path / "extra"))
    assert code == 0
    (row,) = [r for r in json.loads(out) if r["id"] == "mine"]
    assert {k: row[k] for k in LIST_FIELDS} == {
        "id": "mine",
        "title": "Mine",
        "summary": "My own.",
        "minutes": 12,
        "tags": ["a", "hard"],
        "source": "folder",
        "path": str(path),
    }


def test_list_precedence_folder_user_builtin_with_replaces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    builtin = a_builtin_id()
    user = write(user_exercises_dir() / "mine.yaml", f"id: {builtin}\n" + GOOD)
    folder = write(tmp_path / "extra/theirs.yaml", f"id: {builtin}\n" + GOOD)

    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    (row,) = [r for r in json.loads(out) if r["id"] == builtin]
    assert (row["source"], row["path"]) == ("user", str(user))
    assert [r["source"] for r in row["replaces"]] == ["builtin"]

    code, out, _ = run(capsys, "list", "--json", "--exercises", str(tmp_path / "extra"))
    (row,) = [r for r in json.loads(out) if r["id"] == builtin]
    assert (row["source"], row["path"]) == ("folder", str(folder))
    assert [(r["source"], r["path"]) for r in row["replaces"]] == [("user", str(user))]

    code, out, _ = run(capsys, "list", "--exercises", str(tmp_path / "extra"))
    assert code == 0
    assert f'"{builtin}" from folder ({folder}) replaces the user one ({user})' in out
    assert f'"{builtin}" from user ({user}) replaces the builtin one' in out


def test_list_shows_invalid_files_with_their_first_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = write(tmp_path / "extra/broken.yaml", "title: T\nsummary: S\nsteps: []\n")
    code, out, _ = run(capsys, "list", "--exercises", str(tmp_path / "extra"))
    assert code == 0
    lines = out.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("broken "))
    assert "does not load" in lines[index] and str(broken) in lines[index]
    assert f"{broken}:3:8: error:" in lines[index + 1]
    assert "at least one step" in lines[index + 1]

    code, out, _ = run(capsys, "list", "--json", "--exercises", str(tmp_path / "extra"))
    (row,) = [r for r in json.loads(out) if r["path"] == str(broken)]
    assert row["valid"] is False
    assert row["source"] == "folder"
    assert row["problem"].startswith(f"{broken}:3:8: error:")


def test_list_reports_a_clash_in_one_folder_on_both_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "extra/a.yaml", "id: twin\n" + GOOD)
    write(tmp_path / "extra/b.yaml", "id: twin\n" + GOOD)
    code, out, _ = run(capsys, "list", "--json", "--exercises", str(tmp_path / "extra"))
    assert code == 0
    rows = [r for r in json.loads(out) if r["source"] == "folder"]
    assert len(rows) == 2
    assert all(r["valid"] is False and '"twin"' in r["problem"] for r in rows)


def test_list_text_shows_id_title_minutes_tags_and_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path / "extra/mine.yaml",
        "title: Mine\nsummary: My own.\nminutes: 12\ntags: [calm]\nsteps:\n  - say: hi\n",
    )
    code, out, _ = run(capsys, "list", "--exercises", str(tmp_path / "extra"))
    assert code == 0
    lines = out.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("mine "))
    assert "Mine" in lines[index] and "12 min" in lines[index] and "folder" in lines[index]
    assert "My own." in lines[index + 1] and "calm" in lines[index + 1]


def test_list_with_a_missing_folder_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "list", "--exercises", str(tmp_path / "nope"))
    assert code == 2
    assert "nope" in err


# --- schema ---------------------------------------------------------------------------------


def test_schema_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out) == exercise_schema()


def test_schema_output_writes_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "exercise.schema.json"
    code, out, _ = run(capsys, "schema", "--output", str(target))
    assert code == 0
    assert str(target) in out
    assert json.loads(target.read_text(encoding="utf-8")) == exercise_schema()


def test_schema_output_to_a_missing_folder_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "schema", "--output", str(tmp_path / "no/such/dir/s.json"))
    assert code == 1
    assert "cannot write" in err
    assert "Traceback" not in out + err


# --- new ----------------------------------------------------------------------------------------


def test_new_writes_a_starter_that_validates_with_no_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "my-exercise.yaml"
    code, _, _ = run(capsys, "new", str(path))
    assert code == 0
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=exercise.schema.json"
    result = load_file(path)
    assert result.problems == (), [str(p) for p in result.problems]
    assert result.exercise is not None
    assert "#" in text.split("\n", 1)[1], "the starter is commented"
    code, out, _ = run(capsys, "validate", "--strict", str(path))
    assert code == 0
    assert out.strip() == "1 file checked: no problems"


def test_new_writes_the_schema_beside_it_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "new", str(tmp_path / "one.yaml"))[0] == 0
    schema = tmp_path / "exercise.schema.json"
    assert json.loads(schema.read_text(encoding="utf-8")) == exercise_schema()
    schema.write_text("{}", encoding="utf-8")
    assert run(capsys, "new", str(tmp_path / "two.yaml"))[0] == 0
    assert schema.read_text(encoding="utf-8") == "{}"  # left as it was


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "taken.yaml", "mine, do not touch\n")
    code, _, err = run(capsys, "new", str(path))
    assert code == 1
    assert "already exists" in err
    assert path.read_text(encoding="utf-8") == "mine, do not touch\n"


@pytest.mark.parametrize("name", ["notes.txt", "no-such-dir/x.yaml"])
def test_new_refuses_a_bad_path(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "new", str(tmp_path / name))
    assert code == 1
    assert err and "Traceback" not in out + err
    assert not (tmp_path / name).exists()


def test_new_file_id_comes_from_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the starter sets no id, so two starters in one folder do not clash
    path = tmp_path / "Sunday Check-in.yml"
    assert run(capsys, "new", str(path))[0] == 0
    exercise = load_file(path).exercise
    assert exercise is not None
    assert exercise.id == "sunday-check-in"


# --- a current schema in the user's exercises folder ---------------------------------------


def user_schema() -> Path:
    from coach.paths import user_exercises_dir

    return user_exercises_dir() / "exercise.schema.json"


@pytest.mark.parametrize("argv", [["schema", "--install"], ["list"], ["list", "--json"],
                                  ["new", "{tmp}/moved-later.yaml"]])
def test_the_users_exercises_folder_gets_a_current_schema(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a file written by `coach new` and moved there keeps its schema line working
    assert not user_schema().exists()
    code, out, err = run(capsys, *[a.format(tmp=tmp_path) for a in argv])
    assert code == 0, err
    assert json.loads(user_schema().read_text(encoding="utf-8")) == exercise_schema()
    if argv[:2] == ["list", "--json"]:
        json.loads(out)  # standard output stays JSON


@pytest.mark.parametrize("argv", [["schema", "--install"], ["list"]])
def test_an_out_of_date_schema_in_the_users_folder_is_replaced(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.paths import ensure_private_dir

    ensure_private_dir(user_schema().parent)
    user_schema().write_text('{"title": "an older coach"}', encoding="utf-8")
    assert run(capsys, *argv)[0] == 0
    assert json.loads(user_schema().read_text(encoding="utf-8")) == exercise_schema()


def test_schema_install_says_what_it_did(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema", "--install")
    assert code == 0 and out == f"wrote {user_schema()}\n"
    code, out, _ = run(capsys, "schema", "--install")
    assert code == 0 and out == f"{user_schema()} is up to date\n"
    assert user_schema().stat().st_mode & 0o777 == 0o600


def test_a_schema_that_cannot_be_kept_is_a_note_not_a_failure_of_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("COACH_CONFIG_DIR", str(blocked))
    code, out, err = run(capsys, "list")
    assert code == 0 and "first-reflection" in out
    assert err.startswith("coach list: could not keep exercise.schema.json in your exercises "
                          "folder:")
    code, _, err = run(capsys, "schema", "--install")
    assert code == 1 and err.startswith("coach schema: cannot write") and "Traceback" not in err


# --- version and help -----------------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"coach {__version__}"


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["validate", "--help"],
        ["list", "--help"],
        ["schema", "--help"],
        ["new", "--help"],
    ],
)
def test_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert out.startswith("usage: coach")
    if argv[0] != "--help":
        assert f"coach {argv[0]}" in out


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    from coach.cli import COMMANDS

    code, out, _ = run(capsys, "--help")
    for command in COMMANDS:
        assert command in out
        code, sub, _ = run(capsys, command, "--help")
        assert code == 0 and sub.startswith(f"usage: coach {command}")


# --- no Textual on the authoring path -------------------------------------------------------------

_PROBE = """
import sys
from coach.cli import main
code = main(sys.argv[1:])
heavy = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print("TEXTUAL:" + ",".join(heavy), file=sys.stderr)
sys.exit(code)
"""


@pytest.mark.parametrize("command", ["validate", "list", "schema", "new"])
def test_authoring_commands_do_not_import_textual(command: str, tmp_path: Path) -> None:
    good = write(tmp_path / "good.yaml", GOOD)
    argv = {
        "validate": [str(good)],
        "list": ["--json"],
        "schema": [],
        "new": [str(tmp_path / "new.yaml")],
    }[command]
    env = {
        **os.environ,
        "COACH_CONFIG_DIR": str(tmp_path / "config"),
        "COACH_DATA_DIR": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, command, *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "TEXTUAL:\n" in done.stderr, done.stderr
