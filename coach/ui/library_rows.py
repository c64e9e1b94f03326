"""What the library screen lists: one plain row per exercise file, grouped, and the search.

No Textual here, and no import of the exercise format at module level: the rows
are built in a worker (:func:`scan_rows`), so the first screen appears before
the format package is even imported. The rows of the last scan are also kept in
a small cache in the data folder, stamped with every file's size and time, so
the list can be shown at once when nothing changed; the worker's scan still
follows and is what a session starts from.

On a first start (no cache yet) the built-ins are drawn from the rows shipped
beside this module (``builtin_rows.json``, written by
``scripts/build_builtin_rows.py``), when the built-in files are still the ones
they were built from and nothing of the user's changes the list.

Grouping lives in :func:`group_of` alone: the exercises on the suggested path
(``path.yaml``) come first, its first one under "Start here", then each stage
in order, each row with its line on why it comes there; then the built-ins not
on the path, your own, and each ``--exercises`` folder.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach import paths

if TYPE_CHECKING:
    from coach.library import Entry, Placed

BUILTIN, YOUR_OWN, START_HERE = "Built-in", "Your own", "Start here"
MORE_BUILTIN = "More built-in exercises"
CACHE_FILE = "library-cache.json"
CACHE_FORMAT = "coach-library-cache-2"
PACKAGE = Path(__file__).parents[1]
BUILTIN_EXERCISES = PACKAGE / "exercises"
#: the built-in suggested path (coach.resources.DATA_DIR; a test keeps them equal)
BUILTIN_PATH_FILE = PACKAGE / "data" / "path.yaml"
SHIPPED_ROWS = Path(__file__).with_name("builtin_rows.json")
#: the same files as coach.library.exercise_files finds (a test keeps them equal); repeated
#: here because importing coach.library imports the whole exercise format
SUFFIXES = (".yaml", ".yml")


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
    #: the suggested path: the stage's name, the place along it, and why it comes there
    stage: str | None = None
    position: int | None = None
    why: str | None = None
    #: the loaded exercise (a coach.format Exercise) for a file that loaded
    exercise: Any = None

    @property
    def ok(self) -> bool:
        """The file loaded (its exercise may still be on its way from the worker)."""
        return not self.problems

    def matches(self, query: str) -> bool:
        """Every word of ``query`` appears in the title, summary or tags (any case)."""
        words = query.casefold().split()
        if not words:
            return True
        haystack = " ".join((self.title, self.summary, *self.tags)).casefold()
        if not self.ok:
            haystack += " " + self.path.name.casefold()
        return all(word in haystack for word in words)


def group_of(entry: Entry, placed: Placed | None = None) -> Group:
    if placed is not None and placed.position is not None:
        if placed.position == 1:
            return Group(START_HERE, (0, ""))
        return Group(placed.stage or "", (1, f"{placed.stage_number or 0:04d}"))
    if entry.source == "builtin":
        return Group(MORE_BUILTIN, (2, ""))
    if entry.source == "user":
        return Group(YOUR_OWN, (3, ""))
    return Group(f"From {entry.folder}", (4, str(entry.folder)))


def _origin(entry: Entry) -> str:
    if entry.source == "builtin":
        return "built-in"
    if entry.source == "user":
        return "your folder"
    return "an --exercises folder"


def row_of(entry: Entry, replaces: str | None = None, placed: Placed | None = None) -> Row:
    exercise = entry.exercise
    problems = tuple(
        (p.file, p.line, p.column, p.message) for p in entry.result.problems if p.is_error
    )
    if exercise is None:
        return Row(
            key=str(entry.path),
            group=group_of(entry, placed),
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
        group=group_of(entry, placed),
        title=exercise.title,
        summary=exercise.summary,
        tags=tuple(exercise.tags),
        minutes=exercise.minutes,
        description=exercise.description,
        origin=_origin(entry),
        path=entry.path,
        replaces=replaces,
        stage=placed.stage if placed else None,
        position=placed.position if placed else None,
        why=placed.why if placed else None,
        exercise=exercise,
    )


def sorted_rows(rows: Iterable[Row]) -> list[Row]:
    """Group by group, along the path, exercises before files that did not load, by title."""
    return sorted(rows, key=lambda r: (r.group.order, r.position or 0, not r.ok,
                                       r.title.casefold(), r.key))


def scan_rows(extra_dirs: Sequence[Path] = ()) -> list[Row]:
    """Load every place's exercises (slow: run it in a worker)."""
    from coach.library import ordered, scan

    library = scan(list(extra_dirs))
    hidden = {id(winner): str(loser.path) for winner, loser in library.replaced}
    placed = {id(p.entry): p for p in ordered(library)}
    rows = [row_of(e, hidden.get(id(e)), placed.get(id(e))) for e in library.entries.values()]
    rows += [row_of(e) for e in library.invalid]
    return sorted_rows(rows)


