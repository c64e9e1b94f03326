"""The hand-off line: whose turn it is, and who looks away until they are done."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from coach.engine import View
from coach.settings import Settings
from coach.ui.widgets.partners import other, partner_name


def hand_off_text(view: View, partner: str, settings: Settings, until: str = "presses Enter"
                  ) -> Content:
    """'Sam's turn to answer; Alex, please look away until Sam presses Enter.'"""
    me = partner_name(view, partner, settings)
    them = partner_name(view, other(partner), settings)
    return Content.assemble(
        me, "'s turn to answer; ", them, ", please look away until ", me, f" {until}."
    )


class HandOff(Static):
    """A hand-off line, set apart so it is read before anything else."""

    DEFAULT_CLASSES = "hand-off"

    def __init__(self, view: View, partner: str, settings: Settings, until: str = "presses Enter"
                 ) -> None:
        super().__init__(hand_off_text(view, partner, settings, until))
