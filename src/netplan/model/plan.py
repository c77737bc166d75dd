"""The advice netplan produces, as plain frozen data: no sentences.

Rules return `Finding`s whose `facts` say what they found; the engine returns a
`Plan` of decisions, one `TargetBrief` per target and a checklist of actions.
Turning any of it into words is the job of `report.phrases`, in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, NamedTuple

from netplan.model.event import EventInfo, NetplanConfig
from netplan.model.kinds import Phase, Priority, Recommendation, RuleKind, Verdict

# What a finding asks of the colleagues it names. None: a remark that changes
# nobody's place (the engine still weighs it for the verdict).
Effect = Literal["bring", "leave"] | None

# --- what the rules found ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KnowsPeople:
    """meet-new-people: a colleague knows targets, or other people at the event."""

    colleague: str
    targets: tuple[str, ...]
    others: int  # people they know at the event who are not targets
    personal: bool  # the event's goal is your personal network


@dataclass(frozen=True, slots=True)
class Expertise:
    """subject-experts: a colleague knows subjects the event or a target cares about."""

    colleague: str
    subjects: tuple[str, ...]
    big_stage: bool  # a trade show or a conference


@dataclass(frozen=True, slots=True)
class Support:
    """moral-support: a newcomer gains courage from this colleague."""

    colleague: str
    new_to: tuple[str, ...]
    supporter: bool  # their style is supporter (else: the best colleague with no con)
    more_supporters: int  # other supporters listed, not brought for this


@dataclass(frozen=True, slots=True)
class Socializer:
    """socializing-risk: a colleague treats events as social hour."""

    colleague: str
    happy_hour: bool


@dataclass(frozen=True, slots=True)
class CloseFriend:
    """socializing-risk: a close work-friend you would spend the event with."""

    colleague: str


@dataclass(frozen=True, slots=True)
class Clings:
    """distraction: a socializer or a reluctant colleague who would cling to you."""

    colleague: str
    style: Literal["socializer", "reluctant"]


@dataclass(frozen=True, slots=True)
class LargeGroup:
    """group-size: everyone listed, with you, makes a group at or above large_group."""

    listed: tuple[str, ...]
    large_group: int


@dataclass(frozen=True, slots=True)
class ComfortZone:
    """comfort-zone: the standing advice against drifting to familiar faces."""

    goal: int


Facts = (
    KnowsPeople | Expertise | Support | Socializer | CloseFriend | Clings | LargeGroup | ComfortZone
)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    code: str
    kind: RuleKind
    facts: Facts
    subjects: tuple[str, ...] = ()  # the colleagues it is about
    effect: Effect = None
    # Set by the engine: a con whose every subject stays at the office is
    # already dealt with by the plan, so --fail-on does not count it.
    resolved: bool = False


# --- the plan ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ColleagueAdvice:
    name: str
    recommendation: Recommendation
    reasons: tuple[str, ...]  # names of the rules whose findings about them decided it
    # What decided it: a reason to come, a reason to stay, or no reason to come at all
    # (then `reasons` holds only the cons that speak about them, if any).
    basis: Literal["bring", "leave", "idle"] = "idle"


@dataclass(frozen=True, slots=True)
class Introducer:
    name: str
    coming: bool


@dataclass(frozen=True, slots=True)
class ExpertFit:
    name: str
    subjects: tuple[str, ...]  # the target's interests this brought colleague knows


@dataclass(frozen=True, slots=True)
class TargetBrief:
    """Everything the plan knows about one target. Later features fill the last fields."""

    name: str
    company: str | None
    title: str | None
    priority: Priority
    interests: tuple[str, ...]
    notes: str | None
    introducers: tuple[Introducer, ...] = ()
    experts: tuple[ExpertFit, ...] = ()
    owner: str | None = None  # who works this target when the team splits up
    registered: bool | None = None  # on the attendee list (None: no list)
    known_by_me: bool = False  # already one of your contacts
    met_before: dt.date | None = None  # from the history of earlier events


# --- checklist actions: what to do, not how to say it -----------------------------------


@dataclass(frozen=True, slots=True)
class AgreeToSplit:
    people: tuple[str, ...]
    minutes: int


@dataclass(frozen=True, slots=True)
class PlanThePair:
    partner: str
    introduces: bool  # the partner can introduce you to targets


@dataclass(frozen=True, slots=True)
class SetGoal:
    goal: int


@dataclass(frozen=True, slots=True)
class RemindSupport:
    people: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AskForIntroductions:
    """A colleague who stays at the office knows targets: ask before the event."""

    introducer: str
    targets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TellLeft:
    people: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SplitOnArrival:
    minutes: int


@dataclass(frozen=True, slots=True)
class WorkAsPair:
    partner: str
    introduces: bool


@dataclass(frozen=True, slots=True)
class MeetTarget:
    brief: TargetBrief


@dataclass(frozen=True, slots=True)
class MeetStrangers:
    goal: int


@dataclass(frozen=True, slots=True)
class FollowUp:
    pass


@dataclass(frozen=True, slots=True)
class Debrief:
    goal: int


@dataclass(frozen=True, slots=True)
class CompareNotes:
    people: tuple[str, ...]


Action = (
    AgreeToSplit
    | PlanThePair
    | SetGoal
    | RemindSupport
    | AskForIntroductions
    | TellLeft
    | SplitOnArrival
    | WorkAsPair
    | MeetTarget
    | MeetStrangers
    | FollowUp
    | Debrief
    | CompareNotes
)


class ChecklistItem(NamedTuple):
    """A named tuple rather than a frozen dataclass: there is one per target, and
    building one costs half as much."""

    phase: Phase
    action: Action
    target: str | None = None  # the target's name, for a MeetTarget
    done: bool = False


@dataclass(frozen=True, slots=True)
class Plan:
    source: str
    event: EventInfo
    me: str
    settings: NetplanConfig
    new_contacts_goal: int
    verdict: Verdict
    colleagues: tuple[ColleagueAdvice, ...]
    findings: tuple[Finding, ...]
    targets: tuple[TargetBrief, ...]  # in checklist order
    checklist: tuple[ChecklistItem, ...]
    rules_off: tuple[str, ...] = ()

    @property
    def brought(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.colleagues if c.recommendation == "bring")

    @property
    def left(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.colleagues if c.recommendation == "leave")

    def has_finding(self, kinds: Iterable[str]) -> bool:
        """Whether an unresolved finding of one of these kinds is present: --fail-on."""
        wanted = set(kinds)
        return any(f.kind in wanted and not f.resolved for f in self.findings)
