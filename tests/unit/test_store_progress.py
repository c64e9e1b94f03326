"""What the ledger and progress screens will read."""

from __future__ import annotations

from coach.store import SaveStatus, SqliteLedger
from coach.store.progress import kept_since, ledger, ledger_status, ratings_by_person, weeks
from tests.unit.store_support import Recorded, open_store

DAY = 86400.0


def test_ratings_per_person_over_time() -> None:
    first = Recorded().through_check().to_the_end()
    first.recorder.close()
    first.clock.advance(3 * DAY)
    Recorded(a="Ben", b="Ann", clock=first.clock).through_check().to_the_end().recorder.close()
    with open_store() as store:
        series = ratings_by_person(store)
    # Ann rated 4 then (sitting as b) 7; Ben 7 then 4: by person, not by side
    assert [r.value for r in series["Ann"]] == [4, 7]
    assert [r.value for r in series["Ben"]] == [7, 4]
    assert [r.session_id for r in series["Ann"]] == [1, 2]
    assert series["Ann"][0].question == "How stirred up are you?"


def test_sessions_and_breaks_per_week() -> None:
    run = Recorded().through_check()
    run.session.take_break("a")
    run.recorder.record(run.session)
    run.recorder.close()
    run.clock.advance(8 * DAY)
    Recorded(clock=run.clock).through_check().recorder.close()
    with open_store() as store:
        last = weeks(store, now=run.clock.now() + 60, count=3)
    assert [(w.sessions, w.breaks) for w in last] == [(0, 0), (1, 1), (1, 0)]
    assert last[2].start - last[1].start == 7 * DAY


def test_the_ledger_with_its_statuses_and_how_many_were_kept() -> None:
    Recorded().through_check().recorder.close()
    with open_store() as store:
        book = SqliteLedger(store, {"a": "Ann", "b": "Ben"}, SaveStatus())
        kept = book.add("a", "Ann", "call at lunch", 0.0, 7 * DAY, "x")
        book.add("b", "Ben", "say when late", 1.0, 7 * DAY, "x")
        missed = book.add("b", "Ben", "walk daily", 2.0, 30 * DAY, "x")
        book.review(kept.id, "kept", "every day", 8 * DAY)
        book.review(missed.id, "missed", None, 9 * DAY)
        items = ledger(store)
    assert [ledger_status(c, 10 * DAY) for c in items] == ["kept", "due", "missed"]
    assert ledger_status(items[1], 6 * DAY) == "open"
    assert kept_since(items, 0.0) == (1, 2)
    assert kept_since(items, 8.5 * DAY) == (0, 1)
