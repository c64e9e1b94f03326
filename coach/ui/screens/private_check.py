"""The private check before a hard exercise: one partner at a time, behind a hand-off.

For each partner in turn, three stages on one screen:

1. the hand-off: the other partner looks away until the keyboard comes back;
2. the question, answered with one key (y or n), never echoed;
3. the same closing screen whatever the answer: where to find support, held
   for :data:`HOLD_SECONDS` before Enter goes on, so neither the screen nor the
   time it stays up gives the answer away.

The answer goes back to the session screen only when the closing screen is
left; nothing here writes, logs or notifies anything. If anyone said no, the
session screen then shows :class:`NotReadyScreen` to both: it does not say
that anyone did.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from coach.engine import Clock, View
from coach.settings import Settings
from coach.ui.support import current_support, support_content
from coach.ui.text import literal
from coach.ui.widgets.partners import other, partner_name

#: how long the closing screen stays before Enter goes on, whatever was answered
HOLD_SECONDS = 6.0
Stage = Literal["hand_off", "question", "closing"]

WAITING = "In a few seconds you can go on."


def hand_off_text(view: View, partner: str, settings: Settings) -> Content:
    """'Sam, the next screen is just for you. Alex, please look away until Sam hands the
    keyboard back.'"""
    me, them = partner_name(view, partner, settings), partner_name(view, other(partner), settings)
    return Content.assemble(
        me, ", the next screen is just for you. ", them,
        ", please look away until ", me, " hands the keyboard back.\n\n",
        me, ", press Enter when only you can see the screen.",
    )


class PrivateCheckScreen(Screen[bool]):
    CSS_PATH = "private_check.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "forward", "go on", key_display="⏎"),
        Binding("y", "answer(True)", "yes"),
        Binding("n", "answer(False)", "no"),
    ]

    def __init__(self, view: View, settings: Settings, clock: Clock | None = None,
                 hold: float = HOLD_SECONDS) -> None:
        super().__init__()
        self.view = view
        self.settings = settings
        self.partner = view.actor if view.actor in ("a", "b") else "a"
        self._clock = clock
        self.hold = hold
        self.stage: Stage = "hand_off"
        #: the answer, kept only until the closing screen is left
        self._answer: bool | None = None
        self._closing_since: float | None = None
        self.can_go_on = False

    @property
    def clock(self) -> Clock:
        if self._clock is None:
            from coach.engine import SystemClock

            self._clock = getattr(self.app, "clock", None) or SystemClock()
        return self._clock

    def compose(self) -> ComposeResult:
        view, me = self.view, self.partner
        yield Static("Just for one of you", id="check-title")
        with Vertical(id="hand_off", classes="stage"):
            yield Static(hand_off_text(view, me, self.settings), classes="card")
        with Vertical(id="question", classes="stage"):
            yield Static(literal(view.text), classes="card")
            yield Static(
                Content.assemble(("y", "bold $text-accent"), " yes      ",
                                 ("n", "bold $text-accent"), " no"),
                classes="keys",
            )
            yield Static("Your answer is never shown and never saved. Whatever you answer, "
                         "the next screen is the same.", classes="hint")
        with VerticalScroll(id="closing", classes="stage"):
            yield Static(Content.assemble("Thank you, ", partner_name(view, me, self.settings),
                                          ". Whatever you answered, help is there for you, now "
                                          "or at any time:"), classes="lead")
            yield Static(support_content(current_support(self.settings)), id="support")
        yield Static(WAITING, id="go-on")
        yield Footer()

    def on_mount(self) -> None:
        self._show("hand_off")

    def _show(self, stage: Stage) -> None:
        self.stage = stage
        for name in ("hand_off", "question", "closing"):
            self.query_one(f"#{name}").display = name == stage
        self.query_one("#go-on").display = stage == "closing"
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":
            return self.stage == "question"
        if action == "forward":
            return self.stage == "hand_off" or (self.stage == "closing" and self.can_go_on)
        return True

    def action_forward(self) -> None:
        if self.stage == "hand_off":
            self._show("question")
        elif self.stage == "closing" and self.can_go_on:
            self.dismiss(bool(self._answer))

    def action_answer(self, ok: bool) -> None:
        if self.stage != "question":
            return
        self._answer = ok
        self._closing_since = self.clock.monotonic()
        self._show("closing")
        self.query_one("#closing").focus()
        self.set_interval(0.25, self.tick)

    def tick(self) -> None:
        """Time passes on the closing screen: after :attr:`hold` seconds, Enter goes on."""
        if self.can_go_on or self._closing_since is None:
            return
        if self.clock.monotonic() - self._closing_since < self.hold:
            return
        self.can_go_on = True
        after = partner_name(self.view, other(self.partner), self.settings)
        self.query_one("#go-on", Static).update(
            Content.assemble("Press Enter, then hand the keyboard back to ", after, ".")
        )
        self.refresh_bindings()


NOT_READY_TITLE = "Not today"


class NotReadyScreen(Screen[None]):
    """Shown to both when anyone said no: the engine's neutral words, and the library."""

    CSS_PATH = "private_check.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "leave", "back to the library", key_display="⏎"),
        Binding("f2", "app.resources", "Support lines"),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(NOT_READY_TITLE, id="check-title")
        with Vertical(classes="stage"):
            yield Static(literal(self.text), classes="card")
            yield Static("Support lines are a key away (F2), here and from the library.",
                         classes="hint")
        yield Footer()

    def action_leave(self) -> None:
        self.dismiss(None)
