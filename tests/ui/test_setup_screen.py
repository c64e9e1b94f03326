"""Set-up: names refused beside the field, remembered from last time, shown literally;
who speaks first; and quitting once a session is under way."""

from __future__ import annotations

import os
import random
import stat
from pathlib import Path

import pytest
from textual.widgets import Input, RadioButton, Static

from coach.engine import Session
from coach.partner_names import last_names, names_path, remember_names
from coach.ui.app import RunRequest
from coach.ui.screens.library import LibraryScreen
from coach.ui.screens.quit_confirm import QuitConfirm
from coach.ui.screens.session import SessionScreen
from coach.ui.screens.setup import SetupScreen
from tests.ui.app_support import MARKUP_NAMES, library_loaded, make_app
from tests.unit.engine_support import exercise

ASKS = exercise("- say: Hello {a} and {b}.", head="first_speaker: ask")
QUESTION = exercise(
    "- say: Hi.", head='first_speaker:\n  ask: "{a} or {b}: who makes the statement?"'
)
FIXED = exercise("- say: Hello.", head="first_speaker: b")


async def open_setup(app, pilot, ex=ASKS) -> SetupScreen:  # type: ignore[no-untyped-def]
    await library_loaded(app, pilot)
    app.open_exercise(ex)
    await pilot.pause()
    assert isinstance(app.screen, SetupScreen)
    return app.screen


def refusal(screen: SetupScreen, partner: str) -> str:
    return str(screen.query_one(f"#refusal-{partner}", Static).render())


async def type_names(pilot, screen: SetupScreen, a: str, b: str) -> None:  # type: ignore[no-untyped-def]
    screen.query_one("#name-a", Input).value = a
    screen.query_one("#name-b", Input).value = b
    await pilot.pause()


