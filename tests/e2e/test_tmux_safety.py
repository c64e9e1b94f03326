"""Safety in a real terminal: quick hide leaves nothing on screen or in the scrollback and
keeps the session; `coach --private` leaves the folders as they were; the first-run notice.

The terminal is tests/e2e/tmux_terminal.py's: 80x24, its own tmux server, every wait with
a deadline. coach is the pane's own process, so nothing but coach ever drew in the pane.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.notice import notice_acknowledged
from tests.e2e.first_reflection import to_the_share_step_with_a_note
from tests.e2e.test_tmux_session import play_the_first_reflection
from tests.e2e.tmux_terminal import Terminal, terminal_in
from tests.ui.test_private_mode import folders
from tests.unit.store_support import Recorded

pytestmark = pytest.mark.tmux

NOTE = "hide [bold]this[/ \\[ $x ✓"


@pytest.fixture
def first_time(tmp_path: Path) -> Iterator[Terminal]:
    """A terminal where coach has never been acknowledged: the notice comes first."""
    with terminal_in(tmp_path, notice_read=False) as term:
        yield term


def left_in_the_pane(t: Terminal) -> list[str]:
    """Every line of the pane and its scrollback that is not blank, but tmux's own line
    saying the process ended."""
    return [line for line in t.with_scrollback().splitlines()
            if line.strip() and not line.startswith("Pane is dead")]


def test_quick_hide_mid_note_leaves_a_clean_terminal_and_resume_finds_the_note(
    terminal: Terminal,
) -> None:
    t = terminal
    to_the_share_step_with_a_note(t, NOTE)

    t.keys("F12")  # at once, from inside the note box: its text is not yet saved
    assert t.exit_status() == 0
    assert left_in_the_pane(t) == []
    assert not any("Traceback" in screen for screen in t.seen)

    t.start("resume")
    screen = t.wait_for("Sam, you have the floor", NOTE)
    assert "round 1 of 2" in screen
    t.keys("Enter")  # and it goes on from there, the note sent as typed
    t.wait_for("Alex says back what they heard")


def test_quick_hide_from_the_library_and_from_help(terminal: Terminal) -> None:
    t = terminal
    t.start()
    t.wait_for("Start here", "Search")
    t.keys("F12")
    assert t.exit_status() == 0
    assert left_in_the_pane(t) == []

    t.start()
    t.wait_for("Start here", "Search")
    t.keys("F1")
    t.wait_for("Keys on this screen")
    t.keys("F12")
    assert t.exit_status() == 0
    assert left_in_the_pane(t) == []


def test_a_whole_private_session_leaves_the_folders_as_they_were(
    first_time: Terminal, tmp_path: Path
) -> None:
    t = first_time
    Recorded(a="Ann", b="Ben").through_check().recorder.close()  # an earlier, saved evening
    assert (tmp_path / "data").is_dir()
    before = folders()

    t.start("--private")
    t.wait_for("Before you start", "not therapy")
    t.keys("Enter")  # read, and not written down
    screen = t.wait_for("Start here", "Search")
    assert "History" not in screen
    play_the_first_reflection(t)
    t.keys("Enter")
    t.wait_for("Start here", "Search")
    t.keys("C-q")
    assert t.exit_status() == 0

    assert folders() == before
    assert not notice_acknowledged()
    # no offer to go back to the saved evening, no names kept, and nothing went wrong
    assert not any("left unfinished" in screen for screen in t.seen)
    assert not any("Traceback" in screen for screen in t.seen)


def test_the_notice_on_the_first_start_only(first_time: Terminal) -> None:
    t = first_time
    t.start()
    t.wait_for("Before you start", "Please don't use it together if", "I have read this")
    t.keys("Escape")  # the first time, only Enter goes on
    t.keys("Enter")
    t.wait_for("Start here", "Search")
    assert notice_acknowledged()
    t.keys("C-q")
    assert t.exit_status() == 0

    seen = len(t.seen)
    t.start()
    t.wait_for("Start here", "Search")  # the notice would cover the library
    assert not any("Before you start" in screen for screen in t.seen[seen:])
