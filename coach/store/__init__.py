"""The records: sessions step by step, commitments and their reviews, ratings.

SQLite from the standard library, one private file in the data folder. No
Textual here. What the app calls is :func:`open_recorder` (a new session),
:func:`find_resumable` and :func:`open_resumed` (an interrupted one), and the
:class:`Recorder` they give.
"""

from coach.store.errors import BadDatabase, NoSuchSession, SessionLocked, StoreError
from coach.store.ledger import SqliteLedger
from coach.store.recorder import NullRecorder, Recorder, open_recorder
from coach.store.resume import NothingToResume, find_resumable, open_resumed, open_store
from coach.store.status import SaveStatus
from coach.store.store import Draft, Person, SessionSummary, Store

__all__ = [
    "BadDatabase",
    "Draft",
    "NoSuchSession",
    "NothingToResume",
    "NullRecorder",
    "Person",
    "Recorder",
    "SaveStatus",
    "SessionLocked",
    "SessionSummary",
    "SqliteLedger",
    "Store",
    "StoreError",
    "find_resumable",
    "open_recorder",
    "open_resumed",
    "open_store",
]