def filtered(rows: Sequence[Row], query: str) -> list[Row]:
    return [row for row in rows if row.matches(query)]


# --- the cache of the last scan --------------------------------------------------------


Stamps = list[tuple[str, int, int]]


def cache_path() -> Path:
    return paths.data_dir() / CACHE_FILE


def exercise_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())


def stamps(extra_dirs: Sequence[Path] = ()) -> Stamps:
    """Every exercise file in every place, with its size and modification time."""
    from coach.paths import user_exercises_dir

    folders = [BUILTIN_EXERCISES, user_exercises_dir(), *extra_dirs]
    out: Stamps = []
    for folder in folders:
        for path in exercise_files(Path(folder)):
            try:
                info = path.stat()
            except OSError:
                continue
            out.append((str(path), info.st_mtime_ns, info.st_size))
    return out


def cached_rows(extra_dirs: Sequence[Path] = (), *, partly: bool = False,
                taken: Stamps | None = None) -> list[Row] | None:
    """The rows of the last scan when no file has changed since, else None.

    With ``partly``, the rows of the files that have not changed, when some have: a file
    edited, added or removed since is left out until the scan brings it. ``taken`` is
    :func:`stamps` already taken (else they are taken here).
    """
    try:
        data = json.loads(cache_path().read_text("utf-8"))
        if data.get("format") != CACHE_FORMAT or data.get("dirs") != [str(d) for d in extra_dirs]:
            return None
        then = [tuple(s) for s in data["stamps"]]
        now = stamps(extra_dirs) if taken is None else taken
        if then == now:
            return [_row_from_json(raw) for raw in data["rows"]]
        if not partly:
            return None
        unchanged = {path for path, _, _ in set(then) & set(now)}
        return [_row_from_json(raw) for raw in data["rows"] if raw["path"] in unchanged]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def quick_rows(extra_dirs: Sequence[Path] = ()) -> list[Row] | None:
    """What to draw before the scan: the last scan's rows, else the built-ins as shipped
    when they are all there is, else the last scan's rows of the files that did not
    change, else the built-ins alone; None when there is nothing to go on (then only the
    scan can tell). Whatever is drawn, the scan follows and replaces it."""
    try:
        # one walk of the folders for all four tries: this runs before the first paint
        taken = stamps(extra_dirs)
    except (OSError, ValueError, TypeError):  # as each try below would meet it
        return None
    return (cached_rows(extra_dirs, taken=taken) or shipped_rows(extra_dirs, taken=taken)
            or cached_rows(extra_dirs, partly=True, taken=taken)
            or shipped_rows(extra_dirs, partly=True, taken=taken))


