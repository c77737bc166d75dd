"""After the event: debrief into a local history, read it back, and advice that learns."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from netplan.cli import app, run
from netplan.cli.env import Env

EVENT = """\
[event]
name = "Harbour Expo"
kind = "mixer"
date = {date}

[me]
name = "Robin Vale"

[[colleagues]]
name = "Ana Ruiz"
knows = ["Kim Wu"]

[[colleagues]]
name = "Lena Fischer"
style = "{lena}"

[[targets]]
name = "Kim Wu"
company = "Acme"
title = "CFO"

[[targets]]
name = "Tomás Herrera"
priority = "high"
"""


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("NETPLAN_HOME", str(folder))
    return folder


def event(
    tmp_path: Path, date: str = "2027-03-18", lena: str = "networker", name: str = "e"
) -> str:
    path = tmp_path / f"{name}.toml"
    path.write_text(EVENT.format(date=date, lena=lena), encoding="utf-8")
    return str(path)


def cli(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input)


def ok(*args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def history_json() -> dict[str, Any]:
    data = json.loads(ok("history", "--format", "json"))
    assert isinstance(data, dict)
    return data


# --- recording ---------------------------------------------------------------------------


def test_debrief_from_flags(home: Path, tmp_path: Path) -> None:
    out = ok(
        "debrief", event(tmp_path), "--came", "ana ruiz", "--met", "Kim Wu", "--new-contacts", "2"
    )
    assert out == (
        "Recorded Harbour Expo (2027-03-18): 3 new contacts against a goal of 3 (met 1 of 2 "
        "targets, 2 other new people); came: Ana Ruiz.\n"
    )
    (e,) = history_json()["events"]
    assert e == {
        "id": "harbour expo@2027-03-18",
        "name": "Harbour Expo",
        "date": "2027-03-18",
        "verdict": "go-together",
        "came": ["Ana Ruiz"],
        "targets_planned": 2,
        "targets_met": 1,
        "new_contacts": 3,
        "goal": 3,
    }
    assert (home / "history.sqlite3").is_file()


def test_the_summary_line_makes_names_from_the_file_inert(tmp_path: Path) -> None:
    path = event(tmp_path)
    text = Path(path).read_text(encoding="utf-8")
    text = text.replace('"Harbour Expo"', '"Expo\\u001b[2J\\u202eX"')
    text = text.replace('"Ana Ruiz"', '"Ana\\u001b[31m\\nFAKE: ok"')
    Path(path).write_text(text, encoding="utf-8")
    out = ok("debrief", path, "--met", "Kim Wu")
    assert out.startswith("Recorded Expo\\x1b[2J\\u202eX (2027-03-18): ")
    assert out.endswith("; came: Ana\\x1b[31m\\nFAKE: ok.\n")
    assert out.count("\n") == 1


def ticked(tmp_path: Path, path: str, *tick: str) -> Path:
    prep = tmp_path / "prep.md"
    ok("checklist", path, "-o", str(prep), "--force")
    text = prep.read_text(encoding="utf-8")
    for start in tick:
        assert f"- [ ] {start}" in text, start
        text = text.replace(f"- [ ] {start}", f"- [x] {start}", 1)
    prep.write_text(text, encoding="utf-8")
    return prep


def test_debrief_from_a_ticked_checklist(tmp_path: Path) -> None:
    path = event(tmp_path)
    prep = ticked(tmp_path, path, "Meet Tomás Herrera", "Set your goal")
    out = ok("debrief", path, "--from", str(prep), "--new-contacts", "1")
    assert "met 1 of 2 targets, 1 other new person" in out
    assert "came: Ana Ruiz" in out  # the plan brought Ana; --from keeps the plan's company
    people = ok("history", "--met", "--format", "json")
    assert [p["name"] for p in json.loads(people)] == ["Tomás Herrera"]


def test_a_checklist_of_another_event_is_refused(home: Path, tmp_path: Path) -> None:
    prep = ticked(tmp_path, event(tmp_path))
    other = tmp_path / "other.toml"
    other.write_text(
        EVENT.replace("Harbour Expo", "Other Fair").format(date="2027-04-01", lena="networker")
    )
    result = cli("debrief", str(other), "--from", str(prep))
    assert result.exit_code == 2
    assert "is the checklist of 'Harbour Expo', not of 'Other Fair'" in result.stderr
    assert not (home / "history.sqlite3").exists()  # a refused debrief creates nothing


def test_a_colleagues_checklist_is_read_back_whatever_markdown_did_to_their_name(
    tmp_path: Path,
) -> None:
    path = event(tmp_path)
    Path(path).write_text(Path(path).read_text().replace("Ana Ruiz", "J.R. Ruiz"))
    prep = tmp_path / "jr.md"
    ok("checklist", path, "--for", "J.R. Ruiz", "-o", str(prep))
    text = prep.read_text(encoding="utf-8")
    assert text.startswith("## Checklist for J\\.R. Ruiz: Harbour Expo")  # escaped in the file
    ticked_items = text.count("- [ ] Introduce")
    assert ticked_items == 1
    prep.write_text(text.replace("- [ ] Introduce", "- [x] Introduce"), encoding="utf-8")
    result = cli("debrief", path, "--from", str(prep))
    assert result.exit_code == 0, result.stderr
    assert "not in this plan" not in result.stderr


def test_a_checklist_of_someone_who_does_not_go_is_refused(tmp_path: Path) -> None:
    path = event(tmp_path)
    prep = tmp_path / "prep.md"
    prep.write_text("## Checklist for Zed Nobody: Harbour Expo\n\n- [x] Meet Kim Wu\n")
    result = cli("debrief", path, "--from", str(prep))
    assert result.exit_code == 2
    assert "the checklist of someone who does not go to 'Harbour Expo'" in result.stderr
    assert "Zed Nobody" in result.stderr


def test_a_checklist_that_is_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    prep = tmp_path / "prep.md"
    prep.write_bytes(b"## Checklist: Harbour Expo\n- [x] Meet Kim Wu \xe9t\xe9\n")
    result = cli("debrief", event(tmp_path), "--from", str(prep))
    assert result.exit_code == 2
    assert f"{prep}:2: not UTF-8: invalid byte 0xe9" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "hello\n",  # not a checklist at all
        "",
        "First Name,Last Name\n",
        "Checklist: Harbour Expo\n  During\n    [x] Meet Kim Wu\n",  # the text format
    ],
)
def test_a_file_with_no_checklist_items_is_refused_and_records_nothing(
    tmp_path: Path, text: str
) -> None:
    path = event(tmp_path)
    ok("debrief", path, "--met", "Kim Wu")
    junk = tmp_path / "junk.md"
    junk.write_text(text, encoding="utf-8")
    result = cli("debrief", path, "--from", str(junk), "--force")
    assert result.exit_code == 2
    assert f"{junk} has no checklist items" in result.stderr
    assert [p["name"] for p in json.loads(ok("history", "--met", "--format", "json"))] == [
        "Kim Wu"
    ]  # the debrief recorded before is still there


def test_a_checklist_none_of_whose_items_is_in_the_plan_is_refused(tmp_path: Path) -> None:
    path = event(tmp_path)
    prep = tmp_path / "prep.md"
    prep.write_text("- [x] Buy milk\n- [ ] Call the bank\n", encoding="utf-8")
    result = cli("debrief", path, "--from", str(prep))
    assert result.exit_code == 2
    assert "none of its checklist items is in the plan for 'Harbour Expo'" in result.stderr
    # One item of the plan is enough: the rest are reported, not refused.
    with_heading = ticked(tmp_path, path)
    text = with_heading.read_text(encoding="utf-8")
    item = next(line for line in text.splitlines() if line.startswith("- [ ] Meet "))
    prep.write_text(f"{item}\n- [x] Buy milk\n", encoding="utf-8")
    result = cli("debrief", path, "--from", str(prep))
    assert result.exit_code == 0, result.stderr
    assert "are not in this plan" in result.stderr


def test_ticked_lines_that_are_not_in_the_plan_are_reported(tmp_path: Path) -> None:
    path = event(tmp_path)
    prep = ticked(tmp_path, path)
    prep.write_text(prep.read_text(encoding="utf-8") + "- [x] Something I added\n")
    result = cli("debrief", path, "--from", str(prep))
    assert result.exit_code == 0, result.stderr
    assert "are not in this plan" in result.stderr


def test_an_unknown_target_is_exit_2_with_a_suggestion(tmp_path: Path) -> None:
    result = cli("debrief", event(tmp_path), "--met", "Tomás Herera")
    assert result.exit_code == 2
    assert "'Tomás Herera' is not a target of Harbour Expo (did you mean 'Tomás Herrera'?)" in (
        result.stderr
    )
    result = cli("debrief", event(tmp_path), "--came", "Zed")
    assert result.exit_code == 2
    assert "'Zed' is not a colleague on the list of Harbour Expo" in result.stderr


def test_alone_says_nobody_came(tmp_path: Path) -> None:
    ok("debrief", event(tmp_path), "--alone", "--met", "Kim Wu")
    assert history_json()["events"][0]["came"] == []
    clash = cli("debrief", event(tmp_path), "--alone", "--came", "Ana Ruiz", "--force")
    assert clash.exit_code == 2
    assert "--alone and --came" in clash.stderr


def test_without_answers_and_without_a_terminal_it_says_what_to_give(tmp_path: Path) -> None:
    result = cli("debrief", event(tmp_path))
    assert result.exit_code == 2
    assert "--from PREP.md, or --came/--met/--new-contacts" in result.stderr


def test_questions_on_a_terminal(home: Path, tmp_path: Path) -> None:
    answers = b"ana, lena fischer\nana ruiz, LENA  fischer\nkim wu, nobody\nkim wu\nx\n4\n"
    env = Env(
        stdin=io.BytesIO(answers),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        environ={"NETPLAN_HOME": str(home)},
        stdin_tty=True,
    )
    assert run(["debrief", event(tmp_path)], env) == 0, env.stderr.getvalue()  # type: ignore[union-attr]
    asked = env.stderr.getvalue()  # type: ignore[union-attr]
    assert "'ana' is not a colleague on the list of Harbour Expo" in asked  # asked again
    assert "'nobody' is not a target of Harbour Expo" in asked
    assert "Please give a whole number" in asked
    (e,) = history_json()["events"]
    assert (e["came"], e["targets_met"], e["new_contacts"]) == (["Ana Ruiz", "Lena Fischer"], 1, 5)


def test_recording_again_needs_force_and_says_what_changes(tmp_path: Path) -> None:
    path = event(tmp_path)
    ok("debrief", path, "--met", "Kim Wu")
    again = cli("debrief", path, "--met", "Kim Wu", "--new-contacts", "3")
    assert again.exit_code == 2
    assert "(new contacts 1 → 4); add --force to replace it" in again.stderr
    assert history_json()["events"][0]["new_contacts"] == 1  # nothing lost
    out = ok("debrief", path, "--met", "Kim Wu", "--new-contacts", "3", "--force")
    assert out.startswith("Replaced the debrief of Harbour Expo")
    assert history_json()["events"][0]["new_contacts"] == 4


def test_event_id_from_the_file(tmp_path: Path) -> None:
    path = Path(event(tmp_path))
    path.write_text(path.read_text().replace('kind = "mixer"', 'kind = "mixer"\nid = "hx-27"'))
    ok("debrief", str(path), "--met", "Kim Wu")
    assert history_json()["events"][0]["id"] == "hx-27"


def test_db_option_and_a_file_that_is_not_a_history(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    ok("debrief", event(tmp_path), "--met", "Kim Wu", "--db", str(db))
    assert json.loads(ok("history", "--db", str(db), "--format", "json"))["totals"]["events"] == 1
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all, just text\n" * 10)
    before = junk.read_bytes()
    for args in (
        ["history", "--db", str(junk)],
        ["debrief", event(tmp_path), "--met", "Kim Wu", "--db", str(junk)],
        ["advise", event(tmp_path), "--db", str(junk)],
    ):
        result = cli(*args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.stderr
    assert junk.read_bytes() == before


# --- reading -------------------------------------------------------------------------------------


def test_history_without_any_debrief_creates_nothing(home: Path, tmp_path: Path) -> None:
    assert "No events recorded yet" in ok("history")
    assert history_json() == {
        "events": [],
        "totals": {"events": 0, "new_contacts": 0, "targets_met": 0},
    }
    ok("advise", event(tmp_path))
    assert not home.exists()  # advice opens the history read-only, never creates it


def test_history_lists_events_oldest_first_with_totals_and_a_chart(tmp_path: Path) -> None:
    ok("debrief", event(tmp_path, "2027-05-01", name="b"), "--met", "Kim Wu", "--new-contacts", "5")
    ok("debrief", event(tmp_path, "2027-03-01", name="a"), "--new-contacts", "1")
    data = history_json()
    assert [e["date"] for e in data["events"]] == ["2027-03-01", "2027-05-01"]
    assert data["totals"] == {"events": 2, "new_contacts": 7, "targets_met": 1}
    text = ok("history")
    assert "2 events, 7 new contacts, 1 target met." in text
    assert "██" in text
    assert "░" in text  # 1 of a goal of 3: short of it
    lines = ok("history", "--format", "jsonl").splitlines()
    assert [json.loads(line)["date"] for line in lines] == ["2027-03-01", "2027-05-01"]
    rows = list(csv.reader(io.StringIO(ok("history", "--format", "csv"))))
    assert rows[0][:3] == ["id", "date", "event"]
    assert "| 2027-03-01 | Harbour Expo |" in ok("history", "--format", "md")


def test_met_people_export_for_a_crm_is_formula_safe(tmp_path: Path) -> None:
    path = Path(event(tmp_path))
    path.write_text(
        path.read_text().replace('name = "Kim Wu"', 'name = "=HYPERLINK(\\"http://x\\") Wu"')
    )
    ok("debrief", str(path), "--met", '=HYPERLINK("http://x") Wu', "--met", "Tomás Herrera")
    rows = list(csv.reader(io.StringIO(ok("history", "--met", "--format", "csv"))))
    assert rows[0] == ["First Name", "Last Name", "Email", "Company Name", "Job Title", "Note"]
    assert rows[1] == [
        '\'=HYPERLINK("http://x")',
        "Wu",
        "",
        "Acme",
        "CFO",
        "Met at Harbour Expo on 2027-03-18",
    ]
    assert rows[2][:2] == ["Tomás", "Herrera"]


# --- advice that reads the history -------------------------------------------------------------


def test_a_target_met_before_is_followed_up_and_not_counted_as_new(tmp_path: Path) -> None:
    ok("debrief", event(tmp_path, "2027-01-10", name="earlier"), "--met", "Kim Wu")
    later = event(tmp_path, "2027-03-18", name="later")
    data = json.loads(ok("advise", later, "--format", "json"))
    kim = next(t for t in data["targets"] if t["name"] == "Kim Wu")
    assert kim["met_before"] == "2027-01-10"
    assert next(t for t in data["targets"] if t["name"] != "Kim Wu")["met_before"] is None
    texts = [i["text"] for i in data["checklist"]]
    assert any(t.startswith("Follow up with Kim Wu (CFO, Acme)") for t in texts)
    assert any("You last met them on 2027-01-10." in t for t in texts)
    assert any(f["rule"] == "already-met" for f in data["findings"])
    out = ok("debrief", later, "--met", "Kim Wu", "--met", "Tomás Herrera")
    assert "2 new contact" not in out
    assert "1 new contact against" in out


def test_the_event_itself_is_not_its_own_history(tmp_path: Path) -> None:
    path = event(tmp_path)
    ok("debrief", path, "--met", "Kim Wu")
    data = json.loads(ok("advise", path, "--format", "json"))
    assert all(t["met_before"] is None for t in data["targets"])


def record(tmp_path: Path, n: int, came: list[str], new: int) -> None:
    path = event(tmp_path, f"2027-0{1 + n // 28}-{1 + n % 28:02d}", name=f"ev{n}")
    args = ["debrief", path, "--new-contacts", str(new)]
    for c in came:
        args += ["--came", c]
    ok(*args) if came else ok(*args, "--alone")


def track(tmp_path: Path) -> list[dict[str, Any]]:
    data = json.loads(ok("advise", event(tmp_path, "2027-06-01", name="next"), "--format", "json"))
    return [f for f in data["findings"] if f["rule"] == "track-record"]


def test_track_record_is_silent_below_the_evidence_threshold(tmp_path: Path) -> None:
    record(tmp_path, 1, ["Lena Fischer"], 1)
    record(tmp_path, 2, [], 5)
    assert track(tmp_path) == []


def test_track_record_con_when_markedly_fewer_with_them(tmp_path: Path) -> None:
    record(tmp_path, 1, ["Lena Fischer"], 1)
    record(tmp_path, 2, ["Lena Fischer"], 2)
    record(tmp_path, 3, [], 4)
    record(tmp_path, 4, [], 5)
    (finding,) = track(tmp_path)
    assert finding["kind"] == "con"
    assert finding["subjects"] == ["Lena Fischer"]
    assert finding["message"].startswith(
        "With Lena Fischer along you met 1.5 new people per event (2 events); "
        "without them, 4.5 (2 events)."
    )


def test_track_record_pro_when_markedly_more_and_silent_when_close(tmp_path: Path) -> None:
    record(tmp_path, 1, ["Ana Ruiz"], 6)
    record(tmp_path, 2, ["Lena Fischer"], 3)
    record(tmp_path, 3, [], 3)
    found = {f["subjects"][0]: f["kind"] for f in track(tmp_path)}
    # Ana: 6 with her against 3 without; Lena: 3 with her against 4.5 without.
    assert found == {"Ana Ruiz": "pro", "Lena Fischer": "con"}


def test_track_record_is_silent_when_the_results_are_close(tmp_path: Path) -> None:
    record(tmp_path, 1, ["Lena Fischer"], 4)
    record(tmp_path, 2, ["Lena Fischer"], 4)
    record(tmp_path, 3, [], 5)
    assert track(tmp_path) == []  # 4 against 5: within a quarter


def test_goal_from_history(tmp_path: Path) -> None:
    for n, new in enumerate([2, 6, 4, 9, 5, 7]):
        record(tmp_path, n, [], new)
    path = Path(event(tmp_path, "2027-06-01", name="goal"))
    path.write_text(path.read_text() + "\n[netplan]\ngoal_from_history = true\n")
    data = json.loads(ok("advise", str(path), "--format", "json"))
    # The last five: 6, 4, 9, 5, 7 → median 6, plus one.
    assert data["event"]["new_contacts_goal"] == 7
    path.write_text(path.read_text().replace("true", "false"))
    assert (
        json.loads(ok("advise", str(path), "--format", "json"))["event"]["new_contacts_goal"] == 3
    )


def test_a_debrief_caught_up_late_counts_each_person_new_once(tmp_path: Path) -> None:
    """Debriefs recorded out of order: a meeting at a later event is not an earlier one,
    and the later event no longer counts as new someone met at an earlier one."""
    later = event(tmp_path, "2027-05-01", name="later")
    earlier = event(tmp_path, "2027-03-18", name="earlier")
    ok("debrief", later, "--met", "Kim Wu", "--alone")
    assert [e["new_contacts"] for e in history_json()["events"]] == [1]

    targets = json.loads(ok("advise", earlier, "--format", "json"))["targets"]
    assert [t["met_before"] for t in targets if t["name"] == "Kim Wu"] == [None]
    out = ok("debrief", earlier, "--met", "Kim Wu", "--alone")
    assert out.startswith("Recorded Harbour Expo (2027-03-18): 1 new contact")
    events = history_json()["events"]
    assert [(e["date"], e["new_contacts"]) for e in events] == [
        ("2027-03-18", 1),
        ("2027-05-01", 0),
    ]
    # A still later event learns from the last meeting.
    last = json.loads(ok("advise", event(tmp_path, "2027-06-01", name="last"), "--format", "json"))
    assert [t["met_before"] for t in last["targets"] if t["name"] == "Kim Wu"] == ["2027-05-01"]


def test_of_two_events_on_one_day_the_one_recorded_second_sees_the_first(
    tmp_path: Path,
) -> None:
    morning = event(tmp_path, "2027-05-01", name="morning")
    evening = tmp_path / "evening.toml"
    evening.write_text(Path(morning).read_text().replace("Harbour Expo", "Harbour Mixer"))
    ok("debrief", morning, "--met", "Kim Wu", "--alone")
    data = json.loads(ok("advise", str(evening), "--format", "json"))
    assert [t["met_before"] for t in data["targets"] if t["name"] == "Kim Wu"] == ["2027-05-01"]
    out = ok("debrief", str(evening), "--met", "Kim Wu", "--alone")
    assert out.startswith("Recorded Harbour Mixer (2027-05-01): 0 new contacts")
    assert sum(e["new_contacts"] for e in history_json()["events"]) == 1
    # The first never sees the second: advised on again, or recorded again.
    data = json.loads(ok("advise", morning, "--format", "json"))
    assert [t["met_before"] for t in data["targets"] if t["name"] == "Kim Wu"] == [None]
    out = ok("debrief", morning, "--met", "Kim Wu", "--alone", "--force")
    assert out.startswith("Replaced the debrief of Harbour Expo (2027-05-01): 1 new contact ")
    assert [e["new_contacts"] for e in history_json()["events"]] == [1, 0]


def test_an_event_without_a_date_is_ordered_by_the_day_it_was_recorded(tmp_path: Path) -> None:
    """Recorded today (2026-11-26 here or later), it comes after an event of 2026-01-10."""
    undated = tmp_path / "undated.toml"
    undated.write_text(EVENT.replace("date = {date}\n", "").format(lena="networker"))
    past = event(tmp_path, "2026-01-10", name="past")
    ok("debrief", str(undated), "--met", "Kim Wu", "--alone")
    ok("debrief", past, "--met", "Kim Wu", "--alone")
    news = {e["date"]: e["new_contacts"] for e in history_json()["events"]}
    assert news["2026-01-10"] == 1
    assert sum(news.values()) == 1  # the undated one, recorded later in time, is not new
    out = ok("debrief", str(undated), "--met", "Kim Wu", "--alone", "--force")
    assert "0 new contacts" in out


def test_nobody_introduced_you_to_someone_you_knew_already() -> None:
    from netplan.engine import make_plan
    from netplan.engine.debrief import record
    from netplan.model.history import HistorySnapshot
    from netplan.model.identity import name_key
    from tests.conftest import make_event

    event = make_event(
        colleagues=[{"name": "Ana", "knows": ["Pat", "Kim"]}],
        targets=[{"name": "Pat"}, {"name": "Kim"}],
    )
    met = HistorySnapshot(events=(), met_before={name_key("Pat"): dt.date(2026, 5, 1)})
    rec = record(make_plan(event, history=met), ["Ana"], ["Pat", "Kim"], 0)
    assert [(p.name, p.introduced_by, p.new) for p in rec.met] == [
        ("Pat", None, False),
        ("Kim", "Ana", True),
    ]
