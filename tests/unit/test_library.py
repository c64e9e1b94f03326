"""The library: built-ins, the user's folder and --exercises folders, with precedence."""

from __future__ import annotations

from pathlib import Path

from coach.format.loader import LoadResult
from coach.library import (
    Entry,
    builtin_dir,
    exercise_files,
    places,
    resolve,
    scan,
)
from coach.paths import user_exercises_dir


def exercise(title: str, exercise_id: str | None = None) -> str:
    head = f"id: {exercise_id}\n" if exercise_id else ""
    return head + f"title: {title}\nsummary: About {title}.\nsteps:\n  - say: hi\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def builtin_ids() -> set[str]:
    return {e.id for e in scan().entries.values() if e.source == "builtin"}


def test_places_in_precedence_order(tmp_path: Path) -> None:
    assert places([tmp_path / "x", tmp_path / "y"]) == [
        ("builtin", builtin_dir()),
        ("user", user_exercises_dir()),
        ("folder", tmp_path / "x"),
        ("folder", tmp_path / "y"),
    ]


def test_user_folder_comes_from_coach_config_dir(tmp_path: Path) -> None:
    # conftest points COACH_CONFIG_DIR into tmp_path
    assert user_exercises_dir() == tmp_path / "config" / "exercises"


def test_scanning_creates_no_folder(tmp_path: Path) -> None:
    scan()
    assert not (tmp_path / "config").exists()
    assert not (tmp_path / "data").exists()


def test_exercise_files_finds_yaml_and_yml_at_any_depth(tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", "x")
    b = write(tmp_path / "deep/er/b.yml", "x")
    c = write(tmp_path / "C.YAML", "x")
    write(tmp_path / "notes.txt", "x")
    write(tmp_path / "yaml", "x")
    (tmp_path / "folder.yaml").mkdir()
    assert set(exercise_files(tmp_path)) == {a, b, c}
    assert exercise_files(tmp_path / "missing") == []


def test_builtins_all_load() -> None:
    library = scan()
    builtins = [e for e in library.all() if e.source == "builtin"]
    assert builtins, "there are built-in exercises"
    assert [str(e.first_problem) for e in library.invalid] == []


def test_user_exercise_beats_a_builtin_and_is_reported(tmp_path: Path) -> None:
    builtin = sorted(builtin_ids())[0]
    mine = write(user_exercises_dir() / "mine.yaml", exercise("Mine", builtin))
    library = scan()
    entry = library.get(builtin)
    assert entry is not None
    assert (entry.source, entry.path) == ("user", mine)
    assert [(new.source, old.source) for new, old in library.replaced] == [("user", "builtin")]


def test_folder_beats_user_beats_builtin(tmp_path: Path) -> None:
    builtin = sorted(builtin_ids())[0]
    write(user_exercises_dir() / "mine.yaml", exercise("Mine", builtin))
    theirs = write(tmp_path / "extra/theirs.yaml", exercise("Theirs", builtin))
    library = scan([tmp_path / "extra"])
    entry = library.get(builtin)
    assert entry is not None
    assert (entry.source, entry.path, entry.exercise.title) == (  # type: ignore[union-attr]
        "folder",
        theirs,
        "Theirs",
    )
    pairs = [(new.source, old.source) for new, old in library.replaced]
    assert pairs == [("user", "builtin"), ("folder", "user")]


def test_a_later_folder_beats_an_earlier_one(tmp_path: Path) -> None:
    write(tmp_path / "one/x.yaml", exercise("One", "shared"))
    two = write(tmp_path / "two/x.yaml", exercise("Two", "shared"))
    library = scan([tmp_path / "one", tmp_path / "two"])
    entry = library.get("shared")
    assert entry is not None and entry.path == two


def test_the_same_id_twice_in_one_place_is_an_error_on_both(tmp_path: Path) -> None:
    first = write(user_exercises_dir() / "a.yaml", exercise("A", "twin"))
    second = write(user_exercises_dir() / "b/b.yaml", exercise("B", "twin"))
    library = scan()
    assert library.get("twin") is None
    bad = {e.path: e for e in library.invalid}
    assert set(bad) == {first, second}
    for path, other in ((first, second), (second, first)):
        problem = bad[path].first_problem
        assert problem is not None
        assert (problem.line, problem.column, problem.severity) == (1, 1, "error")
        assert '"twin"' in problem.message and str(other) in problem.message


def test_a_clash_in_one_place_does_not_hide_the_builtin(tmp_path: Path) -> None:
    builtin = sorted(builtin_ids())[0]
    write(tmp_path / "extra/a.yaml", exercise("A", builtin))
    write(tmp_path / "extra/b.yaml", exercise("B", builtin))
    library = scan([tmp_path / "extra"])
    entry = library.get(builtin)
    assert entry is not None and entry.source == "builtin"
    clashing = [e for e in library.invalid if e.source == "folder"]
    assert len(clashing) == 2
    assert all(f'"{builtin}"' in str(e.first_problem) for e in clashing)


def test_invalid_files_are_kept_with_their_first_problem(tmp_path: Path) -> None:
    broken = write(tmp_path / "extra/broken-one.yaml", "title: T\nsteps: []\n")
    library = scan([tmp_path / "extra"])
    (entry,) = [e for e in library.invalid if e.path == broken]
    assert entry.id == "broken-one"  # from the file name when the file does not load
    assert entry.exercise is None
    assert entry.first_problem is not None
    assert entry.first_problem.line >= 1
    assert entry in library.all()


def test_all_is_sorted_by_id(tmp_path: Path) -> None:
    write(tmp_path / "extra/zz.yaml", exercise("Z"))
    write(tmp_path / "extra/aa.yaml", exercise("A"))
    ids = [e.id for e in scan([tmp_path / "extra"]).all()]
    assert ids == sorted(ids)


def test_resolve_by_path_and_by_id(tmp_path: Path) -> None:
    path = write(tmp_path / "extra/by-path.yaml", exercise("P"))
    by_path = resolve(str(path))
    assert isinstance(by_path, LoadResult) and by_path.exercise is not None
    by_id = resolve("by-path", [tmp_path / "extra"])
    assert isinstance(by_id, Entry) and by_id.path == path
    assert resolve("no-such-exercise") is None
    assert resolve(str(tmp_path / "missing.yaml")) is None


def test_resolve_returns_an_invalid_file_with_its_problems(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.yaml", "title: T\n")
    result = resolve(str(path))
    assert isinstance(result, LoadResult)
    assert result.exercise is None and result.errors