async def press(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Press the keys and let the app settle."""
    await pilot.press(*keys)
    await pilot.pause()


def session_of(app) -> Session:  # type: ignore[no-untyped-def]
    assert isinstance(app.screen, SessionScreen), app.screen
    return app.screen.session


@pytest.mark.parametrize(
    ("a", "b", "where", "message"),
    [
        ("", "Alex", "a", "Type a name"),
        ("Sam", "   ", "b", "Type a name"),
        ("Sam", " sam ", "b", 'Both names are "Sam": give each of you a different name'),
        ("Straße", "STRASSE", "b", 'Both names are "Straße"'),
        ("x" * 41, "Alex", "a", "At most 40 characters"),
    ],
)
async def test_names_are_refused_beside_the_field(a: str, b: str, where: str, message: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(app, pilot)
        await type_names(pilot, screen, a, b)
        await press(pilot, "enter")
        assert app.screen is screen  # not started
        assert message in refusal(screen, where)
        assert screen.query_one(f"#name-{where}", Input).has_focus
        other = "b" if where == "a" else "a"
        assert refusal(screen, other) == ""
        # what was typed stays
        assert screen.query_one("#name-a", Input).value == a


async def test_the_set_up_refuses_a_pair_with_the_engine_s_own_message() -> None:
    from coach.engine import NamesError, check_names

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(app, pilot)
        await type_names(pilot, screen, "Sam", "  SAM")
        await press(pilot, "enter")
        try:
            check_names("Sam", "  SAM")
        except NamesError as error:
            engine_says = error.message
        assert refusal(screen, "b").casefold() == f"{engine_says}.".casefold()
        # typing again hides the refusal; different names then start
        await press(pilot, "backspace")
        assert not screen.query_one("#refusal-b", Static).display
        await type_names(pilot, screen, "Sam", "Alex")
        await press(pilot, "enter")
        assert session_of(app).st.names == {"a": "Sam", "b": "Alex"}


@pytest.mark.parametrize("name", MARKUP_NAMES)
async def test_the_same_name_full_of_markup_is_refused_and_quoted_literally(name: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(app, pilot)
        await type_names(pilot, screen, f"Sam{name}", f" sam{name} ")
        await press(pilot, "enter")
        assert app.screen is screen  # not started, and nothing raised
        assert refusal(screen, "b").startswith(f'Both names are "Sam{name}": ')
        assert screen.query_one("#name-b", Input).value == f" sam{name} "


async def test_names_are_remembered_privately_and_offered_next_time() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(app, pilot)
        assert screen.query_one("#name-a", Input).value == ""
        assert screen.query_one("#name-a", Input).has_focus
        await press(pilot, *"Sam ", "tab", *"Alex", "enter")
        await app.workers.wait_for_complete()
        assert session_of(app).st.names == {"a": "Sam", "b": "Alex"}
        # the set-up made way: the library is right below the session
        assert [type(s) for s in app.screen_stack] == [LibraryScreen, SessionScreen]
    assert last_names() == ("Sam", "Alex")
    assert stat.S_IMODE(os.stat(names_path()).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(names_path().parent).st_mode) == 0o700
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(again, pilot)
        assert screen.query_one("#name-a", Input).value == "Sam"
        assert screen.query_one("#name-b", Input).value == "Alex"


@pytest.mark.parametrize("name", MARKUP_NAMES)
async def test_names_full_of_markup_are_shown_and_kept_literally(name: str) -> None:
    remember_names(f"A{name}", f"B{name}")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(app, pilot, QUESTION)
        labels = [str(b.label) for b in screen.query(RadioButton)]
        assert labels[:2] == [f"A{name}", f"B{name}"]
        question = str(screen.query_one("#question", Static).render())
        assert question == f"A{name} or B{name}: who makes the statement?"
        await press(pilot, "enter")
        assert session_of(app).st.names == {"a": f"A{name}", "b": f"B{name}"}


async def test_who_speaks_first_follows_the_choice_and_arrows_choose() -> None:
    remember_names("Sam", "Alex")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(app, pilot)
        screen.query_one("#speaker").focus()
        await pilot.press("right")  # Alex, chosen at once
        await press(pilot, "enter")
        assert session_of(app).st.first == "b"


async def test_a_coin_toss_picks_one_and_says_who() -> None:
    remember_names("[bold]Sam[/", "Alex $x")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(app, pilot)
        screen._rng = random.Random(1)
        expected = random.Random(1).choice(("a", "b"))
        screen.query_one("#first-coin", RadioButton).value = True
        await press(pilot, "enter")
        assert session_of(app).st.first == expected
        name = {"a": "[bold]Sam[/", "b": "Alex $x"}[expected]
        assert any(f"The coin chose {name}" in str(n.message) for n in app._notifications)


async def test_no_question_when_the_exercise_says_who_starts() -> None:
    remember_names("Sam", "Alex")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(app, pilot, FIXED)
        assert not screen.query("#speaker")
        await press(pilot, "enter")
        assert session_of(app).st.first == "b"


async def test_coach_run_with_both_names_opens_the_first_step_above_the_library() -> None:
    app = make_app(run=RunRequest(ASKS, a="Sam", b="Alex", first="b"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [LibraryScreen, SessionScreen]
        assert session_of(app).st.first == "b"


async def test_coach_run_with_refused_names_opens_set_up_with_them() -> None:
    app = make_app(run=RunRequest(ASKS, a="Sam", b="SAM"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        assert screen.query_one("#name-b", Input).value == "SAM"


async def test_ctrl_q_mid_session_asks_first_and_esc_keeps_the_session(tmp_path: Path) -> None:
    app = make_app(run=RunRequest(FIXED, a="Sam", b="Alex"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        session = session_of(app)
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, QuitConfirm)
        await press(pilot, "escape")
        assert session_of(app) is session and not app._exit
        await press(pilot, "escape")  # Esc on the session never ends it
        assert session_of(app) is session
        await press(pilot, "f1")  # help above the session: ctrl+q still asks
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, QuitConfirm)
        await pilot.click("#quit")
        await pilot.pause()
        assert app._exit


async def test_help_over_a_session_lists_the_session_keys_and_keeps_it() -> None:
    from coach.ui.screens.help import HelpScreen

    app = make_app(run=RunRequest(FIXED, a="Sam", b="Alex"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        session = session_of(app)
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        keys = {description: key for key, description in app.screen.keys}
        assert keys["take a break"] == "^t"
        assert "Quit" in keys and "Help" in keys
        await press(pilot, "escape")
        assert session_of(app) is session


async def test_a_long_name_is_cut_in_the_choice_but_kept_whole() -> None:
    long = "Alexandra-Josephine Montgomery-Smythe"
    remember_names("Sam", long)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(app, pilot)
        label = str(screen.query_one("#first-b", RadioButton).label)
        assert label.endswith("…") and len(label) <= 18 and long.startswith(label[:-1])
        assert screen.query_one("#first-coin", RadioButton).region.right <= 80
        await press(pilot, "enter")
        assert session_of(app).st.names["b"] == long


@pytest.mark.parametrize("no_save", [False, True], ids=["saved", "no-save"])
async def test_the_quit_question_says_truly_whether_the_session_is_kept(no_save: bool) -> None:
    from coach.engine import FakeClock, InMemoryLedger
    from coach.settings import Settings
    from coach.store import find_resumable, open_store
    from coach.ui.app import CoachApp

    app = CoachApp(clock=FakeClock(), ledger=InMemoryLedger(), no_save=no_save,
                   settings=Settings(reduced_motion=True), run=RunRequest(FIXED, a="Sam", b="Alex"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+q")
        said = str(app.screen.query_one("#consequence", Static).render())
        await pilot.click("#quit")
        await pilot.pause()
    store = open_store()
    if no_save:
        assert store is None
        assert "kept nowhere" in said and "Quitting ends it" in said and "saved" not in said
    else:
        assert store is not None and find_resumable(store).id  # what the question promised
        store.close()
        assert "It is saved" in said and "pick it up at this step" in said
