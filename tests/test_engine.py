"""make_plan: who comes, the verdict, the checklist, and the same plan every time."""

from __future__ import annotations

from typing import Any

import pytest

from netplan.engine import make_plan
from netplan.model.kinds import PHASES
from netplan.model.plan import ChecklistItem, Plan
from netplan.report import Options
from netplan.report.json import render
from netplan.report.phrases import finding_message, headline, item_text, reasons
from netplan.rules import ALL_RULES, select
from netplan.rules.pros import MEET_NEW_PEOPLE
from netplan.rules.tips import COMFORT_ZONE
from netplan.sources.event import load_event, load_with_lists
from tests.conftest import EXAMPLES, example_files, make_event


def plan_for(**overrides: Any) -> Plan:
    return make_plan(make_event(**overrides))


def advice(plan: Plan) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {c.name: (c.recommendation, c.reasons) for c in plan.colleagues}


def items(plan: Plan, phase: str) -> list[str]:
    return [item_text(i, plan) for i in plan.checklist if i.phase == phase]


def target_item(plan: Plan, target: str) -> ChecklistItem:
    (item,) = [i for i in plan.checklist if i.target == target]
    return item


def target_text(plan: Plan, target: str) -> str:
    return item_text(target_item(plan, target), plan)


# --- who comes ---------------------------------------------------------------------------------


def test_socializer_stays_even_with_pro_reasons() -> None:
    plan = plan_for(
        event={"topics": ["payments"]},
        colleagues=[
            {"name": "Alex", "style": "socializer", "expertise": ["payments"], "knows": ["Pat"]}
        ],
        targets=[{"name": "Pat"}],
    )
    assert {f.rule for f in plan.findings if "Alex" in f.subjects} >= {
        "meet-new-people",
        "subject-experts",
    }
    assert advice(plan) == {"Alex": ("leave", ("socializing-risk", "distraction"))}
    assert plan.verdict == "go-alone"


def test_reluctant_stays_even_with_pro_reasons() -> None:
    plan = plan_for(
        event={"topics": ["payments"]},
        colleagues=[{"name": "Jo", "style": "reluctant", "expertise": ["Payments"]}],
    )
    assert any(f.rule == "subject-experts" for f in plan.findings)
    assert advice(plan) == {"Jo": ("leave", ("distraction",))}


def test_pro_reasons_bring_and_are_all_credited() -> None:
    plan = plan_for(
        event={"topics": ["payments"]},
        colleagues=[{"name": "Dev", "expertise": ["payments"], "knows": ["pat"]}],
        targets=[{"name": "Pat"}],
    )
    assert advice(plan) == {"Dev": ("bring", ("meet-new-people", "subject-experts"))}
    assert list(plan.brought) == ["Dev"]
    assert list(plan.left) == []


def test_moral_support_brings_the_supporter() -> None:
    plan = plan_for(me={"new_to": ["sales"]}, colleagues=[{"name": "Sam", "style": "supporter"}])
    assert advice(plan) == {"Sam": ("bring", ("moral-support",))}


def test_a_remark_without_effect_does_not_bring() -> None:
    # Knows only non-targets at a business event: a pro finding, but no reason to come.
    plan = plan_for(colleagues=[{"name": "Ana", "knows": ["Jo"]}])
    assert any(f.rule == "meet-new-people" for f in plan.findings)
    assert advice(plan) == {"Ana": ("leave", ())}


def test_no_reason_in_a_small_group_credits_no_rule() -> None:
    plan = plan_for(colleagues=[{"name": "Ana"}])
    assert not any(f.rule == "group-size" for f in plan.findings)
    assert advice(plan) == {"Ana": ("leave", ())}
    assert reasons(plan.colleagues[0]) == "no reason to come"


def test_group_size_is_credited_only_when_the_listed_group_is_large() -> None:
    two = plan_for(colleagues=[{"name": "Ana"}, {"name": "Bo"}])  # 3 people: large
    assert advice(two) == {"Ana": ("leave", ("group-size",)), "Bo": ("leave", ("group-size",))}
    roomy = plan_for(colleagues=[{"name": "Ana"}, {"name": "Bo"}], netplan={"large_group": 4})
    assert advice(roomy) == {"Ana": ("leave", ()), "Bo": ("leave", ())}


