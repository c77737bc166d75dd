"""Every sentence netplan says about a plan, in one place.

The engine and the rules return data (`model.plan`); these functions turn it into
English. Each reporter (text, markdown, JSON) uses them, so a plan reads the same
in every format. The strings returned still hold raw input text: making them
inert for a terminal or for markdown is the reporter's job (`safety`).

Lists of names that could grow with the input (the targets a colleague knows, the
experts on one target) are cut to a few names and a count, so a report stays
proportional to the file it came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from netplan.model.plan import (
    AgreeToSplit,
    AlreadyMet,
    AskForIntroductions,
    ChecklistItem,
    Clings,
    CloseFriend,
    ColleagueAdvice,
    ComfortZone,
    CompareNotes,
    Debrief,
    Expertise,
    Finding,
    FollowUp,
    HandOver,
    IntroduceTo,
    KnowsPeople,
    LargeGroup,
    MeetStrangers,
    MeetTarget,
    MeetTheirPeople,
    NotRegistered,
    Plan,
    PlanThePair,
    RemindSupport,
    SetGoal,
    Slot,
    Socializer,
    SplitOnArrival,
    Support,
    TargetBrief,
    TellLeft,
    TrackRecord,
    WorkAsPair,
)

# How many names one sentence lists before it says "and N more".
NAMES_SHOWN = 10
# How many experts one target's item names.
EXPERTS_SHOWN = 3


def names(people: Sequence[str], limit: int | None = None) -> str:
    """'A', 'A and B', 'A, B and C'; with a limit, 'A, B and 3 more'."""
    if limit is not None and len(people) > limit:
        return ", ".join(people[:limit]) + f" and {len(people) - limit:,} more"
    if len(people) <= 1:
        return "".join(people)
    return ", ".join(people[:-1]) + " and " + people[-1]


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 target', '2 targets', '1,200 targets'; `many` for irregular plurals."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {many or word + 's'}"


def goal_phrase(goal: int) -> str:
    """The new-contacts goal, one way everywhere: 'at least 3 new people' or 'someone new'."""
    return f"at least {plural(goal, 'new person', 'new people')}" if goal else "someone new"


def reasons(advice: ColleagueAdvice) -> str:
    """Why a colleague comes or stays: the rules that decided it, or that nothing speaks
    for them (and which cons speak against them)."""
    if advice.basis != "idle":
        return ", ".join(advice.reasons)
    return "; ".join(
        ["no reason to come", *([", ".join(advice.reasons)] if advice.reasons else [])]
    )


# --- the verdict -----------------------------------------------------------------------


def headline(plan: Plan) -> str:
    brought = plan.brought
    if plan.verdict == "go-together":
        return f"Go as a pair with {brought[0]}."
    if plan.verdict == "go-together-split-up":
        return (
            f"Go with {names(brought, NAMES_SHOWN)}, split up on arrival, and regroup every "
            f"{plan.settings.regroup_minutes} minutes."
        )
    if not plan.colleagues:
        return "Go alone: no colleagues are on the list."
    against = sum(1 for a in plan.colleagues if a.basis == "leave")
    idle = len(plan.colleagues) - against
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


# --- findings --------------------------------------------------------------------------


def finding_message(f: Finding, plan: Plan) -> str:
    """What a rule found, said for this plan: advice for those who come is not
    addressed to those who stay."""
    facts = f.facts
    staying = plan.staying
    match facts:
        case KnowsPeople(colleague, targets, others, personal) if targets:
            msg = (
                f"{colleague} can introduce you to {plural(len(targets), 'target')}: "
                f"{names(targets, NAMES_SHOWN)}"
            )
            if others:
                msg += f"; and knows {plural(others, 'other attendee')}"
            if colleague in staying:
                msg += ". They stay at the office, so ask them for introductions before the event"
            return msg + "."
        case KnowsPeople(colleague, _, others, personal) if personal:
            return (
                f"{colleague} knows {plural(others, 'attendee')} you could meet through them: "
                "good for your personal network."
            )
        case KnowsPeople(colleague, _, others, _):
            return (
                f"{colleague} knows {plural(others, 'attendee')}, none of them a target: that "
                "helps your personal network more than your business one."
            )
        case Expertise(colleague, subjects, big_stage):
            msg = (
                f"{colleague} can speak with authority on {names(subjects, NAMES_SHOWN)}, "
                "which people there care about"
            )
            if colleague in staying:
                return msg + ". They stay at the office: ask them to brief you before the event."
            if big_stage:
                return msg + ": at a trade show or conference an expert makes the product shine."
            return msg + "."
        case Support(colleague, new_to, supporter, more):
            msg = f"You are new to {names(new_to)}: {colleague} can come to give you courage."
            if supporter:
                msg += " They are there to support you, not to socialize with you."
            else:
                msg += (
                    " Nobody is listed as a supporter, and nothing suggests they would "
                    "socialize or cling: agree that they come to back you up."
                )
            if more:
                msg += " One supporter is enough."
            return msg
        case Socializer(colleague, happy_hour):
            msg = (
                f"{colleague} treats events as social hour: with them along you meet fewer "
                "new people"
            )
            return msg + (", and a happy hour makes that pull stronger." if happy_hour else ".")
        case CloseFriend(colleague):
            msg = (
                f"{colleague} is a close work-friend: the two of you could easily spend the "
                "whole event together."
            )
            if colleague in staying:
                return msg + " Leaving them at the office this time keeps you meeting new people."
            return msg + " Agree to split up."
        case Clings(colleague, "socializer"):
            return f"{colleague} will keep drawing you into social chat: leave them at the office."
        case Clings(colleague, _):
            return (
                f"{colleague} is not into the scene and will cling to you for company: "
                "leave them at the office."
            )
        case LargeGroup(listed, _):
            return _large_group(listed, plan)
        case TrackRecord(colleague, with_them, n_with, without, n_without):
            per = f"With {colleague} along you met {with_them:g} new "
            per += f"{'person' if with_them == 1 else 'people'} per event ({_events(n_with)}); "
            per += f"without them, {without:g} ({_events(n_without)})."
            if f.kind == "con":
                return per + " Your own record says you network less with them along."
            return per + " Your own record says they help you meet people."
        case NotRegistered(targets, attendees):
            return (
                f"{plural(len(targets), 'target')} of yours "
                f"{'is' if len(targets) == 1 else 'are'} not among the {attendees:,} people on "
                f"the attendee list: {names(targets, NAMES_SHOWN)}. Check they are coming "
                "before you plan around them."
            )
        case AlreadyMet(targets):
            shown = [f"{name} (last met {day.isoformat()})" for name, day in targets]
            return (
                f"You have met {plural(len(targets), 'target')} before: "
                f"{names(shown, NAMES_SHOWN)}. Follow up with them rather than meeting them "
                "again; they do not count toward your goal of new people."
            )
        case ComfortZone(goal):
            msg = (
                "Everyone drifts toward familiar faces in a room of strangers. Plan against it: "
                "do not settle in with people you already know, and do not leave before you "
                f"have met {goal_phrase(goal)}."
            )
            if plan.verdict == "go-together-split-up":
                msg += (
                    " Split up on arrival and regroup every "
                    f"{plan.settings.regroup_minutes} minutes."
                )
            elif plan.verdict == "go-together":
                msg += f" Work the room with {plan.brought[0]} instead of talking to each other."
            return msg
    raise AssertionError(f"no phrase for {facts!r}")  # pragma: no cover - mypy checks it


def _events(n: int) -> str:
    return plural(n, "event")


def _large_group(listed: Sequence[str], plan: Plan) -> str:
    msg = (
        f"If everyone listed came, you plus {names(listed, NAMES_SHOWN)} would make a group of "
        f"{len(listed) + 1:,}, and few people walk up to a group that size."
    )
    brought = plan.brought
    if plan.verdict == "go-alone":
        return msg + " Nobody needs to come along, so you go alone."
    if plan.verdict == "go-together":
        return msg + f" Only {brought[0]} comes, so the two of you stay easy to approach."
    if len(brought) == len(listed):
        return msg + " Everyone listed has a reason to come, so split up as soon as you arrive."
    return msg + " Bring only who you need, and split up as soon as you arrive."


# --- checklist ---------------------------------------------------------------------------


def clock(at: dt.datetime, day: dt.date | None = None) -> str:
    """'18:45', or '2027-03-19 00:15' on another day than `day`."""
    if day is not None and at.date() != day:
        return at.strftime("%Y-%m-%d %H:%M")
    return at.strftime("%H:%M")


def _others(plan: Plan, people: Sequence[str], reader: str) -> list[str]:
    """Who a shared action is with, seen by `reader`: the rep and the group, minus them."""
    return [p for p in dict.fromkeys((plan.me, *people)) if p != reader]


def item_text(item: ChecklistItem, plan: Plan, reader: str | None = None) -> str:
    """An item as `reader` (default: the rep) should read it."""
    me = plan.me
    who = me if reader is None else reader
    match item.action:
        case MeetTarget(brief):
            return meet_text(brief, me, who)
        case IntroduceTo(owner, brief):
            return f"Introduce {owner} to {brief.name}{_role(brief)}."
        case AgreeToSplit(people, minutes):
            return (
                f"Agree with {names(_others(plan, people, who), NAMES_SHOWN)} to split up on "
                f"arrival and meet again every {minutes} minutes to swap introductions."
            )
        case PlanThePair(partner, introduces):
            other = partner if who == me else me
            if introduces:
                whose = "they will introduce you to" if who == me else "you will introduce them to"
                return (
                    f"Agree with {other} how you will work the room as a pair: which targets "
                    f"{whose}, and that you both talk to new people rather than to each other."
                )
            return (
                f"Agree with {other} that you will work the room as a pair, talking to new "
                "people rather than to each other."
            )
        case SetGoal(goal):
            return f"Set your goal: meet {goal_phrase(goal)} you did not know before."
        case RemindSupport(people):
            return (
                f"Remind {names(people, NAMES_SHOWN)} they come to back you up, not to socialize."
            )
        case AskForIntroductions(introducer, targets):
            return (
                f"Ask {introducer}, who stays at the office, to introduce you to "
                f"{names(targets, NAMES_SHOWN)} before the event."
            )
        case TellLeft(people):
            return f"Tell {names(people, NAMES_SHOWN)} you will go without them this time."
        case SplitOnArrival(minutes, regroups):
            if regroups:
                day = regroups[0].date()
                times = names([clock(t, day) for t in regroups], NAMES_SHOWN)
                return f"Split up as soon as you arrive; regroup at {times}."
            return f"Split up as soon as you arrive; regroup every {minutes} minutes."
        case WorkAsPair(partner, introduces):
            other = partner if who == me else me
            text = f"Work the room together with {other}: approach people you do not know"
            if introduces and who == me:
                return text + f", and let {partner} introduce you where they can."
            if introduces:
                return text + ", and introduce them to the targets you know."
            return text + ", and do not settle in with each other."
        case MeetTheirPeople(people):
            if who == me:
                return (
                    f"Ask {names(people, NAMES_SHOWN)} to introduce you to the people they know "
                    "there who are not on your list."
                )
            return f"Introduce {me} to the people you know there who are not on the list."
        case MeetStrangers(goal):
            return f"Talk to people you do not know until you have met {goal_phrase(goal)}."
        case FollowUp(due):
            when = f"by {_day(due)}" if due else "within two working days"
            return f"Follow up with everyone you met {when}."
        case HandOver(to):
            return f"Send {to} the name and details of everyone you met, for the follow-up."
        case Debrief(goal):
            text = "Debrief: did you network, or only socialize? Count your new contacts"
            return text + (f" against the goal of {goal:,}." if goal else ".")
        case CompareNotes(people):
            return (
                f"Compare notes with {names(_others(plan, people, who), NAMES_SHOWN)}: "
                "who did each of you meet?"
            )
    raise AssertionError(f"no phrase for {item.action!r}")  # pragma: no cover - mypy checks it


def _day(day: dt.date) -> str:
    return f"{day:%A} {day.isoformat()}"


def _role(brief: TargetBrief) -> str:
    if brief.title and brief.company:
        return f" ({brief.title}, {brief.company})"
    if brief.title or brief.company:
        return f" ({brief.title or brief.company})"
    return ""


def meet_text(brief: TargetBrief, me: str = "", reader: str = "") -> str:
    """The checklist line for one target, as `reader` sees it. Runs once per target:
    keep it lean (most targets have no introducer, expert, history or note)."""
    owner = brief.owner or me
    # Someone you know already needs no introduction.
    introducers = () if brief.yours else brief.introducers
    if owner != me:
        # A colleague works this target: they find them (an acquaintance, or a subject
        # to talk), then bring the rep in.
        knows = any(i.name == owner for i in introducers)
        own = names(
            [s for e in brief.experts if e.name == owner for s in e.subjects], EXPERTS_SHOWN
        )
        head = f"{brief.name}{_role(brief)}, {brief.priority} priority"
        if reader == owner:
            steps = [*(["you know them"] if knows else []), *([f"talk {own}"] if own else [])]
            text = f"Find {head}: {', '.join(steps or ['introduce yourself'])}, then bring {me} in."
        else:
            steps = ["knows them" if knows else "finds them", *([f"talks {own}"] if own else [])]
            text = f"{head}: {owner} {', '.join(steps)}, then brings you in."
    else:
        verb = "Follow up with" if brief.met_before else "Meet"
        if brief.known_by_me and not brief.met_before:
            verb = "Reconnect with"
        text = f"{verb} {brief.name}{_role(brief)}, {brief.priority} priority."
        if introducers and (coming := [i.name for i in introducers if i.coming]):
            text += f" Ask {names(coming, EXPERTS_SHOWN)} to introduce you."
    if introducers and (staying := [i.name for i in introducers if not i.coming]):
        # Asking them is a task of the before phase; here only who knows the target.
        one = len(staying) == 1
        text += (
            f" {names(staying, EXPERTS_SHOWN)} {'knows' if one else 'know'} them and "
            f"{'stays' if one else 'stay'} at the office."
        )
    if brief.met_before:
        text += f" You last met them on {brief.met_before.isoformat()}."
    if brief.registered is False:
        text += " Not on the attendee list: check they are coming."
    if brief.experts and (others := [e for e in brief.experts if e.name != owner]):
        fits = [f"{e.name} on {names(e.subjects, EXPERTS_SHOWN)}" for e in others]
        text += f" Bring in {names(fits, EXPERTS_SHOWN)}."
    # Trimmed: a note of only spaces would end the item in a markdown hard break.
    if brief.notes and (notes := brief.notes.strip()):
        text += f" Notes: {notes}"
    return text


def schedule_text(slot: Slot, plan: Plan) -> str:
    if slot.what == "arrive":
        going = plan.going
        return "Arrive together" if len(going) > 1 else "Arrive"
    if slot.what == "leave":
        return "Leave"
    return "Regroup: swap introductions, then split up again"


# --- calendar and team roll-up -----------------------------------------------------------


def who_goes(plan: Plan) -> str:
    """'Going: Jordan, A and B. Staying at the office: C.': the calendar's description."""
    text = f"Going: {names(plan.going, NAMES_SHOWN)}."
    if plan.left:
        text += f" Staying at the office: {names(plan.left, NAMES_SHOWN)}."
    return text


def overlap_text(
    person: str, first: str, first_when: str, second: str, second_when: str, *, same_day: bool
) -> str:
    """One person booked for two events at once (`netplan team`)."""
    clash = "on the same day" if same_day else "at overlapping times"
    return f"{person} goes to {first} ({first_when}) and to {second} ({second_when}), {clash}."
