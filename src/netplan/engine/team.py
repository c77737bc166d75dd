"""The team at the event: who owns which target, when to regroup, and each person's
own checklist. Pure: plan data in, plan data out.

Ownership, when the group splits up: each target gets one owner among the people who
go. A target you know already (a connection, or met at an earlier event) stays with
you: a colleague's introduction adds nothing there. So does a high-priority target
nobody coming can introduce (you are the salesperson). For the rest, in checklist
order, the first of these with room takes it: a colleague who comes and knows the
target, a brought expert whose subjects fit its interests, you. Room means owning no
more than an even share plus one; when everyone preferred is full, the least loaded
person takes it (ties: you first, then colleagues in file order). A pair or a rep going
alone owns everything themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from netplan.model.event import EventInfo
from netplan.model.kinds import Priority, Verdict
from netplan.model.plan import ExpertFit, Introducer, Slot
from netplan.model.when import after, earlier, event_day, window, working_days_after

FOLLOW_UP_WORKING_DAYS = 2


def assign_owners(
    briefs: Sequence[Claims], me: str, brought: Sequence[str], verdict: Verdict
) -> list[str]:
    """The owner of each target, in the order of `briefs`."""
    if verdict != "go-together-split-up":
        return [me] * len(briefs)
    going = (me, *brought)
    rank = {name: i for i, name in enumerate(going)}
    room = len(briefs) // len(going) + 1
    load = dict.fromkeys(going, 0)
    owners: list[str | None] = [None] * len(briefs)
    for n, b in enumerate(briefs):
        if b.yours or (b.priority == "high" and not any(i.coming for i in b.introducers)):
            owners[n] = me
            load[me] += 1
    for n, b in enumerate(briefs):
        if owners[n] is not None:
            continue
        preferred = [i.name for i in b.introducers if i.coming]
        preferred += [e.name for e in b.experts]
        preferred.append(me)
        owner = next((p for p in preferred if load[p] < room), None)
        if owner is None:
            owner = min(going, key=lambda p: (load[p], rank[p]))
        owners[n] = owner
        load[owner] += 1
    return [o or me for o in owners]


class Claims(Protocol):
    """What ownership looks at in a target's brief."""

    @property
    def priority(self) -> Priority: ...
    @property
    def introducers(self) -> Sequence[Introducer]: ...
    @property
    def experts(self) -> Sequence[ExpertFit]: ...
    @property
    def yours(self) -> bool: ...


def schedule(info: EventInfo, verdict: Verdict, regroup_minutes: int) -> tuple[Slot, ...]:
    """Arrival, a regroup every `regroup_minutes` when the group splits up, and leaving."""
    start, end = window(info)
    if start is None:
        return ()
    slots = [Slot(start, "arrive")]
    if end is not None:
        if verdict == "go-together-split-up":
            step = dt.timedelta(minutes=regroup_minutes)
            k = 1
            while earlier(at := after(start, step * k), end):
                slots.append(Slot(at, "regroup"))
                k += 1
        slots.append(Slot(end, "leave"))
    return tuple(slots)


def follow_up_by(info: EventInfo) -> dt.date | None:
    day = event_day(info)
    return working_days_after(day, FOLLOW_UP_WORKING_DAYS) if day else None
