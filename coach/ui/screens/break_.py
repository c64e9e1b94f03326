"""During a break: the time left, a breathing guide, one soothing idea, and two ready keys.

It never ends by itself: when the time is up the screen says so, gently, and
waits (no sound, no flashing, no return to the step). The session goes on only
when both partners have said they are ready, each with their own key. Ending
early is allowed together; for a break of 20 minutes or more an "are you
sure?" names the guidance first. If either re-rates at the mark (7 of 10, or
the rating that led to the break) the screen suggests more time first.

Cost while waiting: one timer, once a second; the guide's shape stands still
with reduced motion (the phase word only) or when the terminal loses focus, and
a widget is redrawn only when what it shows changed.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Digits, Footer, Static

from coach import resources
from coach.engine import AnswerError, Ready, Session, View
from coach.engine.breaks import BELOW_GUIDANCE_TEXT
from coach.settings import Settings
from coach.ui.screens.break_take import back_at, minutes_text
from coach.ui.text import literal
from coach.ui.widgets.breathing import CAUTION, PATTERNS, BreathingGuide
from coach.ui.widgets.partners import bind_partner_keys
from coach.ui.widgets.ready_panel import clock_text, ready_buttons, show_ready

#: seconds added by the + key
MORE_TIME = 5 * 60
#: how often the screen looks at the clock, with the guide moving or not. Once a
#: second is enough for a breath of 4 seconds or more, and draws the countdown and the
#: shape in one frame: at twice a second the screen cost 1.75-1.9x a bare Digits clock
#: (scripts/bench_idle.py), at once a second well under the 1.5x goal.
TICK = 1.0


def guide_pattern(view: View, settings: Settings) -> str | None:
    """The breathing pattern to show: the exercise's when it names one other than the
    format's default, else the settings'; None for no guide."""
    pattern = view.breathing if view.breathing not in (None, "box") else settings.breathing
    return pattern if pattern in PATTERNS else None


def title(view: View) -> Content:
    by = view.name(view.break_by) if view.break_by else "one of you"
    back = back_at(view.return_at or 0.0, 0).removeprefix("back ") if view.return_at else ""
    return Content.assemble("Break · called by ", literal(by), f" · back {back}")


class BreakScreen(Screen[None]):
    CSS_PATH = "break_.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "ready('a')", "a"),
        Binding("b", "ready('b')", "b"),
        Binding("plus,equals_sign", "more_time", "more time", key_display="+"),
        Binding("n", "next_idea", "next idea"),
        Binding("r", "rate", "re-rate"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._timer: Timer | None = None
        self._idea = 0
        #: the questions already answered, so each is asked once a break
        self._early_ok = False
        self._more_time_asked = False
        #: what the slow-changing parts of the screen last showed
        self._drawn: tuple[object, ...] | None = None

    @property
    def settings(self) -> Settings:
        return getattr(self.app, "settings", None) or Settings()

    @property
    def on_break(self) -> bool:
        return self.session.view().phase == "break"

    def compose(self) -> ComposeResult:
        view = self.session.view()
        self.pattern = guide_pattern(view, self.settings)
        yield Static(title(view), id="break-title")
        with Vertical(id="break-body"):
            with Horizontal(id="clock-row"):
                yield Digits("", id="countdown")
                yield Static("left", id="left-word")
            yield Static("", id="time-up")
            if self.pattern is not None:
                yield BreathingGuide(self.pattern, motion=not self.settings.reduced_motion,
                                     id="guide")
                yield Static(CAUTION, id="caution")
            with Horizontal(id="idea-row"):
                yield Static("", id="idea")
                yield Static(Content.assemble(("n", "bold"), " another idea"), id="idea-key")
            yield Static("", id="avoid")
            yield Static("", id="guidance")
            yield Static("", id="ready-line")
            with Horizontal(id="ready-buttons"):
                yield from ready_buttons()
                more = Button(Content("+  five more minutes"), id="more", compact=True)
                more.can_focus = False
                yield more
            yield Static("", id="error")
        yield Footer()

    def on_mount(self) -> None:
        self.show_idea()
        self.show()
        bind_partner_keys(self, self.session.view(), "ready", "is ready")
        self._timer = self.set_interval(TICK, self.show)

    # --- time passing -------------------------------------------------------------------

    def _moving(self, view: View) -> bool:
        return (self.pattern is not None and not self.settings.reduced_motion
                and self.app.app_focus and not view.time_up)

    def show(self) -> None:
        """Draw what changed since the last look: most ticks redraw nothing, or the
        countdown's digits and the guide's shape alone (a redraw is what costs CPU)."""
        view = self.session.view()
        if view.phase != "break":
            return
        up = view.time_up
        text = "0:00" if up else clock_text(view.remaining or 0.0)
        digits = self.query_one("#countdown", Digits)
        if digits.value != text:
            digits.update(text)
        # out of focus the guide stands still; with reduced motion its word still changes
        if self.pattern is not None and (self._timer is None or self._moving(view)
                                         or self.settings.reduced_motion):
            started = view.break_started_at or 0.0
            self.query_one(BreathingGuide).show_at(self.session.clock.now() - started)
        state = (view.return_at, view.break_by, up, view.below_guidance, view.ready,
                 view.more_time_suggested)
        if state != self._drawn:
            self._drawn = state
            self._show_state(view)

    def _show_state(self, view: View) -> None:
        up = view.time_up
        self.query_one("#break-title", Static).update(title(view))
        self.query_one("#clock-row").display = not up
        self.query_one("#time-up", Static).update(
            "The time is up. There is no hurry: go on when you are both ready." if up else "")
        self.query_one("#guidance", Static).update(
            BELOW_GUIDANCE_TEXT if view.below_guidance else "")
        if up:
            line = "Each of you says when you're ready (r: how stirred up are you now?):"
        else:
            line = "When the time is up, each of you says when you're ready:"
        if view.more_time_suggested:
            line = ("One of you is still stirred up. More time may help: + adds five "
                    "minutes. " + line)
        self.query_one("#ready-line", Static).update(line)
        show_ready(self, view, self.settings)

    def show_idea(self) -> None:
        soothing = resources.soothing()
        ideas = soothing.suggestions or ("Drink a glass of water, slowly.",)
        self.query_one("#idea", Static).update(literal(ideas[self._idea % len(ideas)]))
        avoid = soothing.avoid
        self.query_one("#avoid", Static).update(
            literal(f"Try not to: {avoid[0][0].lower()}{avoid[0][1:]}") if avoid else "")

    # --- keys ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "ready":
            return parameters[0] not in self.session.view().ready
        return True

    def action_next_idea(self) -> None:
        self._idea += 1
        self.show_idea()

    def action_more_time(self) -> None:
        try:
            self.session.extend_break(MORE_TIME)
        except AnswerError as error:
            self._error(error.message)
            return
        self._error("")
        self._early_ok = False
        self.notify(f"Five more minutes: {back_at(self.session.view().return_at or 0, 0)}.",
                    timeout=4, markup=False)
        self.show()

    def action_rate(self) -> None:
        from coach.ui.screens.break_rate import RateBreakScreen

        self.app.push_screen(RateBreakScreen(self.session, self.settings),
                             lambda _r: self.show())

    def action_ready(self, partner: str) -> None:
        view = self.session.view()
        if partner in view.ready:
            return
        ends = len(view.ready) == 1
        if ends and view.confirm_early_end and not self._early_ok:
            from coach.ui.screens.confirm import ConfirmScreen

            length = minutes_text(view.break_total or 0)
            question = Content(
                f"End the break early? It was planned for {length}.\n\n"
                "When feelings run high, the body takes about 20 minutes to settle; "
                "coming back sooner can restart the argument.")
            self.app.push_screen(ConfirmScreen(question, "we're ready now", "keep the break"),
                                 lambda yes: self._after_early(partner, yes))
            return
        if ends and view.more_time_suggested and not self._more_time_asked:
            from coach.ui.screens.confirm import ConfirmScreen

            self._more_time_asked = True
            question = Content(
                "One of you is still quite stirred up. Take five more minutes first?\n\n"
                "Going on is fine too, if you both want to.")
            self.app.push_screen(ConfirmScreen(question, "five more minutes", "go on now"),
                                 lambda yes: self._after_more_time(partner, yes))
            return
        self._ready(partner)

    def _after_early(self, partner: str, yes: bool | None) -> None:
        if yes:
            self._early_ok = True
            self.action_ready(partner)

    def _after_more_time(self, partner: str, yes: bool | None) -> None:
        if yes:
            self.action_more_time()
        else:
            self.action_ready(partner)

    def _ready(self, partner: str) -> None:
        try:
            self.session.answer(Ready(partner))  # type: ignore[arg-type]
        except AnswerError as error:
            self._error(error.message)
            return
        self._error("")
        if not self.on_break:
            if self._timer is not None:
                self._timer.stop()
            self.dismiss(None)
            return
        self.show()
        self.refresh_bindings()

    def _error(self, message: str) -> None:
        self.query_one("#error", Static).update(literal(message))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        if button_id == "more":
            self.action_more_time()
        else:
            self.action_ready(button_id[-1])
