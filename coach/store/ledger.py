"""Commitments in the records: the engine's :class:`~coach.engine.ledger.Ledger`.

A commitment belongs to a person (or to both, together), never to a side, so
it stays with the right person whoever sits as partner a next time. A review
adds a row; the commitment itself is never rewritten. When the records cannot
be written the ledger goes on in memory, from what it last read, and says so
through the shared :class:`SaveStatus`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from coach.engine.answers import Outcome, Partner
from coach.engine.ledger import Commitment, InMemoryLedger, ReviewRecord, Which, choose
from coach.store.errors import StoreError
from coach.store.status import SaveStatus
from coach.store.store import Store

TOGETHER = "both"


def _rowid(commitment_id: str) -> int:
    try:
        return int(commitment_id.removeprefix("c"))
    except ValueError:
        return -1


class SqliteLedger:
    def __init__(
        self, store: Store | Callable[[bool], Store | None], names: Mapping[str, str],
        status: SaveStatus, session_id: Callable[[], int | None] = lambda: None,
    ) -> None:
        """``store`` is the records, or a function that opens them when first needed
        (``True``: create the file; ``False``: None while there is no file yet)."""
        self._store_for = store if callable(store) else lambda create: store
        self.names = dict(names)
        self.status = status
        self._session_id = session_id
        self._fallback: InMemoryLedger | None = None
        self._last: list[Commitment] = []

    def _fail(self, error: StoreError) -> InMemoryLedger:
        self.status.failed(error.message)
        if self._fallback is None:
            self._fallback = InMemoryLedger(self._last)
        return self._fallback

    def _open(self) -> Store:
        store = self._store_for(True)
        if store is None:
            raise StoreError(self.status.message or "the records cannot be opened.")
        return store

    # --- Ledger ----------------------------------------------------------------------------

    def add(
        self, partner: Partner, name: str, text: str, made_at: float, due_at: float, exercise: str
    ) -> Commitment:
        if self._fallback is not None:
            return self._fallback.add(partner, name, text, made_at, due_at, exercise)
        try:
            store = self._open()
            with store.write() as conn:
                person = (None if partner == TOGETHER
                          else store.ensure_person(conn, self.names[partner], made_at))
                cur = conn.execute(
                    "INSERT INTO commitments (session_id, person_id, together, name, text, "
                    "made_at, due_at, exercise) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (self._session_id(), person, int(person is None), name, text, made_at,
                     due_at, exercise),
                )
                rowid = cur.lastrowid
        except StoreError as exc:
            return self._fail(exc).add(partner, name, text, made_at, due_at, exercise)
        return Commitment(f"c{rowid}", partner, name, text, made_at, due_at, exercise)

    def remove(self, commitment_id: str) -> None:
        if self._fallback is not None:
            return self._fallback.remove(commitment_id)
        try:
            with self._open().write() as conn:
                conn.execute("DELETE FROM commitments WHERE id = ?", (_rowid(commitment_id),))
        except StoreError as exc:
            self._fail(exc).remove(commitment_id)

    def select(self, which: Which, now: float) -> list[Commitment]:
        if self._fallback is not None:
            return self._fallback.select(which, now)
        try:
            items = self.all()
        except StoreError as exc:
            return self._fail(exc).select(which, now)
        self._last = items
        return choose(items, which, now)

    def review(self, commitment_id: str, outcome: Outcome, note: str | None, at: float) -> None:
        if self._fallback is not None:
            return self._fallback.review(commitment_id, outcome, note, at)
        try:
            item = self.get(commitment_id)
            if item is None:
                raise KeyError(commitment_id)
            due = item.due_at
            if outcome == "partly":
                due = at + max(item.first_due - item.made_at, 0.0)
            with self._open().write() as conn:
                conn.execute(
                    "INSERT INTO reviews (commitment_id, session_id, outcome, note, at, "
                    "due_before, due_after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (_rowid(commitment_id), self._session_id(), outcome, note, at,
                     item.due_at, due),
                )
        except StoreError as exc:
            self._fail(exc).review(commitment_id, outcome, note, at)

    def unreview(self, commitment_id: str) -> None:
        if self._fallback is not None:
            return self._fallback.unreview(commitment_id)
        try:
            with self._open().write() as conn:
                conn.execute(
                    "DELETE FROM reviews WHERE id = (SELECT max(id) FROM reviews "
                    "WHERE commitment_id = ?)", (_rowid(commitment_id),))
        except StoreError as exc:
            self._fail(exc).unreview(commitment_id)

    # --- reading -----------------------------------------------------------------------------

    def get(self, commitment_id: str) -> Commitment | None:
        if self._fallback is not None:
            return self._fallback.get(commitment_id)
        return next((c for c in self.all() if c.id == commitment_id), None)

    def all(self) -> list[Commitment]:
        """Every commitment, oldest first, each with its reviews; raises StoreError."""
        if self._fallback is not None:
            return self._fallback.all()
        store = self._store_for(False)
        if store is None:
            return []  # nothing recorded yet
        return read_commitments(store, sides_of(store, self.names))


def sides_of(store: Store, names: Mapping[str, str]) -> dict[int, str]:
    """Which side each person of these names sits on now."""
    return {p: side for side, name in names.items() if (p := store.person_id(name)) is not None}


def read_commitments(store: Store, sides: Mapping[int, str]) -> list[Commitment]:
    """All commitments with their reviews, oldest first; ``sides`` maps a person to the
    side they sit on now (a person not sitting now keeps side a)."""
    return [c for _, c in commitment_rows(store, sides)]


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
