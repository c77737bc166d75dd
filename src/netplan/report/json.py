"""Plan → JSON. Keeps the exact data; only characters a terminal could act on are \\u-escaped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from netplan.model.plan import Plan, TargetBrief
from netplan.report import Options
from netplan.report.phrases import finding_message, headline, item_text, schedule_text
from netplan.safety import json_inert

# Bump when a key is added, renamed, removed or changes meaning; a test ties the
# key sets below to this number.
SCHEMA_VERSION = 2
EXTENSION = ".json"


def _event(plan: Plan) -> dict[str, Any]:
    e = plan.event
    return {
        "name": e.name,
        "kind": e.kind,
        "date": e.date.isoformat() if e.date else None,
        "venue": e.venue,
        "goal": e.goal,
        "me": plan.me,
        "new_contacts_goal": plan.new_contacts_goal,
        "targets": len(plan.targets),
    }


def _target(b: TargetBrief, plan: Plan) -> dict[str, Any]:
    return {
        "name": b.name,
        "company": b.company,
        "title": b.title,
        "priority": b.priority,
        "interests": b.interests,
        "notes": b.notes,
        "email": b.email,
        "linkedin": b.linkedin,
        "introducers": [{"name": i.name, "coming": i.coming, "via": i.via} for i in b.introducers],
        "experts": [{"name": e.name, "subjects": e.subjects} for e in b.experts],
        "owner": b.owner,
        "met_before": b.met_before.isoformat() if b.met_before else None,
        "registered": b.registered,
        "known_by_me": b.known_by_me,
        "source": b.source or plan.source,
    }


def _checklist(plan: Plan, reader: str | None = None) -> list[dict[str, Any]]:
    items = plan.checklist if reader is None else plan.checklist_for(reader)
    return [
        {"phase": i.phase, "text": item_text(i, plan, reader), "target": i.target, "done": i.done}
        for i in items
    ]


def _schedule(plan: Plan) -> list[dict[str, Any]]:
    return [{"at": s.at.isoformat(), "what": schedule_text(s, plan)} for s in plan.schedule]


def plan_dict(plan: Plan) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "source": plan.source,
        "event": _event(plan),
        "verdict": plan.verdict,
        "headline": headline(plan),
        "colleagues": [
            {"name": c.name, "recommendation": c.recommendation, "reasons": list(c.reasons)}
            for c in plan.colleagues
        ],
        "findings": [
            {
                "rule": f.rule,
                "code": f.code,
                "kind": f.kind,
                "message": finding_message(f, plan),
                "subjects": list(f.subjects),
                "resolved": f.resolved,
            }
            for f in plan.findings
        ],
        "targets": [_target(b, plan) for b in plan.targets],
        "schedule": _schedule(plan),
        "follow_up_by": plan.follow_up_by.isoformat() if plan.follow_up_by else None,
        "checklist": _checklist(plan),
        "rules_off": list(plan.rules_off),
    }


def checklist_dict(plan: Plan, reader: str | None = None) -> dict[str, Any]:
    mine = reader is None or reader == plan.me
    return {
        "schema_version": SCHEMA_VERSION,
        "source": plan.source,
        "event": _event(plan),
        "for": reader or plan.me,
        "targets": [_target(b, plan) for b in plan.targets if mine or b.owner == reader],
        "schedule": _schedule(plan),
        "follow_up_by": plan.follow_up_by.isoformat() if plan.follow_up_by else None,
        "checklist": _checklist(plan, reader),
    }


def document(plan: Plan, options: Options) -> dict[str, Any]:
    if options.checklist_only:
        return checklist_dict(plan, options.reader)
    return plan_dict(plan)


def dumps(data: Any, indent: int | None = 2) -> str:
    """Same bytes as json.dumps(data, ensure_ascii=False, indent=2), plus a newline.

    The stdlib encoder drops to pure Python when indenting: pydantic-core's is ~10x
    faster on a 20,000-target plan, and pydantic is loaded already.
    """
    from pydantic_core import to_json

    return _text(to_json(data, indent=indent))


def _text(raw: bytes) -> str:
    text = json_inert(raw.decode("utf-8"))
    text += "\n"  # appended in place: the only reference, no copy of a big document
    return text


def render(plans: Sequence[Plan], options: Options) -> str:
    """One object for a single input, an array (in input order) for several."""
    from pydantic_core import to_json

    items = [document(p, options) for p in plans]
    raw = to_json(items[0] if options.single and len(items) == 1 else items, indent=2)
    del items  # the documents as dicts are the biggest thing alive: free them first
    return _text(raw)


def render_one(plan: Plan, options: Options) -> str:
    return dumps(document(plan, options))
