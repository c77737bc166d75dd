-- The history schema, version 1, as released: what MIGRATIONS[0] creates.
-- tests/test_store.py checks that MIGRATIONS[0] still creates exactly this (spacing
-- aside): databases in the field were made by it, so a released migration never
-- changes. Never edit this file; change the schema with a new migration.

CREATE TABLE event (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    date TEXT CHECK (date IS NULL OR date GLOB
        '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    verdict TEXT NOT NULL,
    goal INTEGER NOT NULL CHECK (goal >= 0),
    other_new INTEGER NOT NULL CHECK (other_new >= 0),
    recorded_at TEXT NOT NULL
);

CREATE TABLE came (
    event INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (event, pos)
) WITHOUT ROWID;

CREATE TABLE planned (
    event INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (event, pos)
) WITHOUT ROWID;

CREATE TABLE met (
    id INTEGER PRIMARY KEY,
    event INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    name TEXT NOT NULL,
    email TEXT,
    company TEXT,
    title TEXT,
    linkedin TEXT,
    name_key TEXT NOT NULL,
    email_key TEXT,
    profile_key TEXT,
    UNIQUE (event, pos)
);

CREATE INDEX met_name_key ON met (name_key, event);

CREATE INDEX met_email_key ON met (email_key, event);

CREATE INDEX met_profile_key ON met (profile_key, event);
