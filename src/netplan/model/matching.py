"""The same person across the event file and the lists it refers to. Pure.

`assemble` turns an event and its lists into one list of targets (the file's, then
each imported list's, merged where two records are one person: what the event file
says wins), and says for each target who knows them (a colleague's `knows` or
connections), whether they are registered, and whether you already know them. It
also counts, per colleague, the other attendees they know. People are matched with
`identity.PeopleIndex`: email, then profile URL, then name with no conflicting
company; what is only similar is never merged. Everything is a hash lookup per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from netplan.model.event import Event, Loc, Target
from netplan.model.identity import (
    Ambiguous,
    Keys,
    Match,
    PeopleIndex,
    company_key,
    email_key,
    keys_of,
    name_key,
    profile_key,
)
from netplan.model.kinds import PRIORITIES, Priority

if TYPE_CHECKING:
    from netplan.model.people import Person, Rosters

KNOWS = "knows"  # `via` of an introduction from the event file's `knows`
Found = Match[int] | Ambiguous[int] | None  # what one name found among the targets


class Repeat(NamedTuple):
    """A `knows` entry whose name was listed before, at `first`: not matched again."""

    first: int


class TargetRecord(NamedTuple):
    """A target as the engine sees it, wherever it came from."""

    name: str
    company: str | None
    title: str | None
    priority: Priority
    interests: tuple[str, ...]
    notes: str | None
    email: str | None
    linkedin: str | None
    source: str | None  # the list it came from; None for the event file


class Knowing(NamedTuple):
    colleague: int  # position in the event file
    via: str  # KNOWS, or the connections file


@dataclass(frozen=True, slots=True)
class Assembly:
    targets: tuple[TargetRecord, ...]
    known_by: dict[int, list[Knowing]]  # target position → who knows them
    others: dict[int, int]  # colleague position → other people they know at the event
    registered: tuple[bool | None, ...]  # per target; None without an attendee list
    known_by_me: tuple[bool, ...]
    index: PeopleIndex[int]  # every target, for finding one again
    attendees: int | None = None  # how many attend, with an attendee list
    notices: list[tuple[Loc, str]] = field(default_factory=list)  # ambiguous rows and the like
    # Per colleague, per `knows` entry: the target it found, or that it repeats a name.
    knows_found: tuple[list[Found | Repeat], ...] = ()


def _record_of(t: Target) -> TargetRecord:
    return TargetRecord(
        t.name,
        t.company,
        t.title,
        t.priority,
        tuple(t.interests),
        t.notes,
        t.email,
        t.linkedin,
        None,
    )


def _imported(p: Person, priority: str, source: str) -> TargetRecord:
    level: Priority = next((p for p in PRIORITIES if p == priority), "medium")
    return TargetRecord(
        p.name or p.match_name, p.company, p.title, level, (), None, p.email, p.linkedin, source
    )


def _index(people: Sequence[Person]) -> PeopleIndex[int]:
    index: PeopleIndex[int] = PeopleIndex()
    index.add_many(range(len(people)), _keys(people))
    return index


def _keys(people: Sequence[Person]) -> list[Keys]:
    return [p.keys or keys_of(p.match_name, p.email, p.linkedin, p.company) for p in people]


def assemble(event: Event, rosters: Rosters | None) -> Assembly:
    """`rosters`: the lists the event refers to, read (None: it refers to none)."""
    if rosters is None:
        from netplan.model.people import Rosters

        rosters = Rosters()
    attendees = None if rosters.attendees is None else _index(rosters.attendees)
    records, index, notices = _targets(event, rosters)
    registered: tuple[bool | None, ...] = (None,) * len(records)
    if attendees is not None and rosters.attendees is not None:
        hits = _on_list(
            records, attendees, rosters.attendees, ("event", "attendees"), notices, "both count"
        )
        # Someone of that name attends, whichever target they are: both count as
        # registered (the warning says so) rather than one being put last.
        registered = tuple(h is not None for h in hits)
    known_by_me: tuple[bool, ...] = (False,) * len(records)
    if rosters.mine is not None:
        mine = _index(rosters.mine)
        hits = _on_list(
            records, mine, rosters.mine, ("me", "connections"), notices, "neither counts"
        )
        known_by_me = tuple(isinstance(h, Match) for h in hits)
    known_by, others, knows_found = _knowing(event, rosters, index, attendees, records, notices)
    count = None if rosters.attendees is None else len(rosters.attendees)
    return Assembly(
        tuple(records),
        known_by,
        others,
        registered,
        known_by_me,
        index,
        count,
        notices,
        knows_found,
    )


def _on_list(
    records: Sequence[TargetRecord],
    index: PeopleIndex[int],
    rows: Sequence[Person],
    where: Loc,
    notices: list[tuple[Loc, str]],
    outcome: str,
) -> list[Match[int] | Ambiguous[int] | None]:
    """Each target found in a list (attendees, your connections). A row that several
    targets take by name alone (one bare "Bob Stone" for Bob Stone at Globex and Bob
    Stone at Initech) could be either: for those targets it is Ambiguous, not a
    match, and a notice says so."""
    hits = [index.find(r.name, r.email, r.linkedin, r.company) for r in records]
    takers: dict[int, list[int]] = {}  # row → targets that took it by name alone
    for n, hit in enumerate(hits):
        if isinstance(hit, Match) and hit.how in ("name", "loose"):
            takers.setdefault(hit.value, []).append(n)
    for row, ns in takers.items():
        if len(ns) > 1:
            for n in ns:
                hits[n] = Ambiguous((row,))
            options = " or ".join(f"'{_shown(records[n])}'" for n in ns[:3])
            more = f" (and {len(ns) - 3:,} more)" if len(ns) > 3 else ""
            p = rows[row]
            notices.append(
                (where, f"line {p.line}: '{p.name}' could be {options}{more}: {outcome}")
            )
    return hits


def _shown(record: TargetRecord) -> str:
    return f"{record.name}, {record.company}" if record.company else record.name


def _targets(
    event: Event, rosters: Rosters
) -> tuple[list[TargetRecord], PeopleIndex[int], list[tuple[Loc, str]]]:
    """The file's targets, then each imported list's, merged where they are one person."""
    records = [_record_of(t) for t in event.targets]
    index: PeopleIndex[int] = PeopleIndex()
    index.add_many(
        range(len(records)), [keys_of(r.name, r.email, r.linkedin, r.company) for r in records]
    )
    notices: list[tuple[Loc, str]] = []
    for i, imported in enumerate(rosters.target_lists):
        where: Loc = ("target_lists", i, "file")
        rows: Sequence[Person] = imported.people
        if imported.match == "company" and rosters.attendees is not None:
            accounts = {company_key(p.company or p.name) for p in rows} - {""}
            rows = [p for p in rosters.attendees if company_key(p.company) in accounts]
        for p in rows:
            found = index.find(p.match_name, p.email, p.linkedin, p.company)
            if isinstance(found, Match):
                records[found.value] = _merge(records[found.value], p)
            elif isinstance(found, Ambiguous):
                options = " or ".join(f"'{records[v].name}'" for v in found.values[:3])
                notices.append((where, f"line {p.line}: '{p.name}' could be {options}: not added"))
            elif p.name or p.match_name:
                records.append(_imported(p, imported.priority, imported.source))
                index.add(len(records) - 1, p.match_name, p.email, p.linkedin, p.company)
    return records, index, notices


def _knowing(
    event: Event,
    rosters: Rosters,
    index: PeopleIndex[int],
    attendees: PeopleIndex[int] | None,
    records: Sequence[TargetRecord],
    notices: list[tuple[Loc, str]],
) -> tuple[dict[int, list[Knowing]], dict[int, int], tuple[list[Found | Repeat], ...]]:
    """Who knows each target, how many other people each colleague knows there, and
    what each `knows` entry found. One entry at a time: nothing per entry is kept but
    what it found."""
    known_by: dict[int, list[Knowing]] = {}
    others: dict[int, int] = {}
    knows_found: list[list[Found | Repeat]] = []
    # Colleagues often know the same people: each distinct entry is looked up once.
    looked_up: dict[str, _Lookup] = {}
    for c_pos, c in enumerate(event.colleagues):
        tally = _Tally(c_pos, index, attendees, known_by)
        listed: dict[tuple[str, str], int] = {}
        found_here: list[Found | Repeat] = []
        for j, k in enumerate(c.knows):
            hit = looked_up.get(k)
            if hit is None:
                hit = looked_up[k] = tally.look_up(_knows_keys(k, name_key(k)))
            first = listed.setdefault(hit.key, j)
            if first != j:
                found_here.append(Repeat(first))  # a name listed twice is one
                continue
            found = tally.count(hit, KNOWS)
            if attendees is None and not isinstance(found, Match):
                tally.loose += 1  # without an attendee list, a `knows` name is at the event
            found_here.append(found)
        knows_found.append(found_here)
        if c_pos in rosters.colleagues:
            source, people = rosters.colleagues[c_pos]
            for p, keys in zip(people, _keys(people), strict=True):
                found = tally.note(keys, source)
                if isinstance(found, Ambiguous):
                    options = " or ".join(f"'{_shown(records[v])}'" for v in found.values[:3])
                    notices.append(
                        (
                            ("colleagues", c_pos, "connections"),
                            f"line {p.line}: '{p.name}' could be {options}: "
                            f"not taken as an introduction",
                        )
                    )
        others[c_pos] = len(tally.others) + tally.loose
    return known_by, others, tuple(knows_found)


class _Tally:
    """Whom one colleague knows: targets (into `known_by`) and other attendees."""

    def __init__(
        self,
        colleague: int,
        index: PeopleIndex[int],
        attendees: PeopleIndex[int] | None,
        known_by: dict[int, list[Knowing]],
    ) -> None:
        self.colleague = colleague
        self.index = index
        self.attendees = attendees
        self.known_by = known_by
        self.targets: set[int] = set()
        self.others: set[int] = set()  # attendees who are not targets
        self.loose = 0  # `knows` names at the event, when there is no attendee list

    def note(self, keys: Keys, via: str) -> Found:
        """`count(look_up(keys))` for a person from a list, whose own key no one needs."""
        found = self.index.find_keys(keys)
        if isinstance(found, Match):
            self.target(found.value, via)
        elif self.attendees is not None:
            attendee = self.attendees.find_keys(keys)
            if isinstance(attendee, Match):
                self.others.add(attendee.value)
        return found

    def target(self, n: int, via: str) -> None:
        if n not in self.targets:
            self.targets.add(n)
            self.known_by.setdefault(n, []).append(Knowing(self.colleague, via))

    def look_up(self, keys: Keys) -> _Lookup:
        """Who `keys` are: a target, or else perhaps another attendee."""
        found = self.index.find_keys(keys)
        at = None
        if not isinstance(found, Match) and self.attendees is not None:
            at = self.attendees.find_keys(keys)
        if keys.email:
            key = ("email", keys.email)
        elif keys.profile:
            key = ("profile", keys.profile)
        else:
            key = ("name", keys.name)
        return _Lookup(key, found, at)

    def count(self, hit: _Lookup, via: str) -> Found:
        """Count what a lookup found as someone this colleague knows."""
        found = hit.found
        if isinstance(found, Match):
            self.target(found.value, via)
        elif isinstance(hit.attendee, Match):
            self.others.add(hit.attendee.value)
        return found


class _Lookup(NamedTuple):
    key: tuple[str, str]  # the entry's own key: two entries with one key are one person
    found: Found  # among the targets
    attendee: Found  # among the attendees, when not a target


def _knows_keys(entry: str, key: str) -> Keys:
    """A `knows` entry's keys (`key`: its name_key): it may be a name, an email or a
    profile URL."""
    if email := email_key(entry):
        return Keys("", email, None, "")
    if profile := profile_key(entry):
        return Keys("", None, profile, "")
    return Keys(key, None, None, "")


def _merge(record: TargetRecord, p: Person) -> TargetRecord:
    """A record and the same person from a list: what the record says wins."""
    return record._replace(
        company=record.company or p.company,
        title=record.title or p.title,
        email=record.email or p.email,
        linkedin=record.linkedin or p.linkedin,
    )
