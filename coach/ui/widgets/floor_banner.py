"""The floor banner: who holds the floor, who listens, where we are. It never scrolls away.

On a session it also holds the "take a break" button, beside the progress bar: always
in sight, costing no line of the step's room at 80x24. The button never takes the
focus, so a note being typed keeps it (the screen handles the press).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, ProgressBar, Static

from coach.engine import View
from coach.settings import Settings
from coach.ui.widgets.css import beside
from coach.ui.widgets.partners import partner_name

#: the id of the "take a break" button, for the screen that handles its press
TAKE_BREAK_BUTTON = "take-break-button"
TAKE_BREAK_LABEL = "Take a break  ^t"


def floor_text(view: View, settings: Settings) -> Content:
    if view.phase in ("first_speaker", "private_check"):
        # nobody holds the floor until the first speaker is chosen
        a = partner_name(view, "a", settings)
        b = partner_name(view, "b", settings)
        return Content.assemble(a, " and ", b, " · who speaks first?")
    speaker = partner_name(view, view.speaker, settings)
    listener = partner_name(view, view.listener, settings)
    return Content.assemble("● ", speaker, " holds the floor    ○ ", listener, " listens")


def place_text(view: View) -> str:
    parts = []
    if view.rounds > 1:
        parts.append(f"round {view.round} of {view.rounds}")
    if view.step_number is not None:
        parts.append(f"step {view.step_number}/{view.step_count}")
    elif view.phase == "ended":
        parts.append("done")
    else:
        parts.append("before the first step")
    return " · ".join(parts)


def progress(view: View) -> tuple[int, int]:
    """(done, total) over every round's steps."""
    total = max(view.rounds * view.step_count, 1)
    if view.phase == "ended":
        return total, total
    done = (view.round - 1) * view.step_count + (view.step_index or 0)
    return min(done, total), total


class FloorBanner(Widget):
    DEFAULT_CSS = beside(__file__)

    def __init__(self, view: View, settings: Settings, *, break_button: bool = False) -> None:
        super().__init__(id="floor-banner")
        self._view = view
        self._settings = settings
        self._break_button = break_button

    def compose(self) -> ComposeResult:
        with Horizontal(id="floor-line"):
            yield Static(floor_text(self._view, self._settings), id="floor")
            yield Static(place_text(self._view), id="place")
        with Horizontal(id="progress-line"):
            yield ProgressBar(show_eta=False, show_percentage=False, id="progress")
            if self._break_button:
                button = Button(TAKE_BREAK_LABEL, id=TAKE_BREAK_BUTTON, compact=True,
                                tooltip="Stop here for a while; the step waits as it is")
                button.can_focus = False
                yield button

    def on_mount(self) -> None:
        self.show(self._view)

    def show(self, view: View) -> None:
        self._view = view
        self.query_one("#floor", Static).update(floor_text(view, self._settings))
        self.query_one("#place", Static).update(place_text(view))
        done, total = progress(view)
        self.query_one(ProgressBar).update(total=total, progress=done)
