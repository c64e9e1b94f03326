"""Set-up: who is here today, and (when the exercise asks) who speaks first.

Names come back from last time, stay editable, and are refused beside the field
when empty, too long, or refused by the engine (the same as the other's), with
the engine's own message. Enter starts from anywhere on the screen.
"""

from __future__ import annotations

import random
from typing import Any, ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, RadioButton, RadioSet, Static

from coach.partner_names import MAX_NAME, last_names, refusals
from coach.ui.text import literal
from coach.ui.widgets.title_bar import TitleBar

Partner = Literal["a", "b"]
COIN = "coin"


class SpeakerChoice(RadioSet, inherit_bindings=False):
    """Arrows choose at once (no separate press); Enter is left to the screen: start."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "step(1)", "Next", show=False),
        Binding("up,left", "step(-1)", "Previous", show=False),
        Binding("space", "toggle_button", "Choose", show=False),
    ]

    def action_step(self, direction: int) -> None:
        if direction > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        self.action_toggle_button()


class NameBox(Input):
    """A name field whose Enter shows in the footer as what it does: start."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Start")]


#: the three choices sit on one line at 80 columns: a longer name is cut there (the
#: whole name is in its field just above)
CHOICE_WIDTH = 18


def _short(name: str) -> str:
    return name if len(name) <= CHOICE_WIDTH else name[: CHOICE_WIDTH - 1].rstrip() + "…"


def asks_first_speaker(exercise: Any) -> bool:
    """Whether the set-up asks who speaks first (``ask``, or ``{ask: QUESTION}``)."""
    return not isinstance(exercise.first_speaker, str) or exercise.first_speaker == "ask"


class SetupScreen(Screen[None]):
    CSS_PATH = "setup.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start"),
        Binding("escape", "back", "Back to the library"),
    ]

    def __init__(
        self,
        exercise: Any,
        *,
        a: str | None = None,
        b: str | None = None,
        first: Partner | None = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__()
        self.exercise = exercise
        remembered = last_names() if a is None or b is None else ("", "")
        self._a = remembered[0] if a is None else a
        self._b = remembered[1] if b is None else b
        self._first = first
        self._rng = rng or random.Random()
        self.asks = first is None and asks_first_speaker(exercise)

    def compose(self) -> ComposeResult:
        yield TitleBar(self.exercise.title)
        with VerticalScroll(id="form"):
            yield Static("Who is here today?", id="heading")
            for partner, name in (("a", self._a), ("b", self._b)):
                with Horizontal(classes="name-row"):
                    yield Static(f"Partner {partner.upper()}", classes="label")
                    with Vertical(classes="field"):
                        yield NameBox(
                            name,
                            placeholder="a name",
                            max_length=MAX_NAME + 20,
                            id=f"name-{partner}",
                        )
                        yield Static(id=f"refusal-{partner}", classes="refusal")
            if self.asks:
                with Vertical(id="first"):
                    yield Static(id="question")
                    yield SpeakerChoice(
                        RadioButton(id="first-a", value=True),
                        RadioButton(id="first-b"),
                        RadioButton("toss a coin", id="first-coin"),
                        id="speaker",
                    )
            yield Static("Names stay on this computer only.", id="privacy")
            with Horizontal(id="buttons"):
                yield Button("Start", variant="primary", id="start")
                yield Button("Back", id="back")
        yield Footer()

    def on_mount(self) -> None:
        self.update_names()
        empty = next((p for p in ("a", "b") if not self._typed(p).strip()), "a")
        self.query_one(f"#name-{empty}", Input).focus()

    def _typed(self, partner: str) -> str:
        return self.query_one(f"#name-{partner}", Input).value

    @on(Input.Changed)
    def update_names(self) -> None:
        """Keep the who-speaks-first choices in step with the names as they are typed."""
        for partner in ("a", "b"):
            self.query_one(f"#refusal-{partner}", Static).display = False
        if not self.asks:
            return
        names = {p: self._typed(p).strip() or f"Partner {p.upper()}" for p in ("a", "b")}
        for partner in ("a", "b"):
            label = _short(names[partner])
            self.query_one(f"#first-{partner}", RadioButton).label = literal(label)
        self.query_one("#question", Static).update(self._question(names))

    def _question(self, names: dict[str, str]) -> Content:
        spec = self.exercise.first_speaker
        if isinstance(spec, str):
            return Content("Who speaks first?")
        parts = spec.question.render_parts(names.get)
        return Content.assemble(*(literal(text) for text, _ in parts))

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        a, b = self._typed("a"), self._typed("b")
        refused = refusals(a, b)
        for partner, refusal in zip(("a", "b"), refused, strict=True):
            shown = self.query_one(f"#refusal-{partner}", Static)
            shown.update(literal(refusal))  # the engine's message quotes the name
            shown.display = refusal is not None
        if refused != (None, None):
            partner = "a" if refused[0] else "b"
            self.query_one(f"#name-{partner}", Input).focus()
            return
        first = self._first
        if self.asks:
            first = self._chosen_first()
        self.app.start_session(  # type: ignore[attr-defined]
            self.exercise, a.strip(), b.strip(), first, replace=True
        )

    def _chosen_first(self) -> Partner:
        pressed = self.query_one("#speaker", SpeakerChoice).pressed_button
        choice = pressed.id.removeprefix("first-") if pressed and pressed.id else "a"
        if choice == COIN:
            tossed: Partner = self._rng.choice(("a", "b"))
            name = self._typed(tossed).strip()
            self.notify(f"The coin chose {name}: {name} speaks first.", markup=False, timeout=6)
            return tossed
        return "b" if choice == "b" else "a"

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss()
