"""The pro rules: meet-new-people (NP101), subject-experts (NP102), moral-support (NP103)."""

from __future__ import annotations

from typing import Any

import pytest

from netplan.rules.pros import MEET_NEW_PEOPLE, MORAL_SUPPORT, SUBJECT_EXPERTS
from tests.conftest import make_event
from tests.rule_helpers import Expected, check_findings, run


def targets(*names: str) -> list[dict[str, Any]]:
    return [{"name": n} for n in names]


# --- meet-new-people ---------------------------------------------------------------------------

MEET_CASES: list[tuple[str, list[dict[str, Any]], list[dict[str, Any]], str, list[Expected]]] = [
    (
        "knows-a-target",
        [{"name": "Ana", "knows": ["Pat Lee"]}],
        targets("Pat Lee"),
        "business",
        [(("Ana",), "bring", ("Ana can introduce you to 1 target: Pat Lee.",))],
    ),
    (
        "knows-a-target-other-case",
        [{"name": "Ana", "knows": ["pAT lee"]}],
        targets("Pat Lee"),
        "business",
        # The target's own spelling is what the message shows.
        [(("Ana",), "bring", ("introduce you to 1 target: Pat Lee.",))],
    ),
    (
        "knows-targets-and-others",
        [{"name": "Ana", "knows": ["Kim Wu", "Jo Bloggs", "Pat Lee"]}],
        targets("Pat Lee", "Kim Wu", "Lou Reed"),
        "business",
        [
            (
                ("Ana",),
                "bring",
                ("2 targets: Kim Wu and Pat Lee", "; and knows 1 other attendee."),
            )
        ],
    ),
    (
        "duplicate-knows-different-case",
        [{"name": "Ana", "knows": ["Pat Lee", "PAT LEE", "pat lee"]}],
        targets("Pat Lee"),
        "business",
        [(("Ana",), "bring", ("1 target: Pat Lee.",))],
    ),
    (
        "only-others-business",
        [{"name": "Ana", "knows": ["Jo", "Mo"]}],
        targets("Pat Lee"),
        "business",
        [
            (
                ("Ana",),
                None,
                ("Ana knows 2 attendees, none of them a target", "personal network more than"),
            )
        ],
    ),
    (
        "only-others-learning",
        [{"name": "Ana", "knows": ["Jo"]}],
        [],
        "learning",
        [(("Ana",), None, ("knows 1 attendee, none of them a target",))],
    ),
    (
        "only-others-personal",
        [{"name": "Ana", "knows": ["Jo", "Mo"]}],
        targets("Pat Lee"),
        "personal",
        [(("Ana",), "bring", ("Ana knows 2 attendees", "good for your personal network"))],
    ),
    (
        "duplicate-others-different-case-personal",
        [{"name": "Ana", "knows": ["Jo Smith", "jo smith"]}],
        [],
        "personal",
        [(("Ana",), "bring", ("Ana knows 1 attendee you could meet",))],
    ),
    (
        "knows-a-target-personal",
        [{"name": "Ana", "knows": ["Pat Lee"]}],
        targets("Pat Lee"),
        "personal",
        [(("Ana",), "bring", ("can introduce you to 1 target: Pat Lee.",))],
    ),
    (
        "knows-nobody",
        [{"name": "Ana"}, {"name": "Bo", "knows": []}],
        targets("Pat Lee"),
        "personal",
        [],
    ),
    (
        "no-colleagues",
        [],
        targets("Pat Lee"),
        "business",
        [],
    ),
    (
        "one-finding-per-colleague-in-file-order",
        [
            {"name": "Cy", "knows": ["Jo"]},
            {"name": "Ana"},
            {"name": "Bo", "knows": ["pat lee"]},
        ],
        targets("Pat Lee"),
        "business",
        [
            (("Cy",), None, ("none of them a target",)),
            (("Bo",), "bring", ("Bo can introduce you to 1 target: Pat Lee.",)),
        ],
    ),
]


@pytest.mark.parametrize(
    ("colleagues", "target_list", "goal", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in MEET_CASES],
)
def test_meet_new_people(
    colleagues: list[dict[str, Any]],
    target_list: list[dict[str, Any]],
    goal: str,
    expected: list[Expected],
) -> None:
    event = make_event(event={"goal": goal}, colleagues=colleagues, targets=target_list)
    check_findings(MEET_NEW_PEOPLE, run(MEET_NEW_PEOPLE, event), expected)


