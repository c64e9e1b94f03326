"""The session screen with say and share steps: the banner, Enter going on, notes."""

from __future__ import annotations

from textual.widgets import Static

from coach.ui.widgets.floor_banner import FloorBanner
from coach.ui.widgets.note_box import NoteBox
from tests.ui.harness import Harness
from tests.unit.engine_support import exercise

SAY_SHARE = exercise(
    """
    - say: "Welcome, {a} and {b}."
    - share:
        prompt: "{speaker}, tell {listener} about a moment."
        starters: ["What I noticed was …"]
        notes: required
    """,
    head="first_speaker: a\nrounds: 2",
)
MARKUP = ("[bold]", "[/", "[link=x]", "[@click=app.quit]", "\\[", "$x", "🙂")


def banner_text(app: Harness) -> str:
    banner = app.screen.query_one(FloorBanner)
    return " ".join(str(s.render()) for s in banner.query(Static))


async def test_banner_shows_floor_round_and_step() -> None:
    app = Harness(SAY_SHARE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = banner_text(app)
        assert "Sam holds the floor" in text
        assert "Alex listens" in text
        assert "round 1 of 2 · step 1/2" in text


async def test_enter_goes_on_and_a_required_note_is_asked_for() -> None:
    app = Harness(SAY_SHARE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.view().action == "share"
        await pilot.press("enter")  # no note yet: refused, shown beside the answer
        await pilot.pause()
        error = app.screen.query_one("#error", Static)
        assert error.display and "needs a note" in str(error.render())
        await pilot.press(*"we laughed")
        await pilot.press("enter")
        await pilot.pause()
        view = app.session.view()
        assert view.round == 2 and view.action == "say"
        notes = [e.data.get("note") for e in app.session.events if e.kind == "answer_given"]
        assert "we laughed" in notes


async def test_a_refused_answer_keeps_what_was_typed() -> None:
    app = Harness(exercise("- share:\n    prompt: Go\n    notes: 'off'"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query(NoteBox)  # notes off: no box at all
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.ended


async def test_markup_in_names_and_notes_is_shown_as_written() -> None:
    for text in MARKUP:
        app = Harness(SAY_SHARE, a=f"Sam{text}", b=f"{text}Alex")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert f"Sam{text} holds the floor" in banner_text(app)
            await pilot.press("enter")
            await pilot.pause()
            app.screen.query_one(NoteBox).insert(text)
            await pilot.press("enter")
            await pilot.pause()
            assert app.is_running
            notes = [e.data.get("note") for e in app.session.events if e.kind == "answer_given"]
            assert text in notes
