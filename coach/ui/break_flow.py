"""Taking a break from any screen that holds a session: the step, or the end.

Ask who calls it and for how long (Esc changes nothing), take it, then show the
break until both are ready. A break already under way (a resumed one) shows at once.
An offered break is taken with one key, with the defaults of :func:`offered_break`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.app import App

from coach.engine import AnswerError, Session
from coach.engine.breaks import FLOODING_OFFERS, GUIDANCE, offered_to
from coach.settings import Settings

#: the key that takes an offered break at once (ctrl+t still opens the full question):
#: a control key, so it types nothing into a note, and one no text box or terminal
#: multiplexer takes (ctrl+b is tmux's prefix, ctrl+y a text box's redo)
OFFER_KEY = "ctrl+o"
OFFER_KEY_SHOWN = "^o"


@dataclass(frozen=True)
class OfferedBreak:
    """What one key takes: who calls it (the partner the offer is about) and how long."""

    by: str
    length: int


def offered_break(session: Session, settings: Settings, *, cues: bool) -> OfferedBreak | None:
    """The break one key takes for the offer on screen, None without one.

    A high rating or flooding cues in what was typed are signs of a flooded body: the
    20-minute time-out the guidance asks for. A step past its time limit, or a
    reflection that has not landed, is a conversation that needs a pause rather than a
    body that needs to settle: the breathing pause. Either can be changed with + on
    the break screen, or chosen otherwise with ctrl+t.
    """
    from coach.ui.screens.break_take import breathing_pause

    view = session.view()
    offer = view.offer_break
    if offer is None:
        return None
    by = offered_to(offer, session.events, view.actor, view.speaker)
    flooded = offer in FLOODING_OFFERS or cues
    return OfferedBreak(by, GUIDANCE if flooded else breathing_pause(session, settings))


def offer_button(session: Session, settings: Settings, *, cues: bool) -> str:
    """What the offered break's button says it takes: 'Take 20 minutes  ^o'."""
    from coach.ui.screens.break_take import minutes_text

    offer = offered_break(session, settings, cues=cues)
    length = minutes_text(offer.length) if offer is not None else "a break"
    return f"Take {length}  {OFFER_KEY_SHOWN}"


def _start(
    app: App[Any], session: Session, finish: Callable[[bool], None],
    changed: Callable[[], object] | None, by: str, reason: str, length: int, cues: bool,
) -> None:
    """Take the break and show it; a refusal is said and nothing changes."""
    from coach.ui.screens.break_ import BreakScreen

    try:
        session.take_break(by, reason, length, cues=cues)  # type: ignore[arg-type]
    except AnswerError as error:
        app.notify(error.message, severity="warning", markup=False)
        finish(False)
        return
    if changed is not None:
        changed()
    app.push_screen(BreakScreen(session), lambda _r: finish(True))


def _finisher(app: App[Any], done: Callable[[bool], object]) -> Callable[[bool], None]:
    def finish(taken: bool) -> None:
        # ``done`` may be a coroutine function: call_later awaits it on the loop
        app.call_later(done, taken)

    return finish


def open_break(
    app: App[Any], session: Session, settings: Settings, done: Callable[[bool], object],
    *, cues: bool = False, changed: Callable[[], object] | None = None,
) -> None:
    """``done(True)`` once a break taken here has ended, ``done(False)`` after Esc or a
    refusal; ``changed()`` right after the break is taken, so it can be saved."""
    from coach.ui.screens.break_ import BreakScreen
    from coach.ui.screens.break_take import BreakChoice, TakeBreakScreen

    finish = _finisher(app, done)
    if session.view().phase == "break":
        app.push_screen(BreakScreen(session), lambda _r: finish(True))
        return

    def taken(choice: BreakChoice | None) -> None:
        if choice is None:  # Esc: keep talking, nothing changed
            finish(False)
            return
        _start(app, session, finish, changed, choice.by, choice.reason, choice.length, cues)

    # during an offer the question comes with the offer's answers chosen (as ctrl+o
    # would take it), so Enter agrees and anything can still be changed
    offer = offered_break(session, settings, cues=cues)
    app.push_screen(TakeBreakScreen(
        session, settings, by=offer.by if offer else None,
        length=offer.length if offer else None), taken)


def take_offered_break(
    app: App[Any], session: Session, settings: Settings, done: Callable[[bool], object],
    *, cues: bool = False, changed: Callable[[], object] | None = None,
) -> bool:
    """Take the offered break at once (see :func:`offered_break`); False when no break is
    offered now. ``done`` and ``changed`` as for :func:`open_break`."""
    offer = offered_break(session, settings, cues=cues)
    if offer is None or session.view().phase == "break":
        return False
    _start(app, session, _finisher(app, done), changed, offer.by, "", offer.length, cues)
    return True
