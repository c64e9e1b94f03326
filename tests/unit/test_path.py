"""The suggested path: the built-ins in the article's stages, a user's path, and its problems."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from coach import paths, resources
from coach.library import ordered, path_problems, scan, stage_groups, start_here
from coach.paths import user_exercises_dir

STAGES = [
    "Learning to listen",
    "Accountability",
    "Transparency and boundaries",
    "Regular check-ins",
    "Repair and forgiveness",
]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    resources.clear_cache()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def user_path(text: str) -> Path:
    return write(paths.config_dir() / "path.yaml", text)


def my_exercise(exercise_id: str) -> Path:
    text = f"title: {exercise_id}\nsummary: Mine.\nsteps:\n  - say: hi\n"
    return write(user_exercises_dir() / f"{exercise_id}.yaml", text)


def builtin_path() -> resources.SuggestedPath:
    value, problems = resources.read_data_file(
        resources.PATH, resources.builtin_path(resources.PATH)
    )
    assert problems == () and value is not None
    return value


# --- the built-in path ----------------------------------------------------------------


def test_the_builtin_path_holds_every_builtin_once_and_nothing_else() -> None:
    on_path = [step.id for stage in builtin_path().stages for step in stage.exercises]
    builtins = {e.id for e in scan().entries.values() if e.source == "builtin"}
    assert len(on_path) == len(set(on_path))
    assert set(on_path) == builtins


def test_the_builtin_path_follows_the_articles_stages() -> None:
    path = builtin_path()
    assert [stage.stage for stage in path.stages] == STAGES
    assert all(stage.about for stage in path.stages)
    assert all(step.why and "\n" not in step.why for s in path.stages for step in s.exercises)
    first = path.stages[0].exercises
    # listening and a way to stop come before the hard talks
    assert first[0].id == "first-reflection" and first[1].id == "practise-time-out"
    assert path.stages[1].exercises[0].id == "accountability-statement"


def test_the_library_is_ordered_along_the_path() -> None:
    library = scan()
    placed = ordered(library)
    expected = [step.id for stage in builtin_path().stages for step in stage.exercises]
    assert [p.entry.id for p in placed] == expected
    assert [p.position for p in placed] == list(range(1, len(expected) + 1))
    assert placed[0].stage == "Learning to listen" and placed[0].stage_number == 1
    assert placed[-1].stage == "Repair and forgiveness" and placed[-1].stage_number == 5
    assert all(p.why for p in placed)
    entry = start_here(library)
    assert entry is not None and entry.id == "first-reflection"
    assert path_problems(library) == []


def test_stage_groups_hold_the_stages_then_what_is_not_on_the_path() -> None:
    my_exercise("our-own")
    groups = stage_groups(scan())
    assert [g.title for g in groups] == [*STAGES, None]
    assert [g.number for g in groups] == [1, 2, 3, 4, 5, None]
    assert [p.entry.id for p in groups[-1].items] == ["our-own"]
    assert groups[-1].items[0].position is None and groups[-1].items[0].stage is None


# --- a user's path ------------------------------------------------------------------------


def test_a_users_path_replaces_the_builtin_one() -> None:
    my_exercise("our-own")
    path = user_path(
        """\
        stages:
          - stage: Ours
            exercises:
              - {id: our-own, why: We wrote it.}
              - {id: weekly-check-in, why: Every Sunday.}
        """
    )
    library = scan()
    placed = ordered(library)
    assert [(p.entry.id, p.stage, p.position) for p in placed[:2]] == [
        ("our-own", "Ours", 1),
        ("weekly-check-in", "Ours", 2),
    ]
    # the built-ins it leaves out follow, by id
    rest = [p.entry.id for p in placed[2:]]
    assert rest == sorted(rest) and "first-reflection" in rest
    assert all(p.position is None for p in placed[2:])
    assert resources.suggested_path().source == path
    assert path_problems(library) == []


def test_an_unknown_id_on_a_users_path_is_reported_and_left_out() -> None:
    path = user_path(
        """\
        stages:
          - stage: Ours
            exercises:
              - id: no-such-exercise
                why: Gone.
              - {id: weekly-check-in, why: Every Sunday.}
        """
    )
    library = scan()
    [problem] = path_problems(library)
    assert (problem.file, problem.line, problem.column) == (str(path), 4, 9)
    assert problem.severity == "warning" and problem.rule == "unknown-exercise"
    assert problem.message == (
        'the path names "no-such-exercise", which is not a known exercise; it is left out'
    )
    first = ordered(library)[0]
    assert (first.entry.id, first.position) == ("weekly-check-in", 1)


def test_an_id_whose_file_does_not_load_says_so() -> None:
    write(user_exercises_dir() / "broken.yaml", "title: T\nsummary: S\nsteps: []\n")
    user_path("stages:\n  - stage: S\n    exercises: [{id: broken, why: W}]\n")
    [problem] = path_problems(scan())
    assert 'the path names "broken", which does not load' in problem.message


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        (
            "stages:\n  - stage: S\n    exercises:\n      - {id: weekly-check-in, why: a}\n"
            "      - {id: weekly-check-in, why: b}\n",
            (5, 14),
            'the exercise "weekly-check-in" is on the path twice (first at line 4)',
        ),
        (
            "stages:\n  - stage: S\n    exercises:\n      - {id: weekly-check-in}\n",
            (4, 9),
            'missing "why"',
        ),
        (
            "stages:\n  - stage: S\n    exercises:\n      - id: weekly-check-in\n"
            "        why: |\n          one\n          two\n",
            (5, 14),
            '"why" must be one line',
        ),
        ("stages:\n  - stage: S\n    exercises: []\n", (3, 16), '"exercises" is empty'),
        ("stages:\n  - stage: S\n    exercises:\n      - {id: Bad Id, why: w}\n", (4, 14),
         'not a valid id'),
    ],
)
def test_a_bad_users_path_falls_back_with_located_problems(
    text: str, where: tuple[int, int], says: str
) -> None:
    path = user_path(text)
    loaded = resources.suggested_path()
    assert not loaded.overridden
    assert loaded.source == resources.builtin_path(resources.PATH)
    [problem] = loaded.problems
    assert (problem.file, problem.line, problem.column) == (str(path), *where)
    assert says in problem.message
    library = scan()
    assert path_problems(library) == [problem]
    assert ordered(library)[0].entry.id == "first-reflection"
