"""Plan → GitHub-flavoured markdown. Every piece of input text goes through `safety.md`."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence

from netplan.model.kinds import PHASES
from netplan.model.plan import Plan
from netplan.report import Options
from netplan.report.diagram import mermaid
from netplan.report.phrases import (
    clock,
    finding_message,
    goal_phrase,
    headline,
    item_text,
    reasons,
    schedule_text,
)
from netplan.safety import md

EXTENSION = ".md"
_KIND_TITLES = (("pro", "Pros"), ("con", "Cons"), ("tip", "Tips"))


def _checklist_lines(plan: Plan, level: str, reader: str | None = None) -> Iterator[str]:
    checklist = plan.checklist if reader is None else plan.checklist_for(reader)
    for phase in PHASES:
        items = [i for i in checklist if i.phase == phase]
        if not items:
            continue
        yield from ("", f"{level} {phase.capitalize()}", "")
        for i in items:
            yield f"- [{'x' if i.done else ' '}] {md(item_text(i, plan, reader))}"


def _schedule(plan: Plan) -> list[str]:
    if not plan.schedule:
        return []
    day = plan.schedule[0].at.date()
    lines = ["", "## Schedule", ""]
    lines += [f"- {clock(s.at, day)}: {md(schedule_text(s, plan))}" for s in plan.schedule]
    return lines


def _meta(plan: Plan) -> list[str]:
    e = plan.event
    lines = [f"- Kind: {e.kind}"]
    if e.date:
        lines.append(f"- Date: {e.date.isoformat()}")
    if e.venue:
        lines.append(f"- Venue: {md(e.venue)}")
    lines.append(f"- Goal: {e.goal}, meeting {goal_phrase(plan.new_contacts_goal)}")
    lines.append(f"- Targets: {len(plan.targets):,}")
    if plan.follow_up_by:
        lines.append(f"- Follow up by: {plan.follow_up_by.isoformat()}")
    return lines


def _plan(plan: Plan) -> Iterator[str]:
    yield from (
        f"# {md(plan.event.name)}",
        "",
        f"**Verdict: {plan.verdict}.** {md(headline(plan))}",
        "",
        *_meta(plan),
    )
    if plan.colleagues:
        yield from ("", "## Colleagues", "")
        for c in plan.colleagues:
            yield f"- **{c.recommendation.capitalize()}:** {md(c.name)} ({reasons(c)})"
    for kind, title in _KIND_TITLES:
        found = [f for f in plan.findings if f.kind == kind]
        if found:
            yield from ("", f"## {title}", "")
            for f in found:
                code = f"{f.code}, resolved" if f.resolved else f.code
                yield f"- **{f.rule}** ({code}): {md(finding_message(f, plan))}"
    yield from _schedule(plan)
    yield from ("", "## Checklist")
    yield from _checklist_lines(plan, "###")
    if plan.rules_off:
        yield from ("", f"_Rules switched off: {', '.join(plan.rules_off)}._")
    if graph := mermaid(plan):
        yield from ("", "## Who covers whom", "", *graph)


def _checklist(plan: Plan, reader: str | None) -> Iterator[str]:
    title = f"Checklist: {md(plan.event.name)}"
    if reader is not None:
        title = f"Checklist for {md(reader)}: {md(plan.event.name)}"
    yield f"## {title}"
    yield from _checklist_lines(plan, "###", reader)


# Lines are joined this many at a time: a report of 40,000 findings is never a list
# of 40,000 strings and then one more copy of them all.
BATCH = 1024


def _pieces(lines: Iterator[str]) -> Iterator[str]:
    """The lines, each ended by a newline, joined a batch at a time."""
    while batch := list(itertools.islice(lines, BATCH)):
        yield "\n".join(batch) + "\n"


def _one(plan: Plan, options: Options) -> Iterator[str]:
    lines = _checklist(plan, options.reader) if options.checklist_only else _plan(plan)
    return _pieces(lines)


def between(_options: Options) -> str:
    """What separates two plans: a thematic break."""
    return "\n---\n\n"


def stream(plans: Iterable[Plan], options: Options) -> Iterator[str]:
    """`render`'s text in pieces, for writing as it is made; each plan is let go once
    written."""
    first = True
    # Not enumerate(): it keeps its last (index, plan) pair for reuse, and with it
    # the plan, while the next one is made.
    for plan in plans:
        if not first:
            yield between(options)
        first = False
        yield from _one(plan, options)
        del plan  # not held while the next one is made


def render_one(plan: Plan, options: Options) -> str:
    return "".join(_one(plan, options))


def render(plans: Sequence[Plan], options: Options) -> str:
    """Several plans are separated by a thematic break."""
    return "".join(stream(plans, options))
