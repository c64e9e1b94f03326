"""A conservative static check that a regular expression cannot backtrack without bound.

Python's ``re`` backtracks: a pattern such as ``(a+)+b`` takes exponential time
on a long run of ``a`` with no ``b``, and ``\\w*x\\w*!`` polynomial time. A cue
pattern runs on every note the partners type, so one careless pattern in a
user's cues file would freeze the app at the worst moment. This module refuses,
before a pattern is ever used:

* backreferences (``\\1``, ``(?P=name)``) and conditional groups (``(?(1)...)``);
* a group repeated more than once (``*``, ``+``, ``{n,m}``) that holds a
  quantifier or alternatives (``(a+)+``, ``(a|ab)*``, ``(?:\\s\\w+){2}``): only a
  fixed run of single characters may repeat, like ``(?:ab)+``;
* two long repeats (``*``, ``+``, ``{n,}``, or counts above :data:`LONG`) that can
  match the same character with nothing certain to stand between them
  (``\\w*\\w*``, ``.*a.*``), also across groups and alternatives;
* a repeat of something that can match empty text (``(?=a)*``, ``(?:a?)*``);
* the verbose flag ``(?x)``, which this check does not read.

Even a pattern that passes costs time that grows with the square of the text
it searches (``.*x`` tries every start, and from each reads to the end), so
cues read a note in short windows (``coach.resources.MAX_SCAN``).

It is conservative: it refuses some patterns that are in fact fast (``(a|b)*``:
write ``[ab]*``), never the reverse for the constructs above. Whether two
character sets overlap is decided on a broad sample of characters (ASCII,
Latin, punctuation typed by phones, and a few other scripts).

The pattern must already compile; :func:`backtracking_problem` returns the
offset of the construct at fault and a message, or None.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Literal

#: a counted repeat with a larger maximum than this is treated like ``*``
LONG = 16

_SAMPLES = "".join(chr(c) for c in range(0x250)) + (
    "\u2009\u200b\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u3000"
    "дЖΩ中あ٣\U0001f600"
)

_REPEAT = re.compile(r"\{(\d*)(,?)(\d*)\}")
_FLAGS = re.compile(r"\(\?([aiLmsux]*)(?:-([imsx]*))?([:)])")


class Unsafe(Exception):
    def __init__(self, pos: int, message: str) -> None:
        super().__init__(message)
        self.pos, self.message = pos, message


@dataclass
class _Node:
    kind: Literal["char", "zero", "group", "look", "repeat"]
    start: int
    end: int
    #: which sample characters a "char" node matches, as a bit set
    bits: int = 0
    branches: list[list[_Node]] = field(default_factory=list)
    low: int = 0
    high: int | None = None
    item: _Node | None = None


@functools.lru_cache(maxsize=512)
def _char_bits(source: str) -> int:
    atom = re.compile(f"(?:{source})", re.IGNORECASE | re.DOTALL)
    return sum(1 << i for i, ch in enumerate(_SAMPLES) if atom.fullmatch(ch))


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.s, self.i = pattern, 0

    def alternatives(self) -> list[list[_Node]]:
        branches = [self.sequence()]
        while self.i < len(self.s) and self.s[self.i] == "|":
            self.i += 1
            branches.append(self.sequence())
        return branches

    def sequence(self) -> list[_Node]:
        out: list[_Node] = []
        while self.i < len(self.s) and self.s[self.i] not in "|)":
            start = self.i
            if self.s[self.i] in "*+?{" and out and self._quantifier(out, start):
                continue
            node = self.atom()
            if node is not None:
                out.append(node)
        return out

    def _quantifier(self, out: list[_Node], start: int) -> bool:
        s = self.s
        if s[start] == "{":
            found = _REPEAT.match(s, start)
            if found is None or not (found.group(1) or found.group(2)):
                return False  # a literal "{"
            low = int(found.group(1) or 0)
            high = None if found.group(2) and not found.group(3) else int(found.group(3) or low)
            if not found.group(2):
                high = low
            self.i = found.end()
        else:
            low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[s[start]]
            self.i += 1
        if self.i < len(s) and s[self.i] in "?+":  # lazy or possessive: same risk to us
            self.i += 1
        item = out.pop()
        out.append(_Node("repeat", item.start, self.i, low=low, high=high, item=item))
        return True

    def atom(self) -> _Node | None:
        s, start = self.s, self.i
        char = s[start]
        if char == "(":
            return self.group()
        if char in "^$":
            self.i += 1
            return _Node("zero", start, self.i)
        if char == "[":
            self.i = self._class_end(start)
        elif char == "\\":
            return self.escape()
        else:
            self.i += 1
        return _Node("char", start, self.i, bits=_char_bits(s[start : self.i]))

    def _class_end(self, start: int) -> int:
        s, i = self.s, start + 1
        if i < len(s) and s[i] == "^":
            i += 1
        if i < len(s) and s[i] == "]":
            i += 1
        while s[i] != "]":
            i += 2 if s[i] == "\\" else 1
        return i + 1

    def escape(self) -> _Node:
        s, start = self.s, self.i
        code = s[start + 1]
        if code in "123456789":
            shown = s[start : start + 2]
            raise Unsafe(start, f"a backreference ({shown}) can backtrack without bound")
        if code in "bBAZ":
            self.i = start + 2
            return _Node("zero", start, self.i)
        width = {"x": 2, "u": 4, "U": 8}.get(code, 0)
        if code == "0":
            while width < 2 and start + 2 + width < len(s) and s[start + 2 + width] in "01234567":
                width += 1
        if code == "N":
            width = s.index("}", start) - start - 1
        self.i = start + 2 + width
        return _Node("char", start, self.i, bits=_char_bits(s[start : self.i]))

    def group(self) -> _Node | None:
        s, start = self.s, self.i
        kind: Literal["group", "look"] = "group"
        if s.startswith("(?#", start):
            self.i = s.index(")", start) + 1
            return None
        if s.startswith("(?P=", start):
            raise Unsafe(start, "a backreference ((?P=...)) can backtrack without bound")
        if s.startswith("(?(", start):
            raise Unsafe(start, "a conditional group ((?(...)...)) is not allowed")
        if s.startswith(("(?=", "(?!"), start):
            kind, self.i = "look", start + 3
        elif s.startswith(("(?<=", "(?<!"), start):
            kind, self.i = "look", start + 4
        elif s.startswith("(?P<", start):
            self.i = s.index(">", start) + 1
        elif s.startswith(("(?:", "(?>"), start):
            self.i = start + 3
        elif s.startswith("(?", start):
            flags = _FLAGS.match(s, start)
            assert flags is not None  # the pattern compiled, so this is a flags group
            if "x" in flags.group(1):
                raise Unsafe(start, "the verbose flag (?x) is not supported here")
            self.i = flags.end()
            if flags.group(3) == ")":
                return None  # flags for the whole pattern
        else:
            self.i = start + 1
        branches = self.alternatives()
        self.i += 1  # the closing ")"
        return _Node(kind, start, self.i, branches=branches)


def _nodes(node: _Node) -> list[_Node]:
    """``node`` and every node inside it."""
    out = [node]
    for branch in node.branches:
        for child in branch:
            out += _nodes(child)
    if node.item is not None:
        out += _nodes(node.item)
    return out


def _long(node: _Node) -> bool:
    return node.kind == "repeat" and (node.high is None or node.high > LONG)


def _bits(node: _Node) -> int:
    """Every sample character anything inside ``node`` may match."""
    return functools.reduce(lambda a, n: a | n.bits, _nodes(node), 0)


def _min_width(node: _Node) -> int:
    if node.kind == "char":
        return 1
    if node.kind == "repeat":
        assert node.item is not None
        return node.low * _min_width(node.item)
    if node.kind == "group":
        return min(sum(_min_width(n) for n in branch) for branch in node.branches)
    return 0


class _Checker:
    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def snippet(self, node: _Node) -> str:
        text = self.pattern[node.start : node.end]
        return text if len(text) <= 40 else text[:37] + "..."

    def sequence(self, seq: list[_Node], follow: list[_Node]) -> None:
        for index, node in enumerate(seq):
            rest = seq[index + 1 :] + follow
            if node.kind == "repeat":
                self.repeat(node, rest)
            elif node.kind == "group":
                for branch in node.branches:
                    self.sequence(branch, rest)
            elif node.kind == "look":
                for branch in node.branches:
                    self.sequence(branch, [])

    def repeat(self, node: _Node, rest: list[_Node]) -> None:
        item = node.item
        assert item is not None
        if _min_width(item) == 0 and (node.high is None or node.high > 1):
            raise Unsafe(
                node.start,
                f'"{self.snippet(node)}" repeats something that can match empty text',
            )
        if item.kind in ("group", "look") and (node.high is None or node.high > 1):
            inner = [n for n in _nodes(item)[1:] if n.kind == "repeat"]
            if inner or len(item.branches) > 1 or any(
                len(n.branches) > 1 for n in _nodes(item)[1:]
            ):
                what = "another repeat" if inner else "alternatives"
                raise Unsafe(
                    node.start,
                    f'the repeated group "{self.snippet(node)}" holds {what}, so it can '
                    "backtrack without bound; only a fixed run of characters may repeat",
                )
        if item.kind in ("group", "look"):
            for branch in item.branches:
                self.sequence(branch, rest if node.high == 1 else [])
        if _long(node):
            self.separated(node, _bits(item), rest)

    def separated(self, first: _Node, bits: int, rest: list[_Node]) -> bool:
        """Refuse a second long repeat reachable after ``first`` that shares a character.

        True when something certain to be matched, and that ``first`` cannot match,
        stands between ``first`` and the end of ``rest``.
        """
        for node in rest:
            if node.kind in ("zero", "look"):
                continue
            if node.kind == "group":
                if all([self.separated(first, bits, branch) for branch in node.branches]):
                    return True
                continue
            if node.kind == "repeat" and node.item is not None and node.item.kind == "group":
                if _long(node) and _bits(node) & bits:
                    self.clash(first, node)
                if node.high == 1:  # optional: look inside, then carry on past it
                    for branch in node.item.branches:
                        self.separated(first, bits, branch)
                    continue
            elif _long(node) and _bits(node) & bits:
                self.clash(first, node)
            if not _bits(node) & bits and _min_width(node) >= 1:
                return True
        return False

    def clash(self, first: _Node, second: _Node) -> None:
        raise Unsafe(
            second.start,
            f'"{self.snippet(first)}" and "{self.snippet(second)}" can match the same '
            "characters with nothing certain between them, so they can backtrack "
            "without bound",
        )


def backtracking_problem(pattern: str) -> tuple[int, str] | None:
    """Why ``pattern`` (which compiles) could backtrack without bound: (offset, why), or None."""
    try:
        parser = _Parser(pattern)
        branches = parser.alternatives()
        _Checker(pattern).sequence([_Node("group", 0, len(pattern), branches=branches)], [])
    except Unsafe as unsafe:
        return unsafe.pos, unsafe.message
    except (IndexError, ValueError, AssertionError):
        # something this reader does not follow: refuse rather than guess
        return 0, "this pattern uses syntax the backtracking check cannot read"
    return None
