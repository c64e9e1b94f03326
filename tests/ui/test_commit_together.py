"""A commitment made together: the speaker types it, both agree with a choice, and it is
shown as the pair's on the end screen and when it is reviewed."""

from __future__ import annotations

from textual.pilot import Pilot

from coach.engine import FakeClock, InMemoryLedger
from coach.ui.screens.end import EndScreen
from coach.ui.widgets.note_box import NoteBox
from tests.ui.harness import Harness, screen_text
from tests.unit.engine_support import exercise

SIZE = (80, 24)
WORDS = "Phone at [b]lunch[/ on weekdays"
TOGETHER = """
- commit:
    who: together
    review_in: 7d
"""


async def to_agree(app: Harness, pilot: Pilot[None], words: str) -> None:
    """Sam types the commitment and goes on: both are asked to agree to it."""
    await pilot.pause()
    app.screen.query_one(NoteBox).insert(words)
    await pilot.press("enter")
    await pilot.pause()


def footer_keys(app: Harness) -> str:
    return [line for line in screen_text(app).splitlines() if line.strip()][-1]


async def test_the_agree_stage_shows_the_words_and_two_choices_for_both() -> None:
    clock = FakeClock(wall=1_764_000_000.0)  # Mon 24 Nov 2025
    app = Harness(exercise(TOGETHER), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Sam types the commitment you make together" in text
        assert "Sam writes a commitment" not in text
        await to_agree(app, pilot, WORDS)
        text = screen_text(app)
        assert app.session.view().stage == "agree"
        assert "Sam and Alex: a commitment you make together" in text
        assert f"“{WORDS}”" in text  # literally, markup characters and all
        assert "1  Yes, we both agree" in text and "2  Change the wording" in text
        assert "We'll look at this again on Monday 1 December" in text
        assert not app.screen.query(NoteBox)  # nothing to type while agreeing
        assert "1-2" in footer_keys(app) and "1-9" not in footer_keys(app)
        await pilot.press("enter")  # nothing chosen yet: asked to choose, nothing sent
        await pilot.pause()
        assert app.session.view().stage == "agree"
        await pilot.press("down", "enter")  # the arrows: the first option
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        text = " ".join(screen_text(app).split())  # the row wraps at 80 columns
        assert f"“{WORDS}” (made together by Sam and Alex)" in text
    assert [(c.partner, c.text) for c in app.ledger.all()] == [("both", WORDS)]


async def test_change_the_wording_keeps_the_words_to_change() -> None:
    app = Harness(exercise(TOGETHER))
    async with app.run_test(size=SIZE) as pilot:
        await to_agree(app, pilot, "Call at lunch")
        await pilot.press("2", "enter")
        await pilot.pause()
        assert app.session.view().stage == "commit"
        assert app.screen.query_one(NoteBox).text == "Call at lunch"
        app.screen.query_one(NoteBox).insert("Text or ")
        await pilot.press("enter")
        await pilot.pause()
        assert "“Text or Call at lunch”" in screen_text(app)


async def test_the_agree_choice_with_the_mouse() -> None:
    app = Harness(exercise(TOGETHER))
    async with app.run_test(size=SIZE) as pilot:
        await to_agree(app, pilot, "Call at lunch")
        assert app.session.view().stage == "agree"
        await pilot.click("#choices", offset=(4, 1))  # the first option, "Yes"
        await pilot.pause()
        await pilot.click("#go-on")
        await pilot.pause()
        assert app.session.ended
    assert [c.partner for c in app.ledger.all()] == ["both"]


async def test_a_review_says_a_shared_commitment_was_made_together() -> None:
    clock = FakeClock(wall=1_764_000_000.0)
    ledger = InMemoryLedger()
    app = Harness(exercise(TOGETHER), clock=clock, ledger=ledger)
    async with app.run_test(size=SIZE) as pilot:
        await to_agree(app, pilot, "Call at lunch")
        await pilot.press("1", "enter")
        await pilot.pause()
    clock.advance(8 * 86400)
    app = Harness(exercise("- review: How did it go?"), clock=clock, ledger=ledger)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "“Call at lunch”" in text and "Made together by Sam and Alex on" in text
        await pilot.press("1", "enter")
        await pilot.pause()
        assert app.session.ended


async def test_the_footer_names_only_the_digits_that_work() -> None:
    app = Harness(exercise("""
    - ask:
        question: Which?
        options: [one, two, three]
    """))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "1-3 option" in footer_keys(app)
        await pilot.press("4")  # no fourth option: nothing chosen
        await pilot.press("enter")
        await pilot.pause()
        assert not app.session.ended
