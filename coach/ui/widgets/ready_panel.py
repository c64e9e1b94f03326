"""A pause's countdown and the two "I'm ready" keys: it never ends by itself.

Used by pause steps; the break screen shows the same two keys (:func:`ready_buttons`,
:func:`show_ready`) around its own clock. The time left comes from the engine's view
(``remaining``); the panel only shows it.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Static

from coach.engine import View
from coach.settings import Settings
from coach.ui.widgets.css import beside
from coach.ui.widgets.partners import partner_name


def clock_text(seconds: float) -> str:
    """'19:40' minutes and seconds left, rounded up so 0:00 means done."""
    whole = int(seconds + 0.999)
    return f"{whole // 60}:{whole % 60:02d}"


def ready_buttons() -> Iterator[Button]:
    """#ready-a and #ready-b, never focused: each partner presses their own key."""
    for partner in ("a", "b"):
        button = Button("", id=f"ready-{partner}", compact=True)
        button.can_focus = False
        yield button


def show_ready(parent: Widget, view: View, settings: Settings) -> None:
    """Each ready button under ``parent``: its key and name, or a tick once that partner
    is ready (then it no longer works)."""
    for partner in ("a", "b"):
        name = partner_name(view, partner, settings)
        ready = partner in view.ready
        button = parent.query_one(f"#ready-{partner}", Button)
        button.label = (Content.assemble("✓ ", name, " is ready") if ready
                        else Content.assemble(f"{partner}  ", name, " is ready"))
        button.disabled = ready


class ReadyPanel(Vertical):
    DEFAULT_CSS = beside(__file__)

    def __init__(self, view: View, settings: Settings) -> None:
        super().__init__(classes="ready-panel")
        self.view = view
        self.settings = settings

    def compose(self) -> ComposeResult:
        yield Static("", id="countdown")
        yield Static("", id="ready-line")
        with Horizontal(id="ready-buttons"):
            yield from ready_buttons()

    def on_mount(self) -> None:
        self.show(self.view)

    def show(self, view: View) -> None:
        self.view = view
        left = view.remaining or 0.0
        if left > 0:
            countdown = Content.assemble((clock_text(left), "bold"), " left")
        else:
            countdown = Content.assemble(("Time is up.", "bold"), " Take the time you need.")
        self.query_one("#countdown", Static).update(countdown)
        if left > 0 and view.phase == "step" and not view.skippable:
            line = "This pause runs its full length; then each of you says when you're ready."
        elif left > 0:
            line = "Each of you says when you're ready (you can end it early, together)."
        else:
            line = "Each of you says when you're ready."
        self.query_one("#ready-line", Static).update(line)
        show_ready(self, view, self.settings)
