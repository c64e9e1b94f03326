"""Each partner's name in their own colour, everywhere it appears.

Names are what partners typed: they go through :func:`coach.ui.text.literal`
and are never read as markup. A colour from the settings file that does not
parse falls back to the theme's text colour rather than failing.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.color import Color, ColorParseError
from textual.content import Content
from textual.dom import DOMNode
from textual.style import Style
from textual.theme import BUILTIN_THEMES

from coach.engine import View
from coach.settings import Settings
from coach.ui.text import literal

#: how much darker a partner's colour is drawn on a light theme, so it stays readable
LIGHT_THEME_DARKEN = 0.25


def partner_style(partner: str, settings: Settings) -> Style:
    colour = settings.colour_a if partner == "a" else settings.colour_b
    try:
        parsed = Color.parse(colour)
    except ColorParseError:
        return Style(bold=True)
    theme = BUILTIN_THEMES.get(settings.theme)
    if theme is not None and not theme.dark:
        parsed = parsed.darken(LIGHT_THEME_DARKEN)
    return Style(foreground=parsed, bold=True)


def partner_name(view: View, partner: str, settings: Settings) -> Content:
    """The partner's name, literally, in their colour and bold."""
    return literal(view.name(partner)).stylize(partner_style(partner, settings))  # type: ignore[arg-type]


def other(partner: str) -> str:
    return "b" if partner == "a" else "a"


#: the longest name shown in the footer; the buttons show it whole
FOOTER_NAME = 12


def bind_partner_keys(node: DOMNode, view: View, action: str, verb: str) -> None:
    """Keys a and b, described with the partners' names ("Sam is ready").

    The footer shows descriptions as plain text, so names are safe there.
    """
    for partner in ("a", "b"):
        name = view.name(partner)  # type: ignore[arg-type]
        if len(name) > FOOTER_NAME:
            name = name[: FOOTER_NAME - 1] + "…"
        node._bindings.key_to_bindings[partner] = [
            Binding(partner, f"{action}('{partner}')", f"{name} {verb}")
        ]
    node.refresh_bindings()
