"""The manager's roll-up: many plans in, one row per event, one per person, and the
overlaps where one person is booked for two events at once. Pure: plans in, data out.

People are matched across files as the identity module matches names: by
`name_key` ("José Díaz", "JOSÉ  díaz"), failing that by `loose_key` when it points
at exactly one person already seen ("jose díaz", "Tomas J. Herrera" for "Tomás
Herrera"). A loose match counts, and is returned in `merged` so the caller can say
so. The first spelling, in event order, names the row.

Two bookings of one person overlap when both events have a date and
- either has no start time: they share a day;
- both have start times: their [start, end) intervals intersect, an event without
  an end lasting `DEFAULT_EVENT_LENGTH`. A zoned time and a floating one (local
  wherever you are) are compared on their wall clocks.
The same event planned in two files (same name key and day) is not an overlap.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Literal, NamedTuple

from netplan.model.identity import loose_key, name_key
from netplan.model.kinds import Verdict
from netplan.model.plan import Plan
from netplan.model.when import after, event_day

# How long an event with a start time but no end is taken to last: by `team` for
# overlaps and by `calendar` for the event's DTEND. Long enough for a mixer.
DEFAULT_EVENT_LENGTH = dt.timedelta(hours=2)

Basis = Literal["day", "times"]


class EventRow(NamedTuple):
    source: str
    name: str
    day: dt.date | None  # the day it starts on, in its own clock
    start: dt.datetime | None  # None: no start time (a date only, or no date)
    end: dt.datetime | None  # as the file gives it (ends, duration_minutes); None if not
    verdict: Verdict
    going: tuple[str, ...]  # the rep first, then colleagues brought
    staying: tuple[str, ...]
    targets: int
    owners: tuple[tuple[str, int], ...]  # (person, targets they own), in `going` order
    overlaps: tuple[str, ...] = ()  # people going here who are booked elsewhere too


class PersonRow(NamedTuple):
    name: str  # as first written, in event order
    going: tuple[int, ...]  # indexes into Rollup.events
    staying: tuple[int, ...]
    owns: int  # targets owned, over every event they go to
    overlaps: int


class Overlap(NamedTuple):
    person: str
    first: int  # indexes into Rollup.events, first < second
    second: int
    basis: Basis  # "day": one of them has no start time; "times": intervals intersect


class Merge(NamedTuple):
    source: str
    written: str
    person: str  # the row it was counted in


class Rollup(NamedTuple):
    events: tuple[EventRow, ...]
    people: tuple[PersonRow, ...]
    overlaps: tuple[Overlap, ...]
    merged: tuple[Merge, ...]  # loose matches: names counted as someone written otherwise


def event_row(plan: Plan) -> EventRow:
    """All the roll-up needs of a plan: `team` keeps this and lets the plan go."""
    start = next((s.at for s in plan.schedule if s.what == "arrive"), None)
    end = next((s.at for s in plan.schedule if s.what == "leave"), None)
    counts = Counter(b.owner or plan.me for b in plan.targets)
    going = plan.going
    return EventRow(
        source=plan.source,
        name=plan.event.name,
        day=event_day(plan.event),
        start=start,
        end=end,
        verdict=plan.verdict,
        going=going,
        staying=plan.left,
        targets=len(plan.targets),
        owners=tuple((p, counts[p]) for p in going if counts[p]),
    )


def _order(indexed: tuple[int, EventRow]) -> tuple[bool, dt.date, dt.time, int]:
    n, row = indexed
    clock = row.start.time() if row.start is not None else dt.time.min
    return (row.day is None, row.day or dt.date.min, clock, n)


def _days(row: EventRow) -> tuple[dt.date, dt.date]:
    """First and last day the event covers, on its own clock."""
    assert row.day is not None
    if row.start is None:
        return row.day, row.day
    last = (_end(row) - dt.timedelta(microseconds=1)).date()
    return row.start.date(), max(last, row.start.date())


def _end(row: EventRow) -> dt.datetime:
    assert row.start is not None
    return row.end if row.end is not None else after(row.start, DEFAULT_EVENT_LENGTH)


def clash(a: EventRow, b: EventRow) -> Basis | None:
    """Whether one person can be at both `a` and `b`: None if so, else on what basis not."""
    if a.day is None or b.day is None:
        return None
    if a.day == b.day and name_key(a.name) == name_key(b.name):
        return None  # one event, planned in two files
    if a.start is None or b.start is None:
        (a0, a1), (b0, b1) = _days(a), _days(b)
        return "day" if a0 <= b1 and b0 <= a1 else None
    starts, ends = (a.start, b.start), (_end(a), _end(b))
    if (a.start.tzinfo is None) != (b.start.tzinfo is None):
        # Floating against zoned: compare what the clocks on the wall say.
        starts = (starts[0].replace(tzinfo=None), starts[1].replace(tzinfo=None))
        ends = (ends[0].replace(tzinfo=None), ends[1].replace(tzinfo=None))
    return "times" if starts[0] < ends[1] and starts[1] < ends[0] else None


class _Person:
    __slots__ = ("going", "name", "owns", "staying")

    def __init__(self, name: str) -> None:
        self.name = name
        self.going: list[int] = []
        self.staying: list[int] = []
        self.owns = 0


class _People:
    """Everyone seen so far, found by name key, then by an unambiguous loose key."""

    def __init__(self) -> None:
        self.all: list[_Person] = []
        self._exact: dict[str, _Person] = {}
        self._loose: dict[str, list[_Person]] = {}
        self.merged: list[Merge] = []

    def find(self, name: str, event: int, source: str) -> _Person:
        key = name_key(name)
        person = self._exact.get(key)
        if person is not None:
            return person
        loose = loose_key(name)
        candidates = self._loose.setdefault(loose, [])
        if len(candidates) == 1:
            match = candidates[0]
            # Two people of one file are two people, however alike their names. (Events
            # are read in order, so one already booked here is the last booked.)
            if event not in match.going[-1:] and event not in match.staying[-1:]:
                self._exact[key] = match
                self.merged.append(Merge(source, name, match.name))
                return match
        person = _Person(name)
        self.all.append(person)
        self._exact[key] = person
        candidates.append(person)
        return person


def rollup(plans: Sequence[Plan]) -> Rollup:
    return rollup_rows([event_row(p) for p in plans])


def rollup_rows(event_rows: Sequence[EventRow]) -> Rollup:
    """Events sorted by day (then start time as written, then input order), people by
    name key, overlaps by person then event."""
    events = [r for _, r in sorted(enumerate(event_rows), key=_order)]
    people = _People()
    booked: list[list[tuple[str, _Person]]] = []  # per event: (name as written, person)
    for n, row in enumerate(events):
        owned = dict(row.owners)
        here: list[tuple[str, _Person]] = []
        for name in row.going:
            person = people.find(name, n, row.source)
            person.going.append(n)  # before the next name: find() checks it
            person.owns += owned.get(name, 0)
            here.append((name, person))
        for name in row.staying:
            people.find(name, n, row.source).staying.append(n)
        booked.append(here)

    ordered = sorted(people.all, key=lambda p: name_key(p.name))
    overlaps = _overlaps(events, ordered)
    flagged: dict[int, set[str]] = {}
    counts: Counter[str] = Counter()
    for o in overlaps:
        counts[o.person] += 1
        flagged.setdefault(o.first, set()).add(o.person)
        flagged.setdefault(o.second, set()).add(o.person)
    for n, who in flagged.items():
        named = tuple(written for written, person in booked[n] if person.name in who)
        events[n] = events[n]._replace(overlaps=named)

    rows = tuple(
        PersonRow(p.name, tuple(p.going), tuple(p.staying), p.owns, counts[p.name]) for p in ordered
    )
    return Rollup(tuple(events), rows, overlaps, tuple(people.merged))


# Local days of two events in different zones can be a day apart and still clash.
_REACH = dt.timedelta(days=1)
# Each booking is compared with at most this many later ones in reach: a person booked
# for thousands of events on one day gets a linear, not a quadratic, list of clashes.
MAX_COMPARED = 64


def _overlaps(events: Sequence[EventRow], people: Sequence[_Person]) -> tuple[Overlap, ...]:
    """Every clash, person by person, then by event. A sweep over each person's bookings
    in day order: only events whose days come within reach are compared."""
    spans = {n: _days(e) for n, e in enumerate(events) if e.day is not None}
    found: list[Overlap] = []
    for person in people:
        dated = sorted((n for n in person.going if n in spans), key=lambda n: (spans[n], n))
        mine: list[Overlap] = []
        for i, a in enumerate(dated):
            reach = spans[a][1] + _REACH
            for b in dated[i + 1 : i + 1 + MAX_COMPARED]:
                if spans[b][0] > reach:
                    break
                basis = clash(events[a], events[b])
                if basis is not None:
                    mine.append(Overlap(person.name, min(a, b), max(a, b), basis))
        found += sorted(mine, key=lambda o: (o.first, o.second))
    return tuple(found)
