"""The data files beside the exercises: feeling words, sentence starters, soothing
suggestions, escalation cues, support lines (modelled in :mod:`coach.support_lines`)
and the suggested path through the built-ins.

Each is a YAML file in ``coach/data/``. A file of the same name in the config
folder (``coach.paths.config_dir()``) replaces the built-in one. Data files are
read exactly like exercises (YAML 1.2 scalars, no tags, no tabs, size limits)
and every problem is a located :class:`Problem`. When the user's file has an
error, the built-in file is used instead and the problems are returned with
the value, so the app can show them; nothing here raises for what a file holds.

Loads are cached per file and re-read when the user's file changes (its
modification time or size), so editing an override takes effect without a
restart. Nothing is read at import time and no folder is ever created here.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from coach import paths, support_lines
from coach.format import yamlread
from coach.format.kinds import (
    INVALID,
    Boolean,
    Context,
    Identifier,
    Integer,
    Kind,
    Mark,
    PlainText,
    PlainTextList,
    Record,
    key,
    offset_mark,
    read_fields,
)
from coach.format.problems import Problem, Reporter
from coach.regex_safety import backtracking_problem

DATA_DIR = Path(__file__).parent / "data"

EMOTIONS, STARTERS, SOOTHING, CUES = "emotions.yaml", "starters.yaml", "soothing.yaml", "cues.yaml"
RESOURCES = "resources.yaml"
#: the suggested order through the exercises (not a search path)
PATH = "path.yaml"
DATA_FILES = (EMOTIONS, STARTERS, SOOTHING, CUES, RESOURCES, PATH)
#: plain Markdown texts shipped beside the data files (not replaceable)
NOTICE, PRIVACY = "notice.md", "privacy.md"

#: longest feeling word or phrase: it must fit a picker's column
MAX_WORD = 30
#: longest cue regex; long patterns are hard to review and easy to make slow
MAX_REGEX = 200
#: cues read a text in windows this long: even a safe pattern may take time that
#: grows with the square of what it searches, so short windows keep each search
#: cheap however long the note. Windows overlap by CUE_OVERLAP, so a cue up to
#: that long is never cut in two.
MAX_SCAN = 1000
CUE_OVERLAP = 200

T = TypeVar("T")


# --- reading helpers -----------------------------------------------------------


@dataclass
class _DataContext(Context):
    """A reading context that also remembers where each word or id was first seen."""

    seen: dict[str, Mark] = dataclasses.field(default_factory=dict)

    def first(self, node: Node, value: str, what: str) -> bool:
        """Record ``value``; report and return False when it was already seen."""
        folded = value.casefold()
        if folded in self.seen:
            line = self.seen[folded][0]
            message = f'{what} "{value}" appears twice (first at line {line})'
            self.error(node, message, "duplicate-value")
            return False
        self.seen[folded] = yamlread.mark(node)
        return True

    def first_id(self, cue: Cue, where: Mark) -> bool:
        """Record a cue's id; report and return False when another cue has it."""
        name = "cue-id:" + cue.id  # a prefix keeps ids apart from words
        if name in self.seen:
            first = self.seen[name][0]
            self.error(
                where,
                f'duplicate cue id "{cue.id}": first at line {first}, again at line {where[0]}',
                "duplicate-id",
            )
            return False
        self.seen[name] = where
        return True


class _RecordList(Kind):
    """A non-empty list of records, or of plain strings for records with a main field."""

    def __init__(self, cls: type, what: str, main: str | None = None) -> None:
        self.record = Record(cls)
        self.cls, self.what, self.main = cls, what, main
        #: how a plain string item is read: as the main field
        self.main_kind: Kind | None = (
            None if main is None
            else next(f for f in dataclasses.fields(cls) if f.name == main).metadata["kind"]
        )

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        if not isinstance(node, SequenceNode):
            shown = yamlread.kind_name(node)
            return ctx.error(node, f'"{name}" must be a list, not {shown}', "type")
        if not node.value:
            return ctx.error(node, f'"{name}" is empty', "empty-value")
        out = []
        for child in node.value:
            if self.main_kind is not None and isinstance(child, ScalarNode):
                value = self.main_kind.read(child, ctx, self.what)
                item = INVALID if value is INVALID else self.cls(**{self.main: value})
            else:
                item = self.record.read(child, ctx, self.what)
            if item is not INVALID:
                item = _located(item, child)
            out.append(item)
        return INVALID if any(item is INVALID for item in out) else tuple(out)

    def schema(self) -> dict[str, Any]:
        items = self.record.schema()
        if self.main is not None:
            items = {"anyOf": [{"type": "string"}, items]}
        return {"type": "array", "items": items, "minItems": 1}


