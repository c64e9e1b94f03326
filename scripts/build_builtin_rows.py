"""Write coach/ui/builtin_rows.json: the library's rows for the built-in exercises.

A first start draws the list from this file instead of waiting for the exercise
format to load every file (see coach.ui.library_rows). The app checks a digest
of the built-in files before using it, so a stale file only costs speed; a test
fails until this script is run again after a built-in exercise or the built-in
path changes.

Run: ``python scripts/build_builtin_rows.py``
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        # the built-ins alone: none of this user's exercises or path
        os.environ["COACH_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["COACH_DATA_DIR"] = str(Path(tmp) / "data")
        from coach.ui.library_rows import SHIPPED_ROWS, scan_rows, shipped_text

        SHIPPED_ROWS.write_text(shipped_text(scan_rows()), "utf-8")
    print(f"wrote {SHIPPED_ROWS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
