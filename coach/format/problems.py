"""Problems are values: where, how bad, and what to do about it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    severity: Severity
    message: str
    #: a short, stable name for the kind of problem (for editors and CI)
    rule: str = "invalid"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class Reporter:
    """Collects the problems found in one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(
        self, line: int, column: int, message: str, rule: str, severity: Severity = "error"
    ) -> None:
        self.problems.append(Problem(self.file, line, column, severity, message, rule))

    def error_at(self, mark: tuple[int, int], message: str, rule: str) -> None:
        self.add(mark[0], mark[1], message, rule)

    def warning_at(self, mark: tuple[int, int], message: str, rule: str) -> None:
        self.add(mark[0], mark[1], message, rule, "warning")

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.line, p.column, p.severity, p.message))
