"""The event file, as pydantic models (format v1).

Validation is strict: TOML already gives typed values, so a string where a
number belongs is a mistake in the file, not something to coerce.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, StringConstraints
from pydantic.dataclasses import dataclass
from pydantic.fields import FieldInfo

from netplan.model.identity import is_blank, name_key
from netplan.model.kinds import Goal, Kind, NewTo, Priority, Style

Loc = tuple[str | int, ...]  # a place in the file: ("colleagues", 2, "style")

# Longest name, title, company, subject and note accepted. A name is repeated in
# many lines of a report, so without a cap a small file could make a huge one.
MAX_NAME_CHARS = 200
MAX_NOTE_CHARS = 2000
# Most targets and colleagues one file may list. Each costs about a kilobyte while a
# plan is made (a colleague about two), so without a cap a file of tiny tables could
# take far more memory than its size; both are far above any real event.
MAX_TARGETS = 100_000
MAX_COLLEAGUES = 10_000
# `knows` entries in all, for the same reason: each is looked up and remembered.
MAX_KNOWS = 100_000
# Entries of any other list (topics, expertise, interests, new_to, select, ignore,
# target_lists): each is keyed, compared or read while planning, and no real list
# comes close.
MAX_LIST_ITEMS = 1_000
# An event lasts at most a week: a schedule of regroups stays a few hundred entries.
MAX_EVENT_MINUTES = 7 * 24 * 60


def _not_blank(value: str) -> str:
    if is_blank(value):  # also a name of only zero-width or filler characters
        raise ValueError("must not be blank")
    return value


# Names are trimmed (Python's str.strip: spaces, tabs, line breaks, NBSP, U+3000 and
# the like); every other text is kept exactly as written.
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=MAX_NAME_CHARS),
    AfterValidator(_not_blank),
]
Text = Annotated[str, StringConstraints(max_length=MAX_NAME_CHARS)]
Note = Annotated[str, StringConstraints(max_length=MAX_NOTE_CHARS)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class EventInfo(_Section):
    """What the event is."""

    name: Name = Field(description="The event's name.")
    id: Name | None = Field(
        default=None,
        description="The event's identity in your history (default: derived from its name "
        "and date).",
    )
    kind: Kind = Field(description="What sort of event it is.")
    date: dt.datetime | dt.date | None = Field(
        default=None,
        description="When it happens: a TOML date, or a date-time for when it starts.",
    )
    ends: dt.datetime | None = Field(
        default=None,
        description="When it ends: a TOML date-time after the start, within a week of it "
        "(or give duration_minutes instead).",
    )
    duration_minutes: int | None = Field(
        default=None,
        ge=1,
        le=MAX_EVENT_MINUTES,
        description="How long it lasts, in minutes, when no `ends` is given.",
    )
    timezone: Text | None = Field(
        default=None,
        description="The IANA time zone of date-times written without an offset, such as "
        "Europe/Berlin.",
    )
    venue: Text | None = Field(default=None, description="Where it happens.")
    attendees: Text | None = Field(
        default=None,
        description="The attendee export (Luma, Eventbrite, Meetup or any CSV): who is "
        "registered. A path relative to this file.",
    )
    expected_attendees: int | None = Field(
        default=None, ge=1, le=10_000_000, description="Roughly how many people will be there."
    )
    topics: list[Text] = Field(
        max_length=MAX_LIST_ITEMS,
        default=[],
        description="What the event is about; matched against expertise.",
    )
    goal: Goal = Field(
        default="business",
        description="What you want from it: new business, your personal network, or learning.",
    )
    new_contacts_goal: int | None = Field(
        default=None,
        ge=0,
        le=10_000,
        description="How many new people you mean to meet (default: the "
        "default_new_contacts_goal setting, 3).",
    )


class Me(_Section):
    """The rep who is planning to go."""

    name: Name = Field(description="Your name.")
    role: Text | None = Field(default=None, description="Your job title.")
    new_to: list[NewTo] = Field(
        max_length=MAX_LIST_ITEMS,
        default=[],
        description="What you are new to: any of sales, networking, industry.",
    )
    expertise: list[Text] = Field(
        max_length=MAX_LIST_ITEMS, default=[], description="Subjects you know well."
    )
    connections: Text | None = Field(
        default=None,
        description="Your contacts (a LinkedIn Connections.csv, a CRM export or vCards): "
        "targets in it are people to reconnect with. A path relative to this file.",
    )


class Colleague(_Section):
    """A co-worker who might come along."""

    name: Name = Field(description="The colleague's name.")
    role: Text | None = Field(default=None, description="Their job title.")
    expertise: list[Text] = Field(
        max_length=MAX_LIST_ITEMS,
        default=[],
        description="Subjects they can speak to as an expert.",
    )
    style: Style = Field(
        default="networker",
        description="How they behave at events: networker (works the room), socializer "
        "(treats it as social hour), supporter (comes to back you up), reluctant "
        "(not into the scene, will cling to you).",
    )
    close_friend: bool = Field(
        default=False, description="A work-friend you usually spend your time with."
    )
    knows: list[Name] = Field(
        default=[],
        description="People at the event they can introduce you to: names, emails or "
        "LinkedIn profile URLs, matched against targets (names ignoring case, spacing, "
        "accents and middle initials).",
    )
    connections: Text | None = Field(
        default=None,
        description="This colleague's contacts (their LinkedIn Connections.csv, say): people "
        "they know, in addition to `knows`. A path relative to this file.",
    )


# A file can hold a hundred thousand targets, so a target is a slotted dataclass:
# about 200 bytes each instead of a model's 700 (its __dict__ and the set of fields
# given). A strict dataclass would refuse a dict, so each field is strict instead.
@dataclass(slots=True, frozen=True, config=ConfigDict(extra="forbid"))
class Target:
    """Someone you want to meet at the event."""

    name: Name = Field(strict=True, description="Their name.")
    email: Text | None = Field(default=None, strict=True, description="Their email address.")
    linkedin: Text | None = Field(
        default=None, strict=True, description="Their LinkedIn profile URL."
    )
    company: Text | None = Field(default=None, strict=True, description="Where they work.")
    title: Text | None = Field(default=None, strict=True, description="Their job title.")
    # A Literal takes no `strict`: it matches only the exact strings anyway.
    priority: Priority = Field(default="medium", description="How much meeting them matters.")
    # `strict` on a field holds for the field, not for the items of a list.
    interests: list[Annotated[Text, Strict()]] = Field(
        max_length=MAX_LIST_ITEMS,
        default_factory=list,
        strict=True,
        description="What they care about; matched against expertise.",
        json_schema_extra={"default": []},
    )
    notes: Note | None = Field(default=None, strict=True, description="Anything worth remembering.")


class TargetList(_Section):
    """A list of people (or accounts) to meet, from a CRM export or any contact list."""

    file: Text = Field(description="The list: a path relative to this file.")
    priority: Priority = Field(default="medium", description="The priority of its targets.")
    match: Literal["person", "company"] = Field(
        default="person",
        description="person: each row is a target; company: each row names an account, and "
        "everyone on the attendee list from that company is a target (needs "
        "[event] attendees).",
    )


class NetplanConfig(_Section):
    """How netplan itself runs for this event: which rules, which thresholds."""

    select: list[Name] | None = Field(
        max_length=MAX_LIST_ITEMS,
        default=None,
        description="Rules to run, by name, code or code prefix (default: all).",
    )
    ignore: list[Name] = Field(
        max_length=MAX_LIST_ITEMS,
        default=[],
        description="Rules to switch off, by name, code or code prefix; wins over select.",
    )
    large_group: int = Field(
        default=3,
        ge=2,
        le=1_000,
        description="Arriving as this many people (you included) or more counts as a large "
        "group that strangers will not approach.",
    )
    default_new_contacts_goal: int = Field(
        default=3,
        ge=0,
        le=10_000,
        description="New contacts to aim for when the event sets no goal.",
    )
    regroup_minutes: int = Field(
        default=45,
        ge=5,
        le=24 * 60,
        description="How often a group that split up meets again to swap introductions.",
    )
    goal_from_history: bool = Field(
        default=False,
        description="Set the new-contacts goal from your history when the event sets none: "
        "the median of your last five events plus one, never below "
        "default_new_contacts_goal.",
    )
    track_record_min_events: int = Field(
        default=3,
        ge=2,
        le=1_000,
        description="Recorded events needed before track-record compares your results with "
        "and without a colleague.",
    )


class Event(_Section):
    """A whole event file."""

    event: EventInfo = Field(description="The event: name, kind, date, topics, goal.")
    me: Me = Field(description="You, the rep who is going.")
    colleagues: list[Colleague] = Field(
        default=[], max_length=MAX_COLLEAGUES, description="Co-workers who might come along."
    )
    targets: list[Target] = Field(
        default=[], max_length=MAX_TARGETS, description="People you want to meet there."
    )
    target_lists: list[TargetList] = Field(
        default=[],
        max_length=MAX_LIST_ITEMS,
        description="Lists of more targets (CRM exports, account lists).",
    )
    netplan: NetplanConfig = Field(
        default=NetplanConfig(), description="Rule selection and settings."
    )


# Which model each top-level table holds; the loader uses it to suggest
# the nearest known key when a file has an unknown one.
SECTIONS: dict[str, type] = {
    "event": EventInfo,
    "me": Me,
    "colleagues": Colleague,
    "targets": Target,
    "target_lists": TargetList,
    "netplan": NetplanConfig,
}


def fields_of(section: type) -> dict[str, FieldInfo]:
    """The fields of a section, a model or (targets) a pydantic dataclass: both keep
    them under this name."""
    fields: dict[str, FieldInfo] = getattr(section, "__pydantic_fields__")  # noqa: B009
    return fields


def name_problems(event: Event) -> list[tuple[Loc, str]]:
    """Names must be unique (by `identity.name_key`): among you and your colleagues, and
    among targets."""
    problems: list[tuple[Loc, str]] = []
    people: dict[str, str] = {name_key(event.me.name): "me.name"}
    for i, c in enumerate(event.colleagues):
        first = people.setdefault(name_key(c.name), f"colleagues[{i}].name")
        if first != f"colleagues[{i}].name":
            problems.append((("colleagues", i, "name"), f"duplicate name (also {first})"))
    seen: dict[str, int] = {}
    for i, t in enumerate(event.targets):
        j = seen.setdefault(name_key(t.name), i)
        if j != i:
            problems.append((("targets", i, "name"), f"duplicate name (also targets[{j}].name)"))
    return problems


def event_id(info: EventInfo) -> str:
    """The event's identity in the history: `[event] id`, else its name (keyed as the
    identity module keys names) and the day it starts: 'harbour expo@2027-03-18'."""
    from netplan.model.when import event_day

    if info.id is not None:
        return info.id
    day = event_day(info)
    return name_key(info.name) + (f"@{day.isoformat()}" if day else "")


def time_problems(info: EventInfo) -> list[tuple[Loc, str]]:
    """What is wrong with when the event happens: an unknown time zone, an end that is
    not after the start, an end without a start time."""
    from netplan.model.when import UnknownZone, earlier, window, zone

    problems: list[tuple[Loc, str]] = []
    if info.timezone is not None:
        try:
            zone(info.timezone)
        except UnknownZone as e:
            return [(("event", "timezone"), str(e))]
    if info.ends is not None and info.duration_minutes is not None:
        problems.append((("event", "duration_minutes"), "give either ends or duration_minutes"))
    elif (info.ends is not None or info.duration_minutes is not None) and not isinstance(
        info.date, dt.datetime
    ):
        key = "ends" if info.ends is not None else "duration_minutes"
        problems.append(
            (("event", key), "needs a start: make date a date-time, such as 2027-03-18T18:00")
        )
    elif info.ends is not None:
        start, end = window(info)
        assert start is not None
        assert end is not None
        if (start.tzinfo is None) != (end.tzinfo is None):
            return [
                (
                    ("event", "ends"),
                    "give date and ends both with an offset or both without one, or set timezone",
                )
            ]
        if not earlier(start, end):
            problems.append((("event", "ends"), "must be after the start (date)"))
        elif end - start > dt.timedelta(minutes=MAX_EVENT_MINUTES):
            problems.append((("event", "ends"), "must be within a week of the start"))
    return problems


def event_schema() -> dict[str, object]:
    """The JSON Schema of the event file, for editors that validate TOML against one."""
    schema = Event.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "netplan event file",
        **{k: v for k, v in schema.items() if k != "title"},
    }
