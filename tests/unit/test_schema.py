"""The JSON Schema: a valid schema, strict about keys, described, and agreeing with the loader."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from jsonschema.validators import validator_for

from coach.format.loader import load_text
from coach.format.model import STEP_TYPES
from coach.format.schema import exercise_schema
from tests.unit.format_support import SPEC_EXAMPLE, yaml_data
from tests.unit.format_support import exercise_text as _file

DRAFTS = {
    "https://json-schema.org/draft/2020-12/schema": jsonschema.Draft202012Validator,
    "http://json-schema.org/draft-07/schema#": jsonschema.Draft7Validator,
}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return exercise_schema()


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> jsonschema.protocols.Validator:
    cls = validator_for(schema)
    return cls(schema)


def test_schema_declares_a_draft_editors_support(schema: dict[str, Any]) -> None:
    # issue 2 allows 2020-12 or draft-07; the lead chose draft-07 for yaml-language-server
    assert schema["$schema"] in DRAFTS
    assert validator_for(schema) is DRAFTS[schema["$schema"]]


def test_schema_is_valid_for_its_draft_and_for_2020_12(schema: dict[str, Any]) -> None:
    validator_for(schema).check_schema(schema)
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_is_the_same_every_time() -> None:
    assert exercise_schema() == exercise_schema()


def test_schema_has_one_definition_per_action(schema: dict[str, Any]) -> None:
    definitions = schema.get("definitions") or schema.get("$defs")
    assert definitions is not None
    assert set(definitions) == set(STEP_TYPES)


def _objects(node: object, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object definition (not the partial constraints inside anyOf, which have no type)."""
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield path, node
        for key, value in node.items():
            yield from _objects(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _objects(value, f"{path}/{index}")


def test_every_object_refuses_unknown_keys(schema: dict[str, Any]) -> None:
    objects = list(_objects(schema))
    assert len(objects) > 15
    for path, node in objects:
        assert node.get("additionalProperties") is not True, path
        if "properties" in node:
            assert node.get("additionalProperties") is False, path


def test_every_property_carries_a_description(schema: dict[str, Any]) -> None:
    for path, node in _objects(schema):
        for name, prop in node.get("properties", {}).items():
            description = prop.get("description", "")
            assert isinstance(description, str) and len(description) > 5, f"{path}/{name}"


def test_descriptions_come_from_the_model(schema: dict[str, Any]) -> None:
    assert "yaml-language-server" not in schema["properties"]
    assert "speaks first" in schema["properties"]["first_speaker"]["description"]
    definitions = schema.get("definitions") or schema.get("$defs") or {}
    reflect = definitions["reflect"]["properties"]
    assert "max_tries" in reflect and reflect["max_tries"]["description"]
    assert definitions["share"]["description"]
    assert definitions["share"]["properties"]["share"]["description"]


@pytest.mark.parametrize(
    "document",
    [
        {"title": "T", "summary": "S", "steps": [{"say": "hi"}], "titel": "x"},
        {"title": "T", "summary": "S", "steps": [{"say": "hi", "promt": "x"}]},
        {"title": "T", "summary": "S", "steps": [{"share": {"promt": "x"}}]},
        {"title": "T", "summary": "S", "steps": [{"say": "hi"}], "pause": {"lenght": "5m"}},
        {
            "title": "T",
            "summary": "S",
            "steps": [{"ask": "Q", "options": [{"label": "a", "y": 1}]}],
        },
        {"title": "T", "summary": "S", "steps": [{"say": "hi"}], "first_speaker": {"who": "a"}},
    ],
)
def test_schema_rejects_unknown_keys(
    validator: jsonschema.protocols.Validator, document: dict[str, Any]
) -> None:
    assert not validator.is_valid(document)


# --- agreement with the loader ---------------------------------------------------------
#
# The schema describes each key and value; the loader checks the same things, so on
# any file that breaks no whole-file rule the two must agree. Left out on purpose,
# because JSON Schema cannot say them: goto targets that do not exist, duplicate step
# ids, placeholders and condition variables that nothing sets, loops with no answer,
# and the unreachable/order warnings (all need the whole file); and the rules that tie
# one field to another: scale low below high, labels and pause_at inside the scale,
# who: both with goto/set. Placeholder and condition syntax, zero-length
# durations and a unit given twice ("1m1m") are also left to the loader, as is 1.0
# where a whole number is expected (JSON Schema counts 1.0 as an integer).


VALID = {
    "spec example": SPEC_EXAMPLE,
    "minimal": _file("- say: hi"),
    "say nested": _file("- say:\n    text: '**Hi** {a}'"),
    "say beside": _file("- say:\n  text: Hi"),
    "say nested and beside": _file("- say: {}\n  text: Hi"),
    "ask beside": _file("- ask:\n  question: Q\n  who: b"),
    "rate nested": _file("- rate:\n    question: Q"),
    "share shorthand": _file("- share: Tell."),
    "share empty": _file("- share:"),
    "share nested": _file("- share:\n    prompt: P\n    starters: [I, We]\n    notes: required"),
    "share beside": _file("- share: P\n  starters: [I]\n  notes: off\n  time_limit: 90"),
    "reflect": _file("- share:\n- reflect:\n    confirm: false\n    max_tries: 5\n- reflect: x"),
    "name_emotion": _file(
        "- name_emotion:\n- name_emotion:\n    guesser: speaker\n    vocabulary: [hurt, No]\n"
        "    max: 2\n    save_as: feel"
    ),
    "validate": _file("- name_emotion:\n- validate:\n- validate: Why?\n  starters: [Of course]"),
    "ask": _file(
        "- ask: Q?\n  who: listener\n  save_as: answer\n  options:\n"
        "    - Yes\n    - 010\n    - {label: No, goto: out, set: {calm: 3, word: x}}\n"
        "- id: out\n  ask:\n    question: Both?\n    who: both\n    options: [a, b]"
    ),
    "rate": _file(
        "- rate: R?\n- rate:\n    question: Q\n    who: speaker\n    scale: [-5, 5]\n"
        "    labels: {-5: low, 0: mid, +5: high}\n    save_as: calm\n    pause_at: 3"
    ),
    "rate quoted label keys": _file("- rate: R?\n  labels: {'0': low, \"10\": high}"),
    "pause": _file(
        "- pause: 5m\n- pause: 90\n- pause:\n- pause:\n    length: 1m30s\n    breathing: 4-7-8\n"
        "    message: Breathe\n    skippable: false"
    ),
    "commit": _file("- commit: C\n- commit:\n    who: both\n    review_in: 3d"),
    "commit together": _file("- commit: {prompt: What will we do?, who: together}"),
    "review": _file("- review:\n- review: R\n  which: all"),
    "swap goto end": _file("- id: top\n  say: hi\n- swap: true\n- goto: top\n  when: round == 1\n"
                           "- end: Bye\n- end: true"),
    "first_speaker question": _file("- say: hi", "first_speaker: {ask: 'Who, {a} or {b}?'}"),
    "first_speaker word": _file("- say: hi", "first_speaker: random"),
    "yaml 1.2 text": _file(
        "- say: yes\n- ask: Q\n  options: [No, off, '1:30']\n- share: x\n  notes: off",
        "title: No\ntags: [on, 010]\nvars:\n  answer: No\n  time: 1:30",
    ).replace("title: T\n", "", 1),
    "every top-level key": _file(
        "- say: hi",
        "version: 1\nid: x-1\ndescription: D\ntags: []\nminutes: 1\nrounds: 3\n"
        "private_check: true\npause: {length: 1h, breathing: none, suggest_after: 1}\n"
        "vars: {n: 1.5, m: -2, t: text}",
    ),
}

INVALID = {
    "unknown top key": _file("- say: hi", "titel: x"),
    "unknown step key": _file("- say: hi\n  promt: x"),
    "unknown field": _file("- share:\n    promt: x"),
    "unknown pause key": _file("- say: hi", "pause: {lenght: 5m}"),
    "no action": _file("- id: x"),
    "two actions": _file("- say: hi\n  share: x"),
    "missing title": "summary: S\nsteps:\n  - say: hi\n",
    "missing steps": "title: T\nsummary: S\n",
    "empty steps": "title: T\nsummary: S\nsteps: []\n",
    "steps not a list": "title: T\nsummary: S\nsteps: {say: hi}\n",
    "title a list": "title: [a]\nsummary: S\nsteps:\n  - say: hi\n",
    "title empty": "title: ''\nsummary: S\nsteps:\n  - say: hi\n",
    "title blank": "title: '  '\nsummary: S\nsteps:\n  - say: hi\n",
    "title null": "title:\nsummary: S\nsteps:\n  - say: hi\n",
    "minutes text": _file("- say: hi", "minutes: ten"),
    "minutes zero": _file("- say: hi", "minutes: 0"),
    "minutes 010": _file("- say: hi", "minutes: 010"),
    "rounds quoted": _file("- say: hi", "rounds: '2'"),
    "version 2": _file("- say: hi", "version: 2"),
    "private_check yes": _file("- say: hi", "private_check: yes"),
    "bad id": _file("- say: hi", "id: My_Id"),
    "bad step id": _file("- id: A\n  say: hi"),
    "tags text": _file("- say: hi", "tags: x"),
    "tags twice": _file("- say: hi", "tags: [a, a]"),
    "vars list": _file("- say: hi", "vars: [a]"),
    "vars bad name": _file("- say: hi", "vars: {Topic: x}"),
    "vars reserved": _file("- say: hi", "vars: {round: 1}"),
    "vars bool": _file("- say: hi", "vars: {x: true}"),
    "vars null": _file("- say: hi", "vars: {x: ~}"),
    "first_speaker c": _file("- say: hi", "first_speaker: c"),
    "breathing": _file("- say: hi", "pause: {breathing: square}"),
    "duration words": _file("- pause: 5 minutes"),
    "duration 1:30": _file("- pause: 1:30"),
    "duration negative": _file("- pause: -5"),
    "duration float": _file("- pause: 1.5"),
    "time_limit list": _file("- say: hi\n  time_limit: [1]"),
    "confirm yes": _file("- share:\n- reflect:\n    confirm: yes"),
    "max zero": _file("- name_emotion:\n    max: 0"),
    "max_tries text": _file("- share:\n- reflect:\n    max_tries: many"),
    "notes sometimes": _file("- share:\n    notes: sometimes"),
    "who nobody": _file("- ask: Q\n  who: nobody"),
    "rate who a": _file("- rate: Q\n  who: a"),
    "scale three": _file("- rate: Q\n  scale: [1, 2, 3]"),
    "scale text": _file("- rate: Q\n  scale: [a, b]"),
    "labels key": _file("- rate: Q\n  labels: {low: x}"),
    "labels key 010": _file("- rate: Q\n  labels: {010: x}"),
    "labels key quoted 010": _file("- rate: Q\n  labels: {'010': x}"),
    "vocabulary empty": _file("- name_emotion:\n    vocabulary: []"),
    "vocabulary word": _file("- name_emotion:\n    vocabulary: mine"),
    "save_as reserved": _file("- ask: Q\n  save_as: speaker"),
    "save_as bad": _file("- ask: Q\n  save_as: My-Answer"),
    "options text": _file("- ask: Q\n  options: yes"),
    "option without label": _file("- ask: Q\n  options: [{set: {x: 1}}]"),
    "swap false": _file("- say: hi\n- swap: false"),
    "swap text": _file("- say: hi\n- swap: yes"),
    "end false": _file("- say: hi\n- end: false"),
    "goto list": _file("- say: hi\n- goto: [a]"),
    "which some": _file("- review:\n    which: some"),
    "say list": _file("- say: [a]"),
    "say null": _file("- say:"),
    "say empty mapping": _file("- say: {}"),
    "ask without question": _file("- ask:\n    who: both"),
    "rate without question": _file("- rate:\n  who: both"),
    "step text": _file("- hello"),
    "when list": _file("- say: hi\n  when: [a]"),
    "skippable text": _file("- pause:\n    skippable: no"),
    "ask who together": _file("- ask: {question: Q, who: together}"),
    "vocabulary word with a comma": _file("- name_emotion: {vocabulary: [hurt, 'sad, low']}"),
    "vocabulary word twice": _file("- name_emotion: {vocabulary: [hurt, hurt]}"),
}


@pytest.mark.parametrize("name", sorted(VALID))
def test_schema_accepts_what_the_loader_accepts(
    name: str, validator: jsonschema.protocols.Validator
) -> None:
    text = VALID[name]
    result = load_text(text)
    assert result.errors == (), [str(p) for p in result.errors]
    errors = [e.message for e in validator.iter_errors(yaml_data(text))]
    assert errors == []


@pytest.mark.parametrize("name", sorted(INVALID))
def test_schema_refuses_what_the_loader_refuses(
    name: str, validator: jsonschema.protocols.Validator
) -> None:
    text = INVALID[name]
    result = load_text(text)
    assert result.exercise is None and result.errors
    assert not validator.is_valid(yaml_data(text)), f"schema accepts {name!r}"


def test_agreement_cases_cover_every_action() -> None:
    used = {action for text in VALID.values() for action in STEP_TYPES if f"- {action}:" in text}
    used |= {a for text in VALID.values() for a in STEP_TYPES if f"  {a}:" in text}
    assert used == set(STEP_TYPES)
