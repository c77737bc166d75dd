"""The advice netplan produces: plain frozen data, ready for any reporter."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, NamedTuple

from netplan.models import EventInfo
from netplan.rules.base import Finding

Verdict = Literal["go-alone", "go-together", "go-together-split-up"]
Recommendation = Literal["bring", "leave"]
Phase = Literal["before", "during", "after"]
PHASES: tuple[Phase, ...] = ("before", "during", "after")


@dataclass(frozen=True, slots=True)
class ColleagueAdvice:
    name: str
    recommendation: Recommendation
    reasons: tuple[str, ...]  # names of the rules that decided it


class ChecklistItem(NamedTuple):
    """A named tuple rather than a frozen dataclass: there is one per target, and
    building one costs half as much."""

    phase: Phase
    text: str
    target: str | None = None
    done: bool = False


@dataclass(frozen=True, slots=True)
class Plan:
    source: str
    event: EventInfo
    me: str
    new_contacts_goal: int
    target_count: int
    verdict: Verdict
    headline: str
    colleagues: tuple[ColleagueAdvice, ...]
    findings: tuple[Finding, ...]
    checklist: tuple[ChecklistItem, ...]
    rules_off: tuple[str, ...] = ()

    def brought(self) -> list[str]:
        return [c.name for c in self.colleagues if c.recommendation == "bring"]

    def left(self) -> list[str]:
        return [c.name for c in self.colleagues if c.recommendation == "leave"]

    def has_finding(self, kinds: Iterable[str]) -> bool:
        """Whether any finding is of one of these kinds (pro, con, tip): --fail-on."""
        wanted = set(kinds)
        return any(f.kind in wanted for f in self.findings)
