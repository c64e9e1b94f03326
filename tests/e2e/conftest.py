"""The real terminal every end-to-end test drives (tests/e2e/tmux_terminal.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.tmux_terminal import Terminal, terminal_in


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    with terminal_in(tmp_path) as term:
        yield term