def test_reasons_name_only_rules_with_a_finding_about_that_colleague() -> None:
    plan = plan_for(**BUSY)
    about: dict[str, set[str]] = {}
    for f in plan.findings:
        for subject in f.subjects:
            about.setdefault(subject, set()).add(f.rule)
    for c in plan.colleagues:
        assert set(c.reasons) <= about.get(c.name, set()), c


def test_no_reason_leaves_with_no_reasons_when_group_size_is_off() -> None:
    event = make_event(colleagues=[{"name": "Ana"}, {"name": "Bo", "close_friend": True}])
    plan = make_plan(event, select(ignored=["group-size"]))
    # Bo's close-friend con is about Bo; Ana has nothing at all.
    assert advice(plan) == {"Ana": ("leave", ()), "Bo": ("leave", ("socializing-risk",))}


# --- verdict -----------------------------------------------------------------------------------


def test_no_colleagues_go_alone() -> None:
    plan = plan_for()
    assert plan.verdict == "go-alone"
    assert headline(plan) == "Go alone: no colleagues are on the list."


def test_everyone_left_go_alone() -> None:
    plan = plan_for(colleagues=[{"name": "Ana"}, {"name": "Bo", "style": "socializer"}])
    assert plan.verdict == "go-alone"
    assert list(plan.brought) == []
    assert headline(plan) == (
        "Go alone: 1 colleague would distract you or pull you into socializing"
        " and 1 colleague has no reason to come."
    )


def test_pair_whose_only_con_is_group_size_over_everyone_is_go_together() -> None:
    plan = plan_for(
        me={"new_to": ["networking"]},
        colleagues=[{"name": "Sam", "style": "supporter"}, {"name": "Ana"}, {"name": "Bo"}],
    )
    (group,) = [f for f in plan.findings if f.rule == "group-size"]
    assert "Sam" in group.subjects
    assert list(plan.brought) == ["Sam"]
    assert plan.verdict == "go-together"
    assert headline(plan) == "Go as a pair with Sam."


def test_close_friend_partner_means_split_up() -> None:
    plan = plan_for(
        me={"new_to": ["networking"]},
        colleagues=[{"name": "Sam", "style": "supporter", "close_friend": True}],
    )
    assert list(plan.brought) == ["Sam"]
    assert plan.verdict == "go-together-split-up"


def test_close_friend_left_behind_does_not_split_the_pair() -> None:
    plan = plan_for(
        me={"new_to": ["networking"]},
        colleagues=[{"name": "Sam", "style": "supporter"}, {"name": "Tia", "close_friend": True}],
    )
    assert list(plan.left) == ["Tia"]
    assert plan.verdict == "go-together"


def test_large_group_two_makes_a_single_partner_split_up() -> None:
    plan = plan_for(
        me={"new_to": ["networking"]},
        colleagues=[{"name": "Sam", "style": "supporter"}],
        netplan={"large_group": 2},
    )
    assert list(plan.brought) == ["Sam"]
    assert plan.verdict == "go-together-split-up"


def test_large_group_two_splits_the_pair_whoever_else_was_listed() -> None:
    # With large_group = 2, the pair that goes is itself a large group; a colleague who
    # stays at the office must not change that.
    plan = plan_for(
        me={"new_to": ["networking"]},
        colleagues=[{"name": "Sam", "style": "supporter"}, {"name": "Ana"}],
        netplan={"large_group": 2},
    )
    assert list(plan.brought) == ["Sam"]
    assert plan.verdict == "go-together-split-up"


def test_large_group_two_with_group_size_off_is_a_plain_pair() -> None:
    event = make_event(
        me={"new_to": ["networking"]},
        colleagues=[{"name": "Sam", "style": "supporter"}],
        netplan={"large_group": 2},
    )
    plan = make_plan(event, select(ignored=["NP203"]))
    assert plan.verdict == "go-together"


def test_two_brought_split_up() -> None:
    plan = plan_for(
        event={"topics": ["payments"]},
        colleagues=[
            {"name": "Dev", "expertise": ["payments"]},
            {"name": "Ana", "knows": ["Pat"]},
        ],
        targets=[{"name": "Pat"}],
        netplan={"regroup_minutes": 20},
    )
    assert list(plan.brought) == ["Dev", "Ana"]
    assert plan.verdict == "go-together-split-up"
    assert (
        headline(plan) == "Go with Dev and Ana, split up on arrival, and regroup every 20 minutes."
    )


