"""Your history as text, markdown, JSON, jsonl and CSV: events with their results, and
the people you met (with `--met`, in the columns HubSpot's contact import expects)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from netplan.model.history import EventSummary, MetRow
from netplan.report.csvout import to_csv
from netplan.report.phrases import names, plural
from netplan.safety import clean, md

BAR_WIDTH = 20


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else "-"


def event_dict(e: EventSummary) -> dict[str, Any]:
    return {
        "id": e.event_id,
        "name": e.name,
        "date": e.date.isoformat() if e.date else None,
        "verdict": e.verdict,
        "came": list(e.came),
        "targets_planned": e.targets_planned,
        "targets_met": e.targets_met,
        "new_contacts": e.new_contacts,
        "goal": e.goal,
    }


def totals(events: Sequence[EventSummary]) -> dict[str, int]:
    return {
        "events": len(events),
        "new_contacts": sum(e.new_contacts for e in events),
        "targets_met": sum(e.targets_met for e in events),
    }


def document(events: Sequence[EventSummary]) -> dict[str, Any]:
    return {"events": [event_dict(e) for e in events], "totals": totals(events)}


def _bar(value: int, goal: int, scale: int) -> str:
    """'████████░░░░' : filled up to the value, shaded up to the goal."""
    filled = round(value * BAR_WIDTH / scale) if scale else 0
    goal_at = round(goal * BAR_WIDTH / scale) if scale else 0
    return "█" * filled + "░" * max(0, goal_at - filled)


def text(events: Sequence[EventSummary]) -> str:
    if not events:
        return "No events recorded yet: run `netplan debrief EVENT.toml` after your next event.\n"
    rows = [
        (
            _day(e.date),
            clean(e.name),
            e.verdict,
            clean(", ".join(e.came)) or "-",
            f"{e.new_contacts}/{e.goal}",
            f"{e.targets_met}/{e.targets_planned}",
        )
        for e in events
    ]
    header = ("date", "event", "verdict", "came", "new/goal", "targets met")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    widths[1] = min(widths[1], 32)
    widths[3] = min(widths[3], 24)

    def line(cells: Sequence[str]) -> str:
        out = []
        for cell, width in zip(cells, widths, strict=True):
            shown = cell if len(cell) <= width else cell[: width - 1] + "…"
            out.append(shown.ljust(width))
        return "  ".join(out).rstrip()

    lines = [line(header), *(line(r) for r in rows)]
    t = totals(events)
    lines += [
        "",
        f"{plural(t['events'], 'event')}, {plural(t['new_contacts'], 'new contact')}, "
        f"{plural(t['targets_met'], 'target')} met.",
        "",
        "New contacts against the goal (█ met, ░ short of the goal)",
    ]
    scale = max(max(e.new_contacts, e.goal) for e in events) or 1
    for e in events:
        label = f"{_day(e.date)} {clean(e.name)}"
        label = label if len(label) <= 30 else label[:29] + "…"
        mark = " ✓" if e.new_contacts >= e.goal else ""
        lines.append(f"{label:<30} {_bar(e.new_contacts, e.goal, scale)} {e.new_contacts}{mark}")
    return "\n".join(lines) + "\n"


def markdown(events: Sequence[EventSummary]) -> str:
    lines = [
        "# Networking history",
        "",
        "| Date | Event | Verdict | Came | New contacts / goal | Targets met / planned |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| {_day(e.date)} | {md(e.name)} | {e.verdict} | {md(names(list(e.came))) or '-'} | "
        f"{e.new_contacts} / {e.goal} | {e.targets_met} / {e.targets_planned} |"
        for e in events
    ]
    t = totals(events)
    lines += [
        "",
        f"**Totals:** {plural(t['events'], 'event')}, "
        f"{plural(t['new_contacts'], 'new contact')}, {plural(t['targets_met'], 'target')} met.",
    ]
    return "\n".join(lines) + "\n"


def events_csv(events: Sequence[EventSummary]) -> str:
    header = ["id", "date", "event", "verdict", "came", "new_contacts", "goal"]
    header += ["targets_met", "targets_planned"]
    return to_csv(
        header,
        (
            [
                e.event_id,
                _day(e.date),
                e.name,
                e.verdict,
                "; ".join(e.came),
                e.new_contacts,
                e.goal,
                e.targets_met,
                e.targets_planned,
            ]
            for e in events
        ),
    )


# HubSpot's contact import recognises these column names.
CRM_COLUMNS = ("First Name", "Last Name", "Email", "Company Name", "Job Title", "Note")


def split_name(name: str) -> tuple[str, str]:
    """'Ana María Ruiz' → ('Ana María', 'Ruiz'); a single word is a first name."""
    words = name.split()
    if len(words) < 2:
        return name.strip(), ""
    return " ".join(words[:-1]), words[-1]


def met_note(row: MetRow) -> str:
    return f"Met at {row.event_name}" + (
        f" on {row.event_date.isoformat()}" if row.event_date else ""
    )


def met_csv(rows: Sequence[MetRow]) -> str:
    return to_csv(
        CRM_COLUMNS,
        ([*split_name(r.name), r.email, r.company, r.title, met_note(r)] for r in rows),
    )


def met_dicts(rows: Sequence[MetRow]) -> list[dict[str, Any]]:
    return [
        {
            "name": r.name,
            "email": r.email,
            "company": r.company,
            "title": r.title,
            "linkedin": r.linkedin,
            "event": r.event_name,
            "date": r.event_date.isoformat() if r.event_date else None,
        }
        for r in rows
    ]


def met_text(rows: Sequence[MetRow]) -> str:
    if not rows:
        return "Nobody recorded yet.\n"
    return "".join(
        f"{_day(r.event_date)}  {clean(r.name)}"
        + (
            f" ({clean(', '.join(x for x in (r.title, r.company) if x))})"
            if r.title or r.company
            else ""
        )
        + f"  at {clean(r.event_name)}\n"
        for r in rows
    )


def met_markdown(rows: Sequence[MetRow]) -> str:
    lines = [
        "# People met",
        "",
        "| Date | Name | Title | Company | Event |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| {_day(r.event_date)} | {md(r.name)} | {md(r.title or '')} | {md(r.company or '')} | "
        f"{md(r.event_name)} |"
        for r in rows
    ]
    return "\n".join(lines) + "\n"
