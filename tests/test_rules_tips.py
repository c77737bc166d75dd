"""The tip rule: comfort-zone (NP301) always fires and adapts its advice to the event."""

from __future__ import annotations

from typing import Any

import pytest

from netplan.model.event import Event
from netplan.rules.tips import COMFORT_ZONE
from tests.conftest import make_event
from tests.rule_helpers import Said, run

OPENING = "Everyone drifts toward familiar faces in a room of strangers. Plan against it: "


def only_finding(event: Event) -> Said:
    found = run(COMFORT_ZONE, event)
    assert len(found) == 1
    finding = found[0]
    assert (finding.rule, finding.code, finding.kind) == ("comfort-zone", "NP301", "tip")
    assert finding.subjects == ()
    assert finding.effect is None
    return finding


TWO_WHO_COME = [{"name": "Ana", "knows": ["Pat"]}, {"name": "Bo", "knows": ["Pat"]}]

CASES: list[tuple[str, dict[str, Any], str]] = [
    (
        "alone-default-goal",
        {},
        OPENING + "do not settle in with people you already know, and do not leave before "
        "you have met at least 3 new people.",
    ),
    (
        # A colleague with no reason to come stays: the advice is for going alone.
        "with-a-colleague-who-stays",
        {"colleagues": [{"name": "Ana"}]},
        OPENING + "do not settle in with people you already know, and do not leave before "
        "you have met at least 3 new people.",
    ),
    (
        "as-a-pair",
        {"colleagues": [{"name": "Ana", "knows": ["Pat"]}], "targets": [{"name": "Pat"}]},
        OPENING + "do not settle in with people you already know, and do not leave before "
        "you have met at least 3 new people. Work the room with Ana instead of talking to "
        "each other.",
    ),
    (
        "split-up",
        {"colleagues": TWO_WHO_COME, "targets": [{"name": "Pat"}]},
        OPENING + "do not settle in with people you already know, and do not leave before "
        "you have met at least 3 new people. Split up on arrival and regroup every 45 minutes.",
    ),
    (
        "regroup-minutes-setting",
        {
            "colleagues": TWO_WHO_COME,
            "targets": [{"name": "Pat"}],
            "netplan": {"regroup_minutes": 30},
        },
        OPENING + "do not settle in with people you already know, and do not leave before "
        "you have met at least 3 new people. Split up on arrival and regroup every 30 minutes.",
    ),
    (
        "event-goal",
        {"event": {"new_contacts_goal": 8}},
        OPENING + "do not settle in with people you already know, and do not leave before "
        "you have met at least 8 new people.",
    ),
    (
        "event-goal-one-is-singular",
        {"event": {"new_contacts_goal": 1}},
        OPENING + "do not settle in with people you already know, and do not leave before "
        "you have met at least 1 new person.",
    ),
    (
        "default-goal-setting",
        {"netplan": {"default_new_contacts_goal": 5}},
        OPENING + "do not settle in with people you already know, and do not leave before "
        "you have met at least 5 new people.",
    ),
    (
        "event-goal-beats-default-setting",
        {"event": {"new_contacts_goal": 2}, "netplan": {"default_new_contacts_goal": 5}},
        OPENING + "do not settle in with people you already know, and do not leave before "
        "you have met at least 2 new people.",
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


def test_regroup_minutes_only_matter_when_the_group_splits_up() -> None:
    finding = only_finding(
        make_event(
            colleagues=[{"name": "Ana", "knows": ["Pat"]}],
            targets=[{"name": "Pat"}],
            netplan={"regroup_minutes": 30},
        )
    )
    assert "regroup" not in finding.message
    assert "split up" not in finding.message
