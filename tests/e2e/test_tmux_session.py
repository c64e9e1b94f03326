"""A real terminal: `coach` in tmux, played from the library to the end screen.

The terminal (tests/e2e/tmux_terminal.py): its own tmux server, 80x24, LANG=C.UTF-8,
temporary config and data folders, every wait with a deadline. Names and notes are
typed literally (``send-keys -l``) and full of markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.tmux_terminal import Terminal, terminal_in

pytestmark = pytest.mark.tmux

NAME_A = "[bold]Sam[/"
NAME_B = "Alex $x [@click=app.quit] 🙂"
NOTE = "a note [link=x]here[/link] \\[ $y [/ ✓"


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    with terminal_in(tmp_path) as term:
        term.start()
        yield term


def test_a_built_in_exercise_from_the_library_to_its_end(terminal: Terminal) -> None:
    t = terminal
    play_the_first_reflection(t)
    t.keys("Enter")
    t.wait_for("Start here", "Search")
    t.keys("C-q")
    assert t.exit_status() == 0
    assert not any("Traceback" in screen for screen in t.seen)


def play_the_first_reflection(t: Terminal) -> None:
    """From the library, search, names, both rounds, to the end screen."""
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
