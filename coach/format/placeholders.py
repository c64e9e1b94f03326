"""Placeholders in step text: ``{name}`` fills in a variable, ``{{`` and ``}}`` are braces."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from coach.format.names import VARIABLE_RE

# "{{" and "}}" first, so doubled braces are never read as a placeholder's edge
_BRACES = re.compile(r"\{\{|\}\}|\{(?P<name>[^{}]*)\}|\{|\}")


class PlaceholderError(ValueError):
    """A template that cannot be read; ``offset`` is the 0-based character position."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class Ref:
    """A placeholder: the variable's name and where it stands in the text."""

    name: str
    offset: int


Part = str | Ref


@dataclass(frozen=True)
class Template:
    """Text split into literal pieces and placeholders."""

    source: str
    parts: tuple[Part, ...]

    @property
    def refs(self) -> tuple[Ref, ...]:
        return tuple(part for part in self.parts if isinstance(part, Ref))

    def render_parts(self, lookup: Callable[[str], str | None]) -> tuple[tuple[str, bool], ...]:
        """Pieces of the filled-in text, each flagged True when it came from a variable.

        A placeholder whose variable is not set yet appears as written.
        The flag lets a screen show filled-in values (often typed by a partner)
        without ever reading them as markup or Markdown.
        """
        out: list[tuple[str, bool]] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append((part, False))
                continue
            value = lookup(part.name)
            if value is None:
                out.append(("{" + part.name + "}", False))
            else:
                out.append((value, True))
        return tuple(out)

    def render(self, lookup: Callable[[str], str | None]) -> str:
        return "".join(text for text, _ in self.render_parts(lookup))


def parse_template(source: str) -> Template:
    """Split ``source`` into text and placeholders, or raise :class:`PlaceholderError`."""
    if "{" not in source and "}" not in source:  # most text: nothing to split
        return Template(source, (source,) if source else ())
    parts: list[Part] = []
    literal: list[str] = []
    pos = 0
    for match in _BRACES.finditer(source):
        literal.append(source[pos : match.start()])
        pos = match.end()
        token = match.group()
        if token == "{{":
            literal.append("{")
        elif token == "}}":
            literal.append("}")
        elif token == "}":
            raise PlaceholderError(
                'a lone "}" closes no placeholder: write }} for a brace', match.start()
            )
        else:
            name = match.group("name")
            if name is None:
                raise PlaceholderError(
                    'a lone "{" opens no placeholder: write {name}, or {{ for a brace',
                    match.start(),
                )
            if not VARIABLE_RE.fullmatch(name):
                raise PlaceholderError(
                    f'"{{{name}}}" is not a placeholder: the name inside braces must be a '
                    "variable (lowercase letters, digits and _); write {{ and }} for braces",
                    match.start(),
                )
            text = "".join(literal)
            if text:
                parts.append(text)
            literal = []
            parts.append(Ref(name, match.start()))
    literal.append(source[pos:])
    text = "".join(literal)
    if text:
        parts.append(text)
    return Template(source, tuple(parts))


def literal_template(text: str) -> Template:
    """A template that shows ``text`` exactly, braces included."""
    return Template(text, (text,) if text else ())
