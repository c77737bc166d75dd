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
    """(the lists read, problems, warnings), problems and warnings as (where, message)."""
    from netplan.sources.lists import load_list

    read: dict[str, ListFile] = {}
    got: dict[Loc, ListFile] = {}
    problems: list[tuple[Loc, str]] = []
    warnings: list[tuple[Loc, str]] = []
    accounts = {
        ("target_lists", i, "file")
        for i, t in enumerate(event.target_lists)
        if t.match == "company"
    }
    for loc, value in references(event):
        path = resolve(value, base)
        key = os.path.normpath(path) + ("#accounts" if loc in accounts else "")
        if event_file is not None and _same(path, event_file):
            problems.append((loc, f"'{_short(value)}' is this event file itself, not a list"))
            continue
        if key not in read:
            try:
                read[key] = load_list(path, accounts=loc in accounts)
            except InputError as e:
                reason = "; ".join(p.message for p in e.problems) or "cannot be read"
                where = e.problems[0].line if e.problems and e.problems[0].line else None
                at = f" (line {where})" if where else ""
                problems.append((loc, f"'{_short(value)}'{at}: {reason}"))
                continue
            listed = read[key]
            warnings += [(loc, f"'{_short(value)}': {w}") for w in listed.warnings]
            if listed.skipped:
                first = ", ".join(f"line {s.line} ({s.reason})" for s in listed.skipped[:3])
                rows = "1 row" if len(listed.skipped) == 1 else f"{len(listed.skipped):,} rows"
                warnings.append((loc, f"'{_short(value)}': {rows} skipped: {first}"))
        got[loc] = read[key]
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
