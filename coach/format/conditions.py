"""`when` conditions: a small parser and evaluator; never ``eval``.

Grammar (``not`` binds tighter than ``and``, which binds tighter than ``or``)::

    condition  := or
    or         := and ("or" and)*
    and        := not ("and" not)*
    not        := "not" not | "(" condition ")" | comparison
    comparison := operand OP operand          OP: == != < <= > >=
    operand    := NAME | NUMBER | "text" | 'text'

A comparison with a variable that is not set, or between a number and text,
is false. When a variable holds a list (named emotions), ``==`` means
"contains" and ``!=`` "does not contain"; ordering a list is false.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass

from coach.format.names import VARIABLE_RE

OPERATORS = ("==", "!=", "<=", ">=", "<", ">")
#: limits that keep parsing and evaluating far from Python's recursion limit
MAX_NESTING = 32
MAX_COMPARISONS = 100
KEYWORDS = frozenset({"and", "or", "not"})

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+))
  | (?P<string>"[^"]*"|'[^']*')
  | (?P<op>==|!=|<=|>=|<|>)
  | (?P<paren>[()])
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    """,
    re.VERBOSE,
)


class ConditionError(ValueError):
    """A condition that does not parse; ``offset`` is the 0-based character position."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class Var:
    name: str
    offset: int


@dataclass(frozen=True)
class Literal:
    value: float | int | str


Operand = Var | Literal


@dataclass(frozen=True)
class Compare:
    left: Operand
    op: str
    right: Operand


@dataclass(frozen=True)
class Not:
    operand: Node


@dataclass(frozen=True)
class And:
    left: Node
    right: Node


@dataclass(frozen=True)
class Or:
    left: Node
    right: Node


Node = Compare | Not | And | Or


@dataclass(frozen=True)
class Condition:
    """A parsed condition, with the text it came from."""

    source: str
    tree: Node

    def variables(self) -> Iterator[Var]:
        yield from _variables(self.tree)

    def word_like(self) -> Iterator[Var]:
        """Variables compared for (in)equality with another variable: ``answer == yes``,
        where ``yes`` may be a word that was meant to be in quotes."""
        stack: list[Node] = [self.tree]
        while stack:
            node = stack.pop()
            if isinstance(node, Compare):
                pair = isinstance(node.left, Var) and isinstance(node.right, Var)
                if pair and node.op in ("==", "!="):
                    yield node.left  # type: ignore[misc]
                    yield node.right  # type: ignore[misc]
            elif isinstance(node, Not):
                stack.append(node.operand)
            else:
                stack.extend((node.left, node.right))

    def evaluate(self, lookup: Callable[[str], object]) -> bool:
        """``lookup(name)`` returns the variable's value, or None when it is not set."""
        return _evaluate(self.tree, lookup)

    def round_numbers(self) -> Iterator[float | int]:
        """The numbers ``round`` is compared with (``round == 3`` gives 3)."""
        stack: list[Node] = [self.tree]
        while stack:
            node = stack.pop()
            if isinstance(node, Compare):
                for side, other in ((node.left, node.right), (node.right, node.left)):
                    if isinstance(side, Var) and side.name == "round" and isinstance(
                        other, Literal
                    ) and _is_number(other.value):
                        yield other.value  # type: ignore[misc]
            elif isinstance(node, Not):
                stack.append(node.operand)
            else:
                stack.extend((node.left, node.right))

    def decide(self, known: Mapping[str, object]) -> bool | None:
        """The condition's value when it follows from its literals and the ``known``
        variables alone (``1 == 2``, ``round == 3`` with round known); else None."""
        return _decide(self.tree, known)

    @property
    def shape(self) -> Hashable:
        """What the condition means, without how it was written: equal for
        ``go == "yes"``, ``go=='yes'`` and ``"yes" == go``, and for ``a and b`` and
        ``b and a``. Two conditions with one shape are always both true or both false."""
        return _shape(self.tree)

    def __str__(self) -> str:
        return self.source


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    offset: int


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if match is None:
            char = source[pos]
            if char in "\"'":
                raise ConditionError(f"the text starting with {char} has no closing {char}", pos)
            if char in "=!":
                raise ConditionError(
                    f'"{char}" is not an operator here: compare with == != < <= > >=', pos
                )
            raise ConditionError(f'unexpected character "{char}"', pos)
        kind = match.lastgroup or ""
        if kind != "space":
            tokens.append(_Token(kind, match.group(), pos))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = _tokenize(source)
        self.index = 0
        self.depth = 0
        self.comparisons = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def at_word(self, word: str) -> bool:
        token = self.peek()
        return token is not None and token.kind == "word" and token.text == word

    def end_offset(self) -> int:
        return len(self.source)

    def parse(self) -> Node:
        if not self.tokens:
            raise ConditionError("the condition is empty", 0)
        node = self.parse_or()
        token = self.peek()
        if token is not None:
            if token.text == ")":
                raise ConditionError('")" has no matching "("', token.offset)
            raise ConditionError(
                f'expected "and", "or" or the end of the condition, found "{token.text}"',
                token.offset,
            )
        return node

    def parse_or(self) -> Node:
        node = self.parse_and()
        while self.at_word("or"):
            self.take()
            node = Or(node, self.parse_and())
        return node

    def parse_and(self) -> Node:
        node = self.parse_not()
        while self.at_word("and"):
            self.take()
            node = And(node, self.parse_not())
        return node

    def parse_not(self) -> Node:
        token = self.peek()
        if token is None:
            raise ConditionError(
                "the condition ends where a comparison was expected", self.end_offset()
            )
        if self.at_word("not") or token.text == "(":
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise ConditionError(
                    f"the condition is nested too deeply (more than {MAX_NESTING} levels of "
                    "not and parentheses)",
                    token.offset,
                )
            try:
                return self.parse_nested(token)
            finally:
                self.depth -= 1
        return self.parse_comparison()

    def parse_nested(self, token: _Token) -> Node:
        if token.text == "not":
            self.take()
            return Not(self.parse_not())
        self.take()
        node = self.parse_or()
        close = self.peek()
        if close is None or close.text != ")":
            raise ConditionError(
                '"(" is never closed', token.offset if close is None else close.offset
            )
        self.take()
        return node

    def parse_operand(self) -> Operand:
        token = self.peek()
        if token is None:
            raise ConditionError(
                "the condition ends where a variable, number or quoted text was expected",
                self.end_offset(),
            )
        if token.kind == "number":
            self.take()
            number = float(token.text)
            return Literal(int(number) if number.is_integer() and "." not in token.text else number)
        if token.kind == "string":
            self.take()
            return Literal(token.text[1:-1])
        if token.kind == "word":
            if token.text in KEYWORDS:
                raise ConditionError(
                    f'"{token.text}" cannot stand here: expected a variable, number or quoted text',
                    token.offset,
                )
            if not VARIABLE_RE.fullmatch(token.text):
                raise ConditionError(
                    f'"{token.text}" is not a variable name (lowercase letters, digits and _); '
                    "put text in quotes",
                    token.offset,
                )
            self.take()
            return Var(token.text, token.offset)
        raise ConditionError(
            f'expected a variable, number or quoted text, found "{token.text}"', token.offset
        )

    def parse_comparison(self) -> Node:
        self.comparisons += 1
        if self.comparisons > MAX_COMPARISONS:
            start = self.peek()
            raise ConditionError(
                f"the condition has more than {MAX_COMPARISONS} comparisons; split the step",
                start.offset if start is not None else self.end_offset(),
            )
        left = self.parse_operand()
        token = self.peek()
        if token is None or token.kind != "op":
            offset = self.end_offset() if token is None else token.offset
            found = "the end of the condition" if token is None else f'"{token.text}"'
            raise ConditionError(
                f"expected a comparison (== != < <= > >=) after the first value, found {found}",
                offset,
            )
        self.take()
        right = self.parse_operand()
        return Compare(left, token.text, right)


