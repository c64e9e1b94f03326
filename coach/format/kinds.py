"""Readers for each kind of value a file holds, and the JSON Schema of each.

A dataclass field declared with :func:`key` names its kind; the loader reads a
file through these kinds and the schema is generated from them, so the two
cannot drift apart. Every reader reports problems at the node at fault and
returns :data:`INVALID` instead of raising.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
from dataclasses import MISSING, dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from coach.format.conditions import ConditionError, parse_condition
from coach.format.durations import DurationError, parse_duration
from coach.format.names import BUILTIN_VARIABLES, ID_RE, VARIABLE_RE, variable_problem
from coach.format.placeholders import PlaceholderError, Template, parse_template
from coach.format.problems import Reporter
from coach.format.yamlread import PLAIN, STR, kind_name, mapping_items, mark, plain_value


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


#: what a reader returns after reporting a problem
INVALID: Any = _Invalid()

Mark = tuple[int, int]


@dataclass
class Context:
    """What reading one file collects for the checks that need the whole file."""

    rep: Reporter
    lines: list[str]
    #: placeholders used in step text, and where
    #: (name, node, offset): the position is worked out only if the name turns out unset
    refs: list[tuple[str, ScalarNode, int]] = dataclasses.field(default_factory=list)
    #: variables read by conditions, and where
    condition_vars: list[tuple[str, Mark]] = dataclasses.field(default_factory=list)
    #: variables something in the file sets
    sets: set[str] = dataclasses.field(default_factory=set)
    #: the variables that keep named emotions (each name_emotion's save_as), in order
    emotions: list[str] = dataclasses.field(default_factory=list)
    #: where a condition compares two variables (``answer == yes``): perhaps a word
    word_like: set[Mark] = dataclasses.field(default_factory=set)
    #: goto targets, and where
    gotos: list[tuple[str, Mark]] = dataclasses.field(default_factory=list)
    #: when set, placeholders outside this set are refused where they stand
    only_refs: frozenset[str] | None = None
    #: step ids as written, and where their values stand (refused steps included)
    step_ids: list[tuple[str, Mark]] = dataclasses.field(default_factory=list)
    #: True when something that sets variables could not be read at all, so a
    #: "never set" error could be wrong
    names_unknown: bool = False

    def error(self, node: Node | Mark, message: str, rule: str) -> Any:
        self.rep.error_at(node if isinstance(node, tuple) else mark(node), message, rule)
        return INVALID


def key(kind: Kind, doc: str, default: Any = MISSING, *, common: bool = False) -> Any:
    """A dataclass field that a file may write."""
    meta = {"kind": kind, "doc": doc, "common": common}
    if default is MISSING:
        return dataclasses.field(metadata=meta)
    if isinstance(default, list | dict | set):
        raise TypeError("use an immutable default")
    if default.__class__.__hash__ is None:  # a read-only mapping: shared, never changed
        return dataclasses.field(default_factory=lambda: default, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


@functools.cache
def file_keys(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    """The fields of ``cls`` that a file may write, in order (cached: read for every step)."""
    return tuple(f for f in dataclasses.fields(cls) if "kind" in f.metadata)


def suggest(word: str, known: list[str]) -> str:
    if word == "<<":
        return (
            ": merge keys are YAML 1.1, not part of YAML 1.2; write the keys out, "
            "or put an alias (*name) on a whole step or value"
        )
    match = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f'; did you mean "{match[0]}"?' if match else f"; known keys: {', '.join(known)}"


def offset_mark(node: ScalarNode, offset: int, ctx: Context) -> Mark:
    """The line and column of character ``offset`` of a scalar's value, as near as we can tell."""
    line, column = mark(node)
    style = node.style or ""
    if node.start_mark.line == node.end_mark.line and style in ("", "'", '"'):
        if style:
            raw = ctx.lines[line - 1] if line <= len(ctx.lines) else ""
            if ("\\" if style == '"' else "''") in raw:  # escapes: count characters
                found = _nonspace_mark(node, offset, ctx)
                if found is not None:
                    return found
        return line, column + offset + (1 if style else 0)
    if style == "|":
        # a literal block: value lines map one to one onto the source lines below the key
        before = node.value[:offset]
        row = before.count("\n")
        index = node.start_mark.line + 1 + row
        if index < len(ctx.lines):
            source = ctx.lines[index]
            indent = len(source) - len(source.lstrip(" "))
            return index + 1, indent + len(before) - (before.rfind("\n") + 1) + 1
    return _nonspace_mark(node, offset, ctx) or (line, column)


