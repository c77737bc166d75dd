"""Event → Plan. Pure and deterministic: no I/O, and the same event always gives the same plan.

How the rules weigh (also in the README):
1. A colleague named by a finding that says *leave* (socializers, reluctant
   colleagues) stays at the office, whatever else speaks for them.
2. Otherwise a colleague named by a finding that says *bring* (an introduction to
   a target, matching expertise, moral support for a newcomer) comes along.
3. Anyone else stays too: each extra person makes the group harder to approach
   (the group-size rule's reasoning, credited to it while it is switched on).
The verdict: nobody brought → go alone; exactly one brought, no con names them
alone, and a pair is below the large_group setting → go together as a pair;
otherwise go together and split up on arrival.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from netplan.models import Colleague, Event, Target, fold
from netplan.plan import ChecklistItem, ColleagueAdvice, Phase, Plan, Verdict
from netplan.rules import ALL_RULES, Context, Finding, Rule
from netplan.rules.base import contacts_goal, names, plural, unique
from netplan.rules.cons import DISTRACTION, GROUP_SIZE, SOCIALIZING_RISK
from netplan.rules.pros import MORAL_SUPPORT

_LEAVE_RULES = {SOCIALIZING_RISK.name, DISTRACTION.name}


def make_plan(event: Event, rules: Iterable[Rule] | None = None, source: str = "") -> Plan:
    """Apply `rules` (default: all of them) to `event`."""
    active = ALL_RULES if rules is None else tuple(sorted(set(rules), key=ALL_RULES.index))
    ctx = Context.build(event)
    findings = tuple(f for rule in active for f in rule.check(ctx))
    advice = _decide(event.colleagues, findings, GROUP_SIZE in active)
    brought = [a.name for a in advice if a.recommendation == "bring"]
    pair_is_large = GROUP_SIZE in active and event.netplan.large_group <= 2
    verdict = _verdict(brought, findings, pair_is_large)
    return Plan(
        source=source,
        event=event.event,
        me=event.me.name,
        new_contacts_goal=ctx.new_contacts_goal,
        target_count=len(event.targets),
        verdict=verdict,
        headline=_headline(verdict, advice, ctx),
        colleagues=advice,
        findings=findings,
        checklist=_checklist(ctx, advice, findings),
        rules_off=tuple(r.name for r in ALL_RULES if r not in active),
    )


def _decide(
    colleagues: Sequence[Colleague], findings: Sequence[Finding], group_size_on: bool
) -> tuple[ColleagueAdvice, ...]:
    votes: dict[tuple[str, str], list[str]] = {}
    for f in findings:
        if f.effect is None:
            continue
        for subject in f.subjects:
            rules = votes.setdefault((f.effect, fold(subject)), [])
            if f.rule not in rules:
                rules.append(f.rule)
    out = []
    for c in colleagues:
        key = fold(c.name)
        if leave := votes.get(("leave", key)):
            out.append(ColleagueAdvice(c.name, "leave", tuple(leave)))
        elif bring := votes.get(("bring", key)):
            out.append(ColleagueAdvice(c.name, "bring", tuple(bring)))
        else:
            reasons = (GROUP_SIZE.name,) if group_size_on else ()
            out.append(ColleagueAdvice(c.name, "leave", reasons))
    return tuple(out)


def _verdict(brought: list[str], findings: Sequence[Finding], pair_is_large: bool) -> Verdict:
    if not brought:
        return "go-alone"
    if len(brought) == 1 and not pair_is_large:
        # A con against the partner names them alone; one about the whole list
        # (group-size over everyone listed) is not about the pair that goes.
        partner = [fold(brought[0])]
        against = any(f.kind == "con" and list(map(fold, f.subjects)) == partner for f in findings)
        if not against:
            return "go-together"
    return "go-together-split-up"


def _headline(verdict: Verdict, advice: Sequence[ColleagueAdvice], ctx: Context) -> str:
    brought = [a.name for a in advice if a.recommendation == "bring"]
    if verdict == "go-together":
        return f"Go as a pair with {brought[0]}."
    if verdict == "go-together-split-up":
        return (
            f"Go with {names(brought)}, split up on arrival, and regroup every "
            f"{ctx.settings.regroup_minutes} minutes."
        )
    if not advice:
        return "Go alone: no colleagues are on the list."
    # Say why each group stays, from the reasons that decided it.
    against = sum(1 for a in advice if set(a.reasons) & _LEAVE_RULES)
    idle = len(advice) - against
    why = []
    if against:
        why.append(
            f"{plural(against, 'colleague')} would distract you or pull you into socializing"
        )
    if idle:
        why.append(
            f"{plural(idle, 'colleague')} {'has' if idle == 1 else 'have'} no reason to come"
        )
    return "Go alone: " + " and ".join(why) + "."


def _checklist(
    ctx: Context, advice: Sequence[ColleagueAdvice], findings: Sequence[Finding]
) -> tuple[ChecklistItem, ...]:
    brought = [a.name for a in advice if a.recommendation == "bring"]
    goal = ctx.new_contacts_goal
    minutes = ctx.settings.regroup_minutes
    goal_text = contacts_goal(goal)
    items: list[ChecklistItem] = []

    def add(phase: Phase, text: str, target: str | None = None) -> None:
        items.append(ChecklistItem(phase, text, target))

    if brought:
        add(
            "before",
            f"Agree with {names(brought)} to split up on arrival and meet again every "
            f"{minutes} minutes to swap introductions.",
        )
    add("before", f"Set your goal: meet {goal_text} you did not know before.")
    for f in findings:
        if f.rule == MORAL_SUPPORT.name and f.effect == "bring":
            add(
                "before",
                f"Remind {names(list(f.subjects))} they come to back you up, not to socialize.",
            )
    left = [a.name for a in advice if a.recommendation == "leave"]
    if left:
        add("before", f"Tell {names(left)} you will go without them this time.")

    if brought:
        add("during", f"Split up as soon as you arrive; regroup every {minutes} minutes.")
    items.extend(_target_items(ctx, advice))
    add("during", f"Talk to people you do not know until you have met {goal_text}.")

    add("after", "Follow up with everyone you met within two working days.")
    debrief = "Debrief: did you network, or only socialize? Count your new contacts"
    add("after", debrief + (f" against the goal of {goal}." if goal else "."))
    if brought:
        add("after", f"Compare notes with {names(brought)}: who did each of you meet?")
    return tuple(items)


def _target_items(ctx: Context, advice: Sequence[ColleagueAdvice]) -> list[ChecklistItem]:
    """One item per target, highest priority first. Runs once per target: keep it lean."""
    brought = {fold(a.name) for a in advice if a.recommendation == "bring"}
    coming: dict[str, list[str]] = {}  # folded target name → colleagues who can introduce
    staying: dict[str, list[str]] = {}
    for c in ctx.event.colleagues:
        by = coming if fold(c.name) in brought else staying
        for t in ctx.known_targets(c):
            by.setdefault(fold(t.name), []).append(c.name)
    experts: dict[str, list[str]] = {}  # folded subject → brought colleagues who know it
    for c in ctx.event.colleagues:
        if fold(c.name) in brought:
            for subject in unique(c.expertise):
                experts.setdefault(fold(subject), []).append(c.name)
    by_priority: dict[str, list[Target]] = {"high": [], "medium": [], "low": []}
    for t in ctx.event.targets:
        by_priority[t.priority].append(t)
    items = []
    for priority, targets in by_priority.items():
        for t in targets:
            text = f"Meet {t.name}"
            if t.title and t.company:
                text += f" ({t.title}, {t.company})"
            elif t.title or t.company:
                text += f" ({t.title or t.company})"
            text += f", {priority} priority."
            if coming or staying:
                key = fold(t.name)
                if key in coming:
                    text += f" Ask {names(coming[key])} to introduce you."
                if key in staying:
                    text += f" Ask {names(staying[key])} for an introduction before the event."
            if experts and t.interests:
                text += _expert_fit(t.interests, experts)
            if t.notes:
                text += f" Notes: {t.notes}"
            items.append(ChecklistItem("during", text, t.name))
    return items


def _expert_fit(interests: list[str], experts: dict[str, list[str]]) -> str:
    """' Bring in Dev on payments and Ana on fraud.' for the brought experts who fit."""
    shared: dict[str, list[str]] = {}  # expert → this target's interests they know
    for interest in interests:
        for name in experts.get(fold(interest), ()):
            shared.setdefault(name, []).append(interest)
    if not shared:
        return ""
    return f" Bring in {names([f'{n} on {names(s)}' for n, s in shared.items()])}."
