"""The history database (netplan.store): real SQLite files in tmp_path, no mocks."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, suppress
from pathlib import Path

import pytest

from netplan.errors import ExitCode, NetplanError
from netplan.model.history import DebriefRecord, EventSummary, HistorySnapshot, MetPerson, MetRow
from netplan.model.identity import email_key, name_key, profile_key
from netplan.store import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    AlreadyRecorded,
    HistoryConnection,
    StoreError,
    events,
    load_debrief,
    met_people,
    open_history,
    record,
    snapshot,
)
from netplan.store import db as store_db
from netplan.store import history as store_history

FIXTURES = Path(__file__).parent / "store_fixtures"

# Naive datetimes are local time, so the local recording day is the one written here
# whatever the machine's time zone.
NOW = dt.datetime(2024, 5, 2, 12, 0)


def _rec(
    event_id: str = "ev-1",
    *,
    name: str = "Spring Mixer",
    date: dt.date | None = dt.date(2024, 5, 1),
    met: tuple[MetPerson, ...] | None = None,
    other_new: int = 2,
    done: tuple[str, ...] = ("Swap cards with the host",),
) -> DebriefRecord:
    if met is None:
        met = (
            MetPerson(
                "Quinn Example",
                email="quinn@example.com",
                company="Example Co",
                title="CTO",
                linkedin="https://www.linkedin.com/in/quinn-example/",
                introduced_by="Avery Sample",
            ),
            MetPerson("Rowan Test"),
        )
    return DebriefRecord(
        event_id=event_id,
        name=name,
        date=date,
        verdict="go-together",
        came=("Avery Sample", "Blair Sample"),
        goal=5,
        targets_planned=("Quinn Example", "Rowan Test", "Sky Nobody"),
        met=met,
        other_new=other_new,
        done=done,
    )


def _writer(path: Path, timeout: float = store_db.BUSY_TIMEOUT_S) -> closing[HistoryConnection]:
    return closing(open_history(path, create=True, timeout=timeout))


def _reader(path: Path) -> closing[HistoryConnection]:
    conn = open_history(path, create=False)
    assert conn is not None
    return closing(conn)


def _fingerprint(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, read with plain sqlite3: what is really in the file."""
    with closing(sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)) as conn:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}


# --- record and read back -------------------------------------------------------------


def test_record_then_read_everything_back(tmp_path: Path) -> None:
    path = tmp_path / "new folder" / "history.db"  # the folder is created too
    rec = _rec()
    with _writer(path) as conn:
        assert record(conn, rec, replace=False, now=NOW) is None
        assert load_debrief(conn, "ev-1") == rec
        assert load_debrief(conn, "ev-unknown") is None
        summary = EventSummary(
            event_id="ev-1",
            name="Spring Mixer",
            date=dt.date(2024, 5, 1),
            verdict="go-together",
            came=("Avery Sample", "Blair Sample"),
            targets_planned=3,
            targets_met=2,
            new_contacts=4,
            goal=5,
            recorded_at=NOW.astimezone().isoformat(timespec="seconds"),
        )
        assert events(conn) == [summary]
    with _reader(path) as conn:
        assert events(conn) == [summary]
        assert load_debrief(conn, "ev-1") == rec
        assert met_people(conn) == [
            MetRow(
                "Quinn Example",
                "quinn@example.com",
                "Example Co",
                "CTO",
                "https://www.linkedin.com/in/quinn-example/",
                "Spring Mixer",
                dt.date(2024, 5, 1),
            ),
            MetRow("Rowan Test", None, None, None, None, "Spring Mixer", dt.date(2024, 5, 1)),
        ]
        # Any of the three keys finds Quinn; a key never met is absent.
        keys = {
            name_key("QUINN  example"),
            email_key("Quinn@Example.com") or "",
            profile_key("linkedin.com/in/Quinn-Example") or "",
            "nobody",
        }
        snap = snapshot(conn, keys)
        assert snap.events == (summary,)
        assert snap.met_before == {k: dt.date(2024, 5, 1) for k in keys - {"nobody"}}
    with closing(sqlite3.connect(path)) as raw:
        assert raw.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        assert raw.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_recorded_event_is_replaced_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    first, second = _rec(), _rec(name="Spring Mixer (corrected)", other_new=7, done=())
    with _writer(path) as conn:
        record(conn, first, replace=False, now=NOW)
        record(conn, _rec("ev-2", date=None), replace=False, now=NOW + dt.timedelta(days=1))
        (before,) = [s for s in events(conn) if s.event_id == "ev-1"]
    rows = _rows(path)

    with _writer(path) as conn:
        with pytest.raises(AlreadyRecorded) as caught:
            record(conn, second, replace=False, now=NOW)
        assert caught.value.existing == before
        assert str(caught.value) == (
            f'a debrief for "Spring Mixer" (ev-1) was already recorded on {NOW.date()}'
        )
    assert _rows(path) == rows  # refused: nothing changed at all

    with _writer(path) as conn:
        later = NOW + dt.timedelta(days=30)
        assert record(conn, second, replace=True, now=later) == before
        assert load_debrief(conn, "ev-1") == second
        summaries = events(conn)
    # Replacing keeps the event's place and first recording time; nothing is left over.
    assert [s.event_id for s in summaries] == ["ev-1", "ev-2"]
    assert summaries[0].recorded_at == before.recorded_at
    assert summaries[0].new_contacts == 2 + 7
    assert len(_rows(path)["met"]) == 2 * 2
    assert _rows(path)["done"] == [(2, 0, "Swap cards with the host")]  # only ev-2's


