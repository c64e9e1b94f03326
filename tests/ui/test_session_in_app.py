"""The session inside the real app: a built-in exercise from its first step back to the library."""

from __future__ import annotations

from coach.format.loader import load_file
from coach.library import builtin_dir
from coach.ui.app import RunRequest
from coach.ui.screens.end import EndScreen
from coach.ui.screens.library import LibraryScreen
from coach.ui.screens.session import SessionScreen
from coach.ui.widgets.note_box import NoteBox
from tests.ui.app_support import MARKUP_NAMES, library_loaded, make_app
from tests.ui.harness import screen_text


def first_reflection():  # type: ignore[no-untyped-def]
    result = load_file(builtin_dir() / "first-reflection.yaml")
    assert result.exercise is not None
    return result.exercise


async def test_first_reflection_from_first_step_to_the_library() -> None:
    run = RunRequest(first_reflection(), a="Sam [/", b="[bold]Alex", first="a")
    app = make_app(run=run)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_loaded(app, pilot)
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.in_session
        for _round in range(2):
            if app.screen.session.view().action == "say":  # the welcome, round 1 only
                await pilot.press("enter")
            await pilot.press("3", "enter", "2", "enter")  # both rate, one at a time
            await pilot.pause()
            app.screen.query_one(NoteBox).insert("a walk [@click=app.quit] $x")
            await pilot.press("enter")  # shared, with a note
            await pilot.press("enter")  # reflected
            await pilot.pause()
            await pilot.press("y")  # that fits
            await pilot.press("1", "enter")  # it felt good
            await pilot.pause()
            if app.screen.session.view().action == "say":
                assert "the floor passes to" in screen_text(app)
                await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        assert not app.in_session
        assert "Well done, both of you." in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_markup_names_never_break_a_step() -> None:
    for name in MARKUP_NAMES:
        run = RunRequest(first_reflection(), a=f"Sam{name}", b=f"{name}Alex", first="b")
        app = make_app(run=run)
        async with app.run_test(size=(80, 24)) as pilot:
            await library_loaded(app, pilot)
            await pilot.pause()
            for key in ("enter", "4", "enter", "6", "enter", "enter", "enter", "m"):
                await pilot.press(key)
                await pilot.pause()
                assert app.is_running
            text = screen_text(app)
            assert f"{name}Alex" in text
            assert app.screen.session.view().stage == "add"
