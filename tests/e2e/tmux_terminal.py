"""A real terminal for end-to-end tests: coach in its own tmux server, 80x24.

Its own tmux server (``-L``), LANG=C.UTF-8, the test's own config and data
folders, ``remain-on-exit`` so the screen of a process that died stays to be
read. Every wait has a deadline; nothing sleeps a fixed time.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: generous: a loaded 2-core machine can take many seconds to start coach or draw a screen,
#: and a deadline only costs time when a test is failing anyway
DEADLINE = 60.0
POLL = 0.05


class Terminal:
    def __init__(self, socket: str, env: dict[str, str], folder: Path | None = None) -> None:
        self.socket = socket
        self.env = env
        self.seen: list[str] = []
        #: where each start's pid and exit status are written (tests/e2e/exit_recorder.py)
        self.folder = folder if folder is not None else Path(tempfile.mkdtemp(prefix="coach-e2e-"))
        self.starts = 0

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True, text=True, env=self.env, timeout=10, check=True,
        )
        return done.stdout

    def open(self) -> None:
        """The 80x24 window (again, after :meth:`close`), its pane kept when coach ends."""
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24",
                  "sleep 600")
        self.tmux("set-option", "-t", "e2e", "remain-on-exit", "on")

    def close(self) -> None:
        """Close the terminal coach runs in, as a closed terminal window does: its end of the
        terminal goes away and the process standing for the shell gets SIGHUP."""
        self.tmux("kill-session", "-t", "e2e")

    def start(self, *args: str) -> None:
        """Run ``coach ARGS`` in the pane, as a shell would: a child of the pane's process,
        which writes down its pid and exit status (:meth:`pid`, :meth:`exit_status`)."""
        self.starts += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        pid_file, status_file = self._files()
        command = [sys.executable, "-m", "tests.e2e.exit_recorder", str(pid_file),
                   str(status_file), sys.executable, "-m", "coach", *args]
        self.tmux("respawn-pane", "-k", "-t", "e2e",
                  f"cd {shlex.quote(str(ROOT))} && exec {shlex.join(command)}")
        self._wait_for_file(pid_file, "coach to start")

    def _files(self) -> tuple[Path, Path]:
        """This start's pid file and exit status file."""
        return (self.folder / f"start-{self.starts}.pid",
                self.folder / f"start-{self.starts}.status")

    def _wait_for_file(self, path: Path, what: str) -> str:
        deadline = time.monotonic() + DEADLINE
        while not path.exists():
            if time.monotonic() > deadline:
                pytest.fail(f"waited {DEADLINE}s for {what}")
            time.sleep(POLL)
        return path.read_text("utf-8").strip()

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
            time.sleep(POLL)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "e2e", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "e2e", "-l", text)

    def pane(self, field: str) -> str:
        return self.tmux("display-message", "-p", "-t", "e2e", f"#{{{field}}}").strip()

    def pid(self) -> int:
        """The running coach's process id (the last :meth:`start`'s)."""
        return int(self._wait_for_file(self._files()[0], "coach's pid"))

    def exit_status(self) -> int:
        """The status coach exited with once it has (waits for it); minus the signal's
        number when a signal killed it. (Not tmux's ``pane_dead_status``: tmux 3.3 often
        loses it.) Returns once tmux has read all coach wrote, too: the pane is dead."""
        status = int(self._wait_for_file(self._files()[1], "coach to exit"))
        alive = subprocess.run(["tmux", "-L", self.socket, "has-session", "-t", "e2e"],
                               capture_output=True, env=self.env, check=False)
        if alive.returncode == 0:  # not after close(): the pane went with the terminal
            self.wait_until(lambda _: self.pane("pane_dead") == "1", "the pane to be dead")
        return status



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
    term = Terminal(f"coach-e2e-{os.getpid()}-{uuid.uuid4().hex[:12]}", env, tmp_path / "e2e")
    term.open()
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
