"""The con rules: socializing-risk (NP201), distraction (NP202), group-size (NP203)."""

from __future__ import annotations

from typing import Any

import pytest

from netplan.rules.cons import DISTRACTION, GROUP_SIZE, SOCIALIZING_RISK
from tests.conftest import make_event
from tests.rule_helpers import Expected, check_findings, run


def people(n: int) -> list[dict[str, Any]]:
    return [{"name": name} for name in ["Ana", "Bo", "Cy", "Di", "Ed", "Flo"][:n]]


# --- socializing-risk --------------------------------------------------------------------------

FEWER = "Alex treats events as social hour: with them along you meet fewer new people"
HAPPY_HOUR = ", and a happy hour makes that pull stronger."
FRIEND = "Alex is a close work-friend"

RISK_CASES: list[tuple[str, str, list[dict[str, Any]], list[Expected]]] = [
    (
        "socializer",
        "mixer",
        [{"name": "Alex", "style": "socializer"}],
        [(("Alex",), "leave", (FEWER + ".",))],
    ),
    (
        "socializer-at-happy-hour",
        "happy-hour",
        [{"name": "Alex", "style": "socializer"}],
        [(("Alex",), "leave", (FEWER + HAPPY_HOUR,))],
    ),
    (
        "socializer-and-close-friend-is-one-leave-finding",
        "mixer",
        [{"name": "Alex", "style": "socializer", "close_friend": True}],
        [(("Alex",), "leave", (FEWER,))],
    ),
    (
        # Brought for a reason: told to split up.
        "close-friend-networker-who-comes",
        "mixer",
        [{"name": "Alex", "close_friend": True, "knows": ["Pat"]}],
        [(("Alex",), None, (FRIEND, "Agree to split up."))],
    ),
    (
        # Left at the office: nothing to agree with them.
        "close-friend-networker-who-stays",
        "mixer",
        [{"name": "Alex", "close_friend": True}],
        [
            (
                ("Alex",),
                None,
                (FRIEND, "Leaving them at the office this time keeps you meeting new people."),
            )
        ],
    ),
    (
        "close-friend-supporter",
        "happy-hour",
        [{"name": "Alex", "style": "supporter", "close_friend": True}],
        [(("Alex",), None, (FRIEND, "Leaving them at the office"))],
    ),
    (
        "networker",
        "happy-hour",
        [{"name": "Alex"}],
        [],
    ),
    (
        "supporter-and-reluctant",
        "happy-hour",
        [{"name": "Alex", "style": "supporter"}, {"name": "Jo", "style": "reluctant"}],
        [],
    ),
    (
        "file-order",
        "mixer",
        [
            {"name": "Zoe", "close_friend": True},
            {"name": "Nat"},
            {"name": "Alex", "style": "socializer"},
        ],
        [(("Zoe",), None, ("Zoe is a close work-friend",)), (("Alex",), "leave", (FEWER,))],
    ),
]


@pytest.mark.parametrize(
    ("kind", "colleagues", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in RISK_CASES],
)
def test_socializing_risk(
    kind: str, colleagues: list[dict[str, Any]], expected: list[Expected]
) -> None:
    event = make_event(event={"kind": kind}, colleagues=colleagues, targets=[{"name": "Pat"}])
    check_findings(SOCIALIZING_RISK, run(SOCIALIZING_RISK, event), expected)


@pytest.mark.parametrize("kind", ["mixer", "trade-show", "conference", "meetup", "other"])
def test_socializing_risk_mentions_happy_hour_only_at_a_happy_hour(kind: str) -> None:
    event = make_event(event={"kind": kind}, colleagues=[{"name": "Alex", "style": "socializer"}])
    (finding,) = run(SOCIALIZING_RISK, event)
    assert "happy hour" not in finding.message


def test_socializing_risk_close_friend_wording_ignores_happy_hour() -> None:
    event = make_event(
        event={"kind": "happy-hour"}, colleagues=[{"name": "Alex", "close_friend": True}]
    )
    (finding,) = run(SOCIALIZING_RISK, event)
    assert "happy hour" not in finding.message
    assert "social hour" not in finding.message


# --- distraction -------------------------------------------------------------------------------