# --- checklist ---------------------------------------------------------------------------------

BUSY = {
    "event": {"topics": ["payments"], "new_contacts_goal": 4},
    "me": {"new_to": ["sales"]},
    "colleagues": [
        {"name": "Dev", "expertise": ["Payments", "golf"]},
        {"name": "Ana", "knows": ["Kim", "lou"]},
        {"name": "Alex", "style": "socializer", "knows": ["Pat"], "expertise": ["payments"]},
        {"name": "Sam", "style": "supporter"},
        {"name": "Bo"},
    ],
    "targets": [
        {"name": "Lou", "priority": "low"},
        {"name": "Kim", "priority": "high", "interests": ["payments", "sailing"]},
        {"name": "Pat", "priority": "medium", "interests": ["golf"]},
        {"name": "Max", "priority": "high", "title": "CTO", "company": "Acme"},
        {"name": "Eve", "priority": "low", "notes": "Ask about Q1."},
        {"name": "Cal", "priority": "medium"},
    ],
}


@pytest.fixture(scope="module")
def busy() -> Plan:
    return plan_for(**BUSY)


def test_busy_decisions(busy: Plan) -> None:
    assert list(busy.brought) == ["Dev", "Ana", "Sam"]
    assert list(busy.left) == ["Alex", "Bo"]
    assert busy.verdict == "go-together-split-up"


def test_phases_in_order(busy: Plan) -> None:
    ranks = [PHASES.index(i.phase) for i in busy.checklist]
    assert ranks == sorted(ranks)
    assert {i.phase for i in busy.checklist} == set(PHASES)


def test_one_during_item_per_target_in_priority_then_file_order(busy: Plan) -> None:
    with_target = [i for i in busy.checklist if i.target is not None]
    assert all(i.phase == "during" for i in with_target)
    assert [i.target for i in with_target] == ["Kim", "Max", "Pat", "Cal", "Lou", "Eve"]
    assert all(
        item_text(i, busy).removeprefix("Meet ").startswith((f"{i.target} (", f"{i.target}, "))
        for i in with_target
    )


def test_target_item_wording(busy: Plan) -> None:
    assert target_text(busy, "Max") == "Meet Max (CTO, Acme), high priority."
    assert target_text(busy, "Eve") == (
        "Eve, low priority: Sam finds them, then brings you in. Notes: Ask about Q1."
    )


def test_brought_introducer_owns_the_targets_they_know(busy: Plan) -> None:
    for target in ("Kim", "Lou"):
        assert target_item(busy, target).action.brief.owner == "Ana"  # type: ignore[union-attr]
        text = target_text(busy, target)
        assert "Ana knows them, then brings you in." in text
        assert "before the event" not in text


def test_a_target_you_own_names_the_introducer_who_comes() -> None:
    plan = plan_for(
        colleagues=[{"name": "Ana", "knows": ["Kim"]}], targets=[{"name": "Kim"}]
    )  # a pair: you own everything
    assert target_text(plan, "Kim") == "Meet Kim, medium priority. Ask Ana to introduce you."


def test_left_introducer_is_asked_before_the_event(busy: Plan) -> None:
    # The request is a task for before the event; the target's line only says who knows them.
    assert "Ask Alex, who stays at the office, to introduce you to Pat before the event." in (
        items(busy, "before")
    )
    text = target_text(busy, "Pat")
    assert "Alex knows them and stays at the office." in text
    assert "Ask Alex" not in text
    assert not any("Ask Alex" in t for t in items(busy, "during"))


def test_brought_expert_fitting_interests_is_named(busy: Plan) -> None:
    # Dev comes and knows payments; Alex knows payments too but stays at the office.
    assert target_text(busy, "Kim").endswith("Bring in Dev on payments.")
    assert "Alex on" not in target_text(busy, "Kim")
    # Dev's golf was not a reason to bring Dev, but Dev is coming and Pat cares about golf:
    # Dev works Pat.
    assert "Dev finds them, talks golf, then brings you in." in target_text(busy, "Pat")
    assert "Bring in" not in target_text(busy, "Cal")


