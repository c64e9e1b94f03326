"""Where coach keeps its files.

Config (the user's own exercises, data overrides, settings) and data (the
session records) live in the platform's usual folders; ``COACH_CONFIG_DIR`` and
``COACH_DATA_DIR`` override them so tests never touch a real home. Nothing here
creates a folder: callers create one with :func:`ensure_private_dir` only when
they are about to write into it.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "coach"


def config_dir() -> Path:
    override = os.environ.get("COACH_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def data_dir() -> Path:
    override = os.environ.get("COACH_DATA_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def user_exercises_dir() -> Path:
    """The user's own exercise files (beside the built-ins)."""
    return config_dir() / "exercises"


def user_data_overrides_dir() -> Path:
    """Files here replace the built-in vocabulary, starters, soothing and cue files."""
    return config_dir()


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the owner only."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path
