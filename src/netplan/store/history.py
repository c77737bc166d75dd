"""Recording debriefs and reading the history back.

Order: events are listed oldest first by their day, then in the order they were
first recorded. An event without a date counts as happening on the (local) day it
was first recorded, both for the order and for "last met" dates: a debrief is
recorded soon after the event. Replacing a debrief keeps the event's place (its
first recording time), so correcting it never reorders the history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from netplan.model.history import (
    DebriefRecord,
    EventSummary,
    HistorySnapshot,
    MetPerson,
    MetRow,
)
from netplan.model.identity import email_key, name_key, profile_key
from netplan.store.db import HistoryConnection, StoreError, transaction, translated


class AlreadyRecorded(StoreError):
    """A debrief for this event is already in the history (and replacing was not asked)."""

    def __init__(self, existing: EventSummary) -> None:
        super().__init__(
            f'a debrief for "{existing.name}" ({existing.event_id}) was already recorded'
            f" on {existing.recorded_at[:10]}"
        )
        self.existing = existing


# The day an event counts as happening on (see the module docstring).
_DAY = "COALESCE(e.date, substr(e.recorded_at, 1, 10))"

_SUMMARIES = """
    SELECT e.id, e.event_id, e.name, e.date, e.verdict, e.goal, e.other_new, e.recorded_at,
        (SELECT count(*) FROM planned AS p WHERE p.event = e.id),
        (SELECT count(*) FROM met AS m WHERE m.event = e.id),
        (SELECT {new} FROM met AS m WHERE m.event = e.id)
    FROM event AS e
