"""The tip rule: comfort-zone (NP301) always fires and adapts its advice to the event."""

from __future__ import annotations

from typing import Any

import pytest

from netplan.model.event import Event
from netplan.rules import Context, Finding
from netplan.rules.tips import COMFORT_ZONE
from tests.conftest import make_event

OPENING = "Everyone drifts toward familiar faces in a room of strangers. Plan against it: "


def only_finding(event: Event) -> Finding:
    found = COMFORT_ZONE.check(Context.build(event))
    assert len(found) == 1
    finding = found[0]
    assert (finding.rule, finding.code, finding.kind) == ("comfort-zone", "NP301", "tip")
    assert finding.subjects == ()
    assert finding.effect is None
    return finding


CASES: list[tuple[str, dict[str, Any], str]] = [
    (
        "alone-default-goal",
        {},
        OPENING + "do not settle in with people you already know, and do not leave before "
        "you have met 3 new people.",
    ),
    (
        "with-colleagues-defaults",
        {"colleagues": [{"name": "Ana"}]},
        OPENING + "do not settle in with people you already know, and do not leave before "
        "you have met 3 new people. If colleagues come along, split up on arrival and regroup "
        "every 45 minutes.",
    ),
    (
        "regroup-minutes-setting",
        {"colleagues": [{"name": "Ana"}], "netplan": {"regroup_minutes": 30}},
        OPENING + "do not settle in with people you already know, and do not leave before "
        "you have met 3 new people. If colleagues come along, split up on arrival and regroup "
        "every 30 minutes.",
    ),
    (
        "event-goal",
        {"event": {"new_contacts_goal": 8}},
        OPENING + "do not settle in with people you already know, and do not leave before "
        "you have met 8 new people.",
    ),
    (
        "event-goal-one-is-singular",
        {"event": {"new_contacts_goal": 1}},
        OPENING + "do not settle in with people you already know, and do not leave before "
        "you have met 1 new person.",
    ),
    (
        "default-goal-setting",
        {"netplan": {"default_new_contacts_goal": 5}},
        OPENING + "do not settle in with people you already know, and do not leave before "
        "you have met 5 new people.",
    ),
    (
        "event-goal-beats-default-setting",
        {"event": {"new_contacts_goal": 2}, "netplan": {"default_new_contacts_goal": 5}},
        OPENING + "do not settle in with people you already know, and do not leave before "
        "you have met 2 new people.",
    ),
    (
        "goal-zero",
        {"event": {"new_contacts_goal": 0}, "netplan": {"default_new_contacts_goal": 5}},
        OPENING + "do not settle in with people you already know, and do not leave before "
        "you have met someone new.",
    ),
]


@pytest.mark.parametrize(
    ("overrides", "message"), [pytest.param(*case[1:], id=case[0]) for case in CASES]
)
def test_comfort_zone_message(overrides: dict[str, Any], message: str) -> None:
    assert only_finding(make_event(**overrides)).message == message


@pytest.mark.parametrize("kind", ["mixer", "trade-show", "conference", "meetup", "happy-hour"])
@pytest.mark.parametrize(
    "colleagues",
    [
        [],
        [{"name": "Ana", "style": "socializer"}],
        [{"name": "Ana", "style": "supporter"}, {"name": "Bo", "style": "reluctant"}],
    ],
    ids=["none", "socializer", "two"],
)
def test_comfort_zone_always_fires_once(kind: str, colleagues: list[dict[str, Any]]) -> None:
    only_finding(make_event(event={"kind": kind}, colleagues=colleagues))


def test_regroup_minutes_only_matter_with_colleagues() -> None:
    finding = only_finding(make_event(netplan={"regroup_minutes": 30}))
    assert "regroup" not in finding.message
    assert "split up" not in finding.message