def _located(item: Any, node: Node) -> Any:
    if any(f.name == "line" for f in dataclasses.fields(item)):
        line, column = yamlread.mark(node)
        return dataclasses.replace(item, line=line, column=column)
    return item


class _Word(PlainText):
    """A feeling word: one short line, unique (ignoring case) across the whole file."""

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        text = super().read(node, ctx, name)
        if text is INVALID:
            return INVALID
        text = text.strip()
        if "\n" in text or len(text) > MAX_WORD:
            return ctx.error(
                node, f'"{name}" must be one line of at most {MAX_WORD} characters', "range"
            )
        if isinstance(ctx, _DataContext) and not ctx.first(node, text, "the word"):
            return INVALID
        return text


class _Lines(PlainTextList):
    """A non-empty list of unique one-line texts (starters, suggestions)."""

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        values = super().read(node, ctx, name)
        if values is INVALID:
            return INVALID
        if not values:
            return ctx.error(node, f'"{name}" must list at least one line', "empty-value")
        for child, value in zip(node.value, values, strict=True):
            if "\n" in value.strip():
                return ctx.error(child, f'each entry of "{name}" must be one line', "type")
        return tuple(value.strip() for value in values)


# --- emotions ------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class EmotionWord:
    """A feeling word, with optional gentler ("a little") and stronger ("very") forms."""

    word: str = key(_Word(), "The feeling word.")
    gentle: str | None = key(_Word(), 'A gentler form, offered as "a little".', None)
    strong: str | None = key(_Word(), 'A stronger form, offered as "very".', None)
    line: int = 0
    column: int = 0

    @property
    def forms(self) -> tuple[str, ...]:
        """Every form, gentlest first."""
        return tuple(w for w in (self.gentle, self.word, self.strong) if w is not None)


@dataclass(frozen=True, kw_only=True)
class EmotionFamily:
    family: str = key(PlainText(), "The family's name, shown as a heading.")
    words: tuple[EmotionWord, ...] = key(
        _RecordList(EmotionWord, "word", main="word"),
        "The family's words: a word, or {word, gentle, strong}.",
    )
    line: int = 0
    column: int = 0

    @property
    def all_words(self) -> tuple[str, ...]:
        return tuple(form for entry in self.words for form in entry.forms)


@dataclass(frozen=True, kw_only=True)
class Emotions:
    families: tuple[EmotionFamily, ...] = key(
        _RecordList(EmotionFamily, "family"), "Feeling words grouped in families."
    )

    def words(self) -> list[str]:
        """Every word, family by family, each entry gentlest form first."""
        return [form for family in self.families for form in family.all_words]


# --- starters ------------------------------------------------------------------

StarterKind = Literal["share", "reflect", "validate"]


@dataclass(frozen=True, kw_only=True)
class Starters:
    share: tuple[str, ...] = key(_Lines(), "Ways to begin sharing.")
    reflect: tuple[str, ...] = key(_Lines(), "Ways to begin saying back what was heard.")
    validate: tuple[str, ...] = key(_Lines(), "Ways to begin validating a feeling.")

    def for_step(self, kind: StarterKind) -> tuple[str, ...]:
        return getattr(self, kind)  # type: ignore[no-any-return]


# --- soothing ------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Soothing:
    suggestions: tuple[str, ...] = key(_Lines(), "Things to do during a break.")
    avoid: tuple[str, ...] = key(
        _Lines(), "Things that keep the body upset, shown as a gentle reminder.", ()
    )


# --- cues ----------------------------------------------------------------------


class _Regex(Kind):
    """A regular expression, compiled when the file is read so a mistake is found at once."""

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        scalar = self.scalar(node, ctx, name, "a regular expression")
        if scalar is None:
            return INVALID
        source = scalar.value
        if len(source) > MAX_REGEX:
            return ctx.error(node, f'"{name}" is longer than {MAX_REGEX} characters', "range")
        try:
            re.compile(source)
        except re.error as exc:
            where = offset_mark(scalar, exc.pos or 0, ctx)
            message = f'"{name}" is not a valid regular expression: {exc.msg}'
            return ctx.error(where, message, "regex")
        if re.fullmatch(source, ""):
            message = f'"{name}" matches empty text, so it would match everywhere'
            return ctx.error(node, message, "regex")
        unsafe = backtracking_problem(source)
        if unsafe is not None:
            offset, why = unsafe
            message = f'"{name}" is refused: {why} (a long note could freeze the app)'
            return ctx.error(offset_mark(scalar, offset, ctx), message, "regex-backtracking")
        return source

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "maxLength": MAX_REGEX}


