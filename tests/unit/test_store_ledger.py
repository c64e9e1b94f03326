"""The SQLite ledger behaves as the in-memory one, keeps reviews as records, and keeps
a commitment with its person whatever side they sit on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coach.engine import InMemoryLedger, Ledger
from coach.store import SaveStatus, SqliteLedger, Store
from tests.unit.store_support import Recorded, db_path, open_store, rows

DAY = 86400.0


@pytest.fixture(params=["memory", "sqlite", "sqlite-pending"])
def ledger(request: pytest.FixtureRequest) -> Iterator[Ledger]:
    """The in-memory ledger; the SQLite one writing each change at once; and the SQLite
    one as a recorder holds it, its changes pending until the answer is recorded."""
    if request.param == "memory":
        yield InMemoryLedger()
        return
    store = Store.open(db_path())
    assert store is not None
    with store:
        yield SqliteLedger(store, {"a": "Ann", "b": "Ben"}, SaveStatus(),
                           deferred=request.param == "sqlite-pending")


def test_select_due_open_and_all(ledger: Ledger) -> None:
    first = ledger.add("a", "Ann", "call at lunch", 10.0, 10.0 + 7 * DAY, "x")
    second = ledger.add("b", "Ben", "say when late", 20.0, 20.0 + DAY, "y")
    assert first.id != second.id
    assert [c.text for c in ledger.select("all", 0.0)] == ["call at lunch", "say when late"]
    assert [c.id for c in ledger.select("due", 30.0 + DAY)] == [second.id]
    assert [c.id for c in ledger.select("open", 0.0)] == [first.id, second.id]
    [again, _] = ledger.select("all", 0.0)
    assert (again.partner, again.name, again.made_at, again.due_at, again.exercise) == (
        "a", "Ann", 10.0, 10.0 + 7 * DAY, "x")


def test_reviews_close_rearm_and_come_back_off(ledger: Ledger) -> None:
    item = ledger.add("a", "Ann", "call at lunch", 0.0, 7 * DAY, "x")
    ledger.review(item.id, "partly", "twice", 8 * DAY)
    [c] = ledger.select("all", 0.0)
    assert c.status == "partly" and c.is_open and c.due_at == 15 * DAY
    ledger.review(item.id, "partly", "better", 16 * DAY)
    [c] = ledger.select("all", 0.0)
    assert c.due_at == 23 * DAY  # the interval first given, not a growing one
    ledger.review(item.id, "kept", None, 24 * DAY)
    [c] = ledger.select("all", 0.0)
    assert c.status == "kept" and not c.is_open and ledger.select("due", 1e12) == []
    assert [(r.outcome, r.note) for r in c.reviews] == [
        ("partly", "twice"), ("partly", "better"), ("kept", None)]
    ledger.unreview(item.id)
    ledger.unreview(item.id)
    [c] = ledger.select("all", 0.0)
    assert c.status == "partly" and c.due_at == 15 * DAY


def test_remove_takes_a_commitment_back(ledger: Ledger) -> None:
    item = ledger.add("a", "Ann", "t", 0.0, 1.0, "x")
    ledger.remove(item.id)
    assert ledger.select("all", 0.0) == []


def test_a_review_adds_a_record_and_never_rewrites_the_commitment() -> None:
    store = Store.open(db_path())
    assert store is not None
    with store:
        ledger = SqliteLedger(store, {"a": "Ann", "b": "Ben"}, SaveStatus())
        item = ledger.add("b", "Ben", "walk daily", 0.0, DAY, "x")
        before = rows(db_path())["commitments"]
        ledger.review(item.id, "partly", "some days", 2 * DAY)
        ledger.review(item.id, "missed", None, 4 * DAY)
        assert rows(db_path())["commitments"] == before
        assert len(rows(db_path())["reviews"]) == 2


def test_a_commitment_stays_with_its_person_whoever_sits_as_a() -> None:
    Recorded().through_check().to_the_end().recorder.close()  # Ann, as a, commits
    swapped = Recorded(a="Ben", b="Ann")
    [item] = swapped.session.ledger.select("all", 0.0)
    assert (item.partner, item.name) == ("b", "Ann")
    swapped.recorder.close()
    with open_store() as store:
        assert [p.name for p in store.people()] == ["Ann", "Ben"]  # stored once


def test_a_renamed_person_keeps_their_commitments() -> None:
    Recorded().through_check().to_the_end().recorder.close()
    with open_store() as store:
        ann = store.person_id("ann")
        assert ann is not None
        store.rename_person(ann, "Annie")
    run = Recorded(a="Annie", b="Ben")
    [item] = run.session.ledger.select("all", 0.0)
    assert (item.partner, item.name) == ("a", "Annie")
    run.recorder.close()


def test_a_commitment_can_belong_to_both_together() -> None:
    store = Store.open(db_path())
    assert store is not None
    with store:
        ledger = SqliteLedger(store, {"a": "Ann", "b": "Ben"}, SaveStatus())
        item = ledger.add("both", "Ann and Ben", "eat together", 0.0, DAY, "x")  # type: ignore[arg-type]
        [again] = ledger.select("all", 0.0)
        assert again.partner == "both" and again.name == "Ann and Ben" and again.id == item.id
        assert store.query("SELECT person_id, together FROM commitments") == [(None, 1)]