def _nonspace_mark(node: ScalarNode, offset: int, ctx: Context) -> Mark | None:
    """Where character ``offset`` stands in a folded, quoted or plain scalar over several lines.

    Folding only turns line breaks and indentation into spaces (or nothing), so the
    value's other characters appear in the source in the same order: count them.
    """
    wanted = sum(1 for ch in node.value[:offset] if not ch.isspace())
    row, first = node.start_mark.line, node.start_mark.column
    if node.style in (">", "|"):
        row, first = row + 1, 0  # the block starts below its header (">", "|-", ...)
    elif node.style in ("'", '"'):
        first += 1  # after the opening quote
    while row <= node.end_mark.line and row < len(ctx.lines):
        source = ctx.lines[row]
        col = first
        while col < len(source):
            char, width = source[col], 1
            if node.style == '"' and char == "\\":
                # an escape: \t, \n and the like stand for space; \x.., \u.... for one character
                code = source[col + 1 : col + 2]
                width = 2 + {"x": 2, "u": 4, "U": 8}.get(code, 0)
                char = " " if code in ("", "t", "n", "r", " ", "_", "N", "L", "P") else code
            elif node.style == "'" and source.startswith("''", col):
                width = 2
            if not char.isspace():
                if wanted == 0:
                    return row + 1, col + 1
                wanted -= 1
            col += width
        row, first = row + 1, 0
    return None


class Kind:
    """How one kind of value is read and described."""

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def scalar(self, node: Node, ctx: Context, name: str, expected: str) -> ScalarNode | None:
        if isinstance(node, ScalarNode) and plain_value_or_text(node) is not None:
            return node
        if unquoted_placeholder(node):
            ctx.error(node, unquoted_placeholder_message(node), "unquoted-placeholder")
            return None
        ctx.error(node, f'"{name}" must be {expected}, not {kind_name(node)}', "type")
        return None


def unquoted_placeholder(node: Node) -> bool:
    """True for ``{speaker}`` written unquoted at the start of a value: YAML reads a mapping."""
    return (
        isinstance(node, MappingNode)
        and node.flow_style is True
        and bool(node.value)
        and all(
            isinstance(k, ScalarNode)
            and k.tag == PLAIN
            and VARIABLE_RE.fullmatch(k.value) is not None
            and isinstance(v, ScalarNode)
            and v.tag == PLAIN
            and not v.value
            for k, v in node.value
        )
    )


def unquoted_placeholder_message(node: MappingNode) -> str:
    first = node.value[0][0].value
    return (
        f"put this text in quotes: at the start of a value YAML reads {{{first}}} as a mapping, "
        f'not a placeholder (write "{{{first}}} …")'
    )


def plain_value_or_text(node: ScalarNode) -> object:
    try:
        return plain_value(node)
    except ValueError:
        return node.value


# Text is read as written: `label: No` is the word No, `label: 010` is 010.
# Text must hold more than spaces, as PlainText.read requires (the pattern only applies to strings).
_TEXT_SCHEMA = {"type": ["string", "number", "boolean"], "pattern": "\\S"}