def test_before_items(busy: Plan) -> None:
    before = items(busy, "before")
    assert before[0] == (
        "Agree with Dev, Ana and Sam to split up on arrival and meet again every 45 minutes "
        "to swap introductions."
    )
    assert "Set your goal: meet at least 4 new people you did not know before." in before
    assert "Remind Sam they come to back you up, not to socialize." in before
    assert before[-2:] == [
        "Ask Alex, who stays at the office, to introduce you to Pat before the event.",
        "Tell Alex and Bo you will go without them this time.",
    ]


def test_during_and_after_items_with_company(busy: Plan) -> None:
    during = items(busy, "during")
    assert during[0] == "Split up as soon as you arrive; regroup every 45 minutes."
    assert during[-1] == "Talk to people you do not know until you have met at least 4 new people."
    after = items(busy, "after")
    assert "Compare notes with Dev, Ana and Sam: who did each of you meet?" in after
    assert any("Count your new contacts against the goal of 4." in t for t in after)


def test_going_alone_checklist_has_no_group_items() -> None:
    plan = plan_for(colleagues=[{"name": "Bo", "style": "reluctant"}], targets=[{"name": "Kim"}])
    texts = [item_text(i, plan) for i in plan.checklist]
    assert not any(
        t.startswith(("Agree with", "Split up", "Compare notes", "Remind")) for t in texts
    )
    assert "Tell Bo you will go without them this time." in texts


def test_rules_off_lists_disabled_rules() -> None:
    event = make_event(colleagues=[{"name": "Alex", "style": "socializer"}])
    assert make_plan(event).rules_off == ()
    plan = make_plan(event, select(ignored=["NP2"]))
    assert plan.rules_off == ("socializing-risk", "distraction", "group-size", "track-record")
    assert not any(f.kind == "con" for f in plan.findings)
    # With the cons off, nothing asks Alex to stay, and no rule is credited for leaving.
    assert advice(plan) == {"Alex": ("leave", ())}


def test_rules_run_in_registry_order_whatever_order_given() -> None:
    event = make_event(colleagues=[{"name": "Ana", "knows": ["Kim"]}], targets=[{"name": "Kim"}])
    plan = make_plan(event, [COMFORT_ZONE, MEET_NEW_PEOPLE, COMFORT_ZONE])
    assert [f.rule for f in plan.findings] == ["meet-new-people", "comfort-zone"]
    assert plan.rules_off == tuple(
        r.name for r in ALL_RULES if r not in (MEET_NEW_PEOPLE, COMFORT_ZONE)
    )


# --- determinism -------------------------------------------------------------------------------


def test_same_event_same_plan_and_json() -> None:
    event = make_event(**BUSY)
    first, second = make_plan(event, source="a.toml"), make_plan(event, source="a.toml")
    assert first == second
    assert render([first], Options()) == render([second], Options())
    assert first is not second


def test_findings_follow_rule_then_colleague_order(busy: Plan) -> None:
    order = [r.name for r in ALL_RULES]
    ranks = [order.index(f.rule) for f in busy.findings]
    assert ranks == sorted(ranks)
    distraction = [f.subjects for f in busy.findings if f.rule == "distraction"]
    assert distraction == [("Alex",)]


# --- the shipped examples ----------------------------------------------------------------------
# Expected answers worked out by hand from each file and the weighing in engine.py.

