"""The records inside the app: every answer written, drafts once typing pauses, resuming."""

from __future__ import annotations

import time

from textual.pilot import Pilot

from coach.store import open_store
from coach.ui.app import CoachApp, RunRequest
from coach.ui.screens import session as session_screen
from coach.ui.screens.confirm import ConfirmScreen
from coach.ui.screens.session import SessionScreen
from coach.ui.widgets.note_box import NoteBox
from tests.ui.app_support import library_loaded, make_app
from tests.ui.harness import screen_text
from tests.ui.looking_back_support import settled
from tests.ui.test_session_in_app import first_reflection


def kinds(session_id: int = 1) -> list[str]:
    store = open_store()
    assert store is not None
    with store:
        return [e.kind for e in store.events(session_id)]


async def to_the_share_step(app: CoachApp, pilot: Pilot[None]) -> None:
    await library_loaded(app, pilot)
    await settled(app, pilot)
    assert isinstance(app.screen, SessionScreen)
    await pilot.press("enter")  # the welcome
    await settled(app, pilot)
    await pilot.press("3", "enter")
    await settled(app, pilot)
    await pilot.press("2", "enter")
    await settled(app, pilot)
    assert app.screen.session.view().action == "share"


async def test_every_answer_is_recorded_as_it_is_given() -> None:
    app = make_app(run=RunRequest(first_reflection(), a="Sam", b="Alex", first="a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await library_loaded(app, pilot)
        await settled(app, pilot)
        assert app.records is not None
        before = app.records.calls
        await pilot.press("enter")  # the welcome
        await settled(app, pilot)
        assert app.records.calls == before + 1
        assert kinds().count("answer_given") >= 1
        await pilot.press("3", "enter")
        await settled(app, pilot)
        assert app.records.calls == before + 2
        answered = kinds().count("answer_given")
        await pilot.press("2", "enter")
        await settled(app, pilot)
        assert kinds().count("answer_given") == answered + 1


async def test_no_save_writes_nothing_and_says_so_once() -> None:
    app = make_app(run=RunRequest(first_reflection(), a="Sam", b="Alex", first="a"))
    app.no_save = True
    async with app.run_test(size=(80, 24)) as pilot:
        await to_the_share_step(app, pilot)
        await app.workers.wait_for_complete()
        assert any("Not saving" in str(n.message) for n in app._notifications)
    assert open_store() is None


async def test_a_draft_is_saved_once_typing_pauses() -> None:
    # the real pause (DRAFT_PAUSE, a second): read against the wall clock rather than
    # assumed from a short sleep, so a slow machine cannot make the test say otherwise
    app = make_app(run=RunRequest(first_reflection(), a="Sam", b="Alex", first="a"))
    saved: list[tuple[str, float]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await to_the_share_step(app, pilot)
        real = app.save_draft

        def spy(step: int | None, stage: str, text: str) -> None:
            saved.append((text, time.monotonic()))
            real(step, stage, text)

        app.save_draft = spy  # type: ignore[method-assign]
        await pilot.press("a", "b")
        before_last_key = time.monotonic()
        await pilot.press("c")
        for _ in range(100):  # at most 10 s: the save comes a second after the last key
            if saved:
                break
            await pilot.pause(0.1)
        await pilot.pause(0.3)  # and no second save follows it
        # one save, with the whole text, and not before typing had paused for a second
        assert [text for text, _at in saved] == ["abc"]
        assert saved[0][1] - before_last_key >= session_screen.DRAFT_PAUSE
        await app.workers.wait_for_complete()
        store = open_store()
        assert store is not None
        with store:
            draft = store.draft(1)
        assert draft is not None and draft.text == "abc"


async def test_the_next_start_offers_to_resume_at_the_same_step_with_the_note() -> None:
    app = make_app(run=RunRequest(first_reflection(), a="Sam", b="Alex", first="a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_the_share_step(app, pilot)
        app.screen.query_one(NoteBox).insert("half a [bold]thought[/")
        stage = app.screen.session.view().stage
        step = app.screen.session.view().step_index
        app.exit()  # like ctrl+q: what was typed is kept, the session stays resumable
        await pilot.pause()

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await library_loaded(again, pilot)
        await settled(again, pilot)
        assert isinstance(again.screen, ConfirmScreen)
        assert "Resume: Your first reflection with Sam and Alex, step" in screen_text(again)
        await pilot.press("y")
        await settled(again, pilot)
        assert isinstance(again.screen, SessionScreen)
        view = again.screen.session.view()
        assert (view.step_index, view.stage) == (step, stage)
        assert again.screen.query_one(NoteBox).text == "half a [bold]thought[/"


async def test_not_now_leaves_it_for_later() -> None:
    app = make_app(run=RunRequest(first_reflection(), a="Sam", b="Alex", first="a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_the_share_step(app, pilot)
        app.exit()
        await pilot.pause()
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await library_loaded(again, pilot)
        await settled(again, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(again.screen, ConfirmScreen | SessionScreen)
    store = open_store()
    assert store is not None
    with store:
        assert store.latest_unfinished() is not None


async def test_a_break_resumed_days_later_says_so_gently() -> None:
    from coach.engine import Done, FakeClock, InMemoryLedger
    from coach.settings import Settings
    from tests.ui.looking_back_support import evening, settled
    from tests.unit.store_support import Recorded

    clock = FakeClock(wall=1_700_000_000.0)
    run = Recorded(clock=clock, ex=evening(), a="Sam", b="Alex").through_check()
    run.answer(Done("a note"))
    run.session.take_break("a", length=20 * 60)
    run.recorder.record(run.session)
    run.recorder.close()

    later = FakeClock(wall=clock.now() + 2 * 86400)
    app = CoachApp(clock=later, ledger=InMemoryLedger(), settings=Settings(reduced_motion=True),
                   resume=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_loaded(app, pilot)
        await settled(app, pilot)
        assert app._session is not None and app._session.view().phase == "break"
        said = " ".join(str(n.message) for n in app._notifications)
        assert "A lot of time has passed since you stopped here (2 days)" in said
        # the return time has passed: the break waits for both partners, as its screen says
        view = app._session.view()
        assert view.ready == () and view.remaining == 0
        assert view.return_at == 1_700_000_000.0 + 5 * 3 + 20 * 60


async def test_resuming_a_session_open_in_another_window_says_so() -> None:
    from coach.store import Store
    from coach.store.db import default_path
    from coach.store.lock import SessionLock, lock_path

    app = make_app(run=RunRequest(first_reflection(), a="Sam", b="Alex", first="a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_the_share_step(app, pilot)
        app.exit()
        await pilot.pause()
    other = SessionLock(lock_path(default_path().parent, 1))  # another coach has it open
    other.acquire()
    try:
        again = make_app()
        async with again.run_test(size=(80, 24)) as pilot:
            await library_loaded(again, pilot)
            await settled(again, pilot)
            assert not isinstance(again.screen, ConfirmScreen)
            said = " ".join(str(n.message) for n in again._notifications)
            assert "open in another coach window" in said
            again.resume_session(1)
            await settled(again, pilot)
            assert not isinstance(again.screen, SessionScreen)
            said = " ".join(str(n.message) for n in again._notifications)
            assert said.count("another") >= 2
    finally:
        other.release()
    assert Store  # the records are untouched by the refusals


async def test_a_session_played_to_its_end_is_finished_and_not_offered_again() -> None:
    app = make_app(run=RunRequest(first_reflection(), a="Sam", b="Alex", first="a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_the_share_step(app, pilot)
        for _round in range(2):
            if app.screen.session.view().action == "rate":
                await pilot.press("3", "enter", "2", "enter")
                await pilot.pause()
            await pilot.press("enter", "enter")  # shared, reflected
            await pilot.pause()
            await pilot.press("y", "1", "enter")  # it fits; it felt good
            await settled(app, pilot)
            if app.screen.session.view().action == "say":
                await pilot.press("enter")
                await settled(app, pilot)
        assert app.screen.session.ended if isinstance(app.screen, SessionScreen) else True
        await settled(app, pilot)
    store = open_store()
    assert store is not None
    with store:
        assert store.latest_unfinished() is None
        assert store.summary(1).finished


async def test_resumed_with_no_save_writes_nothing_more() -> None:
    """`coach resume --no-save`: the session opens where it stood, goes on, and the
    records (rows and files, not even a lock) stay as they were saved."""
    from tests.unit.store_support import db_path, rows

    app = make_app(run=RunRequest(first_reflection(), a="Sam", b="Alex", first="a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_the_share_step(app, pilot)
        app.screen.query_one(NoteBox).insert("half a thought")
        app.exit()
        await pilot.pause()
    saved, files = rows(db_path()), sorted(p.name for p in db_path().parent.rglob("*"))

    again = make_app()
    again.no_save = True
    again._resume = 1
    async with again.run_test(size=(80, 24)) as pilot:
        await library_loaded(again, pilot)
        await settled(again, pilot)
        assert isinstance(again.screen, SessionScreen)
        assert again.screen.query_one(NoteBox).text == "half a thought"
        assert any("Not saving" in str(n.message) for n in again._notifications)
        step = again.screen.session.view().step_index
        await pilot.press("x", "enter")  # the note sent, the next step shown
        await settled(again, pilot)
        assert again.screen.session.view().step_index != step
        assert rows(db_path()) == saved
        again.exit()
        await pilot.pause()
    await again.workers.wait_for_complete()
    assert rows(db_path()) == saved
    assert sorted(p.name for p in db_path().parent.rglob("*")) == files
