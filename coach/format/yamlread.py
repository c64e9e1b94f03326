"""Reading YAML safely into located nodes, the YAML 1.2 way.

PyYAML constructs Python objects the YAML 1.1 way (``No`` -> False, ``010`` ->
8). We never let it construct anything: we only *compose* the node tree, with
a resolver that has no implicit rules, so every node keeps its source text and
its position. Values are then read by what the spec expects at that place.
Refused before any value is read: files over 256 KiB, bytes that are not
UTF-8, tags other than the standard ones, tabs in indentation, and aliases
that would expand the document past the size limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from coach.format.problems import Reporter

MAX_BYTES = 256 * 1024
MAX_DEPTH = 64

_T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_T + name for name in ("str", "int", "float", "bool", "null"))
SEQ, MAP = _T + "seq", _T + "map"
#: what our resolver gives an untagged plain scalar, so ``!!str 5`` stays text
PLAIN = "coach:plain"
STANDARD_TAGS = frozenset({PLAIN, STR, INT, FLOAT, BOOL, NULL, SEQ, MAP})

# YAML 1.2 core schema, except that a number never has a leading zero (the spec
# reads ``010`` as text), octal and hex (``0o10``, ``0x1f``) are text, and so are
# ``.inf`` and ``.nan`` (no exercise value is infinite, and JSON has neither).
# ``1e3`` is a number, as the core schema reads it.
_NULL_RE = re.compile(r"~|null|Null|NULL|")
# The spec: "only true and false are booleans" (True and TRUE are text, like Yes).
_TRUE_RE = re.compile(r"true")
_FALSE_RE = re.compile(r"false")
_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT_RE = re.compile(r"[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


class _PlainResolver(BaseResolver):
    """Untagged nodes get a tag without any implicit rule (called once per node: kept short)."""

    def resolve(self, kind: type, value: object, implicit: tuple[bool, bool] | bool) -> str:
        if kind is ScalarNode:
            return PLAIN if implicit[0] else STR  # type: ignore[index]
        return SEQ if kind is SequenceNode else MAP


try:  # the C composer is several times faster; keep the pure one as a fallback
    from yaml.cyaml import CParser as _Parser

    class _Composer(_Parser, _PlainResolver):  # type: ignore[misc, valid-type]
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            BaseResolver.__init__(self)

except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Composer(Reader, Scanner, Parser, Composer, _PlainResolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            BaseResolver.__init__(self)


def mark(node: Node) -> tuple[int, int]:
    """1-based line and column where ``node`` starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


@dataclass(frozen=True)
class Document:
    """A composed YAML document and the text it came from."""

    root: Node
    text: str


def read_bytes(path: Path, rep: Reporter) -> bytes | None:
    """The file's bytes, or None (with a problem at 1:1) when it is too large or unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            rep.add(1, 1, f"the file is {size // 1024} KiB; the limit is 256 KiB", "too-large")
            return None
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        rep.add(1, 1, f"cannot read the file: {exc.strerror or exc}", "unreadable")
        return None
    if len(data) > MAX_BYTES:
        rep.add(1, 1, "the file is larger than the 256 KiB limit", "too-large")
        return None
    return data


def decode(data: bytes, rep: Reporter) -> str | None:
    if len(data) > MAX_BYTES:
        rep.add(1, 1, f"the file is {len(data) // 1024} KiB; the limit is 256 KiB", "too-large")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[start : exc.start].decode("utf-8", "replace")) + 1
        rep.add(
            1,
            1,
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}, "
            f"column {column}{_guess_encoding(data)}); save it as UTF-8",
            "not-utf8",
        )
        return None
    return text.removeprefix("\ufeff")


def _guess_encoding(data: bytes) -> str:
    """ ", which looks like UTF-16" or ", which looks like Windows-1252", when it does."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:64]:
        return ", which looks like UTF-16"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return ", which looks like Windows-1252"