class PlainText(Kind):
    """Text shown as written: no placeholders (title, summary, description, tags)."""

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        scalar = self.scalar(node, ctx, name, "text")
        if scalar is None:
            return INVALID
        if not scalar.value.strip():
            return ctx.error(node, f'"{name}" is empty', "empty-value")
        return scalar.value

    def schema(self) -> dict[str, Any]:
        return dict(_TEXT_SCHEMA)


class Text(PlainText):
    """Step text: placeholders are filled in when shown."""

    def __init__(self, markdown: bool = False) -> None:
        self.markdown = markdown

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        text = super().read(node, ctx, name)
        if text is INVALID:
            return INVALID
        return read_template(node, text, ctx)  # type: ignore[arg-type]


def read_template(node: ScalarNode, text: str, ctx: Context) -> Template | Any:
    try:
        template = parse_template(text)
    except PlaceholderError as exc:
        return ctx.error(offset_mark(node, exc.offset, ctx), exc.message, "placeholder")
    refused = False
    for ref in template.refs:
        if ctx.only_refs is not None and ref.name not in ctx.only_refs:
            # every one is reported, not only the first
            allowed = ", ".join("{" + n + "}" for n in sorted(ctx.only_refs))
            where = offset_mark(node, ref.offset, ctx)
            ctx.error(where, f"only {allowed} can be used here, not {{{ref.name}}}", "placeholder")
            refused = True
            continue
        ctx.refs.append((ref.name, node, ref.offset))
    return INVALID if refused else template


class _List(Kind):
    def __init__(self, item: Kind, unique: bool = False) -> None:
        self.item = item
        self.unique = unique

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        if not isinstance(node, SequenceNode):
            return ctx.error(node, f'"{name}" must be a list, not {kind_name(node)}', "type")
        out = []
        seen: dict[str, str] = {}  # unique lists (tags, words) compare ignoring case
        for child in node.value:
            value = self.item.read(child, ctx, name)
            if value is INVALID:
                continue
            plain = value.source if isinstance(value, Template) else value
            folded = plain.casefold()
            if self.unique and folded in seen:
                first = seen[folded]
                also = "" if first == plain else f' (as "{first}": case does not count)'
                ctx.error(child, f'"{plain}" appears twice in "{name}"{also}', "duplicate-value")
                continue
            seen[folded] = plain
            out.append(value)
        return tuple(out) if len(out) == len(node.value) else INVALID

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.unique:
            out["uniqueItems"] = True
        return out


class TextList(_List):
    def __init__(self) -> None:
        super().__init__(Text())


class PlainTextList(_List):
    def __init__(self) -> None:
        super().__init__(PlainText(), unique=True)


class Integer(Kind):
    def __init__(self, minimum: int | None = None, maximum: int | None = None) -> None:
        self.minimum = minimum
        self.maximum = maximum

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        value = plain_value_or_text(node) if isinstance(node, ScalarNode) else None
        if not isinstance(value, int) or isinstance(value, bool):
            shown = f'"{node.value}"' if isinstance(node, ScalarNode) else kind_name(node)
            return ctx.error(node, f'"{name}" must be a whole number, not {shown}', "type")
        if self.maximum == self.minimum is not None and value != self.minimum:
            # one allowed value (version): the same message on either side of it
            return ctx.error(node, f'"{name}" must be {self.minimum}, not {value}', "range")
        if self.minimum is not None and value < self.minimum:
            return ctx.error(node, f'"{name}" must be {self.minimum} or more, not {value}', "range")
        if self.maximum is not None and value > self.maximum:
            return ctx.error(node, f'"{name}" must be {self.maximum} or less, not {value}', "range")
        return value

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


