"""A break in a real terminal: ctrl+t mid-note, a 1-minute breathing pause, both ready, back
at the same step with the note as typed.

Time: the break is ended early, together (a break shorter than 20 minutes needs no
"are you sure?"), so the test waits for no real minute and needs no test-only clock.
The time-up path is covered with a fake clock in tests/ui/test_breaks.py.
"""

from __future__ import annotations

import pytest

from tests.e2e.first_reflection import NOTE, to_the_share_step, to_the_share_step_with_a_note
from tests.e2e.tmux_terminal import Terminal

pytestmark = pytest.mark.tmux


def test_a_one_minute_break_mid_note_comes_back_to_the_same_step_and_note(
    terminal: Terminal,
) -> None:
    t = terminal
    to_the_share_step_with_a_note(t)

    t.keys("C-t")  # from the focused note box
    t.wait_for("Taking a break", "Who is calling it?", "20 minutes: a real time-out")
    t.keys("b")  # Alex calls it
    t.wait_for("✓ Alex")
    t.type("1")  # a number is an other length, in minutes
    t.wait_until(lambda s: "Other length   1" in s.replace("│", " ") and s.count("back at") == 3,
                 "the other length with its return time")
    t.keys("Enter")
    screen = t.wait_for("Break · called by Alex", "left", "Sam is ready", "Alex is ready")
    assert "Breathe gently" in screen
    t.keys("a")
    t.wait_for("✓ Sam is ready")
    t.keys("b")
    screen = t.wait_for("Sam, you have the floor", NOTE)
    assert "Break ·" not in screen
    # the session goes on from there: the note is sent as it was typed
    t.keys("Enter")
    t.wait_for("Alex says back what they heard")


def test_an_offered_break_is_taken_with_one_key_from_the_note_box(terminal: Terminal) -> None:
    """ctrl+o reaches the app through a real terminal and tmux, from a focused note."""
    t = terminal
    to_the_share_step(t, alex_rates="8")  # Alex: at the exercise's pause_at
    t.wait_for("That rating is high", "Take 20 minutes  ^o")
    t.type(NOTE)
    t.wait_for(NOTE)
    t.keys("C-o")
    screen = t.wait_for("Break · called by Alex", "left", "Sam is ready", "Alex is ready")
    assert NOTE not in screen
    t.keys("a", "b")
    t.wait_for("End the break early?")
    t.keys("y")
    screen = t.wait_for("Sam, you have the floor", NOTE)
    assert "That rating is high" not in screen  # the offer was taken: its line is gone
