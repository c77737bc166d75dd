"""The team roll-up (`engine.rollup`) as text, markdown, JSON, JSON Lines or CSV.

Untrusted text passes `safety.clean` for text and CSV, `safety.md` for markdown;
JSON keeps the exact data. CSV cells that a spreadsheet would run as a formula get a
leading apostrophe.

The text layout is for an 80-column terminal: the date, verdict and count columns
never wrap (they are as wide as their longest value); names wrap, with a hanging
indent, and long lists end in "and N more".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from typing import Any, Literal

from netplan.engine.rollup import EventRow, Overlap, PersonRow, Rollup
from netplan.report.csvout import to_csv
from netplan.report.json import dumps
from netplan.report.phrases import NAMES_SHOWN, clock, names, overlap_text, plural
from netplan.safety import clean, md

TeamFormat = Literal["text", "markdown", "md", "json", "jsonl", "csv"]
TEAM_FORMATS = ("text", "markdown", "json", "jsonl", "csv")
SCHEMA_VERSION = 1


def canonical(name: str) -> str:
    lowered = name.lower()
    lowered = "markdown" if lowered == "md" else lowered
    if lowered not in TEAM_FORMATS:
        raise KeyError(name)
    return lowered


def render(data: Rollup, fmt: str, *, width: int = 80, people: bool = False) -> str:
    """The whole roll-up in `fmt`; CSV holds events, or people with `people`."""
    match canonical(fmt):
        case "text":
            return _text(data, width)
        case "markdown":
            return _markdown(data)
        case "json":
            return dumps(document(data))
        case "jsonl":
            return "".join(dumps(line, indent=None) for line in _lines(data))
        case _:
            return _csv(data, people)


# --- shared pieces ---------------------------------------------------------------------


def _when(row: EventRow) -> str:
    """'2026-12-08', '2026-12-08 18:00', or '-' without a date: the event's own clock."""
    if row.start is not None:
        return f"{row.start:%Y-%m-%d %H:%M}"
    return row.day.isoformat() if row.day else "-"


def _span(row: EventRow) -> str:
    """'2026-12-08 18:00 to 20:00' (the end only when the file gives one)."""
    if row.start is None or row.end is None:
        return _when(row)
    return f"{_when(row)} to {clock(row.end, row.start.date())}"


def _owners(row: EventRow) -> list[str]:
    return [f"{person} {n:,}" for person, n in row.owners]


def _capped(items: Sequence[str], sep: str = ", ") -> str:
    """Items joined, the first NAMES_SHOWN of them, then 'and N more'."""
    shown = sep.join(items[:NAMES_SHOWN])
    more = len(items) - NAMES_SHOWN
    return shown + (f" and {more:,} more" if more > 0 else "")


def _event_names(data: Rollup, indexes: Sequence[int]) -> list[str]:
    return [data.events[n].name for n in indexes]


def summary(data: Rollup) -> str:
    return ", ".join(
        [
            plural(len(data.events), "event"),
            plural(len(data.people), "person", "people"),
            plural(len(data.overlaps), "overlap"),
        ]
    )


def _overlap_sentence(data: Rollup, o: Overlap) -> str:
    a, b = data.events[o.first], data.events[o.second]
    return overlap_text(o.person, a.name, _span(a), b.name, _span(b), same_day=o.basis == "day")


# --- text --------------------------------------------------------------------------------

# A date-time (or a span of them) stays on one line: the spaces inside it are glued
# with a NUL, which cleaned text never holds, before the text is split into words.
_DATE_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d(?: to (?:\d{4}-\d\d-\d\d )?\d\d:\d\d)?")
_GLUE = "\x00"
_LABEL = 8  # "overlap " : the detail labels' column


def _cells(s: str) -> int:
    """Terminal columns `s` takes (text already cleaned: no controls)."""
    if s.isascii():
        return len(s)
    width = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cf", "Mn", "Me"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _fold(word: str, room: int) -> list[str]:
    """A word wider than the line, cut into pieces that fit."""
    pieces, piece, used = [], "", 0
    for ch in word:
        w = _cells(ch)
        if used + w > room and piece:
            pieces.append(piece)
            piece, used = "", 0
        piece += ch
        used += w
    return [*pieces, piece] if piece else pieces


