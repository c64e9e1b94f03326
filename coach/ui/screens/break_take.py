"""Taking a break (ctrl+t): who calls it, for how long, and a word on why.

Asked over the step, which stays as it was: Esc keeps talking and nothing is
changed. Each length shows its return time as a clock time, so the partner who
calls it says when they will come back, as the guidance asks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from coach.engine import AnswerError, Session
from coach.engine.breaks import BELOW_GUIDANCE_TEXT, GUIDANCE, check_length
from coach.format.durations import DurationError, parse_duration
from coach.settings import Settings
from coach.ui.text import literal
from coach.ui.widgets.notice_line import offer_text
from coach.ui.widgets.partners import partner_name

#: a breathing pause when neither the exercise nor the settings name one under 20 minutes
BREATHING_PAUSE = 5 * 60
OTHER = "other"
GUIDANCE_LINE = "When flooded, 20 minutes is the least that helps the body settle."
CUSTOM_HELP = "Write minutes (10) or hours and minutes (1h30m), from 1 minute to 24 hours."


@dataclass(frozen=True)
class BreakChoice:
    by: str
    length: int
    reason: str


def back_at(now: float, seconds: int) -> str:
    """'back at 19:40' in local time; 'back tomorrow at 09:10' past midnight."""
    then = time.localtime(now + seconds)
    today = time.localtime(now)
    clock = time.strftime("%H:%M", then)
    if then.tm_yday == today.tm_yday and then.tm_year == today.tm_year:
        return f"back at {clock}"
    return f"back tomorrow at {clock}" if seconds < 24 * 3600 + 60 else f"back at {clock}"


def minutes_text(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if rest:
        return f"{minutes} min {rest} s" if minutes else f"{rest} seconds"
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        hour = f"{hours} hour" + ("s" if hours > 1 else "")
        return f"{hour} {minutes} min" if minutes else hour
    return f"{minutes} minute" + ("s" if minutes != 1 else "")


def breathing_pause(session: Session, settings: Settings) -> int:
    """The breathing pause offered: the exercise's pause length, or the setting's, when
    shorter than the 20-minute time-out (a file may say 30s: at least a minute)."""
    for seconds in (session.exercise.pause.length, settings.break_seconds):
        if seconds < GUIDANCE:
            return max(seconds, 60)
    return BREATHING_PAUSE


def parse_custom(text: str) -> int:
    """A length typed by a partner: plain numbers are minutes. Raises AnswerError."""
    text = text.strip().lower().replace(" ", "")
    if not text:
        raise AnswerError(f"Write how long the break is. {CUSTOM_HELP}")
    try:
        seconds = int(text) * 60 if text.isdigit() else parse_duration(text)
    except DurationError:
        raise AnswerError(f'"{text}" is not a length. {CUSTOM_HELP}') from None
    try:
        return check_length(seconds)
    except AnswerError as error:
        message = error.message[0].upper() + error.message[1:]
        raise AnswerError(f"{message}.") from None


class TakeBreakScreen(ModalScreen[BreakChoice | None]):
    CSS_PATH = "break_take.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "caller('a')", "a"),
        Binding("b", "caller('b')", "b"),
        Binding("enter", "take", "take it", key_display="⏎", priority=True),
        Binding("escape", "keep_talking", "keep talking"),
    ]

    def __init__(
        self, session: Session, settings: Settings, *, by: str | None = None,
        length: int | None = None,
    ) -> None:
        """``by`` and ``length`` come chosen (an offered break's), and can be changed."""
        super().__init__()
        self.session = session
        self.settings = settings
        self.by = by
        self.pause = breathing_pause(session, settings)
        self.length = length

    def lengths(self) -> list[tuple[int, str]]:
        return [(GUIDANCE, "a real time-out"), (self.pause, "a breathing pause")]

    def compose(self) -> ComposeResult:
        view = self.session.view()
        now = self.session.clock.now()
        with Vertical(id="dialog"):
            yield Static("Taking a break", id="take-title")
            if view.offer_break:
                yield Static(offer_text(view.offer_break), classes="hint")
            with Horizontal(id="who-row"):
                yield Static("Who is calling it?", classes="label")
                for partner in ("a", "b"):
                    button = Button(Content.assemble(
                        f"{partner}  ", partner_name(view, partner, self.settings)),
                        id=f"call-{partner}", compact=True)
                    button.can_focus = False
                    yield button
            yield Static("How long?", classes="label")
            options = [
                Option(Content.assemble(
                    f"{minutes_text(seconds)}: {what}".ljust(44), (back_at(now, seconds), "dim")),
                    id=str(seconds))
                for seconds, what in self.lengths()
            ]
            options.append(Option("Other…", id=OTHER))
            yield OptionList(*options, id="lengths")
            with Horizontal(id="custom-row"):
                yield Static("Other length", classes="label")
                yield Input(placeholder="minutes, e.g. 10", id="custom", max_length=12)
                yield Static("", id="custom-back")
            with Horizontal(id="reason-row"):
                yield Static("A word on why", classes="label")
                yield Input(placeholder="optional", id="reason", max_length=120)
            yield Static(GUIDANCE_LINE, classes="hint", id="guidance")
            yield Static("", id="take-error")
        yield Footer()

    def on_mount(self) -> None:
        offered = [seconds for seconds, _what in self.lengths()]
        self.query_one("#lengths", OptionList).highlighted = (
            offered.index(self.length) if self.length in offered else 0)
        self.query_one("#lengths", OptionList).focus()
        self._show_caller()

    def _show_caller(self) -> None:
        view = self.session.view()
        for partner in ("a", "b"):
            button = self.query_one(f"#call-{partner}", Button)
            chosen = partner == self.by
            button.variant = "primary" if chosen else "default"
            # the chosen name in the button's own colours: a partner's colour can all but
            # vanish on the highlight (brown on navy in the light theme)
            name = (literal(view.name(partner)).stylize("bold") if chosen
                    else partner_name(view, partner, self.settings))
            button.label = Content.assemble("✓ " if chosen else f"{partner}  ", name)
        for partner in ("a", "b"):
            self._bindings.key_to_bindings[partner] = [Binding(
                partner, f"caller('{partner}')",
                f"{view.name(partner)[:12]} calls it")]  # type: ignore[arg-type]
        self.refresh_bindings()

    def _error(self, message: str | Content) -> None:
        self.query_one("#take-error", Static).update(
            literal(message) if isinstance(message, str) else message)

    def action_caller(self, partner: str) -> None:
        self.by = partner
        self._error("")
        self._show_caller()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_caller((event.button.id or "")[-1])

    def on_key(self, event: events.Key) -> None:
        """A number typed on the list of lengths is an other length: no Tab needed."""
        custom = self.query_one("#custom", Input)
        if (isinstance(self.focused, OptionList) and event.character
                and event.character.isdigit()):
            event.stop()
            custom.value += event.character
            custom.cursor_position = len(custom.value)
            custom.focus()

    @on(Input.Changed, "#custom")
    def _custom_typed(self, event: Input.Changed) -> None:
        lengths = self.query_one("#lengths", OptionList)
        lengths.highlighted = lengths.option_count - 1
        back = self.query_one("#custom-back", Static)
        try:
            seconds = parse_custom(event.value)
        except AnswerError:
            back.update("")
        else:
            back.update(Content(back_at(self.session.clock.now(), seconds)))

    @on(OptionList.OptionHighlighted, "#lengths")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._error("")

    @on(OptionList.OptionSelected, "#lengths")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == OTHER:
            self.query_one("#custom", Input).focus()
            return
        self.action_take()

    def chosen_length(self) -> int:
        lengths = self.query_one("#lengths", OptionList)
        index = lengths.highlighted or 0
        option = lengths.get_option_at_index(index)
        if option.id == OTHER:
            return parse_custom(self.query_one("#custom", Input).value)
        return int(option.id or GUIDANCE)

    def action_take(self) -> None:
        focused = self.focused
        if (isinstance(focused, OptionList) and focused.highlighted is not None
                and focused.get_option_at_index(focused.highlighted).id == OTHER
                and not self.query_one("#custom", Input).value.strip()):
            self.query_one("#custom", Input).focus()
            return
        try:
            length = self.chosen_length()
        except AnswerError as error:
            self._error(error.message)
            self.query_one("#custom", Input).focus()
            return
        if self.by is None:
            view = self.session.view()
            self._error(Content.assemble(
                "Who is calling it? Press a for ", partner_name(view, "a", self.settings),
                " or b for ", partner_name(view, "b", self.settings),
                " (outside the text boxes), or click a name."))
            return
        reason = self.query_one("#reason", Input).value
        self.dismiss(BreakChoice(self.by, length, reason))

    def action_keep_talking(self) -> None:
        self.dismiss(None)


__all__ = ["BELOW_GUIDANCE_TEXT", "BreakChoice", "TakeBreakScreen", "back_at"]
