"""CPU while waiting: the break screen against a bare Textual app with a one-second clock.

Issue 8's target: during a 20-minute break coach uses no more CPU than a bare
Textual app showing a one-second ``Digits`` clock, within 1.5×. Each app runs in
a real terminal (tmux, its own server socket) for ``--seconds`` after a short
warm-up, and its CPU time (user + system, from /proc) is read before and after.
The two alternate, ``--rounds`` times each, in the same run, so whatever else the
machine is doing lands on both. The break screen runs with the breathing shape
moving (reduced motion off) and the terminal focused: the costliest case.

    python scripts/bench_idle.py [--seconds 30] [--rounds 2]

Needs tmux. Prints each measurement, then the ratio of the medians.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_UP = 3.0

BARE = """
from datetime import datetime
from textual.app import App
from textual.widgets import Digits

class Clock(App):
    def compose(self):
        yield Digits("")
    def on_mount(self):
        self.tick()
        self.set_interval(1.0, self.tick)
    def tick(self):
        self.query_one(Digits).update(datetime.now().strftime("%H:%M:%S"))

Clock().run()
"""

BREAK = """
import random
from textual.app import App
from coach.engine import InMemoryLedger, Session, SystemClock
from coach.format.loader import load_file
from coach.library import builtin_dir
from coach.settings import Settings
from coach.ui.screens.break_ import BreakScreen

exercise = load_file(builtin_dir() / "first-reflection.yaml").exercise
session = Session.start(exercise, a="Sam", b="Alex", clock=SystemClock(),
                        ledger=InMemoryLedger(), first="a", rng=random.Random(0))
session.take_break("a", "", 20 * 60)

class OnBreak(App):
    settings = Settings(reduced_motion=False)
    def on_mount(self):
        self.push_screen(BreakScreen(session))

OnBreak().run()
"""


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of ``pid`` and its children that were waited for."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def measure(code: str, seconds: float, socket: str, shows: str) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(code)
    env = f"PYTHONPATH={shlex.quote(str(ROOT))} TERM=xterm-256color"
    command = f"exec env {env} {shlex.quote(sys.executable)} {shlex.quote(script.name)}"
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    subprocess.run([*tmux, "new-session", "-d", "-x", "80", "-y", "24", command], check=True)
    try:
        pid = int(subprocess.run([*tmux, "display", "-p", "#{pane_pid}"], check=True,
                                 capture_output=True, text=True).stdout)
        time.sleep(WARM_UP)
        before = cpu_seconds(pid)
        time.sleep(seconds)
        used = cpu_seconds(pid) - before
        screen = subprocess.run([*tmux, "capture-pane", "-p"], check=True,
                                capture_output=True, text=True).stdout
        if shows not in screen:  # a crashed app would measure as very cheap
            sys.exit(f"the app did not show {shows!r}; the screen was:\n{screen}")
        return used
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)
        os.unlink(script.name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    bare: list[float] = []
    brk: list[float] = []
    for round_ in range(1, args.rounds + 1):
        for name, code, out, shows in (("bare clock", BARE, bare, ":"),
                                       ("break screen", BREAK, brk, "Sam is ready")):
            socket = f"coach-bench-{os.getpid()}-{round_}-{len(out)}-{name[:3]}"
            used = measure(code, args.seconds, socket, shows)
            out.append(used)
            print(f"round {round_}: {name:<12} {used:.2f} s CPU in {args.seconds:.0f} s",
                  flush=True)
    ratio = statistics.median(brk) / statistics.median(bare)
    print(f"median: bare {statistics.median(bare):.2f} s, break {statistics.median(brk):.2f} s;"
          f" ratio {ratio:.2f}x (goal: at most 1.5x)")


if __name__ == "__main__":
    main()
