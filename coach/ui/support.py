"""The support lines as the screens show them: which country, and the lines as text.

The resources screen shows them in full; the private check's closing screen
shows the same text to each partner, whatever they answered. No file is read
here beyond :mod:`coach.resources`, which checks a user's file and falls back.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from textual.content import Content

from coach import resources, support_lines
from coach.settings import Settings
from coach.support_lines import SupportInfo, SupportLine
from coach.ui.text import literal

#: how each way of reaching a line is introduced
WAYS = {"phone": "call", "text": "text", "website": "web", "email": "email"}


def current_support(settings: Settings, environ: Mapping[str, str] | None = None) -> SupportInfo:
    """The lines for the country chosen in settings, else the locale's, else general advice."""
    country = support_lines.chosen_country(settings.country, os.environ if environ is None
                                           else environ)
    return resources.support_for(country)


def resources_problems() -> list[str]:
    """Why the user's resources.yaml was not used (located), or nothing."""
    return [f"{p.file}:{p.line}:{p.column}: {p.message}"
            for p in resources.load(resources.RESOURCES).problems if p.is_error]


def countries() -> list[tuple[str, str]]:
    """(code, name) of every country the resources file lists, by name."""
    data: support_lines.SupportFile = resources.load(resources.RESOURCES).value
    return sorted(((c.country, c.name) for c in data.countries), key=lambda c: c[1])


def line_content(line: SupportLine) -> Content:
    """A line's name, then each way to reach it, then its note, each on its own line."""
    parts = [literal(line.name).stylize("bold")]
    for how, what in line.ways:
        parts.append(Content.assemble((f"  {WAYS[how]:<6}", "$text-muted"), literal(what)))
    if line.note:
        parts.append(Content("  ") + literal(line.note).stylize("italic"))
    return Content("\n").join(parts)


def support_content(info: SupportInfo) -> Content:
    """The general advice, then each group of lines under its heading."""
    blocks = [Content("\n").join(Content("• ") + literal(advice) for advice in info.general)]
    if info.country is not None:
        blocks.append(literal(f"In {info.country.name}").stylize("bold $text-accent underline"))
    for group in info.groups:
        lines = [literal(group.heading).stylize("bold $text-accent")]
        lines += [line_content(line) for line in group.lines]
        blocks.append(Content("\n").join(lines))
    if info.asked is not None and info.country is None:
        blocks.append(Content(
            "coach has no support lines for your country yet: the advice above holds "
            "everywhere. You can choose a country in Settings."
        ).stylize("$text-muted"))
    return Content("\n\n").join(blocks)
