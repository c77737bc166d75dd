"""Plan → JSON. Keeps the exact data; only characters a terminal could act on are \\u-escaped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from netplan.plan import Plan
from netplan.safety import json_inert

# Bump when a key is renamed, removed or changes meaning; tests pin the shape.
SCHEMA_VERSION = 1


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
        "targets": plan.target_count,
    }


def _checklist(plan: Plan) -> list[dict[str, Any]]:
    return [
        {"phase": i.phase, "text": i.text, "target": i.target, "done": i.done}
        for i in plan.checklist
    ]


def plan_dict(plan: Plan) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "source": plan.source,
        "event": _event(plan),
        "verdict": plan.verdict,
        "headline": plan.headline,
        "colleagues": [
            {"name": c.name, "recommendation": c.recommendation, "reasons": list(c.reasons)}
            for c in plan.colleagues
        ],
        "findings": [
            {
                "rule": f.rule,
                "code": f.code,
                "kind": f.kind,
                "message": f.message,
                "subjects": list(f.subjects),
            }
            for f in plan.findings
        ],
        "checklist": _checklist(plan),
        "rules_off": list(plan.rules_off),
    }


def checklist_dict(plan: Plan) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "source": plan.source,
        "event": _event(plan),
        "checklist": _checklist(plan),
    }


def dumps(data: Any) -> str:
    # Same bytes as json.dumps(data, ensure_ascii=False, indent=2), but the stdlib
    # encoder drops to pure Python when indenting: pydantic-core's is ~10x faster
    # on a 20,000-target plan, and pydantic is loaded already.
    from pydantic_core import to_json

    return json_inert(to_json(data, indent=2).decode("utf-8")) + "\n"


def render(plans: Sequence[Plan], *, checklist_only: bool = False, single: bool = True) -> str:
    """One object for a single input, an array (in input order) for several."""
    build = checklist_dict if checklist_only else plan_dict
    items = [build(p) for p in plans]
    return dumps(items[0] if single and len(items) == 1 else items)