EXPECTED: dict[str, tuple[str, dict[str, tuple[str, tuple[str, ...]]]]] = {
    "happy-hour-pack.toml": (
        # Rick and Janet are socializers, Marcus is reluctant: all stay. Tina is a
        # close friend with no reason to come (both cons name her); the rep is new to
        # sales, but every colleague has a con against them, so nobody comes for support.
        "go-alone",
        {
            "Rick Dunn": ("leave", ("socializing-risk", "distraction")),
            "Janet Hale": ("leave", ("socializing-risk", "distraction")),
            "Marcus Webb": ("leave", ("distraction",)),
            "Tina Park": ("leave", ("socializing-risk", "group-size")),
        },
    ),
    "newcomer.toml": (
        # Beth supports a newcomer; Greg is reluctant. group-size (3 of 3) names both, so
        # it does not name Beth alone: a plain pair.
        "go-together",
        {
            "Beth Carter": ("bring", ("moral-support",)),
            "Greg Holm": ("leave", ("distraction",)),
        },
    ),
    "trade-show.toml": (
        # Priya (fraud detection, machine learning) and Tom (payments, integrations) match
        # topics and interests; Lena is a socializer.
        "go-together-split-up",
        {
            "Priya Natarajan": ("bring", ("subject-experts",)),
            "Tom Becker": ("bring", ("subject-experts",)),
            "Lena Fischer": ("leave", ("socializing-risk", "distraction")),
        },
    ),
    "warm-intros.toml": (
        # Ines knows two targets; a pair is below the default large group of 3.
        "go-together",
        {"Ines Duarte": ("bring", ("meet-new-people",))},
    ),
    "partner-summit.toml": (
        # Ana's LinkedIn connections include two targets; Tom's expertise is a topic
        # and he knows someone at an account the company list makes a target; Lena is a
        # socializer.
        "go-together-split-up",
        {
            "Ana Ruiz": ("bring", ("meet-new-people",)),
            "Tom Becker": ("bring", ("meet-new-people", "subject-experts")),
            "Lena Fischer": ("leave", ("socializing-risk", "distraction")),
        },
    ),
}


def test_every_example_has_expectations() -> None:
    assert sorted(p.name for p in example_files()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_decisions(name: str) -> None:
    verdict, decisions = EXPECTED[name]
    event, _, people = load_with_lists(str(EXAMPLES / name))
    plan = make_plan(event, people=people)
    assert plan.verdict == verdict
    assert advice(plan) == decisions


def example_plan(name: str) -> Plan:
    return make_plan(load_event(str(EXAMPLES / name)))


def test_trade_show_checklist_names_experts_per_target() -> None:
    plan = example_plan("trade-show.toml")
    assert plan.new_contacts_goal == 8
    assert [i.target for i in plan.checklist if i.target] == [
        "Martha Osei",
        "Diego Alvarez",
        "Kevin Liu",
        "Sara Lindqvist",
    ]
    assert "Bring in Priya Natarajan on fraud detection." in target_text(plan, "Martha Osei")
    assert "Bring in Priya Natarajan on machine learning." in target_text(plan, "Diego Alvarez")
    assert (
        "Tom Becker finds them, talks integrations and payments, then brings you in."
        in target_text(plan, "Kevin Liu")
    )
    assert "Bring in" not in target_text(plan, "Sara Lindqvist")


def test_targets_sharing_some_interests_get_the_experts_of_all_of_theirs() -> None:
    # Experts are worked out once per distinct set of interests, not per first interest.
    plan = plan_for(
        event={"topics": ["fraud", "payments"]},
        colleagues=[
            {"name": "Ann", "expertise": ["fraud"]},
            {"name": "Bo", "expertise": ["payments"]},
        ],
        targets=[
            {"name": "Pat", "interests": ["fraud"]},
            {"name": "Quinn", "interests": ["fraud", "payments"]},
            {"name": "Ray", "interests": ["fraud"]},
        ],
    )
    experts = {b.name: [(e.name, e.subjects) for e in b.experts] for b in plan.targets}
    assert experts == {
        "Pat": [("Ann", ("fraud",))],
        "Quinn": [("Ann", ("fraud",)), ("Bo", ("payments",))],
        "Ray": [("Ann", ("fraud",))],
    }


def test_warm_intros_checklist_names_the_introducer() -> None:
    plan = example_plan("warm-intros.toml")
    assert headline(plan) == "Go as a pair with Ines Duarte."
    for target in ("Grace Kim", "Ahmed Nasser"):
        assert "Ask Ines Duarte to introduce you." in target_text(plan, target)
    assert "Ask" not in target_text(plan, "Nora Quinn")
    (meet,) = [f for f in plan.findings if f.rule == "meet-new-people"]
    assert "and knows 1 other attendee" in finding_message(meet, plan)


def test_newcomer_checklist_reminds_the_supporter() -> None:
    plan = example_plan("newcomer.toml")
    before = items(plan, "before")
    assert "Remind Beth Carter they come to back you up, not to socialize." in before
    assert "Tell Greg Holm you will go without them this time." in before
