"""Event → Plan. Pure and deterministic: no I/O, and the same event always gives the same plan.

How the rules weigh (also in the README):
1. A colleague named by a finding that says *leave* (socializers, reluctant
   colleagues) stays at the office, whatever else speaks for them.
2. Otherwise a colleague named by a finding that says *bring* (an introduction to
   a target, matching expertise, moral support for a newcomer) comes along.
3. Anyone else stays too. Their reasons are the cons that name them (group-size
   when the list is large, socializing-risk for a close work-friend), or none:
   they simply have no reason to come.
A con whose every subject stays at the office is *resolved*: the plan already
deals with it, and --fail-on does not count it.
The verdict: nobody brought → go alone; exactly one brought, no unresolved con
names them alone, and a pair is below the large_group setting → go together as a
pair; otherwise go together and split up on arrival.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from netplan.engine.team import assign_owners, follow_up_by, schedule
from netplan.model.event import Event
from netplan.model.identity import name_key
from netplan.model.kinds import PRIORITIES, Priority, Verdict
from netplan.model.matching import Assembly, Knowing
from netplan.model.plan import (
    Action,
    AgreeToSplit,
    AskForIntroductions,
    ChecklistItem,
    ColleagueAdvice,
    CompareNotes,
    Debrief,
    ExpertFit,
    Finding,
    FollowUp,
    Introducer,
    KnowsPeople,
    MeetStrangers,
    MeetTarget,
    MeetTheirPeople,
    Plan,
    PlanThePair,
    RemindSupport,
    SetGoal,
    Slot,
    SplitOnArrival,
    TargetBrief,
    TellLeft,
    WorkAsPair,
)
from netplan.rules import ALL_RULES, Context, Rule

if TYPE_CHECKING:
    from netplan.model.history import HistorySnapshot
    from netplan.model.matching import Assembly
from netplan.rules.base import subject_key, unique
from netplan.rules.cons import GROUP_SIZE
from netplan.rules.pros import MORAL_SUPPORT


def make_plan(
    event: Event,
    rules: Iterable[Rule] | None = None,
    source: str = "",
    history: HistorySnapshot | None = None,
    people: Assembly | None = None,
) -> Plan:
    """Apply `rules` (default: all of them) to `event`, with its people matched to the
    lists it refers to (`people`, from `matching.assemble`) and what `history` (your
    debriefed events) says about them."""
    active = ALL_RULES if rules is None else tuple(sorted(set(rules), key=ALL_RULES.index))
    ctx = Context.build(event, history, people)
    found = [f for rule in active for f in rule.check(ctx)]
    advice = _decide(ctx, found)
    brought = tuple(a.name for a in advice if a.recommendation == "bring")
    findings = _resolve(found, advice)
    pair_is_large = GROUP_SIZE in active and event.netplan.large_group <= 2
    verdict = _verdict(brought, findings, pair_is_large)
    briefs = _briefs(ctx, brought, verdict)
    slots = schedule(event.event, verdict, event.netplan.regroup_minutes)
    due = follow_up_by(event.event)
    return Plan(
        source=source,
        event=event.event,
        me=event.me.name,
        settings=event.netplan,
        new_contacts_goal=ctx.new_contacts_goal,
        verdict=verdict,
        colleagues=advice,
        findings=findings,
        targets=briefs,
        checklist=_checklist(ctx, verdict, advice, findings, briefs, slots, due),
        rules_off=tuple(r.name for r in ALL_RULES if r not in active),
        schedule=slots,
        follow_up_by=due,
    )


def _decide(ctx: Context, findings: Sequence[Finding]) -> tuple[ColleagueAdvice, ...]:
    # Rules that speak about each colleague, by what they ask: bring, leave, or
    # a con with no effect of its own (the reasons a colleague stays when nothing
    # speaks for them).
    votes: dict[tuple[str | None, str], list[str]] = {}
    for f in findings:
        if f.effect is None and f.kind != "con":
            continue
        for subject in f.subjects:
            rules = votes.setdefault((f.effect, name_key(subject)), [])
            if f.rule not in rules:
                rules.append(f.rule)
    out = []
    for c in ctx.colleagues:
        key = name_key(c.name)
        if leave := votes.get(("leave", key)):
            out.append(ColleagueAdvice(c.name, "leave", tuple(leave), "leave"))
        elif bring := votes.get(("bring", key)):
            out.append(ColleagueAdvice(c.name, "bring", tuple(bring), "bring"))
        else:
            idle = tuple(votes.get((None, key), ()))
            out.append(ColleagueAdvice(c.name, "leave", idle, "idle"))
    return tuple(out)


def _resolve(findings: list[Finding], advice: Sequence[ColleagueAdvice]) -> tuple[Finding, ...]:
    staying = {name_key(a.name) for a in advice if a.recommendation == "leave"}
    return tuple(
        f._replace(resolved=True)
        if f.kind == "con" and f.subjects and all(name_key(s) in staying for s in f.subjects)
        else f
        for f in findings
    )


def _verdict(brought: Sequence[str], findings: Sequence[Finding], pair_is_large: bool) -> Verdict:
    if not brought:
        return "go-alone"
    if len(brought) == 1 and not pair_is_large:
        # A con against the partner names them alone; one about the whole list
        # (group-size over everyone listed) is not about the pair that goes.
        partner = (name_key(brought[0]),)
        against = any(
            f.kind == "con" and not f.resolved and tuple(map(name_key, f.subjects)) == partner
            for f in findings
        )
        if not against:
            return "go-together"
    return "go-together-split-up"


class _Claim(NamedTuple):
    priority: Priority
    introducers: tuple[Introducer, ...]
    experts: tuple[ExpertFit, ...]
    yours: bool  # you know them already: a connection, or met at an earlier event
    met_before: dt.date | None


def _briefs(ctx: Context, brought: Sequence[str], verdict: Verdict) -> tuple[TargetBrief, ...]:
    """One brief per target, highest priority first, and within a priority those not on
    the attendee list last, each with its owner. Runs once per target: keep it lean
    (each brief is built once, with its owner, not built and then replaced)."""
    coming = {name_key(n) for n in brought}
    experts: dict[str, list[str]] = {}  # subject key → brought colleagues who know it
    here = [name_key(c.name) in coming for c in ctx.colleagues]
    for c, is_here in zip(ctx.colleagues, here, strict=True):
        if is_here:
            for subject in unique(c.expertise):
                experts.setdefault(subject_key(subject), []).append(c.name)
    people = ctx.people
    targets = ctx.targets
    order = sorted(
        range(len(targets)),
        key=lambda n: (_RANK[targets[n].priority], people.registered[n] is False),
    )
    # Targets share a small vocabulary of interests: key each distinct one once, and
    # find the experts for each distinct set of interests once.
    keys: dict[str, str] = {}
    fits: dict[tuple[str, ...], tuple[ExpertFit, ...]] = {}
    # A colleague introduces many targets the same way: one Introducer each way.
    introducer: dict[Knowing, Introducer] = {
        k: Introducer(ctx.colleagues[k.colleague].name, here[k.colleague], k.via)
        for k in {k for known in people.known_by.values() for k in known}
    }
    claims = []
    for n in order:
        t = targets[n]
        fit: tuple[ExpertFit, ...] = ()
        if experts and t.interests:
            interests = tuple(t.interests)
            found = fits.get(interests)
            if found is None:
                found = fits[interests] = _expert_fit(interests, experts, keys)
            fit = found
        intros = tuple([introducer[k] for k in people.known_by.get(n, ())])
        met = ctx.met_before(t)
        yours = met is not None or people.known_by_me[n]
        claims.append(_Claim(t.priority, intros, fit, yours, met))
    owners = assign_owners(claims, ctx.me.name, brought, verdict)
    return tuple(
        TargetBrief(
            t.name,
            t.company,
            t.title,
            t.priority,
            t.interests,
            t.notes,
            claim.introducers,
            claim.experts,
            owner,
            claim.met_before,
            t.email,
            t.linkedin,
            people.registered[n],
            people.known_by_me[n],
            t.source,
        )
        for n, claim, owner in zip(order, claims, owners, strict=True)
        for t in (targets[n],)
    )


_RANK = {p: n for n, p in enumerate(PRIORITIES)}


# At most this many experts are named for one target: a hundred colleagues who all
# know one subject would otherwise multiply every target's entry by a hundred.
EXPERTS_PER_TARGET = 10


def _expert_fit(
    interests: Iterable[str], experts: dict[str, list[str]], keys: dict[str, str]
) -> tuple[ExpertFit, ...]:
    shared: dict[str, list[str]] = {}  # expert → this target's interests they know
    seen: set[str] = set()
    for interest in interests:
        key = keys.get(interest)
        if key is None:
            key = keys[interest] = subject_key(interest)
        if key in seen:
            continue
        seen.add(key)
        for name in experts.get(key, ())[:EXPERTS_PER_TARGET]:
            if name in shared or len(shared) < EXPERTS_PER_TARGET:
                shared.setdefault(name, []).append(interest)
    return tuple(ExpertFit(name, tuple(s)) for name, s in shared.items())


def _checklist(
    ctx: Context,
    verdict: Verdict,
    advice: Sequence[ColleagueAdvice],
    findings: Sequence[Finding],
    briefs: Sequence[TargetBrief],
    slots: Sequence[Slot],
    due: dt.date | None,
) -> tuple[ChecklistItem, ...]:
    brought = tuple(a.name for a in advice if a.recommendation == "bring")
    left = tuple(a.name for a in advice if a.recommendation == "leave")
    goal = ctx.new_contacts_goal
    minutes = ctx.settings.regroup_minutes
    before: list[Action] = []
    during: list[Action] = []
    after: list[Action] = []

    introduces = any(i.coming for b in briefs if not b.yours for i in b.introducers)
    if verdict == "go-together-split-up":
        before.append(AgreeToSplit(brought, minutes))
    elif verdict == "go-together":
        before.append(PlanThePair(brought[0], introduces))
    before.append(SetGoal(goal))
    supporters = tuple(
        s
        for f in findings
        if f.rule == MORAL_SUPPORT.name and f.effect == "bring"
        for s in f.subjects
        if s in brought
    )
    if supporters:
        before.append(RemindSupport(supporters))
    # Colleagues who stay but know targets: ask them before the event, in file order.
    asks: dict[str, list[str]] = {a.name: [] for a in advice if a.recommendation == "leave"}
    for brief in briefs:
        for i in () if brief.yours else brief.introducers:
            if not i.coming:
                asks[i.name].append(brief.name)
    before += [AskForIntroductions(name, tuple(ts)) for name, ts in asks.items() if ts]
    if left:
        before.append(TellLeft(left))

    if verdict == "go-together-split-up":
        regroups = tuple(s.at for s in slots if s.what == "regroup")
        during.append(SplitOnArrival(minutes, regroups))
    elif verdict == "go-together":
        during.append(WorkAsPair(brought[0], introduces))
    targets = [ChecklistItem("during", MeetTarget(b), b.name) for b in briefs]
    # Colleagues along who know people beyond the targets: the article's first reason
    # to bring anyone, so the plan says to use it.
    knowing = tuple(
        name
        for f in findings
        if isinstance(f.facts, KnowsPeople) and f.facts.others
        for name in f.subjects
        if name in brought
    )
    if knowing:
        targets.append(ChecklistItem("during", MeetTheirPeople(tuple(dict.fromkeys(knowing)))))
    during_tail = MeetStrangers(goal)

    after.append(FollowUp(due))
    after.append(Debrief(goal))
    if brought:
        after.append(CompareNotes(brought))
    return (
        *(ChecklistItem("before", a) for a in before),
        *(ChecklistItem("during", a) for a in during),
        *targets,
        ChecklistItem("during", during_tail),
        *(ChecklistItem("after", a) for a in after),
    )