def test_meet_new_people_message_without_others_has_no_other_attendee_clause() -> None:
    event = make_event(
        colleagues=[{"name": "Ana", "knows": ["Pat Lee"]}], targets=targets("Pat Lee")
    )
    (finding,) = run(MEET_NEW_PEOPLE, event)
    assert "other attendee" not in finding.message


# --- subject-experts ---------------------------------------------------------------------------

BIG_STAGE = "at a trade show or conference an expert makes the product shine."

EXPERT_CASES: list[
    tuple[str, str, list[str], list[dict[str, Any]], list[dict[str, Any]], list[Expected]]
] = [
    (
        "matches-topic",
        "mixer",
        ["payments"],
        [{"name": "Dev", "expertise": ["payments"]}],
        [],
        [
            (
                ("Dev",),
                "bring",
                ("Dev can speak with authority on payments, which people there care about.",),
            )
        ],
    ),
    (
        "matches-topic-ignoring-case",
        "mixer",
        ["PAYMENTS"],
        [{"name": "Dev", "expertise": ["Payments"]}],
        [],
        [(("Dev",), "bring", ("authority on Payments,",))],
    ),
    (
        "matches-target-interest",
        "meetup",
        [],
        [{"name": "Dev", "expertise": ["fraud detection"]}],
        [{"name": "Pat", "interests": ["fraud detection"]}],
        [(("Dev",), "bring", ("authority on fraud detection",))],
    ),
    (
        "matches-target-interest-ignoring-case",
        "meetup",
        [],
        [{"name": "Dev", "expertise": ["Fraud Detection"]}],
        [{"name": "Pat", "interests": ["fraud DETECTION"]}],
        [(("Dev",), "bring", ("authority on Fraud Detection",))],
    ),
    (
        "only-relevant-subjects-named",
        "mixer",
        ["payments"],
        [{"name": "Dev", "expertise": ["payments", "golf", "compliance"]}],
        [{"name": "Pat", "interests": ["compliance"]}],
        [(("Dev",), "bring", ("authority on payments and compliance, which",))],
    ),
    (
        "trade-show-wording",
        "trade-show",
        ["payments"],
        [{"name": "Dev", "expertise": ["payments"]}],
        [],
        [(("Dev",), "bring", (BIG_STAGE,))],
    ),
    (
        "conference-wording",
        "conference",
        [],
        [{"name": "Dev", "expertise": ["payments"]}],
        [{"name": "Pat", "interests": ["payments"]}],
        [(("Dev",), "bring", (BIG_STAGE,))],
    ),
    (
        "no-match",
        "trade-show",
        ["payments"],
        [{"name": "Dev", "expertise": ["golf"]}],
        [{"name": "Pat", "interests": ["sailing"]}],
        [],
    ),
    (
        "no-topics-no-targets",
        "trade-show",
        [],
        [{"name": "Dev", "expertise": ["payments"]}],
        [],
        [],
    ),
    (
        "no-expertise",
        "trade-show",
        ["payments"],
        [{"name": "Dev"}],
        [{"name": "Pat", "interests": ["payments"]}],
        [],
    ),
    (
        "several-experts-in-file-order",
        "mixer",
        ["payments", "compliance"],
        [
            {"name": "Zed", "expertise": ["compliance"]},
            {"name": "Amy", "expertise": ["golf"]},
            {"name": "Bea", "expertise": ["payments"]},
        ],
        [],
        [
            (("Zed",), "bring", ("authority on compliance",)),
            (("Bea",), "bring", ("authority on payments",)),
        ],
    ),
]


@pytest.mark.parametrize(
    ("kind", "topics", "colleagues", "target_list", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in EXPERT_CASES],
)
def test_subject_experts(
    kind: str,
    topics: list[str],
    colleagues: list[dict[str, Any]],
    target_list: list[dict[str, Any]],
    expected: list[Expected],
) -> None:
    event = make_event(
        event={"kind": kind, "topics": topics}, colleagues=colleagues, targets=target_list
    )
    check_findings(SUBJECT_EXPERTS, run(SUBJECT_EXPERTS, event), expected)


