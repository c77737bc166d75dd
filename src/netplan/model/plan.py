"""The advice netplan produces, as plain frozen data: no sentences.

Records are named tuples: immutable, and far cheaper than frozen dataclasses both to
define (start-up) and to build (there is one per target).

Rules return `Finding`s whose `facts` say what they found; the engine returns a
`Plan` of decisions, one `TargetBrief` per target and a checklist of actions.
Turning any of it into words is the job of `report.phrases`, in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from netplan.model.event import EventInfo, NetplanConfig
from netplan.model.kinds import Phase, Priority, Recommendation, RuleKind, Verdict

# What a finding asks of the colleagues it names. None: a remark that changes
# nobody's place (the engine still weighs it for the verdict).
Effect = Literal["bring", "leave"] | None

# --- what the rules found ------------------------------------------------------------


class KnowsPeople(NamedTuple):
    """meet-new-people: a colleague knows targets, or other people at the event."""

    colleague: str
    targets: tuple[str, ...]
    others: int  # people they know at the event who are not targets
    personal: bool  # the event's goal is your personal network


class Expertise(NamedTuple):
    """subject-experts: a colleague knows subjects the event or a target cares about."""

    colleague: str
    subjects: tuple[str, ...]
    big_stage: bool  # a trade show or a conference


class Support(NamedTuple):
    """moral-support: a newcomer gains courage from this colleague."""

    colleague: str
    new_to: tuple[str, ...]
    supporter: bool  # their style is supporter (else: the best colleague with no con)
    more_supporters: int  # other supporters listed, not brought for this


class Socializer(NamedTuple):
    """socializing-risk: a colleague treats events as social hour."""

    colleague: str
    happy_hour: bool


class CloseFriend(NamedTuple):
    """socializing-risk: a close work-friend you would spend the event with."""

    colleague: str


class Clings(NamedTuple):
    """distraction: a socializer or a reluctant colleague who would cling to you."""

    colleague: str
    style: Literal["socializer", "reluctant"]


class LargeGroup(NamedTuple):
    """group-size: everyone listed, with you, makes a group at or above large_group."""

    listed: tuple[str, ...]
    large_group: int


class ComfortZone(NamedTuple):
    """comfort-zone: the standing advice against drifting to familiar faces."""

    goal: int


class TrackRecord(NamedTuple):
    """track-record: your new contacts per event with this colleague along and without."""

    colleague: str
    with_them: float  # new contacts per event
    events_with: int
    without: float
    events_without: int


class NotRegistered(NamedTuple):
    """not-registered: targets who are not on the event's attendee list."""

    targets: tuple[str, ...]
    attendees: int  # how many are on the list


class AlreadyMet(NamedTuple):
    """already-met: targets you met at earlier events, with the day you last met them."""

    targets: tuple[tuple[str, dt.date], ...]


Facts = (
    KnowsPeople
    | Expertise
    | Support
    | Socializer
    | CloseFriend
    | Clings
    | LargeGroup
    | ComfortZone
    | TrackRecord
    | AlreadyMet
    | NotRegistered
)


class Finding(NamedTuple):
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


class ColleagueAdvice(NamedTuple):
    name: str
    recommendation: Recommendation
    reasons: tuple[str, ...]  # names of the rules whose findings about them decided it
    # What decided it: a reason to come, a reason to stay, or no reason to come at all
    # (then `reasons` holds only the cons that speak about them, if any).
    basis: Literal["bring", "leave", "idle"] = "idle"


class Introducer(NamedTuple):
    name: str
    coming: bool
    via: str = "knows"  # `knows` in the event file, or the colleague's connections file


class ExpertFit(NamedTuple):
    name: str
    subjects: tuple[str, ...]  # the target's interests this brought colleague knows


class TargetBrief(NamedTuple):
    """Everything the plan knows about one target: one `targets` entry of the JSON report."""

    name: str
    company: str | None
    title: str | None
    priority: Priority
    interests: tuple[str, ...]
    notes: str | None
    introducers: tuple[Introducer, ...] = ()
    experts: tuple[ExpertFit, ...] = ()
    owner: str = ""  # who works this target at the event: you, or a colleague who comes
    met_before: dt.date | None = None  # the last earlier event where you met them
    email: str | None = None
    linkedin: str | None = None
    registered: bool | None = None  # on the attendee list; None without one
    known_by_me: bool = False  # already one of your contacts ([me] connections)
    source: str | None = None  # the list it came from; None for the event file

    @property
    def yours(self) -> bool:
        """You know them already (a connection, or met at an earlier event): nobody
        needs to introduce you."""
        return self.known_by_me or self.met_before is not None