class Boolean(Kind):
    def read(self, node: Node, ctx: Context, name: str) -> Any:
        value = plain_value_or_text(node) if isinstance(node, ScalarNode) else None
        if not isinstance(value, bool):
            shown = f'"{node.value}"' if isinstance(node, ScalarNode) else kind_name(node)
            hint = " (only true and false are booleans)" if isinstance(value, str) else ""
            return ctx.error(node, f'"{name}" must be true or false, not {shown}{hint}', "type")
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class Duration(Kind):
    def read(self, node: Node, ctx: Context, name: str) -> Any:
        scalar = self.scalar(node, ctx, name, "a duration such as 90, 90s, 5m or 1m30s")
        if scalar is None:
            return INVALID
        try:
            return parse_duration(plain_value_or_text(scalar))
        except DurationError as exc:
            return ctx.error(node, f'"{name}": {exc}', "duration")

    def schema(self) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1},
                {"type": "string", "pattern": r"^([0-9]+|([0-9]+[dhms])+)$"},
            ]
        }


class Choice(Kind):
    def __init__(self, values: tuple[str, ...]) -> None:
        self.values = values

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        scalar = self.scalar(node, ctx, name, "one of " + ", ".join(self.values))
        if scalar is None:
            return INVALID
        if scalar.value not in self.values:
            close = difflib.get_close_matches(scalar.value, list(self.values), n=1, cutoff=0.6)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            return ctx.error(
                node,
                f'"{name}" must be one of {", ".join(self.values)}, not "{scalar.value}"{hint}',
                "choice",
            )
        return scalar.value

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.values)}


class Identifier(Kind):
    """An exercise or step id: lowercase letters, digits and -."""

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        scalar = self.scalar(node, ctx, name, "an id (lowercase letters, digits and -)")
        if scalar is None:
            return INVALID
        if not ID_RE.fullmatch(scalar.value):
            return ctx.error(
                node,
                f'"{scalar.value}" is not a valid {name}: use lowercase letters, digits and -',
                "id",
            )
        return scalar.value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": "^[a-z0-9-]+$"}


class StepRef(Identifier):
    """A goto target; whether it exists is checked once all steps are read."""

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        if not isinstance(node, ScalarNode) or plain_value_or_text(node) is None:
            return ctx.error(
                node,
                f"{name} needs the id of a step (`{name}: STEP_ID`), not {kind_name(node)}",
                "type",
            )
        target = super().read(node, ctx, "step id")
        if target is not INVALID:
            ctx.gotos.append((target, mark(node)))
        return target


class VariableName(Kind):
    """A variable the file sets (save_as)."""

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        scalar = self.scalar(node, ctx, name, "a variable name")
        if scalar is None:
            return INVALID
        problem = variable_problem(scalar.value)
        if problem:
            return ctx.error(node, problem, "variable-name")
        return scalar.value

    def schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": "^[a-z_][a-z0-9_]*$",
            "not": {"enum": sorted(BUILTIN_VARIABLES)},
        }


class ConditionKind(Kind):
    def read(self, node: Node, ctx: Context, name: str) -> Any:
        scalar = self.scalar(node, ctx, name, 'a condition such as calm >= 7 or answer == "yes"')
        if scalar is None:
            return INVALID
        try:
            condition = parse_condition(scalar.value)
        except ConditionError as exc:
            where = offset_mark(scalar, exc.offset, ctx)
            return ctx.error(where, f"the condition does not parse: {exc.message}", "condition")
        for var in condition.variables():
            ctx.condition_vars.append((var.name, offset_mark(scalar, var.offset, ctx)))
        ctx.word_like.update(offset_mark(scalar, var.offset, ctx) for var in condition.word_like())
        return condition

    def schema(self) -> dict[str, Any]:
        return {"type": "string"}


