"""Plan → GitHub-flavoured markdown. Every piece of input text goes through `safety.md`."""

from __future__ import annotations

from collections.abc import Sequence

from netplan.plan import PHASES, Plan
from netplan.rules.base import contacts_goal
from netplan.safety import md

_KIND_TITLES = (("pro", "Pros"), ("con", "Cons"), ("tip", "Tips"))


def _checklist_lines(plan: Plan, level: str) -> list[str]:
    lines: list[str] = []
    for phase in PHASES:
        items = [i for i in plan.checklist if i.phase == phase]
        if not items:
            continue
        lines += ["", f"{level} {phase.capitalize()}", ""]
        lines += [f"- [{'x' if i.done else ' '}] {md(i.text)}" for i in items]
    return lines


def _meta(plan: Plan) -> list[str]:
    e = plan.event
    lines = [f"- Kind: {e.kind}"]
    if e.date:
        lines.append(f"- Date: {e.date.isoformat()}")
    if e.venue:
        lines.append(f"- Venue: {md(e.venue)}")
    lines.append(f"- Goal: {e.goal}, meeting {contacts_goal(plan.new_contacts_goal)}")
    lines.append(f"- Targets: {plan.target_count}")
    return lines


def render_plan(plan: Plan) -> str:
    lines = [
        f"# {md(plan.event.name)}",
        "",
        f"**Verdict: {plan.verdict}.** {md(plan.headline)}",
        "",
        *_meta(plan),
    ]
    if plan.colleagues:
        lines += ["", "## Colleagues", ""]
        for c in plan.colleagues:
            why = f" ({', '.join(c.reasons)})" if c.reasons else ""
            lines.append(f"- **{c.recommendation.capitalize()}:** {md(c.name)}{why}")
    for kind, title in _KIND_TITLES:
        found = [f for f in plan.findings if f.kind == kind]
        if found:
            lines += ["", f"## {title}", ""]
            lines += [f"- **{f.rule}** ({f.code}): {md(f.message)}" for f in found]
    lines += ["", "## Checklist", *_checklist_lines(plan, "###")]
    if plan.rules_off:
        lines += ["", f"_Rules switched off: {', '.join(plan.rules_off)}._"]
    return "\n".join(lines) + "\n"


def render_checklist(plan: Plan) -> str:
    lines = [f"## Checklist: {md(plan.event.name)}", *_checklist_lines(plan, "###")]
    return "\n".join(lines) + "\n"


def render(plans: Sequence[Plan], *, checklist_only: bool = False) -> str:
    """Several plans are separated by a thematic break."""
    one = render_checklist if checklist_only else render_plan
    return "\n---\n\n".join(one(p) for p in plans)
