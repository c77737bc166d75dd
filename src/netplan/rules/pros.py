"""Reasons to bring a colleague along."""

from __future__ import annotations

from netplan.model.plan import Effect, Expertise, Finding, KnowsPeople, Support
from netplan.rules.base import Context, Rule, unique


def _meet_new_people(ctx: Context) -> list[Finding]:
    personal = ctx.event.goal == "personal"
    out = []
    for c in ctx.colleagues:
        known = ctx.known_targets(c)
        others = ctx.others_known(c)
        if not known and not others:
            continue
        facts = KnowsPeople(c.name, tuple(t.name for t in known), others, personal)
        # People who are not targets widen your personal network more than your
        # business one: they decide the matter only when the goal is personal.
        effect: Effect = "bring" if known or personal else None
        out.append(MEET_NEW_PEOPLE.finding(facts, (c.name,), effect))
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
    big_stage = ctx.event.kind in ("trade-show", "conference")
    out = []
    for c in ctx.colleagues:
        subjects = ctx.relevant_expertise(c)
        if subjects:
            facts = Expertise(c.name, tuple(subjects), big_stage)
            out.append(SUBJECT_EXPERTS.finding(facts, (c.name,), "bring"))
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
    new_to = tuple(unique(ctx.me.new_to))
    colleagues = ctx.colleagues
    if not new_to or not colleagues:
        return []
    supporters = [c for c in colleagues if c.style == "supporter"]
    if supporters:
        # A supporter who is also a close work-friend is the one most likely to
        # turn support into socializing: any other supporter first.
        chosen = next((c for c in supporters if not c.close_friend), supporters[0])
        facts = Support(chosen.name, new_to, True, len(supporters) - 1)
    else:
        # No supporter: anyone with no con against them will do (not a socializer,
        # not reluctant, not a close friend), best one who has a reason to come anyway,
        # so support does not make the group bigger.
        calm = [c for c in colleagues if c.style == "networker" and not c.close_friend]
        if not calm:
            return []
        chosen = next(
            (c for c in calm if ctx.known_targets(c) or ctx.relevant_expertise(c)), calm[0]
        )
        facts = Support(chosen.name, new_to, False, 0)
    return [MORAL_SUPPORT.finding(facts, (chosen.name,), "bring")]


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
        "brings one colleague for this: the first supporter listed (one who is not a close "
        "work-friend first); with no supporter, a networker with nothing against them, "
        "preferring one who has another reason to come. More than one turns support into "
        "a group."
    ),
    article_point=(
        "Moral support for a newcomer: colleagues there to support you, not to socialize."
    ),
    reads=("me.new_to", "colleagues.style", "colleagues.close_friend"),
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
