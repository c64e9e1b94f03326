"""Finding exercises: the built-ins, the user's folder, and any --exercises folders.

Where the same id appears in several places, an --exercises folder beats the
user's folder, which beats the built-ins; the same id twice in one place is an
error on both files.

The suggested path (``coach/data/path.yaml``, or the user's own) orders the
library in stages: :func:`ordered`, :func:`stage_groups` and :func:`start_here`
are what a list or a library screen shows, :func:`path_problems` what is wrong
with the path.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from coach.format.loader import LoadResult, load_file
from coach.format.model import Exercise
from coach.format.names import id_from_filename
from coach.format.problems import Problem
from coach.paths import user_exercises_dir
from coach.resources import suggested_path

Source = Literal["builtin", "user", "folder"]
SUFFIXES = (".yaml", ".yml")
RANK: dict[Source, int] = {"builtin": 0, "user": 1, "folder": 2}


def builtin_dir() -> Path:
    return Path(__file__).parent / "exercises"


def exercise_files(folder: Path) -> list[Path]:
    """Every exercise file under ``folder``, in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())


@dataclass(frozen=True)
class Entry:
    """One exercise file and what loading it gave."""

    path: Path
    source: Source
    result: LoadResult
    #: the folder it was found in (its "place")
    folder: Path

    @property
    def exercise(self) -> Exercise | None:
        return self.result.exercise

    @property
    def id(self) -> str:
        if self.result.exercise is not None:
            return self.result.exercise.id
        return id_from_filename(self.path.stem)

    @property
    def first_problem(self) -> Problem | None:
        errors = self.result.errors
        return errors[0] if errors else None


@dataclass
class Library:
    #: the usable exercise for each id, after precedence
    entries: dict[str, Entry] = field(default_factory=dict)
    #: files that could not be loaded (or clash with another in the same place)
    invalid: list[Entry] = field(default_factory=list)
    #: (winner, replaced) pairs where one place's exercise hides another's
    replaced: list[tuple[Entry, Entry]] = field(default_factory=list)

    def get(self, exercise_id: str) -> Entry | None:
        return self.entries.get(exercise_id)

    def all(self) -> list[Entry]:
        """Usable and invalid entries, sorted by id then path."""
        return sorted([*self.entries.values(), *self.invalid], key=lambda e: (e.id, str(e.path)))


def places(extra_dirs: Sequence[Path] = ()) -> list[tuple[Source, Path]]:
    """The folders searched, lowest precedence first."""
    out: list[tuple[Source, Path]] = [("builtin", builtin_dir()), ("user", user_exercises_dir())]
    out += [("folder", Path(d)) for d in extra_dirs]
    return out


def load_place(source: Source, folder: Path) -> list[Entry]:
    """Load every file of one place; the same id twice there is an error on both files."""
    entries = [Entry(p, source, load_file(p), folder) for p in exercise_files(folder)]
    return mark_duplicate_ids(entries)


def mark_duplicate_ids(entries: Sequence[Entry]) -> list[Entry]:
    by_id: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.exercise is not None:
            by_id.setdefault(entry.id, []).append(entry)
    out = []
    for entry in entries:
        clash = [e for e in by_id.get(entry.id, []) if e is not entry] if entry.exercise else []
        if clash:
            others = ", ".join(str(e.path) for e in clash)
            problem = Problem(
                entry.result.file,
                1,
                1,
                "error",
                f'the id "{entry.id}" is also used by {others} in the same folder',
                "duplicate-exercise-id",
            )
            result = dataclasses.replace(
                entry.result, exercise=None, problems=(problem, *entry.result.problems)
            )
            entry = dataclasses.replace(entry, result=result)
        out.append(entry)
    return out


def scan(extra_dirs: Sequence[Path] = ()) -> Library:
    library = Library()
    for source, folder in places(extra_dirs):
        for entry in load_place(source, folder):
            if entry.exercise is None:
                library.invalid.append(entry)
                continue
            previous = library.entries.get(entry.id)
            if previous is not None:
                library.replaced.append((entry, previous))
            library.entries[entry.id] = entry
    return library


def resolve(ref: str, extra_dirs: Iterable[Path] = ()) -> Entry | LoadResult | None:
    """An exercise named by a file path or an id.

    A path that exists is loaded as a file (its result is returned even when
    invalid); otherwise ``ref`` is looked up as an id. None when nothing matches.
    """
    path = Path(ref)
    if path.suffix.lower() in SUFFIXES or path.exists():
        if path.is_file():
            return load_file(path)
        if path.suffix.lower() in SUFFIXES:
            return None
    return scan(list(extra_dirs)).get(ref)


# --- the suggested path -----------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    """An entry, and where the suggested path puts it (None throughout when it is not on it)."""

    entry: Entry
    #: the stage's name, and its number from 1
    stage: str | None = None
    stage_number: int | None = None
    #: its place along the whole path, from 1, counting only exercises that exist
    position: int | None = None
    #: one line on why it comes there
    why: str | None = None


@dataclass(frozen=True)
class StageGroup:
    """One stage of the path and its exercises; ``title`` None holds those not on the path."""

    title: str | None
    about: str | None
    number: int | None
    items: tuple[Placed, ...]


def _placements(library: Library) -> tuple[list[Placed], list[Problem]]:
    loaded = suggested_path()
    file = str(loaded.source)
    invalid_ids = {e.id for e in library.invalid}
    placed: list[Placed] = []
    problems: list[Problem] = []
    for number, stage in enumerate(loaded.value.stages, start=1):
        for step in stage.exercises:
            entry = library.get(step.id)
            if entry is None:
                why = "does not load" if step.id in invalid_ids else "is not a known exercise"
                message = f'the path names "{step.id}", which {why}; it is left out'
                problems.append(
                    Problem(file, step.line, step.column, "warning", message, "unknown-exercise")
                )
                continue
            placed.append(Placed(entry, stage.stage, number, len(placed) + 1, step.why))
    return placed, problems


def ordered(library: Library) -> list[Placed]:
    """Every entry: those on the path in its order, then the rest in :meth:`Library.all` order."""
    placed, _ = _placements(library)
    on_path = {id(p.entry) for p in placed}
    return placed + [Placed(e) for e in library.all() if id(e) not in on_path]


def stage_groups(library: Library) -> list[StageGroup]:
    """The path's stages that hold an exercise, then one group (title None) for the rest."""
    loaded = suggested_path()
    everything = ordered(library)
    groups = []
    for number, stage in enumerate(loaded.value.stages, start=1):
        items = tuple(p for p in everything if p.stage_number == number)
        if items:
            groups.append(StageGroup(stage.stage, stage.about, number, items))
    rest = tuple(p for p in everything if p.position is None)
    if rest:
        groups.append(StageGroup(None, None, None, rest))
    return groups


def start_here(library: Library) -> Entry | None:
    """The first exercise on the path, where a couple new to coach should begin."""
    placed, _ = _placements(library)
    return placed[0].entry if placed else None


def path_problems(library: Library) -> list[Problem]:
    """What is wrong with the path in use: a refused user file's problems, and unknown ids."""
    _, problems = _placements(library)
    return [*suggested_path().problems, *problems]
