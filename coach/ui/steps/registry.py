"""Which widget shows which view: one widget per step action."""

from __future__ import annotations

from importlib import import_module

from coach.engine import Session, View
from coach.settings import Settings
from coach.ui.steps.base import StepWidget

#: action -> (module in coach.ui.steps, class)
WIDGETS = {
    "say": ("say", "SayStep"),
    "share": ("share", "ShareStep"),
    "reflect": ("reflect", "ReflectStep"),
    "name_emotion": ("name_emotion", "NameEmotionStep"),
    "validate": ("validate", "ValidateStep"),
    "ask": ("ask", "AskStep"),
    "rate": ("rate", "RateStep"),
    "commit": ("commit", "CommitStep"),
    "review": ("review", "ReviewStep"),
    "pause": ("pause", "PauseStep"),
    "first_speaker": ("first_speaker", "FirstSpeakerStep"),
}


def widget_for(view: View, settings: Settings, session: Session) -> StepWidget:
    module, name = WIDGETS[view.action]
    cls = getattr(import_module(f"coach.ui.steps.{module}"), name)
    return cls(view, settings, session)  # type: ignore[no-any-return]
