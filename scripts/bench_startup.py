"""Benchmark: how long `coach` takes to show its first exercise title in a real terminal.

Runs, alternating, in one tmux server (its own socket, 80x24, LANG=C.UTF-8):

* the floor: a bare Textual app that shows an OptionList of 15 titles;
* coach: the real `coach` command, with empty temporary config and data folders.

Each run starts in a fresh pane; the time is from launching the command to the
first exercise title appearing in ``tmux capture-pane`` (polled every few ms,
against a monotonic clock). Once the title is on screen, the resident memory
(VmRSS) of the pane's process is read. Prints the median of each, the ratio,
and whether the goal (coach at most 1.3x the floor) is met.

coach keeps the last scan of the library in a cache in its data folder, so from
the second start on it shows the list before it has read the files. A warm-up
run of each comes first, so the cache exists; ``--cold`` deletes it before every
coach run, to measure a first start (the built-ins then come from the rows
shipped with coach). ``--edited`` changes an exercise file of the user's own
before every coach run: an author's start after editing a file (the cache's
rows of the other files are drawn first). Both together leave nothing to draw
before the scan has loaded every file: the slowest start there is.

Run: ``python scripts/bench_startup.py [--runs N] [--cold] [--edited]`` (needs tmux).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

GOAL = 1.3
DEADLINE = 30.0
ROOT = Path(__file__).resolve().parents[1]

TITLES = [
    "The accountability statement",
    "Boundaries that protect",
    "The feeling underneath",
    "Forgiveness in layers",
    "Looking ahead, and what might stir things up",
    "Is there more?",
    "Our living agreement",
    "Practise a time-out",
    "Repair after a misstep",
    "Noticing my own reactions",
    "Small progress, noticed",
    "What transparency means to us",
    "The weekly check-in",
    "Your first reflection",
    "When money was hidden",
]

BARE_APP = textwrap.dedent(
    f"""
    from textual.app import App
    from textual.widgets import OptionList

    class Bare(App):
        def compose(self):
            yield OptionList(*{TITLES!r})

    Bare().run()
    """
)


class Tmux:
    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"coach-bench-{os.getpid()}"
        self.env = env
        self("-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", "80", "-y", "24",
             "sleep 3600")
        self("set-option", "-t", "bench", "remain-on-exit", "on")

    def __call__(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True, text=True, env=self.env, check=True,
        )
        return done.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "bench")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True,
                       check=False)


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def one_run(tmux: Tmux, command: str, wait_for: str) -> tuple[float, int]:
    """Seconds from launch to ``wait_for`` on screen, and the process's RSS then (KiB)."""
    start = time.monotonic()
    tmux("respawn-pane", "-k", "-t", "bench", command)
    deadline = start + DEADLINE
    while wait_for not in tmux.screen():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {wait_for!r}; screen:\n{tmux.screen()}")
        time.sleep(0.003)
    elapsed = time.monotonic() - start
    pid = int(tmux("display-message", "-p", "-t", "bench", "#{pane_pid}").strip())
    memory = rss_kib(pid)
    tmux("respawn-pane", "-k", "-t", "bench", "sleep 3600")
    return elapsed, memory


def first_title() -> str:
    """The title coach's library shows first (its rows are sorted, grouped)."""
    from coach.ui.library_rows import scan_rows

    return scan_rows()[0].title


def cache_path() -> Path:
    from coach.ui.library_rows import cache_path

    return cache_path()


def edit_own_exercise(folder: Path) -> None:
    """Write the user's own exercise anew: its size and time change, so the cache is stale."""
    folder.mkdir(parents=True, exist_ok=True)
    own = folder / "bench-own.yaml"
    edits = own.read_text("utf-8").count("#") if own.exists() else 0
    own.write_text(
        "title: An exercise being written\nsummary: Edited again.\nsteps:\n  - say: Hello.\n"
        + "#\n" * (edits + 1),
        "utf-8",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each (default 7)")
    parser.add_argument(
        "--cold", action="store_true", help="delete coach's library cache before each run"
    )
    parser.add_argument(
        "--edited", action="store_true", help="change one of the user's exercises before each run"
    )
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("bench_startup: tmux is needed", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare_app.py"
        bare.write_text(BARE_APP, "utf-8")
        env = {
            **os.environ,
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
            "COACH_CONFIG_DIR": str(Path(tmp) / "config"),
            "COACH_DATA_DIR": str(Path(tmp) / "data"),
        }
        env.pop("TMUX", None)
        os.environ.update({k: env[k] for k in ("COACH_CONFIG_DIR", "COACH_DATA_DIR")})
        title = first_title()
        python = shlex.quote(sys.executable)
        commands = {
            "bare Textual app": f"exec {python} {shlex.quote(str(bare))}",
            "coach": f"cd {shlex.quote(str(ROOT))} && exec {python} -m coach",
        }
        tmux = Tmux(env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        memory: dict[str, list[int]] = {name: [] for name in commands}
        try:
            for command in commands.values():  # a warm-up of each: disk caches, .pyc, cache
                one_run(tmux, command, title)
            for _ in range(args.runs):
                for name, command in commands.items():
                    if args.cold:
                        cache_path().unlink(missing_ok=True)
                    if args.edited:
                        edit_own_exercise(Path(tmp) / "config" / "exercises")
                    elapsed, rss = one_run(tmux, command, title)
                    times[name].append(elapsed)
                    memory[name].append(rss)
        finally:
            tmux.close()

    start = {(False, False): "with the library cache", (True, False): "first start, no cache",
             (False, True): "after editing an exercise",
             (True, True): "no cache and an exercise of the user's own"}[args.cold, args.edited]
    print(f"first title on screen ({title!r}), {start}, median of {args.runs} alternating runs:")
    for name in commands:
        runs = ", ".join(f"{t * 1000:.0f}" for t in times[name])
        print(
            f"  {name:18} {statistics.median(times[name]) * 1000:6.0f} ms   "
            f"RSS {statistics.median(memory[name]) / 1024:5.1f} MiB   (runs: {runs} ms)"
        )
    ratio = statistics.median(times["coach"]) / statistics.median(times["bare Textual app"])
    verdict = "met" if ratio <= GOAL else "NOT met"
    print(f"  ratio {ratio:.2f}x (goal: at most {GOAL}x): {verdict}")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