"""
# Schema 3 says which targets met were new contacts; before it, all of them were.
_NEW_SINCE = 3

# Keys per lookup query: each is one named parameter (used for all three key
# columns), so a query binds about 300, under 999, the smallest variable limit an
# SQLite build may have.
_CHUNK = 300


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _summaries(
    conn: HistoryConnection, where: str = "", params: tuple[object, ...] = ()
) -> list[tuple[int, EventSummary]]:
    """(row id, summary) of the events matching `where`, oldest first."""
    new = "count(*)" if conn.version < _NEW_SINCE else "coalesce(sum(m.new), 0)"
    query = _SUMMARIES.format(new=new)
    rows = conn.execute(f"{query} {where} ORDER BY {_DAY}, e.id", params).fetchall()
    came: dict[int, list[str]] = {}
    came_sql = "SELECT event, name FROM came"
    if where:
        came_sql += " WHERE event IN (SELECT e.id FROM event AS e " + where + ")"
    for event, name in conn.execute(came_sql + " ORDER BY event, pos", params):
        came.setdefault(event, []).append(name)
    return [
        (
            rowid,
            EventSummary(
                event_id=event_id,
                name=name,
                date=_date(date),
                verdict=verdict,
                came=tuple(came.get(rowid, ())),
                targets_planned=planned,
                targets_met=met,
                new_contacts=new + other_new,
                goal=goal,
                recorded_at=recorded_at,
            ),
        )
        for (
            rowid,
            event_id,
            name,
            date,
            verdict,
            goal,
            other_new,
            recorded_at,
            planned,
            met,
            new,
        ) in rows
    ]


def _check(rec: DebriefRecord) -> None:
    """Refuse a record the schema would refuse, with a message that says which part."""
    if not rec.event_id:
        raise ValueError("a debrief needs an event id")
    if isinstance(rec.date, dt.datetime):
        raise ValueError("a debrief's date is a date, not a datetime")
    if rec.goal < 0 or rec.other_new < 0:
        raise ValueError("a debrief's goal and count of other new people cannot be negative")
    for person in rec.met:
        if not name_key(person.name):
            raise ValueError("a person met needs a name")


def record(
    conn: HistoryConnection,
    rec: DebriefRecord,
    *,
    replace: bool,
    now: dt.datetime | None = None,
) -> EventSummary | None:
    """Record a debrief in one transaction; returns the summary it replaced, if any.

    A debrief already recorded for `rec.event_id` is kept and `AlreadyRecorded` raised,
    unless `replace`. Any error leaves the history as it was. `now` (default: the
    clock) is the recording time, used only for a new event.
    """
    if not conn.writable:
        raise ValueError("recording needs a history opened with create=True")
    _check(rec)
    recorded_at = (now or dt.datetime.now()).astimezone().isoformat(timespec="seconds")
    date = None if rec.date is None else rec.date.isoformat()
    met = [
        (
            p.name,
            p.email,
            p.company,
            p.title,
            p.linkedin,
            name_key(p.name),
            email_key(p.email) if p.email else None,
            profile_key(p.linkedin) if p.linkedin else None,
            p.introduced_by,
            int(p.new),
        )
        for p in rec.met
    ]
    with translated(conn.path), transaction(conn):
        found = _summaries(conn, "WHERE e.event_id = ?", (rec.event_id,))
        previous = found[0][1] if found else None
        if found:
            if not replace:
                raise AlreadyRecorded(found[0][1])
            event = found[0][0]
            conn.execute(
                "UPDATE event SET name = ?, date = ?, verdict = ?, goal = ?, other_new = ?"
                " WHERE id = ?",
                (rec.name, date, rec.verdict, rec.goal, rec.other_new, event),
            )
            for table in ("came", "planned", "met", "done"):
                conn.execute(f"DELETE FROM {table} WHERE event = ?", (event,))
        else:
            cursor = conn.execute(
                "INSERT INTO event (event_id, name, date, verdict, goal, other_new, recorded_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (rec.event_id, rec.name, date, rec.verdict, rec.goal, rec.other_new, recorded_at),
            )
            assert cursor.lastrowid is not None
            event = cursor.lastrowid
        for table, column, values in (
            ("came", "name", rec.came),
            ("planned", "name", rec.targets_planned),
            ("done", "text", rec.done),
        ):
            conn.executemany(
                f"INSERT INTO {table} (event, pos, {column}) VALUES (?, ?, ?)",
                ((event, pos, value) for pos, value in enumerate(values)),
            )
        conn.executemany(
            "INSERT INTO met (event, pos, name, email, company, title, linkedin,"
            " name_key, email_key, profile_key, introduced_by, new)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((event, pos, *row) for pos, row in enumerate(met)),
        )
        _not_new_later(conn, event, {k for row in met for k in row[5:8] if k})
    return previous


# Events in the order they happened: by day (the event's date, else the day it was
# recorded), and within a day in the order they were recorded.
_AFTER = f"({_DAY} > :day OR ({_DAY} = :day AND e.id > :id))"
_BEFORE = f"({_DAY} < :day OR ({_DAY} = :day AND e.id < :id))"


def _not_new_later(conn: HistoryConnection, event: int, keys: set[str]) -> None:
    """Those met at an event recorded after a later one are no longer new contacts of
    the later one: debriefs caught up on out of order count each person new once."""
    (day,) = conn.execute(f"SELECT {_DAY} FROM event AS e WHERE e.id = ?", (event,)).fetchone()
    later = f"SELECT e.id FROM event AS e WHERE {_AFTER}"
    for chunk in _chunks(sorted(keys), _CHUNK):
        named = {f"k{i}": key for i, key in enumerate(chunk)}
        marks = ", ".join(f":{name}" for name in named)
        conn.execute(
            f"UPDATE met SET new = 0 WHERE new = 1 AND event IN ({later}) AND"
            f" (name_key IN ({marks}) OR email_key IN ({marks}) OR (profile_key IN ({marks})"
            f"{_NOT_A_PUB_SLUG.replace('m.', '')}))",
            {"day": day, "id": event, **named},
        )


@contextmanager
def _reading(conn: HistoryConnection) -> Iterator[None]:
    """Several queries as one read: they all see the same history, even mid-debrief."""
    if conn.in_transaction:
        yield
        return
    with transaction(conn, "BEGIN"):
        yield


def events(conn: HistoryConnection) -> list[EventSummary]:
    """Every recorded event, oldest first (see the module docstring for the order)."""
    with translated(conn.path), _reading(conn):
        return [summary for _, summary in _summaries(conn)]


def met_people(conn: HistoryConnection) -> list[MetRow]:
    """Everyone met, in the order of the events, then as recorded within each event."""
    with translated(conn.path), _reading(conn):
        rows = conn.execute(
            "SELECT m.name, m.email, m.company, m.title, m.linkedin, e.name, e.date"
            f" FROM met AS m JOIN event AS e ON e.id = m.event ORDER BY {_DAY}, e.id, m.pos"
        ).fetchall()
    return [
        MetRow(name, email, company, title, linkedin, event_name, _date(event_date))
        for name, email, company, title, linkedin, event_name, event_date in rows
    ]


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


# Earlier versions recorded an old public profile (linkedin.com/pub/slug/1a/2b/3c) as
# "in/slug": its slug alone, which is only a name and may be someone else's /in/
# profile. Such a key is not trusted (the name and email still are); a profile
# recorded now is keyed by its whole path, "pub/slug/1a/2b/3c".
_NOT_A_PUB_SLUG = " AND NOT (m.profile_key LIKE 'in/%' AND m.linkedin LIKE '%linkedin.com/pub/%')"


def _last_met_sql(n: int, before: bool) -> str:
    """The last day each of n keys was met, whichever column (name, email, profile) it is in
    (`before`: only at events that came before the one given as :day and :id).

    CROSS JOIN keeps `met` as the outer loop, so each key is an index lookup and each
    row found one lookup of its event by id: the cost follows the rows found, not
    the size of the history.
    """
    marks = ", ".join(f":k{i}" for i in range(n))
    parts = [
        f"SELECT m.{column} AS key, {_DAY} AS day FROM met AS m CROSS JOIN event AS e"
        f" ON e.id = m.event WHERE m.{column} IN ({marks}) AND e.event_id IS NOT :excluding"
        + (f" AND {_BEFORE}" if before else "")
        + (_NOT_A_PUB_SLUG if column == "profile_key" else "")
        for column in ("name_key", "email_key", "profile_key")
    ]
    return f"SELECT key, max(day) FROM ({' UNION ALL '.join(parts)}) GROUP BY key ORDER BY key"


def snapshot(
    conn: HistoryConnection,
    keys: Iterable[str],
    excluding: str | None = None,
    before: dt.date | None = None,
) -> HistorySnapshot:
    """Every event (oldest first), and the last day each of `keys` was met.

    `keys` are identity keys of any kind, matched against all three key columns.
    Only those keys are looked up, in indexed queries of at most _CHUNK keys. The
    event `excluding` names (the one being advised on, if it was already debriefed)
    is left out of both, so advice never learns from the event itself. Only meetings
    at events that came before it count: on an earlier day (`before`, its day; else,
    once recorded, the day it was recorded), or on the same day and recorded before
    it. A debrief of an older event recorded late must not take a later meeting for an
    earlier one; of a conference and its evening mixer, the one recorded second sees
    the first, and the first never sees the second, even when recorded again.
    """
    wanted = sorted({k for k in keys if k})
    met_before: dict[str, dt.date] = {}
    with translated(conn.path), _reading(conn):
        summaries = [s for _, s in _summaries(conn) if s.event_id != excluding]
        own = conn.execute(
            f"SELECT e.id, {_DAY} FROM event AS e WHERE e.event_id = ?", (excluding,)
        ).fetchone()
        # Not recorded yet: it will be recorded after every event there is.
        own_id, own_day = own if own is not None else (_LAST, None)
        day = before.isoformat() if before is not None else own_day
        order = {"day": day, "id": own_id, "excluding": excluding}
        for chunk in _chunks(wanted, _CHUNK):
            named = {f"k{i}": key for i, key in enumerate(chunk)}
            query = _last_met_sql(len(chunk), day is not None)
            for key, day_met in conn.execute(query, {**order, **named}):
                met_before[key] = dt.date.fromisoformat(day_met)
    return HistorySnapshot(events=tuple(summaries), met_before=met_before)


_LAST = 2**62  # above any row id


def load_debrief(conn: HistoryConnection, event_id: str) -> DebriefRecord | None:
    """The debrief recorded for `event_id`, as recorded; None when there is none.

    From a schema 1 history (read without migrating), introductions and ticked
    items read as none: that schema did not record them.
    """
    with translated(conn.path), _reading(conn):
        row = conn.execute(
            "SELECT id, name, date, verdict, goal, other_new FROM event WHERE event_id = ?",
            (event_id,),
        ).fetchone()
        if row is None:
            return None
        event, name, date, verdict, goal, other_new = row
        v2 = conn.version >= 2

        def texts(sql: str) -> tuple[str, ...]:
            return tuple(text for (text,) in conn.execute(sql, (event,)))

        came = texts("SELECT name FROM came WHERE event = ? ORDER BY pos")
        planned = texts("SELECT name FROM planned WHERE event = ? ORDER BY pos")
        done = texts("SELECT text FROM done WHERE event = ? ORDER BY pos") if v2 else ()
        introduced = "introduced_by" if v2 else "NULL"
        new = "new" if conn.version >= _NEW_SINCE else "1"
        met = tuple(
            MetPerson(name, email, company, title, linkedin, by, bool(new))
            for name, email, company, title, linkedin, by, new in conn.execute(
                f"SELECT name, email, company, title, linkedin, {introduced}, {new}"
                " FROM met WHERE event = ? ORDER BY pos",
                (event,),
            )
        )
    return DebriefRecord(
        event_id=event_id,
        name=name,
        date=_date(date),
        verdict=verdict,
        came=came,
        goal=goal,
        targets_planned=planned,
        met=met,
        other_new=other_new,
        done=done,
    )
