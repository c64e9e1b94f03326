"""The JSON Schema of an exercise file, generated from the model (never written by hand)."""

from __future__ import annotations

from typing import Any

from coach.format.kinds import Record
from coach.format.model import STEP_TYPES, Exercise
from coach.format.steps import step_schema

SCHEMA_ID = "https://coach.invalid/exercise-format/v1/exercise.schema.json"


def exercise_schema() -> dict[str, Any]:
    """A draft-07 schema: the newest draft yaml-language-server fully supports.

    It accepts what the loader accepts, key by key and type by type; the rules
    that need the whole file (goto targets, unset placeholders, loops) are
    left to `coach validate`.
    """
    body = Record(Exercise).schema()
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "coach exercise",
        "description": "An exercise for coach, format version 1. "
        "Check a file with `coach validate FILE`.",
        **body,
        "definitions": {action: step_schema(cls) for action, cls in STEP_TYPES.items()},
    }
