"""Plan → terminal report (rich), rendered to a string.

Input text only ever enters rich as `Text` built by `safety.text`, so it is
never parsed as markup; the console itself is told to ignore the environment,
so the caller alone decides colour and width.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from netplan.model.kinds import PHASES
from netplan.model.plan import Finding, Plan
from netplan.report import Options
from netplan.report.diagram import tree
from netplan.report.phrases import (
    clock,
    finding_message,
    goal_phrase,
    headline,
    item_text,
    reasons,
    schedule_text,
)
from netplan.safety import text

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

EXTENSION = ".txt"

# Laying out a rich row costs far more than writing a line of JSON, and nobody
# reads thousands of rows in a terminal: beyond this, point to the exports.
TARGET_ROWS_SHOWN = 15
# The same for colleagues in each group and findings of each kind: a real event has
# a handful; a file of 80,000 colleagues would take a quarter of a minute to lay out.
ROWS_SHOWN = 50
# Below this width the tree of who covers whom would wrap into noise: left out.
TREE_MIN_WIDTH = 60

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
        legacy_windows=False,
        _environ={},
    )
    return console, out


class _Lines:
    """Wraps text to the width itself, so the console prints each line as it is.

    Cheaper than laying out a table per section, and it gives rows a hanging
    indent: continuation lines start under the text, not under the marker.
    """

    # Lines are handed to the console in batches of this many: a report of 40,000
    # findings must not hold 40,000 laid-out lines (and their spans) at once.
    BATCH = 256

    def __init__(self, console: Console, buffer: io.StringIO, width: int) -> None:
        self.console = console
        self.buffer = buffer
        self.width = width
        self.lines: list[Text] = []
        self.done: list[str] = []  # the report so far, a batch of lines a piece

    def flush(self) -> None:
        """Print the lines gathered so far: one line each, as if printed together."""
        from rich.text import Text

        if self.lines:
            self.console.print(Text("\n").join(self.lines), soft_wrap=True)
            self.lines.clear()
        self.drain()

    def drain(self) -> None:
        """Move what the console printed into `done`, without trailing blanks (table
        cells are padded to the column width: noise in diffs and pipes)."""
        printed = self.buffer.getvalue()
        if printed:
            self.buffer.seek(0)
            self.buffer.truncate()
            self.done.append("\n".join(line.rstrip() for line in printed.splitlines()) + "\n")

    def add(self, line: Text, indent: int = 0) -> None:
        self.rows([(None, line)], indent)

    def blank(self) -> None:
        from rich.text import Text

        self.lines.append(Text())

    def rows(self, rows: Sequence[tuple[Text | None, Text]], indent: int = 2) -> None:
        """Rows of a marker and a text wrapped beside it, in a hanging indent."""
        from rich.text import Text

        gutter = max((m.cell_len + 1 for m, _ in rows if m is not None), default=0)
        room = max(10, self.width - indent - gutter)
        for marker, body in rows:
            wrapped = body.wrap(self.console, room, overflow="fold")
            for n, part in enumerate(wrapped):
                head = Text(" " * indent)
                if gutter:
                    head.append_text(marker if n == 0 and marker is not None else Text())
                    head.pad_right(indent + gutter - head.cell_len)
                self.lines.append(Text.assemble(head, part))
                if len(self.lines) >= self.BATCH:
                    self.flush()


def _plan(plan: Plan, out: _Lines) -> None:
    from rich.text import Text

    e = plan.event
    meta = [e.kind, *([e.date.isoformat()] if e.date else []), *([e.venue] if e.venue else [])]
    meta.append(f"goal: {e.goal}, meet {goal_phrase(plan.new_contacts_goal)}")
    out.add(
        Text.assemble(Text(f"[{plan.verdict}] ", style="bold cyan"), text(headline(plan), "bold"))
    )
    out.add(Text.assemble(text(e.name, "bold"), text(" · " + " · ".join(meta), "dim")))
    bring = [c for c in plan.colleagues if c.recommendation == "bring"]
    leave = [c for c in plan.colleagues if c.recommendation == "leave"]
    for title, group in (("Bring", bring), ("Leave at the office", leave)):
        if group:
            out.blank()
            out.add(Text(title, style="bold"))
            for c in group[:ROWS_SHOWN]:
                out.add(Text.assemble(text(c.name), text("  " + reasons(c), "dim")), 2)
            _more(out, len(group), "colleagues")
    for kind, title, style, mark in _KINDS:
        found = [f for f in plan.findings if f.kind == kind]
        if found:
            out.blank()
            out.add(Text(title, style="bold"))
            out.rows([_finding_row(f, plan, mark, style) for f in found[:ROWS_SHOWN]])
            _more(out, len(found), title.lower())
    if plan.schedule:
        out.blank()
        out.add(Text("Schedule", style="bold"))
        day = plan.schedule[0].at.date()
        out.rows([(Text(clock(s.at, day)), text(schedule_text(s, plan))) for s in plan.schedule])
    out.blank()
    _checklist(plan, out)
    covers = tree(plan)
    if covers and out.width >= TREE_MIN_WIDTH:
        out.blank()
        out.add(Text("Who covers whom", style="bold"))
        for depth, line in covers:
            out.add(text(("└ " if depth else "") + line), 2 + 2 * depth)
    if plan.rules_off:
        out.blank()
        out.add(Text("Rules switched off: " + ", ".join(plan.rules_off), style="dim"))


def _more(out: _Lines, count: int, what: str) -> None:
    """Say how many rows past ROWS_SHOWN are left out, if any."""
    from rich.text import Text

    if count > ROWS_SHOWN:
        note = f"... and {count - ROWS_SHOWN:,} more {what}: see --format markdown or json."
        out.add(Text(note, style="dim"), 2)


def _finding_row(f: Finding, plan: Plan, mark: str, style: str) -> tuple[Text, Text]:
    from rich.text import Text

    message = text(finding_message(f, plan))
    if f.resolved:
        message.append(" (resolved)", style="dim")
    return Text(f"{mark} {f.rule}", style=style), message


def _checklist(
    plan: Plan, out: _Lines, title: str = "Checklist", reader: str | None = None
) -> None:
    from rich.text import Text

    checklist = plan.checklist if reader is None else plan.checklist_for(reader)
    out.add(text(title, "bold"))
    for phase in PHASES:
        items = [i for i in checklist if i.phase == phase]
        if not items:
            continue
        # Keep the phase's own order, cutting only the per-target rows; the note
        # takes the place of the rows it stands for.
        targets = sum(1 for i in items if i.target is not None)
        shown = 0
        rows: list[tuple[Text | None, Text]] = []
        for i in items:
            if i.target is not None:
                shown += 1
                if shown > TARGET_ROWS_SHOWN:
                    if shown == targets:
                        hidden = targets - TARGET_ROWS_SHOWN
                        note = (
                            f"... and {hidden:,} more targets: see --format markdown or json "
                            "for all of them."
                        )
                        rows.append((None, Text(note, style="dim")))
                    continue
            rows.append((Text("[x]" if i.done else "[ ]"), text(item_text(i, plan, reader))))
        out.add(Text("  " + phase.capitalize(), style="bold"))
        out.rows(rows, indent=4)


def _document(plans: Iterable[Plan], options: Options) -> list[str]:
    """The report, in pieces of a few hundred lines: joined, or written one by one.
    Each plan is let go once written: a summary row is all that is kept of it."""
    from rich.text import Text

    console, buffer = _console(options.width, options.color)
    out = _Lines(console, buffer, options.width)
    rows: list[tuple[str, ...]] = []
    for plan in plans:
        if rows:
            out.add(Text("─" * options.width, style="dim"))
        if options.checklist_only:
            title = f"Checklist: {plan.event.name}"
            if options.reader is not None:
                title = f"Checklist for {options.reader}: {plan.event.name}"
            _checklist(plan, out, title, options.reader)
        else:
            _plan(plan, out)
        out.flush()
        rows.append(_summary_row(plan))
        del plan  # not held while the next one is made
    if len(rows) > 1 and not options.checklist_only:
        console.print()
        console.print(summary_table(rows))
        out.drain()
    return out.done or ["\n"]


def between(options: Options) -> str:
    """The rule `render` draws between two plans, for reports joined one by one."""
    from rich.text import Text

    console, buffer = _console(options.width, options.color)
    out = _Lines(console, buffer, options.width)
    out.add(Text("─" * options.width, style="dim"))
    out.flush()
    return "".join(out.done)


def render(plans: Sequence[Plan], options: Options) -> str:
    """Each plan in turn; with several, a summary table at the end."""
    return "".join(_document(plans, options))


def render_one(plan: Plan, options: Options) -> str:
    return render([plan], options)


def stream(plans: Iterable[Plan], options: Options) -> Iterator[str]:
    """`render`'s text in pieces, for writing without joining them into one string."""
    yield from _document(plans, options)


def _summary_row(p: Plan) -> tuple[str, ...]:
    """A plan's row of the summary table: event, date, verdict, bring, leave, targets."""
    return (
        p.event.name,
        p.event.date.isoformat() if p.event.date else "-",
        p.verdict,
        ", ".join(p.brought) or "-",
        ", ".join(p.left) or "-",
        f"{len(p.targets):,}",
    )


def summary_table(rows: Sequence[tuple[str, ...]]) -> RenderableType:
    from rich.table import Table

    table = Table(title="Summary", title_justify="left", show_lines=False)
    for column in ("Event", "Date", "Verdict", "Bring", "Leave", "Targets"):
        table.add_column(
            column, overflow="fold", justify="right" if column == "Targets" else "left"
        )
    for row in rows:
        table.add_row(*map(text, row))
    return table