def save_cached_rows(extra_dirs: Sequence[Path], taken: Stamps, rows: Sequence[Row]) -> None:
    """Keep ``rows`` for next time, with the stamps taken before the scan that made them."""
    from coach.settings import write_private

    data = {
        "format": CACHE_FORMAT,
        "dirs": [str(d) for d in extra_dirs],
        "stamps": taken,
        "rows": [_row_to_json(row) for row in rows],
    }
    path = cache_path()
    paths.ensure_private_dir(path.parent)
    write_private(path, json.dumps(data, ensure_ascii=False))


def _row_to_json(row: Row) -> dict[str, Any]:
    raw = {f.name: getattr(row, f.name) for f in fields(row) if f.name != "exercise"}
    raw["group"] = asdict(row.group)
    raw["path"] = str(row.path)
    return raw


def _row_from_json(raw: dict[str, Any]) -> Row:
    group = raw["group"]
    return Row(
        key=raw["key"],
        group=Group(group["title"], (int(group["order"][0]), str(group["order"][1]))),
        title=raw["title"],
        summary=raw["summary"],
        tags=tuple(raw["tags"]),
        minutes=raw["minutes"],
        description=raw["description"],
        origin=raw["origin"],
        path=Path(raw["path"]),
        problems=tuple((str(f), int(n), int(c), str(m)) for f, n, c, m in raw["problems"]),
        replaces=raw["replaces"],
        stage=raw.get("stage"),
        position=raw.get("position"),
        why=raw.get("why"),
    )


# --- the built-ins' rows, shipped ---------------------------------------------------------


def builtin_digest() -> str:
    """A digest of what the built-ins' rows are made from: their files and the built-in path."""
    digest = hashlib.sha256()
    for path in [*exercise_files(BUILTIN_EXERCISES), BUILTIN_PATH_FILE]:
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(b"\0%d\0" % path.stat().st_size)
        digest.update(path.read_bytes())
    return digest.hexdigest()


def shipped_index(rows: Sequence[Row]) -> dict[str, Any]:
    """The shipped file's content for ``rows`` (a scan of the built-ins alone): paths are
    kept relative to the package, wherever it is installed."""
    out = []
    for row in rows:
        if not row.ok or not row.path.is_relative_to(BUILTIN_EXERCISES):
            raise ValueError(f"only built-ins that load can be shipped: {row.path}")
        raw = _row_to_json(row)
        raw["key"] = raw["path"] = row.path.relative_to(PACKAGE).as_posix()
        out.append(raw)
    return {"format": CACHE_FORMAT, "digest": builtin_digest(), "rows": out}


def shipped_text(rows: Sequence[Row]) -> str:
    """``builtin_rows.json`` as the build script writes it (stable, so diffs stay small)."""
    return json.dumps(shipped_index(rows), ensure_ascii=False, indent=1) + "\n"


def shipped_rows(extra_dirs: Sequence[Path] = (), *, partly: bool = False,
                 taken: Stamps | None = None) -> list[Row] | None:
    """The built-ins' rows as shipped, when the built-ins are the only exercises, the path is
    the built-in one, and the files are those the rows were made from; else None.

    With ``partly``, also when there are other exercises: those are left out until the
    scan brings them (and a built-in one of them replaces is shown until then). ``taken``
    is :func:`stamps` already taken (else they are taken here).
    """
    try:
        if taken is None:
            taken = stamps(extra_dirs)
        builtin_only = all(Path(p).is_relative_to(BUILTIN_EXERCISES) for p, _, _ in taken)
        if not (builtin_only or partly):
            return None
        if (paths.user_data_overrides_dir() / BUILTIN_PATH_FILE.name).exists():
            return None
        data = json.loads(SHIPPED_ROWS.read_text("utf-8"))
        if data.get("format") != CACHE_FORMAT or data.get("digest") != builtin_digest():
            return None
        rows = []
        for raw in data["rows"]:
            where = str(PACKAGE / raw["path"])
            rows.append(_row_from_json({**raw, "key": where, "path": where}))
        return rows
    except (OSError, ValueError, KeyError, TypeError):
        return None