def test_events_are_oldest_first_undated_ones_on_their_recording_day(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    with _writer(path) as conn:
        record(conn, _rec("march", date=dt.date(2024, 3, 1)), replace=False, now=NOW)
        record(conn, _rec("undated", date=None), replace=False, now=dt.datetime(2024, 2, 10, 9))
        # The same day as the undated one, recorded after it.
        record(conn, _rec("feb-10", date=dt.date(2024, 2, 10)), replace=False, now=NOW)
        record(conn, _rec("january", date=dt.date(2024, 1, 5)), replace=False, now=NOW)
        assert [s.event_id for s in events(conn)] == ["january", "undated", "feb-10", "march"]
        assert [r.event_date for r in met_people(conn)][::2] == [
            dt.date(2024, 1, 5),
            None,
            dt.date(2024, 2, 10),
            dt.date(2024, 3, 1),
        ]
        # The undated event counts as met on its recording day.
        assert snapshot(conn, ["rowan test"]).met_before == {"rowan test": dt.date(2024, 3, 1)}
        record(conn, _rec("late-undated", date=None), replace=False, now=dt.datetime(2024, 6, 1))
        assert snapshot(conn, ["rowan test"]).met_before == {"rowan test": dt.date(2024, 6, 1)}


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (_rec(""), "needs an event id"),
        (_rec(other_new=-1), "cannot be negative"),
        (_rec(met=(MetPerson(" \u200b "),)), "needs a name"),
        (_rec(date=dt.datetime(2024, 5, 1, 9)), "not a datetime"),
    ],
)
def test_a_record_the_schema_would_refuse_is_refused_before_writing(
    tmp_path: Path, bad: DebriefRecord, message: str
) -> None:
    path = tmp_path / "history.db"
    with _writer(path) as conn:
        with pytest.raises(ValueError, match=message):
            record(conn, bad, replace=False, now=NOW)
        assert events(conn) == []


def test_recording_needs_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    with _writer(path):
        pass
    with _reader(path) as conn, pytest.raises(ValueError, match="create=True"):
        record(conn, _rec(), replace=False)
    with _reader(path) as conn:
        assert events(conn) == []


# --- opening: missing, read-only, refused files ---------------------------------------


def test_a_path_with_uri_characters_opens_in_both_modes(tmp_path: Path) -> None:
    path = tmp_path / "Hélène's #1 100%?" / "history?.db"  # the reader goes through a URI
    with _writer(path) as conn:
        record(conn, _rec(), replace=False, now=NOW)
    with _reader(path) as conn:
        assert [s.event_id for s in events(conn)] == ["ev-1"]
    assert _listing(path.parent)[0] == "history?.db"


def test_read_only_open_of_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    assert open_history(tmp_path / "history.db", create=False) is None
    assert open_history(tmp_path / "no" / "folder" / "history.db", create=False) is None
    assert _listing(tmp_path) == []


