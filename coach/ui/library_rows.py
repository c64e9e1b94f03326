"""What the library screen lists: one plain row per exercise file, grouped, and the search.

No Textual here, and no import of the exercise format at module level: the rows
are built in a worker (:func:`scan_rows`), so the first screen appears before
the format package is even imported.

Grouping lives in :func:`group_of` alone: grouping the built-ins by the path's
stages later is a change to that one function (and the order it returns).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.library import Entry

BUILTIN, YOUR_OWN = "Built-in", "Your own"


@dataclass(frozen=True)
class Group:
    """A heading in the list; ``order`` sorts the groups."""

    title: str
    order: tuple[int, str]


@dataclass(frozen=True)
class Row:
    """One exercise file as the library shows it."""

    #: unique in the list: the file's path
    key: str
    group: Group
    title: str
    summary: str
    tags: tuple[str, ...]
    minutes: int | None
    description: str
    #: where it comes from, in words: "built-in", "your folder", "from DIR"
    origin: str
    path: Path
    #: when the file did not load: each problem's file, line, column and message
    problems: tuple[tuple[str, int, int, str], ...] = ()
    #: set when this file's id hides another file's exercise
    replaces: str | None = None
    #: the loaded exercise (a coach.format Exercise) for a file that loaded
    exercise: Any = None

    @property
    def ok(self) -> bool:
        return self.exercise is not None

    def matches(self, query: str) -> bool:
        """Every word of ``query`` appears in the title, summary or tags (any case)."""
        words = query.casefold().split()
        if not words:
            return True
        haystack = " ".join((self.title, self.summary, *self.tags)).casefold()
        if not self.ok:
            haystack += " " + self.path.name.casefold()
        return all(word in haystack for word in words)


def group_of(entry: Entry) -> Group:
    if entry.source == "builtin":
        return Group(BUILTIN, (0, ""))
    if entry.source == "user":
        return Group(YOUR_OWN, (1, ""))
    return Group(f"From {entry.folder}", (2, str(entry.folder)))


def _origin(entry: Entry) -> str:
    if entry.source == "builtin":
        return "built-in"
    if entry.source == "user":
        return "your folder"
    return "an --exercises folder"


def row_of(entry: Entry, replaces: str | None = None) -> Row:
    exercise = entry.exercise
    problems = tuple(
        (p.file, p.line, p.column, p.message) for p in entry.result.problems if p.is_error
    )
    if exercise is None:
        return Row(
            key=str(entry.path),
            group=group_of(entry),
            title=entry.path.name,
            summary=f"{len(problems)} problem{'s' if len(problems) != 1 else ''}",
            tags=(),
            minutes=None,
            description="",
            origin=_origin(entry),
            path=entry.path,
            problems=problems,
        )
    return Row(
        key=str(entry.path),
        group=group_of(entry),
        title=exercise.title,
        summary=exercise.summary,
        tags=tuple(exercise.tags),
        minutes=exercise.minutes,
        description=exercise.description,
        origin=_origin(entry),
        path=entry.path,
        replaces=replaces,
        exercise=exercise,
    )


def sorted_rows(rows: Iterable[Row]) -> list[Row]:
    """Group by group, exercises before files that did not load, then by title."""
    return sorted(rows, key=lambda r: (r.group.order, not r.ok, r.title.casefold(), r.key))


def scan_rows(extra_dirs: Sequence[Path] = ()) -> list[Row]:
    """Load every place's exercises (slow: run it in a worker)."""
    from coach.library import scan

    library = scan(list(extra_dirs))
    hidden = {id(winner): str(loser.path) for winner, loser in library.replaced}
    rows = [row_of(e, hidden.get(id(e))) for e in library.entries.values()]
    rows += [row_of(e) for e in library.invalid]
    return sorted_rows(rows)


def filtered(rows: Sequence[Row], query: str) -> list[Row]:
    return [row for row in rows if row.matches(query)]
