"""The team at the event: owners, the schedule, the follow-up date, personal checklists,
and the picture of who covers whom."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from netplan.cli import app
from netplan.cli.common import numbered_paths
from netplan.engine import make_plan
from netplan.model.plan import Plan
from netplan.model.when import working_days_after
from netplan.report.diagram import TARGETS_DRAWN, mermaid, tree
from netplan.report.phrases import item_text
from tests.conftest import EXAMPLES, make_event

runner = CliRunner()


def plan_for(**overrides: Any) -> Plan:
    return make_plan(make_event(**overrides))


def owners(plan: Plan) -> dict[str, str]:
    return {b.name: b.owner for b in plan.targets}


TEAM = [
    {"name": "Ana", "knows": ["Kim", "Lou"]},
    {"name": "Dev", "expertise": ["payments"], "knows": ["Zed"]},
]


# --- owners -------------------------------------------------------------------------------------


def test_every_target_has_exactly_one_owner_among_those_who_go() -> None:
    plan = plan_for(
        colleagues=TEAM,
        targets=[{"name": n} for n in ("Kim", "Lou", "Zed", "Max", "Cal", "Eve", "Ola")],
    )
    assert plan.verdict == "go-together-split-up"
    assert set(owners(plan).values()) <= set(plan.going)
    assert len(owners(plan)) == 7


def test_an_introducer_who_comes_owns_first_then_an_expert_then_you() -> None:
    plan = plan_for(
        event={"topics": ["payments"]},
        colleagues=TEAM,
        targets=[
            {"name": "Kim"},  # Ana knows Kim
            {"name": "Pay", "interests": ["payments"]},  # Dev's subject
            {"name": "Zed", "interests": ["payments"]},  # Dev knows Zed too
            {"name": "Max"},  # nobody: you
        ],
    )
    assert owners(plan) == {"Kim": "Ana", "Pay": "Dev", "Zed": "Dev", "Max": "Robin"}


def test_targets_you_met_before_stay_with_you_even_when_a_colleague_knows_them() -> None:
    from netplan.model.history import HistorySnapshot
    from netplan.model.identity import name_key

    event = make_event(colleagues=TEAM, targets=[{"name": n} for n in ("Kim", "Lou", "Zed", "Max")])
    met = HistorySnapshot(events=(), met_before={name_key("Kim"): dt.date(2026, 1, 10)})
    plan = make_plan(event, history=met)
    assert plan.verdict == "go-together-split-up"
    # Ana knows Kim and Lou; you met Kim before: following up is yours.
    assert owners(plan) == {"Kim": "Robin", "Lou": "Ana", "Zed": "Dev", "Max": "Robin"}
    kim = next(i for i in plan.checklist if i.target == "Kim")
    assert item_text(kim, plan).startswith("Follow up with Kim")
    assert owners(make_plan(event)) == {"Kim": "Ana", "Lou": "Ana", "Zed": "Dev", "Max": "Robin"}


def test_high_priority_targets_nobody_can_introduce_stay_with_you() -> None:
    plan = plan_for(
        event={"topics": ["payments"]},
        colleagues=TEAM,
        targets=[
            {"name": f"VIP {n}", "priority": "high", "interests": ["payments"]} for n in range(5)
        ],
    )
    # Dev knows payments, but a high-priority stranger is the salesperson's to meet.
    assert set(owners(plan).values()) == {"Robin"}


def test_nobody_owns_more_than_an_even_share_plus_one() -> None:
    targets = [{"name": f"T{n:02d}"} for n in range(12)]
    knows = [t["name"] for t in targets]
    plan = plan_for(
        colleagues=[{"name": "Ana", "knows": knows}, {"name": "Dev", "knows": ["T00"]}],
        targets=targets,
    )
    load = Counter(owners(plan).values())
    assert max(load.values()) <= 12 // 3 + 1
    assert sum(load.values()) == 12


def test_ownership_is_deterministic_and_ties_go_to_you_first() -> None:
    targets = [{"name": f"T{n}"} for n in range(4)]
    first = owners(plan_for(colleagues=TEAM, targets=targets))
    assert first == owners(plan_for(colleagues=TEAM, targets=targets))
    assert first["T0"] == "Robin"


@pytest.mark.parametrize(
    "colleagues",
    [[], [{"name": "Ana", "knows": ["Kim"]}], [{"name": "Bo", "style": "socializer"}]],
    ids=["alone", "pair", "left"],
)
def test_a_pair_or_a_rep_alone_owns_everything(colleagues: list[dict[str, Any]]) -> None:
    plan = plan_for(colleagues=colleagues, targets=[{"name": "Kim"}, {"name": "Max"}])
    assert plan.verdict != "go-together-split-up"
    assert set(owners(plan).values()) == {"Robin"}


def test_the_owner_s_item_says_what_to_do() -> None:
    plan = plan_for(
        event={"topics": ["fraud detection"]},
        colleagues=[
            {"name": "Priya", "expertise": ["fraud detection"]},
            {"name": "Ana", "knows": ["Kim"]},
        ],
        targets=[
            {"name": "Martha Osei", "interests": ["fraud detection"]},
            {"name": "Kim"},
        ],
    )
    assert owners(plan)["Martha Osei"] == "Priya"
    priya = [item_text(i, plan, "Priya") for i in plan.checklist_for("Priya")]
    assert "Find Martha Osei, medium priority: talk fraud detection, then bring Robin in." in priya
    mine = [item_text(i, plan) for i in plan.checklist]
    assert (
        "Martha Osei, medium priority: Priya finds them, talks fraud detection, then brings you in."
        in mine
    )
    ana = [item_text(i, plan, "Ana") for i in plan.checklist_for("Ana")]
    assert "Find Kim, medium priority: you know them, then bring Robin in." in ana


def test_a_colleague_who_comes_and_knows_your_target_introduces_you() -> None:
    plan = plan_for(
        colleagues=[{"name": "Ana", "knows": ["VIP"]}, {"name": "Dev", "knows": ["Kim"]}],
        targets=[{"name": "VIP", "priority": "high"}, {"name": "Kim"}],
    )
    # VIP is high priority and Ana can introduce: Ana owns it. Make the rep own one Ana knows.
    plan = plan_for(
        colleagues=[
            {"name": "Ana", "knows": ["Kim", "Lou", "Max"]},
            {"name": "Dev", "knows": ["Kim"]},
        ],
        targets=[{"name": n} for n in ("Kim", "Lou", "Max")],
    )
    texts = {
        person: [item_text(i, plan, person) for i in plan.checklist_for(person)]
        for person in plan.going
    }
    # Kim: owned by Ana (first introducer); Dev, who knows Kim too, introduces Ana.
    assert "Introduce Ana to Kim." in texts["Dev"]


# --- personal checklists ----------------------------------------------------------------------


def test_a_colleague_s_checklist_holds_only_what_they_do() -> None:
    plan = plan_for(
        event={"topics": ["payments"]}, colleagues=TEAM, targets=[{"name": "Kim"}, {"name": "Max"}]
    )
    ana = [item_text(i, plan, "Ana") for i in plan.checklist_for("Ana")]
    assert any(t.startswith("Agree with Robin and Dev to split up") for t in ana)
    assert any(t.startswith("Find Kim") for t in ana)
    assert not any("Max" in t for t in ana)  # the rep's target
    assert not any(t.startswith(("Set your goal", "Tell ", "Debrief")) for t in ana)
    assert "Send Robin the name and details of everyone you met, for the follow-up." in ana
    assert plan.checklist_for("Robin") == plan.checklist


def event_file(tmp_path: Path) -> str:
    path = tmp_path / "team.toml"
    path.write_text(
        """\
