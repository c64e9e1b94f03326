"""The spec's warnings: reported, but the file still loads. And nothing else warns."""

from __future__ import annotations

import pytest

from coach.format.loader import LoadResult
from coach.format.problems import Problem
from tests.unit.format_support import at, exercise_text, load


def _warnings(result: LoadResult) -> list[Problem]:
    assert result.errors == (), [str(p) for p in result.errors]
    assert result.exercise is not None, "a file with only warnings still loads"
    assert all(p.severity == "warning" for p in result.warnings)
    return list(result.warnings)


def _one_warning(text: str, rule: str) -> Problem:
    warnings = _warnings(load(text))
    assert [w.rule for w in warnings] == [rule], [str(w) for w in warnings]
    return warnings[0]


# --- unreachable steps ------------------------------------------------------------------


def test_step_after_end_is_unreachable() -> None:
    text = exercise_text("- say: hi\n- end: Bye.\n- say: never shown")
    warning = _one_warning(text, "unreachable")
    assert (warning.line, warning.column) == at(text, "say: never")
    assert "step 3" in warning.message and "never be reached" in warning.message


def test_step_jumped_over_by_goto_is_unreachable() -> None:
    text = exercise_text("- goto: later\n- say: skipped\n- id: later\n  say: here")
    warning = _one_warning(text, "unreachable")
    assert warning.line == at(text, "say: skipped")[0]


def test_step_after_ask_whose_every_option_jumps_is_unreachable() -> None:
    text = exercise_text(
        """
        - ask: Which?
          options:
            - {label: One, goto: one}
            - {label: Two, goto: two}
        - say: nobody gets here
        - id: one
          say: one
        - id: two
          say: two
        """
    )
    warning = _one_warning(text, "unreachable")
    assert warning.line == at(text, "say: nobody")[0]


def test_conditional_end_or_goto_does_not_make_the_next_step_unreachable() -> None:
    text = exercise_text(
        """
        - rate: Calm?
          save_as: calm
        - end: Stop here.
          when: calm < 3
        - goto: last
          when: calm > 8
        - say: middle
        - id: last
          say: last
        """
    )
    assert load(text).problems == ()


def test_steps_reached_only_by_goto_are_fine() -> None:
    text = exercise_text(
        """
        - ask: Again?
          options:
            - {label: Yes, goto: again}
            - No
        - end: true
        - id: again
          say: Once more.
        """
    )
    assert load(text).problems == ()


def test_every_unreachable_step_is_reported() -> None:
    text = exercise_text("- end: true\n- say: one\n- say: two")
    warnings = _warnings(load(text))
    assert [w.line for w in warnings] == [at(text, "say: one")[0], at(text, "say: two")[0]]


# --- reflect before share -----------------------------------------------------------------


def test_reflect_before_any_share_warns() -> None:
    text = exercise_text("- say: hi\n- reflect: Say it back.\n- share: Tell.")
    warning = _one_warning(text, "reflect-before-share")
    assert (warning.line, warning.column) == at(text, "reflect")
    assert "reflect" in warning.message and "share" in warning.message


def test_reflect_reached_along_a_path_that_skips_share_warns() -> None:
    text = exercise_text(
        """
        - ask: Skip the story?
          options:
            - {label: Yes, goto: back}
            - No
        - share: Tell it.
        - id: back
          reflect: Say it back.
        """
    )
    warning = _one_warning(text, "reflect-before-share")
    assert warning.line == at(text, "id: back")[0]  # where the step starts


def test_reflect_after_share_does_not_warn() -> None:
    text = exercise_text("- share: Tell.\n- reflect: Say it back.\n- reflect: Again.")
    assert load(text).problems == ()


def test_conditional_share_still_opens_the_way_for_reflect() -> None:
    # `when` may skip the share, but the spec asks about order ("before any share"),
    # not certainty; an author who guards the share knows what they wrote.
    text = exercise_text(
        "- rate: Calm?\n  save_as: calm\n- share: Tell.\n  when: calm > 3\n- reflect: Back."
    )
    result = load(text)
    assert result.exercise is not None
    assert result.errors == ()


# --- validate before any emotion ------------------------------------------------------------


def test_validate_before_any_emotion_warns() -> None:
    text = exercise_text("- share: Tell.\n- validate:\n- name_emotion:")
    warning = _one_warning(text, "validate-before-emotion")
    assert (warning.line, warning.column) == at(text, "validate")
    assert "validate" in warning.message and "emotion" in warning.message


def test_validate_after_name_emotion_does_not_warn() -> None:
    text = exercise_text("- share: Tell.\n- name_emotion:\n- validate:")
    assert load(text).problems == ()


def test_validate_after_name_emotion_with_its_own_save_as_does_not_warn() -> None:
    text = exercise_text("- share: Tell.\n- name_emotion:\n    save_as: hurt\n- validate:")
    assert load(text).problems == ()


def test_warnings_of_several_kinds_together_and_the_file_loads() -> None:
    text = exercise_text("- reflect:\n- validate:\n- end: true\n- say: never")
    warnings = _warnings(load(text))
    assert sorted(w.rule for w in warnings) == [
        "reflect-before-share",
        "unreachable",
        "validate-before-emotion",
    ]


# --- nothing else warns -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("steps", "head"),
    [
        ("- say: hi", "vars:\n  unused: 1\n  also_unused: text"),
        ("- id: never-jumped-to\n  say: hi\n- id: also-unused\n  share: Tell.", ""),
        ("- ask: Anything?\n  save_as: never_read", ""),
        ("- rate: Calm?\n  save_as: calm", ""),
        ("- share: Tell.\n  time_limit: 1s", ""),
        ("- pause: 7d", ""),
        ("- say: hi", "rounds: 99\nminutes: 600"),
        ("- swap: true\n- swap: true\n- swap: true", ""),
        ("- commit: Do it.\n  review_in: 1s", ""),
        ("- name_emotion:\n- name_emotion:", ""),
    ],
)
def test_these_are_not_warnings(steps: str, head: str) -> None:
    result = load(exercise_text(steps, head))
    assert result.problems == (), [str(p) for p in result.problems]
