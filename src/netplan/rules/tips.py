"""Advice that holds at every event."""

from __future__ import annotations

from netplan.model.plan import ComfortZone, Finding
from netplan.rules.base import Context, Rule


def _comfort_zone(ctx: Context) -> list[Finding]:
    return [COMFORT_ZONE.finding(ComfortZone(ctx.new_contacts_goal))]


COMFORT_ZONE = Rule(
    code="NP301",
    name="comfort-zone",
    kind="tip",
    summary="Everyone gravitates to familiar faces: plan to counter it.",
    rationale=(
        "In an unfamiliar room people head for whoever they already know. That is human, "
        "and it is also how a night of networking turns into a night of chatting with "
        "co-workers. Knowing it is the remedy: decide in advance to split up, set times to "
        "regroup and compare notes, and set a number of new contacts to make before you "
        "leave. Afterwards, ask honestly whether you networked or only socialized."
    ),
    article_point=(
        "Nobody's perfect: gravitating to familiar people is natural, so take steps to control it."
    ),
    reads=("event.new_contacts_goal",),
    settings=("default_new_contacts_goal", "goal_from_history", "regroup_minutes"),
    example="""\
[event]
name = "Any Event"
kind = "other"

[me]
name = "Robin"
""",
    check=_comfort_zone,
)

RULES = (COMFORT_ZONE,)