@pytest.mark.parametrize("kind", ["mixer", "meetup", "happy-hour", "other"])
def test_subject_experts_small_events_lack_the_big_stage_wording(kind: str) -> None:
    event = make_event(
        event={"kind": kind, "topics": ["payments"]},
        colleagues=[{"name": "Dev", "expertise": ["payments"]}],
    )
    (finding,) = run(SUBJECT_EXPERTS, event)
    assert "trade show" not in finding.message
    assert finding.message.endswith("which people there care about.")


# --- moral-support -----------------------------------------------------------------------------

CAVEAT = "They are there to support you, not to socialize with you."

SUPPORT_CASES: list[tuple[str, list[str], list[dict[str, Any]], list[Expected]]] = [
    (
        "newcomer-with-supporter",
        ["networking"],
        [{"name": "Sam", "style": "supporter"}],
        [
            (
                ("Sam",),
                "bring",
                ("You are new to networking: Sam can come to give you courage.", CAVEAT),
            )
        ],
    ),
    (
        "new-to-several",
        ["sales", "industry"],
        [{"name": "Sam", "style": "supporter"}],
        [(("Sam",), "bring", ("You are new to sales and industry:", CAVEAT))],
    ),
    (
        "new-to-repeated-once",
        ["sales", "sales"],
        [{"name": "Sam", "style": "supporter"}],
        [(("Sam",), "bring", ("You are new to sales: Sam",))],
    ),
    (
        "first-supporter-only",
        ["sales"],
        [
            {"name": "Al", "style": "socializer"},
            {"name": "Sam", "style": "supporter"},
            {"name": "Tess", "style": "supporter"},
        ],
        [(("Sam",), "bring", ("Sam can come", CAVEAT, "One supporter is enough."))],
    ),
    (
        "not-new",
        [],
        [{"name": "Sam", "style": "supporter"}],
        [],
    ),
    (
        # No supporter: a colleague with no con against them serves.
        "new-but-no-supporter",
        ["industry"],
        [
            {"name": "Bo", "style": "socializer"},
            {"name": "Cy", "style": "reluctant", "close_friend": True},
            {"name": "Al", "style": "networker"},
        ],
        [(("Al",), "bring", ("Al can come to give you courage.", "Nobody is listed"))],
    ),
    (
        "no-supporter-and-every-colleague-has-a-con",
        ["industry"],
        [
            {"name": "Bo", "style": "socializer"},
            {"name": "Cy", "style": "reluctant"},
            {"name": "Di", "close_friend": True},
        ],
        [],
    ),
    (
        # Support from someone who comes anyway keeps the group small.
        "no-supporter-prefers-one-with-another-reason",
        ["sales"],
        [{"name": "Al"}, {"name": "Dev", "expertise": ["payments"]}],
        [(("Dev",), "bring", ("Dev can come",))],
    ),
    (
        "supporter-who-is-not-a-close-friend-first",
        ["sales"],
        [
            {"name": "Sam", "style": "supporter", "close_friend": True},
            {"name": "Tess", "style": "supporter"},
        ],
        [(("Tess",), "bring", ("Tess can come", CAVEAT, "One supporter is enough."))],
    ),
    (
        "new-and-no-colleagues",
        ["sales"],
        [],
        [],
    ),
]


@pytest.mark.parametrize(
    ("new_to", "colleagues", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in SUPPORT_CASES],
)
def test_moral_support(
    new_to: list[str], colleagues: list[dict[str, Any]], expected: list[Expected]
) -> None:
    event = make_event(event={"topics": ["payments"]}, me={"new_to": new_to}, colleagues=colleagues)
    check_findings(MORAL_SUPPORT, run(MORAL_SUPPORT, event), expected)


def test_moral_support_single_supporter_has_no_one_is_enough_remark() -> None:
    event = make_event(me={"new_to": ["sales"]}, colleagues=[{"name": "Sam", "style": "supporter"}])
    (finding,) = run(MORAL_SUPPORT, event)
    assert "One supporter is enough" not in finding.message


def test_moral_support_does_not_name_later_supporters() -> None:
    event = make_event(
        me={"new_to": ["sales"]},
        colleagues=[{"name": "Sam", "style": "supporter"}, {"name": "Tess", "style": "supporter"}],
    )
    (finding,) = run(MORAL_SUPPORT, event)
    assert finding.subjects == ("Sam",)
    assert "Tess" not in finding.message