[event]
name = "Harbour Expo"
kind = "trade-show"
date = 2027-03-18T18:00:00
duration_minutes = 120
timezone = "Europe/Berlin"

[me]
name = "Robin Vale"

[[colleagues]]
name = "José Díaz"
knows = ["Kim Wu"]

[[colleagues]]
name = "Ana Ruiz"
knows = ["Lou Reed"]

[[targets]]
name = "Kim Wu"

[[targets]]
name = "Lou Reed"
""",
        encoding="utf-8",
    )
    return str(path)


@pytest.mark.parametrize("fmt", ["markdown", "text", "json"])
def test_checklist_for_a_person_in_each_format(tmp_path: Path, fmt: str) -> None:
    result = runner.invoke(
        app, ["checklist", event_file(tmp_path), "--for", "jose diaz", "--format", fmt]
    )
    assert result.exit_code == 0, result.stderr
    assert "Find Kim Wu" in result.stdout
    assert "Lou Reed" not in result.stdout
    if fmt == "json":
        assert '"for": "José Díaz"' in result.stdout


@pytest.mark.parametrize(("fmt", "rule"), [("markdown", "\n---\n\n"), ("text", "─" * 80 + "\n")])
def test_one_persons_checklists_of_two_events_stay_apart(
    tmp_path: Path, fmt: str, rule: str
) -> None:
    first = Path(event_file(tmp_path))
    second = tmp_path / "second.toml"
    second.write_text(first.read_text(encoding="utf-8").replace("Harbour", "Quay"), "utf-8")
    args = ["checklist", str(first), str(second), "--for", "jose diaz", "--format", fmt]
    result = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    one, two = result.stdout.split(rule)
    assert "Harbour Expo" in one
    assert "Quay Expo" in two
    assert one.endswith("\n")


def test_an_unknown_person_is_exit_2_naming_the_people_who_go(tmp_path: Path) -> None:
    result = runner.invoke(app, ["checklist", event_file(tmp_path), "--for", "Lena"])
    assert result.exit_code == 2
    assert "'Lena' is not going to Harbour Expo; the people who go are Robin Vale, José Díaz " in (
        result.stderr
    )


def test_checklists_for_everyone_one_file_each(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(
        app, ["checklist", event_file(tmp_path), "--for", "everyone", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["ana-ruiz.md", "josé-díaz.md", "robin-vale.md"]
    assert "Find Lou Reed" in (out / "ana-ruiz.md").read_text(encoding="utf-8")
    again = runner.invoke(
        app, ["checklist", event_file(tmp_path), "--for", "everyone", "-o", str(out)]
    )
    assert again.exit_code == 2  # nothing replaced without --force


def test_names_that_make_one_file_name_are_numbered(tmp_path: Path) -> None:
    stems = ["ann", "ann", "ann-2", "ann", "bo"]
    paths = numbered_paths(tmp_path, stems, ".md")
    assert [p.name for p in paths] == ["ann.md", "ann-2.md", "ann-2-2.md", "ann-3.md", "bo.md"]


def test_checklists_for_everyone_number_people_whose_names_make_one_file_name(
    tmp_path: Path,
) -> None:
    path = tmp_path / "e.toml"
    path.write_text(
        '[event]\nname = "Expo"\nkind = "trade-show"\ntopics = ["pay"]\n\n'
        '[me]\nname = "Ann Lee"\n\n'
        '[[colleagues]]\nname = "Ann-Lee"\nexpertise = ["pay"]\n\n'
        '[[colleagues]]\nname = "ANN LEE!"\nexpertise = ["pay"]\n\n'
        '[[targets]]\nname = "Kim"\ninterests = ["pay"]\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(app, ["checklist", str(path), "--for", "everyone", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["ann-lee-2.md", "ann-lee-3.md", "ann-lee.md"]
    assert "for Ann-Lee" in (out / "ann-lee-2.md").read_text(encoding="utf-8")


def test_everyone_needs_a_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["checklist", event_file(tmp_path), "--for", "everyone"])
    assert result.exit_code == 2
    assert "give -o an existing folder" in result.stderr


# --- schedule ---------------------------------------------------------------------------------


def split_team(**event: Any) -> Plan:
    return plan_for(
        event=event,
        colleagues=[{"name": "Ana", "knows": ["Kim"]}, {"name": "Dev", "knows": ["Kim"]}],
        targets=[{"name": "Kim"}],
    )


def test_regroups_every_regroup_minutes_until_the_end() -> None:
    plan = split_team(date=dt.datetime(2027, 3, 18, 18, 0), duration_minutes=150)
    assert [(s.at.strftime("%H:%M"), s.what) for s in plan.schedule] == [
        ("18:00", "arrive"),
        ("18:45", "regroup"),
        ("19:30", "regroup"),
        ("20:15", "regroup"),
        ("20:30", "leave"),
    ]
    (split,) = [i for i in plan.checklist if "Split up" in item_text(i, plan)]
    assert item_text(split, plan) == (
        "Split up as soon as you arrive; regroup at 18:45, 19:30 and 20:15."
    )


def test_a_pair_has_no_regroups() -> None:
    plan = plan_for(
        event={"date": dt.datetime(2027, 3, 18, 18, 0), "duration_minutes": 150},
        colleagues=[{"name": "Ana", "knows": ["Kim"]}],
        targets=[{"name": "Kim"}],
    )
    assert [s.what for s in plan.schedule] == ["arrive", "leave"]


def test_no_start_time_no_schedule() -> None:
    assert split_team(date=dt.date(2027, 3, 18)).schedule == ()
    assert split_team().schedule == ()
    assert [s.what for s in split_team(date=dt.datetime(2027, 3, 18, 18)).schedule] == ["arrive"]


def test_times_keep_the_event_s_zone_and_regroups_are_real_minutes_across_dst() -> None:
    # Europe/Berlin springs forward at 02:00 on 2027-03-28.
    plan = split_team(
        date=dt.datetime(2027, 3, 28, 0, 30),
        ends=dt.datetime(2027, 3, 28, 4, 0),
        timezone="Europe/Berlin",
    )
    stamps = [s.at.isoformat() for s in plan.schedule]
    assert stamps == [
        "2027-03-28T00:30:00+01:00",
        "2027-03-28T01:15:00+01:00",
        "2027-03-28T03:00:00+02:00",  # 45 real minutes after 01:15 CET
        "2027-03-28T03:45:00+02:00",
        "2027-03-28T04:00:00+02:00",
    ]
    utc = [s.at.astimezone(dt.UTC) for s in plan.schedule]
    assert {b - a for a, b in itertools.pairwise(utc[:-1])} == {dt.timedelta(minutes=45)}


def test_an_offset_in_the_file_wins_and_floating_times_stay_floating() -> None:
    fixed = split_team(
        date=dt.datetime(2027, 3, 18, 18, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        duration_minutes=60,
        timezone="Europe/Berlin",
    )
    assert fixed.schedule[0].at.isoformat() == "2027-03-18T18:00:00-05:00"
    floating = split_team(date=dt.datetime(2027, 3, 18, 18), duration_minutes=60)
    assert floating.schedule[0].at.tzinfo is None


# --- follow-up --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "due"),
    [
        (dt.date(2027, 3, 15), dt.date(2027, 3, 17)),  # Monday → Wednesday
        (dt.date(2027, 3, 18), dt.date(2027, 3, 22)),  # Thursday → Monday
        (dt.date(2027, 3, 19), dt.date(2027, 3, 23)),  # Friday → Tuesday
        (dt.date(2027, 3, 20), dt.date(2027, 3, 23)),  # Saturday → Tuesday
    ],
)
def test_follow_up_is_two_working_days_after(day: dt.date, due: dt.date) -> None:
    assert working_days_after(day, 2) == due
    plan = plan_for(event={"date": day})
    assert plan.follow_up_by == due
    follow = next(item_text(i, plan) for i in plan.checklist if i.phase == "after")
    assert follow == f"Follow up with everyone you met by {due:%A} {due.isoformat()}."


def test_without_a_date_the_follow_up_has_no_due_date() -> None:
    plan = plan_for()
    assert plan.follow_up_by is None
    (follow,) = [i for i in plan.checklist if "Follow up" in item_text(i, plan)]
    assert item_text(follow, plan) == "Follow up with everyone you met within two working days."


def test_json_has_schedule_and_follow_up_by(tmp_path: Path) -> None:
    import json

    data = json.loads(
        runner.invoke(app, ["advise", event_file(tmp_path), "--format", "json"]).stdout
    )
    assert data["schedule"][0] == {"at": "2027-03-18T18:00:00+01:00", "what": "Arrive together"}
    assert data["schedule"][-1]["at"] == "2027-03-18T20:00:00+01:00"
    assert data["follow_up_by"] == "2027-03-22"
    assert {t["name"]: t["owner"] for t in data["targets"]} == {
        "Kim Wu": "José Díaz",
        "Lou Reed": "Ana Ruiz",
    }


# --- who covers whom ----------------------------------------------------------------------------

HOSTILE = [
    'Eve"]\n  click p0 "javascript:alert(1)"',
    "Mal ```\n# heading",
    "Zoë <b>x</b> %%{init}%% ;--> [x]",
    "\u202eevil\x1b[31m",
]


def test_mermaid_labels_cannot_break_out() -> None:
    plan = plan_for(
        colleagues=[
            {"name": HOSTILE[0], "knows": [HOSTILE[1]]},
            {"name": "Dev", "knows": [HOSTILE[2]]},
        ],
        targets=[{"name": h} for h in HOSTILE[1:]],
    )
    lines = mermaid(plan)
    assert lines[0] == "```mermaid"
    assert lines[-1] == "```"
    body = lines[1:-1]
    statement = re.compile(
        r'(graph LR|  [pts]\d+\["[\w #;()]*"\]|  t\d+\(\["[\w #;]*"\]\)'
        r"|  [pst]\d+ (==>\|owns\||-\.->\|introduces( before)?\|) t\d+"
        r'|  more\["and [0-9,]+ more targets"\])'
    )
    for line in body:
        assert statement.fullmatch(line), line
    assert "#10;" in "\n".join(body)  # the newline, as an entity code


def test_mermaid_draws_a_bounded_number_of_targets() -> None:
    plan = plan_for(targets=[{"name": f"T{n}"} for n in range(TARGETS_DRAWN + 5)])
    lines = mermaid(plan)
    assert sum(1 for line in lines if line.startswith("  t") and "([" in line) == TARGETS_DRAWN
    assert '  more["and 5 more targets"]' in lines


def test_the_text_tree_shows_who_covers_whom_when_wide_enough() -> None:
    plan = plan_for(colleagues=TEAM, targets=[{"name": "Kim"}, {"name": "Max"}])
    assert (0, "Robin (you)") in tree(plan)
    assert (1, "Kim ← Ana") in tree(plan)  # a pair: you own Kim, Ana introduces you
    wide = runner.invoke(app, ["advise", str(EXAMPLES / "trade-show.toml")], env={"COLUMNS": "80"})
    assert "Who covers whom" in wide.stdout
    narrow = runner.invoke(
        app, ["advise", str(EXAMPLES / "trade-show.toml")], env={"COLUMNS": "50"}
    )
    assert "Who covers whom" not in narrow.stdout
    alone = runner.invoke(
        app, ["advise", str(EXAMPLES / "happy-hour-pack.toml")], env={"COLUMNS": "80"}
    )
    assert "Who covers whom" not in alone.stdout
