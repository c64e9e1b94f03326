"""The app's settings: what the couple chose, kept in the config folder. No Textual.

Loading and saving (with located messages for a file that does not read) live
here too, so the UI never parses a file itself.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    #: a Textual theme name (light or dark)
    theme: str = "textual-dark"
    #: each partner's colour, used wherever their name appears
    colour_a: str = "#5fafd7"
    colour_b: str = "#d7875f"
    #: no moving shapes: phase words only, no animation
    reduced_motion: bool = False
    #: the break length offered first, in seconds, and the breathing pattern
    break_seconds: int = 20 * 60
    breathing: str = "box"
