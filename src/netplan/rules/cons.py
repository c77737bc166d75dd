"""Reasons a colleague, or the group as a whole, gets in the way."""

from __future__ import annotations

from netplan.model.plan import Clings, CloseFriend, Finding, LargeGroup, Socializer
from netplan.rules.base import Context, Rule


def _socializing_risk(ctx: Context) -> list[Finding]:
    happy_hour = ctx.event.kind == "happy-hour"
    out = []
    for c in ctx.colleagues:
        if c.style == "socializer":
            out.append(SOCIALIZING_RISK.finding(Socializer(c.name, happy_hour), (c.name,), "leave"))
        elif c.close_friend:
            # A close friend may still come for a good reason: a warning, not a veto.
            out.append(SOCIALIZING_RISK.finding(CloseFriend(c.name), (c.name,)))
    return out


SOCIALIZING_RISK = Rule(
    code="NP201",
    name="socializing-risk",
    kind="con",
    summary="Colleagues who are there to socialize mean you meet fewer new people.",
    rationale=(
        "A networking event is work. Colleagues who see it as a night out, and the "
        "work-friends you always spend time with, pull you into talking to each other "
        "instead of to strangers: the evening ends with good gossip and no new contacts. "
        "A socializer stays at the office; a close friend may still come for a good "
        "reason, but only with an agreement to split up."
    ),
    article_point=(
        "Less likely to meet new people: co-workers there to socialize, not to network."
    ),
    reads=("colleagues.style", "colleagues.close_friend", "event.kind"),
    example="""\
[event]
name = "Friday Mixer"
kind = "happy-hour"

[me]
name = "Robin"

[[colleagues]]
name = "Alex"
style = "socializer"
""",
    check=_socializing_risk,
)


def _distraction(ctx: Context) -> list[Finding]:
    out = []
    for c in ctx.colleagues:
        match c.style:
            case "socializer" | "reluctant" as style:
                out.append(DISTRACTION.finding(Clings(c.name, style), (c.name,), "leave"))
    return out


DISTRACTION = Rule(
    code="NP202",
    name="distraction",
    kind="con",
    summary="Socializers and reluctant colleagues cling to you and distract you.",
    rationale=(
        "Someone who does not want to be at the event, or who wants a party, needs "
        "entertaining, and you are the person they know. Every minute you spend keeping "
        "them busy is a minute you are not meeting anyone. Such colleagues are better "
        "left at the office."
    ),
    article_point=(
        "You'll get distracted more easily: co-workers who aren't into the scene cling to you."
    ),
    reads=("colleagues.style",),
    example="""\
[event]
name = "Industry Meetup"
kind = "meetup"

[me]
name = "Robin"

[[colleagues]]
name = "Jo"
style = "reluctant"
""",
    check=_distraction,
)


def _group_size(ctx: Context) -> list[Finding]:
    listed = tuple(c.name for c in ctx.colleagues)
    if 1 + len(listed) < ctx.settings.large_group:
        return []
    return [GROUP_SIZE.finding(LargeGroup(listed, ctx.settings.large_group), listed)]


GROUP_SIZE = Rule(
    code="NP203",
    name="group-size",
    kind="con",
    summary="A large group is intimidating: strangers will not walk up to it.",
    rationale=(
        "Approaching one stranger takes some nerve; approaching a circle of people who "
        "already know each other takes a lot more, and most people will not do it. The "
        "more colleagues you arrive with, the fewer people come to you. netplan counts "
        "you plus every colleague listed against the large_group setting; when the list is "
        "that large, a colleague with no reason to come stays at the office on this "
        "rule's account."
    ),
    article_point=(
        "Larger groups are more intimidating: people seldom approach a group they don't know."
    ),
    reads=("colleagues",),
    settings=("large_group",),
    example="""\
[event]
name = "Regional Sales Summit"
kind = "conference"

[me]
name = "Robin"

[[colleagues]]
name = "Ana"

[[colleagues]]
name = "Bo"
""",
    check=_group_size,
)

RULES = (SOCIALIZING_RISK, DISTRACTION, GROUP_SIZE)
