"""The engine's own errors: an answer that does not fit, names a session cannot start with."""

from __future__ import annotations


class AnswerError(ValueError):
    """The answer was refused; the session's state is exactly as it was before.

    The message is written for the partners (it says what the step waits for),
    so a screen or ``coach rehearse`` can show it as it is.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NamesError(ValueError):
    """The partners' names cannot start a session (one is empty, or both are the same).

    The message is written for the partners, so a name screen can show it as it is.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