DISTRACTION_CASES: list[tuple[str, list[dict[str, Any]], list[Expected]]] = [
    (
        "socializer",
        [{"name": "Alex", "style": "socializer"}],
        [(("Alex",), "leave", ("Alex will keep drawing you into social chat", "office"))],
    ),
    (
        "reluctant",
        [{"name": "Jo", "style": "reluctant"}],
        [(("Jo",), "leave", ("Jo is not into the scene", "cling to you", "office"))],
    ),
    (
        "networker-supporter-close-friend",
        [
            {"name": "Ana"},
            {"name": "Sam", "style": "supporter"},
            {"name": "Tia", "close_friend": True},
        ],
        [],
    ),
    (
        "both-in-file-order",
        [
            {"name": "Jo", "style": "reluctant"},
            {"name": "Ana"},
            {"name": "Alex", "style": "socializer", "close_friend": True},
        ],
        [
            (("Jo",), "leave", ("not into the scene",)),
            (("Alex",), "leave", ("social chat",)),
        ],
    ),
    ("no-colleagues", [], []),
]


@pytest.mark.parametrize(
    ("colleagues", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in DISTRACTION_CASES],
)
def test_distraction(colleagues: list[dict[str, Any]], expected: list[Expected]) -> None:
    event = make_event(colleagues=colleagues)
    check_findings(DISTRACTION, run(DISTRACTION, event), expected)


def test_reluctant_message_is_not_the_socializer_message() -> None:
    event = make_event(colleagues=[{"name": "Jo", "style": "reluctant"}])
    (finding,) = run(DISTRACTION, event)
    assert "social chat" not in finding.message


# --- group-size --------------------------------------------------------------------------------

GROUP_CASES: list[tuple[str, int | None, int, list[Expected]]] = [
    ("alone", None, 0, []),
    ("below-default", None, 1, []),
    (
        "at-default",
        None,
        2,
        [(("Ana", "Bo"), None, ("you plus Ana and Bo would make a group of 3",))],
    ),
    (
        "above-default",
        None,
        3,
        [(("Ana", "Bo", "Cy"), None, ("you plus Ana, Bo and Cy would make a group of 4",))],
    ),
    ("at-two", 2, 1, [(("Ana",), None, ("you plus Ana would make a group of 2",))]),
    ("alone-with-two", 2, 0, []),
    ("below-five", 5, 3, []),
    ("at-five", 5, 4, [(("Ana", "Bo", "Cy", "Di"), None, ("group of 5",))]),
    ("above-five", 5, 5, [(("Ana", "Bo", "Cy", "Di", "Ed"), None, ("group of 6",))]),
]


@pytest.mark.parametrize(
    ("large_group", "count", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in GROUP_CASES],
)
def test_group_size(large_group: int | None, count: int, expected: list[Expected]) -> None:
    settings = {} if large_group is None else {"large_group": large_group}
    event = make_event(colleagues=people(count), netplan=settings)
    check_findings(GROUP_SIZE, run(GROUP_SIZE, event), expected)


def test_group_size_counts_everyone_whatever_their_style() -> None:
    event = make_event(
        colleagues=[
            {"name": "Ana", "style": "supporter"},
            {"name": "Bo", "style": "reluctant", "close_friend": True},
        ]
    )
    (finding,) = run(GROUP_SIZE, event)
    assert finding.subjects == ("Ana", "Bo")
    assert "few people walk up" in finding.message
    # Neither has a reason to come: the advice says so instead of "split up".
    assert finding.message.endswith("Nobody needs to come along, so you go alone.")


# The group-size sentence follows the plan it is part of: it never tells a pair or a
# rep going alone to split up, and says "bring only who you need" only when someone stays.
GROUP_ENDINGS = [
    (
        "everyone-brought",
        [{"name": "Ana", "knows": ["Pat"]}, {"name": "Bo", "knows": ["Pat"]}],
        "Everyone listed has a reason to come, so split up as soon as you arrive.",
    ),
    (
        "some-brought",
        [{"name": "Ana", "knows": ["Pat"]}, {"name": "Bo", "knows": ["Pat"]}, {"name": "Cy"}],
        "Bring only who you need, and split up as soon as you arrive.",
    ),
    (
        "a-pair",
        [{"name": "Ana", "knows": ["Pat"]}, {"name": "Cy"}],
        "Only Ana comes, so the two of you stay easy to approach.",
    ),
    ("nobody", [{"name": "Ana"}, {"name": "Cy"}], "Nobody needs to come along, so you go alone."),
]


@pytest.mark.parametrize(
    ("colleagues", "ending"), [pytest.param(*c[1:], id=c[0]) for c in GROUP_ENDINGS]
)
def test_group_size_sentence_fits_the_verdict(
    colleagues: list[dict[str, Any]], ending: str
) -> None:
    event = make_event(colleagues=colleagues, targets=[{"name": "Pat"}])
    (finding,) = run(GROUP_SIZE, event)
    assert finding.message.endswith(ending)
    assert ("Bring only who you need" in finding.message) == (ending.startswith("Bring only"))
