"""The records' tables, and the steps that bring an older file up to date.

``PRAGMA user_version`` holds the schema version. ``SCHEMA_V1`` is the first
schema exactly as it shipped; it stays frozen so a test can build a version-1
file and upgrade it. A new version adds one entry to :data:`MIGRATIONS`, never
edits an old one.
"""

from __future__ import annotations

# sessions.state is the session's JSON (Session.to_json without its events, which have
# rows of their own), zlib-compressed as a BLOB.

#: "coac" in ASCII: marks a SQLite file as coach's records
APPLICATION_ID = 0x636F6163

SCHEMA_V1 = """
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    exercise TEXT NOT NULL,
    title TEXT NOT NULL,
    person_a INTEGER NOT NULL REFERENCES people(id),
    person_b INTEGER NOT NULL REFERENCES people(id),
    started_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    ended_at REAL,
    end_reason TEXT,
    breaks INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL
);
CREATE INDEX sessions_by_start ON sessions(started_at DESC, id DESC);
-- keyed on nothing an answer changes, so writing an answer never rewrites it
CREATE INDEX sessions_unfinished ON sessions(id) WHERE ended_at IS NULL;
CREATE INDEX sessions_by_exercise ON sessions(exercise, started_at DESC);
CREATE TABLE events (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    at REAL NOT NULL,
    round INTEGER NOT NULL,
    step INTEGER,
    data TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
CREATE TABLE drafts (
    session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    step INTEGER,
    stage TEXT NOT NULL,
    text TEXT NOT NULL,
    saved_at REAL NOT NULL
);
CREATE TABLE commitments (
    id INTEGER PRIMARY KEY,
    session_id INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id),
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    made_at REAL NOT NULL,
    due_at REAL NOT NULL,
    exercise TEXT NOT NULL
);
CREATE INDEX commitments_by_made ON commitments(made_at, id);
CREATE INDEX commitments_by_session ON commitments(session_id);
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    commitment_id INTEGER NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    session_id INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
    outcome TEXT NOT NULL,
    note TEXT,
    at REAL NOT NULL,
    due_before REAL NOT NULL,
    due_after REAL NOT NULL
);
CREATE INDEX reviews_by_commitment ON reviews(commitment_id, id);
CREATE INDEX reviews_by_session ON reviews(session_id);
CREATE TABLE ratings (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES people(id),
    seq INTEGER NOT NULL,
    step INTEGER,
    question TEXT NOT NULL,
    value INTEGER NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX ratings_by_person ON ratings(person_id, at);
CREATE INDEX ratings_by_session ON ratings(session_id);
"""

# Version 2: a commitment can belong to both partners together (`commit` with
# `who: together`): the person is empty and `together` is 1. SQLite cannot drop a
# NOT NULL, so the table is rebuilt (foreign keys are off while migrating).
TO_V2 = """
CREATE TABLE commitments_v2 (
    id INTEGER PRIMARY KEY,
    session_id INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES people(id),
    together INTEGER NOT NULL DEFAULT 0,
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    made_at REAL NOT NULL,
    due_at REAL NOT NULL,
    exercise TEXT NOT NULL,
    CHECK ((person_id IS NULL) = (together = 1))
);
INSERT INTO commitments_v2 (id, session_id, person_id, together, name, text, made_at, due_at,
                            exercise)
    SELECT id, session_id, person_id, 0, name, text, made_at, due_at, exercise FROM commitments;
DROP TABLE commitments;
ALTER TABLE commitments_v2 RENAME TO commitments;
CREATE INDEX commitments_by_made ON commitments(made_at, id);
CREATE INDEX commitments_by_session ON commitments(session_id);
"""

#: MIGRATIONS[n] brings version n to version n + 1 (version 0 is an empty file)
MIGRATIONS: tuple[str, ...] = (SCHEMA_V1, TO_V2)
VERSION = len(MIGRATIONS)
