"""Writing event files: the commented starter template, and events built from answers.

Pure: the CLI asks the questions and writes the file.
"""

from __future__ import annotations

from typing import Any

from netplan.model.event import Event
from netplan.safety import json_inert

# The template's stand-in names: validate and advise warn while any is left in.
PLACEHOLDERS = frozenset({"Your Name", "A Colleague", "A Target"})

# Hand-written, because tomli-w cannot write comments; a test keeps it valid.
TEMPLATE = """\
# A netplan event file. Check it with `netplan validate`, then run `netplan advise`.
# Every key is described by `netplan schema`.

[event]
name = "Spring Industry Mixer"
kind = "mixer"              # mixer, trade-show, conference, meetup, happy-hour, other
date = 2027-03-18T18:00:00  # optional: a date or a date-time
venue = "Hotel Lobby Bar"   # optional
topics = ["logistics"]      # optional: what the event is about
goal = "business"           # business, personal or learning
new_contacts_goal = 3       # how many new people you mean to meet

[me]
name = "Your Name"
new_to = []                 # any of "sales", "networking", "industry"
expertise = []

# One [[colleagues]] block per co-worker who might come along.
[[colleagues]]
name = "A Colleague"
style = "networker"         # networker, socializer, supporter or reluctant
expertise = ["logistics"]   # subjects they can speak to as an expert
close_friend = false        # a work-friend you usually spend your time with
knows = ["A Target"]        # people at the event they can introduce you to

# One [[targets]] block per person you want to meet.
[[targets]]
name = "A Target"
company = "Their Company"
title = "Their Title"
priority = "high"           # high, medium or low
interests = ["logistics"]
notes = ""

# Optional: tune the rules (see `netplan rules` and `netplan explain RULE`).
# [netplan]
# ignore = ["comfort-zone"]
# large_group = 3
"""


def build_event(data: dict[str, Any]) -> Event:
    """Validate answers given as an event-file-shaped dict, as strictly as a loaded file."""
    from pydantic import ValidationError

    from netplan.errors import InputError, Problem
    from netplan.model.event import name_problems, time_problems
    from netplan.sources.event import format_loc, schema_problems

    try:
        event = Event.model_validate(data)
    except ValidationError as e:
        raise InputError("init", schema_problems(e)) from None
    problems = name_problems(event) + time_problems(event.event)
    if problems:
        raise InputError("init", [Problem(msg, loc=format_loc(loc)) for loc, msg in problems])
    return event


def to_toml(event: Event) -> str:
    """The event as TOML laid out like a hand-written file: one table per section.

    Only keys that were given are written (tomli-w cannot write None); a target, which
    keeps no record of that, without the keys that hold their default. Each section
    is dumped on its own so colleagues and targets become [[tables]], never inline.
    """
    import tomli_w
    from pydantic import TypeAdapter

    from netplan.model.event import Target

    data = event.model_dump(exclude_unset=True, exclude_none=True)
    if event.targets:  # dataclasses, which keep no record of what was given: defaults go
        targets = TypeAdapter(list[Target]).dump_python(event.targets, exclude_defaults=True)
        data["targets"] = targets
    parts = [f"[{key}]\n{tomli_w.dumps(data[key])}" for key in ("event", "me") if key in data]
    for key in ("colleagues", "targets", "target_lists"):
        parts += [f"[[{key}]]\n{tomli_w.dumps(item)}" for item in data.get(key, [])]
    if data.get("netplan"):
        parts.append(f"[netplan]\n{tomli_w.dumps(data['netplan'])}")
    # Bidi and C1 characters as TOML \u escapes: the same values, inert on a terminal.
    return json_inert("\n".join(parts))
