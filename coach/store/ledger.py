"""Commitments in the records: the engine's :class:`~coach.engine.ledger.Ledger`.

A commitment belongs to a person (or to both, together), never to a side, so
it stays with the right person whoever sits as partner a next time. A review
adds a row; the commitment itself is never rewritten.

Writes are kept as pending operations, applied on top of what the file holds
whenever the ledger is read. A recorder's ledger writes them in the same
transaction as the answer's events (:meth:`SqliteLedger.write_pending`), so a
process killed between the two can never leave a commitment without its
answer (and make it again on resume). A ledger on its own writes each at once.
When the records cannot be written or read, the operations stay pending, the
ledger goes on from what it last read, and the shared :class:`SaveStatus` says so.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from coach.engine.answers import Outcome, Partner
from coach.engine.ledger import Commitment, ReviewRecord, Which, choose
from coach.store.errors import StoreError
from coach.store.status import SaveStatus
from coach.store.store import Store

TOGETHER = "both"
#: ids are drawn at random (below 2**53, so JSON keeps them exact): two coach processes
#: making commitments at once never pick the same one, and no read is needed to pick
_ids = random.SystemRandom()


def _rowid(commitment_id: str) -> int:
    try:
        return int(commitment_id.removeprefix("c"))
    except ValueError:
        return -1


class SqliteLedger:
    def __init__(
        self, store: Store | Callable[[bool], Store | None], names: Mapping[str, str],
        status: SaveStatus, session_id: Callable[[], int | None] = lambda: None,
        *, deferred: bool = False,
    ) -> None:
        """``store`` is the records, or a function that opens them when first needed
        (``True``: create the file; ``False``: None while there is no file yet).
        ``deferred``: writes wait for :meth:`write_pending` (a recorder's transaction)."""
        self._store_for = store if callable(store) else lambda create: store
        self.names = dict(names)
        self.status = status
        self._session_id = session_id
        self._deferred = deferred
        #: operations not yet in the file, oldest first
        self.pending: list[tuple[Any, ...]] = []
        #: the commitments as last read from the file
        self._read: list[Commitment] = []

    # --- Ledger ----------------------------------------------------------------------------

    def add(
        self, partner: Partner, name: str, text: str, made_at: float, due_at: float, exercise: str
    ) -> Commitment:
        item = Commitment(f"c{_ids.randrange(1, 2**53)}", partner, name, text, made_at, due_at,
                          exercise)
        self._do(("add", item))
        return item

    def remove(self, commitment_id: str) -> None:
        self._do(("remove", commitment_id))

    def select(self, which: Which, now: float) -> list[Commitment]:
        return choose(self.all(), which, now)

    def review(self, commitment_id: str, outcome: Outcome, note: str | None, at: float) -> None:
        item = self.get(commitment_id)
        if item is None:
            raise KeyError(commitment_id)
        due = item.due_at
        if outcome == "partly":
            due = at + max(item.first_due - item.made_at, 0.0)
        self._do(("review", commitment_id, ReviewRecord(outcome, note, at, item.due_at), due))

    def unreview(self, commitment_id: str) -> None:
        self._do(("unreview", commitment_id))

    # --- reading -----------------------------------------------------------------------------

    def get(self, commitment_id: str) -> Commitment | None:
        return next((c for c in self.all() if c.id == commitment_id), None)

    def all(self) -> list[Commitment]:
        """Every commitment, oldest first, with its reviews: the file's, and what is
        pending on top."""
        store = self._store_for(False)
        if store is not None:
            try:
                self._read = read_commitments(store, self.names)
            except StoreError as exc:
                self.status.failed(exc.message)
        items = {c.id: c for c in self._read}
        for op in self.pending:
            _apply(items, op)
        return sorted(items.values(), key=lambda c: (c.made_at, _rowid(c.id)))

    # --- writing -----------------------------------------------------------------------------

    def _do(self, op: tuple[Any, ...]) -> None:
        self.pending.append(op)
        if self._deferred:
            return
        store = self._store_for(True)
        if store is None:
            return
        try:
            with store.write() as conn:
                count = self.write_pending(store, conn)
        except StoreError as exc:
            self.status.failed(exc.message)
            return
        self.written(count)

    def write_pending(
        self, store: Store, conn: sqlite3.Connection, session_id: int | None = None
    ) -> int:
        """Inside ``store.write()``: put the pending operations in the file; how many,
        for :meth:`written` once the transaction has committed."""
        session_id = session_id if session_id is not None else self._session_id()
        for op in self.pending:
            match op:
                case ("add", Commitment() as c):
                    person = (None if c.partner == TOGETHER
                              else store.ensure_person(conn, self.names[c.partner], c.made_at))
                    conn.execute(
                        "INSERT INTO commitments (id, session_id, person_id, together, name, "
                        "text, made_at, due_at, exercise) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (_rowid(c.id), session_id, person, int(person is None), c.name, c.text,
                         c.made_at, c.due_at, c.exercise),
                    )
                case ("remove", str(cid)):
                    conn.execute("DELETE FROM commitments WHERE id = ?", (_rowid(cid),))
                case ("review", str(cid), ReviewRecord() as r, due):
                    conn.execute(
                        "INSERT INTO reviews (commitment_id, session_id, outcome, note, at, "
                        "due_before, due_after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (_rowid(cid), session_id, r.outcome, r.note, r.at, r.due_before, due),
                    )
                case ("unreview", str(cid)):
                    conn.execute(
                        "DELETE FROM reviews WHERE id = (SELECT max(id) FROM reviews "
                        "WHERE commitment_id = ?)", (_rowid(cid),))
        return len(self.pending)

    def written(self, count: int) -> None:
        del self.pending[:count]


