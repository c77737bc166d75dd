"""Rules that read your own history of debriefed events (`netplan debrief`)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

from netplan.model.identity import name_key
from netplan.model.plan import AlreadyMet, Finding, TrackRecord
from netplan.rules.base import Context, Rule

if TYPE_CHECKING:
    from netplan.model.history import EventSummary, HistorySnapshot

# "Markedly" different: a quarter more or fewer new contacts per event.
MARGIN = 0.25


def _track_record(ctx: Context) -> list[Finding]:
    events = ctx.history.events if ctx.history else ()
    if len(events) < ctx.settings.track_record_min_events:
        return []
    # New contacts and events with each person who came; "without" is the rest. One
    # pass over the history, whatever the number of colleagues.
    total = sum(e.new_contacts for e in events)
    along: dict[str, list[int]] = {}  # name key → [new contacts, events]
    for e in events:
        for key in {name_key(n) for n in e.came}:
            tally = along.setdefault(key, [0, 0])
            tally[0] += e.new_contacts
            tally[1] += 1
    out = []
    for c in ctx.colleagues:
        new_with, n_with = along.get(name_key(c.name), (0, 0))
        n_without = len(events) - n_with
        if not n_with or not n_without:
            continue  # nothing to compare against
        a, b = new_with / n_with, (total - new_with) / n_without
        facts = TrackRecord(c.name, round(a, 1), n_with, round(b, 1), n_without)
        if a < b * (1 - MARGIN):
            out.append(TRACK_RECORD.finding(facts, (c.name,)))
        elif a > b * (1 + MARGIN) or (b == 0 and a > 0):
            out.append(TRACK_RECORD.finding(facts, (c.name,), kind="pro"))
    return out


def _example_met() -> HistorySnapshot:
    from netplan.model.history import HistorySnapshot

    return HistorySnapshot(events=(), met_before={name_key("Pat Lee"): dt.date(2027, 1, 14)})


def _example_history(with_lena: tuple[int, ...], without: tuple[int, ...]) -> HistorySnapshot:
    """Debriefed events with and without Lena, for the rule's own example."""
    from netplan.model.history import EventSummary, HistorySnapshot

    def event(n: int, new: int, came: tuple[str, ...]) -> EventSummary:
        day = dt.date(2026, 1, 1) + dt.timedelta(days=30 * n)
        return EventSummary(f"e{n}", f"Event {n}", day, "go-alone", came, 3, 0, new, 3, "")

    events = [event(n, new, ("Lena Fischer",)) for n, new in enumerate(with_lena)]
    events += [event(len(events) + n, new, ()) for n, new in enumerate(without)]
    return HistorySnapshot(events=tuple(events), met_before={})


TRACK_RECORD = Rule(
    code="NP204",
    name="track-record",
    kind="con",
    summary="Your own history: do you meet more or fewer new people with this colleague along?",
    rationale=(
        "Whether a co-worker helps you network or turns the evening social is exactly what "
        "your debriefs record. Once enough events are recorded, netplan compares the new "
        "contacts per event when a colleague came with you and when they did not. A result "
        "markedly lower with them is a con (the finding is a warning: it does not by itself "
        "keep them at the office); markedly higher is a pro. Close results, or too few "
        "events on either side, say nothing. The finding states the numbers it rests on."
    ),
    article_point=(
        "Did you network, or only socialize? Your own results answer it, colleague by colleague."
    ),
    reads=("colleagues.name", "history.events"),
    settings=("track_record_min_events",),
    example="""\
# After three or more debriefs (netplan debrief), some with Lena and some without:
[event]
name = "Harbour Mixer"
kind = "mixer"

[me]
name = "Robin"

[[colleagues]]
name = "Lena Fischer"
""",
    check=_track_record,
    example_history=functools.partial(_example_history, (1, 2), (4, 5)),
)


def _already_met(ctx: Context) -> list[Finding]:
    met = tuple((t.name, day) for t in ctx.targets if (day := ctx.met_before(t)) is not None)
    return [ALREADY_MET.finding(AlreadyMet(met))] if met else []


ALREADY_MET = Rule(
    code="NP302",
    name="already-met",
    kind="tip",
    summary="A target you met at an earlier event is someone to follow up with, not to meet.",
    rationale=(
        "Meeting someone you already met last quarter is not a new contact: it is a "
        "follow-up, and a good reason to talk, but it does not move you toward your goal of "
        "new people. netplan looks each target up in your history by name (and by email or "
        "profile when it has them); the checklist says when you met them, and the debrief "
        "does not count them as new."
    ),
    article_point=(
        "The point of networking is growing your network: people you already know do not grow it."
    ),
    reads=("targets.name", "history.people_met"),
    example="""\
# After a debrief (netplan debrief) that recorded meeting Pat Lee:
[event]
name = "Harbour Mixer"
kind = "mixer"

[me]
name = "Robin"

[[targets]]
name = "Pat Lee"
""",
    check=_already_met,
    example_history=_example_met,
)
