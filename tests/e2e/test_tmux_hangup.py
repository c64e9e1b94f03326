"""The terminal closed while coach is starting or drawing: coach leaves, every time.

Textual's shutdown writes to the terminal, and on a hung-up terminal its writer thread's
queue can fill and block coach for ever (found as coach processes left running with no
terminal, holding their session's lock). Closing the terminal must end coach at once,
whenever it happens; each try closes it at a different moment of the start.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.e2e.tmux_terminal import ROOT, acknowledged

pytestmark = pytest.mark.tmux

#: moments after launch to close the terminal: before, during and after the first paint
MOMENTS = (0.15, 0.25, 0.35, 0.5, 0.7, 1.0)


def gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state == "Z"  # ended, waiting for its new parent to read its status


@pytest.mark.parametrize("notice_read", [True, False], ids=["library", "first-run-notice"])
def test_closing_the_terminal_at_any_moment_ends_coach(tmp_path: Path, notice_read: bool) -> None:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed: the real-terminal tests need it")
    if notice_read:
        acknowledged(tmp_path / "config")
    env = {"COACH_CONFIG_DIR": str(tmp_path / "config"), "COACH_DATA_DIR": str(tmp_path / "data"),
           "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           # common in containers, and it makes the stall likelier: every write goes
           # straight to the terminal that has gone
           "PYTHONUNBUFFERED": "1"}
    command = " ".join(
        ["env", *(f"{k}={v}" for k, v in env.items()), sys.executable, "-m", "coach"])
    stuck = []
    for moment in MOMENTS:
        socket = f"coach-hup-{uuid.uuid4().hex[:12]}"
        tmux = ["tmux", "-L", socket]
        subprocess.run([*tmux, "-f", "/dev/null", "new-session", "-d", "-s", "e", "-x", "80",
                        "-y", "24", "-c", str(ROOT), command], check=True, env=env)
        pid = int(subprocess.run([*tmux, "display-message", "-p", "-t", "e", "#{pane_pid}"],
                                 check=True, capture_output=True, text=True).stdout)
        time.sleep(moment)  # the moment itself is what varies: nothing to poll for
        subprocess.run([*tmux, "kill-server"], check=False, capture_output=True)
        deadline = time.monotonic() + 20
        while not gone(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not gone(pid):
            stuck.append(moment)
            subprocess.run(["kill", "-9", str(pid)], check=False)
    assert not stuck, f"coach kept running after its terminal closed {stuck} s after launch"
