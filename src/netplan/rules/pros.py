"""Reasons to bring a colleague along."""

from __future__ import annotations

from netplan.models import fold
from netplan.rules.base import Context, Finding, Rule, names, plural, unique


def _meet_new_people(ctx: Context) -> list[Finding]:
    personal = ctx.event.event.goal == "personal"
    out = []
    for c in ctx.event.colleagues:
        if not c.knows:
            continue
        known = ctx.known_targets(c)
        others = len({fold(n) for n in c.knows}) - len(known)
        if known:
            msg = f"{c.name} can introduce you to {plural(len(known), 'target')}: " + names(
                [t.name for t in known]
            )
            if others:
                msg += f"; and knows {plural(others, 'other attendee')}"
            out.append(MEET_NEW_PEOPLE.finding(msg + ".", (c.name,), "bring"))
        elif personal:
            msg = (
                f"{c.name} knows {plural(others, 'attendee')} you could meet through them: "
                "good for your personal network."
            )
            out.append(MEET_NEW_PEOPLE.finding(msg, (c.name,), "bring"))
        else:
            msg = (
                f"{c.name} knows {plural(others, 'attendee')}, none of them a target: that "
                "helps your personal network more than your business one."
            )
            out.append(MEET_NEW_PEOPLE.finding(msg, (c.name,)))
    return out


MEET_NEW_PEOPLE = Rule(
    code="NP101",
    name="meet-new-people",
    kind="pro",
    summary="A colleague who knows people you don't can make warm introductions.",
    rationale=(
        "Nobody knows everyone in the room. A co-worker who already knows some of the "
        "attendees can walk you over and introduce you, which beats a cold approach. "
        "When the people they know are on your target list this is worth bringing them "
        "for; when they are other attendees it mostly widens your personal network, so "
        "it decides the matter only when the event's goal is personal."
    ),
    article_point="You're more likely to meet new people: a co-worker may know someone you don't.",
    reads=("colleagues.knows", "targets.name", "event.goal"),
    example="""\
[event]
name = "Harbour Tech Mixer"
kind = "mixer"

[me]
name = "Robin"

[[colleagues]]
name = "Ana"
knows = ["Pat Lee"]

[[targets]]
name = "Pat Lee"
""",
    check=_meet_new_people,
)


def _subject_experts(ctx: Context) -> list[Finding]:
    big_stage = ctx.event.event.kind in ("trade-show", "conference")
    out = []
    for c in ctx.event.colleagues:
        subjects = unique(ctx.relevant_expertise(c))
        if not subjects:
            continue
        msg = (
            f"{c.name} can speak with authority on {names(subjects)}, which people there care about"
        )
        msg += (
            ": at a trade show or conference an expert makes the product shine."
            if big_stage
            else "."
        )
        out.append(SUBJECT_EXPERTS.finding(msg, (c.name,), "bring"))
    return out


SUBJECT_EXPERTS = Rule(
    code="NP102",
    name="subject-experts",
    kind="pro",
    summary="A colleague whose expertise matches the event's topics or a target's interests.",
    rationale=(
        "A rep can pitch, but an engineer, a product manager or a specialist can answer "
        "the deep questions and show what the product can really do. When a colleague's "
        "expertise matches what the event is about, or what a target cares about, their "
        "presence makes the product look better than you could on your own. This counts "
        "most at trade shows and conferences, where visitors come with technical questions."
    ),
    article_point=(
        "Multiple subject-matter experts: they explain the product beyond a rep's experience."
    ),
    reads=("colleagues.expertise", "event.topics", "event.kind", "targets.interests"),
    example="""\
[event]
name = "FinOps Expo"
kind = "trade-show"
topics = ["payments"]

[me]
name = "Robin"

[[colleagues]]
name = "Dev"
expertise = ["payments"]
""",
    check=_subject_experts,
)


def _moral_support(ctx: Context) -> list[Finding]:
    new_to = ctx.event.me.new_to
    supporters = [c.name for c in ctx.event.colleagues if c.style == "supporter"]
    if not new_to or not supporters:
        return []
    first = supporters[0]
    msg = (
        f"You are new to {names(list(dict.fromkeys(new_to)))}: {first} can come to give you "
        "courage. They are there to support you, not to socialize with you."
    )
    if len(supporters) > 1:
        msg += " One supporter is enough."
    return [MORAL_SUPPORT.finding(msg, (first,), "bring")]


MORAL_SUPPORT = Rule(
    code="NP103",
    name="moral-support",
    kind="pro",
    summary="A newcomer gains courage from one supportive colleague.",
    rationale=(
        "Walking into a room of strangers is hard, more so when you are new to sales, to "
        "networking or to the industry. One colleague who comes to back you up can give "
        "you the nerve to start conversations. The catch: they are there to support you, "
        "not to keep you company all evening, so agree on that before you go. netplan "
        "brings the first supporter listed; more than one turns support into a group."
    ),
    article_point=(
        "Moral support for a newcomer: colleagues there to support you, not to socialize."
    ),
    reads=("me.new_to", "colleagues.style"),
    example="""\
[event]
name = "Chamber Breakfast"
kind = "meetup"

[me]
name = "Robin"
new_to = ["networking"]

[[colleagues]]
name = "Sam"
style = "supporter"
""",
    check=_moral_support,
)

RULES = (MEET_NEW_PEOPLE, SUBJECT_EXPERTS, MORAL_SUPPORT)
