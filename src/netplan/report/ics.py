"""Plan → iCalendar (RFC 5545), for `netplan calendar`. Written with the icalendar
library, which does the escaping and line folding: a name holding a newline and
`BEGIN:VEVENT` stays inside one property value.

What goes in: the event (from arrival to leaving), one short event with an alarm per
regroup, a task per before-the-event checklist item (due at the start) and one for the
follow-up (due on `plan.follow_up_by`). Never one per target: the file stays a few
components whatever the size of the event.

Pure: the time stamp comes in as an argument, UIDs are hashes of what the event is,
so the same file gives the same bytes, and re-importing updates instead of duplicating.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import TypeVar

from icalendar import Alarm, Calendar, Event, Todo

from netplan import __version__
from netplan.engine.rollup import DEFAULT_EVENT_LENGTH
from netplan.model.identity import name_key
from netplan.model.plan import ChecklistItem, FollowUp, HandOver, Plan
from netplan.model.when import after, event_day, working_days_after
from netplan.report.phrases import headline, item_text, schedule_text, who_goes
from netplan.safety import ACTIVE

EXTENSION = ".ics"
PRODID = f"-//netplan//netplan {__version__}//EN"
# A regroup is a quick swap of introductions; its alarm leaves time to walk over.
REGROUP_LENGTH = dt.timedelta(minutes=10)
ALARM_BEFORE = dt.timedelta(minutes=5)
# A colleague hands their contacts over the working day after the event, so the rep
# has them before the follow-up is due.
HAND_OVER_WORKING_DAYS = 1

# Line breaks of every kind become a newline, which the library escapes as \n.
_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")
# Then what RFC 5545 forbids in text (C0 controls other than tab and newline, DEL)
# and what a terminal or another calendar's parser could act on (C1 controls, bidi
# embeddings, overrides, isolates and marks, the BOM, lone surrogates) becomes U+FFFD:
# visible, and never silently joins the letters on either side.
_ILLEGAL = re.compile(f"[\x00-\x08\x0b-\x1f{ACTIVE}\ud800-\udfff]")


class NoStartTime(ValueError):
    """A calendar needs a clock time: the event has only a date, or none."""


def ical_text(s: str) -> str:
    """Untrusted text as a legal iCalendar value (escaping is the library's job)."""
    return _ILLEGAL.sub("\ufffd", _BREAKS.sub("\n", s))


def _at(moment: dt.datetime) -> dt.datetime:
    """IANA zones keep their TZID (with a VTIMEZONE); a bare offset has no rules a
    calendar could follow, so it becomes UTC; a floating time stays floating."""
    if isinstance(moment.tzinfo, dt.timezone):
        return moment.astimezone(dt.UTC)
    return moment


def _uid(plan: Plan, kind: str, index: int, reader: str = "") -> str:
    """Stable across runs and edits that do not change what the item is: the event's
    name key and day, the item's kind and its number among items of that kind, and
    (for tasks) whose calendar it is. Never the clock or the file's path."""
    day = event_day(plan.event)
    parts = ("netplan", name_key(plan.event.name), str(day), kind, str(index), name_key(reader))
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{digest[:32]}@netplan"


def render(plan: Plan, stamp: dt.datetime, reader: str | None = None) -> str:
    """The calendar of `reader` (default: the rep), one of `plan.going`.

    `stamp` (aware, UTC) is every component's DTSTAMP: the caller decides it, from
    SOURCE_DATE_EPOCH or the clock.
    """
    arrive = next((s for s in plan.schedule if s.what == "arrive"), None)
    if arrive is None:
        raise NoStartTime(f"{plan.event.name}: no start time")
    who = reader or plan.me
    stamp = stamp.astimezone(dt.UTC).replace(microsecond=0)
    leave = next((s.at for s in plan.schedule if s.what == "leave"), None)
    start = arrive.at
    end = leave if leave is not None else after(start, DEFAULT_EVENT_LENGTH)
    venue = ical_text(plan.event.venue) if plan.event.venue else None

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    event = _component(Event(), _uid(plan, "event", 0), stamp, plan.event.name)
    event.add("dtstart", _at(start))
    event.add("dtend", _at(end))
    if venue:
        event.add("location", venue)
    event.add("description", ical_text(f"{headline(plan)}\n{who_goes(plan)}"))
    cal.add_component(event)

    regroups = [s for s in plan.schedule if s.what == "regroup"]
    for n, slot in enumerate(regroups, 1):
        what = schedule_text(slot, plan)
        regroup = _component(Event(), _uid(plan, "regroup", n), stamp, what)
        regroup.add("dtstart", _at(slot.at))
        regroup.add("dtend", _at(min(after(slot.at, REGROUP_LENGTH), end)))
        if venue:
            regroup.add("location", venue)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", ical_text(what))
        alarm.add("trigger", -ALARM_BEFORE)
        regroup.add_component(alarm)
        cal.add_component(regroup)

    seen: dict[str, int] = {}
    for item in plan.checklist_for(who):
        due = _due(item, plan, start)
        if due is None:
            continue
        kind = type(item.action).__name__
        seen[kind] = seen.get(kind, 0) + 1
        text = item_text(item, plan, reader)
        todo = _component(Todo(), _uid(plan, kind, seen[kind], who), stamp, text)
        todo.add("due", due)
        todo.add("status", "NEEDS-ACTION")
        cal.add_component(todo)

    # Only the zones the file uses, over the years it could be edited into.
    cal.add_missing_timezones(
        first_date=dt.date(start.year, 1, 1), last_date=dt.date(start.year + 2, 1, 1)
    )
    content: bytes = cal.to_ical()  # untyped in icalendar 7
    return content.decode("utf-8")


C = TypeVar("C", Event, Todo)


def _component(component: C, uid: str, stamp: dt.datetime, summary: str) -> C:
    component.add("uid", uid)
    component.add("dtstamp", stamp)
    component.add("summary", ical_text(summary))
    return component


def _due(item: ChecklistItem, plan: Plan, start: dt.datetime) -> dt.datetime | dt.date | None:
    """When a task is due, or None for items that are not tasks in the calendar."""
    if item.phase == "before":
        return _at(start)
    if isinstance(item.action, FollowUp):
        return plan.follow_up_by
    if isinstance(item.action, HandOver):
        return working_days_after(start.date(), HAND_OVER_WORKING_DAYS)
    return None
