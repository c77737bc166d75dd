"""After the event: what happened, as a record for the history. Pure.

Who is new: a target met counts as a new contact unless the history says you met
them at an earlier event (`met_before`) or they are among your own connections. Who
introduced them: the first colleague who came and knows them (nobody, for someone
you knew already).
"""

from __future__ import annotations

from collections.abc import Sequence

from netplan.model.event import event_id
from netplan.model.history import DebriefRecord, MetPerson
from netplan.model.identity import name_key
from netplan.model.plan import Plan, TargetBrief
from netplan.model.when import event_day


def record(
    plan: Plan,
    came: Sequence[str],
    met: Sequence[str],
    other_new: int,
    done: Sequence[str] = (),
) -> DebriefRecord:
    """The debrief of `plan`'s event. `came` are colleague names and `met` target names
    as the plan spells them."""
    briefs = {name_key(b.name): b for b in plan.targets}
    came_keys = {name_key(c) for c in came}
    people = [_met(briefs[name_key(n)], came_keys) for n in dict.fromkeys(met)]
    return DebriefRecord(
        event_id=event_id(plan.event),
        name=plan.event.name,
        date=event_day(plan.event),
        verdict=plan.verdict,
        came=tuple(came),
        goal=plan.new_contacts_goal,
        targets_planned=tuple(b.name for b in plan.targets),
        met=tuple(people),
        other_new=other_new,
        done=tuple(done),
    )


def _met(brief: TargetBrief, came: set[str]) -> MetPerson:
    # Someone you knew already was not introduced to you, whoever came.
    knowers = () if brief.yours else brief.introducers
    introducer = next((i.name for i in knowers if name_key(i.name) in came), None)
    return MetPerson(
        name=brief.name,
        company=brief.company,
        title=brief.title,
        introduced_by=introducer,
        new=brief.met_before is None and not brief.known_by_me,
        email=brief.email,
        linkedin=brief.linkedin,
    )
