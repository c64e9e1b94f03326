"""Cue patterns that could backtrack without bound are refused when a cues file is read."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach import paths, resources
from coach.regex_safety import backtracking_problem

HOSTILE = [
    r"(a+)+b",  # the textbook exponential
    r"(a*)*b",
    r"(a|a)*b",  # alternatives that overlap, repeated
    r"(a|ab)+c",
    r"(?:you|you )*x",
    r"(\w+\s?)+$",  # the "words" pattern that freezes on a long line
    r"^(([a-z])+.)+[A-Z]([a-z])+$",
    r"(.*a){12}",  # a counted repeat of a repeat
    r"(?:\s\w+){2,}",
    r"(?:(?:a+)?)+b",
    r"\w*\w*!",  # polynomial: side by side, same characters
    r".*.*=.*",
    r"you.*never.*listen",
    r"[a-z]+\d?[a-z0-9]+",  # only something optional between them
    r"(?:\w+|x)\w+",  # through a group's end
    r"a{1,100}a{1,100}b",
    r"(?=a)*b",  # a repeat of something that can match empty text
    r"x(?:a?)*",
    r"(a)\1",  # backreferences
    r"(?P<w>\w+) (?P=w)",
    r"(a)?(?(1)b|c)",  # a conditional group
    r"(?x) you \ never",  # verbose mode is not read
]

SAFE = [
    r"\bwhatever\b",
    r"[!?]{3,}",
    r"(?:^|[.!?]\s*)(?:oh,? )?whatever(?:[.!,]|\s*$)",
    r"\byou(?:'?re| are)?(?: such| so)?(?: an?)? (?:idiot|liar)\b",
    r"\w+\s+\w+",  # side by side, but nothing in common
    r"(?:ab)+c",  # a fixed run may repeat
    r".*x",
    r"a{1,3}a{1,3}",  # short counts stay short
    r"\bif you(?:'d| had)\b[^.!?]{0,60}\bi (?:wouldn't|would not)\b",
    r"\s+(?:[A-Z]\s+)?x",  # a letter certainly stands between the two
]


def cues_file(regex: str) -> str:
    quoted = regex.replace("'", "''")
    return f"cues:\n  - id: x\n    hint: h\n    regex: '{quoted}'\n"


@pytest.mark.parametrize("pattern", HOSTILE)
def test_a_hostile_pattern_is_refused_where_it_goes_wrong(pattern: str) -> None:
    found = backtracking_problem(pattern)
    assert found is not None, pattern
    offset, why = found
    value, problems = resources.parse_data_text("cues.yaml", cues_file(pattern), "mine.yaml")
    assert value is None
    [problem] = problems
    assert problem.rule == "regex-backtracking"
    assert problem.message == f'"regex" is refused: {why} (a long note could freeze the app)'
    # the column points at the construct at fault, inside the quoted pattern
    assert (problem.line, problem.column) == (4, 13 + offset)


@pytest.mark.parametrize(
    ("pattern", "offset", "says"),
    [
        (r"you (a+)+", 4, 'the repeated group "(a+)+" holds another repeat'),
        (r"x(a|ab)*", 1, 'the repeated group "(a|ab)*" holds alternatives'),
        (r"ab\w*c\w*d", 6, '"\\w*" and "\\w*" can match the same characters'),
        (r"(a)\1", 3, "a backreference (\\1)"),
        (r"(?P<w>a)(?P=w)", 8, "a backreference ((?P=...))"),
    ],
)
def test_the_message_names_the_construct(pattern: str, offset: int, says: str) -> None:
    found = backtracking_problem(pattern)
    assert found is not None
    assert found[0] == offset
    assert says in found[1]


def test_a_double_quoted_pattern_with_escapes_is_located_in_the_source() -> None:
    text = 'cues:\n  - id: x\n    hint: h\n    regex: "ab\\\\w*c\\\\w*d"\n'
    [problem] = resources.parse_data_text("cues.yaml", text)[1]
    # the quote is at column 12; the second \w* is written "\\w*" from column 20
    assert (problem.line, problem.column) == (4, 20)


@pytest.mark.parametrize("pattern", SAFE)
def test_safe_patterns_are_accepted(pattern: str) -> None:
    assert backtracking_problem(pattern) is None
    value, problems = resources.parse_data_text("cues.yaml", cues_file(pattern))
    assert problems == () and value is not None


def test_every_builtin_cue_pattern_passes_the_check() -> None:
    # phrases and caps become regular expressions too: they must be as safe
    cues = resources.cues()
    assert cues
    for cue in cues:
        for source, _flags in resources.cue_sources(cue):
            assert backtracking_problem(source) is None, (cue.id, source)


def test_a_users_hostile_pattern_falls_back_to_the_builtin_cues() -> None:
    resources.clear_cache()
    folder = paths.config_dir()
    folder.mkdir(parents=True)
    (folder / "cues.yaml").write_text(cues_file(r"(\w+\s?)+$"), encoding="utf-8")
    loaded = resources.load(resources.CUES)
    assert not loaded.overridden
    [problem] = loaded.problems
    assert problem.rule == "regex-backtracking" and problem.file.endswith("cues.yaml")
    assert [m.cue for m in resources.find_cues("You're overreacting.")] == ["minimising"]
    resources.clear_cache()


_TOKENS = st.sampled_from(
    ["a", "b", r"\w", r"\s", ".", "[ab]", "[^a]", r"\b", "^", "$", "(", "(?:", "(?=", ")",
     "|", "*", "+", "?", "{2}", "{1,}", "{,3}", "*?", r"\1", "(?P<n>", "(?P=n)", "{", "}"]
)


@given(st.lists(_TOKENS, max_size=14).map("".join))
def test_the_check_reads_any_pattern_that_compiles(pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error:
        return
    found = backtracking_problem(pattern)
    if found is not None:
        offset, why = found
        assert 0 <= offset <= len(pattern) and why
