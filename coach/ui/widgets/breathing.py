"""The breathing guide: a phase word, and a shape that grows as you breathe in and shrinks
as you breathe out. With reduced motion on, the word alone.

The phase is computed from the clock (the session's, so a frozen test clock gives a still
picture), never counted in ticks: a late or missed tick never puts the guide out of step.
The shape has a few sizes only, so it is redrawn a few times a second at most.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from coach.ui.widgets.css import beside

IN, HOLD, OUT = "breathe in", "hold", "breathe out"
#: the patterns as the exercise format and the settings name them: (word, seconds) phases
PATTERNS: dict[str, tuple[tuple[str, int], ...]] = {
    "box": ((IN, 4), (HOLD, 4), (OUT, 4), (HOLD, 4)),
    "4-7-8": ((IN, 4), (HOLD, 7), (OUT, 8)),
    "calm": ((IN, 4), (OUT, 6)),
}
#: what the pattern is called on screen
PATTERN_NAMES = {"box": "box breathing, 4-4-4-4", "4-7-8": "4-7-8 breathing",
                 "calm": "calm breathing, in 4, out 6"}
CAUTION = "Breathe gently. If you feel dizzy, stop and breathe normally."
#: the sizes the shape takes, smallest first
SIZES = 5


def phase_at(pattern: str, seconds: float) -> tuple[str, float]:
    """The phase word at ``seconds`` into the pattern, and how full the lungs are (0 to 1)."""
    phases = PATTERNS[pattern]
    cycle = sum(length for _, length in phases)
    t = seconds % cycle
    full = 0.0
    for word, length in phases:
        if t < length:
            part = t / length
            if word == IN:
                return word, part
            if word == OUT:
                return word, 1.0 - part
            return word, full
        t -= length
        full = 1.0 if word == IN else 0.0 if word == OUT else full
    return phases[-1][0], full  # pragma: no cover - t < cycle always ends the loop


def shape(word: str, fullness: float, motion: bool) -> str:
    """Three lines: a ring of dots around the word, as wide as the breath is full."""
    if not motion:
        return f"\n{word}\n"
    size = round(fullness * (SIZES - 1))
    dots = "  ".join("·" * (size + 6))
    return f"{dots}\n· {word.center(len(dots) - 4)} ·\n{dots}"


class BreathingGuide(Static):
    DEFAULT_CSS = beside(__file__)

    def __init__(self, pattern: str, *, motion: bool, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.pattern = pattern
        self.motion = motion
        self._drawn = ""

    def show_at(self, seconds: float) -> None:
        """Draw the guide as it is ``seconds`` into the break (only if the picture changed)."""
        if self.pattern not in PATTERNS:
            return
        word, fullness = phase_at(self.pattern, seconds)
        drawn = shape(word, fullness, self.motion)
        if drawn != self._drawn:
            self._drawn = drawn
            self.update(Content(drawn), layout=False)  # three lines, full width: same size
