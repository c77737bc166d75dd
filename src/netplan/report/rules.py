"""Rule documentation, from the rule objects themselves: one source of truth."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from netplan.rules import Rule


def _setting_defaults(rule: Rule) -> list[tuple[str, object, str]]:
    from netplan.model.event import NetplanConfig

    fields = NetplanConfig.model_fields
    return [(s, fields[s].default, fields[s].description or "") for s in rule.settings]


def rule_dict(rule: Rule, *, full: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": rule.code,
        "name": rule.name,
        "kind": rule.kind,
        "summary": rule.summary,
    }
    if full:
        data |= {
            "rationale": rule.rationale,
            "article_point": rule.article_point,
            "reads": list(rule.reads),
            "settings": [
                {"name": n, "default": d, "description": desc}
                for n, d, desc in _setting_defaults(rule)
            ],
            "example": rule.example,
        }
    return data


def rules_table(rules: Sequence[Rule]) -> str:
    width = max(len(r.name) for r in rules)
    return "".join(f"{r.code}  {r.name:<{width}}  {r.kind:<3}  {r.summary}\n" for r in rules)


def explain(rule: Rule, width: int = 80) -> str:
    def para(s: str) -> str:
        return textwrap.fill(s, width=width, initial_indent="  ", subsequent_indent="  ")

    settings = _setting_defaults(rule)
    parts = [
        f"{rule.code} {rule.name} ({rule.kind})",
        "",
        para(rule.summary),
        "",
        "Why",
        para(rule.rationale),
        "",
        'From the article ("Networking With Co-Workers: Good Or Bad?", Johnny Bravo)',
        para(rule.article_point),
        "",
        "Reads",
        *(f"  {field}" for field in rule.reads),
        "",
        "Settings ([netplan] table of the event file)",
        *(
            [
                f"  {name} = {default!r}\n"
                + textwrap.fill(desc, width=width, initial_indent="    ", subsequent_indent="    ")
                for name, default, desc in settings
            ]
            if settings
            else ["  none"]
        ),
        "",
        "Example: an event where it fires",
        textwrap.indent(rule.example, "  "),
    ]
    return "\n".join(parts).rstrip("\n") + "\n"
