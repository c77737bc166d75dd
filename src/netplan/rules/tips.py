"""Advice that holds at every event."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netplan.model.plan import ComfortZone, Finding, NotRegistered
from netplan.rules.base import Context, Rule

if TYPE_CHECKING:
    from netplan.model.people import Rosters


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


def _not_registered(ctx: Context) -> list[Finding]:
    attendees = ctx.people.attendees
    if attendees is None:
        return []
    missing = tuple(
        t.name for t, on in zip(ctx.targets, ctx.people.registered, strict=True) if on is False
    )
    return [NOT_REGISTERED.finding(NotRegistered(missing, attendees))] if missing else []


def _example_rosters() -> Rosters:
    from netplan.model.people import Person, Rosters

    return Rosters(attendees=(Person("Dana Whitfield", "Dana Whitfield"),))


NOT_REGISTERED = Rule(
    code="NP303",
    name="not-registered",
    kind="tip",
    summary="A target who is not on the attendee list may not be there at all.",
    rationale=(
        "A plan built around someone who is not coming wastes the evening. When the event "
        "file names the attendee export ([event] attendees), netplan looks every target up "
        "in it (by email, profile or name) and says which ones are not registered. They stay "
        "in the checklist, last within their priority: registrations change, and someone "
        "may come as a guest, but check before you count on them."
    ),
    article_point=(
        "A co-worker's contacts and your targets help only if they are in the room: plan "
        "for who is actually coming."
    ),
    reads=("event.attendees", "targets"),
    example="""\
# With an attendee export that does not list Pat Lee:
[event]
name = "Harbour Mixer"
kind = "mixer"
attendees = "guests.csv"

[me]
name = "Robin"

[[targets]]
name = "Pat Lee"
""",
    check=_not_registered,
    example_rosters=_example_rosters,
)


RULES = (COMFORT_ZONE, NOT_REGISTERED)  # the registry puts history's already-met between
