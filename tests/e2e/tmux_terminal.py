"""A real terminal for end-to-end tests: coach in its own tmux server, 80x24.

Its own tmux server (``-L``), LANG=C.UTF-8, the test's own config and data
folders, ``remain-on-exit`` so the screen of a process that died stays to be
read. Every wait has a deadline; nothing sleeps a fixed time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEADLINE = 20.0


class Terminal:
    def __init__(self, socket: str, env: dict[str, str]) -> None:
        self.socket = socket
        self.env = env
        self.seen: list[str] = []

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True, text=True, env=self.env, timeout=10, check=True,
        )
        return done.stdout

    def start(self, *args: str) -> None:
        """Run ``coach ARGS`` in the pane, as the pane's own process (so its pid is coach's)."""
        quoted = " ".join(f"'{a}'" for a in args)
        self.tmux("respawn-pane", "-k", "-t", "e2e",
                  f"cd {ROOT} && exec {sys.executable} -m coach {quoted}")
        self.wait_until(lambda _: self.pane("pane_dead") == "0", "coach to start")

    def screen(self) -> str:
        text = self.tmux("capture-pane", "-p", "-t", "e2e")
        self.seen.append(text)
        return text

    def with_scrollback(self) -> str:
        """The pane's whole history, from the first line that scrolled off to the last."""
        return self.tmux("capture-pane", "-p", "-S", "-", "-E", "-", "-t", "e2e")

    def wait_for(self, *texts: str) -> str:
        """The screen once it shows every one of ``texts``; fails at the deadline."""
        return self.wait_until(lambda screen: all(text in screen for text in texts), repr(texts))

    def wait_until(self, shows: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + DEADLINE
        while True:
            screen = self.screen()
            assert "Traceback" not in screen, screen
            if shows(screen):
                return screen
            if time.monotonic() > deadline:
                pytest.fail(f"waited {DEADLINE}s for {what}; the screen shows:\n{screen}")
            time.sleep(0.02)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "e2e", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "e2e", "-l", text)

    def pane(self, field: str) -> str:
        return self.tmux("display-message", "-p", "-t", "e2e", f"#{{{field}}}").strip()

    def pid(self) -> int:
        return int(self.pane("pane_pid"))

    def exit_status(self) -> int:
        """The status coach exited with once it has (waits for it); minus the signal's
        number when a signal killed it."""
        def ended() -> str:
            if self.pane("pane_dead") != "1":
                return ""
            status = self.pane("pane_dead_status")  # tmux fills these just after pane_dead
            signal = self.pane("pane_dead_signal")
            return status or (f"-{signal}" if signal else "") or self._unreaped_status()

        self.wait_until(lambda _: bool(ended()), "coach to exit")
        return int(ended())

    def _unreaped_status(self) -> str:
        """tmux 3.3 now and then marks a pane dead without reaping its process, which stays
        a zombie whose status tmux never reports: read it where the kernel keeps it, the
        last field of /proc/PID/stat (as waitpid gives it)."""
        try:
            state, *fields = Path(f"/proc/{self.pid()}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError, ValueError):
            return ""
        if state != "Z" or len(fields) < 49:  # fields 4 to 52
            return ""
        code = int(fields[-1])
        return f"-{code & 0x7F}" if code & 0x7F else str(code >> 8)


@contextmanager
def terminal_in(tmp_path: Path, *, notice_read: bool = True) -> Iterator[Terminal]:
    """A tmux server for one test. ``notice_read``: the first-run notice was acknowledged
    already (as by anyone who used coach before), so coach opens straight on its screens."""
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed: the real-terminal tests need it")
    if notice_read:
        acknowledged(tmp_path / "config")
    env = {
        **os.environ,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "xterm-256color",
        "COACH_CONFIG_DIR": str(tmp_path / "config"),
        "COACH_DATA_DIR": str(tmp_path / "data"),
    }
    for name in ("TMUX", "NO_COLOR", "TEXTUAL_ANIMATIONS"):
        env.pop(name, None)
    term = Terminal(f"coach-e2e-{os.getpid()}-{uuid.uuid4().hex[:12]}", env)
    term.tmux("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24",
              "sleep 600")
    term.tmux("set-option", "-t", "e2e", "remain-on-exit", "on")
    try:
        yield term
    finally:
        subprocess.run(["tmux", "-L", term.socket, "kill-server"], capture_output=True,
                       check=False)


def acknowledged(config: Path) -> None:
    """Write the notice's acknowledgement into ``config`` as coach itself writes it."""
    from coach.notice import EDITION, NOTICE_FILE

    config.mkdir(mode=0o700, parents=True, exist_ok=True)
    (config / NOTICE_FILE).write_text(EDITION, "utf-8")
