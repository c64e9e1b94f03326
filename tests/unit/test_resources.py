"""The data files: built-ins load cleanly, user files replace them, bad user files fall back."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach import paths, resources
from coach.format.problems import Problem


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    resources.clear_cache()


def write_user(name: str, text: str) -> Path:
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(name: str, text: str) -> list[Problem]:
    value, problems = resources.parse_data_text(name, textwrap.dedent(text), f"user/{name}")
    assert (value is None) == any(p.is_error for p in problems)
    return list(problems)


def messages(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


# --- the built-in files ----------------------------------------------------------


@pytest.mark.parametrize("name", resources.DATA_FILES)
def test_builtin_file_loads_with_no_problem(name: str) -> None:
    value, problems = resources.read_data_file(name, resources.builtin_path(name))
    assert problems == ()
    assert value is not None


def test_vocabulary_has_60_to_100_words_in_families() -> None:
    words = resources.emotion_words()
    assert 60 <= len(words) <= 100
    assert len({w.casefold() for w in words}) == len(words)
    families = {f.family: f for f in resources.emotion_families()}
    expected = {"hurt", "afraid", "angry", "sad", "ashamed", "lonely", "tired", "hopeful",
                "relieved", "grateful"}
    assert expected <= set(families)
    # every family is a real group, and the picker can offer "a little / very" in most
    assert all(len(f.all_words) >= 3 for f in families.values())
    graded = [w for f in families.values() for w in f.words if w.gentle and w.strong]
    assert len(graded) >= len(families)


def family_of(word: str) -> str | None:
    return next((f.family for f in resources.emotion_families() if word in f.all_words), None)


def test_vocabulary_names_feelings_not_stances_or_guesses() -> None:
    words = resources.emotion_words()
    # "defensive" is a stance, not a feeling; "jealous", guessed by the partner who
    # broke trust, shrinks the betrayal; "tender" reads as sore as often as fond
    for gone in ("defensive", "jealous", "tender"):
        assert gone not in words
    for word in ("humiliated", "foolish", "not good enough", "wary", "disgusted", "connected"):
        assert word in words
    assert family_of("proud") == "hopeful"
    assert family_of("connected") == "close"


def test_words_come_gentlest_first_within_an_entry() -> None:
    words = resources.emotion_words()
    assert words.index("uneasy") < words.index("afraid") < words.index("terrified")


def test_starters_for_each_step_kind() -> None:
    for kind in ("share", "reflect", "validate"):
        assert len(resources.starters(kind)) >= 3
    assert any("makes sense" in s for s in resources.starters("validate"))


def test_soothing_suggests_calming_things_and_warns_against_rehearsing() -> None:
    soothing = resources.soothing()
    text = " ".join(soothing.suggestions).lower()
    for word in ("walk", "water", "stretch", "music", "breathe"):
        assert word in text
    assert any("argument" in line.lower() for line in soothing.avoid)
    # walking out with no word of return frightens the one left behind
    assert any("without saying when you will be back" in line for line in soothing.avoid)


def test_share_starters_offer_a_request() -> None:
    assert "Would you be willing to …?" in resources.starters("share")


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("You always do this.", "absolutes"),
        ("you are never on time", "absolutes"),
        ("I AM SO TIRED OF THIS", "shouting"),
        ("you're such an idiot", "name-calling"),
        ("You\u2019re a liar", "name-calling"),
        ("what is wrong with you", "contempt"),
        ("I want a divorce", "threats"),
        ("youre overreacting", "minimising"),
        ("Yeah, right.", "contempt"),
        ("I SAID I WAS SORRY", "shouting"),
        ("I wish I were dead", "danger-self"),
        ("I\u2019ll hurt you", "danger-others"),
    ],
)
def test_cues_find_escalation(text: str, cue: str) -> None:
    assert cue in [m.cue for m in resources.find_cues(text)]


@pytest.mark.parametrize(
    "text",
    [
        "I felt stupid when I forgot.",
        "I never meant to hurt you.",
        "I was selfish, and I'm sorry.",
        "It's OK. I AM fine.",
        "Thank you for listening!",
        "I can't get over it.",
        "We're done for tonight.",
        "You always make me laugh.",
        "You were with her on my birthday???",
        "Let's move on to the next question.",
    ],
)
def test_cues_leave_ordinary_words_alone(text: str) -> None:
    assert resources.find_cues(text) == []


def test_cue_match_says_where() -> None:
    [match] = resources.find_cues("well, you never listen")
    assert (match.start, match.end, match.text) == (6, 22, "you never listen")
    assert match.hint and not match.danger


@pytest.mark.parametrize("before", [0, resources.MAX_SCAN - 10, 3 * resources.MAX_SCAN + 123])
def test_a_cue_is_found_anywhere_in_a_long_note(before: int) -> None:
    # the windows a long note is read in overlap, so nothing falls between them
    text = "x" * before + " I want to die. " + "We talked. " * 500
    [match] = resources.find_cues(text)
    assert (match.cue, match.start, match.text) == ("danger-self", before + 3, "want to die")


def test_danger_cues_say_so_and_point_to_help() -> None:
    danger = [cue for cue in resources.cues() if cue.danger]
    assert {cue.id for cue in danger} == {"danger-self", "danger-others"}
    for cue in danger:
        hint = cue.hint.lower()
        assert "stop" in hint and "emergency number" in hint and "crisis line" in hint
        assert "resources screen" in hint
    [match] = resources.find_cues("some days I want to die")
    assert match.danger and match.cue == "danger-self"


def test_with_nudges_off_only_danger_cues_are_found() -> None:
    text = "You're overreacting. I want to die."
    assert [m.cue for m in resources.find_cues(text)] == ["minimising", "danger-self"]
    assert [m.cue for m in resources.find_cues(text, heated=False)] == ["danger-self"]


def test_a_user_file_keeps_the_builtin_danger_cues_it_does_not_replace() -> None:
    write_user("cues.yaml", "cues:\n  - {id: mine, hint: h, phrases: [just saying]}\n")
    assert resources.load(resources.CUES).overridden
    assert [m.cue for m in resources.find_cues("just saying")] == ["mine"]
    assert [m.cue for m in resources.find_cues("I want to die")] == ["danger-self"]
    assert resources.find_cues("you never listen") == []  # the built-in heated cues are gone


def test_a_user_danger_cue_replaces_the_builtin_one_of_the_same_id() -> None:
    write_user(
        "cues.yaml",
        "cues:\n  - {id: danger-self, danger: true, hint: mine, phrases: [je veux mourir]}\n",
    )
    [match] = resources.find_cues("je veux mourir")
    assert (match.cue, match.hint, match.danger) == ("danger-self", "mine", True)
    assert resources.find_cues("I want to die") == []
    assert [m.cue for m in resources.find_cues("I'll kill you")] == ["danger-others"]


def test_danger_must_be_true_or_false() -> None:
    [problem] = problems_of("cues.yaml", "cues:\n  - {id: x, hint: h, danger: maybe, caps: 3}\n")
    assert (problem.line, problem.rule) == (2, "type")
    assert '"danger" must be true or false' in problem.message


def test_phrases_forgive_a_missing_apostrophe_or_an_added_comma() -> None:
    value, problems = resources.parse_data_text(
        "cues.yaml", "cues:\n  - {id: x, hint: h, phrases: [\"oh you're right\"]}\n"
    )
    assert problems == () and value is not None
    [cue] = value.cues
    for text in ("Oh, you're right", "oh youre right", "OH, YOU\u2019RE RIGHT"):
        assert cue.find(text) == [(0, len(text))], text
    assert cue.find("oh your right") == []


# --- user files --------------------------------------------------------------------


def test_a_valid_user_file_replaces_the_builtin() -> None:
    path = write_user(
        "emotions.yaml",
        """\
        families:
          - family: mine
            words:
              - word: cross
                gentle: miffed
              - glad
        """,
    )
    loaded = resources.load(resources.EMOTIONS)
    assert loaded.overridden and loaded.source == path and loaded.problems == ()
    assert resources.emotion_words() == ["miffed", "cross", "glad"]


def test_an_invalid_user_file_falls_back_with_located_problems() -> None:
    path = write_user(
        "emotions.yaml",
        """\
        families:
          - family: mine
            words:
              - glad
              - Glad
        """,
    )
    loaded = resources.load(resources.EMOTIONS)
    assert not loaded.overridden
    assert loaded.source == resources.builtin_path(resources.EMOTIONS)
    assert len(resources.emotion_words()) >= 60
    [problem] = loaded.problems
    assert (problem.file, problem.line, problem.column) == (str(path), 5, 9)
    assert 'the word "Glad" appears twice (first at line 4)' in problem.message
    assert resources.problems() == [problem]


def test_editing_the_user_file_takes_effect_without_a_restart() -> None:
    path = write_user("starters.yaml", "share: [a]\nreflect: [b]\nvalidate: [c]\n")
    assert resources.starters("share") == ("a",)
    path.write_text("share: [changed, again]\nreflect: [b]\nvalidate: [c]\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # make sure the change is seen even within one clock tick
    assert resources.starters("share") == ("changed", "again")
    path.unlink()
    assert resources.starters("share") == resources.load(resources.STARTERS).value.share
    assert not resources.load(resources.STARTERS).overridden


def test_loads_are_cached() -> None:
    assert resources.load(resources.CUES) is resources.load(resources.CUES)


def test_reading_creates_no_folder() -> None:
    resources.emotion_words()
    resources.problems()
    assert not paths.config_dir().exists()


def test_a_broken_user_file_never_raises() -> None:
    folder = paths.config_dir()
    folder.mkdir(parents=True)
    (folder / "cues.yaml").write_bytes(b"\xff\xfe not text")
    (folder / "soothing.yaml").write_text("suggestions:\n\t- walk\n", encoding="utf-8")
    (folder / "starters.yaml").write_text("!!python/object:os.system {}\n", encoding="utf-8")
    (folder / "emotions.yaml").mkdir()  # not even a file
    (folder / "resources.yaml").write_text("countries: [\n", encoding="utf-8")
    (folder / "path.yaml").write_text("stages: {}\n", encoding="utf-8")
    found = resources.problems()
    assert {Path(p.file).name for p in found} == set(resources.DATA_FILES)
    assert all(p.is_error for p in found)
    rules = {Path(p.file).name: p.rule for p in found}
    assert rules["cues.yaml"] == "not-utf8"
    assert rules["soothing.yaml"] == "tab"
    assert rules["starters.yaml"] == "tag"
    assert resources.support_for("GB").has_lines
    assert rules["path.yaml"] == "type"
    assert resources.find_cues("you always twist it") != []
    assert len(resources.soothing_suggestions()) >= 5


# --- problems in each kind of file, located ------------------------------------------


def test_unknown_keys_are_refused_with_a_suggestion() -> None:
    problem = problems_of("soothing.yaml", "suggestion: [walk]\n")[-1]
    assert (problem.line, problem.column) == (1, 1)
    assert 'did you mean "suggestions"' in problem.message


def test_starters_need_all_three_lists() -> None:
    found = problems_of("starters.yaml", "share: [a]\nreflect: [b]\n")
    assert [p.message for p in found] == ['the starters file is missing "validate"']


def test_an_empty_starter_list_is_refused() -> None:
    [problem] = problems_of("starters.yaml", "share: []\nreflect: [b]\nvalidate: [c]\n")
    assert (problem.line, problem.column, problem.rule) == (1, 8, "empty-value")


def test_yaml_12_words_are_text_in_data_files() -> None:
    value, problems = resources.parse_data_text("soothing.yaml", "suggestions: [yes, no, off]\n")
    assert problems == ()
    assert value is not None and value.suggestions == ("yes", "no", "off")


def test_a_word_that_is_too_long_is_refused() -> None:
    text = """\
    families:
      - family: f
        words:
          - word: ok
            strong: this is far too long to be a single feeling word
    """
    [problem] = problems_of("emotions.yaml", text)
    assert (problem.line, problem.column) == (5, 17)


def test_an_empty_family_is_refused() -> None:
    [problem] = problems_of("emotions.yaml", "families:\n  - family: f\n    words: []\n")
    assert (problem.line, problem.rule) == (3, "empty-value")


def test_an_invalid_regex_is_located_in_the_pattern() -> None:
    text = """\
    cues:
      - id: bad
        hint: h
        regex: "ab(c"
    """
    [problem] = problems_of("cues.yaml", text)
    assert problem.rule == "regex"
    assert (problem.line, problem.column) == (4, 15)
    assert "missing )" in problem.message


def test_a_regex_that_matches_nothing_at_all_is_refused() -> None:
    [problem] = problems_of("cues.yaml", "cues:\n  - id: x\n    hint: h\n    regex: 'a*'\n")
    assert "matches empty text" in problem.message


def test_a_cue_needs_a_pattern() -> None:
    text = "cues:\n  - id: x\n    hint: h\n    caps: 3\n  - id: y\n    hint: h\n"
    [problem] = problems_of("cues.yaml", text)
    assert (problem.line, problem.column) == (5, 5)
    assert 'the cue "y" needs at least one of phrases, caps or regex' in problem.message


def test_a_cue_fires_on_any_of_its_patterns() -> None:
    text = "cues:\n  - {id: x, hint: h, caps: 3, phrases: [you always], regex: 'b+c'}\n"
    value, problems = resources.parse_data_text("cues.yaml", text)
    assert problems == () and value is not None
    [cue] = value.cues
    assert cue.find("NO NO NO, you always, abbc") == [(0, 9), (10, 20), (23, 26)]


def test_cue_ids_are_unique() -> None:
    text = "cues:\n  - {id: x, hint: h, caps: 3}\n  - {id: x, hint: h, caps: 4}\n"
    [problem] = problems_of("cues.yaml", text)
    assert (problem.line, problem.rule) == (3, "duplicate-id")


def test_a_phrase_of_only_wildcards_is_refused() -> None:
    [problem] = problems_of("cues.yaml", "cues:\n  - {id: x, hint: h, phrases: ['* *']}\n")
    assert problem.rule == "cue"


def test_caps_must_be_a_sensible_number() -> None:
    [problem] = problems_of("cues.yaml", "cues:\n  - {id: x, hint: h, caps: 1}\n")
    assert problem.rule == "range"


def test_wildcard_phrases_match_one_word() -> None:
    value, problems = resources.parse_data_text(
        "cues.yaml", "cues:\n  - {id: x, hint: h, phrases: ['you * late']}\n"
    )
    assert problems == () and value is not None
    [cue] = value.cues
    assert cue.find("you're late") == []
    assert cue.find("You are late") == [(0, 12)]
    assert cue.find("you are always late") == []


def test_the_top_level_must_be_a_mapping() -> None:
    [problem] = problems_of("cues.yaml", "- one\n- two\n")
    assert problem.rule == "top-level"


_PIECES = st.sampled_from(
    ["you", "you\u2019re", "YOU", "always", "I", "want", "to", "die", "kill", "myself", "so",
     "whatever", "!!!", "???", ",", ".", "\n", "é", "\u200b", "idiot", "SHOUTING", "NOW"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=60).map(" ".join))
def test_cue_matches_always_point_into_the_text(text: str) -> None:
    found = resources.find_cues(text)
    assert found == sorted(found, key=lambda m: (m.start, m.end))
    for match in found:
        assert 0 <= match.start < match.end <= len(text)
        assert text[match.start : match.end] == match.text
