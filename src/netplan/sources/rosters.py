"""The lists an event file refers to: attendees, your connections, colleagues'
connections, lists of targets. Paths → read lists, each problem located at the key
that names the file.

Paths are relative to the event file's folder (to the working directory for an event
read from standard input), with `~` expanded. A file named twice is read once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType

from netplan.errors import InputError
from netplan.model.event import Event, Loc
from netplan.model.people import ImportedList, ListFile, Rosters


def references(event: Event) -> Iterator[tuple[Loc, str]]:
    """Every list the event names, with where it names it."""
    if event.event.attendees is not None:
        yield ("event", "attendees"), event.event.attendees
    if event.me.connections is not None:
        yield ("me", "connections"), event.me.connections
    for i, c in enumerate(event.colleagues):
        if c.connections is not None:
            yield ("colleagues", i, "connections"), c.connections
    for i, t in enumerate(event.target_lists):
        yield ("target_lists", i, "file"), t.file


def resolve(value: str, base: Path) -> Path:
    path = Path(os.path.expanduser(value))
    return path if path.is_absolute() else base / path


def load(
    event: Event, base: Path, event_file: Path | None
) -> tuple[Rosters, list[tuple[Loc, str]], list[tuple[Loc, str]]]:
    """(the lists read, problems, warnings), problems and warnings as (where, message).

    Every file's bytes are read first: together they set how many people the lists may
    hold (a `Quota`, a list named twice counting twice), so whichever list passes that
    cap is refused at the person past it; the lists after it are not read."""
    from netplan.sources.lists import Quota, parse_list, source_name

    accounts = {
        ("target_lists", i, "file")
        for i, t in enumerate(event.target_lists)
        if t.match == "company"
    }
    named, data, problems = _read_all(event, base, event_file)
    quota = Quota.of(
        sum(len(d) for d in data.values() if isinstance(d, bytes)), "this event's lists"
    )
    last = {file: n for n, (_, _, _, file) in enumerate(named)}  # where its bytes can go
    read: dict[str, ListFile] = {}
    refused: dict[str, str] = {}  # why, for each place that names the file
    got: dict[Loc, ListFile] = {}
    warnings: list[tuple[Loc, str]] = []
    for n, (loc, value, path, file) in enumerate(named):
        key = file + ("#accounts" if loc in accounts else "")
        if quota.spent:
            break  # the event is refused already: the lists after are not read
        if key in read:
            # Named again, its people count again: each place is matched on its own.
            try:
                quota.take(read[key].people, source_name(path))
            except InputError as e:
                problems.append((loc, f"'{_short(value)}'{_why(e)}"))
                continue
        elif key not in refused:
            try:
                found = data[file]
                if isinstance(found, InputError):
                    raise found
                listed = parse_list(found, source_name(path), accounts=loc in accounts, quota=quota)
            except InputError as e:
                refused[key] = _why(e)
            else:
                read[key] = listed
                warnings += _noticed(value, listed, loc)
            finally:
                del found
        if last[file] == n:
            del data[file]  # its bytes go once no other place names it
        if key in refused:
            problems.append((loc, f"'{_short(value)}'{refused[key]}"))
        else:
            got[loc] = read[key]
    order = {loc: n for n, (loc, _) in enumerate(references(event))}
    problems.sort(key=lambda p: order[p[0]])  # in file order, as the lists are named
    for i, t in enumerate(event.target_lists):
        if t.match == "company" and event.event.attendees is None:
            problems.append(
                (
                    ("target_lists", i, "match"),
                    'match = "company" needs [event] attendees: the attendees of each '
                    "account become targets",
                )
            )
    return _rosters(event, got), problems, warnings


def _read_all(
    event: Event, base: Path, event_file: Path | None
) -> tuple[list[tuple[Loc, str, Path, str]], dict[str, bytes | InputError], list[tuple[Loc, str]]]:
    """Each place that names a list (where, as written, path, file), the bytes of each
    file (or why it cannot be read), and the places that name the event file itself."""
    from netplan.sources.lists import read_list_file

    named: list[tuple[Loc, str, Path, str]] = []
    data: dict[str, bytes | InputError] = {}  # by file: read once however it is named
    problems: list[tuple[Loc, str]] = []
    for loc, value in references(event):
        path = resolve(value, base)
        if event_file is not None and _same(path, event_file):
            problems.append((loc, f"'{_short(value)}' is this event file itself, not a list"))
            continue
        file = os.path.normpath(path)
        named.append((loc, value, path, file))
        if file not in data:
            try:
                data[file] = read_list_file(path)
            except InputError as e:
                data[file] = e
    return named, data, problems


def _why(e: InputError) -> str:
    """What is wrong with a list, as told after its name: " (line N): reason"."""
    reason = "; ".join(p.message for p in e.problems) or "cannot be read"
    where = e.problems[0].line if e.problems and e.problems[0].line else None
    return (f" (line {where})" if where else "") + f": {reason}"


def _noticed(value: str, listed: ListFile, loc: Loc) -> list[tuple[Loc, str]]:
    """The warnings of a list read: what its reader noticed, and the rows it skipped."""
    out = [(loc, f"'{_short(value)}': {w}") for w in listed.warnings]
    if listed.skipped:
        first = ", ".join(f"line {s.line} ({s.reason})" for s in listed.skipped[:3])
        rows = "1 row" if len(listed.skipped) == 1 else f"{len(listed.skipped):,} rows"
        out.append((loc, f"'{_short(value)}': {rows} skipped: {first}"))
    return out


def _rosters(event: Event, got: dict[Loc, ListFile]) -> Rosters:
    attendees = got.get(("event", "attendees"))
    mine = got.get(("me", "connections"))
    colleagues = {
        i: (
            got[("colleagues", i, "connections")].source,
            got[("colleagues", i, "connections")].people,
        )
        for i in range(len(event.colleagues))
        if ("colleagues", i, "connections") in got
    }
    lists = tuple(
        ImportedList(
            got[("target_lists", i, "file")].source,
            t.priority,
            t.match,
            got[("target_lists", i, "file")].people,
        )
        for i, t in enumerate(event.target_lists)
        if ("target_lists", i, "file") in got
    )
    return Rosters(
        attendees=tuple(p for p in attendees.people if p.attending) if attendees else None,
        mine=mine.people if mine else None,
        colleagues=MappingProxyType(colleagues),
        target_lists=lists,
    )


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _short(value: str) -> str:
    return value if len(value) <= 80 else value[:80] + "…"