def _apply(items: dict[str, Commitment], op: tuple[Any, ...]) -> None:
    """One pending operation, on the commitments in memory."""
    match op:
        case ("add", Commitment() as c):
            items[c.id] = c
        case ("remove", str(cid)):
            items.pop(cid, None)
        case ("review", str(cid), ReviewRecord() as r, due) if cid in items:
            c = items[cid]
            items[cid] = replace(c, reviews=(*c.reviews, r), due_at=due)
        case ("unreview", str(cid)) if cid in items and items[cid].reviews:
            c = items[cid]
            items[cid] = replace(c, reviews=c.reviews[:-1], due_at=c.reviews[-1].due_before)


def sides_of(store: Store, names: Mapping[str, str]) -> dict[int, str]:
    """Which side each person of these names sits on now."""
    return {p: side for side, name in names.items() if (p := store.person_id(name)) is not None}


def read_commitments(
    store: Store, names: Mapping[str, str] = MappingProxyType({})
) -> list[Commitment]:
    """All commitments with their reviews, oldest first; ``names`` ({"a": name, ...})
    says who sits on which side now (a person not sitting now keeps side a)."""
    return [c for _, c in commitment_rows(store, sides_of(store, names))]


def commitment_rows(
    store: Store, sides: Mapping[int, str] = MappingProxyType({})
) -> list[tuple[int | None, Commitment]]:
    """Each commitment with the session it was made in."""
    reviews: dict[int, list[ReviewRecord]] = {}
    due_now: dict[int, float] = {}
    for cid, outcome, note, at, before, after in store.query(
        "SELECT commitment_id, outcome, note, at, due_before, due_after FROM reviews "
        "ORDER BY id"
    ):
        reviews.setdefault(cid, []).append(ReviewRecord(outcome, note, at, before))
        due_now[cid] = after
    items = []
    for cid, session, person, together, name, text, made_at, due_at, exercise in store.query(
        "SELECT c.id, c.session_id, c.person_id, c.together, coalesce(p.name, c.name), c.text, "
        "c.made_at, c.due_at, c.exercise FROM commitments c "
        "LEFT JOIN people p ON p.id = c.person_id ORDER BY c.made_at, c.id"
    ):
        partner: Any = TOGETHER if together else sides.get(person, "a")
        items.append((session, Commitment(
            f"c{cid}", partner, name, text, made_at, due_now.get(cid, due_at), exercise,
            tuple(reviews.get(cid, ())))))
    return items


def commitment_json(item: Commitment) -> dict[str, Any]:
    return {
        "id": item.id, "who": item.name, "together": item.partner == TOGETHER,
        "text": item.text, "made_at": item.made_at, "due_at": item.due_at,
        "exercise": item.exercise, "status": item.status,
        "reviews": [{"outcome": r.outcome, "note": r.note, "at": r.at} for r in item.reviews],
    }
