"""pause: a timed pause inside the exercise; each partner says when they are ready.

The break screen shows the same two ready keys (see :mod:`coach.ui.widgets.ready_panel`).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, Static

from coach.engine import Ready
from coach.engine.text import format_seconds
from coach.ui.steps.base import StepWidget
from coach.ui.widgets.partners import bind_partner_keys
from coach.ui.widgets.ready_panel import ReadyPanel

READY_KEYS: list[BindingType] = [
    Binding("a", "ready('a')", "ready"),
    Binding("b", "ready('b')", "ready"),
]


def pause_line(length: int | None, breathing: str | None) -> str:
    parts = [f"A pause of {format_seconds(length or 0)}"]
    if breathing and breathing != "none":
        parts.append(f"breathing: {breathing}")
    return " · ".join(parts)


class PauseStep(StepWidget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = READY_KEYS
    enter_goes_on = False

    def compose(self) -> ComposeResult:
        yield Static(pause_line(self.view.length, self.view.breathing), classes="for-whom")
        if self.view.text.text:
            yield self.prompt()
        yield ReadyPanel(self.view, self.settings)
        yield self.error_line()

    def on_mount(self) -> None:
        bind_partner_keys(self, self.view, "ready", "is ready")

    def focus_first(self) -> None:
        self.focus()

    def update_view(self, view: object) -> None:
        super().update_view(view)  # type: ignore[arg-type]
        self.query_one(ReadyPanel).show(self.view)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "ready":
            return parameters[0] not in self.view.ready
        return True

    def action_ready(self, partner: str) -> None:
        self.answer(Ready(partner))  # type: ignore[arg-type]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        if button_id.startswith("ready-"):
            event.stop()
            self.action_ready(button_id.removeprefix("ready-"))
