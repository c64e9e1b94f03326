"""The break screen (plain for now): who calls it, then a countdown and two "ready" keys.

It never ends by itself: the session goes on only when both partners have said
they are ready (the engine decides that). Esc before the break is taken keeps
talking; once taken, nothing but the two ready keys ends it. The step below
keeps whatever was typed.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from coach.engine import AnswerError, Ready, Session
from coach.settings import Settings
from coach.ui.text import literal
from coach.ui.widgets.partners import bind_partner_keys, partner_name
from coach.ui.widgets.ready_panel import ReadyPanel


class BreakScreen(Screen[None]):
    CSS_PATH = "break_.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "partner('a')", "a"),
        Binding("b", "partner('b')", "b"),
        Binding("escape", "keep_talking", "keep talking"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._taken: bool | None = None

    @property
    def settings(self) -> Settings:
        return getattr(self.app, "settings", None) or Settings()

    @property
    def on_break(self) -> bool:
        return self.session.view().phase == "break"

    def compose(self) -> ComposeResult:
        view = self.session.view()
        yield Static("", id="break-title")
        with Vertical(id="break-body"):
            with Vertical(id="who"):
                yield Static("Who is calling the break?", classes="question")
                with Horizontal(classes="buttons"):
                    for partner in ("a", "b"):
                        button = Button(Content.assemble(
                            f"{partner}  ", partner_name(view, partner, self.settings)),
                            id=f"call-{partner}", compact=True)
                        button.can_focus = False
                        yield button
                yield Static("Either of you can stop at any moment; nobody needs to explain.",
                             classes="hint")
            yield ReadyPanel(view, self.settings)
            yield Static("", id="error")
        yield Footer()

    def on_mount(self) -> None:
        self.show()
        self.set_interval(1.0, self.show)

    def show(self) -> None:
        view = self.session.view()
        taken = view.phase == "break"
        self.query_one("#who").display = not taken
        panel = self.query_one(ReadyPanel)
        panel.display = taken
        if taken:
            panel.show(view)
            by = view.name(view.break_by) if view.break_by else "one of you"
            title = Content.assemble("Break · called by ", literal(by))
        else:
            title = Content("Taking a break")
        self.query_one("#break-title", Static).update(title)
        if taken != self._taken:
            self._taken = taken
            bind_partner_keys(self, view, "partner", "is ready" if taken else "calls it")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "keep_talking":
            return not self.on_break
        if action == "partner" and self.on_break:
            return parameters[0] not in self.session.view().ready
        return True

    def action_partner(self, partner: str) -> None:
        try:
            if not self.on_break:
                self.session.take_break(partner)  # type: ignore[arg-type]
            else:
                self.session.answer(Ready(partner))  # type: ignore[arg-type]
        except AnswerError as error:
            self.query_one("#error", Static).update(literal(error.message))
            return
        self.query_one("#error", Static).update("")
        if not self.on_break:
            self.dismiss(None)
            return
        self.show()

    def action_keep_talking(self) -> None:
        if not self.on_break:
            self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        self.action_partner(button_id[-1])
