"""Run a command as this process's child and write down its pid and how it ended.

``python -m tests.e2e.exit_recorder PID_FILE STATUS_FILE COMMAND...``

Why: tmux 3.3 loses a pane's exit status about half the time (when the pane's end of
the terminal closes before tmux reaps the process, ``pane_dead_status`` and
``pane_dead_signal`` stay empty), so the end-to-end tests read it here instead. This
stands where a shell would: SIGHUP (the terminal closed) and SIGTERM reach it and it
passes them on to the command, which is how a shell treats its job when its terminal
goes away.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path


def write(path: Path, text: str) -> None:
    """All at once (a reader never sees half of it)."""
    part = path.with_name(path.name + ".part")
    part.write_text(text, "utf-8")
    os.replace(part, path)


def status_of(wait_status: int) -> int:
    """The exit code, or minus the signal's number when a signal ended it."""
    if os.WIFSIGNALED(wait_status):
        return -os.WTERMSIG(wait_status)
    return os.waitstatus_to_exitcode(wait_status)


def main(argv: list[str]) -> int:
    pid_file, status_file, command = Path(argv[0]), Path(argv[1]), argv[2:]
    child = os.fork()
    if child == 0:  # the command: Python's own signal handlers go with the exec
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)

    def pass_on(number: int, _frame: object) -> None:
        os.kill(child, number)

    for number in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(number, pass_on)
    write(pid_file, f"{child}\n")
    _, wait_status = os.waitpid(child, 0)  # retried across signals (PEP 475)
    status = status_of(wait_status)
    write(status_file, f"{status}\n")
    return status if status >= 0 else 128 - status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
