"""Whatever a file holds, loading it never raises and every problem has a place."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coach.format.loader import LoadResult, load_text

TOP_KEYS = [
    *("version", "id", "title", "summary", "description", "tags", "minutes", "rounds"),
    *("first_speaker", "private_check", "pause", "vars", "steps"),
]
STEP_KEYS = [
    *("say", "share", "reflect", "name_emotion", "validate", "ask", "rate", "pause"),
    *("commit", "review", "swap", "goto", "end", "id", "when", "time_limit"),
]
FIELD_KEYS = [
    *("text", "prompt", "starters", "notes", "confirm", "max_tries", "guesser", "vocabulary"),
    *("max", "save_as", "question", "who", "options", "label", "goto", "set", "scale"),
    *("labels", "pause_at", "length", "breathing", "message", "skippable", "review_in"),
    *("which", "suggest_after", "ask", "topic", "calm", "promt"),
]
SCALARS = [
    *("", "hi", "Hello {a}", "{topic}", "{calm_low}", "a { b", "}}", "{{x}}", "true", "false"),
    *("yes", "No", "off", "010", "1:30", "7", "-1", "0", "1.5", "5m", "1m30s", "7d", "0s"),
    *("calm >= 7", "answer == 'x' and not round == 1", "((", "speaker", "listener", "both"),
    *("core", "box", "4-7-8", "ask", "random", "a", "b", "due", "off", "optional", "x-1"),
    *("emotion", "round", "tries", "calm", "top", "Bad Name", "~", "null"),
]


def _check(result: LoadResult, text: str | None = None) -> None:
    assert isinstance(result, LoadResult)
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1, str(problem)
        assert problem.severity in ("error", "warning")
        assert problem.message and problem.rule
        if text is not None:
            # a line that exists (PyYAML also breaks lines at NEL and U+2028, as splitlines does)
            assert problem.line <= len(text.splitlines()) + 1, str(problem)
    assert (result.exercise is None) == bool(result.errors)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
@example("title: T\nsummary: S\nsteps:\n\t- say: hi\n")
@example("a: &a [*a]\n")
@example("--- !!python/object/apply:os.system ['true']\n")
@example("? [a]\n: b\n")
@example("{[1]: 2}")
@example("title: T\nsummary: S\nsteps:\n  - [1, 2]\n  - {? [x] : y}\n")
def test_random_text_never_raises(text: str) -> None:
    _check(load_text(text), text)


@settings(max_examples=200)
@given(st.binary(max_size=300))
@example(b"\xff\xfe\x00t")
@example(b"\x00\x00\x00")
@example(b"\xef\xbb\xbf")
def test_random_bytes_never_raise(data: bytes) -> None:
    _check(load_text(data))


SCALAR = st.one_of(
    st.sampled_from(SCALARS),
    st.integers(min_value=-20, max_value=20),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False, width=16),
)
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(FIELD_KEYS + STEP_KEYS), inner, max_size=4),
    ),
    max_leaves=12,
)
STEP = st.one_of(
    st.dictionaries(st.sampled_from(STEP_KEYS + FIELD_KEYS[:6]), VALUE, min_size=1, max_size=4),
    SCALAR,
)
OPTIONAL_TOP_KEYS = [key for key in TOP_KEYS if key not in ("title", "summary", "steps")]
DOCUMENT = st.builds(
    lambda title, summary, extra, steps: {
        "title": title,
        "summary": summary,
        **extra,
        **({"steps": steps} if steps is not None else {}),
    },
    st.sampled_from(["T", "No", "", "{a}"]),
    SCALAR,
    st.dictionaries(st.sampled_from(OPTIONAL_TOP_KEYS), VALUE, max_size=4),
    st.none() | st.lists(STEP, max_size=6),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENT, st.sampled_from([False, True]))
def test_random_documents_from_the_spec_keys_never_raise(document: dict, flow: bool) -> None:
    text = yaml.safe_dump(document, default_flow_style=flow, sort_keys=False, allow_unicode=True)
    _check(load_text(text), text)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENT, st.data())
def test_damaged_documents_never_raise(document: dict, data: st.DataObject) -> None:
    text = yaml.safe_dump(document, sort_keys=False)
    position = data.draw(st.integers(min_value=0, max_value=len(text)))
    damage = data.draw(st.sampled_from(["\t", "", ":", "- ", "&x ", "*x", "!t ", "'", "{", "\n  "]))
    cut = data.draw(st.integers(min_value=0, max_value=3))
    damaged = text[:position] + damage + text[position + cut :]
    _check(load_text(damaged), damaged)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(STEP_KEYS[:13]), min_size=1, max_size=8), st.data())
def test_valid_steps_in_any_order_load_or_fail_only_on_flow(
    actions: list[str], data: st.DataObject
) -> None:
    """Well-formed steps of every action: only whole-file flow rules may refuse them."""
    shorthand = {
        "say": "say: hi {a}",
        "share": "share: Tell.",
        "reflect": "reflect:",
        "name_emotion": "name_emotion:",
        "validate": "validate:",
        "ask": "ask: Q?\n    save_as: q",
        "rate": "rate: R?\n    save_as: r",
        "pause": "pause: 1m",
        "commit": "commit:",
        "review": "review:",
        "swap": "swap: true",
        "goto": "goto: s0",
        "end": "end: Bye {b}.",
    }
    lines = ["title: T", "summary: S", "steps:"]
    for index, action in enumerate(actions):
        lines.append(f"  - id: s{index}\n    {shorthand[action]}")
    text = "\n".join(lines) + "\n"
    result = load_text(text)
    _check(result, text)
    assert {p.rule for p in result.errors} <= {"no-answer-loop"}, [str(p) for p in result.errors]


#: lines shaped like an exercise's, at any indentation: what the indentation check reads
INDENTED_LINE = st.builds(
    lambda spaces, dash, key, value: " " * spaces + dash + key + value,
    st.integers(0, 8),
    st.sampled_from(["", "- ", "- - "]),
    st.sampled_from(["title:", "steps:", "say:", "save_as:", "", "# note", "text"]),
    st.sampled_from(["", " x", " |", " >-", " [a,", " 'it's'", ": y"]),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(INDENTED_LINE, max_size=12))
def test_misindented_documents_never_raise(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    result = load_text(text)
    _check(result, text)
    for problem in result.problems:
        if problem.rule == "indentation":  # the line it names is the line it points at
            assert f"line {problem.line} " in problem.message


COMPARISON = st.builds(
    lambda left, op, right: f"{left} {op} {right}",
    st.sampled_from(["round", "calm", "1", "-2.5"]),
    st.sampled_from(["==", "!=", "<", "<=", ">", ">="]),
    st.one_of(st.sampled_from(["round", "calm", "'x'", "9" * 400]),
              st.integers(-3, 1_000_000_000).map(str), st.floats(-5, 50).map(lambda f: f"{f:.2f}")),
)
CONDITION = st.recursive(
    COMPARISON,
    lambda inner: st.one_of(
        st.builds(lambda a, b: f"({a}) and ({b})", inner, inner),
        st.builds(lambda a, b: f"({a}) or ({b})", inner, inner),
        inner.map(lambda a: f"not ({a})"),
    ),
    max_leaves=4,
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 1_000_000), st.lists(CONDITION, min_size=1, max_size=4), st.booleans())
def test_flow_checks_over_any_when_never_raise(rounds: int, whens: list[str], loop: bool) -> None:
    steps = "".join(f"  - id: s{i}\n    say: hi\n    when: \"{w}\"\n" for i, w in enumerate(whens))
    if loop:
        steps += f"  - goto: s0\n    when: \"{whens[-1]}\"\n"
    text = f"title: T\nsummary: S\nrounds: {rounds}\nvars: {{calm: 1}}\nsteps:\n{steps}"
    _check(load_text(text), text)
