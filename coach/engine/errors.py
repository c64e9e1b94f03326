"""The engine's own error: an answer that does not fit the current step."""

from __future__ import annotations


class AnswerError(ValueError):
    """The answer was refused; the session's state is exactly as it was before.

    The message is written for the partners (it says what the step waits for),
    so a screen or ``coach rehearse`` can show it as it is.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
