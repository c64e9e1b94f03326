"""YAML 1.2 scalars: only true and false are booleans; No, off, 010 and 1:30 are text."""

from __future__ import annotations

import pytest

from coach.format.model import Ask, Pause, Say, Share
from tests.unit.format_support import at, exercise_text, load, loaded, only_error, steps_of

#: scalars YAML 1.1 (and PyYAML) would read as booleans or numbers
YAML11_TRAPS = [
    *("No", "no", "yes", "Yes", "on", "off", "Off", "y", "n"),
    *("010", "0o10", "1:30", "1_000"),
]


@pytest.mark.parametrize("word", YAML11_TRAPS)
def test_option_label_is_the_word_as_written(word: str) -> None:
    (step,) = steps_of(f"- ask: Pick one\n  options:\n    - {word}\n    - other")
    assert isinstance(step, Ask)
    assert step.options[0].label.source == word


@pytest.mark.parametrize("word", YAML11_TRAPS)
def test_step_text_is_the_word_as_written(word: str) -> None:
    (step,) = steps_of(f"- say: {word}")
    assert isinstance(step, Say)
    assert step.text.source == word


@pytest.mark.parametrize("word", ["No", "off", "010", "1:30", "yes"])
def test_title_summary_and_tags_are_text(word: str) -> None:
    exercise = loaded(f"title: {word}\nsummary: {word}\ntags: [{word}, x]\nsteps:\n  - say: hi\n")
    assert exercise.title == word
    assert exercise.summary == word
    assert exercise.tags == (word, "x")


def test_notes_off_is_the_word_off() -> None:
    (step,) = steps_of("- share: Tell.\n  notes: off")
    assert isinstance(step, Share)
    assert step.notes == "off"


def test_breathing_4_7_8_and_none_are_choices() -> None:
    exercise = loaded(
        exercise_text("- pause:\n    breathing: none", head="pause:\n  breathing: 4-7-8")
    )
    assert exercise.pause.breathing == "4-7-8"
    step = exercise.steps[0]
    assert isinstance(step, Pause)
    assert step.breathing == "none"


def test_vars_keep_text_as_written_and_numbers_as_numbers() -> None:
    exercise = loaded(
        exercise_text(
            "- say: hi",
            head="vars:\n  answer: No\n  code: 010\n  time: 1:30\n  count: 10\n"
            "  ratio: 1.5\n  minus: -3\n  quoted: '7'",
        )
    )
    assert dict(exercise.vars) == {
        "answer": "No",
        "code": "010",
        "time": "1:30",
        "count": 10,
        "ratio": 1.5,
        "minus": -3,
        "quoted": "7",
    }


@pytest.mark.parametrize(("written", "number"), [("1e3", 1000.0), ("-2E-2", -0.02),
                                                  ("+1e+3", 1000.0), ("1.", 1.0)])
def test_an_exponent_is_a_number_in_vars_and_options(written: str, number: float) -> None:
    # YAML 1.2's core schema reads 1e3 as a number (YAML 1.1 and PyYAML read text)
    exercise = loaded(exercise_text(f"- ask: Q\n  options: [{written}, other]",
                                    head=f"vars:\n  n: {written}"))
    assert exercise.vars["n"] == number and type(exercise.vars["n"]) is float
    step = exercise.steps[0]
    assert isinstance(step, Ask) and step.options[0].number == number
    assert step.options[0].label.source == written  # shown as written


@pytest.mark.parametrize("written", ["0x1f", ".inf", "-.inf", ".nan", "01e3", "1e", "e3"])
def test_hex_infinity_and_leading_zero_exponents_stay_text(written: str) -> None:
    exercise = loaded(exercise_text("- say: hi", head=f"vars:\n  n: {written}"))
    assert exercise.vars["n"] == written


def test_an_exponent_where_a_whole_number_is_needed_is_refused() -> None:
    text = exercise_text("- say: hi", head="rounds: 1e3")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "1e3")
    assert '"1e3"' in problem.message and "whole number" in problem.message


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "y", "1", "0"])
def test_confirm_takes_only_true_or_false(word: str) -> None:
    text = exercise_text(f"- share: Tell.\n- reflect:\n    confirm: {word}")
    problem = only_error(load(text))
    line, column = at(text, f"confirm: {word}")
    assert (problem.line, problem.column) == (line, column + len("confirm: "))
    assert '"confirm" must be true or false' in problem.message
    assert f'"{word}"' in problem.message


def test_confirm_yes_message_explains_yaml_1_2() -> None:
    problem = only_error(load(exercise_text("- share: Tell.\n- reflect:\n    confirm: yes")))
    assert "only true and false are booleans" in problem.message


@pytest.mark.parametrize(("word", "value"), [("true", True), ("false", False)])
def test_true_and_false_are_booleans(word: str, value: bool) -> None:
    steps = steps_of(
        f"- share: Tell.\n- reflect:\n    confirm: {word}\n- pause: 1m\n  skippable: {word}"
    )
    assert steps[1].confirm is value  # type: ignore[attr-defined]
    assert steps[2].skippable is value  # type: ignore[attr-defined]


def test_private_check_off_is_refused() -> None:
    text = exercise_text("- say: hi", head="private_check: off")
    problem = only_error(load(text))
    assert '"private_check" must be true or false, not "off"' in problem.message


def test_rounds_010_is_text_not_eight() -> None:
    text = exercise_text("- say: hi", head="rounds: 010")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "010")
    assert '"010"' in problem.message and "whole number" in problem.message


def test_duration_1_30_is_text_not_ninety_seconds() -> None:
    # YAML 1.1 reads 1:30 as 90 (base 60); here it is text, and not a duration
    text = exercise_text("- pause: 1:30")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "1:30")
    assert '"1:30"' in problem.message


def test_quoted_number_is_text_where_a_number_is_expected() -> None:
    text = exercise_text("- say: hi", head="minutes: '15'")
    problem = only_error(load(text))
    assert "whole number" in problem.message


def test_quoted_duration_string_is_read_as_a_duration() -> None:
    (step,) = steps_of("- pause: '90'")
    assert isinstance(step, Pause)
    assert step.length == 90


@pytest.mark.parametrize("word", ["True", "TRUE", "False", "FALSE"])
def test_capitalised_true_and_false_are_text_not_booleans(word: str) -> None:
    # the spec: only `true` and `false` are booleans
    (step,) = steps_of(f"- say: {word}")
    assert isinstance(step, Say) and step.text.source == word
    text = exercise_text(f"- reflect: Say it back.\n  confirm: {word}")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, word)
    assert "true or false" in problem.message and word in problem.message
