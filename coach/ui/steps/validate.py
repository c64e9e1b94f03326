"""validate: the listener says why the feeling makes sense; starters filled with it."""

from __future__ import annotations

from coach.ui.steps.share import SpokenStep


class ValidateStep(SpokenStep):
    role = "listener"
    doing = "says why the feeling makes sense."
    starter_kind = "validate"
    button = "Said it  ⏎"