class Assignments(Kind):
    """``vars`` and an option's ``set``: variable names to text or numbers.

    Text values keep their source (``"{b} chose"``), checked like step text.
    """

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        if not isinstance(node, MappingNode):
            ctx.names_unknown = True
            return ctx.error(
                node,
                f'"{name}" must be a mapping of variable to value, not {kind_name(node)}',
                "type",
            )
        out: dict[str, Any] = {}
        ok = True
        for var, key_node, value_node in mapping_items(node, ctx.rep):
            problem = variable_problem(var)
            if problem:
                ctx.error(key_node, problem, "variable-name")
                ok = False
                continue
            # set even when its value is refused: a placeholder reading it is not also an error
            ctx.sets.add(var)
            value = plain_value_or_text(value_node) if isinstance(value_node, ScalarNode) else None
            if value is None or isinstance(value, bool):
                shown = kind_name(value_node)
                ctx.error(
                    value_node,
                    f'the value of "{var}" must be text or a number, not {shown}',
                    "type",
                )
                ok = False
                continue
            if isinstance(value, int | float):  # plain numbers are numbers
                out[var] = value
                continue
            # quoted and block scalars are text, and text follows the placeholder rules;
            # the engine fills it in (vars when the steps start, set when chosen)
            if read_template(value_node, value_node.value, ctx) is INVALID:  # type: ignore[arg-type]
                ok = False
                continue
            out[var] = value_node.value
        return out if ok else INVALID

    def schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "propertyNames": {
                "pattern": "^[a-z_][a-z0-9_]*$",
                "not": {"enum": sorted(BUILTIN_VARIABLES)},
            },
            "additionalProperties": {"type": ["string", "number"]},
        }


class Scale(Kind):
    def read(self, node: Node, ctx: Context, name: str) -> Any:
        if (
            not isinstance(node, SequenceNode)
            or len(node.value) != 2
            or not all(_is_int_node(child) for child in node.value)
        ):
            return ctx.error(
                node, f'"{name}" must be two whole numbers, low and high: [0, 10]', "type"
            )
        low, high = (plain_value(child) for child in node.value)  # type: ignore[arg-type]
        if low >= high:  # type: ignore[operator]
            return ctx.error(
                node,
                f'the low end of "{name}" ({low}) must be below the high end ({high})',
                "range",
            )
        return (low, high)

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2}


def _is_int_node(node: Node) -> bool:
    value = plain_value_or_text(node) if isinstance(node, ScalarNode) else None
    return isinstance(value, int) and not isinstance(value, bool)


def label_number(node: ScalarNode) -> int | None:
    """A label's number: ``3`` or, as the schema (and JSON) allow, ``"3"``; else None."""
    if _is_int_node(node):
        return plain_value(node)  # type: ignore[return-value]
    if node.tag == STR and _LABEL_KEY.fullmatch(node.value):
        return int(node.value)
    return None


# the schema's propertyNames pattern for labels: no leading zero (010 is text)
_LABEL_KEY = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


class ScaleLabels(Kind):
    def read(self, node: Node, ctx: Context, name: str) -> Any:
        if not isinstance(node, MappingNode):
            return ctx.error(
                node, f'"{name}" must be a mapping of number to text, not {kind_name(node)}', "type"
            )
        out: dict[int, Template] = {}
        ok = True
        for _, key_node, value_node in mapping_items(node, ctx.rep):
            number = label_number(key_node)
            if number is None:
                ctx.error(
                    key_node,
                    f'a key of "{name}" must be a whole number, not "{key_node.value}"',
                    "type",
                )
                ok = False
                continue
            if number in out:
                ctx.error(key_node, f'"{name}" gives {number} twice', "duplicate-key")
                ok = False
                continue
            text = Text().read(value_node, ctx, name)
            if text is INVALID:
                ok = False
                continue
            out[number] = text
        return out if ok else INVALID

    def schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            # a whole number as YAML 1.2 reads it here: no leading zero (010 is text)
            "propertyNames": {"pattern": f"^{_LABEL_KEY.pattern}$"},
            "additionalProperties": dict(_TEXT_SCHEMA),
        }


