"""Every test runs with its own config and data folders: nothing touches a real home."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