def parse_condition(source: str) -> Condition:
    """Parse ``source`` or raise :class:`ConditionError` with the offending offset."""
    return Condition(source, _Parser(source).parse())


def _variables(node: Node) -> Iterator[Var]:
    if isinstance(node, Compare):
        for side in (node.left, node.right):
            if isinstance(side, Var):
                yield side
    elif isinstance(node, Not):
        yield from _variables(node.operand)
    else:
        yield from _variables(node.left)
        yield from _variables(node.right)


def _value(operand: Operand, lookup: Callable[[str], object]) -> object:
    if isinstance(operand, Literal):
        return operand.value
    return lookup(operand.name)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _compare(left: object, op: str, right: object) -> bool:
    if left is None or right is None:
        return False
    for seq, other in ((left, right), (right, left)):
        if isinstance(seq, list | tuple):
            if op == "==":
                return other in seq
            if op == "!=":
                return other not in seq
            return False
    if _is_number(left) != _is_number(right):
        return False
    if not _is_number(left) and not (isinstance(left, str) and isinstance(right, str)):
        return False
    match op:
        case "==":
            return left == right
        case "!=":
            return left != right
        case "<":
            return left < right  # type: ignore[operator]
        case "<=":
            return left <= right  # type: ignore[operator]
        case ">":
            return left > right  # type: ignore[operator]
        case ">=":
            return left >= right  # type: ignore[operator]
    return False


