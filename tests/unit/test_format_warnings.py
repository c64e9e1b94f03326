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


@pytest.mark.parametrize(
    ("when", "head", "why"),
    [
        ("1 == 2", "", "its when (1 == 2) is never true"),
        ("\"'a' != 'a'\"", "", "never true"),
        ("round == 3", "rounds: 2", "(round == 3) is never true in an exercise of 2 rounds"),
        ("round > 1", "", "in an exercise of 1 round"),
        ("round == 1 and 2 < 1", "rounds: 2", "never true"),
    ],
)
def test_a_step_whose_when_is_never_true_is_unreachable(when: str, head: str, why: str) -> None:
    text = exercise_text(f"- say: hi\n- say: never\n  when: {when}", head=head)
    warning = _one_warning(text, "unreachable")
    assert (warning.line, warning.column) == at(text, "say: never")
    assert "step 2 (say) can never be reached" in warning.message and why in warning.message


@pytest.mark.parametrize(
    ("when", "head"),
    [("round == 2", "rounds: 2"), ("round >= 2 or calm > 3", "rounds: 3"), ("1 == 1", "")],
)
def test_a_when_that_can_be_true_is_reachable(when: str, head: str) -> None:
    text = exercise_text(f"- rate: Calm?\n  save_as: calm\n- say: maybe\n  when: {when}",
                         head=head)
    assert load(text).problems == ()


def test_a_round_compared_with_a_number_too_large_for_a_float_is_never_it() -> None:
    huge = "9" * 400
    text = exercise_text(f"- say: hi\n- say: never\n  when: round == {huge}", head="rounds: 2")
    assert "never true" in _one_warning(text, "unreachable").message
    text = exercise_text(f"- say: hi\n- say: always\n  when: round < {huge}", head="rounds: 2")
    assert load(text).problems == ()


def test_a_goto_whose_when_is_never_true_never_jumps() -> None:
    text = exercise_text("- goto: last\n  when: round == 2\n- say: middle\n- id: last\n  say: last")
    # the goto itself is reported, and the step after it is reached
    assert _one_warning(text, "unreachable").line == at(text, "goto")[0]
    # always true: it always jumps, and the step it jumps over is never shown
    text = exercise_text("- goto: last\n  when: round == 1\n- say: middle\n- id: last\n  say: x")
    warning = _one_warning(text, "unreachable")
    assert warning.line == at(text, "say: middle")[0]


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


def test_reflect_in_a_round_where_the_share_never_runs_warns() -> None:
    text = exercise_text("- share: Tell.\n  when: round == 1\n- reflect: Back.", head="rounds: 2")
    warning = _one_warning(text, "reflect-before-share")
    assert (warning.line, warning.column) == at(text, "reflect")
    assert warning.message.startswith("in round 2, a reflect step comes before any share")


def test_reflect_after_a_share_that_runs_in_every_round_does_not_warn() -> None:
    text = exercise_text("- share: Tell.\n  when: round <= 2\n- reflect: Back.", head="rounds: 2")
    assert load(text).problems == ()


# --- validate before any emotion ------------------------------------------------------------


def test_validate_after_a_name_emotion_that_may_be_skipped_warns() -> None:
    text = exercise_text(
        "- ask: Go deeper?\n  options: [yes, no]\n  save_as: deeper\n"
        "- name_emotion:\n  when: deeper == 'yes'\n- validate:"
    )
    warning = _one_warning(text, "validate-before-emotion")
    assert (warning.line, warning.column) == at(text, "validate")
    assert "may be skipped" in warning.message
    assert "names no feeling" in warning.message


def test_validate_under_the_same_when_as_its_name_emotion_does_not_warn() -> None:
    text = exercise_text(
        "- ask: Go deeper?\n  options: [yes, no]\n  save_as: deeper\n"
        "- name_emotion:\n  when: deeper == 'yes'\n- validate:\n  when: deeper==\"yes\""
    )
    assert load(text).problems == ()


def test_an_emotion_named_in_round_1_still_counts_in_round_2() -> None:
    text = exercise_text("- name_emotion:\n  when: round == 1\n- validate:", head="rounds: 2")
    assert load(text).problems == ()
    # named only in round 2: round 1's validate comes first
    text = exercise_text("- name_emotion:\n  when: round == 2\n- validate:", head="rounds: 2")
    assert _one_warning(text, "validate-before-emotion").line == at(text, "validate")[0]



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
