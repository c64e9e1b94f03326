"""Walking the built-in first-reflection exercise in a real terminal, shared by the tests
that stop it part way (a break, a kill, a closed terminal)."""

from __future__ import annotations

from tests.e2e.tmux_terminal import Terminal

#: markup that a screen taking it as markup would show differently or choke on
NOTE = "what I meant [bold]was[/ ✓"
RUN = ("run", "first-reflection", "--a", "Sam", "--b", "Alex", "--first", "a")


def to_the_share_step(t: Terminal, *, alex_rates: str = "2") -> None:
    """``coach run`` the exercise, answer the welcome and both ratings (Alex's as given:
    "8" reaches the exercise's pause_at) and wait for the first share step (round 1,
    step 3)."""
    t.start(*RUN)
    t.wait_for("Sam holds the floor", "Welcome,")
    t.keys("Enter")
    t.wait_for("How stirred up")
    t.keys("3", "Enter")
    t.wait_for("has answered ✓")
    t.keys(alex_rates, "Enter")
    t.wait_for("Sam, you have the floor")


def to_the_share_step_with_a_note(t: Terminal, note: str = NOTE) -> None:
    """:func:`to_the_share_step`, then type ``note`` into its note box."""
    to_the_share_step(t)
    t.type(note)
    t.wait_for(note)