def test_read_only_open_of_an_empty_file_is_no_history_and_leaves_it(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    path.touch()
    before = _fingerprint(path)
    assert open_history(path, create=False) is None
    assert _fingerprint(path) == before
    with _writer(path) as conn:  # while a debrief initialises it
        assert conn.version == SCHEMA_VERSION


def test_read_only_open_never_writes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    with _writer(path) as conn:
        record(conn, _rec(), replace=False, now=NOW)
    before = _fingerprint(path)
    with _reader(path) as conn:
        events(conn)
        met_people(conn)
        snapshot(conn, ["quinn example"])
        load_debrief(conn, "ev-1")
        assert conn.execute("PRAGMA query_only").fetchone() == (1,)
        conn.execute("PRAGMA query_only = OFF")  # and below that, SQLite opened it read-only
        with pytest.raises(sqlite3.OperationalError, match="readonly database"):
            conn.execute("DELETE FROM event")
    assert _fingerprint(path) == before


def _text_file(path: Path) -> None:
    path.write_text("name,email\nQuinn Example,quinn@example.com\n" * 50)


def _random_file(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _tiny_file(path: Path) -> None:
    # SQLite itself would take a file shorter than a page for an empty database.
    path.write_bytes(b"x")


def _other_app_db(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA application_id = 1234")
        conn.execute("PRAGMA user_version = 1")  # the version of that application's schema
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('keep me')")
        conn.commit()


def _plain_db(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE event (x)")  # a name netplan uses, but not netplan's
        conn.commit()


def _other_app_empty_db(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA application_id = 1234")


@pytest.mark.parametrize(
    "make", [_text_file, _random_file, _tiny_file, _other_app_db, _plain_db, _other_app_empty_db]
)
@pytest.mark.parametrize("create", [True, False])
def test_a_file_that_is_not_a_netplan_history_is_refused_untouched(
    tmp_path: Path, make: Callable[[Path], None], create: bool
) -> None:
    path = tmp_path / "history.db"
    make(path)
    before, listing = _fingerprint(path), _listing(tmp_path)
    with pytest.raises(StoreError, match=r"history\.db: not a netplan history database$"):
        open_history(path, create=create)
    assert _fingerprint(path) == before
    assert _listing(tmp_path) == listing  # no journal or WAL file left either


@pytest.mark.parametrize("create", [True, False])
def test_a_history_from_a_newer_netplan_is_refused_untouched(tmp_path: Path, create: bool) -> None:
    path = tmp_path / "history.db"
    with _writer(path) as conn:
        record(conn, _rec(), replace=False, now=NOW)
    with closing(sqlite3.connect(path)) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = _fingerprint(path)
    with pytest.raises(StoreError, match="made by a newer netplan") as caught:
        open_history(path, create=create)
    assert str(path) in str(caught.value)
    assert _fingerprint(path) == before


def test_store_errors_are_user_errors() -> None:
    assert issubclass(StoreError, NetplanError)
    assert issubclass(AlreadyRecorded, StoreError)
    assert StoreError("x").exit_code == ExitCode.INPUT


def test_a_folder_or_an_unreachable_path_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        open_history(tmp_path, create=True)
    with pytest.raises(StoreError, match="is a folder"):
        open_history(tmp_path, create=False)
    (tmp_path / "file").write_text("")
    with pytest.raises(StoreError, match="cannot reach the history folder"):
        open_history(tmp_path / "file" / "history.db", create=True)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
@pytest.mark.parametrize("create", [True, False])
def test_an_unreadable_history_is_a_store_error(tmp_path: Path, create: bool) -> None:
    path = tmp_path / "history.db"
    with _writer(path):
        pass
    path.chmod(0)
    try:
        with pytest.raises(StoreError, match="cannot read the history"):
            open_history(path, create=create)
    finally:
        path.chmod(0o600)


def test_a_damaged_history_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    with _writer(path) as conn:
        for i in range(20):
            record(conn, _rec(f"ev-{i}", name="Long name " * 40), replace=False, now=NOW)
    page = 4096
    assert path.stat().st_size > 4 * page
    path.write_bytes(path.read_bytes()[: 2 * page])  # the header survives, the rest is lost
    # Found when opening or when reading: either will do.
    with (
        pytest.raises(StoreError, match=r"history\.db: the history database is damaged"),
        _reader(path) as conn,
    ):
        events(conn)


def test_the_checks_see_one_moment_of_a_file_another_netplan_initialises(
    tmp_path: Path,
) -> None:
    """Another netplan committing the first migration between two header reads of the
    checks must not make the file look foreign to them."""
    path = tmp_path / "history.db"
    path.touch()
    with (
        closing(sqlite3.connect(path, isolation_level=None)) as checking,
        closing(sqlite3.connect(path, isolation_level=None, timeout=0)) as other,
    ):

        def meanwhile(statement: str) -> None:
            if statement == "PRAGMA user_version":
                checking.set_trace_callback(None)
                # Has to wait for the check's read to end: it gives up at once here.
                with suppress(sqlite3.OperationalError):
                    store_db.migrate(other, path)

        checking.set_trace_callback(meanwhile)
        assert store_db._version(checking, path) == 0  # new, as of the moment it was read
        assert not other.in_transaction  # its failed commit was rolled back
        assert store_db._version(checking, path) == 0


# --- schema versions and migrations ---------------------------------------------------


def _make_v1(path: Path) -> None:
    """A history as the first netplan with a history left it: MIGRATIONS[:1], and data."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN")
        for statement in MIGRATIONS[0]:
            conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA user_version = 1")
        conn.execute(
            "INSERT INTO event VALUES (1, 'old-1', 'Winter Meetup', '2023-12-01', 'go-alone',"
            " 3, 1, '2023-12-02T10:00:00+00:00')"
        )
        conn.execute("INSERT INTO came VALUES (1, 0, 'Avery Sample')")
        conn.executemany(
            "INSERT INTO planned VALUES (1, ?, ?)", [(0, "Quinn Example"), (1, "Rowan Test")]
        )
        conn.execute(
            "INSERT INTO met VALUES (1, 1, 0, 'Quinn Example', 'quinn@example.com', 'Example Co',"
            " NULL, NULL, 'quinn example', 'quinn@example.com', NULL)"
        )
        conn.execute("COMMIT")


OLD = DebriefRecord(
    event_id="old-1",
    name="Winter Meetup",
    date=dt.date(2023, 12, 1),
    verdict="go-alone",
    came=("Avery Sample",),
    goal=3,
    targets_planned=("Quinn Example", "Rowan Test"),
    met=(MetPerson("Quinn Example", "quinn@example.com", "Example Co"),),
    other_new=1,
    done=(),
)


def _read_all(
    conn: HistoryConnection,
) -> tuple[list[EventSummary], list[MetRow], HistorySnapshot, DebriefRecord | None]:
    return (
        events(conn),
        met_people(conn),
        snapshot(conn, ["quinn example", "quinn@example.com"]),
        load_debrief(conn, "old-1"),
    )


def test_a_first_schema_history_is_read_as_is_and_migrated_by_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    _make_v1(path)
    before = _fingerprint(path)

    # A reader reads the old schema without upgrading it.
    with _reader(path) as conn:
        assert conn.version == 1
        old_view = _read_all(conn)
    assert old_view[3] == OLD
    assert old_view[2] == HistorySnapshot(
        events=tuple(old_view[0]),
        met_before={
            "quinn example": dt.date(2023, 12, 1),
            "quinn@example.com": dt.date(2023, 12, 1),
        },
    )
    assert _fingerprint(path) == before

    # A writer upgrades it, and every old row reads the same.
    with _writer(path) as conn:
        assert conn.version == SCHEMA_VERSION == 3
        assert _read_all(conn) == old_view
        record(conn, _rec(), replace=False, now=NOW)
        assert load_debrief(conn, "ev-1") == _rec()  # introductions and ticked items
    with closing(sqlite3.connect(path)) as raw:
        assert raw.execute("PRAGMA user_version").fetchone() == (3,)
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_an_old_public_profile_recorded_under_its_slug_is_not_matched_by_it(
    tmp_path: Path,
) -> None:
    """Earlier netplans keyed linkedin.com/pub/slug/1a/2b/3c as "in/slug": only a name,
    which another person's /in/ profile could have."""
    path = tmp_path / "history.db"
    _make_v1(path)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute(
            "INSERT INTO met VALUES (2, 1, 1, 'Rowan Test', NULL, NULL, NULL,"
            " 'https://www.LinkedIn.com/pub/rowan-test/1a/2b/3c', 'rowan test', NULL,"
            " 'in/rowan-test')"
        )
    winter = dt.date(2023, 12, 1)
    with _reader(path) as conn:  # read as it is
        assert snapshot(conn, ["in/rowan-test"]).met_before == {}
        assert snapshot(conn, ["rowan test"]).met_before == {"rowan test": winter}
    with _writer(path) as conn:
        assert snapshot(conn, ["in/rowan-test"]).met_before == {}
        met = MetPerson("Sky Doe", linkedin="linkedin.com/pub/sky-doe/4d/5e/6f")
        record(conn, _rec(met=(met,)), replace=False, now=NOW)
        # Recorded now, it is keyed by its whole path, and found by it.
        assert list(snapshot(conn, ["pub/sky-doe/4d/5e/6f", "in/sky-doe"]).met_before) == [
            "pub/sky-doe/4d/5e/6f"
        ]


def test_a_reader_that_cannot_read_an_old_schema_asks_for_a_debrief(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.db"
    _make_v1(path)
    before = _fingerprint(path)
    monkeypatch.setattr(store_db, "OLDEST_READABLE", 2)
    with pytest.raises(StoreError, match="older format; record a debrief to upgrade it"):
        open_history(path, create=False)
    assert _fingerprint(path) == before


def test_a_failing_migration_leaves_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.db"
    _make_v1(path)
    rows = _rows(path)
    # Version 2's first statement runs, then one fails: neither may stay.
    broken = (MIGRATIONS[0], (MIGRATIONS[1][0], "CREATE TABLE broken ("))
    monkeypatch.setattr(store_db, "MIGRATIONS", broken)
    with pytest.raises(sqlite3.OperationalError):
        open_history(path, create=True)
    with closing(sqlite3.connect(path)) as raw:
        assert raw.execute("PRAGMA user_version").fetchone() == (1,)
        columns = [c[1] for c in raw.execute("PRAGMA table_info(met)")]
    assert "introduced_by" not in columns
    assert _rows(path) == rows


def _schema(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")
    return sorted((kind, name, " ".join(sql.split())) for kind, name, sql in rows)


def test_the_released_first_schema_never_changes() -> None:
    with (
        closing(sqlite3.connect(":memory:")) as released,
        closing(sqlite3.connect(":memory:")) as current,
    ):
        released.executescript((FIXTURES / "schema_v1.sql").read_text(encoding="utf-8"))
        for statement in MIGRATIONS[0]:
            current.execute(statement)
        assert _schema(current) == _schema(released)


# --- transactions: concurrency, busy, failures ----------------------------------------

_CHILD = """
import datetime as dt, sys, time
from contextlib import closing, suppress
from pathlib import Path
from netplan.model.history import DebriefRecord, MetPerson
from netplan.store import open_history, record

path, tag, go, n = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
while not go.exists():
    time.sleep(0.001)
for i in range(n):
    with closing(open_history(path, create=True)) as conn:
        people = tuple(MetPerson(f"{tag} person {i} {j}") for j in range(20))
        rec = DebriefRecord(f"{tag}-{i}", f"Event {tag} {i}", dt.date(2024, 1, 1 + i), "go-alone",
                            ("Avery Sample",), 3, (), people, 0, ("ticked",))
        record(conn, rec, replace=False)
"""


def test_two_processes_recording_at_once_both_land(tmp_path: Path) -> None:
    path = tmp_path / "history.db"  # not there yet: both also race to create it
    go = tmp_path / "go"
    n = 15
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(path), tag, str(go), str(n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    time.sleep(0.3)  # both started and waiting
    go.touch()
    for child in children:
        _, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
    with _reader(path) as conn:
        recorded = events(conn)
        assert sorted(s.event_id for s in recorded) == sorted(
            f"{tag}-{i}" for tag in ("a", "b") for i in range(n)
        )
        assert {s.targets_met for s in recorded} == {20}
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.fixture
def held_write_lock(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """Another writer in the middle of a transaction on tmp_path/history.db."""
    path = tmp_path / "history.db"
    with _writer(path):
        pass
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        yield other
        if other.in_transaction:
            other.execute("ROLLBACK")


def test_a_busy_history_waits_then_says_so(
    tmp_path: Path, held_write_lock: sqlite3.Connection
) -> None:
    path = tmp_path / "history.db"
    with _writer(path, timeout=0.3) as conn:  # opening needs no lock on a current file
        start = time.monotonic()
        with pytest.raises(StoreError) as caught:
            record(conn, _rec(), replace=False, now=NOW)
        waited = time.monotonic() - start
        assert not conn.in_transaction
    assert str(caught.value).endswith(
        "history.db: the history is busy (another netplan is writing); try again"
    )
    assert waited >= 0.25
    held_write_lock.execute("ROLLBACK")
    with _reader(path) as conn:
        assert events(conn) == []


def test_a_write_waits_for_another_to_finish(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    with _writer(path):
        pass
    locked, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        with closing(sqlite3.connect(path, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")
            locked.set()
            release.wait(10)
            time.sleep(0.3)
            other.execute("COMMIT")

    thread = threading.Thread(target=other_writer)
    thread.start()
    try:
        assert locked.wait(10)
        release.set()
        with _writer(path) as conn:
            start = time.monotonic()
            record(conn, _rec(), replace=False, now=NOW)
            assert time.monotonic() - start >= 0.2  # it did wait, then wrote
    finally:
        release.set()
        thread.join()
    with _reader(path) as conn:
        assert [s.event_id for s in events(conn)] == ["ev-1"]


def _many_people(n: int) -> tuple[MetPerson, ...]:
    return tuple(
        MetPerson(f"Person {i}", company="A long company name " * 5, title="Title " * 10)
        for i in range(n)
    )


def test_a_full_disk_mid_write_records_nothing(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    with _writer(path) as conn:
        record(conn, _rec(), replace=False, now=NOW)
    rows = _rows(path)
    with _writer(path) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # room for a few rows only
        for event_id, replace in (("ev-2", False), ("ev-1", True)):
            with pytest.raises(StoreError, match="disk is full; the history was not changed"):
                record(conn, _rec(event_id, met=_many_people(3000)), replace=replace, now=NOW)
            assert not conn.in_transaction
        assert load_debrief(conn, "ev-1") == _rec()
    assert _rows(path) == rows


def test_an_insert_failing_mid_write_records_nothing(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    with _writer(path) as conn:
        record(conn, _rec(), replace=False, now=NOW)
    rows = _rows(path)
    with _writer(path) as conn:
        # Fails the third person met: the event, who came and two people are in by then.
        conn.execute(
            "CREATE TEMP TRIGGER fail BEFORE INSERT ON main.met WHEN NEW.pos = 2"
            " BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
        )
        for event_id, replace in (("ev-2", False), ("ev-1", True)):
            with pytest.raises(sqlite3.IntegrityError, match="simulated failure"):
                record(conn, _rec(event_id, met=_many_people(5)), replace=replace, now=NOW)
            assert not conn.in_transaction
        assert _rows(path) == rows
        conn.execute("DROP TRIGGER fail")
        record(conn, _rec("ev-2", met=_many_people(5)), replace=False, now=NOW)  # still usable
    assert [r[1] for r in _rows(path)["event"]] == ["ev-1", "ev-2"]


# --- snapshots of a large history -----------------------------------------------------

START = dt.date(2020, 1, 1)
N_EVENTS, N_PEOPLE = 1000, 50_000


def _fill(conn: HistoryConnection) -> None:
    """1,000 events (the last one undated) and 50,000 people met, in one transaction.

    Person p is met at event p % 1000 (dated START + p % 1000 days); emails for even
    p, profiles for p divisible by 3. A few people are met more than once.
    """
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO event (id, event_id, name, date, verdict, goal, other_new, recorded_at)"
        " VALUES (?, ?, ?, ?, 'go-alone', 5, 1, ?)",
        (
            (
                e + 1,
                f"ev-{e}",
                f"Event {e}",
                None if e == N_EVENTS - 1 else (START + dt.timedelta(days=e)).isoformat(),
                "2019-06-01T12:00:00+00:00",
            )
            for e in range(N_EVENTS)
        ),
    )
    people = [
        (
            f"Person {p}",
            f"person{p}@example.com" if p % 2 == 0 else None,
            f"https://linkedin.com/in/person-{p}" if p % 3 == 0 else None,
            p % N_EVENTS,
        )
        for p in range(N_PEOPLE)
    ]
    people += [
        ("Dana Often", None, None, 10),
        ("Dana Often", None, None, 500),
        ("Dana Often", None, None, 20),
        ("Eli Renamed", "eli@example.com", None, 3),
        ("Eli R.", "ELI@example.com", None, 900),
    ]
    conn.executemany(
        "INSERT INTO met (event, pos, name, email, linkedin, name_key, email_key, profile_key)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                event + 1,
                i,
                name,
                email,
                linkedin,
                name_key(name),
                email and email_key(email),
                linkedin and profile_key(linkedin),
            )
            for i, (name, email, linkedin, event) in enumerate(people)
        ),
    )
    conn.execute("COMMIT")


def _day(event: int) -> dt.date:
    return dt.date(2019, 6, 1) if event == N_EVENTS - 1 else START + dt.timedelta(days=event)


@pytest.fixture(scope="module")
def big_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "history.db"
    with _writer(path) as conn:
        _fill(conn)
    return path


def test_snapshot_of_a_large_history_finds_the_last_meeting(big_history: Path) -> None:
    with _reader(big_history) as conn:
        snap = snapshot(
            conn,
            [
                "dana often",  # met at events 10, 500, 20
                "eli@example.com",  # the same email under two names
                "person 42",
                "person42@example.com",
                "in/person-999",  # met at the undated event: its recording day
                "person 1",  # odd: no email
                "person1@example.com",
                "never met",
                "",
            ],
        )
    assert len(snap.events) == N_EVENTS
    assert snap.events[0].event_id == "ev-999"  # undated, recorded 2019-06-01
    assert snap.events[1].date == START
    assert snap.events[1].new_contacts == N_PEOPLE // N_EVENTS + 1
    assert snap.met_before == {
        "dana often": _day(500),
        "eli@example.com": _day(900),
        "person 42": _day(42),
        "person42@example.com": _day(42),
        "in/person-999": _day(999),
        "person 1": _day(1),
    }
    assert snap.last_met(["person 42", "in/person-42", "nope"]) == _day(42)
    assert snap.last_met(["eli renamed", "eli@example.com"]) == _day(900)
    assert snap.last_met(["never met"]) is None


def test_snapshot_of_many_keys_is_chunked_and_complete(big_history: Path) -> None:
    keys = [f"person {p}" for p in range(0, 1400, 2)] + [f"nobody {i}" for i in range(400)]
    keys += [f"person{p}@example.com" for p in range(0, 600, 2)]
    with _reader(big_history) as conn:
        # The smallest limit an SQLite build may have: one query for all keys would fail.
        conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
        snap = snapshot(conn, keys)
    expected = {f"person {p}": _day(p % N_EVENTS) for p in range(0, 1400, 2)}
    expected |= {f"person{p}@example.com": _day(p) for p in range(0, 600, 2)}
    assert dict(snap.met_before) == expected
    assert len(keys) > 4 * store_history._CHUNK  # several queries


def test_snapshot_cost_follows_the_keys_not_the_history(big_history: Path) -> None:
    """A few keys are a few index lookups: counted in SQLite VM steps, not seconds."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    with _reader(big_history) as conn:
        conn.set_progress_handler(count, 100)
        snapshot(conn, [])
        baseline, steps = steps, 0
        snapshot(conn, ["person 42", "person42@example.com", "in/person-42", "dana often"])
        lookups = steps - baseline
        conn.set_progress_handler(None, 0)
    # Reading one key column of every person would take more than 50,000 steps.
    assert lookups < 20, lookups  # fewer than 2,000 VM instructions


def test_history_snapshot_last_met_and_empty() -> None:
    snap = HistorySnapshot(
        events=(), met_before={"a": dt.date(2024, 1, 1), "b": dt.date(2024, 3, 1)}
    )
    assert snap.last_met(["a", "b", "c"]) == dt.date(2024, 3, 1)
    assert snap.last_met(iter(["a"])) == dt.date(2024, 1, 1)
    assert snap.last_met([]) is None
    with pytest.raises(TypeError):
        snap.met_before["c"] = dt.date(2024, 1, 1)  # type: ignore[index]
    assert HistorySnapshot.empty() == HistorySnapshot(events=(), met_before={})
    assert HistorySnapshot.empty().last_met(["a"]) is None


def test_targets_met_who_were_not_new_do_not_count_as_new_contacts(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    rec = DebriefRecord(
        event_id="e",
        name="Expo",
        date=dt.date(2027, 3, 18),
        verdict="go-alone",
        came=(),
        goal=3,
        targets_planned=("Kim", "Lou"),
        met=(MetPerson("Kim"), MetPerson("Lou", new=False)),
        other_new=2,
        done=(),
    )
    with closing(open_history(path, create=True)) as conn:
        record(conn, rec, replace=False)
        (summary,) = events(conn)
        assert (summary.targets_met, summary.new_contacts) == (2, 1 + 2)
        assert load_debrief(conn, "e") == rec
