"""How stirred up is each of you now, 0 to 10? Optional, before coming back from a break.

Each types their own number; neither is shown back (the screen says only who
has answered), and saying it again replaces it. Esc leaves it unsaid.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from coach.engine import AnswerError, Session
from coach.settings import Settings
from coach.ui.text import literal
from coach.ui.widgets.partners import partner_name


class RateBreakScreen(ModalScreen[None]):
    CSS_PATH = "break_.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save", "save", key_display="⏎", priority=True),
        Binding("escape", "dismiss_it", "skip"),
    ]

    def __init__(self, session: Session, settings: Settings) -> None:
        super().__init__()
        self.session = session
        self.settings = settings

    def compose(self) -> ComposeResult:
        view = self.session.view()
        with Vertical(id="rate-dialog"):
            yield Static("How stirred up is each of you now, from 0 (calm) to 10 (flooded)? "
                         "Optional; leave a box empty to skip.", id="rate-question")
            for partner in ("a", "b"):
                with Horizontal(classes="rate-row"):
                    yield Static(partner_name(view, partner, self.settings), classes="rate-name")
                    done = " (said)" if partner in view.break_rated else ""
                    yield Input(placeholder=f"0 to 10{done}", id=f"rate-{partner}",
                                max_length=2, password=True)
            yield Static("", id="rate-error")
        yield Footer()

    def action_save(self) -> None:
        values: dict[str, int] = {}
        view = self.session.view()
        for partner in ("a", "b"):
            text = self.query_one(f"#rate-{partner}", Input).value.strip()
            if not text:
                continue
            if not text.isdigit() or not 0 <= int(text) <= 10:
                self.query_one("#rate-error", Static).update(Content.assemble(
                    "For ", literal(view.name(partner)),  # type: ignore[arg-type]
                    f", write a whole number from 0 to 10, not {text!r}."))
                self.query_one(f"#rate-{partner}", Input).focus()
                return
            values[partner] = int(text)
        try:
            for partner, value in values.items():
                self.session.rate_break(partner, value)  # type: ignore[arg-type]
        except AnswerError as error:
            self.query_one("#rate-error", Static).update(literal(error.message))
            return
        self.dismiss(None)

    def action_dismiss_it(self) -> None:
        self.dismiss(None)
