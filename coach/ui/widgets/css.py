"""Widget styles live in a .tcss file beside the widget's module."""

from __future__ import annotations

from pathlib import Path


def beside(module_file: str) -> str:
    """The text of the .tcss file that has the module's name, for ``DEFAULT_CSS``."""
    return Path(module_file).with_suffix(".tcss").read_text(encoding="utf-8")
