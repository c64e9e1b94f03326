"""The one way user and file text reaches the screen: literally, never as markup.

Names, notes and exercise text may hold ``[bold]``, ``[/`` or ``$x``; on Textual 8
``escape()`` is not enough (a lone ``[/`` still raises), so every such string goes
through :func:`literal` and becomes plain :class:`Content`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textual.content import Content

if TYPE_CHECKING:  # the engine stays off the first screen's import path
    from coach.engine import Rendered

# Everything CommonMark lets a backslash escape: a partner's words inside an
# exercise's Markdown are shown as typed, never as emphasis, links or headings.
_MARKDOWN_PUNCTUATION = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def literal(text: str | Rendered | None) -> Content:
    """Plain content, whatever characters the text holds."""
    return Content("" if text is None else str(text))


def escape_markdown(text: str) -> str:
    """Text that Markdown shows exactly as written."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def markdown_source(text: str | Rendered) -> str:
    """An exercise's Markdown with the parts filled in from variables escaped.

    The exercise author's own Markdown keeps its formatting; what a partner typed
    (a name, a saved answer) is shown literally.
    """
    if isinstance(text, str):
        return text
    if not text.parts:
        return text.text
    return "".join(escape_markdown(part) if from_var else part for part, from_var in text.parts)