def _wrap(value: str, width: int, first: str, rest: str) -> list[str]:
    """`value` after `first`, wrapped to `width`; continuation lines start with `rest`."""
    room = max(12, width - len(first))  # prefixes are ASCII
    lines: list[str] = []
    line, used = "", 0
    glued = _DATE_TIME.sub(lambda m: m.group().replace(" ", _GLUE), value)
    for word in (w.replace(_GLUE, " ") for w in glued.split(" ") if w):
        w = _cells(word)
        if line and used + 1 + w <= room:
            line, used = f"{line} {word}", used + 1 + w
            continue
        if line:
            lines.append(line)
        parts = _fold(word, room) if w > room else [word]
        lines.extend(parts[:-1])
        line, used = parts[-1], _cells(parts[-1])
    lines.append(line)
    return [(first if n == 0 else rest) + text for n, text in enumerate(lines)]


def _details(rows: list[tuple[str, str]], width: int) -> list[str]:
    out: list[str] = []
    for label, value in rows:
        if value:
            out += _wrap(clean(value), width, f"  {label:<{_LABEL}}", " " * (_LABEL + 2))
    return out


def _text(data: Rollup, width: int) -> str:
    out = [summary(data)]
    dates = [_when(e) for e in data.events]
    dw = max(len("Date"), *map(len, dates))
    vw = max(len("Verdict"), *(len(e.verdict) for e in data.events))
    tw = max(len("Targets"), *(len(f"{e.targets:,}") for e in data.events))
    out += ["", "Events", f"{'Date':<{dw}}  {'Verdict':<{vw}}  {'Targets':>{tw}}  Event"]
    for e, date in zip(data.events, dates, strict=True):
        head = f"{date:<{dw}}  {e.verdict:<{vw}}  {f'{e.targets:,}':>{tw}}  "
        out += _wrap(clean(e.name), width, head, " " * len(head))
        out += _details(
            [
                ("goes", names(e.going, NAMES_SHOWN)),
                ("stays", names(e.staying, NAMES_SHOWN)),
                ("owns", _capped(_owners(e))),
                ("overlap", names(e.overlaps, NAMES_SHOWN)),
            ],
            width,
        )
    out += ["", "People", "Goes  Stays  Owns  Overlaps  Person"]
    for p in data.people:
        head = f"{len(p.going):>4,}  {len(p.staying):>5,}  {p.owns:>4,}  {p.overlaps:>8,}  "
        out += _wrap(clean(p.name), width, head, " " * len(head))
        out += _details(
            [
                ("goes to", names(_event_names(data, p.going), NAMES_SHOWN)),
                ("stays", names(_event_names(data, p.staying), NAMES_SHOWN)),
            ],
            width,
        )
    if data.overlaps:
        out += ["", "Overlaps"]
        for o in data.overlaps:
            out += _wrap(clean(_overlap_sentence(data, o)), width, "! ", "  ")
    return "\n".join(line.rstrip() for line in out) + "\n"


# --- markdown ----------------------------------------------------------------------------


