"""Opening the history database: checks, errors, and the versioned schema.

The history is one SQLite file. It is netplan's when its `application_id` is
`APPLICATION_ID`; its `user_version` is the schema version, the number of
`MIGRATIONS` applied to it. Only a writer (a debrief) creates or migrates the
file; a reader opens it read-only and never changes it.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Literal, overload

from netplan.errors import NetplanError

# "NPLN": marks the file as netplan's, so a foreign database is never taken for ours.
APPLICATION_ID = 0x4E504C4E

# The first bytes of every SQLite 3 database file.
_MAGIC = b"SQLite format 3\x00"

# How long a write waits for another netplan's write to finish before giving up.
BUSY_TIMEOUT_S = 5.0

# The schema, one entry per version: MIGRATIONS[i] turns version i into version i + 1,
# in one transaction. A new database runs them all, so there is no separate "current
# schema" to drift from them. Entries are never edited once released: change the
# schema by appending one (tests/store_fixtures/v1.sql keeps version 1 honest).
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: events, who came, the targets planned and the targets met.
    (
        # `id` is the recording order; `date` is ISO (YYYY-MM-DD) or NULL when the event
        # file had none; `recorded_at` is ISO 8601 with the recorder's UTC offset.
        """CREATE TABLE event (
            id INTEGER PRIMARY KEY,
            event_id TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            date TEXT CHECK (date IS NULL OR date GLOB
                '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            verdict TEXT NOT NULL,
            goal INTEGER NOT NULL CHECK (goal >= 0),
            other_new INTEGER NOT NULL CHECK (other_new >= 0),
            recorded_at TEXT NOT NULL
        )""",
        """CREATE TABLE came (
            event INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
            pos INTEGER NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (event, pos)
        ) WITHOUT ROWID""",
        """CREATE TABLE planned (
            event INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
            pos INTEGER NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (event, pos)
        ) WITHOUT ROWID""",
        # The keys are `netplan.model.identity`'s, computed when recorded.
        """CREATE TABLE met (
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
        )""",
        # With `event` in them, a lookup by key never reads the table itself.
        "CREATE INDEX met_name_key ON met (name_key, event)",
        "CREATE INDEX met_email_key ON met (email_key, event)",
        "CREATE INDEX met_profile_key ON met (profile_key, event)",
    ),
    # 2: who introduced each target met, and the other checklist items ticked.
    # Events recorded before have no introductions and no ticked items.
    (
        "ALTER TABLE met ADD COLUMN introduced_by TEXT",
        """CREATE TABLE done (
            event INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
            pos INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (event, pos)
        ) WITHOUT ROWID""",
    ),
    # 3: whether a target met was a new contact (0: met at an earlier event, or already
    # one of your contacts). Earlier events count everyone met as new.
    ("ALTER TABLE met ADD COLUMN new INTEGER NOT NULL DEFAULT 1 CHECK (new IN (0, 1))",),
)
SCHEMA_VERSION = len(MIGRATIONS)

# The oldest schema a reader still understands without migrating it. Raise it when a
# migration changes what the queries read, and readers will ask for a debrief first.
OLDEST_READABLE = 1


class StoreError(NetplanError):
    """The history cannot be opened, read or written: one line saying why."""


class HistoryConnection(sqlite3.Connection):
    """A connection to a checked history file, which remembers what it was opened as."""

    path: Path
    version: int  # the schema version (for a reader: as found when opened)
    writable: bool


def _message(path: Path, error: sqlite3.Error) -> str | None:
    """What an SQLite error means to the user, or None for a bug in netplan."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF  # the primary result code
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return f"{path}: the history is busy (another netplan is writing); try again"
    if code == sqlite3.SQLITE_FULL:
        return f"{path}: the disk is full; the history was not changed"
    if code == sqlite3.SQLITE_NOTADB:
        return f"{path}: not a netplan history database"
    if code == sqlite3.SQLITE_CORRUPT:
        return f"{path}: the history database is damaged"
    if code == sqlite3.SQLITE_READONLY:
        return f"{path}: cannot write the history (the file or its folder is read-only)"
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
        return f"{path}: cannot open the history (permission denied, or not a file)"
    if code == sqlite3.SQLITE_IOERR:
        return f"{path}: cannot read or write the history (disk error: {error})"
    return None


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """Turn the SQLite errors a user can do something about into `StoreError`s."""
    try:
        yield
    except sqlite3.Error as e:
        message = _message(path, e)
        if message is None:
            raise  # a constraint or a misuse: a bug, not the user's to fix
        raise StoreError(message) from e


@contextmanager
def transaction(conn: sqlite3.Connection, begin: str = "BEGIN IMMEDIATE") -> Iterator[None]:
    """One transaction: committed at the end, rolled back on any exception.

    IMMEDIATE takes the write lock first, so a write waits (the busy timeout) for
    another writer instead of failing halfway when both try to upgrade a read lock.
    """
    conn.execute(begin)
    try:
        yield
        conn.execute("COMMIT")  # can fail too (busy, disk full): then it is rolled back
    except BaseException:
        # SQLite has already rolled back after some errors (a full disk, say).
        if conn.in_transaction:
            with suppress(sqlite3.Error):  # keep the first error, not this one
                conn.execute("ROLLBACK")
        raise


def _version(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of an open file; 0 for an empty file; refuses anything else.

    Only reads: a refused file is left exactly as it was.
    """
    if not conn.in_transaction:
        # One read: the headers and the tables seen as of one moment, not across
        # another netplan's commit of the first migration.
        with transaction(conn, "BEGIN"):
            return _version(conn, path)
    app = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app == APPLICATION_ID and version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: the history was made by a newer netplan (schema {version}; this one "
            f"knows up to {SCHEMA_VERSION}); upgrade netplan"
        )
    if app == APPLICATION_ID and version >= 1:
        return int(version)
    if app == 0 and version == 0 and conn.execute("SELECT 1 FROM sqlite_master").fetchone() is None:
        return 0  # an empty database (a new file is one): ours to initialise
    raise StoreError(f"{path}: not a netplan history database")


def migrate(conn: sqlite3.Connection, path: Path, to: int | None = None) -> int:
    """Bring the file up to schema `to` (default: the latest), one version per transaction.

    Returns the version reached. The version is read again under the write lock, so
    two netplans opening an old (or a new) file at once migrate it once.
    """
    target = SCHEMA_VERSION if to is None else to
    while True:
        with transaction(conn):
            version = _version(conn, path)
            if version >= target:
                return version
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            # Both headers are written in the transaction: all of a version or none.
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {version + 1}")


def _use_wal(conn: sqlite3.Connection, timeout: float) -> None:
    """Put the file in WAL mode (it stays so): readers never wait for the writer.

    The switch needs the file to itself and SQLite does not wait for that (no busy
    handler), so a new file that another netplan is also opening is retried here.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            # A no-op once in WAL. Where SQLite cannot use WAL it keeps the old mode,
            # which is still safe: readers then wait for the writer (busy timeout).
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as e:
            busy = getattr(e, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_BUSY
            if not busy or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def _connect(path: Path, *, create: bool, timeout: float) -> HistoryConnection:
    if create:
        conn = sqlite3.connect(
            path, timeout=timeout, isolation_level=None, factory=HistoryConnection
        )
    else:
        # mode=ro: SQLite opens the file read-only, so it cannot be created or written.
        uri = f"{path.absolute().as_uri()}?mode=ro"
        conn = sqlite3.connect(
            uri, timeout=timeout, isolation_level=None, factory=HistoryConnection, uri=True
        )
    conn.path = path
    conn.writable = create
    conn.version = 0
    return conn


@overload
def open_history(
    path: Path, *, create: Literal[True], timeout: float = ...
) -> HistoryConnection: ...
@overload
def open_history(path: Path, *, create: bool, timeout: float = ...) -> HistoryConnection | None: ...
def open_history(
    path: Path, *, create: bool, timeout: float = BUSY_TIMEOUT_S
) -> HistoryConnection | None:
    """Open the history at `path`, checked; close the connection when done.

    create=True (a debrief): creates the folder and the file if missing, and brings
    an older schema up to date. create=False (advice, history): opens read-only and
    returns None when there is no history yet (no file, or an empty one), never
    creating anything. Either way a file that is not netplan's, or is from a newer
    netplan, is refused with a `StoreError` and left untouched.

    A reader can read every schema from OLDEST_READABLE on without migrating it. In
    WAL mode SQLite may leave empty `-wal`/`-shm` files next to the history after a
    read; the history file itself is never written by a reader.
    """
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.exists():
            return None
    except OSError as e:
        raise StoreError(f"{path.parent}: cannot reach the history folder ({e.strerror})") from e
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a history file")
    try:
        with path.open("rb") as f:
            head = f.read(len(_MAGIC))
    except FileNotFoundError:
        head = b""  # a writer creates it
    except OSError as e:
        raise StoreError(f"{path}: cannot read the history ({e.strerror})") from e
    # SQLite takes a file shorter than a page for an empty database and would
    # initialise it: only a truly empty file is new, anything else must be SQLite's.
    if head not in (b"", _MAGIC):
        raise StoreError(f"{path}: not a netplan history database")

    with translated(path):
        conn = _connect(path, create=create, timeout=timeout)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            version = _version(conn, path)
            if create:
                # Only after the checks, which must leave a refused file untouched.
                _use_wal(conn, timeout)
                if version < SCHEMA_VERSION:
                    version = migrate(conn, path)
            elif version == 0:
                conn.close()
                return None
            elif version < OLDEST_READABLE:
                raise StoreError(
                    f"{path}: the history is in an older format; record a debrief to upgrade it"
                )
            else:
                conn.execute("PRAGMA query_only = ON")
        except BaseException:
            conn.close()
            raise
    conn.version = version
    return conn