class Vocabulary(Kind):
    def read(self, node: Node, ctx: Context, name: str) -> Any:
        if isinstance(node, SequenceNode):
            words = PlainTextList().read(node, ctx, name)
            if words is not INVALID and not words:
                return ctx.error(node, f'"{name}" must list at least one word', "empty-value")
            # a partner picks several words separated by commas: a word cannot hold one
            for child in node.value:
                word = child.value if isinstance(child, ScalarNode) else ""
                if "," in word:
                    ctx.error(offset_mark(child, word.index(","), ctx),  # type: ignore[arg-type]
                              f'the word "{word}" holds a comma; partners pick several words '
                              "separated by commas, so a word cannot hold one: split it in "
                              "two, or use other words", "vocabulary-comma")
                    words = INVALID
            return words
        if isinstance(node, ScalarNode) and node.value == "core":
            return "core"
        return ctx.error(
            node, f'"{name}" must be core or a list of words, not {kind_name(node)}', "type"
        )

    def schema(self) -> dict[str, Any]:
        return {
            "anyOf": [
                {"const": "core"},
                {
                    "type": "array",
                    # no comma in a word: a partner picks several words separated by commas
                    "items": {**_TEXT_SCHEMA, "pattern": "^[^,]*[^,\\s][^,]*$"},
                    "minItems": 1,
                    "uniqueItems": True,
                },
            ]
        }


class Record(Kind):
    """A mapping read into a dataclass whose fields were declared with :func:`key`."""

    def __init__(self, cls: type) -> None:
        self.cls = cls

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        if not isinstance(node, MappingNode):
            return ctx.error(node, f'"{name}" must be a mapping, not {kind_name(node)}', "type")
        values, ok = read_fields(self.cls, node, ctx, name)
        return self.cls(**values) if ok else INVALID

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "object",
            "properties": {f.name: field_schema(f) for f in file_keys(self.cls)},
            "additionalProperties": False,
        }
        required = _required(self.cls)
        if required:
            out["required"] = required
        return out


def is_required(field: dataclasses.Field[Any]) -> bool:
    """A field with neither a default nor a default factory (`labels` has a factory)."""
    return field.default is MISSING and field.default_factory is MISSING  # type: ignore[misc]


def _required(cls: type) -> list[str]:
    return [f.name for f in file_keys(cls) if is_required(f)]


def field_schema(f: dataclasses.Field[Any]) -> dict[str, Any]:
    out = f.metadata["kind"].schema()
    out["description"] = f.metadata["doc"]
    return out


def read_fields(
    cls: type,
    node: MappingNode,
    ctx: Context,
    what: str,
) -> tuple[dict[str, Any], bool]:
    """Read ``node``'s keys into ``cls``'s fields; unknown keys are refused with a suggestion."""
    known = {f.name: f for f in file_keys(cls)}
    values: dict[str, Any] = {}
    present: set[str] = set()
    ok = True
    for name, key_node, value_node in mapping_items(node, ctx.rep):
        present.add(name)
        field = known.get(name)
        if field is None:
            ok = refuse_unknown(ctx, key_node, what, list(known))
            continue
        ok = read_field(field, value_node, ctx, values) and ok
    for name in _required(cls):
        if name not in present:
            ctx.error(node, f'{what} is missing "{name}"', "missing-key")
            ok = False
    return values, ok


def read_field(
    field: dataclasses.Field[Any], node: Node, ctx: Context, values: dict[str, Any]
) -> bool:
    """Read one field's value into ``values``; False when it was refused."""
    value = field.metadata["kind"].read(node, ctx, field.name)
    if value is INVALID:
        return False
    values[field.name] = value
    return True


def refuse_unknown(ctx: Context, key_node: ScalarNode, what: str, known: list[str]) -> bool:
    """Report an unknown key with the closest known one; always False (for ``ok``)."""
    name = key_node.value
    ctx.error(key_node, f'unknown key "{name}" in {what}{suggest(name, known)}', "unknown-key")
    return False


def _label_node(option: Node) -> Node | None:
    if isinstance(option, MappingNode):
        return next((v for k, v in option.value if k.value == "label"), None)
    return option


