"""Placeholders in step text: {name}, {{ and }} for braces, lone braces refused where they stand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.format.placeholders import PlaceholderError, Ref, literal_template, parse_template


def test_plain_text_has_no_placeholders() -> None:
    template = parse_template("Take a breath.")
    assert template.refs == ()
    assert template.render(lambda name: None) == "Take a breath."


def test_placeholders_are_found_with_their_offsets() -> None:
    template = parse_template("Hi {a} and {b}, about {topic}.")
    assert template.refs == (Ref("a", 3), Ref("b", 11), Ref("topic", 22))


def test_render_fills_in_values() -> None:
    values = {"a": "Sam", "b": "Alex", "topic": "Sunday"}
    template = parse_template("{a} and {b}: {topic}")
    assert template.render(values.get) == "Sam and Alex: Sunday"


def test_a_value_not_set_yet_appears_as_written() -> None:
    assert parse_template("Hello {later}!").render(lambda name: None) == "Hello {later}!"


def test_double_braces_are_literal_braces() -> None:
    template = parse_template("Use {{ and }} for {{braces}}, {a}.")
    assert template.refs == (Ref("a", 30),)
    assert template.render({"a": "Sam"}.get) == "Use { and } for {braces}, Sam."


def test_filled_values_are_flagged_so_they_are_never_read_as_markup() -> None:
    parts = parse_template("Said: {note}").render_parts({"note": "[b]*hi*[/b] {a}"}.get)
    assert parts == (("Said: ", False), ("[b]*hi*[/b] {a}", True))


def test_a_value_is_never_expanded_again() -> None:
    # what a partner typed stays as typed, even when it looks like a placeholder
    assert parse_template("{note}").render({"note": "{a}", "a": "X"}.get) == "{a}"


@pytest.mark.parametrize(
    ("source", "offset", "words"),
    [
        ("a { b", 2, ['lone "{"', "{{"]),
        ("a } b", 2, ['lone "}"', "}}"]),
        ("{", 0, ['lone "{"']),
        ("}", 0, ['lone "}"']),
        ("end {", 4, ['lone "{"']),
        ("{a", 0, ['lone "{"']),
        ("{{a}", 3, ['lone "}"']),
        ("{a}}", 3, ['lone "}"']),
        ("{ {a}", 0, ['lone "{"']),
        ("ok {a} then }", 12, ['lone "}"']),
    ],
)
def test_lone_braces_are_refused_at_their_position(
    source: str, offset: int, words: list[str]
) -> None:
    with pytest.raises(PlaceholderError) as caught:
        parse_template(source)
    assert caught.value.offset == offset
    for word in words:
        assert word in caught.value.message


@pytest.mark.parametrize(
    ("source", "offset"),
    [("{}", 0), ("hi {Name}", 3), ("{my-topic}", 0), ("{ a }", 0), ("x {9}", 2), ("{a.b}", 0)],
)
def test_braces_around_something_that_is_not_a_variable_are_refused(
    source: str, offset: int
) -> None:
    with pytest.raises(PlaceholderError) as caught:
        parse_template(source)
    assert caught.value.offset == offset
    assert "{{" in caught.value.message  # says how to write a brace


def test_literal_template_shows_braces_exactly() -> None:
    template = literal_template("a { b } c")
    assert template.refs == ()
    assert template.render(lambda name: "X") == "a { b } c"


@given(st.text(max_size=40))
def test_random_text_parses_or_gives_an_offset_inside_it(source: str) -> None:
    try:
        template = parse_template(source)
    except PlaceholderError as exc:
        assert 0 <= exc.offset < len(source)
        assert source[exc.offset] in "{}"
        return
    assert template.source == source
    for ref in template.refs:
        assert source[ref.offset : ref.offset + len(ref.name) + 2] == "{" + ref.name + "}"
    rendered = template.render(lambda name: None)
    assert len(rendered) == len(source) - source.count("{{") - source.count("}}") or (
        "{{{" in source or "}}}" in source
    )
