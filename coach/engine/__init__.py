"""The session engine: an exercise run for two partners, with no screen.

No Textual, no SQL and no YAML here: the UI and ``coach rehearse`` drive a
:class:`Session` with plain answers and show its plain :class:`View`.
"""

from coach.engine.answers import (
    Answer,
    Choice,
    Done,
    Emotions,
    Fits,
    FreeText,
    Number,
    Pick,
    Ready,
    Reviewed,
    Safe,
)
from coach.engine.clock import Clock, FakeClock, SystemClock
from coach.engine.errors import AnswerError, NamesError
from coach.engine.events import Event
from coach.engine.ledger import Commitment, InMemoryLedger, Ledger
from coach.engine.session import (
    MAX_STEPS_WITHOUT_ANSWER,
    Session,
    check_names,
    needs_core_vocabulary,
)
from coach.engine.transcript import transcript_lines
from coach.engine.view import CommitmentView, Rendered, View

__all__ = [
    "MAX_STEPS_WITHOUT_ANSWER",
    "Answer",
    "AnswerError",
    "Choice",
    "Clock",
    "Commitment",
    "CommitmentView",
    "Done",
    "Emotions",
    "Event",
    "FakeClock",
    "Fits",
    "FreeText",
    "InMemoryLedger",
    "Ledger",
    "NamesError",
    "Number",
    "Pick",
    "Ready",
    "Rendered",
    "Reviewed",
    "Safe",
    "Session",
    "SystemClock",
    "View",
    "check_names",
    "needs_core_vocabulary",
    "transcript_lines",
]
