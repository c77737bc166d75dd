"""Plan → terminal report (rich), rendered to a string.

Input text only ever enters rich as `Text` built by `safety.text`, so it is
never parsed as markup; the console itself is told to ignore the environment,
so the caller alone decides colour and width.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from netplan.plan import PHASES, Plan
from netplan.safety import text

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

# Laying out a rich row costs far more than writing a line of JSON, and nobody
# reads thousands of rows in a terminal: beyond this, point to the exports.
TARGET_ROWS_SHOWN = 15

_KINDS = (
    ("pro", "Pros", "green", "+"),
    ("con", "Cons", "red", "-"),
    ("tip", "Tips", "yellow", "*"),
)


def _console(width: int, color: bool) -> tuple[Console, io.StringIO]:
    from rich.console import Console

    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
        legacy_windows=False,
        _environ={},
    )
    return console, out


def _rows(rows: Sequence[tuple[RenderableType, RenderableType]], indent: int = 2) -> RenderableType:
    from rich.padding import Padding
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for left, right in rows:
        grid.add_row(left, right)
    return Padding(grid, (0, 0, 0, indent))


def _plan(plan: Plan) -> list[RenderableType]:
    from rich.padding import Padding
    from rich.text import Text

    e = plan.event
    meta = [e.kind, *([e.date.isoformat()] if e.date else []), *([e.venue] if e.venue else [])]
    meta.append(f"goal: {e.goal}, {plan.new_contacts_goal} new contacts")
    parts: list[RenderableType] = [
        Text.assemble(Text(f"[{plan.verdict}] ", style="bold cyan"), text(plan.headline, "bold")),
        Text.assemble(text(e.name, "bold"), text(" · " + " · ".join(meta), "dim")),
    ]
    bring = [c for c in plan.colleagues if c.recommendation == "bring"]
    leave = [c for c in plan.colleagues if c.recommendation == "leave"]
    for title, group in (("Bring", bring), ("Leave at the office", leave)):
        if group:
            parts += [Text(""), Text(title, style="bold")]
            # One wrapped line each: a long name must wrap, not be cut off.
            parts += [
                Padding(
                    Text.assemble(text(c.name), text("  " + ", ".join(c.reasons), "dim")),
                    (0, 0, 0, 2),
                )
                for c in group
            ]
    for kind, title, style, mark in _KINDS:
        found = [f for f in plan.findings if f.kind == kind]
        if found:
            parts += [Text(""), Text(title, style="bold")]
            parts.append(
                _rows([(Text(f"{mark} {f.rule}", style=style), text(f.message)) for f in found])
            )
    parts += [Text(""), Text("Checklist", style="bold")]
    for phase in PHASES:
        items = [i for i in plan.checklist if i.phase == phase]
        if not items:
            continue
        shown = [i for i in items if i.target is None]
        targets = [i for i in items if i.target is not None]
        # Keep the phase's own order, cutting only the per-target rows.
        keep = {id(i) for i in targets[:TARGET_ROWS_SHOWN]} | {id(i) for i in shown}
        rows: list[tuple[RenderableType, RenderableType]] = [
            (Text("[ ]"), text(i.text)) for i in items if id(i) in keep
        ]
        hidden = len(targets) - TARGET_ROWS_SHOWN
        if hidden > 0:
            note = (
                f"... and {hidden:,} more targets: see --format markdown or json for all of them."
            )
            rows.append((Text("   "), Text(note, style="dim")))
        parts += [Text("  " + phase.capitalize(), style="bold"), _rows(rows, indent=4)]
    if plan.rules_off:
        parts += [Text(""), Text("Rules switched off: " + ", ".join(plan.rules_off), style="dim")]
    return parts


def render(plans: Sequence[Plan], *, width: int = 80, color: bool = False) -> str:
    """Each plan in turn; with several, a summary table at the end."""
    from rich.rule import Rule

    console, out = _console(width, color)
    for n, plan in enumerate(plans):
        if n:
            console.print(Rule(style="dim"))
        for part in _plan(plan):
            console.print(part)
    if len(plans) > 1:
        console.print()
        console.print(summary_table(plans))
    # Grid cells are padded to the column width; trailing blanks only get in
    # the way of diffs and pipes.
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"


def summary_table(plans: Sequence[Plan]) -> RenderableType:
    from rich.table import Table

    table = Table(title="Summary", title_justify="left", show_lines=False)
    for column in ("Event", "Date", "Verdict", "Bring", "Leave", "Targets"):
        table.add_column(
            column, overflow="fold", justify="right" if column == "Targets" else "left"
        )
    for p in plans:
        table.add_row(
            text(p.event.name),
            text(p.event.date.isoformat() if p.event.date else "-"),
            text(p.verdict),
            text(", ".join(p.brought()) or "-"),
            text(", ".join(p.left()) or "-"),
            text(f"{p.target_count:,}"),
        )
    return table
