"""Every action's shorthand, its defaults, and the ways to write its fields (spec: Steps)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.format.conditions import parse_condition
from coach.format.loader import load_file
from coach.format.model import (
    Ask,
    Commit,
    End,
    FirstSpeakerQuestion,
    Goto,
    NameEmotion,
    Pause,
    Rate,
    Reflect,
    Review,
    Say,
    Share,
    Step,
    Swap,
    Validate,
)
from tests.unit.format_support import (
    SPEC_EXAMPLE,
    at,
    exercise_text,
    load,
    load_steps,
    loaded,
    only_error,
    steps_of,
)


def one_step(step: str, head: str = "") -> Step:
    steps = steps_of(step, head)
    assert len(steps) == 1
    return steps[0]


# --- say --------------------------------------------------------------------------------


def test_say_shorthand_is_its_text() -> None:
    step = one_step("- say: Welcome, {a} and {b}.")
    assert isinstance(step, Say)
    assert step.text.source == "Welcome, {a} and {b}."
    assert [r.name for r in step.text.refs] == ["a", "b"]
    assert (step.id, step.when, step.time_limit) == (None, None, None)


def test_say_keeps_markdown_as_written() -> None:
    step = one_step("- say: |\n    # Welcome\n\n    *Take* a breath.")
    assert isinstance(step, Say)
    assert step.text.source == "# Welcome\n\n*Take* a breath.\n"


@pytest.mark.parametrize("form", ["- say:\n    text: Hello", "- say:\n  text: Hello"])
def test_say_nested_and_beside_forms(form: str) -> None:
    step = one_step(form)
    assert isinstance(step, Say)
    assert step.text.source == "Hello"


def test_say_with_nothing_asks_for_its_text() -> None:
    text = exercise_text("- say:")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "say")
    assert "needs its text" in problem.message


# --- share ------------------------------------------------------------------------------


def test_share_shorthand_and_defaults() -> None:
    step = one_step("- share: Tell it.")
    assert isinstance(step, Share)
    assert step.prompt.source == "Tell it."
    assert step.starters == ()
    assert step.notes == "optional"
    assert step.time_limit is None


def test_share_with_nothing_takes_every_default() -> None:
    step = one_step("- share:")
    assert isinstance(step, Share)
    assert "{speaker}" in step.prompt.source
    assert step.notes == "optional"


def test_share_nested_form_with_every_field() -> None:
    step = one_step(
        "- share:\n    prompt: Tell.\n    starters: [I felt, 'What I need is']\n    notes: required"
    )
    assert isinstance(step, Share)
    assert step.prompt.source == "Tell."
    assert [s.source for s in step.starters] == ["I felt", "What I need is"]
    assert step.notes == "required"


def test_share_beside_form_with_every_field() -> None:
    step = one_step(
        "- share: Tell.\n  starters: [I felt]\n  notes: off\n  time_limit: 5m\n  id: s1"
    )
    assert isinstance(step, Share)
    assert step.prompt.source == "Tell."
    assert [s.source for s in step.starters] == ["I felt"]
    assert step.notes == "off"
    assert step.time_limit == 300
    assert step.id == "s1"


@pytest.mark.parametrize(
    "form",
    [
        "- share:\n    prompt: one\n  prompt: two",
        "- share: one\n  prompt: two",
        "- share:\n    notes: off\n  notes: required",
    ],
)
def test_a_field_given_inside_and_beside_the_action_is_refused(form: str) -> None:
    text = exercise_text(form)
    problem = only_error(load(text))
    name = "notes" if "notes" in form else "prompt"
    assert problem.line == text[: text.rindex(f"{name}:")].count("\n") + 1  # the beside one
    assert f'"{name}" is given twice' in problem.message
    assert "inside" in problem.message and "beside" in problem.message


def test_common_keys_inside_the_action_are_refused() -> None:
    # id, when and time_limit belong to the step, not to the action's fields
    text = exercise_text("- share:\n    prompt: Tell.\n    id: s1")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "id: s1")
    assert '"id" belongs to the step, beside "share"' in problem.message


# --- reflect ----------------------------------------------------------------------------


def test_reflect_shorthand_and_defaults() -> None:
    steps = steps_of("- share: Tell.\n- reflect: Say it back.")
    step = steps[1]
    assert isinstance(step, Reflect)
    assert step.prompt.source == "Say it back."
    assert step.confirm is True
    assert step.max_tries == 3
    assert step.notes == "optional"
    assert step.starters == ()


def test_reflect_fields_nested_and_beside() -> None:
    steps = steps_of(
        "- share: Tell.\n- reflect:\n    confirm: false\n    max_tries: 1\n  starters: [I heard]"
    )
    step = steps[1]
    assert isinstance(step, Reflect)
    assert step.confirm is False
    assert step.max_tries == 1
    assert [s.source for s in step.starters] == ["I heard"]
    assert "{listener}" in step.prompt.source


# --- name_emotion -----------------------------------------------------------------------


def test_name_emotion_defaults() -> None:
    step = one_step("- name_emotion:")
    assert isinstance(step, NameEmotion)
    assert step.guesser == "listener"
    assert step.vocabulary == "core"
    assert step.max == 3
    assert step.save_as == "emotion"


def test_name_emotion_shorthand_is_the_prompt() -> None:
    step = one_step("- name_emotion: What might {speaker} feel?")
    assert isinstance(step, NameEmotion)
    assert step.prompt.source == "What might {speaker} feel?"


def test_name_emotion_every_field() -> None:
    step = one_step(
        "- name_emotion:\n    guesser: speaker\n    vocabulary: [hurt, No, tired]\n"
        "    max: 1\n    save_as: feeling"
    )
    assert isinstance(step, NameEmotion)
    assert step.guesser == "speaker"
    assert step.vocabulary == ("hurt", "No", "tired")
    assert step.max == 1
    assert step.save_as == "feeling"


def test_name_emotion_saves_emotion_for_placeholders_and_conditions() -> None:
    steps = steps_of("- name_emotion:\n- say: You feel {emotion}.\n  when: emotion == 'hurt'")
    assert len(steps) == 2


# --- validate ---------------------------------------------------------------------------


def test_validate_defaults_to_the_default_starter() -> None:
    steps = steps_of("- name_emotion:\n- validate:")
    step = steps[1]
    assert isinstance(step, Validate)
    assert step.starters is None  # the engine fills in "It makes sense that you feel …"
    assert "{listener}" in step.prompt.source


def test_validate_shorthand_and_own_starters() -> None:
    steps = steps_of(
        "- name_emotion:\n- validate: Why does it make sense?\n  starters: [Of course]"
    )
    step = steps[1]
    assert isinstance(step, Validate)
    assert step.prompt.source == "Why does it make sense?"
    assert [s.source for s in step.starters or ()] == ["Of course"]


# --- ask --------------------------------------------------------------------------------


def test_ask_shorthand_and_defaults() -> None:
    step = one_step("- ask: What do you need?")
    assert isinstance(step, Ask)
    assert step.question.source == "What do you need?"
    assert step.who == "speaker"
    assert step.options == ()
    assert step.save_as is None


def test_ask_needs_a_question() -> None:
    text = exercise_text("- ask:\n    who: both")
    problem = only_error(load(text))
    assert "needs its question" in problem.message


def test_ask_options_labels_and_mappings() -> None:
    steps = steps_of(
        """
        - ask: Ready?
          who: listener
          save_as: ready
          options:
            - Yes
            - label: Not yet
              goto: later
              set: {mood: 2, note: wait}
        - id: later
          say: "{ready} {mood} {note}"
        """
    )
    step = steps[0]
    assert isinstance(step, Ask)
    assert step.who == "listener"
    assert step.save_as == "ready"
    yes, later = step.options
    assert yes.label.source == "Yes" and yes.goto is None and dict(yes.set) == {}
    assert later.label.source == "Not yet"
    assert later.goto == "later"
    assert dict(later.set) == {"mood": 2, "note": "wait"}


@pytest.mark.parametrize("who", ["speaker", "listener", "a", "b", "both"])
def test_ask_who(who: str) -> None:
    step = one_step(f"- ask: Q?\n  who: {who}")
    assert isinstance(step, Ask) and step.who == who


def test_ask_who_both_saves_name_a_and_name_b() -> None:
    steps = steps_of(
        "- ask: What went well?\n  who: both\n  save_as: good\n"
        "- say: '{good_a} / {good_b}'\n  when: good_a == good_b"
    )
    assert len(steps) == 2


def test_ask_who_both_does_not_save_the_plain_name() -> None:
    text = exercise_text("- ask: What went well?\n  who: both\n  save_as: good\n- say: '{good}'")
    problem = only_error(load(text))
    assert "{good}" in problem.message and "never set" in problem.message


@pytest.mark.parametrize(
    "option",
    ["{label: Yes, goto: end}", "{label: Yes, set: {calm: 1}}"],
)
def test_ask_who_both_refuses_goto_and_set(option: str) -> None:
    text = exercise_text(
        f"- ask: Go on?\n  who: both\n  options:\n    - {option}\n    - No\n- id: end\n  end: true"
    )
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, option)
    assert "who: both" in problem.message and "goto or set" in problem.message
    assert problem.rule == "both-branch"


# --- rate -------------------------------------------------------------------------------


def test_rate_shorthand_and_defaults() -> None:
    step = one_step("- rate: How calm are you?")
    assert isinstance(step, Rate)
    assert step.question.source == "How calm are you?"
    assert step.who == "both"
    assert step.scale == (0, 10)
    assert dict(step.labels) == {}
    assert step.save_as is None
    assert step.pause_at is None


def test_rate_every_field() -> None:
    step = one_step(
        "- rate: Calm?\n  who: speaker\n  scale: [-2, 2]\n"
        "  labels: {-2: awful, 0: so-so, 2: great}\n  save_as: calm\n  pause_at: 1"
    )
    assert isinstance(step, Rate)
    assert step.who == "speaker"
    assert step.scale == (-2, 2)
    assert {n: t.source for n, t in step.labels.items()} == {-2: "awful", 0: "so-so", 2: "great"}
    assert step.save_as == "calm"
    assert step.pause_at == 1


def test_rate_who_both_saves_four_variables() -> None:
    steps = steps_of(
        "- rate: Calm?\n  save_as: calm\n"
        "- say: '{calm_a} {calm_b} {calm} {calm_low}'\n"
        "  when: calm >= 7 and calm_low < 3 or calm_a != calm_b"
    )
    assert len(steps) == 2


@pytest.mark.parametrize("who", ["speaker", "listener"])
def test_rate_by_one_partner_saves_only_the_name(who: str) -> None:
    text = exercise_text(
        f"- rate: Calm?\n  who: {who}\n  save_as: calm\n- say: '{{calm}} {{calm_low}}'"
    )
    problem = only_error(load(text))
    assert "{calm_low}" in problem.message


def test_rate_labels_keys_may_be_quoted_numbers() -> None:
    # the schema (and JSON) take keys as strings: "3" is the number 3, as 3 is
    text = "- rate: Close?\n  scale: [1, 5]\n  labels: {1: far, '3': between, \"5\": close}"
    step = steps_of(text)[0]
    assert isinstance(step, Rate)
    assert {n: t.source for n, t in step.labels.items()} == {1: "far", 3: "between", 5: "close"}


def test_rate_label_given_twice_in_two_spellings_is_refused() -> None:
    text = exercise_text("- rate: Calm?\n  labels: {3: low, +3: also low}")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "+3")
    assert "3 twice" in problem.message


def test_rate_label_outside_the_scale_points_at_its_number() -> None:
    text = exercise_text("- rate: Calm?\n  scale: [1, 5]\n  labels:\n    1: low\n    6: high")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "6: high")


def test_rate_labels_keys_must_be_numbers() -> None:
    text = exercise_text("- rate: Calm?\n  labels: {low: calm}")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, "low")
    assert "whole number" in problem.message


# --- pause ------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "seconds"), [("5m", 300), ("90", 90), ("1m30s", 90)])
def test_pause_shorthand_is_its_length(written: str, seconds: int) -> None:
    step = one_step(f"- pause: {written}")
    assert isinstance(step, Pause)
    assert step.length == seconds


def test_pause_defaults() -> None:
    step = one_step("- pause:")
    assert isinstance(step, Pause)
    assert step.length == 60
    assert step.breathing is None  # the exercise's breathing
    assert step.message is None
    assert step.skippable is True


def test_pause_every_field() -> None:
    step = one_step(
        "- pause:\n    length: 2m\n    breathing: calm\n    message: Breathe, {a}.\n"
        "    skippable: false"
    )
    assert isinstance(step, Pause)
    assert (step.length, step.breathing, step.skippable) == (120, "calm", False)
    assert step.message is not None and step.message.source == "Breathe, {a}."


# --- commit and review ------------------------------------------------------------------


def test_commit_shorthand_and_defaults() -> None:
    step = one_step("- commit: What will you do this week?")
    assert isinstance(step, Commit)
    assert step.prompt.source == "What will you do this week?"
    assert step.who == "speaker"
    assert step.review_in == 7 * 86_400


def test_commit_who_together_is_one_shared_commitment() -> None:
    step = one_step("- commit: {prompt: What will we do?, who: together}")
    assert isinstance(step, Commit) and step.who == "together"


def test_together_belongs_to_commit_only() -> None:
    # an ask or a rate has no shared answer: each partner answers for themselves
    problem = only_error(load_steps("- ask: {question: Q, who: together}"))
    assert "together" in problem.message and "both" in problem.message


def test_commit_every_field() -> None:
    step = one_step("- commit:\n    who: both\n    review_in: 3d")
    assert isinstance(step, Commit)
    assert step.who == "both"
    assert step.review_in == 3 * 86_400
    assert "{speaker}" in step.prompt.source


def test_review_shorthand_and_defaults() -> None:
    step = one_step("- review: How did it go?")
    assert isinstance(step, Review)
    assert step.prompt.source == "How did it go?"
    assert step.which == "due"


@pytest.mark.parametrize("which", ["due", "open", "all"])
def test_review_which(which: str) -> None:
    step = one_step(f"- review:\n    which: {which}")
    assert isinstance(step, Review) and step.which == which


# --- swap, goto, end --------------------------------------------------------------------


def test_swap_true() -> None:
    steps = steps_of("- say: hi\n- swap: true")
    assert isinstance(steps[1], Swap)


def test_swap_takes_no_fields() -> None:
    text = exercise_text("- say: hi\n- swap: true\n  prompt: x")
    problem = only_error(load(text))
    assert 'unknown key "prompt"' in problem.message


def test_goto_target() -> None:
    steps = steps_of("- id: top\n  say: hi\n- goto: top\n  when: round == 1")
    step = steps[1]
    assert isinstance(step, Goto)
    assert step.target == "top"
    assert step.when == parse_condition("round == 1")


def test_end_true_has_no_text() -> None:
    steps = steps_of("- say: hi\n- end: true")
    step = steps[1]
    assert isinstance(step, End)
    assert step.text is None


def test_end_text_is_the_closing_text() -> None:
    steps = steps_of("- say: hi\n- end: Well done, {a} and {b}.")
    step = steps[1]
    assert isinstance(step, End)
    assert step.text is not None and step.text.source == "Well done, {a} and {b}."


@pytest.mark.parametrize("value", ["false", "[a]"])
def test_end_false_or_a_list_is_refused(value: str) -> None:
    text = exercise_text(f"- say: hi\n- end: {value}")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, value)


# --- common keys ------------------------------------------------------------------------


def test_common_keys_on_any_action() -> None:
    steps = steps_of(
        "- rate: Calm?\n  save_as: calm\n"
        "- id: breathe\n  when: calm >= 7\n  time_limit: 90s\n  pause: 2m"
    )
    step = steps[1]
    assert isinstance(step, Pause)
    assert step.id == "breathe"
    assert step.when is not None and step.when.source == "calm >= 7"
    assert step.time_limit == 90


def test_steps_know_their_position() -> None:
    text = exercise_text("- say: one\n- say: two")
    steps = loaded(text).steps
    assert [s.index for s in steps] == [0, 1]
    assert [(s.line, s.column) for s in steps] == [at(text, "say: one"), at(text, "say: two")]


# --- pause.suggest_after ----------------------------------------------------------------


def test_suggest_after_is_the_default_time_limit_of_share_and_reflect_only() -> None:
    exercise = loaded(
        exercise_text(
            "- say: hi\n- share: Tell.\n- reflect: Back.\n- share: Long.\n  time_limit: 9m\n"
            "- ask: Q?\n- rate: R?\n- name_emotion:\n- validate:\n- pause: 1m\n- commit: C",
            head="pause:\n  suggest_after: 5m",
        )
    )
    limits = {(s.ACTION, s.index): s.time_limit for s in exercise.steps}
    assert limits == {
        ("say", 0): None,
        ("share", 1): 300,
        ("reflect", 2): 300,
        ("share", 3): 540,  # its own time_limit wins
        ("ask", 4): None,
        ("rate", 5): None,
        ("name_emotion", 6): None,
        ("validate", 7): None,
        ("pause", 8): None,
        ("commit", 9): None,
    }


def test_pause_settings_defaults_and_values() -> None:
    default = loaded(exercise_text("- say: hi")).pause
    assert (default.length, default.breathing, default.suggest_after) == (1200, "box", None)
    custom = loaded(
        exercise_text(
            "- say: hi", head="pause:\n  length: 10m\n  breathing: calm\n  suggest_after: 1m"
        )
    ).pause
    assert (custom.length, custom.breathing, custom.suggest_after) == (600, "calm", 60)


# --- top-level keys and their defaults --------------------------------------------------


def test_exercise_defaults() -> None:
    exercise = loaded("title: T\nsummary: S\nsteps:\n  - say: hi\n")
    assert exercise.version == 1
    assert exercise.id == "sample"
    assert exercise.description == ""
    assert exercise.tags == ()
    assert exercise.minutes is None
    assert exercise.rounds == 1
    assert exercise.first_speaker == "ask"
    assert exercise.private_check is None and not exercise.needs_private_check
    assert exercise.needs_private_check is False
    assert dict(exercise.vars) == {}


def test_spec_example_loads_with_every_value() -> None:
    exercise = loaded(SPEC_EXAMPLE)
    assert exercise.id == "first-reflection"
    assert exercise.title == "Your first reflection"
    assert exercise.description == "Pick something small for this first round. ...\n"
    assert exercise.tags == ("listening", "beginner")
    assert (exercise.minutes, exercise.rounds) == (15, 2)
    assert exercise.pause.length == 1200 and exercise.pause.suggest_after == 300
    assert dict(exercise.vars) == {"topic": "a small moment"}
    assert [s.ACTION for s in exercise.steps] == ["say", "share", "reflect"]
    assert [s.time_limit for s in exercise.steps] == [None, 300, 300]


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("first-reflection", "first-reflection"),
        ("My Exercise", "my-exercise"),
        ("Check_In.v2", "check-in-v2"),
        ("Über Dich", "-ber-dich"),
        ("ABC123", "abc123"),
    ],
)
def test_id_defaults_to_the_file_name(stem: str, expected: str, tmp_path: Path) -> None:
    path = tmp_path / f"{stem}.yaml"
    path.write_text("title: T\nsummary: S\nsteps:\n  - say: hi\n", encoding="utf-8")
    result = load_file(path)
    assert result.problems == ()
    assert result.exercise is not None
    assert result.exercise.id == expected
    assert result.exercise.path == path


def test_explicit_id_beats_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "Some Name.yml"
    path.write_text("id: chosen\ntitle: T\nsummary: S\nsteps:\n  - say: hi\n", encoding="utf-8")
    exercise = load_file(path).exercise
    assert exercise is not None and exercise.id == "chosen"


@pytest.mark.parametrize("value", ["ask", "a", "b", "random"])
def test_first_speaker_words(value: str) -> None:
    exercise = loaded(exercise_text("- say: hi", head=f"first_speaker: {value}"))
    assert exercise.first_speaker == value


def test_first_speaker_question() -> None:
    exercise = loaded(
        exercise_text("- say: hi", head='first_speaker: {ask: "Who was let down, {a} or {b}?"}')
    )
    assert isinstance(exercise.first_speaker, FirstSpeakerQuestion)
    assert exercise.first_speaker.question.source == "Who was let down, {a} or {b}?"


def test_first_speaker_question_block_form() -> None:
    exercise = loaded(exercise_text("- say: hi", head="first_speaker:\n  ask: Who starts?"))
    assert isinstance(exercise.first_speaker, FirstSpeakerQuestion)


def test_first_speaker_question_cannot_use_speaker() -> None:
    # nobody holds the floor yet when the question is asked
    text = exercise_text("- say: hi", head="first_speaker: {ask: '{speaker} first?'}")
    problem = only_error(load(text))
    assert "{speaker}" in problem.message
    assert "{a}" in problem.message and "{b}" in problem.message


def test_first_speaker_mapping_needs_ask() -> None:
    text = exercise_text("- say: hi", head="first_speaker: {}")
    problem = only_error(load(text))
    assert "ask" in problem.message


@pytest.mark.parametrize(
    ("head", "needed"),
    [
        ("tags: [hard]", True),
        ("tags: [listening, hard]", True),
        ("private_check: true", True),
        # tags are compared ignoring case
        ("tags: [Hard]", True),
        ("tags: [HARD, listening]", True),
        ("tags: [hardly]", False),
        ("", False),
        # when private_check is written, it wins over the tag
        ("tags: [hard]\nprivate_check: false", False),
        ("tags: [Hard]\nprivate_check: false", False),
        ("tags: [listening]\nprivate_check: true", True),
    ],
)
def test_hard_tag_implies_the_private_check(head: str, needed: bool) -> None:
    exercise = loaded(exercise_text("- say: hi", head=head))
    assert exercise.needs_private_check is needed


def test_title_summary_and_description_take_no_placeholders() -> None:
    exercise = loaded(
        "title: '{a} and {b}'\nsummary: '{x}'\ndescription: 'a { b'\nsteps:\n  - say: hi\n"
    )
    assert exercise.title == "{a} and {b}"
    assert exercise.summary == "{x}"
    assert exercise.description == "a { b"


@pytest.mark.parametrize(("word", "fix"), [("review", "- review:"), ("swap", "- swap: true")])
def test_a_bare_action_name_as_a_step_says_to_add_the_colon(word: str, fix: str) -> None:
    text = exercise_text(f"- say: hi\n- {word}")
    problem = only_error(load(text))
    assert (problem.line, problem.column) == at(text, word)
    assert f"`{fix}`" in problem.message and "colon" in problem.message


def test_end_with_nothing_after_it_ends_without_a_closing_text() -> None:
    steps = steps_of("- say: Hello.\n- end:")
    assert isinstance(steps[1], End) and steps[1].text is None