class Slot(NamedTuple):
    """A moment of the schedule, with the event's own clock (offset or floating)."""

    at: dt.datetime
    what: Literal["arrive", "regroup", "leave"]


# --- checklist actions: what to do, not how to say it -----------------------------------


class AgreeToSplit(NamedTuple):
    people: tuple[str, ...]
    minutes: int


class PlanThePair(NamedTuple):
    partner: str
    introduces: bool  # the partner can introduce you to targets


class SetGoal(NamedTuple):
    goal: int


class RemindSupport(NamedTuple):
    people: tuple[str, ...]


class AskForIntroductions(NamedTuple):
    """A colleague who stays at the office knows targets: ask before the event."""

    introducer: str
    targets: tuple[str, ...]


class TellLeft(NamedTuple):
    people: tuple[str, ...]


class SplitOnArrival(NamedTuple):
    minutes: int
    regroups: tuple[dt.datetime, ...] = ()  # clock times, when the event has a start and end


class WorkAsPair(NamedTuple):
    partner: str
    introduces: bool


class MeetTarget(NamedTuple):
    brief: TargetBrief


class MeetTheirPeople(NamedTuple):
    """Brought colleagues who know people at the event who are not targets."""

    people: tuple[str, ...]


class MeetStrangers(NamedTuple):
    goal: int


class FollowUp(NamedTuple):
    due: dt.date | None  # two working days after the event's date


class IntroduceTo(NamedTuple):
    """A colleague who comes introduces the target's owner to them."""

    owner: str
    brief: TargetBrief


class HandOver(NamedTuple):
    """A colleague passes the rep everyone they met, for the follow-up."""

    to: str


class Debrief(NamedTuple):
    goal: int


class CompareNotes(NamedTuple):
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
    | MeetTheirPeople
    | MeetStrangers
    | FollowUp
    | Debrief
    | CompareNotes
    | IntroduceTo
    | HandOver
)


class ChecklistItem(NamedTuple):
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
    checklist: tuple[ChecklistItem, ...]  # yours: the rep's
    rules_off: tuple[str, ...] = ()
    schedule: tuple[Slot, ...] = ()  # empty without a start time
    follow_up_by: dt.date | None = None
    # Worked out once from `colleagues`: reporters ask for them once per finding.
    brought: tuple[str, ...] = field(init=False, repr=False, compare=False)
    left: tuple[str, ...] = field(init=False, repr=False, compare=False)
    going: tuple[str, ...] = field(init=False, repr=False, compare=False)  # you first
    staying: frozenset[str] = field(init=False, repr=False, compare=False)  # `left`, to test

    def __post_init__(self) -> None:
        brought = tuple(c.name for c in self.colleagues if c.recommendation == "bring")
        left = tuple(c.name for c in self.colleagues if c.recommendation == "leave")
        object.__setattr__(self, "brought", brought)
        object.__setattr__(self, "left", left)
        object.__setattr__(self, "going", (self.me, *brought))
        object.__setattr__(self, "staying", frozenset(left))

    def checklist_for(self, person: str) -> tuple[ChecklistItem, ...]:
        """What `person`, one of `going`, does: the rep's whole checklist, or a colleague's
        share of it (the group's agreements, the targets they own, the introductions they
        make, to targets or to the other people they know, handing their contacts over,
        comparing notes)."""
        if person == self.me:
            return self.checklist
        items: list[ChecklistItem] = []
        for item in self.checklist:
            action = item.action
            shared = isinstance(action, AgreeToSplit | PlanThePair | SplitOnArrival | WorkAsPair)
            if shared or (isinstance(action, MeetTarget) and action.brief.owner == person):
                items.append(item)
            elif (
                isinstance(action, MeetTarget)
                and not action.brief.yours
                and any(i.coming and i.name == person for i in action.brief.introducers)
            ):
                brief = action.brief
                items.append(ChecklistItem("during", IntroduceTo(brief.owner, brief), item.target))
            elif isinstance(action, MeetTheirPeople) and person in action.people:
                items.append(item)
            elif isinstance(action, CompareNotes):
                items.append(ChecklistItem("after", HandOver(self.me)))
                items.append(item)
        return tuple(items)

    def has_finding(self, kinds: Iterable[str]) -> bool:
        """Whether an unresolved finding of one of these kinds is present: --fail-on."""
        wanted = set(kinds)
        return any(f.kind in wanted and not f.resolved for f in self.findings)
