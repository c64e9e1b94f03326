"""The library's rows: the search, and the order of groups and rows. No Textual."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from pytest import MonkeyPatch

from coach.ui.library_rows import Group, Row, filtered, sorted_rows


def row(title: str, group: Group, problems: tuple[tuple[str, int, int, str], ...] = ()) -> Row:
    return Row(key=title, group=group, title=title, summary="", tags=(), minutes=None,
               description="", origin="", path=Path(title), problems=problems)


def test_groups_in_order_exercises_before_broken_files_then_by_title() -> None:
    builtin, own = Group("Built-in", (0, "")), Group("Your own", (1, ""))
    broken = (("f", 1, 1, "bad"),)
    rows = [row("b", own), row("Z", builtin), row("a.yaml", builtin, broken), row("a", builtin)]
    assert [r.title for r in sorted_rows(rows)] == ["a", "Z", "a.yaml", "b"]


@given(st.text(max_size=40), st.lists(st.text(max_size=20), max_size=4), st.text(max_size=30))
def test_search_never_raises_and_an_empty_query_keeps_everything(
    title: str, tags: list[str], query: str
) -> None:
    row = Row(key="k", group=Group("Built-in", (0, "")), title=title, summary="s",
              tags=tuple(tags), minutes=None, description="", origin="built-in", path=Path("k"))
    assert filtered([row], "   ") == [row]
    found = filtered([row], query)
    if all(word in " ".join((title, "s", *tags)).casefold() for word in query.casefold().split()):
        assert found == [row]
    else:
        assert found == []


# --- the built-ins' rows, shipped for a first start ----------------------------------------


def write_exercise(folder: Path, stem: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.yaml"
    path.write_text(f"title: {stem}\nsummary: s\nsteps:\n  - say: Hello.\n", "utf-8")
    return path


def test_the_shipped_rows_are_those_of_the_built_in_files_today() -> None:
    from coach.ui.library_rows import SHIPPED_ROWS, scan_rows, shipped_text

    assert SHIPPED_ROWS.read_text("utf-8") == shipped_text(scan_rows()), (
        "a built-in exercise or the built-in path changed: "
        "run `python scripts/build_builtin_rows.py`"
    )


def test_a_first_start_draws_the_built_ins_as_the_scan_would() -> None:
    from coach.ui.library_rows import _row_to_json, quick_rows, scan_rows

    quick = quick_rows()
    assert quick is not None  # no cache yet: the shipped rows
    assert [_row_to_json(r) for r in quick] == [_row_to_json(r) for r in scan_rows()]
    assert all(r.exercise is None and r.path.is_file() for r in quick)


def test_the_shipped_rows_are_not_used_when_the_list_would_differ(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    import coach.ui.library_rows as library_rows
    from coach.paths import user_data_overrides_dir, user_exercises_dir
    from coach.resources import DATA_DIR, PATH
    from coach.ui.library_rows import BUILTIN_PATH_FILE, shipped_rows

    assert BUILTIN_PATH_FILE == DATA_DIR / PATH
    assert shipped_rows() is not None
    # an --exercises folder with a file in it: the built-ins alone, only when asked for
    folder = tmp_path / "extra"
    write_exercise(folder, "theirs")
    assert shipped_rows([folder]) is None
    partly = shipped_rows([folder], partly=True) or []
    assert [r.title for r in partly] == [r.title for r in shipped_rows() or []]
    assert shipped_rows([tmp_path / "empty"]) is not None
    # the user's own path through the exercises
    user_data_overrides_dir().mkdir(parents=True)
    (user_data_overrides_dir() / "path.yaml").write_text("stages: []\n", "utf-8")
    assert shipped_rows() is None
    assert shipped_rows(partly=True) is None
    (user_data_overrides_dir() / "path.yaml").unlink()
    # the user's own exercise
    mine = write_exercise(user_exercises_dir(), "mine")
    assert shipped_rows() is None
    mine.unlink()
    # built-in files that are not the ones the rows were made from
    stale = json.loads(library_rows.SHIPPED_ROWS.read_text("utf-8"))
    stale["digest"] = "0" * 64
    (tmp_path / "stale.json").write_text(json.dumps(stale), "utf-8")
    monkeypatch.setattr(library_rows, "SHIPPED_ROWS", tmp_path / "stale.json")
    assert shipped_rows() is None
    # a damaged or missing file
    (tmp_path / "stale.json").write_text("{", "utf-8")
    assert shipped_rows() is None
    monkeypatch.setattr(library_rows, "SHIPPED_ROWS", tmp_path / "gone.json")
    assert shipped_rows() is None