class _Phrases(PlainTextList):
    """Phrases of words; `*` stands for any one word."""

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        values = super().read(node, ctx, name)
        if values is INVALID:
            return INVALID
        for child, value in zip(node.value, values, strict=True):
            words = value.split()
            if not words or all(w == "*" for w in words):
                return ctx.error(child, 'a phrase needs at least one word besides "*"', "cue")
        return values


@dataclass(frozen=True, kw_only=True)
class Cue:
    """One escalation or danger cue: a kind hint, and phrases, caps or a regex (any of them)."""

    id: str = key(Identifier(), "A name for the cue; unique in the file.")
    hint: str = key(PlainText(), "What is shown, kindly, when the cue is found.")
    danger: bool = key(
        Boolean(),
        "A danger cue (self-harm, threats): always shown, whatever the nudge setting.",
        False,
    )
    phrases: tuple[str, ...] = key(
        _Phrases(), "Phrases matched as whole words, ignoring case; * is any one word.", ()
    )
    caps: int | None = key(
        Integer(minimum=2, maximum=20),
        "Found when this many words in a row are written in capitals (shouting).",
        None,
    )
    regex: str | None = key(_Regex(), "A regular expression, ignoring case (advanced).", None)
    line: int = 0
    column: int = 0
    patterns: tuple[re.Pattern[str], ...] = dataclasses.field(default=(), compare=False)

    def find(self, text: str) -> list[tuple[int, int]]:
        """Where the cue occurs in ``text``: (start, end) pairs, in order.

        The whole text is read, a window at a time: a danger sentence at the end of
        a long note is found, and no window costs more than a short note would.
        """
        text = _normalise(text)
        spans = {
            m.span()
            for start in range(0, max(len(text) - CUE_OVERLAP, 1), MAX_SCAN - CUE_OVERLAP)
            for p in self.patterns
            for m in p.finditer(text, start, start + MAX_SCAN)
            if m.end() > m.start()
        }
        return sorted(spans)


def _normalise(text: str) -> str:
    # curly apostrophes are what phones and some keyboards type
    return text.replace("\u2019", "'").replace("\u2018", "'")


def _phrase_pattern(phrase: str) -> str:
    # people type "youre" and "Yeah, right": an apostrophe or a comma may be left out or in
    parts = [
        r"[\w']+" if word == "*" else re.escape(_normalise(word)).replace("'", "'?")
        for word in phrase.split()
    ]
    return r"(?<![\w'])" + r",?\s+".join(parts) + r"(?![\w'])"


def _caps_pattern(count: int) -> str:
    # a "word in capitals" has two or more letters, so "I" and "A" never count,
    # though one may stand between two that do: "I SAID I WAS SORRY"
    word = r"[^\W\d_a-z]{2,}[!?.,]*"
    gap = r"\s+(?:[^\W\d_a-z][!?.,]*\s+)?"
    return r"(?<!\w)" + word + (gap + word) * (count - 1) + r"(?!\w)"


def cue_sources(cue: Cue) -> list[tuple[str, int]]:
    """The regular expressions a cue runs, with their flags: phrases, caps, then regex."""
    out = []
    if cue.phrases:
        out.append(("|".join(_phrase_pattern(p) for p in cue.phrases), re.IGNORECASE))
    if cue.caps is not None:
        out.append((_caps_pattern(cue.caps), 0))
    if cue.regex is not None:
        out.append((cue.regex, re.IGNORECASE))
    return out


def _compile_cue(cue: Cue) -> Cue:
    patterns = tuple(re.compile(source, flags) for source, flags in cue_sources(cue))
    return dataclasses.replace(cue, patterns=patterns)


@dataclass(frozen=True, kw_only=True)
class Cues:
    cues: tuple[Cue, ...] = key(_RecordList(Cue, "cue"), "Escalation cues.")


@dataclass(frozen=True)
class CueMatch:
    cue: str
    hint: str
    start: int
    end: int
    text: str
    #: a danger cue: shown whatever the nudge setting
    danger: bool = False


# --- the suggested path ---------------------------------------------------------


class _OneLine(PlainText):
    """One line of text (a folded scalar is fine: it reads as one line)."""

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        text = super().read(node, ctx, name)
        if text is INVALID:
            return INVALID
        if "\n" in text.strip():
            return ctx.error(node, f'"{name}" must be one line', "type")
        return text.strip()


