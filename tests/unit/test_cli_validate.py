"""`coach validate`: located problems, a caret under the column, a summary, the right exit code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.unit.cli_support import GOOD, run

LINE = re.compile(
    r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<msg>.+)$"
)

TYPO = "title: T\nsummary: S\nsteps:\n  - share:\n      promt: Tell it.\n"
WARNS = "title: T\nsummary: S\nsteps:\n  - reflect: Back.\n"


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problem_lines(out: str) -> list[re.Match[str]]:
    return [m for m in (LINE.match(line) for line in out.splitlines()) if m]


def test_a_good_file_exits_0_with_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "good.yaml", GOOD)
    code, out, err = run(capsys, "validate", str(path))
    assert code == 0
    assert out.strip().splitlines() == ["1 file checked: no problems"]
    assert err == ""


def test_an_error_is_one_located_line_then_the_source_and_a_caret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "typo.yaml", TYPO)
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        f'{path}:5:7: error: unknown key "promt" in share; did you mean "prompt"?'
    )
    source, caret = lines[1], lines[2]
    assert source.endswith("|       promt: Tell it.")
    assert source.index("|") == caret.index("|")
    bar = source.index("|") + 2  # "| " then the line as written
    assert caret[bar:] == " " * 6 + "^"
    assert source[bar + 6 :].startswith("promt")
    assert lines[-1] == "1 file checked: 1 error"


def test_caret_lines_up_under_tabs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "tab.yaml", "title: T\nsummary: S\nsteps:\n\t- say: hi\n")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    lines = out.splitlines()
    match = LINE.match(lines[0])
    assert match is not None and "tab" in match["msg"]
    assert (match["line"], match["column"]) == ("4", "1")
    assert lines[2].endswith("| ^")


def test_warnings_exit_0_and_strict_makes_them_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "warns.yaml", WARNS)
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0
    (match,) = problem_lines(out)
    assert match["severity"] == "warning"
    assert (match["line"], match["column"]) == ("4", "5")
    assert out.splitlines()[-1] == "1 file checked: 1 warning"
    code, _, _ = run(capsys, "validate", "--strict", str(path))
    assert code == 1


def test_strict_with_a_clean_file_still_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "good.yaml", GOOD)
    assert run(capsys, "validate", "--strict", str(path))[0] == 0


def test_summary_counts_files_errors_and_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [
        write(tmp_path, "a.yaml", TYPO),
        write(tmp_path, "b.yaml", WARNS),
        write(tmp_path, "c.yaml", GOOD),
        write(tmp_path, "d.yaml", "title: T\nsummary: S\nsteps:\n  - goto: x\n  - goto: y\n"),
    ]
    code, out, _ = run(capsys, "validate", *map(str, files))
    assert code == 1
    assert out.splitlines()[-1] == "4 files checked: 3 errors, 1 warning"
    assert {m["file"] for m in problem_lines(out)} == {str(files[0]), str(files[1]), str(files[3])}


@pytest.mark.parametrize(
    "argv",
    [
        ["validate"],
        ["validate", "--format", "xml", "x.yaml"],
        ["validate", "--no-such-option", "x.yaml"],
        ["no-such-command"],
    ],
)
def test_a_bad_command_line_exits_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert "usage" in err.lower() or "error" in err.lower()
    assert "Traceback" not in out + err


def test_a_missing_path_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "good.yaml", GOOD)
    code, _, err = run(capsys, "validate", str(good), str(tmp_path / "missing.yaml"))
    assert code == 2
    assert "missing.yaml" in err


def test_a_folder_without_exercise_files_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "validate", str(tmp_path / "empty"))
    assert code == 2
    assert "no exercise files" in err


def test_folders_are_searched_for_yaml_and_yml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "lib/one.yaml", GOOD.replace("hi", "one"))
    write(tmp_path, "lib/deeper/two.yml", "id: two\n" + GOOD)
    write(tmp_path, "lib/deeper/three.YAML", "id: three\n" + TYPO)
    write(tmp_path, "lib/notes.txt", "not an exercise: {")
    write(tmp_path, "lib/README.md", "# hi")
    code, out, _ = run(capsys, "validate", str(tmp_path / "lib"))
    assert out.splitlines()[-1] == "3 files checked: 1 error"
    (match,) = problem_lines(out)
    assert match["file"].endswith("three.YAML")
    assert code == 1


def test_the_same_id_twice_in_one_folder_is_an_error_on_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write(tmp_path, "lib/one.yaml", "id: same\n" + GOOD)
    second = write(tmp_path, "lib/sub/two.yaml", "id: same\n" + GOOD)
    write(tmp_path, "lib/three.yaml", "id: other\n" + GOOD)
    code, out, _ = run(capsys, "validate", str(tmp_path / "lib"))
    assert code == 1
    matches = problem_lines(out)
    assert {m["file"] for m in matches} == {str(first), str(second)}
    for match in matches:
        assert match["severity"] == "error"
        assert '"same"' in match["msg"]
        assert (match["line"], match["column"]) == ("1", "1")
    assert "2 errors" in out.splitlines()[-1]


def test_the_same_id_from_a_file_name_counts_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "lib/calm-down.yaml", GOOD)
    write(tmp_path, "lib/other.yaml", "id: calm-down\n" + GOOD)
    code, out, _ = run(capsys, "validate", str(tmp_path / "lib"))
    assert code == 1
    assert len(problem_lines(out)) == 2


def test_the_same_id_in_files_named_one_by_one_is_fine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # two separate files given by name are not "one place"; each is checked alone
    first = write(tmp_path, "a/x.yaml", "id: same\n" + GOOD)
    second = write(tmp_path, "b/y.yaml", "id: same\n" + GOOD)
    assert run(capsys, "validate", str(first), str(second))[0] == 0


def test_json_format_is_an_array_of_located_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = write(tmp_path, "typo.yaml", TYPO)
    warns = write(tmp_path, "warns.yaml", WARNS)
    code, out, _ = run(capsys, "validate", "--format", "json", str(typo), str(warns))
    assert code == 1
    problems = json.loads(out)  # nothing but JSON on stdout
    assert isinstance(problems, list) and len(problems) == 2
    for problem in problems:
        assert set(problem) >= {"file", "line", "column", "severity", "message", "rule"}
        assert isinstance(problem["line"], int) and isinstance(problem["column"], int)
    error = next(p for p in problems if p["severity"] == "error")
    assert error == {
        "file": str(typo),
        "line": 5,
        "column": 7,
        "severity": "error",
        "message": 'unknown key "promt" in share; did you mean "prompt"?',
        "rule": "unknown-key",
    }
    warning = next(p for p in problems if p["severity"] == "warning")
    assert warning["rule"] == "reflect-before-share"


def test_json_format_with_no_problems_is_an_empty_array(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "good.yaml", GOOD)
    code, out, _ = run(capsys, "validate", "--format", "json", str(path))
    assert code == 0
    assert json.loads(out) == []


def test_json_format_and_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "warns.yaml", WARNS)
    code, out, _ = run(capsys, "validate", "--format", "json", "--strict", str(path))
    assert code == 1
    assert [p["severity"] for p in json.loads(out)] == ["warning"]


def _garbage() -> dict[str, bytes]:
    laughs = ['l0: &l0 "lol"'] + [
        f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 10)
    ]
    return {
        "binary.yaml": bytes(range(256)) * 4,
        "latin1.yaml": "title: Café\n".encode("latin-1"),
        "utf16.yaml": "title: T\n".encode("utf-16"),
        "big.yaml": b"description: " + b"x" * (300 * 1024) + b"\n",
        "empty.yaml": b"",
        "nul.yaml": b"title: \x00\n",
        "tabs.yaml": b"title: T\n\tsummary: S\n",
        "laughs.yaml": ("\n".join(laughs) + "\n").encode(),
        "python.yaml": b"title: !!python/object/apply:os.system ['true']\n",
        "deep.yaml": b"title: " + b"[" * 20000 + b"]" * 20000 + b"\n",
        "deepmap.yaml": b"title: " + b"{a: " * 5000 + b"b" + b"}" * 5000 + b"\n",
        "keys.yaml": b"? [a, b]\n: c\n{x: 1}: 2\n",
        "unclosed.yaml": b'title: "\n',
        "directive.yaml": b"%YAML 1.1\n%TAG ! tag:x,2000:\n--- !a\nb\n",
        "control.yaml": b"title: \x1b[31mred\x1b[0m\nsummary: \x07\nsteps:\n  - say: \x0c\n",
        "lonely-cr.yaml": b"title: T\rsummary: S\rsteps:\r  - say: hi\r",
        "surrogate.yaml": b"title: \xed\xa0\x80\n",
        "when.yaml": (
            "title: T\nsummary: S\nsteps:\n  - say: hi\n    when: '" + "(" * 3000 + "'\n"
        ).encode(),
    }


def test_never_a_traceback_whatever_the_file_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [write(tmp_path, f"junk/{name}", data) for name, data in _garbage().items()]
    code, out, err = run(capsys, "validate", *map(str, files))
    assert "Traceback" not in out + err
    assert code == 1
    located = problem_lines(out)
    failing = {m["file"] for m in located if m["severity"] == "error"}
    assert failing == {str(f) for f in files} - {str(tmp_path / "junk/lonely-cr.yaml")}
    for match in located:
        assert int(match["line"]) >= 1 and int(match["column"]) >= 1
    assert out.splitlines()[-1].startswith(f"{len(files)} files checked: ")


@pytest.mark.parametrize("name", ["empty.yaml", "latin1.yaml", "big.yaml"])
def test_whole_file_problems_are_at_1_1(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, name, _garbage()[name])
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    (match,) = problem_lines(out)
    assert (match["file"], match["line"], match["column"]) == (str(path), "1", "1")


def test_a_folder_of_built_in_style_files_reports_every_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for index in range(5):
        write(tmp_path, f"lib/ex{index}.yaml", GOOD)
    code, out, _ = run(capsys, "validate", str(tmp_path / "lib"), str(tmp_path / "lib/ex0.yaml"))
    assert code == 0
    assert out.splitlines()[-1] == "6 files checked: no problems"
