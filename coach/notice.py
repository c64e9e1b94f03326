"""Whether the first-run notice was acknowledged: one small file in the config folder.

The file says only that the notice was read (and which edition of it), never
who read it or when. No Textual here.
"""

from __future__ import annotations

from pathlib import Path

from coach import paths
from coach.settings import write_private

NOTICE_FILE = "notice-acknowledged"
#: raise this when the notice changes in a way everyone should read again
EDITION = "coach notice 1\n"


def notice_path() -> Path:
    return paths.config_dir() / NOTICE_FILE


def notice_acknowledged() -> bool:
    try:
        return notice_path().read_text("utf-8") == EDITION
    except (OSError, UnicodeDecodeError):
        return False


def acknowledge_notice() -> None:
    """Remember that the notice was read (owner-only file in a 0700 folder)."""
    path = notice_path()
    paths.ensure_private_dir(path.parent)
    write_private(path, EDITION)
