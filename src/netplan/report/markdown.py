"""Plan → GitHub-flavoured markdown. Every piece of input text goes through `safety.md`."""

from __future__ import annotations

from collections.abc import Sequence

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


def _checklist_lines(plan: Plan, level: str, reader: str | None = None) -> list[str]:
    checklist = plan.checklist if reader is None else plan.checklist_for(reader)
    lines: list[str] = []
    for phase in PHASES:
        items = [i for i in checklist if i.phase == phase]
        if not items:
            continue
        lines += ["", f"{level} {phase.capitalize()}", ""]
        lines += [f"- [{'x' if i.done else ' '}] {md(item_text(i, plan, reader))}" for i in items]
    return lines


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


def _plan(plan: Plan) -> str:
    lines = [
        f"# {md(plan.event.name)}",
        "",
        f"**Verdict: {plan.verdict}.** {md(headline(plan))}",
        "",
        *_meta(plan),
    ]
    if plan.colleagues:
        lines += ["", "## Colleagues", ""]
        for c in plan.colleagues:
            lines.append(f"- **{c.recommendation.capitalize()}:** {md(c.name)} ({reasons(c)})")
    for kind, title in _KIND_TITLES:
        found = [f for f in plan.findings if f.kind == kind]
        if found:
            lines += ["", f"## {title}", ""]
            for f in found:
                code = f"{f.code}, resolved" if f.resolved else f.code
                lines.append(f"- **{f.rule}** ({code}): {md(finding_message(f, plan))}")
    lines += _schedule(plan)
    lines += ["", "## Checklist", *_checklist_lines(plan, "###")]
    if plan.rules_off:
        lines += ["", f"_Rules switched off: {', '.join(plan.rules_off)}._"]
    if graph := mermaid(plan):
        lines += ["", "## Who covers whom", "", *graph]
    return "\n".join(lines) + "\n"


def _checklist(plan: Plan, reader: str | None) -> str:
    title = f"Checklist: {md(plan.event.name)}"
    if reader is not None:
        title = f"Checklist for {md(reader)}: {md(plan.event.name)}"
    lines = [f"## {title}", *_checklist_lines(plan, "###", reader)]
    return "\n".join(lines) + "\n"


def render_one(plan: Plan, options: Options) -> str:
    return _checklist(plan, options.reader) if options.checklist_only else _plan(plan)


def render(plans: Sequence[Plan], options: Options) -> str:
    """Several plans are separated by a thematic break."""
    return "\n---\n\n".join(render_one(p, options) for p in plans)
