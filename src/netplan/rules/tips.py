"""Advice that holds at every event."""

from __future__ import annotations

from netplan.rules.base import Context, Finding, Rule, plural


def _comfort_zone(ctx: Context) -> list[Finding]:
    goal = ctx.new_contacts_goal
    msg = (
        "Everyone drifts toward familiar faces in a room of strangers. Plan against it: "
        "do not settle in with people you already know, and do not leave before you have met "
    )
    msg += f"{plural(goal, 'new person', 'new people')}." if goal else "someone new."
    if ctx.event.colleagues:
        # The rule does not know who the engine brings, so it speaks conditionally.
        msg += (
            " If colleagues come along, split up on arrival and regroup every "
            f"{ctx.settings.regroup_minutes} minutes."
        )
    return [COMFORT_ZONE.finding(msg)]


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
    reads=("event.new_contacts_goal", "colleagues"),
    settings=("default_new_contacts_goal", "regroup_minutes"),
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
