"""Reasons a colleague, or the group as a whole, gets in the way."""

from __future__ import annotations

from netplan.rules.base import Context, Finding, Rule, names


def _socializing_risk(ctx: Context) -> list[Finding]:
    happy_hour = ctx.event.event.kind == "happy-hour"
    out = []
    for c in ctx.event.colleagues:
        if c.style == "socializer":
            msg = (
                f"{c.name} treats events as social hour: with them along you meet fewer new people"
            )
            msg += ", and a happy hour makes that pull stronger." if happy_hour else "."
            out.append(SOCIALIZING_RISK.finding(msg, (c.name,), "leave"))
        elif c.close_friend:
            msg = (
                f"{c.name} is a close work-friend: the two of you could easily spend the whole "
                "event together. Agree to split up."
            )
            out.append(SOCIALIZING_RISK.finding(msg, (c.name,)))
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
    for c in ctx.event.colleagues:
        if c.style == "socializer":
            msg = f"{c.name} will keep drawing you into social chat: leave them at the office."
        elif c.style == "reluctant":
            msg = (
                f"{c.name} is not into the scene and will cling to you for company: "
                "leave them at the office."
            )
        else:
            continue
        out.append(DISTRACTION.finding(msg, (c.name,), "leave"))
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
    colleagues = [c.name for c in ctx.event.colleagues]
    size = 1 + len(colleagues)
    if size < ctx.settings.large_group:
        return []
    msg = (
        f"If everyone listed came, you plus {names(colleagues)} would make a group of {size}: "
        "few people walk up to a group that size. Bring only who you need, and split up "
        "when you arrive."
    )
    return [GROUP_SIZE.finding(msg, tuple(colleagues))]


GROUP_SIZE = Rule(
    code="NP203",
    name="group-size",
    kind="con",
    summary="A large group is intimidating: strangers will not walk up to it.",
    rationale=(
        "Approaching one stranger takes some nerve; approaching a circle of people who "
        "already know each other takes a lot more, and most people will not do it. The "
        "more colleagues you arrive with, the fewer people come to you. netplan counts "
        "you plus every colleague listed against the large_group setting, and leaves at "
        "the office any colleague who has no reason to come."
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
