"""A real terminal: `coach` in tmux, played from the library to the end screen.

Its own tmux server (``-L``), 80x24, LANG=C.UTF-8, temporary config and data
folders, ``remain-on-exit`` so a crash leaves its screen to read. Every step
waits for what the screen must show, with a deadline; nothing sleeps a fixed
time. Names and notes are typed literally (``send-keys -l``) and full of markup.
Without tmux the test fails: it is the one test of the real terminal.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.tmux

ROOT = Path(__file__).resolve().parents[2]
DEADLINE = 20.0
NAME_A = "[bold]Sam[/"
NAME_B = "Alex $x [@click=app.quit] 🙂"
NOTE = "a note [link=x]here[/link] \\[ $y [/ ✓"


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

    def screen(self) -> str:
        text = self.tmux("capture-pane", "-p", "-t", "e2e")
        self.seen.append(text)
        return text

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


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed: the real-terminal test needs it (.ci/run installs it)")
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
    command = f'cd {ROOT} && {sys.executable} -m coach; echo "coach exited with status $?"'
    term.tmux("respawn-pane", "-k", "-t", "e2e", command)
    try:
        yield term
    finally:
        subprocess.run(["tmux", "-L", term.socket, "kill-server"], capture_output=True,
                       check=False)


def test_a_built_in_exercise_from_the_library_to_its_end(terminal: Terminal) -> None:
    t = terminal
    t.wait_for("Start here", "exercises", "Search")
    t.keys("/")
    # the search has the keys once the footer no longer offers the list's own
    t.wait_until(lambda screen: "r Reload" not in screen, "the search box to have focus")
    t.type("first refl")
    t.wait_for("Your first reflection", "15 min · listening")  # the list narrowed as typed
    t.keys("Enter")
    t.wait_for("Who is here today?")

    # names full of markup; Enter with one missing says so and moves to it
    t.type(NAME_A)
    t.wait_for(NAME_A)
    t.keys("Enter")
    t.wait_for("Type a name")
    t.type(NAME_B)
    t.wait_for(NAME_B)
    t.keys("Enter")
    t.wait_for(f"{NAME_A} holds the floor", "round 1 of 2", "Welcome,")
    t.keys("Enter")

    for round_, (speaker, listener) in enumerate(((NAME_A, NAME_B), (NAME_B, NAME_A)), start=1):
        # rate, both of them in turn
        t.wait_for("How stirred up", f"round {round_} of 2")
        t.keys("3", "Enter")
        t.wait_for("has answered ✓")
        t.keys("2", "Enter")
        # share, with a note
        t.wait_for(f"{speaker}, you have the floor")
        if round_ == 1:
            t.type(NOTE)
            t.wait_for(NOTE)
        t.keys("Enter")
        # reflect: the listener says it back, the speaker confirms
        t.wait_for(f"{listener} says back what they heard", "try 1 of 3")
        t.keys("Enter")
        t.wait_for("does that fit")
        t.keys("y")
        t.wait_for("what was it like to be listened to")
        t.keys("1", "Enter")
        if round_ == 1:
            t.wait_for(f"the floor passes to {NAME_B}")
            t.keys("Enter")

    end = t.wait_for("Your first reflection · done", "2 rounds", "back to the library")
    assert "Well done, both of you." in end
    t.keys("Enter")
    t.wait_for("Start here", "Search")
    t.keys("C-q")
    # coach runs under a shell that says how it ended; remain-on-exit keeps the pane, and
    # tmux's own line says it too (the echo can be lost as the terminal is restored)
    t.wait_until(
        lambda s: "coach exited with status 0" in s or "Pane is dead (status 0," in s,
        "coach to exit with status 0",
    )
    assert not any("Traceback" in screen for screen in t.seen)
