"""Helpers shared by the rule-family tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netplan.engine import make_plan
from netplan.model.event import Event
from netplan.model.plan import Finding
from netplan.report.phrases import finding_message
from netplan.rules import Context, Rule

# One expected finding: (subjects, effect, fragments the message must contain).
Expected = tuple[tuple[str, ...], str | None, tuple[str, ...]]


@dataclass(frozen=True)
class Said:
    """A finding with the sentence the reports print for it (in the plan for its event)."""

    finding: Finding
    message: str

    def __getattr__(self, name: str) -> Any:
        return getattr(self.finding, name)


def run(rule: Rule, event: Event) -> list[Said]:
    plan = make_plan(event)
    return [Said(f, finding_message(f, plan)) for f in rule.check(Context.build(event))]


def check_findings(rule: Rule, found: list[Said], expected: list[Expected]) -> None:
    assert [(f.subjects, f.effect) for f in found] == [(s, e) for s, e, _ in expected]
    for finding, (_, _, fragments) in zip(found, expected, strict=True):
        assert (finding.rule, finding.code, finding.kind) == (rule.name, rule.code, rule.kind)
        for fragment in fragments:
            assert fragment in finding.message