def compose(text: str, rep: Reporter) -> Document | None:
    """Compose ``text`` into nodes, or report why it cannot be read and return None."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        rep.add(1, 1, "the file is empty", "empty")
        return None
    composer = _Composer(text)
    try:
        root = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        _report_syntax(text, exc, rep)
        return None
    except yaml.YAMLError as exc:
        rep.add(1, 1, f"YAML syntax error: {exc}", "syntax")
        return None
    except RecursionError:
        rep.add(1, 1, f"the document is nested too deeply (more than {MAX_DEPTH} levels)", "depth")
        return None
    finally:
        dispose = getattr(composer, "dispose", None)
        if dispose is not None:
            dispose()
    # "---" (or "--- ...") alone composes to an empty plain scalar: nothing was written
    if root is None or (
        isinstance(root, ScalarNode) and root.tag == PLAIN and not root.value and not root.style
    ):
        rep.add(1, 1, "the file is empty", "empty")
        return None
    # Anchors need "&" and tags need "!": without either, no walk is needed.
    if ("&" in text or "!" in text) and not _check_tree(root, rep):
        return None
    return Document(root, text)


def compose_mapping(
    data: bytes, rep: Reporter, subject: str = "the top level", expected: str = "a mapping"
) -> Document | None:
    """Decode and compose ``data`` whose top level must be a mapping (exercise and data files)."""
    text = decode(data, rep)
    if text is None:
        return None
    document = compose(text, rep)
    if document is None:
        return None
    if not isinstance(document.root, MappingNode):
        kind = kind_name(document.root)
        rep.error_at(mark(document.root), f"{subject} must be {expected}, not {kind}", "top-level")
        return None
    return document


def _report_syntax(text: str, exc: yaml.MarkedYAMLError, rep: Reporter) -> None:
    where = exc.problem_mark or exc.context_mark
    line = where.line if where is not None else 0
    lines = text.splitlines()
    # libyaml's message for a tab never mentions the tab: look for one ourselves.
    for number in range(min(line, len(lines) - 1), -1, -1):
        content = lines[number]
        indent = content[: len(content) - len(content.lstrip(" \t"))]
        if "\t" in indent:
            column = indent.index("\t") + 1
            rep.add(
                number + 1,
                column,
                "a tab is used for indentation; YAML indents with spaces only",
                "tab",
            )
            return
    if where is not None and line < len(lines) and "\t" in lines[line][: where.column + 1]:
        rep.add(
            line + 1,
            lines[line].index("\t") + 1,
            "a tab stands where YAML expects spaces; use spaces",
            "tab",
        )
        return
    if where is not None and line < len(lines):
        found = indentation_problem(lines, line)
        if found is not None:
            rep.add(line + 1, found[0], found[1], "indentation")
            return
    problem = exc.problem or "the YAML cannot be read"
    context = f" ({exc.context})" if exc.context else ""
    if exc.context_mark is not None and (line >= len(lines) or "end of stream" in problem):
        # libyaml notices an unclosed quote or bracket at the end of the file, where
        # there is nothing to change: point at the quote or bracket that is never closed
        where = exc.context_mark
        line = where.line
        opener = lines[line][where.column : where.column + 1] if line < len(lines) else ""
        shown = {
            '"': 'the quote (") here',
            "'": "the quote (') here",
            "[": "the bracket ([) here",
            "{": "the brace ({) here",
        }.get(opener, "this")
        problem = f"{shown} is never closed before the file ends"
        context = ""
    column = where.column + 1 if where is not None else 1
    source = lines[line] if line < len(lines) else ""
    message = f"YAML syntax error: {problem}{context}{_hint(problem, source)}"
    rep.add(line + 1, column, message, "syntax")


# --- indentation ---------------------------------------------------------------

# a line that holds a key ("  key: value", "  - key:") or a list item ("  - value")
_KEY_LINE = re.compile(
    r"(?P<indent> *)(?P<dash>(?:- +)*)(?P<key>[A-Za-z0-9_][A-Za-z0-9_ -]*):(?: |$)"
)
_DASH_LINE = re.compile(r"(?P<indent> *)-(?: |$)")
# a value that opens a block scalar: its lines below are text, not structure
_BLOCK_SCALAR = re.compile(r":\s+[|>][-+0-9]*\s*(?:#.*)?$")
_NUMBER_WORDS = {1: "one space", 2: "two spaces", 3: "three spaces", 4: "four spaces"}


@dataclass(frozen=True)
class _Line:
    """One line of structure: where its dash and its key stand (0-based columns)."""

    number: int
    indent: int
    dash: int | None
    key: str | None
    key_column: int | None
    #: nothing follows "key:" or "-": the next lines may be indented further
    opens: bool


def _structure(source: str, number: int) -> _Line | None:
    key = _KEY_LINE.match(source)
    if key is not None:
        indent = len(key["indent"])
        column = indent + len(key["dash"])
        rest = source[key.end() :].strip()
        return _Line(number, indent, indent if key["dash"] else None, key["key"], column,
                     not rest or rest.startswith("#"))
    dash = _DASH_LINE.match(source)
    if dash is not None:
        indent = len(dash["indent"])
        rest = source[dash.end() :].strip()
        return _Line(number, indent, indent, None, None, not rest or rest.startswith("#"))
    return None


def _structure_above(lines: list[str], line: int) -> list[_Line]:
    """The lines of structure before ``line``, nearest first (text of block scalars,
    comments and the lines of text that go on a value are left out)."""
    found: list[_Line] = []
    block_indent: int | None = None  # inside a block scalar whose key stands here
    for number in range(line):
        source = lines[number]
        stripped = source.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(source) - len(source.lstrip(" "))
        if block_indent is not None:
            if indent > block_indent:
                continue
            block_indent = None
        item = _structure(source, number)
        if item is None:
            continue
        found.append(item)
        if _BLOCK_SCALAR.search(source):
            block_indent = item.key_column if item.key_column is not None else item.indent
    return found[::-1]


def indentation_problem(lines: list[str], line: int) -> tuple[int, str] | None:
    """(column, message) when line ``line`` (0-based) is out of line with its siblings:
    its key or dash stands in no column the lines above leave open. None otherwise."""
    here = _structure(lines[line], line)
    if here is None:
        return None
    above = _structure_above(lines, line)
    if not above:
        return None
    if above[0].opens and here.indent > max(above[0].indent, above[0].key_column or 0):
        return None  # the first line of a new block: any deeper indentation is right
    # the columns still open at this line: each line on the way up that stands left of
    # every line below it, with its dash and its key
    columns: list[tuple[int, str, _Line]] = []  # (column, "key" or "dash", line)
    bound = 1 << 30
    for item in above:
        if item.indent >= bound:
            continue
        bound = item.indent
        if item.key_column is not None:
            columns.append((item.key_column, "key", item))
        if item.dash is not None:
            columns.append((item.dash, "dash", item))
        if item.indent == 0:
            break
    kind = "dash" if here.dash is not None and here.key_column != here.indent else "key"
    column = here.indent
    # a list may also stand in its parent key's column ("steps:" then "- say: hi")
    fitting = [
        (c, k, item) for c, k, item in columns if k == kind or (kind == "dash" and item.opens)
    ]
    if not fitting or column in {c for c, _, _ in fitting}:
        return None
    nearest = min(
        fitting,
        key=lambda c: (abs(c[0] - column), c[1] != kind, line - c[2].number),
    )
    target, target_kind, sibling = nearest
    gap = abs(column - target)
    spaces = _NUMBER_WORDS.get(gap, f"{gap} spaces")
    more = "more" if column > target else "less"
    what = f"`{sibling.key}`" if target_kind == "key" else "the dash (-)"
    subject = f"the dash (-) on line {line + 1}" if kind == "dash" else f"line {line + 1}"
    return (
        column + 1,
        f"{subject} is indented {spaces} {more} than {what} on line {sibling.number + 1}; "
        "line them up: YAML reads what belongs together from the indentation",
    )


# a value (after "key:" or "-") that starts with a placeholder, such as `share: {speaker}, go`
_PLACEHOLDER_START = re.compile(r"(?:^|:|-)\s+\{[a-z_][a-z0-9_]*\}")
# a value in single quotes with an apostrophe inside: `say: 'it's here'`
_APOSTROPHE = re.compile(r"(?::|-)\s+'[^']*'[^\s,\]}#]")


def _hint(problem: str, source: str) -> str:
    """What an author most likely meant, for the syntax errors that plain text causes."""
    if "mapping values are not allowed" in problem:
        return '; text that holds ": " must be in quotes: write say: "Note: …"'
    if _PLACEHOLDER_START.search(source):
        return (
            "; text that starts with a placeholder must be in quotes, or YAML reads "
            '{...} as a mapping: write "{speaker}, …"'
        )
    if _APOSTROPHE.search(source):
        return "; inside '…' write '' for an apostrophe, or put the text in double quotes"
    return ""


def _check_tree(root: Node, rep: Reporter) -> bool:
    """Refuse non-standard tags, deep nesting and alias bombs, in one walk over distinct nodes.

    ``size`` is what the document would weigh with every alias expanded; it is
    memoised per node, so a billion-laughs document costs one visit per node.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()
    ok = True

    def size(node: Node, depth: int) -> int:
        nonlocal ok
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise _Refused(node, "an alias refers to a node that contains it", "alias")
        if depth > MAX_DEPTH:
            raise _Refused(
                node, f"the document is nested more than {MAX_DEPTH} levels deep", "depth"
            )
        if node.tag not in STANDARD_TAGS:
            rep.error_at(
                mark(node),
                f'the tag "{_short_tag(node.tag)}" is not allowed: exercise files hold plain '
                "text, numbers, lists and mappings, and nothing is ever constructed from a tag",
                "tag",
            )
            ok = False
        active.add(key)
        total = 1
        if isinstance(node, ScalarNode):
            total += len(node.value)
        elif isinstance(node, SequenceNode):
            total += sum(size(child, depth + 1) for child in node.value)
        elif isinstance(node, MappingNode):
            total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        active.discard(key)
        if total > MAX_BYTES:
            raise _Refused(
                node,
                "aliases would expand this document past the 256 KiB limit",
                "alias-expansion",
            )
        sizes[key] = total
        return total

    try:
        size(root, 0)
    except _Refused as refused:
        rep.error_at(mark(refused.node), refused.message, refused.rule)
        return False
    return ok


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_T) :] if tag.startswith(_T) else tag


