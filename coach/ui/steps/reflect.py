"""reflect: the listener says back what they heard; the speaker says whether it fits.

The stages come from the engine (reflect, confirm, clarify, add) and so does
the try count; this widget only shows the stage it is given.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Static

from coach.engine import Done, Fits
from coach.engine.answers import VERDICTS
from coach.ui.steps.base import StepWidget
from coach.ui.steps.share import note_label
from coach.ui.widgets.partners import other

VERDICT_LABELS = {
    "yes": "Yes, that's it",
    "partly": "Partly",
    "no": "No",
    "more": "There is more",
}
VERDICT_KEYS = {"yes": "y", "partly": "p", "no": "n", "more": "m"}
#: the footer's words for the keys
VERDICT_WORDS = {"yes": "yes", "partly": "partly", "no": "no", "more": "more"}


class ReflectStep(StepWidget):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(key, f"verdict('{verdict}')", VERDICT_WORDS[verdict])
        for verdict, key in VERDICT_KEYS.items()
    ]

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.confirming = self.view.stage == "confirm"
        self.enter_goes_on = not self.confirming
        self.can_focus = self.confirming

    def tries(self) -> ComposeResult:
        """"try 2 of 3", only where another try can follow: with one reflection
        (``confirm: false``, or ``max_tries: 1``) "try 1 of 1" would read like a test."""
        view = self.view
        if view.max_tries is not None and view.max_tries > 1:
            yield Static(f"try {view.tries} of {view.max_tries}", classes="tries")

    def compose(self) -> ComposeResult:
        view = self.view
        stage = view.stage
        if stage == "reflect":
            with Horizontal(classes="heading"):
                yield self.for_whom(view.listener, "says back what they heard.")
                yield from self.tries()
            yield self.prompt()
            yield from self.starters("reflect")
            label = note_label(view)
            if label is not None:
                yield from self.note_box(label)
            yield self.error_line()
            yield self.go_on_button("Said it  ⏎")
        elif stage == "confirm":
            with Horizontal(classes="heading"):
                yield Static(Content.assemble(
                    self.partner(view.listener), " has said back what they heard."),
                    classes="for-whom")
                yield from self.tries()
            yield self.prompt()
            with Horizontal(classes="buttons"):
                for verdict in VERDICTS:
                    button = Button(
                        Content(f"{VERDICT_KEYS[verdict]}  {VERDICT_LABELS[verdict]}"),
                        id=f"verdict-{verdict}", compact=True,
                        variant="success" if verdict == "yes" else "default",
                    )
                    button.can_focus = False
                    yield button
            yield self.error_line()
        else:  # clarify or add: the speaker says more, out loud
            what = "says what was missing." if stage == "clarify" else "says what more there is."
            yield self.for_whom(view.speaker, what)
            yield self.prompt()
            yield from self.note_box("A note, if you want one")
            yield self.error_line()
            yield self.go_on_button("Said it  ⏎")
        if stage in ("clarify", "add"):
            yield Static(Content.assemble(
                "Then ", self.partner(other(view.speaker)), " says it back again."),
                classes="hint")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "verdict":
            return self.confirming
        return True

    def action_verdict(self, verdict: str) -> None:
        self.answer(Fits(verdict))  # type: ignore[arg-type]

    def forward(self) -> None:
        if not self.confirming:
            self.answer(Done(self.note()))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        if button_id.startswith("verdict-"):
            event.stop()
            self.action_verdict(button_id.removeprefix("verdict-"))
            return
        super().on_button_pressed(event)
