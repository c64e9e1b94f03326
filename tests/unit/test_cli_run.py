"""`coach run` and bare `coach`: what opens, and what is refused before the app opens."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from coach import cli
from coach.paths import user_exercises_dir
from tests.unit.cli_support import GOOD, run

BROKEN = "title: Money\nsummary: s\nsteps:\n  - bogus: 1\n  - say: {nobody}\n"

_PROBE = """
import sys
from coach.cli import main
code = main(sys.argv[1:])
heavy = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print("TEXTUAL:" + ",".join(heavy), file=sys.stderr)
sys.exit(code)
"""


def coach(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "COACH_CONFIG_DIR": str(tmp_path / "config"),
        "COACH_DATA_DIR": str(tmp_path / "data"),
    }
    return subprocess.run(
        [sys.executable, "-c", _PROBE, *argv],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )


def test_a_broken_file_prints_what_validate_prints_and_never_opens_the_app(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "money.yaml"
    broken.write_text(BROKEN, "utf-8")
    ran = coach(tmp_path, "run", str(broken), "--a", "Sam", "--b", "Alex")
    validated = coach(tmp_path, "validate", str(broken))
    assert ran.returncode == 1
    assert ran.stdout == validated.stdout
    assert f"{broken}:4:5: error: unknown key" in ran.stdout
    assert "1 file checked: 2 errors" in ran.stdout
    assert "TEXTUAL:\n" in ran.stderr, ran.stderr  # Textual was never imported


def test_a_broken_file_named_by_its_id_is_reported_too(tmp_path: Path) -> None:
    folder = user_exercises_dir()
    folder.mkdir(parents=True)
    (folder / "money-talk.yaml").write_text(BROKEN, "utf-8")
    ran = coach(tmp_path, "run", "money-talk")
    assert ran.returncode == 1
    assert "money-talk.yaml:4:5: error: unknown key" in ran.stdout
    assert "TEXTUAL:\n" in ran.stderr


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What would have opened the app, instead of opening it."""
    calls: list[dict[str, Any]] = []

    def fake_run_app(exercise_dirs: Any = (), run: Any = None, **_: Any) -> int:
        calls.append({"dirs": list(exercise_dirs), "run": run})
        return 0

    monkeypatch.setattr(cli, "run_app", fake_run_app)
    return calls


def test_bare_coach_opens_the_app_with_its_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opened: list[dict[str, Any]]
) -> None:
    assert run(capsys, "--exercises", str(tmp_path))[0] == 0
    assert opened == [{"dirs": [tmp_path], "run": None}]


def test_run_by_id_with_names_and_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opened: list[dict[str, Any]]
) -> None:
    (tmp_path / "mine.yaml").write_text(GOOD, "utf-8")
    code, _, err = run(
        capsys, "run", "mine", "--exercises", str(tmp_path), "--a", "[bold]", "--b", "Alex",
        "--first", "b",
    )
    assert code == 0, err
    (call,) = opened
    request = call["run"]
    assert request.exercise.title == "Good one"
    assert (request.a, request.b, request.first) == ("[bold]", "Alex", "b")


def test_run_a_file_with_both_names_and_first_asks_for_its_first_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opened: list[dict[str, Any]]
) -> None:
    path = tmp_path / "draft.yaml"
    path.write_text(GOOD, "utf-8")
    code, _, err = run(capsys, "run", str(path), "--a", "Sam", "--b", "Alex", "--first", "a")
    assert code == 0, err
    request = opened[0]["run"]
    assert request.exercise.title == "Good one"
    assert (request.a, request.b, request.first) == ("Sam", "Alex", "a")
    # the app then opens that request straight on the first step: tests/ui/test_setup_screen.py


def test_coach_help_lists_run(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert re.search(r"^\s+run\s+open the app on one exercise", out, re.MULTILINE), out


def test_run_with_one_name_opens_set_up_with_it(
    capsys: pytest.CaptureFixture[str], opened: list[dict[str, Any]]
) -> None:
    assert run(capsys, "run", "first-reflection", "--a", "Sam")[0] == 0
    request = opened[0]["run"]
    assert (request.a, request.b, request.first) == ("Sam", "", None)


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["run", "no-such-thing"], 1, 'no exercise file or id "no-such-thing"'),
        (["run", "missing.yaml"], 1, "no such file: missing.yaml"),
        (["run", "first-reflection", "--a", "Sam", "--b", " sam"], 2, 'Both names are "Sam"'),
        (["run", "first-reflection", "--a", " ", "--b", "Alex"], 2, "Type a name"),
        (["run", "first-reflection", "--exercises", "nowhere"], 2, "no such folder: nowhere"),
        (["--exercises", "nowhere"], 2, "coach: no such folder: nowhere"),
        (["run", "first-reflection", "--first", "c"], 2, "invalid choice: 'c'"),
    ],
)
def test_refusals_before_the_app_opens(
    argv: list[str], code: int, message: str,
    capsys: pytest.CaptureFixture[str], opened: list[dict[str, Any]],
) -> None:
    got, _, err = run(capsys, *argv)
    assert (got, opened) == (code, [])
    assert message in err