class _Refused(Exception):
    def __init__(self, node: Node, message: str, rule: str) -> None:
        super().__init__(message)
        self.node, self.message, self.rule = node, message, rule


# --- reading values --------------------------------------------------------

def plain_value(node: ScalarNode) -> object:
    """The value of a scalar as YAML 1.2 reads it: None, bool, int, float or str.

    Quoted and block scalars are always text. Raises ValueError for an
    explicit ``!!int``/``!!float``/``!!bool``/``!!null`` that does not fit.
    """
    value = node.value
    if node.tag == PLAIN:
        return _resolve_plain(value)
    if node.tag == STR:
        return value
    resolved = _resolve_plain(value)
    expected = {INT: int, FLOAT: (int, float), BOOL: bool, NULL: type(None)}[node.tag]
    if isinstance(resolved, bool) and node.tag != BOOL:
        raise ValueError(f'"{value}" is not a {node.tag.rsplit(":", 1)[1]}')
    if not isinstance(resolved, expected):  # type: ignore[arg-type]
        raise ValueError(f'"{value}" is not a {node.tag.rsplit(":", 1)[1]}')
    return float(resolved) if node.tag == FLOAT else resolved


#: the first characters a non-text plain scalar can start with
_MAYBE_NOT_TEXT = frozenset("-+.0123456789~tfnN")


