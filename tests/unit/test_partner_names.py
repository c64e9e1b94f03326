"""Partner names: which pairs are refused, and remembering the last pair."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coach.partner_names import last_names, names_path, refusals, remember_names


def test_good_names_pass() -> None:
    assert refusals("Sam", "Alex") == (None, None)


def test_empty_and_identical_names_are_refused() -> None:
    assert refusals("", "Alex")[0] is not None
    assert refusals("Sam", " \t")[1] is not None
    assert refusals("Sam", "  SAM ")[1] == (
        "The same as partner A's name: please use another."
    )


@given(st.text(min_size=1, max_size=30).filter(lambda s: s.strip()))
def test_a_name_is_never_accepted_twice_whatever_it_holds(name: str) -> None:
    assert refusals(name, f"  {name}\t")[1] is not None
    assert refusals(name, name.casefold())[1] is not None


def test_remembered_names_survive_markup_and_emoji() -> None:
    remember_names(" [bold]Sam[/ ", "Alex 🙂 $x")
    assert last_names() == ("[bold]Sam[/", "Alex 🙂 $x")


def test_a_broken_names_file_means_no_names() -> None:
    names_path().parent.mkdir(parents=True)
    names_path().write_text("{not json", "utf-8")
    assert last_names() == ("", "")
    names_path().write_text('{"a": 3, "b": "Alex"}', "utf-8")
    assert last_names() == ("", "Alex")

