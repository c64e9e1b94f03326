"""Loading an exercise file: YAML nodes -> :class:`Exercise`, with every problem located."""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode

from coach.format import yamlread
from coach.format.flow import check_flow
from coach.format.kinds import Context, offset_mark, read_fields
from coach.format.model import Exercise, Reflect, Share
from coach.format.names import BUILTIN_VARIABLES, ID_RE, id_from_filename, settable
from coach.format.problems import Problem, Reporter


@dataclass(frozen=True)
class LoadResult:
    """What loading one file gave: the exercise (None when any error) and every problem."""

    exercise: Exercise | None
    problems: tuple[Problem, ...]
    file: str

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def ok(self) -> bool:
        return self.exercise is not None


def load_file(path: str | Path, display: str | None = None) -> LoadResult:
    """Load one exercise file. Never raises for anything the file holds."""
    path = Path(path)
    rep = Reporter(display if display is not None else str(path))
    data = yamlread.read_bytes(path, rep)
    exercise = None
    if data is not None:
        exercise = _load(data, path.stem, rep, path)
    return LoadResult(exercise, tuple(rep.sorted()), rep.file)


def load_text(text: str | bytes, file: str = "<text>", stem: str | None = None) -> LoadResult:
    """Load an exercise from a string or bytes (``stem`` gives the default id)."""
    rep = Reporter(file)
    data = text.encode("utf-8") if isinstance(text, str) else text
    exercise = _load(data, stem if stem is not None else Path(file).stem, rep, None)
    return LoadResult(exercise, tuple(rep.sorted()), rep.file)


def _load(data: bytes, stem: str, rep: Reporter, path: Path | None) -> Exercise | None:
    document = yamlread.compose_mapping(
        data, rep, expected="a mapping of keys such as title, summary and steps"
    )
    if document is None:
        return None
    root = document.root
    assert isinstance(root, MappingNode)
    ctx = Context(rep, document.text.splitlines())
    values, ok = read_fields(Exercise, root, ctx, "the exercise")
    # ids, goto targets and variables are checked even when something else is refused,
    # so an author sees every problem at once
    _check_names(ctx)
    if not ok or rep.has_errors:
        return None
    if "id" not in values:
        values["id"] = id_from_filename(stem)
        if not ID_RE.fullmatch(values["id"]):
            rep.add(1, 1, 'the file name gives no usable id; add "id:" to the file', "id")
            return None
    exercise = Exercise(**values, path=path)
    check_flow(exercise.steps, ctx, exercise.rounds)
    if rep.has_errors:
        return None
    return _with_default_time_limits(exercise)


def _check_names(ctx: Context) -> None:
    """Checks over every step: duplicate ids, goto targets, variables that nothing sets."""
    first_line: dict[str, int] = {}
    for step_id, where in ctx.step_ids:
        if not ID_RE.fullmatch(step_id):
            continue  # already refused where it stands
        if step_id in first_line:
            ctx.error(
                where,
                f'duplicate step id "{step_id}": first at line {first_line[step_id]}, '
                f"again at line {where[0]}",
                "duplicate-id",
            )
        else:
            first_line[step_id] = where[0]
    written = {step_id for step_id, _ in ctx.step_ids}
    for target, where in ctx.gotos:
        if target not in written:
            close = difflib.get_close_matches(target, list(first_line), n=1, cutoff=0.6)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            ctx.error(where, f'goto "{target}": no step has the id "{target}"{hint}', "goto-target")
    known = ctx.sets | BUILTIN_VARIABLES
    uses = [
        (
            n,
            offset_mark(node, offset, ctx),
            f'the placeholder {{{n}}} is never set: nothing in this file sets "{n}"',
        )
        for n, node, offset in ctx.refs
        if n not in known
    ]
    uses += [
        (n, w, f'the condition reads "{n}", which nothing in this file sets')
        for n, w in ctx.condition_vars
    ]
    if ctx.names_unknown:
        return
    for name, where, lead in uses:
        if name not in known:
            hint = _close(name, known) or _feeling_hint(name, ctx.emotions)
            if where in ctx.word_like:
                hint += f'; to compare with the word {name}, put it in quotes: "{name}"'
            ctx.error(where, f"{lead} (vars, save_as or set){hint}", "unset-variable")


def _close(name: str, known: set[str]) -> str:
    # a refused name (save_as: go-on) is noted as set, but is never worth suggesting
    names = sorted(n for n in known if n in BUILTIN_VARIABLES or settable(n))
    match = difflib.get_close_matches(name, names, n=1, cutoff=0.7)
    return f'; did you mean "{match[0]}"?' if match else ""


#: a placeholder that looks like a feeling: {feeling}, {feelings}, {emotions}, {felt} ...
_FEELING = re.compile(r"feel|felt|emotion|mood")


def _feeling_hint(name: str, emotions: list[str]) -> str:
    """For a name that looks like a feeling: the variable that holds the named emotion."""
    if not _FEELING.search(name):
        return ""
    if not emotions:
        return (
            '; a feeling is named by a name_emotion step, which keeps it in "emotion" '
            "(or in its save_as)"
        )
    holders = list(dict.fromkeys(emotions))
    if len(holders) == 1:
        return f'; did you mean "{holders[0]}"? (the name_emotion step keeps the feeling there)'
    shown = " or ".join(f'"{h}"' for h in holders)
    return f"; did you mean {shown}? (the name_emotion steps keep the feelings there)"


def _with_default_time_limits(exercise: Exercise) -> Exercise:
    limit = exercise.pause.suggest_after
    if limit is None:
        return exercise
    steps = tuple(
        dataclasses.replace(step, time_limit=limit)
        if isinstance(step, Share | Reflect) and step.time_limit is None
        else step
        for step in exercise.steps
    )
    return dataclasses.replace(exercise, steps=steps)
