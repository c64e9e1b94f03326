"""Nothing is written for a session until its first step is shown, driven as partners do:
the set-up, names typed, Start; then the private check, or the first-speaker question.

A session its private check stopped leaves the records as they were, row for row and
byte for byte: not the answers, not that the check ran, not that it did not start.
"""

from __future__ import annotations

from textual.pilot import Pilot

from coach import paths
from coach.engine import FakeClock
from coach.ui.app import CoachApp, RunRequest
from coach.ui.screens.library import LibraryScreen
from coach.ui.screens.private_check import NotReadyScreen, PrivateCheckScreen
from coach.ui.screens.session import SessionScreen
from coach.ui.screens.setup import SetupScreen
from tests.ui.app_support import library_loaded, make_app
from tests.ui.test_private_check import answer_one, folder_state, settle
from tests.ui.test_session_in_app import first_reflection
from tests.unit.builtin_support import builtin
from tests.unit.store_support import Recorded, db_path, open_store, rows

SIZE = (80, 24)
#: tagged `hard`, so its first thing is the private check
HARD = "accountability-statement"


def earlier_sessions() -> dict[str, list[tuple[object, ...]]]:
    """What the couple already has (two finished sessions, so no resume offer comes in
    between): every row of it."""
    first = Recorded().through_check().to_the_end()
    first.recorder.finish()
    second = Recorded(clock=FakeClock(wall=first.clock.now() + 86400)).through_check()
    second.to_the_end().recorder.finish()
    return rows(db_path())


def events_of(session_id: int) -> list[str]:
    with open_store() as store:
        return [e.kind for e in store.events(session_id)]


async def set_up_and_start(app: CoachApp, pilot: Pilot[None], exercise: object) -> None:
    """From the library: the exercise's set-up, both names typed key by key, Start."""
    app.open_exercise(exercise)
    await settle(app, pilot)
    assert isinstance(app.screen, SetupScreen)
    await pilot.press(*"Sam", "tab", *"Alex")
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)


async def test_a_no_at_the_private_check_leaves_the_records_as_they_were() -> None:
    before = earlier_sessions()
    folders = (paths.data_dir(), paths.config_dir())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await library_loaded(app, pilot)
        await settle(app, pilot)
        files = folder_state(*folders)  # with what the library itself keeps (its cache)
        await set_up_and_start(app, pilot, builtin(HARD))
        assert isinstance(app.screen, PrivateCheckScreen)
        assert rows(db_path()) == before  # started, and not a row for it
        await answer_one(app, pilot, True)
        assert rows(db_path()) == before
        await answer_one(app, pilot, False)
        assert isinstance(app.screen, NotReadyScreen)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
    await app.workers.wait_for_complete()
    assert rows(db_path()) == before
    assert folder_state(*folders) == files


async def test_after_the_private_check_the_session_is_written_from_its_first_step() -> None:
    before = earlier_sessions()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await library_loaded(app, pilot)
        await set_up_and_start(app, pilot, builtin(HARD))
        await answer_one(app, pilot, True)
        await answer_one(app, pilot, True)
        await settle(app, pilot)
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.session.view().phase == "step"
        await app.workers.wait_for_complete()
        assert rows(db_path()) != before
        kinds = events_of(3)
        # how it began is kept (the check's answers are not events of their own)
        assert kinds[0] == "session_started" and kinds[-1] == "step_shown"
        assert "safe" not in " ".join(str(r) for r in rows(db_path())["events"]
                                      if r[0] == 3).lower()


async def test_an_ordinary_exercise_is_written_once_its_first_step_is_shown() -> None:
    before = earlier_sessions()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await library_loaded(app, pilot)
        app.open_exercise(first_reflection())
        await settle(app, pilot)
        await pilot.press(*"Sam", "tab", *"Alex")
        await settle(app, pilot)
        assert rows(db_path()) == before  # names typed, not yet started
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.session.view().phase == "step"
        await app.workers.wait_for_complete()
        assert events_of(3)[-1] == "step_shown"


async def test_nothing_is_written_while_the_first_speaker_question_is_open() -> None:
    """`coach run` with both names and no --first: the session opens on who speaks first."""
    before = earlier_sessions()
    app = make_app(run=RunRequest(first_reflection(), a="Sam", b="Alex"))
    async with app.run_test(size=SIZE) as pilot:
        await library_loaded(app, pilot)
        await settle(app, pilot)
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.session.view().phase == "first_speaker"
        assert rows(db_path()) == before
        await pilot.press("1")  # chosen, not yet sent
        await settle(app, pilot)
        assert rows(db_path()) == before
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.session.view().phase == "step"
        await app.workers.wait_for_complete()
        assert events_of(3)[-1] == "step_shown"