def _resolve_plain(value: str) -> object:
    if value[:1] not in _MAYBE_NOT_TEXT and value:  # most scalars are words: skip the patterns
        return value
    if _NULL_RE.fullmatch(value):
        return None
    if _TRUE_RE.fullmatch(value):
        return True
    if _FALSE_RE.fullmatch(value):
        return False
    if _INT_RE.fullmatch(value):
        return int(value)
    if _FLOAT_RE.fullmatch(value):
        return float(value)
    return value


def kind_name(node: Node) -> str:
    """How a node reads to an author: "a list", "a mapping", "the number 5", …"""
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    try:
        value = plain_value(node)  # type: ignore[arg-type]
    except ValueError:
        return f'"{node.value}"'
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {node.value}"
    return "text"


def mapping_items(node: MappingNode, rep: Reporter) -> Iterator[tuple[str, ScalarNode, Node]]:
    """Each key (as written), its node and its value; duplicate and non-text keys are reported."""
    seen: dict[str, ScalarNode] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            rep.error_at(
                mark(key_node), "a key must be plain text, not " + kind_name(key_node), "key"
            )
            continue
        key = key_node.value
        if key in seen:
            first = mark(seen[key])[0]
            rep.error_at(
                mark(key_node),
                f'duplicate key "{key}": first at line {first}, again at line {mark(key_node)[0]}',
                "duplicate-key",
            )
            continue
        seen[key] = key_node
        yield key, key_node, value_node
