"""One test per refusal in "What a validator must refuse" (spec: exercise-format.md).

Each checks the severity, where the problem points (line, and column where it
means something) and the words an author needs to fix it.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from coach.format.loader import load_file, load_text
from coach.format.yamlread import MAX_BYTES
from tests.unit.format_support import (
    HEADER,
    at,
    error_at,
    exercise_text,
    load,
    load_steps,
    only_error,
)

# --- YAML that cannot be read ------------------------------------------------------


def test_yaml_syntax_error_points_at_the_line() -> None:
    text = HEADER + "steps:\n  - say: [unclosed\n  - say: fine\n"
    problem = only_error(load(text))
    assert problem.rule == "syntax"
    assert "YAML syntax error" in problem.message
    # libyaml notices the missing "]" where the next item begins
    assert problem.line in (4, 5)


def test_unbalanced_quote_is_a_syntax_error() -> None:
    text = 'title: "Unclosed\nsummary: S\nsteps:\n  - say: hi\n'
    problem = only_error(load(text))
    assert "syntax" in problem.message.lower()
    assert problem.line >= 1


@pytest.mark.parametrize(
    ("text", "needle", "shown"),
    [
        ('title: T\nsummary: "Unclosed\nsteps:\n  - say: hi\n', '"Unclosed', 'quote (")'),
        ("title: T\nsummary: S\nsteps:\n  - say: 'hello\n", "'hello", "quote (')"),
        ("title: T\nsummary: S\nsteps:\n  - say: [a, b\n", "[a, b", "bracket ([)"),
        ("title: T\nsummary: S\nsteps:\n  - say: {text: a\n", "{text", "brace ({)"),
    ],
)
def test_quote_or_bracket_never_closed_points_where_it_opens(
    text: str, needle: str, shown: str
) -> None:
    # libyaml finds out at the end of the file, past the last line: nothing to fix there
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, needle)
    assert shown in problem.message and "never closed" in problem.message


@pytest.mark.parametrize(
    ("step", "words"),
    [
        ("- share: {speaker}, tell {listener} about it.", "starts with a placeholder"),
        ("- say: Welcome: {a} and {b}", 'holds ": " must be in quotes'),
        ("- say: 'it's here'", "write '' for an apostrophe"),
    ],
)
def test_syntax_errors_from_plain_text_say_how_to_quote(step: str, words: str) -> None:
    text = exercise_text(step)
    problem = only_error(load(text))
    assert problem.rule == "syntax" and problem.line == 4
    assert words in problem.message


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        # one space too many before a key: once "mapping values are not allowed in this
        # context; text that holds ': ' must be in quotes"
        (
            HEADER + "steps:\n  - ask: Q\n    save_as: x\n     who: both\n",
            6,
            "line 6 is indented one space more than `save_as` on line 5; line them up",
        ),
        (
            HEADER + "steps:\n  - ask: Q\n    save_as: x\n   who: both\n",
            6,
            "line 6 is indented one space less than `save_as` on line 5",
        ),
        (
            HEADER + "steps:\n  - ask: Q\n    save_as: x\n      who: both\n",
            6,
            "line 6 is indented two spaces more than `save_as` on line 5",
        ),
        (
            HEADER + "steps:\n  - id: x\n     say: hi\n",
            5,
            "line 5 is indented one space more than `id` on line 4",
        ),
        # a step's dash one space off
        (
            HEADER + "steps:\n  - say: hi\n   - say: there\n",
            5,
            "the dash (-) on line 5 is indented one space more than the dash (-) on line 4",
        ),
        (
            HEADER + "steps:\n  - say: hi\n - say: there\n",
            5,
            "the dash (-) on line 5 is indented one space less than the dash (-) on line 4",
        ),
        # a list's dash lines up with its sibling dashes, not with a key beside one
        (
            HEADER + "steps:\n- say: hi\n  - say: there\n",
            5,
            "the dash (-) on line 5 is indented two spaces more than the dash (-) on line 4",
        ),
        # steps: indented by one
        (
            HEADER + " steps:\n  - say: hi\n",
            3,
            "line 3 is indented one space more than `summary` on line 2",
        ),
        # the text of a block scalar and comments are not lines to line up with
        (
            HEADER + "description: |\n  Text\n     more\n # a comment\n steps:\n  - say: hi\n",
            7,
            "line 7 is indented one space more than `description` on line 3",
        ),
    ],
)
def test_indentation_errors_say_which_line_and_how_far_off(
    text: str, line: int, message: str
) -> None:
    problem = only_error(load(text))
    assert problem.rule == "indentation"
    assert problem.line == line
    assert problem.column == len(text.splitlines()[line - 1]) - len(
        text.splitlines()[line - 1].lstrip()
    ) + 1
    assert problem.message.startswith(message)
    # no parser wording reaches the author
    for raw in ("mapping values", "expected", "block", "syntax", "quotes"):
        assert raw not in problem.message


def test_a_colon_in_text_on_a_well_indented_line_is_still_a_quoting_problem() -> None:
    problem = only_error(load(HEADER + "steps:\n  - ask: Q\n    save_as: x: y\n"))
    assert problem.rule == "syntax" and 'must be in quotes' in problem.message


def test_tab_in_indentation_says_tab_at_its_line() -> None:
    text = HEADER + "steps:\n\t- say: hi\n"
    problem = only_error(load(text))
    assert (problem.line, problem.column) == (4, 1)
    assert "tab" in problem.message
    assert problem.rule == "tab"


def test_tab_in_nested_indentation_says_tab() -> None:
    text = HEADER + "pause:\n  length: 5m\n \tbreathing: box\nsteps:\n  - say: hi\n"
    problem = only_error(load(text))
    assert problem.line == 5
    assert problem.column == 2  # the tab, after one space
    assert "tab" in problem.message


def test_tab_inside_a_value_is_fine() -> None:
    text = HEADER + 'steps:\n  - say: "a\\tb"\n  - say: "c\td"\n'
    assert load(text).problems == ()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("- say: hi\n- say: ho\n", "a list"),
        ("just some words\n", "text"),
        ("42\n", "the number 42"),
    ],
)
def test_top_level_must_be_a_mapping(text: str, found: str) -> None:
    problem = only_error(load(text))
    assert (problem.line, problem.column) == (1, 1)
    assert "top level must be a mapping" in problem.message
    assert found in problem.message


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "   \n  \n", "# just a comment\n# and another\n", "---\n", "--- # hi\n...\n"],
)
def test_empty_file_is_refused_at_1_1(text: str) -> None:
    # An author reads a file holding only a document marker as empty too.
    problem = only_error(load(text))
    assert (problem.line, problem.column) == (1, 1)
    assert "empty" in problem.message


def test_second_document_is_refused() -> None:
    text = HEADER + "steps:\n  - say: hi\n---\ntitle: Other\n"
    problem = only_error(load(text))
    assert problem.line == 5
    assert "document" in problem.message


# --- keys ------------------------------------------------------------------------------


def test_duplicate_top_level_key_names_both_lines() -> None:
    text = "title: First\nsummary: S\ntitle: Second\nsteps:\n  - say: hi\n"
    problem = only_error(load(text))
    assert (problem.line, problem.column) == (3, 1)
    assert 'duplicate key "title"' in problem.message
    assert "line 1" in problem.message and "line 3" in problem.message
    assert problem.rule == "duplicate-key"


def test_duplicate_key_in_a_step_names_both_lines() -> None:
    text = exercise_text(
        """
        - share:
            prompt: one
            starters: [I]
            prompt: two
        """
    )
    problem = only_error(load(text))
    assert problem.line == at(text, "prompt: two")[0]
    assert problem.column == at(text, "prompt: two")[1]
    assert f"line {at(text, 'prompt: one')[0]}" in problem.message
    assert f"line {problem.line}" in problem.message


def test_duplicate_key_in_vars_names_both_lines() -> None:
    text = exercise_text("- say: '{topic}'", head="vars:\n  topic: a\n  topic: b")
    problem = error_at(load(text), at(text, "topic: b")[0], 3)
    assert 'duplicate key "topic"' in problem.message
    assert f"line {at(text, 'topic: a')[0]}" in problem.message


def test_unknown_key_in_an_action_suggests_prompt() -> None:
    text = exercise_text("- share:\n    promt: Tell it")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "promt")
    assert 'unknown key "promt"' in problem.message
    assert 'did you mean "prompt"?' in problem.message
    assert problem.rule == "unknown-key"


def test_unknown_key_beside_the_action_suggests_prompt() -> None:
    text = exercise_text("- reflect:\n  promtp: Say it back")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "promtp")
    assert 'did you mean "prompt"?' in problem.message


def test_unknown_top_level_key_suggests_the_closest() -> None:
    text = "titel: T\nsummary: S\nsteps:\n  - say: hi\n"
    result = load(text)
    problem = next(p for p in result.errors if p.rule == "unknown-key")
    assert (problem.line, problem.column) == (1, 1)
    assert 'unknown key "titel"' in problem.message
    assert 'did you mean "title"?' in problem.message


def test_unknown_key_in_pause_settings_suggests() -> None:
    text = exercise_text("- say: hi", head="pause:\n  lenght: 5m")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "lenght")
    assert 'did you mean "length"?' in problem.message


def test_unknown_key_in_an_option_suggests() -> None:
    text = exercise_text(
        """
        - ask: Ready?
          options:
            - label: Yes
              got: end
        - id: end
          end: true
        """
    )
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "got:")
    assert 'did you mean "goto"?' in problem.message


@pytest.mark.parametrize(
    "steps",
    [
        "- share: go\n- &r\n  reflect: back\n- <<: *r\n  when: round == 1",
        "- &r\n  share: go\n- share:\n    <<: *r",
    ],
)
def test_merge_key_is_refused_with_a_word_on_yaml_1_2(steps: str) -> None:
    text = exercise_text(steps)
    problem = error_at(load(text), *at(text, "<<"))
    assert 'unknown key "<<"' in problem.message and "YAML 1.2" in problem.message


def test_unknown_common_key_in_a_step_suggests() -> None:
    text = exercise_text("- say: hi\n  time_limt: 5m")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "time_limt")
    assert 'did you mean "time_limit"?' in problem.message


# --- steps --------------------------------------------------------------------------------


def test_step_with_no_action_is_refused() -> None:
    text = exercise_text("- say: hi\n- id: lonely\n  when: round == 1")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "id: lonely")
    assert "step 2 has no action" in problem.message
    assert "say" in problem.message and "share" in problem.message


def test_step_that_is_not_a_mapping_is_refused() -> None:
    text = exercise_text("- say: hi\n- just text")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "just text")
    assert "step 2" in problem.message and "one action" in problem.message


def test_step_with_two_actions_is_refused_at_the_second() -> None:
    text = exercise_text("- say: hi\n  share: tell")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "share")
    assert "more than one action" in problem.message
    assert '"say"' in problem.message and '"share"' in problem.message
    assert problem.rule == "many-actions"


# --- required keys --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("summary: S\nsteps:\n  - say: hi\n", "title"),
        ("title: T\nsteps:\n  - say: hi\n", "summary"),
        ("title: T\nsummary: S\n", "steps"),
    ],
)
def test_missing_required_key(text: str, missing: str) -> None:
    problem = only_error(load(text))
    assert (problem.line, problem.column) == (1, 1)
    assert f'missing "{missing}"' in problem.message
    assert problem.rule == "missing-key"


def test_empty_steps_list_is_refused_where_it_stands() -> None:
    text = HEADER + "steps: []\n"
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "[]")
    assert "empty" in problem.message and "at least one step" in problem.message


def test_steps_with_nothing_is_refused() -> None:
    text = HEADER + "steps:\n"
    problem = only_error(load(text))
    assert problem.line == 3
    assert '"steps"' in problem.message


@pytest.mark.parametrize(
    ("head", "needle", "words"),
    [
        ("title: ''", "''", ['"title" is empty']),
        ("title: [a, b]", "[a, b]", ['"title" must be text', "a list"]),
    ],
)
def test_title_must_be_text(head: str, needle: str, words: list[str]) -> None:
    text = head + "\nsummary: S\nsteps:\n  - say: hi\n"
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, needle)
    for word in words:
        assert word in problem.message


# --- wrong types and out-of-range values ----------------------------------------------------


@pytest.mark.parametrize("version", ["0", "2", "-1", "99"])
def test_every_version_but_1_gets_the_same_message(version: str) -> None:
    problem = only_error(load(f"title: T\nsummary: S\nversion: {version}\nsteps:\n  - say: hi\n"))
    assert problem.message == f'"version" must be 1, not {version}'


def test_every_placeholder_a_first_speaker_question_cannot_use_is_reported() -> None:
    text = ("title: T\nsummary: S\nfirst_speaker:\n  ask: '{speaker} or {a}, {listener}?'\n"
            "steps:\n  - say: hi\n")
    result = load(text)
    assert [(p.line, p.column, p.message) for p in result.errors] == [
        (4, 9, "only {a}, {b} can be used here, not {speaker}"),
        (4, 27, "only {a}, {b} can be used here, not {listener}"),
    ]


@pytest.mark.parametrize(
    ("head", "value", "words"),
    [
        ("minutes: ten", "ten", ['"minutes" must be a whole number', '"ten"']),
        ("minutes: 12.5", "12.5", ['"minutes" must be a whole number']),
        ("minutes: 0", "0", ['"minutes" must be 1 or more']),
        ("rounds: 0", "0", ['"rounds" must be 1 or more']),
        ("rounds: '2'", "'2'", ['"rounds" must be a whole number']),
        ("version: 2", "2", ['"version" must be 1']),
        ("private_check: yes", "yes", ['"private_check" must be true or false', "only true"]),
        ("tags: listening", "listening", ['"tags" must be a list']),
        ("tags: [a, a]", "a]", ['"a" appears twice']),
        ("tags: [Listening, listening]", "listening]", ["\"listening\" appears twice", "case"]),
        ("vars: [topic]", "[topic]", ['"vars" must be a mapping']),
        ("vars:\n  topic: [a, b]", "[a, b]", ['"topic" must be text or a number']),
        ("vars:\n  topic: true", "true", ['"topic" must be text or a number']),
        ("first_speaker: c", "c", ['"first_speaker" must be one of ask, a, b, random']),
        ("first_speaker: {aks: Who?}", "aks", ['did you mean "ask"?']),
        ("pause:\n  breathing: square", "square", ['"breathing" must be one of box']),
        ("pause: 5m", "5m", ['"pause" must be a mapping']),
        ("id: My Exercise", "My Exercise", ["not a valid id", "lowercase"]),
        ("steps: hello", "hello", ['"steps" must be a list']),
    ],
)
def test_wrong_top_level_values(head: str, value: str, words: list[str]) -> None:
    text = HEADER + head + "\n" + ("" if "steps:" in head else "steps:\n  - say: hi\n")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, value, nth=_nth(text, value))
    for word in words:
        assert word in problem.message, problem.message


def _nth(text: str, value: str) -> int:
    """The occurrence of ``value`` after the header (header words such as "S" come first)."""
    return text[: len(HEADER)].count(value)


@pytest.mark.parametrize(
    ("step", "value", "words"),
    [
        ("- rate: Calm?\n  scale: [5, 5]", "[5, 5]", ["low end", "(5)", "below the high end (5)"]),
        ("- rate: Calm?\n  scale: [10, 0]", "[10, 0]", ["low end", "(10)", "below"]),
        ("- rate: Calm?\n  scale: [0, 10, 20]", "[0, 10, 20]", ["two whole numbers"]),
        ("- rate: Calm?\n  scale: [low, high]", "[low, high]", ["two whole numbers"]),
        (
            "- rate: Calm?\n  labels: {0: calm, 11: upset}",
            "11",
            ["11", "outside the scale 0 to 10"],
        ),
        ("- rate: Calm?\n  pause_at: 12", "12", ["pause_at 12", "outside the scale 0 to 10"]),
        ("- name_emotion:\n    max: 0", "0", ['"max" must be 1 or more']),
        ("- name_emotion:\n    vocabulary: []", "[]", ["at least one word"]),
        ("- name_emotion:\n    vocabulary: mine", "mine", ["core or a list of words"]),
        (
            "- name_emotion:\n    vocabulary: [hurt, 'tired, worn out']",
            ", worn",
            ['"tired, worn out" holds a comma', "separated by commas"],
        ),
        (
            "- name_emotion:\n    vocabulary: [Hurt, sad, hurt]",
            "hurt]",
            ['"hurt" appears twice', '(as "Hurt": case does not count)'],
        ),
        ("- name_emotion:\n    vocabulary: [sad, sad]", "sad]", ['"sad" appears twice in']),
        ("- reflect:\n    max_tries: 0", "0", ['"max_tries" must be 1 or more']),
        ("- reflect:\n    confirm: maybe", "maybe", ['"confirm" must be true or false']),
        ("- share: Tell\n  notes: sometimes", "sometimes", ['"notes" must be one of off']),
        ("- ask: Who?\n  who: nobody", "nobody", ['"who" must be one of speaker, listener']),
        ("- rate: Calm?\n  who: a", "a\n", ['"who" must be one of both, speaker, listener']),
        ("- review:\n    which: some", "some", ['"which" must be one of due, open, all']),
        ("- swap: false", "false", ["swap takes true"]),
        ("- swap: yes", "yes", ["swap takes true", '"yes"', "only true and false"]),
        ("- say: hi\n- end:\n    text: Bye", "text", ["end takes true or a closing text"]),
        ("- say: [a, b]", "[a, b]", ['"say" takes text', "not a list"]),
        ("- ask: Who?\n  options: Yes", "Yes", ['"options" must be a list']),
        ("- ask: Pick\n  options: [Yes, Yes]", "Yes]", ['"Yes" appears twice']),
    ],
)
def test_wrong_step_values(step: str, value: str, words: list[str]) -> None:
    text = exercise_text(step)
    problem = only_error(load(text))
    expected = at(text, value, nth=text[: len(HEADER) + 10].count(value))
    assert (problem.line, problem.column) == expected, str(problem)
    for word in words:
        assert word in problem.message, problem.message


@pytest.mark.parametrize(
    ("step", "value"),
    [
        ("- pause: 5 minutes", "5 minutes"),
        ("- pause: 0", "0"),
        ("- pause: 0s", "0s"),
        ("- pause: -5", "-5"),
        ("- pause: 1.5m", "1.5m"),
        ("- pause: 5x", "5x"),
        ("- pause: m5", "m5"),
        ("- pause: 1m1m", "1m1m"),
        ("- say: hi\n  time_limit: soon", "soon"),
        ("- say: hi\n  time_limit: [5m]", "[5m]"),
        ("- commit: Do it\n  review_in: 1w", "1w"),
    ],
)
def test_bad_duration_is_refused_where_it_stands(step: str, value: str) -> None:
    text = exercise_text(step)
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, value, nth=text[:30].count(value))
    assert f'"{value}"' in problem.message or "duration" in problem.message
    assert problem.rule in ("duration", "type")


def test_bad_duration_in_pause_settings() -> None:
    text = exercise_text("- say: hi", head="pause:\n  suggest_after: later")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "later")
    assert '"suggest_after"' in problem.message and "duration" in problem.message


# --- ids and goto -----------------------------------------------------------------------------


def test_goto_to_a_missing_id_points_at_the_target() -> None:
    text = exercise_text("- id: start\n  say: hi\n- goto: strat")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "strat")
    assert 'no step has the id "strat"' in problem.message
    assert 'did you mean "start"?' in problem.message
    assert problem.rule == "goto-target"


def test_option_goto_to_a_missing_id_is_refused() -> None:
    text = exercise_text("- ask: Again?\n  options:\n    - {label: Yes, goto: nowhere}\n    - No")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "nowhere")
    assert '"nowhere"' in problem.message


def test_duplicate_step_ids_name_both_lines() -> None:
    text = exercise_text("- id: again\n  say: one\n- say: two\n- id: again\n  say: three")
    problem = only_error(load(text))
    first, second = at(text, "id: again")[0], at(text, "id: again", nth=1)[0]
    assert problem.line == second
    assert 'duplicate step id "again"' in problem.message
    assert f"line {first}" in problem.message and f"line {second}" in problem.message


def test_bad_step_id_is_refused() -> None:
    text = exercise_text("- id: Step_One\n  say: hi")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "Step_One")
    assert "lowercase letters, digits and -" in problem.message


def test_step_ids_and_variables_are_separate_namespaces() -> None:
    # an id does not set a variable: {intro} is never set
    text = exercise_text("- id: intro\n  say: hi\n- say: '{intro}'")
    problem = only_error(load(text))
    assert "{intro}" in problem.message and "never set" in problem.message


# --- variables, placeholders and conditions -------------------------------------------------


def test_unset_placeholder_points_at_the_placeholder() -> None:
    text = exercise_text("- say: Hello {a}, think of {topic}.")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "{topic}")
    assert "{topic}" in problem.message and "never set" in problem.message
    assert "vars" in problem.message and "save_as" in problem.message
    assert problem.rule == "unset-variable"


def test_unset_placeholder_suggests_a_close_variable() -> None:
    text = exercise_text("- say: '{topik}'", head="vars:\n  topic: x")
    problem = only_error(load(text))
    assert 'did you mean "topic"?' in problem.message


def test_unset_placeholder_in_a_literal_block_points_at_its_line() -> None:
    text = exercise_text("- say: |\n    First line.\n    Then {missing} here.")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "{missing}")


@pytest.mark.parametrize(
    "step",
    [
        "- say: >\n    Folded text,\n    then {missing} here.",
        "- say: Plain text\n    that goes on with {missing}",
        '- say: "Quoted text\n    that goes on: {missing}"',
        '- say: "A \\"quoted\\" word, {missing}"',
        "- say: 'it''s {missing}'",
    ],
)
def test_unset_placeholder_in_folded_or_quoted_text_points_at_it(step: str) -> None:
    text = exercise_text(step)
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "{missing}")


def test_unset_condition_variable_on_a_folded_line_points_at_it() -> None:
    text = exercise_text("- say: hi\n  when: >-\n    round == 1\n    and mood == 2")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "mood")


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (exercise_text("- say: hi", head="vars:\n  topic: 'a { here'"), "{ here"),
        (exercise_text("- ask: Q\n  options:\n    - {label: x, set: {who: '} said'}}"), "} said"),
        (exercise_text("- say: hi", head="vars:\n  topic: |\n    line one\n    a { here"),
         "{ here"),
    ],
)
def test_a_lone_brace_in_vars_or_set_is_refused_where_it_stands(text: str, needle: str) -> None:
    problem = only_error(load(text))
    assert problem.rule == "placeholder"
    assert (problem.line, problem.column) == at(text, needle)
    assert "lone" in problem.message


def test_an_unset_placeholder_in_vars_or_set_is_refused() -> None:
    text = exercise_text("- ask: Q\n  options:\n    - {label: x, set: {line: '{nobody} chose'}}",
                         head="vars:\n  topic: '{missing} thing'")
    first, second = load(text).errors
    assert (first.line, first.column) == at(text, "{missing}") and "never set" in first.message
    assert (second.line, second.column) == at(text, "{nobody}")


def test_placeholders_and_doubled_braces_in_vars_and_set_are_fine() -> None:
    text = exercise_text("- ask: Q\n  options:\n    - {label: x, set: {line: '{b} chose'}}",
                         head="vars:\n  topic: '{{braces}} for {a}'")
    assert load(text).problems == ()


def test_placeholder_set_later_in_the_file_is_fine() -> None:
    # "one that is not set yet when shown appears as written": not an error
    text = exercise_text("- say: 'Earlier: {feeling}'\n- ask: How?\n  save_as: feeling")
    assert load(text).problems == ()


def test_placeholder_in_a_quoted_string_points_inside_the_quotes() -> None:
    text = exercise_text('- say: "Hi {nobody}"')
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "{nobody}")


@pytest.mark.parametrize(
    ("step", "needle"),
    [
        ("- share: {speaker}", "{speaker}"),
        ("- reflect:\n    prompt: {listener}", "{listener}"),
        ("- ask: Who starts?\n  options: [{a}, Neither]", "{a}"),
        ("- end: {a}", "{a}"),
        ("- share: go\n  starters: [{speaker}]", "{speaker}"),
    ],
)
def test_unquoted_placeholder_read_as_a_mapping_says_to_quote_it(step: str, needle: str) -> None:
    # YAML reads `{speaker}` at the start of a value as a mapping {speaker: null}
    text = exercise_text(step)
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, needle)
    assert "put this text in quotes" in problem.message and needle in problem.message
    assert problem.rule == "unquoted-placeholder"


def test_a_real_mapping_of_fields_is_not_taken_for_a_placeholder() -> None:
    text = exercise_text("- share: {prompt}\n- ask: Go?\n  options: [{label}]")
    result = load(text)
    assert all(p.rule != "unquoted-placeholder" for p in result.problems)


def test_lone_brace_in_step_text_is_refused_at_the_brace() -> None:
    text = exercise_text("- say: 'a } here'")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "}")
    assert "lone" in problem.message and "}}" in problem.message


def test_unset_condition_variable_points_at_the_variable() -> None:
    text = exercise_text("- say: hi\n  when: round == 1 and calm >= 7")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "calm")
    assert '"calm"' in problem.message and "sets" in problem.message
    assert problem.rule == "unset-variable"


def test_goto_with_nothing_says_it_needs_a_step_id() -> None:
    text = exercise_text("- say: hi\n- goto:")
    problem = only_error(load(text))
    assert problem.line == at(text, "goto:")[0]
    assert "goto needs the id of a step (`goto: STEP_ID`), not nothing" in problem.message


def test_unset_word_compared_with_a_variable_says_to_quote_it() -> None:
    text = exercise_text("- ask: Go on?\n  options: [yes, no]\n  save_as: answer\n"
                         "- say: ok\n  when: answer == yes and calm > 1", head="vars: {calm: 2}")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "yes and")
    assert 'put it in quotes: "yes"' in problem.message


def test_unset_variable_compared_with_a_number_gets_no_quote_hint() -> None:
    text = exercise_text("- say: ok\n  when: calm > 1")
    assert "quotes" not in only_error(load(text)).message


def test_condition_variable_set_by_an_option_is_fine() -> None:
    text = exercise_text(
        "- ask: Ready?\n  options:\n    - {label: Yes, set: {ready: 1}}\n    - No\n"
        "- say: good\n  when: ready == 1"
    )
    assert load(text).problems == ()


@pytest.mark.parametrize(
    ("condition", "at_text", "words"),
    [
        ("calm >> 7", "> 7", ["does not parse"]),
        ("calm = 7", "= 7", ["does not parse", "=="]),
        ("calm >= ", None, ["does not parse", "ends"]),
        ("(calm >= 7", "(", ["does not parse", "never closed"]),
        ("calm >= 7)", ")", ["does not parse", "no matching"]),
        ("calm", None, ["does not parse", "comparison"]),
        ("answer == yes please", "please", ["does not parse"]),
        ("answer == 'open", "'open", ["does not parse", "closing"]),
        ("Calm >= 7", "Calm", ["does not parse", "variable name"]),
        ("calm >= 7 && round == 1", "&", ["does not parse"]),
        ("__import__('os').system('x')", ".", ["does not parse"]),
    ],
)
def test_condition_that_does_not_parse_points_at_the_fault(
    condition: str, at_text: str | None, words: list[str]
) -> None:
    text = exercise_text(
        "- rate: Calm?\n  save_as: calm\n- ask: Say\n  save_as: answer\n"
        f'- say: ok\n  when: "{condition}"'
    )
    problem = only_error(load(text))
    line, column = at(text, f'"{condition}"')
    column += 1  # inside the quotes
    assert problem.line == line
    if at_text is None:  # at the end of the condition
        assert problem.column == column + len(condition)
    else:
        assert problem.column == column + condition.index(at_text)
    for word in words:
        assert word in problem.message, problem.message
    assert problem.rule == "condition"


def test_condition_must_be_text() -> None:
    text = exercise_text("- say: hi\n  when: [a]")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "[a]")
    assert '"when" must be a condition' in problem.message


@pytest.mark.parametrize(
    ("head_or_step", "name", "words"),
    [
        ("vars:\n  Topic: x", "Topic", ["not an allowed variable name"]),
        ("vars:\n  9lives: x", "9lives", ["not an allowed variable name"]),
        ("vars:\n  my-topic: x", "my-topic", ["not an allowed variable name"]),
        ("vars:\n  round: 2", "round", ["reserved"]),
        ("vars:\n  speaker: Sam", "speaker", ["reserved"]),
        ("vars:\n  a: x", "a:", ["reserved"]),
    ],
)
def test_bad_variable_name_in_vars(head_or_step: str, name: str, words: list[str]) -> None:
    text = exercise_text("- say: hi", head=head_or_step)
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, name, nth=text[:20].count(name))
    for word in words:
        assert word in problem.message
    assert problem.rule == "variable-name"


@pytest.mark.parametrize(
    ("name", "suggested"),
    [("go-on", "go_on"), ("Calm", "calm"), ("my topic", "my_topic"), ("9lives", "_9lives"),
     ("Speaker", None), ("--", None)],
)
def test_a_refused_variable_name_suggests_only_a_name_that_is_allowed(
    name: str, suggested: str | None
) -> None:
    problem = only_error(load_steps(f"- ask: Q\n  save_as: '{name}'"))
    assert problem.rule == "variable-name"
    if suggested is None:
        assert "did you mean" not in problem.message
    else:
        assert problem.message.endswith(f'did you mean "{suggested}"?')


@pytest.mark.parametrize("placeholder", ["go_on_a", "go_on_b", "go-on_a"])
def test_a_refused_save_as_is_never_suggested_for_a_placeholder(placeholder: str) -> None:
    # save_as: go-on with who: both; the placeholder go_on_a once got 'did you mean
    # "go-on_a"?', a name that is itself refused
    steps = "- ask: {question: Q, save_as: go-on, who: both}\n- say: '{" + placeholder + "}'"
    result = load_steps(steps)
    assert all('"go-on' not in p.message.partition("did you mean")[2] for p in result.errors)
    assert result.errors[0].message.endswith('did you mean "go_on"?')


def test_a_close_placeholder_is_suggested_only_among_allowed_names() -> None:
    result = load_steps("- ask: {question: Q, save_as: go-on, who: both}\n- say: '{go_onn_a}'")
    assert result.errors[-1].message.endswith('did you mean "go_on_a"?')


@pytest.mark.parametrize("name", ["feeling", "feelings", "emotions", "feels", "felt", "mood"])
def test_an_unset_placeholder_that_looks_like_a_feeling_suggests_where_one_is_kept(
    name: str,
) -> None:
    problem = only_error(load_steps(f"- name_emotion:\n- say: '{{{name}}}'"))
    assert problem.rule == "unset-variable"
    assert 'did you mean "emotion"?' in problem.message
    # with its own save_as, that name
    problem = only_error(load_steps(f"- name_emotion: {{save_as: hurt}}\n- say: '{{{name}}}'"))
    assert 'did you mean "hurt"?' in problem.message


def test_a_feeling_in_a_condition_suggests_where_one_is_kept() -> None:
    problem = only_error(load_steps("- name_emotion:\n- say: hi\n  when: feeling == 'hurt'"))
    assert 'did you mean "emotion"?' in problem.message


def test_a_feeling_without_any_name_emotion_says_how_one_is_named() -> None:
    problem = only_error(load_steps("- say: '{feeling}'"))
    assert "a feeling is named by a name_emotion step" in problem.message


@pytest.mark.parametrize(
    ("step", "name", "word"),
    [
        ("- ask: How?\n  save_as: listener", "listener\n", "reserved"),
        ("- rate: Calm?\n  save_as: tries", "tries", "reserved"),
        ("- name_emotion:\n    save_as: Feeling", "Feeling", "not an allowed variable name"),
        ("- ask: Go?\n  options:\n    - {label: Yes, set: {b: 1}}", "b: 1", "reserved"),
        ("- ask: Go?\n  options:\n    - {label: Yes, set: {Go: 1}}", "Go: 1", "not an allowed"),
    ],
)
def test_bad_variable_name_in_a_step(step: str, name: str, word: str) -> None:
    text = exercise_text(step)
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, name)
    assert word in problem.message


def test_unset_placeholder_is_reported_beside_other_errors() -> None:
    # every refusal at once: an author should not fix one to discover the next
    text = exercise_text("- say: Hi {nmae}\n- share: go\n  notes: maybe\n- goto: nowhere")
    result = load(text)
    assert "never set" in error_at(result, *at(text, "{nmae}")).message
    assert "notes" in error_at(result, *at(text, "maybe")).message
    assert "no step has the id" in error_at(result, *at(text, "nowhere")).message
    assert len(result.problems) == 3


def test_a_refused_step_still_names_what_it_sets() -> None:
    # the ask is refused (bad "who"), but its save_as and id are still known: no echoes
    text = exercise_text(
        "- id: check\n  ask: How?\n  who: everyone\n  save_as: how\n"
        "- say: You said {how}.\n  when: how == 'fine'\n- goto: check"
    )
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "everyone")


def test_a_refused_option_set_and_vars_value_still_name_their_variables() -> None:
    text = exercise_text(
        "- ask: Ready?\n  options:\n    - {label: Yes, set: {ready: 1}, gotoo: x}\n"
        "- say: '{ready} {topic}'",
        head="vars:\n  topic:",
    )
    result = load(text)
    assert [p.line for p in result.problems] == [at(text, "topic:")[0], at(text, "gotoo")[0]]


def test_vars_that_is_not_a_mapping_gives_no_never_set_echoes() -> None:
    text = exercise_text("- say: '{topic}'", head="vars: [topic]")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "[topic]")


def test_duplicate_step_id_points_at_the_id_written_after_the_action() -> None:
    text = exercise_text("- say: one\n  id: again\n- say: two\n  id: again")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "again", nth=1)


# --- loops -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "steps",
    [
        "- say: hi\n- id: spin\n  goto: spin",
        "- say: hi\n- id: top\n  swap: true\n- goto: top",
        "- say: hi\n- id: top\n  swap: true\n- goto: top\n  when: round == 1",
        "- say: hi\n- id: one\n  goto: two\n- say: skipped\n- id: two\n  goto: one",
    ],
)
def test_loop_with_no_answer_is_refused(steps: str) -> None:
    result = load_steps(steps)
    assert result.exercise is None
    loops = [p for p in result.errors if p.rule == "no-answer-loop"]
    assert len(loops) == 1, [str(p) for p in result.problems]
    assert "loop" in loops[0].message and "without anyone answering" in loops[0].message
    text = exercise_text(steps)
    step_lines = {at(text, "- ", nth=i)[0] for i in range(text.count("- "))}
    assert loops[0].line in step_lines


def test_loop_through_a_step_that_waits_is_fine() -> None:
    result = load_steps("- id: top\n  say: Once more?\n- goto: top")
    assert result.errors == ()
    assert result.exercise is not None


@pytest.mark.parametrize(
    ("steps", "why"),
    [
        # once `again` is not "yes" the say is skipped and nothing changes `again` again
        (
            "- ask: Again?\n  save_as: again\n- id: top\n  say: hi\n  when: again == 'yes'\n"
            "- goto: top",
            "a step with a when may be skipped",
        ),
        # a review with nothing due passes by itself, so this spins once reviews are done
        ("- say: hi\n- id: top\n  review: How did it go?\n- goto: top", "nothing due"),
        # the same `when` on both does not help a review: shown, it may still pass by itself
        (
            "- say: hi\n- id: top\n  review: How did it go?\n  when: round == 1\n"
            "- goto: top\n  when: round == 1",
            "nothing due",
        ),
    ],
)
def test_loop_that_waits_only_sometimes_is_refused(steps: str, why: str) -> None:
    result = load_steps(steps)
    (loop,) = [p for p in result.errors if p.rule == "no-answer-loop"]
    assert "without anyone answering" in loop.message and why in loop.message
    text = exercise_text(steps)
    assert (loop.line, loop.column) == at(text, "goto: top")  # the step that closes the loop


def test_loop_guarded_by_the_same_when_as_its_waiting_step_is_fine() -> None:
    # whenever the goto jumps, the say is shown: the loop always waits for an answer
    result = load_steps(
        "- ask: Again?\n  save_as: again\n- id: top\n  say: hi\n  when: again == 'yes'\n"
        "- ask: Again?\n  save_as: again\n  when: again == 'yes'\n"
        "- goto: top\n  when: again == 'yes'"
    )
    assert result.errors == ()


def test_a_swap_does_not_make_a_when_on_the_speaker_a_guard() -> None:
    # the same `when` on the say and the goto, but the swap between them changes the
    # speaker: starting with b, the say is always skipped and the goto always jumps
    steps = (
        "- say: hi\n- id: top\n  swap: true\n- say: Your turn\n  when: speaker == b\n"
        "- swap: true\n- goto: top\n  when: speaker == b"
    )
    result = load_steps(steps)
    (loop,) = [p for p in result.errors if p.rule == "no-answer-loop"]
    assert "swap passes the floor but is no answer" in loop.message
    assert (loop.line, loop.column) == at(exercise_text(steps), "goto: top")


@pytest.mark.parametrize("variable", ["speaker", "listener"])
def test_a_when_on_who_holds_the_floor_is_a_guard_when_nothing_swaps(variable: str) -> None:
    result = load_steps(
        f"- id: top\n  say: hi\n  when: {variable} == a\n- goto: top\n  when: a == {variable}"
    )
    assert result.errors == ()


@pytest.mark.parametrize(
    ("say", "goto"),
    [
        ("again == 'yes'", 'again=="yes"'),
        ("again == 'yes'", "\"'yes' == again\""),
        ("again == 'yes' and calm > 3", "3 < calm and (again == \"yes\")"),
    ],
)
def test_a_guard_is_the_same_condition_however_it_is_written(say: str, goto: str) -> None:
    result = load_steps(
        "- ask: Again?\n  save_as: again\n- rate: Calm?\n  save_as: calm\n"
        f"- id: top\n  say: hi\n  when: {say}\n"
        "- ask: Again?\n  save_as: again\n  when: again == 'yes'\n"
        f"- goto: top\n  when: {goto}"
    )
    assert result.errors == (), [str(p) for p in result.errors]


def test_a_guard_that_differs_in_meaning_is_no_guard() -> None:
    result = load_steps(
        "- ask: Again?\n  save_as: again\n- id: top\n  say: hi\n  when: again == 'yes'\n"
        "- goto: top\n  when: again != 'yes'"
    )
    assert [p.rule for p in result.errors] == ["no-answer-loop"]


def test_a_loop_is_checked_in_each_round() -> None:
    # round 1 waits at the say; in round 2 the say is skipped and the goto jumps
    steps = "- id: top\n  say: hi\n  when: round == 1\n- goto: top\n  when: round == 2"
    assert load_steps(steps, head="rounds: 1").errors == ()
    (loop,) = load_steps(steps, head="rounds: 2").errors
    assert loop.rule == "no-answer-loop" and "in round 2" in loop.message
    # the same when on both: round 1 always waits, and round 2 never jumps
    same = "- id: top\n  say: hi\n  when: round == 1\n- goto: top\n  when: round == 1"
    assert load_steps(same, head="rounds: 3").problems == ()


# --- tags: refused and never constructed --------------------------------------------------


def test_python_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = (
        HEADER
        + f"description: !!python/object/apply:os.system ['touch {marker}']\n"
        + "steps:\n  - say: hi\n"
    )
    result = load(text)
    problem = only_error(result)
    assert (problem.line, problem.column) == at(text, "!!python")
    assert '"!!python/object/apply:os.system" is not allowed' in problem.message
    assert problem.rule == "tag"
    assert not marker.exists()


def test_python_tag_that_would_open_a_file_is_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "created"
    text = HEADER + f"steps:\n  - say: !!python/object/apply:builtins.open ['{marker}', 'w']\n"
    problem = only_error(load(text))
    assert "not allowed" in problem.message
    assert not marker.exists()


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!foo bar", "!foo"),
        ("!!python/name:os.system ''", "!!python/name:os.system"),
        ("!!binary aGk=", "!!binary"),
        ("!!set {a, b}", "!!set"),
        ("!<tag:example.com,2000:x> y", "tag:example.com,2000:x"),
    ],
)
def test_non_standard_tags_are_refused(value: str, shown: str) -> None:
    text = HEADER + f"description: {value}\nsteps:\n  - say: hi\n"
    problem = only_error(load(text))
    assert problem.line == 3 and problem.column == 14
    assert shown in problem.message and "not allowed" in problem.message


def test_tag_on_a_step_mapping_is_refused() -> None:
    text = HEADER + "steps:\n  - !custom {say: hi}\n"
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "!custom")


def test_standard_tags_are_accepted() -> None:
    text = "title: !!str 2024\nsummary: !!str yes\nminutes: !!int 10\nsteps: !!seq\n  - say: hi\n"
    result = load(text)
    assert result.problems == ()
    assert result.exercise is not None
    assert result.exercise.title == "2024"
    assert result.exercise.summary == "yes"
    assert result.exercise.minutes == 10


# --- size, encoding, aliases -----------------------------------------------------------------


def _padded(size: int) -> bytes:
    head = b"title: T\nsummary: S\nsteps:\n  - say: hi\ndescription: |\n"
    line = b"  " + b"x" * 97 + b"\n"
    body = head + line * ((size - len(head)) // len(line))
    rest = size - len(body)
    return body + (b"  " + b"y" * (rest - 3) + b"\n" if rest else b"")


def test_file_over_256_kib_is_refused_at_1_1(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(_padded(MAX_BYTES + 1))
    problem = only_error(load_file(path))
    assert (problem.line, problem.column) == (1, 1)
    assert "256 KiB" in problem.message
    assert problem.rule == "too-large"


def test_text_over_256_kib_is_refused_at_1_1() -> None:
    problem = only_error(load_text(_padded(MAX_BYTES + 1).decode()))
    assert (problem.line, problem.column) == (1, 1)
    assert "256 KiB" in problem.message


def test_file_of_exactly_256_kib_loads(tmp_path: Path) -> None:
    path = tmp_path / "edge.yaml"
    path.write_bytes(_padded(MAX_BYTES))
    assert path.stat().st_size == MAX_BYTES
    result = load_file(path)
    assert result.problems == ()


def test_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: cheap to make, slow to read
    started = time.perf_counter()
    problem = only_error(load_file(path))
    assert time.perf_counter() - started < 2
    assert "256 KiB" in problem.message


@pytest.mark.parametrize(
    "data",
    [
        "title: Café\nsummary: S\nsteps:\n  - say: hi\n".encode("latin-1"),
        "title: T\nsummary: S\nsteps:\n  - say: hi\n".encode("utf-16"),
        b"title: T\nsummary: S\nsteps:\n  - say: \xff\xfe\n",
    ],
)
def test_bytes_that_are_not_utf8_are_refused_at_1_1(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(data)
    for result in (load_file(path), load_text(data)):
        problem = only_error(result)
        assert (problem.line, problem.column) == (1, 1)
        assert "UTF-8" in problem.message
        assert problem.rule == "not-utf8"


def test_not_utf8_says_on_which_line_the_byte_is() -> None:
    data = "title: T\nsummary: Caf\u00e9 \u201cquoted\u201d\nsteps:\n  - say: hi\n".encode("cp1252")
    problem = only_error(load_text(data))
    assert (problem.line, problem.column) == (1, 1)  # the spec: a whole-file problem
    assert "line 2, column 13" in problem.message
    assert "Windows-1252" in problem.message


def test_not_utf8_column_counts_characters_not_bytes() -> None:
    data = "title: T\nsummary: \u00e9\u00e9 x\n".encode() + b"\xff\n"
    problem = only_error(load_text(data + b"steps:\n  - say: hi\n"))
    assert "line 3, column 1" in problem.message


def test_utf8_with_a_byte_order_mark_loads() -> None:
    data = "\ufefftitle: Café\nsummary: S\nsteps:\n  - say: hi\n".encode()
    result = load_text(data)
    assert result.problems == ()
    assert result.exercise is not None and result.exercise.title == "Café"


def _billion_laughs(levels: int = 9) -> str:
    lines = ['lol0: &l0 "lol"']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*l{level - 1}"] * 10)
        lines.append(f"lol{level}: &l{level} [{refs}]")
    return HEADER + "\n".join(lines) + "\nsteps:\n  - say: hi\n"


def test_billion_laughs_is_refused_quickly() -> None:
    text = _billion_laughs()
    started = time.perf_counter()
    result = load(text)
    elapsed = time.perf_counter() - started
    assert elapsed < 2, f"took {elapsed:.2f}s"
    assert result.exercise is None
    problem = next(p for p in result.errors if p.rule == "alias-expansion")
    assert "aliases" in problem.message and "256 KiB" in problem.message
    assert 1 <= problem.line <= text.count("\n")


def test_a_few_aliases_are_fine_but_still_refused_as_unknown_keys() -> None:
    # aliases themselves are plain YAML; the extra key is what is wrong here
    text = HEADER + "x: &t hello\nsteps:\n  - say: *t\n"
    problem = only_error(load(text))
    assert 'unknown key "x"' in problem.message


def test_aliases_inside_known_keys_load() -> None:
    text = HEADER + "steps:\n  - share: &p Tell it\n  - share: *p\n"
    result = load(text)
    assert result.problems == ()
    assert result.exercise is not None
    assert [s.prompt.source for s in result.exercise.steps] == ["Tell it", "Tell it"]


def test_undefined_alias_is_a_located_error() -> None:
    text = HEADER + "steps:\n  - say: hi\n  - ask: Q\n    options: [*t]\n"
    problem = only_error(load(text))
    assert problem.line == 6
    assert "alias" in problem.message.lower()


def test_self_referencing_alias_is_refused() -> None:
    text = HEADER + "steps: &s\n  - say: hi\n  - *s\n"
    result = load(text)
    assert result.exercise is None
    assert result.errors
    assert all(p.line >= 1 and p.column >= 1 for p in result.problems)


def test_deep_nesting_is_refused_not_crashed() -> None:
    depth = 5000
    text = HEADER + "steps:\n  - say: " + "[" * depth + "]" * depth + "\n"
    result = load(text)
    assert result.exercise is None
    assert result.errors


@pytest.mark.parametrize(
    "steps",
    [
        # the loop: a swap, a step that answers only under a when on the speaker,
        # and a goto back under the same kind of condition
        "- id: top\n  swap: true\n- share: Talk.\n  when: speaker == b\n- goto: top\n"
        "  when: speaker == a",
        # a guarded goto beside a second goto under another condition: with b first, the
        # share and the guarded goto are skipped and the second goto jumps for ever
        "- id: top\n  share: Talk.\n  when: speaker == a\n- goto: top\n  when: speaker == a\n"
        "- goto: top\n  when: speaker == b",
        "- id: top\n  say: hi\n  when: go == 'yes'\n- goto: top\n  when: go == 'yes'\n"
        "- goto: top\n  when: go != 'yes'",
    ],
)
def test_a_loop_whose_only_exit_is_who_holds_the_floor_is_refused(steps: str) -> None:
    result = load_steps(steps, head="vars:\n  go: 'no'")
    loops = [p for p in result.errors if p.rule == "no-answer-loop"]
    assert loops and "without anyone answering" in loops[0].message, [
        str(p) for p in result.problems
    ]