class _PathId(Identifier):
    """An exercise id on the path: each may stand on it once."""

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        value = super().read(node, ctx, name)
        if value is INVALID or not isinstance(ctx, _DataContext):
            return value
        folded = "path-id:" + value  # a prefix keeps ids apart from other names
        if folded in ctx.seen:
            first = ctx.seen[folded][0]
            message = f'the exercise "{value}" is on the path twice (first at line {first})'
            return ctx.error(node, message, "duplicate-id")
        ctx.seen[folded] = yamlread.mark(node)
        return value


@dataclass(frozen=True, kw_only=True)
class PathStep:
    """One exercise on the path, and one line on why it comes here."""

    id: str = key(_PathId(), "The exercise's id.")
    why: str = key(_OneLine(), "One line on why it comes here, shown beside it.")
    line: int = 0
    column: int = 0


@dataclass(frozen=True, kw_only=True)
class PathStage:
    stage: str = key(_OneLine(), "The stage's name, shown as a heading.")
    about: str | None = key(_OneLine(), "One line on what this stage is for.", None)
    exercises: tuple[PathStep, ...] = key(
        _RecordList(PathStep, "exercise"), "The exercises of this stage, in order."
    )
    line: int = 0
    column: int = 0


@dataclass(frozen=True, kw_only=True)
class SuggestedPath:
    """The suggested order through the exercises, in stages."""

    stages: tuple[PathStage, ...] = key(
        _RecordList(PathStage, "stage"), "The stages, in the order to take them."
    )


# --- checks that need a whole file ----------------------------------------------


def _check_cues(value: Cues, ctx: Context) -> Cues | Any:
    out = []
    ok = True
    for cue in value.cues:
        where = (cue.line, cue.column)
        if not cue_sources(cue):
            ctx.error(
                where,
                f'the cue "{cue.id}" needs at least one of phrases, caps or regex',
                "cue",
            )
            ok = False
            continue
        if isinstance(ctx, _DataContext) and not ctx.first_id(cue, where):
            ok = False
            continue
        out.append(_compile_cue(cue))
    return Cues(cues=tuple(out)) if ok else INVALID


# --- loading ------------------------------------------------------------------


@dataclass(frozen=True)
class _Spec:
    cls: type
    what: str
    check: Callable[[Any, Context], Any] | None = None


_SPECS: dict[str, _Spec] = {
    EMOTIONS: _Spec(Emotions, "the emotions file"),
    STARTERS: _Spec(Starters, "the starters file"),
    SOOTHING: _Spec(Soothing, "the soothing file"),
    CUES: _Spec(Cues, "the cues file", _check_cues),
    RESOURCES: _Spec(support_lines.SupportFile, "the resources file"),
    PATH: _Spec(SuggestedPath, "the path file"),
}


@dataclass(frozen=True)
class Loaded(Generic[T]):
    """A data file's value, where it came from, and the problems found on the way.

    ``problems`` holds the user's file's problems when it was refused (then
    ``overridden`` is False and ``value`` is the built-in one).
    """

    value: T
    source: Path
    overridden: bool
    problems: tuple[Problem, ...] = ()


def read_data_file(
    name: str, path: Path, display: str | None = None
) -> tuple[Any | None, tuple[Problem, ...]]:
    """Read and check one data file as ``name`` (emotions.yaml, ...): (value or None, problems)."""
    spec = _SPECS[name]
    rep = Reporter(display if display is not None else str(path))
    data = yamlread.read_bytes(path, rep)
    value = None if data is None else _parse(data, spec, rep)
    return value, tuple(rep.sorted())


def parse_data_text(
    name: str, text: str, file: str = "<text>"
) -> tuple[Any | None, tuple[Problem, ...]]:
    """Like :func:`read_data_file`, for text already in memory."""
    rep = Reporter(file)
    value = _parse(text.encode("utf-8"), _SPECS[name], rep)
    return value, tuple(rep.sorted())


def _parse(data: bytes, spec: _Spec, rep: Reporter) -> Any | None:
    document = yamlread.compose_mapping(data, rep, subject=f"the top level of {spec.what}")
    if document is None:
        return None
    assert isinstance(document.root, MappingNode)
    ctx = _DataContext(rep, document.text.splitlines())
    values, ok = read_fields(spec.cls, document.root, ctx, spec.what)
    if not ok or rep.has_errors:
        return None
    value = spec.cls(**values)
    if spec.check is not None:
        value = spec.check(value, ctx)
    return None if value is INVALID or rep.has_errors else value


_Stamp = tuple[int, int] | None
_cache: dict[str, tuple[Path, _Stamp, Loaded[Any]]] = {}
_builtin_cache: dict[str, Loaded[Any]] = {}


