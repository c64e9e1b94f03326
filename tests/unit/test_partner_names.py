"""Partner names: which pairs are refused, and remembering the last pair."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coach.engine import NamesError, check_names
from coach.partner_names import last_names, names_path, refusals, remember_names


def test_good_names_pass() -> None:
    assert refusals("Sam", "Alex") == (None, None)


def test_empty_and_identical_names_are_refused() -> None:
    assert refusals("", "Alex") == ("Type a name: any name you like.", None)
    assert refusals("Sam", " \t") == (None, "Type a name: any name you like.")
    # the pair is refused in the engine's own words, as a sentence
    assert refusals("Sam", "  SAM ")[1] == (
        'Both names are "Sam": give each of you a different name (a nickname or an initial '
        "will do), so coach can tell you apart."
    )


@given(st.text(min_size=1, max_size=30).filter(lambda s: s.strip()))
def test_a_name_is_never_accepted_twice_whatever_it_holds(name: str) -> None:
    assert refusals(name, f"  {name}\t")[1] is not None
    assert refusals(name, name.casefold())[1] is not None


@given(st.text(max_size=12), st.text(max_size=12))
def test_the_names_the_set_up_accepts_are_those_the_engine_accepts(a: str, b: str) -> None:
    try:
        check_names(a, b)
    except NamesError as error:
        refused = refusals(a, b)
        assert refused != (None, None)
        if a.strip() and b.strip():  # the pair itself: the engine's message, beside B
            assert refused == (None, error.message[:1].upper() + error.message[1:] + ".")
    else:
        assert refusals(a, b) == (None, None)


def test_remembered_names_survive_markup_and_emoji() -> None:
    remember_names(" [bold]Sam[/ ", "Alex 🙂 $x")
    assert last_names() == ("[bold]Sam[/", "Alex 🙂 $x")


def test_a_broken_names_file_means_no_names() -> None:
    names_path().parent.mkdir(parents=True)
    names_path().write_text("{not json", "utf-8")
    assert last_names() == ("", "")
    names_path().write_text('{"a": 3, "b": "Alex"}', "utf-8")
    assert last_names() == ("", "Alex")

