"""Advice that does not contradict itself: each promise of the plan, as a test."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from netplan.engine import make_plan
from netplan.model.history import HistorySnapshot
from netplan.model.identity import name_key
from netplan.model.plan import Plan
from netplan.report import Options, reporter
from netplan.report.diagram import mermaid, tree
from netplan.report.phrases import finding_message, headline, item_text
from tests.conftest import make_event

PAIR = {
    "colleagues": [{"name": "Ana", "knows": ["Pat"]}, {"name": "Bo"}],
    "targets": [{"name": "Pat"}],
}
SPLIT = {
    "colleagues": [{"name": "Ana", "knows": ["Pat"]}, {"name": "Dev", "knows": ["Pat"]}],
    "targets": [{"name": "Pat"}],
}


def plan_for(**overrides: Any) -> Plan:
    return make_plan(make_event(**overrides))


def everything_said(plan: Plan) -> list[str]:
    return [
        headline(plan),
        *(finding_message(f, plan) for f in plan.findings),
        *(item_text(i, plan) for i in plan.checklist),
    ]


def all_formats(plan: Plan) -> str:
    return "".join(reporter(f).render([plan], Options()) for f in ("text", "markdown", "json"))


def test_a_pair_is_never_told_to_split_up() -> None:
    plan = plan_for(**PAIR)
    assert plan.verdict == "go-together"
    for sentence in everything_said(plan):
        assert "split up" not in sentence.lower(), sentence
        assert "regroup" not in sentence.lower(), sentence
    text = all_formats(plan).lower()
    assert "split up" not in text
    assert "regroup" not in text


def test_only_a_split_up_plan_says_split_up_and_regroup() -> None:
    plan = plan_for(**SPLIT)
    assert plan.verdict == "go-together-split-up"
    said = " ".join(everything_said(plan)).lower()
    assert "split up" in said
    assert "regroup every 45 minutes" in said


def test_going_alone_says_nothing_about_a_group() -> None:
    plan = plan_for(colleagues=[{"name": "Bo"}])
    assert plan.verdict == "go-alone"
    for sentence in everything_said(plan):
        for word in ("split up", "regroup", "as a pair", "Compare notes"):
            assert word not in sentence, sentence


def test_asking_a_colleague_who_stays_for_an_introduction_is_a_before_task() -> None:
    plan = plan_for(
        colleagues=[{"name": "Alex", "style": "socializer", "knows": ["Pat"]}],
        targets=[{"name": "Pat"}],
    )
    ask = [i for i in plan.checklist if "to introduce you to Pat" in item_text(i, plan)]
    assert [i.phase for i in ask] == ["before"]


def test_a_close_friend_who_stays_is_not_told_to_split_up() -> None:
    plan = plan_for(colleagues=[{"name": "Tia", "close_friend": True}])
    assert plan.left == ("Tia",)
    (friend,) = [f for f in plan.findings if f.rule == "socializing-risk"]
    assert "split up" not in finding_message(friend, plan).lower()
    assert not any("Tia" in t and "split" in t.lower() for t in everything_said(plan))


def test_a_close_friend_who_comes_is_told_to_split_up() -> None:
    plan = plan_for(
        colleagues=[{"name": "Tia", "close_friend": True, "knows": ["Pat"]}],
        **{"targets": [{"name": "Pat"}]},
    )
    assert plan.brought == ("Tia",)
    (friend,) = [f for f in plan.findings if f.rule == "socializing-risk"]
    assert finding_message(friend, plan).endswith("Agree to split up.")
    assert not friend.resolved


def test_an_expert_who_stays_is_not_said_to_make_the_product_shine_there() -> None:
    plan = plan_for(
        event={"kind": "trade-show", "topics": ["payments"]},
        colleagues=[
            {"name": "Sam", "style": "socializer", "expertise": ["payments"]},
            {"name": "Dev", "expertise": ["payments"]},
        ],
    )
    assert plan.left == ("Sam",)
    assert plan.brought == ("Dev",)
    said = {
        f.subjects: finding_message(f, plan) for f in plan.findings if f.rule == "subject-experts"
    }
    assert said[("Sam",)].endswith(
        "They stay at the office: ask them to brief you before the event."
    )
    assert "shine" not in said[("Sam",)]
    assert said[("Dev",)].endswith("an expert makes the product shine.")


def test_colleagues_along_who_know_other_people_are_asked_to_introduce_them() -> None:
    plan = plan_for(
        event={"goal": "personal"},
        colleagues=[
            {"name": "Ana", "knows": ["Zed", "Yan"]},
            {"name": "Sam", "style": "socializer", "knows": ["Xia"]},
        ],
    )
    assert plan.brought == ("Ana",)
    asks = [item_text(i, plan) for i in plan.checklist if "people they know" in item_text(i, plan)]
    assert asks == [
        "Ask Ana to introduce you to the people they know there who are not on your list."
    ]
    assert [i.phase for i in plan.checklist if "people they know" in item_text(i, plan)] == [
        "during"
    ]
    anas = [item_text(i, plan, "Ana") for i in plan.checklist_for("Ana")]
    assert "Introduce Robin to the people you know there who are not on the list." in anas
    # Nobody along, nobody to ask.
    alone = plan_for(colleagues=[{"name": "Sam", "style": "socializer", "knows": ["Xia"]}])
    assert not any("people they know" in item_text(i, alone) for i in alone.checklist)


def test_nobody_is_asked_to_introduce_you_to_someone_you_met_before() -> None:
    met = HistorySnapshot(events=(), met_before={name_key("Pat"): dt.date(2026, 5, 1)})
    event = make_event(
        colleagues=[{"name": "Ana", "knows": ["Pat"]}, {"name": "Bo", "knows": ["Pat", "Kim"]}],
        targets=[{"name": "Pat"}, {"name": "Kim"}],
    )
    before = make_plan(event)
    assert before.brought == ("Ana", "Bo")
    plan = make_plan(event, history=met)
    # Ana's only reason was Pat, whom you know: she stays; Bo still comes for Kim.
    assert plan.brought == ("Bo",)
    assert plan.left == ("Ana",)
    said = everything_said(plan)
    pat = next(t for t in said if "Pat" in t and t.startswith(("Follow up", "Meet")))
    assert pat == "Follow up with Pat, medium priority. You last met them on 2026-05-01."
    assert not any("Pat" in t and ("introduce" in t.lower() or "Ask " in t) for t in said)
    bos = [item_text(i, plan, "Bo") for i in plan.checklist_for("Bo")]
    assert not any("Pat" in t for t in bos)
    assert any("Kim" in t for t in bos)
    # Nor do the pictures draw an introduction to Pat.
    assert [b.name for b in plan.targets] == ["Pat", "Kim"]
    assert (1, "Pat") in tree(plan)
    assert (1, "Kim ← Bo") in tree(plan)
    edges = [line for line in mermaid(plan) if "introduces" in line]
    assert edges == ["  p1 -.->|introduces| t1"]


def test_bring_only_who_you_need_is_not_said_when_everyone_listed_comes() -> None:
    everyone = plan_for(**SPLIT, netplan={"large_group": 3})
    (group,) = [f for f in everyone.findings if f.rule == "group-size"]
    assert "Bring only who you need" not in finding_message(group, everyone)
    some = plan_for(colleagues=[*SPLIT["colleagues"], {"name": "Cy"}], targets=SPLIT["targets"])
    (group,) = [f for f in some.findings if f.rule == "group-size"]
    assert "Bring only who you need" in finding_message(group, some)


def test_a_newcomer_with_only_a_plain_networker_goes_as_a_pair() -> None:
    plan = plan_for(me={"new_to": ["networking"]}, colleagues=[{"name": "Al"}])
    assert plan.verdict == "go-together"
    assert plan.brought == ("Al",)
    assert plan.colleagues[0].reasons == ("moral-support",)
    assert any("Remind Al they come to back you up" in t for t in everything_said(plan))


@pytest.mark.parametrize(
    "colleague",
    [
        {"name": "Al", "style": "socializer"},
        {"name": "Al", "style": "reluctant"},
        {"name": "Al", "close_friend": True},
    ],
    ids=["socializer", "reluctant", "close-friend"],
)
def test_a_newcomer_is_not_given_support_by_someone_with_a_con(colleague: dict[str, Any]) -> None:
    plan = plan_for(me={"new_to": ["sales"]}, colleagues=[colleague])
    assert plan.verdict == "go-alone"
    assert not any(f.rule == "moral-support" for f in plan.findings)


def test_a_supporter_is_preferred_to_a_plain_networker() -> None:
    plan = plan_for(
        me={"new_to": ["sales"]}, colleagues=[{"name": "Al"}, {"name": "Sam", "style": "supporter"}]
    )
    assert plan.brought == ("Sam",)


def test_cons_about_colleagues_who_all_stay_are_resolved() -> None:
    plan = plan_for(
        colleagues=[
            {"name": "Rick", "style": "socializer"},
            {"name": "Ana", "knows": ["Pat"]},
            {"name": "Tia", "close_friend": True, "knows": ["Pat"]},
        ],
        targets=[{"name": "Pat"}],
    )
    resolved = {(f.rule, f.subjects): f.resolved for f in plan.findings if f.kind == "con"}
    assert resolved == {
        ("socializing-risk", ("Rick",)): True,  # Rick stays
        ("distraction", ("Rick",)): True,
        ("socializing-risk", ("Tia",)): False,  # Tia comes: the risk is real
        ("group-size", ("Rick", "Ana", "Tia")): False,  # two of the three come
    }
    assert plan.has_finding(["con"])
    only_rick = plan_for(colleagues=[{"name": "Rick", "style": "socializer"}])
    assert not only_rick.has_finding(["con"])
    assert only_rick.has_finding(["tip"])


def test_who_colleagues_can_introduce_is_worked_out_once() -> None:
    """Once per plan, not once per colleague, even when it comes out empty (every
    target known already): thousands of colleagues must not make it quadratic."""
    from netplan.rules import Context

    event = make_event(
        colleagues=[{"name": f"C{i}", "knows": ["Pat"]} for i in range(5)],
        targets=[{"name": "Pat"}],
    )
    met = HistorySnapshot(events=(), met_before={name_key("Pat"): dt.date(2026, 5, 1)})
    ctx = Context.build(event, met, None)
    walks = 0

    class Counting(dict[int, Any]):
        def items(self) -> Any:
            nonlocal walks
            walks += 1
            return super().items()

    object.__setattr__(ctx.people, "known_by", Counting(ctx.people.known_by))
    assert [ctx.known_targets(c) for c in ctx.colleagues] == [[]] * 5
    assert walks == 1
