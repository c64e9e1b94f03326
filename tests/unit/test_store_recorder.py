"""The recorder: nothing before the first step, every answer after, drafts, resume,
--no-save, and one clear message (never a crash) when saving fails."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.engine import Done, FakeClock, FreeText, Number, Ready, Safe, Session
from coach.paths import data_dir
from coach.store import NullRecorder, StoreError, find_resumable, open_recorder, open_resumed
from coach.store.lock import is_locked
from tests.unit.store_support import (
    Recorded,
    checked_exercise,
    db_path,
    folder_files,
    open_store,
    rows,
)

# --- privacy: a private check that says no leaves nothing ------------------------------------


def _stopped_at_the_check() -> None:
    run = Recorded()
    run.answer(Safe(True), Safe(False))
    assert run.session.ended and run.session.view().ended_reason == "not_ready"
    run.recorder.finish(run.session)


def test_a_no_at_the_check_on_a_first_run_creates_no_folder_at_all() -> None:
    _stopped_at_the_check()
    assert not data_dir().exists()


def test_a_no_at_the_check_leaves_the_records_exactly_as_they_were() -> None:
    Recorded().through_check().to_the_end().recorder.close()
    Recorded().through_check().recorder.close()  # an unfinished one too
    table_rows = rows(db_path())  # the last connection to close empties the WAL
    files = folder_files(data_dir())
    assert "records.sqlite3" in files
    _stopped_at_the_check()
    assert folder_files(data_dir()) == files
    assert rows(db_path()) == table_rows


def test_nothing_is_written_before_the_first_step_is_shown() -> None:
    run = Recorded(ex=None)
    run.answer(Safe(True))
    assert not data_dir().exists()
    run.answer(Safe(True))  # the first step is shown now
    store = open_store()
    with store:
        kinds = [e.kind for e in store.events(1)]
    assert kinds[0] == "session_started" and kinds[-1] == "step_shown"


# --- every answer, as it happens ---------------------------------------------------------------


def test_each_answer_is_in_the_records_as_soon_as_it_is_taken() -> None:
    run = Recorded().through_check()
    for answer in (Done("I felt unseen"), Number(4), Number(7)):
        run.answer(answer)
        with open_store() as store:  # another reader, as another process would be
            assert [e.to_json() for e in store.events(1)] == [
                e.to_json() for e in run.session.events]


def test_a_resumed_session_stands_where_it_stood_with_its_draft() -> None:
    run = Recorded().through_check()
    run.answer(Done("first"), Number(3))
    run.recorder.save_draft(1, "rate", "half a thought")
    view = run.session.view()
    run.recorder.close()

    store = open_store()
    found = find_resumable(store)
    clock = FakeClock(wall=run.clock.now() + 3600)
    session, recorder = open_resumed(store, found, checked_exercise(), clock)
    assert session.view() == view
    draft = recorder.draft()
    assert draft is not None and (draft.step, draft.stage, draft.text) == (1, "rate",
                                                                            "half a thought")
    session.answer(Number(8))
    recorder.record(session)
    assert recorder.draft() is None  # sent with the answer
    recorder.close()
    with open_store() as store:
        assert [e.seq for e in store.events(found.id)] == [e.seq for e in session.events]
        assert [r["value"] for r in store.ratings(found.id)] == [3, 8]


def test_a_step_timer_goes_on_from_what_was_saved_never_from_zero() -> None:
    from tests.unit.engine_support import exercise

    timed = exercise("- share: Go\n  time_limit: 60\n- say: next")
    run = Recorded(ex=timed)
    run.clock.advance(40)
    run.recorder.record(run.session)
    run.recorder.close()

    later = FakeClock(wall=run.clock.now() + 86400)  # a day later, a new process's clock
    with open_store() as store:
        found = find_resumable(store)
    store = open_store()
    session, recorder = open_resumed(store, found, timed, later)
    view = session.view()
    assert view.elapsed == 40 and not view.over_time  # neither zero nor a day
    later.advance(25)
    view = session.view()
    assert view.elapsed == 65 and view.over_time
    recorder.close()


def test_an_undone_rating_leaves_the_ratings() -> None:
    run = Recorded().through_check()
    run.answer(Done(), Number(3), Number(9))
    run.session.undo()
    run.recorder.record(run.session)
    with open_store() as store:
        assert [r["value"] for r in store.ratings(1)] == [3]


def test_finished_sessions_are_not_offered_for_resuming() -> None:
    Recorded().through_check().to_the_end().recorder.close()
    stopped = Recorded().through_check()
    stopped.recorder.finish(stopped.session)  # they chose to stop for good
    with open_store() as store:
        assert store.latest_unfinished() is None
        assert [s.end_reason for s in store.history()] == ["stopped", "completed"]


def test_breaks_are_counted() -> None:
    run = Recorded().through_check()
    run.session.take_break("b", "too much")
    run.recorder.record(run.session)
    run.answer(Ready("a"))
    with open_store() as store:
        assert store.summary(1).breaks == 1


# --- --no-save ---------------------------------------------------------------------------------


def test_no_save_writes_nothing_at_all() -> None:
    recorder = open_recorder(save=False)
    assert isinstance(recorder, NullRecorder)
    run = Recorded(recorder).through_check().to_the_end()
    run.recorder.save_draft(0, "share", "x")
    run.recorder.finish(run.session)
    assert run.session.ended and not data_dir().exists()
    assert run.recorder.status.line is not None and "--no-save" in run.recorder.status.line


def test_resumed_with_no_save_takes_no_lock_and_writes_nothing() -> None:
    run = Recorded().through_check()
    run.answer(Done("first"))
    run.recorder.save_draft(1, "rate", "half a thought")
    view = run.session.view()
    run.recorder.close()
    table_rows = rows(db_path())

    store = open_store()
    session, recorder = open_resumed(store, find_resumable(store), checked_exercise(),
                                     run.clock, save=False)
    assert session.view() == view
    assert not is_locked(data_dir(), 1)  # a lock is a file: not even that
    draft = recorder.draft()
    assert draft is not None and draft.text == "half a thought"
    session.answer(Number(8))
    recorder.record(session)
    recorder.save_draft(1, "rate", "more")
    recorder.finish(session)
    assert rows(db_path()) == table_rows
    with open_store() as store:
        assert find_resumable(store).id == 1  # still there to resume, as it was saved


def test_no_save_still_reviews_what_was_committed_before() -> None:
    Recorded().through_check().to_the_end().recorder.close()
    files = folder_files(data_dir())
    ledger = NullRecorder().ledger("Ann", "Ben")
    [item] = ledger.select("all", 0.0)
    assert item.text == "call before late nights" and item.partner == "a"
    ledger.review(item.id, "kept", None, 1e10)
    assert folder_files(data_dir()) == files


# --- failures: one message, and the session carries on ---------------------------------------


def _carries_on_unsaved(run: Recorded, fragment: str) -> None:
    run.answer(Done("said while it failed"), Number(4), Number(7))
    assert run.session.view().action == "commit"  # the session went on
    line = run.recorder.status.line
    assert line is not None and fragment in line and "\n" not in line
    assert "The session goes on" in line


def test_a_full_disk_gives_one_message_and_catches_up_when_space_returns() -> None:
    run = Recorded().through_check()
    assert run.recorder.store is not None
    conn = run.recorder.store.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count={pages}")  # SQLite's own "disk is full"
    run.session.st.vars["pad"] = os.urandom(20000).hex()  # a write that needs new pages
    _carries_on_unsaved(run, "The disk is full")
    conn.execute("PRAGMA max_page_count=1000000")
    run.answer(FreeText("text"))
    assert run.recorder.status.ok and run.recorder.status.line is None
    with open_store() as store:  # nothing said while it was full was lost
        assert [e.seq for e in store.events(1)] == [e.seq for e in run.session.events]


def test_a_read_only_database_gives_one_message() -> None:
    run = Recorded().through_check()
    assert run.recorder.store is not None
    run.recorder.store.conn.execute("PRAGMA query_only=1")
    _carries_on_unsaved(run, "read-only")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders "
                    "(`unshare --user pytest` runs it as no one in particular)")
def test_a_read_only_folder_gives_one_message() -> None:
    data_dir().mkdir(mode=0o500, parents=True)
    try:
        _carries_on_unsaved(Recorded().through_check(), "cannot be written to")
    finally:
        data_dir().chmod(0o700)


def test_a_data_folder_that_cannot_be_made_gives_one_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "file" / "data"))
    _carries_on_unsaved(Recorded().through_check(), "cannot be used")


def test_a_database_held_by_another_program_gives_one_message() -> None:
    Recorded().through_check().recorder.close()
    holder = sqlite3.connect(db_path(), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        _carries_on_unsaved(Recorded(open_recorder(timeout=0.01)).through_check(),
                            "held by another program")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_commitment_is_written_with_the_answer_that_made_it() -> None:
    run = Recorded().through_check()
    run.answer(Done(), Number(1), Number(2))
    run.session.answer(FreeText("call at lunch"))
    # taken by the session but not yet recorded: a kill now leaves neither behind
    assert rows(db_path())["commitments"] == []
    run.recorder.record(run.session)
    with open_store() as store:
        [(cid, session_id, text)] = store.query("SELECT id, session_id, text FROM commitments")
        made = [e for e in store.events(1) if e.kind == "commitment_made"]
    assert (session_id, text) == (1, "call at lunch") and made[0].data["id"] == f"c{cid}"


def test_a_failing_ledger_goes_on_and_catches_up_once() -> None:
    run = Recorded().through_check()
    run.answer(Done(), Number(1), Number(2))
    assert run.recorder.store is not None
    run.recorder.store.conn.execute("PRAGMA query_only=1")
    run.answer(FreeText("keep it anyway"))
    assert run.session.view().action == "say"
    assert [c.text for c in run.session.ledger.select("all", 0.0)] == ["keep it anyway"]
    assert not run.recorder.status.ok
    run.recorder.store.conn.execute("PRAGMA query_only=0")
    run.answer(Done())
    assert run.recorder.status.ok
    assert [r[0] for r in rows(db_path())["commitments"]] == [
        int(run.session.ledger.select("all", 0.0)[0].id[1:])]


def test_recorder_calls_never_raise_after_close() -> None:
    run = Recorded().through_check()
    run.recorder.close()
    run.answer(Done())
    run.recorder.save_draft(0, "share", "x")
    run.recorder.finish(run.session)
    assert isinstance(run.session, Session)


def test_the_saved_state_is_the_sessions_json_without_its_events() -> None:
    from coach.store.recorder import saved_state

    run = Recorded().through_check()
    run.answer(Done("a"), Number(2))
    expected = run.session.to_json()
    expected["events"], expected["taken"] = [], 0
    assert saved_state(run.session) == expected


# --- the history screen's queries ----------------------------------------------------------------


def test_history_pages_and_filters_by_exercise_and_text() -> None:
    from coach.format.loader import load_text

    other = load_text("id: u\ntitle: U\nsummary: S\nfirst_speaker: a\nsteps:\n"
                      "  - share: {prompt: Say it, notes: optional}\n  - say: end\n",
                      file="u.yaml", stem="u").exercise
    assert other is not None
    Recorded().through_check().to_the_end("50% of the time_ I worry").recorder.close()
    run = Recorded(ex=other)
    run.answer(Done("something else"))
    run.recorder.close()
    with open_store() as store:
        assert [s.id for s in store.history()] == [2, 1]
        assert [s.id for s in store.history(limit=1, offset=1)] == [1]
        assert [s.id for s in store.history(exercise="t")] == [1]
        assert [s.id for s in store.history(exercise="u", text="else")] == [2]
        assert [s.id for s in store.history(text="50% of the time_")] == [1]
        assert [s.id for s in store.history(text="0%_o")] == []  # % and _ are literal
        assert [s.id for s in store.history(text="SOMETHING else")] == [2]
        assert [s.id for s in store.history(text="ann")] == [2, 1]  # a name matches


def test_a_person_is_renamed_once_for_every_session() -> None:
    Recorded().through_check().recorder.close()
    with open_store() as store:
        ann = store.person_id("Ann")
        assert ann is not None
        store.rename_person(ann, "  Annie ")
        assert store.summary(1).name_a == "Annie"
        with pytest.raises(ValueError, match="cannot be empty"):
            store.rename_person(ann, " ")
        with pytest.raises(StoreError, match="no person 99"):
            store.rename_person(99, "Zed")


# --- whatever the partners type comes back as it was -----------------------------------------


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.text(min_size=1, max_size=200))
def test_any_note_comes_back_exactly(note: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    from coach.engine import transcript_lines
    from coach.store import Store

    path = tmp_path_factory.mktemp("data") / "records.sqlite3"
    run = Recorded(open_recorder(path=path)).through_check()
    run.answer(Done(note))
    run.recorder.save_draft(1, "rate", note)
    run.recorder.close()
    store = Store.open(path, create=False)
    assert store is not None
    with store:
        assert transcript_lines(store.events(1)) == transcript_lines(run.session.events)
        assert [e.to_json() for e in store.events(1)] == [
            e.to_json() for e in run.session.events]
        draft = store.draft(1)
        assert draft is not None and draft.text == note
