"""Taking a break from any screen that holds a session: the step, or the end.

Ask who calls it and for how long (Esc changes nothing), take it, then show the
break until both are ready. A break already under way (a resumed one) shows at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App

from coach.engine import AnswerError, Session
from coach.settings import Settings


def open_break(
    app: App[Any], session: Session, settings: Settings, done: Callable[[bool], object],
    *, cues: bool = False, changed: Callable[[], object] | None = None,
) -> None:
    """``done(True)`` once a break taken here has ended, ``done(False)`` after Esc or a
    refusal; ``changed()`` right after the break is taken, so it can be saved."""
    from coach.ui.screens.break_ import BreakScreen
    from coach.ui.screens.break_take import BreakChoice, TakeBreakScreen

    def finish(taken: bool) -> None:
        # ``done`` may be a coroutine function: call_later awaits it on the loop
        app.call_later(done, taken)

    if session.view().phase == "break":
        app.push_screen(BreakScreen(session), lambda _r: finish(True))
        return

    def taken(choice: BreakChoice | None) -> None:
        if choice is None:  # Esc: keep talking, nothing changed
            finish(False)
            return
        try:
            session.take_break(choice.by, choice.reason, choice.length,  # type: ignore[arg-type]
                               cues=cues)
        except AnswerError as error:
            app.notify(error.message, severity="warning", markup=False)
            finish(False)
            return
        if changed is not None:
            changed()
        app.push_screen(BreakScreen(session), lambda _r: finish(True))

    app.push_screen(TakeBreakScreen(session, settings), taken)