def _table(header: Sequence[str], align: str, rows: list[list[str]]) -> list[str]:
    """A GFM table; `align` has one 'l' or 'r' per column. Cells are already escaped."""
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("| " + " | ".join("---:" if a == "r" else "---" for a in align) + " |")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _markdown(data: Rollup) -> str:
    out = ["# Team roll-up", "", md(summary(data)) + ".", "", "## Events", ""]
    out += _table(
        ["Date", "Event", "Verdict", "Goes", "Stays", "Targets", "Owners", "Overlaps"],
        "lllllrll",
        [
            [
                _when(e),
                md(e.name),
                e.verdict,
                md(names(e.going, NAMES_SHOWN)),
                md(names(e.staying, NAMES_SHOWN)),
                f"{e.targets:,}",
                md(_capped(_owners(e))),
                md(names(e.overlaps, NAMES_SHOWN)),
            ]
            for e in data.events
        ],
    )
    out += ["", "## People", ""]
    out += _table(
        ["Person", "Goes to", "Stays for", "Targets owned", "Overlaps"],
        "lllrr",
        [
            [
                md(p.name),
                md(names(_event_names(data, p.going), NAMES_SHOWN)),
                md(names(_event_names(data, p.staying), NAMES_SHOWN)),
                f"{p.owns:,}",
                f"{p.overlaps:,}",
            ]
            for p in data.people
        ],
    )
    if data.overlaps:
        out += ["", "## Overlaps", ""]
        out += [f"- {md(_overlap_sentence(data, o))}" for o in data.overlaps]
    return "\n".join(out) + "\n"


# --- JSON --------------------------------------------------------------------------------


def _iso(moment: dt.date | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _ref(data: Rollup, n: int) -> dict[str, Any]:
    row = data.events[n]
    return {"index": n, "event": row.name, "source": row.source}


def _event(row: EventRow) -> dict[str, Any]:
    return {
        "event": row.name,
        "source": row.source,
        "date": _iso(row.day),
        "start": _iso(row.start),
        "end": _iso(row.end),
        "verdict": row.verdict,
        "going": list(row.going),
        "staying": list(row.staying),
        "targets": row.targets,
        "owners": [{"name": p, "targets": n} for p, n in row.owners],
        "overlaps": list(row.overlaps),
    }


def _person(data: Rollup, p: PersonRow) -> dict[str, Any]:
    return {
        "name": p.name,
        "going": [_ref(data, n) for n in p.going],
        "staying": [_ref(data, n) for n in p.staying],
        "targets_owned": p.owns,
        "overlaps": p.overlaps,
    }


def _overlap(data: Rollup, o: Overlap) -> dict[str, Any]:
    return {
        "person": o.person,
        "basis": o.basis,
        "events": [_ref(data, o.first), _ref(data, o.second)],
    }


def document(data: Rollup) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "events": [_event(e) for e in data.events],
        "people": [_person(data, p) for p in data.people],
        "overlaps": [_overlap(data, o) for o in data.overlaps],
    }


def _lines(data: Rollup) -> list[dict[str, Any]]:
    """One object per event, then per person, then per overlap, each with its type."""
    return [
        *({"type": "event", **_event(e)} for e in data.events),
        *({"type": "person", **_person(data, p)} for p in data.people),
        *({"type": "overlap", **_overlap(data, o)} for o in data.overlaps),
    ]


# --- CSV ---------------------------------------------------------------------------------

EVENT_COLUMNS = (
    "date",
    "start",
    "end",
    "event",
    "verdict",
    "going",
    "staying",
    "targets",
    "owners",
    "overlaps",
    "source",
)
PERSON_COLUMNS = (
    "person",
    "goes",
    "stays",
    "targets_owned",
    "overlaps",
    "going_to",
    "staying_for",
)
LIST_SEPARATOR = "; "


def _csv(data: Rollup, people: bool) -> str:
    if people:
        return to_csv(
            PERSON_COLUMNS,
            (
                [
                    p.name,
                    len(p.going),
                    len(p.staying),
                    p.owns,
                    p.overlaps,
                    LIST_SEPARATOR.join(_event_names(data, p.going)),
                    LIST_SEPARATOR.join(_event_names(data, p.staying)),
                ]
                for p in data.people
            ),
        )
    return to_csv(
        EVENT_COLUMNS,
        (
            [
                _iso(e.day),
                _iso(e.start),
                _iso(e.end),
                e.name,
                e.verdict,
                LIST_SEPARATOR.join(e.going),
                LIST_SEPARATOR.join(e.staying),
                e.targets,
                LIST_SEPARATOR.join(_owners(e)),
                LIST_SEPARATOR.join(e.overlaps),
                e.source,
            ]
            for e in data.events
        ),
    )