def builtin_path(name: str) -> Path:
    return DATA_DIR / name


def user_path(name: str) -> Path:
    return paths.user_data_overrides_dir() / name


def _stamp(path: Path) -> _Stamp:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _builtin(name: str) -> Loaded[Any]:
    cached = _builtin_cache.get(name)
    if cached is None:
        path = builtin_path(name)
        value, problems = read_data_file(name, path)
        if value is None:  # a packaging bug; tests guard it, but never crash the app
            value = _SPECS[name].cls(**_empty_fields(_SPECS[name].cls))
        cached = Loaded(value, path, False, problems)
        _builtin_cache[name] = cached
    return cached


def _empty_fields(cls: type) -> dict[str, Any]:
    skip = ("line", "column")
    return {f.name: () for f in dataclasses.fields(cls) if f.init and f.name not in skip}


def load(name: str) -> Loaded[Any]:
    """The data file ``name``: the user's override when it is valid, else the built-in one."""
    if name not in _SPECS:
        raise KeyError(f"unknown data file {name!r}; known: {', '.join(DATA_FILES)}")
    path = user_path(name)
    stamp = _stamp(path)
    cached = _cache.get(name)
    if cached is not None and cached[0] == path and cached[1] == stamp:
        return cached[2]
    if stamp is None:
        result = _builtin(name)
    else:
        value, problems = read_data_file(name, path)
        if value is None:
            builtin = _builtin(name)
            result = Loaded(builtin.value, builtin.source, False, problems + builtin.problems)
        else:
            result = Loaded(value, path, True, problems)
    _cache[name] = (path, stamp, result)
    return result


def clear_cache() -> None:
    _cache.clear()
    _builtin_cache.clear()


def problems() -> list[Problem]:
    """Every problem in the data files in use (for the app to show once at start)."""
    return [p for name in DATA_FILES for p in load(name).problems]


# --- what the app uses ------------------------------------------------------------


def emotions() -> Emotions:
    return load(EMOTIONS).value  # type: ignore[no-any-return]


def emotion_words() -> list[str]:
    """The core vocabulary: family by family, each word's gentle form before it, strong after."""
    return emotions().words()


def emotion_families() -> tuple[EmotionFamily, ...]:
    return emotions().families


def starters(kind: StarterKind) -> tuple[str, ...]:
    """Sentence starters for a share, reflect or validate step."""
    return load(STARTERS).value.for_step(kind)  # type: ignore[no-any-return]


def soothing() -> Soothing:
    return load(SOOTHING).value  # type: ignore[no-any-return]


def soothing_suggestions() -> tuple[str, ...]:
    return soothing().suggestions


def suggested_path() -> Loaded[SuggestedPath]:
    """The path through the exercises, and where it came from (to locate problems in it)."""
    return load(PATH)


def cues() -> tuple[Cue, ...]:
    """The cues in use. A user's file never drops a built-in danger cue it does not replace."""
    loaded = load(CUES)
    mine: tuple[Cue, ...] = loaded.value.cues
    if not loaded.overridden:
        return mine
    ids = {cue.id for cue in mine}
    kept = tuple(c for c in _builtin(CUES).value.cues if c.danger and c.id not in ids)
    return kept + mine


def find_cues(text: str, *, heated: bool = True) -> list[CueMatch]:
    """Cues in ``text``, in the order they occur; with ``heated=False``, danger cues only.

    The app shows danger cues whatever the nudge setting; heated ones only when nudges are on.
    """
    found = [
        CueMatch(cue.id, cue.hint, start, end, text[start:end], cue.danger)
        for cue in cues()
        if heated or cue.danger
        for start, end in cue.find(text)
    ]
    return sorted(found, key=lambda m: (m.start, m.end))


def support_for(country: str | None) -> support_lines.SupportInfo:
    """Support lines for ``country`` (an ISO code) by kind, with the general advice.

    None, or a country the file does not list, gives the general advice alone.
    Pass :func:`coach.support_lines.chosen_country` for the settings and locale.
    """
    return support_lines.support_info(load(RESOURCES).value, country)


def notice_text() -> str:
    """The first-run notice (Markdown): what coach is and is not, and when not to use it."""
    return builtin_path(NOTICE).read_text(encoding="utf-8")


def privacy_text() -> str:
    """Where data is kept and who could read it (Markdown), with this machine's folders."""
    text = builtin_path(PRIVACY).read_text(encoding="utf-8")
    return text.replace("{data_dir}", str(paths.data_dir())).replace(
        "{config_dir}", str(paths.config_dir())
    )
