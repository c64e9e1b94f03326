"""`--private` and the first-run notice on the command line: what reaches the app."""

from __future__ import annotations

from typing import Any

import pytest

from coach import cli
from tests.unit.cli_support import run


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The keyword arguments each CoachApp was made with, instead of running it."""
    import coach.ui.app

    calls: list[dict[str, Any]] = []

    class FakeApp:
        return_code = 0

        def __init__(self, **kwargs: Any) -> None:
            calls.append(kwargs)

        def run(self) -> None:
            pass

        def keep_session(self) -> None:
            pass

    monkeypatch.setattr(coach.ui.app, "CoachApp", FakeApp)
    return calls


@pytest.mark.parametrize(
    "argv",
    [
        ["--private"],
        ["run", "first-reflection", "--private"],
        ["--private", "run", "first-reflection"],
        ["run", "first-reflection", "--a", "Sam", "--b", "Alex", "--private", "--no-save"],
    ],
)
def test_private_reaches_the_app(
    argv: list[str], made: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 0, err
    [kwargs] = made
    assert kwargs["private"] is True


@pytest.mark.parametrize("argv", [[], ["run", "first-reflection"], ["--exercises", "."]])
def test_without_it_the_app_is_not_private(
    argv: list[str], made: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, *argv)[0] == 0
    assert made[0]["private"] is False


def test_no_save_before_the_command_is_kept(
    made: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    # a command's own copy of the option must not overwrite the one given before it
    assert run(capsys, "--no-save", "run", "first-reflection")[0] == 0
    assert made[0]["no_save"] is True


@pytest.mark.parametrize("argv", [["resume"], ["resume", "1"], ["history"], ["show", "1"],
                                  ["export", "--all"], ["forget", "1"], ["list"]])
def test_private_with_any_other_command_is_refused(
    argv: list[str], made: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    command = argv[0]
    code, out, err = run(capsys, "--private", *argv)
    assert (code, out, made) == (cli.USAGE, "", [])
    assert err == (
        "coach: --private is for the app itself (`coach --private`, `coach run ... --private`), "
        f"not for `coach {command}`\n"
    )


def test_the_app_shows_the_notice_on_every_start_but_resume(
    made: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys)
    run(capsys, "run", "first-reflection")
    cli.resume_in_app(3)
    assert [kwargs["first_run"] for kwargs in made] == [True, True, False]
    assert made[2]["resume"] == 3


def test_private_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--help")
    assert "--private" in out and "nothing is written" in out
    _, out, _ = run(capsys, "run", "--help")
    assert "--private" in out


def test_the_readme_says_where_data_is_kept_and_how_to_leave_none() -> None:
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    privacy = readme.split("## Privacy", 1)[1].split("\n## ", 1)[0]
    for words in ("data folder", "config folder", "COACH_DATA_DIR", "COACH_CONFIG_DIR",
                  "records.sqlite3", "anyone who can use", "`coach --private`",
                  "`coach forget N`", "`coach forget --all`", "F12", "`coach resume`"):
        assert words in privacy, words