def _evaluate(node: Node, lookup: Callable[[str], object]) -> bool:
    if isinstance(node, Compare):
        return _compare(_value(node.left, lookup), node.op, _value(node.right, lookup))
    if isinstance(node, Not):
        return not _evaluate(node.operand, lookup)
    if isinstance(node, And):
        return _evaluate(node.left, lookup) and _evaluate(node.right, lookup)
    return _evaluate(node.left, lookup) or _evaluate(node.right, lookup)


def _decide(node: Node, known: Mapping[str, object]) -> bool | None:
    if isinstance(node, Compare):
        sides = []
        for side in (node.left, node.right):
            if isinstance(side, Var) and side.name not in known:
                return None
            sides.append(_value(side, known.get))
        return _compare(sides[0], node.op, sides[1])
    if isinstance(node, Not):
        value = _decide(node.operand, known)
        return None if value is None else not value
    left, right = _decide(node.left, known), _decide(node.right, known)
    stop = isinstance(node, Or)  # the value that decides an or (True) or an and (False)
    if left is stop or right is stop:
        return stop
    return None if left is None or right is None else not stop


#: a comparison read from the other side: 3 < x is x > 3
_MIRROR = {"==": "==", "!=": "!=", "<": ">", ">": "<", "<=": ">=", ">=": "<="}


def _operand_shape(operand: Operand) -> tuple[str, object]:
    if isinstance(operand, Var):
        return ("var", operand.name)
    value = operand.value
    # 1 and 1.0 compare equal, and so do their shapes; "1" is text, another shape
    return ("number", float(value)) if _is_number(value) else ("text", value)


def _shape(node: Node) -> Hashable:
    if isinstance(node, Compare):
        left, right = _operand_shape(node.left), _operand_shape(node.right)
        op = node.op
        if (repr(right), _MIRROR[op]) < (repr(left), op):
            left, right, op = right, left, _MIRROR[op]
        return ("compare", left, op, right)
    if isinstance(node, Not):
        return ("not", _shape(node.operand))
    # and/or are commutative and associative: (a and b) and c is a and (b and c)
    kind = And if isinstance(node, And) else Or
    parts: set[Hashable] = set()
    stack: list[Node] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, kind):
            stack.extend((item.left, item.right))
        else:
            parts.add(_shape(item))
    return (kind.__name__.lower(), frozenset(parts))
