"""Small helpers shared by the format tests: build files, find where things stand in them."""

from __future__ import annotations

import textwrap

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from coach.format import yamlread
from coach.format.loader import LoadResult, load_text
from coach.format.model import Exercise, Step
from coach.format.problems import Problem, Reporter

HEADER = "title: T\nsummary: S\n"

#: the example file of the format's spec, comments and all
SPEC_EXAMPLE = """\
# yaml-language-server: $schema=exercise.schema.json
version: 1                      # optional, the only version is 1
id: first-reflection            # optional; default: the file name without its suffix
title: Your first reflection
summary: One partner shares a small moment; the other says it back.
description: |                  # optional, Markdown, shown before the start
  Pick something small for this first round. ...
tags: [listening, beginner]     # optional
minutes: 15                     # optional, estimated length
rounds: 2                       # optional, default 1: run the steps again with roles swapped
first_speaker: ask              # optional: ask (default) | a | b | random, or a question
private_check: false
pause:                          # optional defaults for breaks in this exercise
  length: 20m                   # how long a break taken with the pause key lasts
  breathing: box                # box | 4-7-8 | calm | none
  suggest_after: 5m             # default time_limit of every share/reflect step
vars:                           # optional starting values for variables
  topic: a small moment
steps:                          # required, at least one step
  - say: Welcome, {a} and {b}.
  - share: "{speaker}, describe {topic} from this week."
  - reflect: "{listener}, say back what you heard."
"""


def exercise_text(steps: str, head: str = "") -> str:
    """A file with a title, a summary, ``head`` (top-level keys) and ``steps`` (YAML list items).

    ``steps`` and ``head`` are dedented; each step line is indented under ``steps:``.
    """
    body = textwrap.indent(textwrap.dedent(steps).strip("\n"), "  ")
    top = textwrap.dedent(head).strip("\n")
    return HEADER + (top + "\n" if top else "") + "steps:\n" + body + "\n"


def load(text: str, stem: str = "sample") -> LoadResult:
    return load_text(text, file="sample.yaml", stem=stem)


def load_steps(steps: str, head: str = "") -> LoadResult:
    return load(exercise_text(steps, head))


def loaded(text: str) -> Exercise:
    """The exercise, asserting the file loads with no problem at all."""
    result = load(text)
    assert result.problems == (), [str(p) for p in result.problems]
    assert result.exercise is not None
    return result.exercise


def steps_of(steps: str, head: str = "") -> tuple[Step, ...]:
    return loaded(exercise_text(steps, head)).steps


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column where the ``nth`` occurrence of ``needle`` starts in ``text``."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def only_error(result: LoadResult) -> Problem:
    """The single problem of a refused file (asserting there is exactly one, an error)."""
    assert result.exercise is None
    assert len(result.problems) == 1, [str(p) for p in result.problems]
    problem = result.problems[0]
    assert problem.severity == "error"
    assert problem.line >= 1 and problem.column >= 1
    return problem


def error_at(result: LoadResult, line: int, column: int | None = None) -> Problem:
    """The error reported at ``line`` (and ``column``); the file must be refused."""
    assert result.exercise is None, "the file should have been refused"
    for problem in result.problems:
        if (
            problem.severity == "error"
            and problem.line == line
            and (column is None or problem.column == column)
        ):
            return problem
    raise AssertionError(
        f"no error at {line}:{column}; problems: {[str(p) for p in result.problems]}"
    )


def to_data(node: Node) -> object:
    """A composed node as JSON data, scalars read the YAML 1.2 way (as the loader reads them)."""
    if isinstance(node, MappingNode):
        return {str(to_data(k)): to_data(v) for k, v in node.value}
    if isinstance(node, SequenceNode):
        return [to_data(child) for child in node.value]
    assert isinstance(node, ScalarNode)
    return yamlread.plain_value(node)


def yaml_data(text: str) -> object:
    document = yamlread.compose(text, Reporter("<data>"))
    assert document is not None
    return to_data(document.root)
