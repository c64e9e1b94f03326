"""The library's rows: the search, and the order of groups and rows. No Textual."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

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