def _plain_number(node: Node | None) -> int | float | None:
    value = plain_value_or_text(node) if isinstance(node, ScalarNode) else None
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


class Options(Kind):
    """An ask's options: each a label, or a mapping {label, goto, set}."""

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        from coach.format.model import Option

        if not isinstance(node, SequenceNode):
            return ctx.error(node, f'"{name}" must be a list, not {kind_name(node)}', "type")
        out = []
        labels: dict[str, int] = {}
        ok = True
        for child in node.value:
            if (
                isinstance(child, MappingNode)
                and unquoted_placeholder(child)
                and not any(k.value in ("label", "goto", "set") for k, _ in child.value)
            ):
                ctx.error(child, unquoted_placeholder_message(child), "unquoted-placeholder")
                ok = False
                continue
            if isinstance(child, MappingNode):
                option = Record(Option).read(child, ctx, "option")
            else:
                label = Text().read(child, ctx, "option")
                option = INVALID if label is INVALID else Option(label=label)
            if option is INVALID:
                ok = False
                continue
            number = _plain_number(_label_node(child))
            if number is not None:
                option = dataclasses.replace(option, number=number)
            source = option.label.source
            if source in labels:
                ctx.error(
                    child,
                    f'the option "{source}" appears twice (first at line {labels[source]})',
                    "duplicate-value",
                )
                ok = False
                continue
            labels[source] = mark(child)[0]
            out.append(option)
        return tuple(out) if ok else INVALID

    def schema(self) -> dict[str, Any]:
        from coach.format.model import Option

        return {"type": "array", "items": {"anyOf": [dict(_TEXT_SCHEMA), Record(Option).schema()]}}


FIRST_SPEAKER = ("ask", "a", "b", "random")


class FirstSpeakerKind(Kind):
    def read(self, node: Node, ctx: Context, name: str) -> Any:
        from coach.format.model import FirstSpeakerQuestion

        if isinstance(node, MappingNode):
            question: Any = INVALID
            seen = False
            for key_name, key_node, value_node in mapping_items(node, ctx.rep):
                if key_name != "ask":
                    return ctx.error(
                        key_node,
                        f'unknown key "{key_name}" in first_speaker; did you mean "ask"?',
                        "unknown-key",
                    )
                seen = True
                # the question is asked once the names are known, before anyone holds the floor
                before, ctx.only_refs = ctx.only_refs, frozenset({"a", "b"})
                try:
                    question = Text().read(value_node, ctx, "ask")
                finally:
                    ctx.only_refs = before
            if not seen:
                return ctx.error(
                    node, 'first_speaker as a mapping needs "ask: QUESTION"', "missing-key"
                )
            return INVALID if question is INVALID else FirstSpeakerQuestion(question)
        return Choice(FIRST_SPEAKER).read(node, ctx, name)

    def schema(self) -> dict[str, Any]:
        return {
            "anyOf": [
                {"enum": list(FIRST_SPEAKER)},
                {
                    "type": "object",
                    "properties": {"ask": {**_TEXT_SCHEMA, "description": "The question asked."}},
                    "required": ["ask"],
                    "additionalProperties": False,
                },
            ]
        }


class Steps(Kind):
    """The steps list; each step is one action and optional common keys."""

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        from coach.format.steps import read_step

        if not isinstance(node, SequenceNode):
            return ctx.error(node, f'"steps" must be a list, not {kind_name(node)}', "type")
        if not node.value:
            return ctx.error(
                node, '"steps" is empty: an exercise needs at least one step', "no-steps"
            )
        steps = [read_step(child, index, ctx) for index, child in enumerate(node.value)]
        return INVALID if any(step is INVALID for step in steps) else tuple(steps)

    def schema(self) -> dict[str, Any]:
        from coach.format.steps import steps_schema

        return steps_schema()
