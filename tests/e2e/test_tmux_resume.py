"""Resume after anything, in a real terminal: SIGKILL mid-session, SIGTERM, the terminal
closed (SIGHUP), then coach again finds the same step, stage and note.

Every wait polls what the user would see (the screen) or what coach wrote (the
database), up to tmux_terminal's generous deadline: on a loaded machine nothing here
depends on how long coach takes, only on what it does.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from coach.store import Store
from coach.store.db import DB_NAME
from tests.e2e.first_reflection import NOTE, to_the_share_step_with_a_note
from tests.e2e.tmux_terminal import DEADLINE, POLL, Terminal

pytestmark = pytest.mark.tmux

MORE = " and more"


def records(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "data" / DB_NAME, create=False)
    assert store is not None, os.listdir(tmp_path / "data")
    return store


def saved_draft(tmp_path: Path) -> str | None:
    if not (tmp_path / "data" / DB_NAME).exists():
        return None
    with records(tmp_path) as store:
        draft = store.draft(1)
    return None if draft is None else draft.text


def wait_for_draft(tmp_path: Path, text: str) -> None:
    """The draft reaches the records about a second after typing stops (polled, bounded)."""
    deadline = time.monotonic() + DEADLINE
    while saved_draft(tmp_path) != text:
        if time.monotonic() > deadline:
            pytest.fail(f"waited {DEADLINE}s for the draft {text!r}; saved: "
                        f"{saved_draft(tmp_path)!r}")
        time.sleep(POLL)


def test_killed_with_sigkill_then_resumed_at_the_same_step_with_the_note(
    terminal: Terminal, tmp_path: Path
) -> None:
    t = terminal
    to_the_share_step_with_a_note(t)
    wait_for_draft(tmp_path, NOTE)
    os.kill(t.pid(), signal.SIGKILL)
    assert t.exit_status() == -signal.SIGKILL

    t.start()
    t.wait_for("Resume: Your first reflection with Sam and Alex, step 3")
    t.keys("y")
    screen = t.wait_for("Sam, you have the floor", NOTE)
    assert "round 1 of 2" in screen
    with records(tmp_path) as store:
        assert store.latest_unfinished() is not None
    # the session goes on from there: the note is sent as it was typed
    t.keys("Enter")
    t.wait_for("Alex says back what they heard", "try 1 of 3")


def test_sigterm_saves_and_exits_cleanly(terminal: Terminal, tmp_path: Path) -> None:
    t = terminal
    to_the_share_step_with_a_note(t)
    wait_for_draft(tmp_path, NOTE)
    t.type(MORE)
    t.wait_for(NOTE + MORE)
    os.kill(t.pid(), signal.SIGTERM)  # at once: the draft's pause has not passed
    assert t.exit_status() == 0
    assert not any("Traceback" in screen for screen in t.seen)
    assert "Traceback" not in t.screen()
    with records(tmp_path) as store:
        draft = store.draft(1)
        unfinished = store.latest_unfinished()
    assert draft is not None and draft.text == NOTE + MORE
    assert unfinished is not None and unfinished.id == 1

    # resumable at once: the lock went with the process
    t.start("resume")
    t.wait_for("Sam, you have the floor", NOTE + MORE)


def test_the_terminal_closed_saves_and_exits_cleanly(terminal: Terminal, tmp_path: Path) -> None:
    """The window closed mid-note: SIGHUP reaches coach as through a shell, the note typed
    since the last draft is kept, and coach exits 0; a new terminal resumes it."""
    t = terminal
    to_the_share_step_with_a_note(t)
    wait_for_draft(tmp_path, NOTE)
    t.type(MORE)
    t.wait_for(NOTE + MORE)
    t.close()
    assert t.exit_status() == 0
    assert not any("Traceback" in screen for screen in t.seen)
    assert saved_draft(tmp_path) == NOTE + MORE

    t.open()
    t.start("resume")
    t.wait_for("Sam, you have the floor", NOTE + MORE, "round 1 of 2")
