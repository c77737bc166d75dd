"""Helpers shared by the rule-family tests."""

from __future__ import annotations

from netplan.model.event import Event
from netplan.rules import Context, Finding, Rule

# One expected finding: (subjects, effect, fragments the message must contain).
Expected = tuple[tuple[str, ...], str | None, tuple[str, ...]]


def run(rule: Rule, event: Event) -> list[Finding]:
    return rule.check(Context.build(event))


def check_findings(rule: Rule, found: list[Finding], expected: list[Expected]) -> None:
    assert [(f.subjects, f.effect) for f in found] == [(s, e) for s, e, _ in expected]
    for finding, (_, _, fragments) in zip(found, expected, strict=True):
        assert (finding.rule, finding.code, finding.kind) == (rule.name, rule.code, rule.kind)
        for fragment in fragments:
            assert fragment in finding.message
