"""`netplan team`: the manager's roll-up of many event files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from markdown_it import MarkdownIt

from netplan import load_event, make_plan
from netplan.cli import run
from netplan.cli.env import Env
from netplan.engine.rollup import Rollup, rollup
from netplan.report.csvout import safe_cell
from netplan.report.team import EVENT_COLUMNS, PERSON_COLUMNS
from tests.conftest import EXAMPLES

When = dt.date | dt.datetime | None


def event_data(
    name: str,
    date: When,
    *,
    me: str = "Jordan Reyes",
    going: tuple[str, ...] = (),
    staying: tuple[str, ...] = (),
    **event: Any,
) -> dict[str, Any]:
    """An event where each of `going` knows a target (so comes) and each of `staying` is
    a socializer (so stays)."""
    targets = [{"name": f"Target {i}"} for i in range(max(1, len(going)))]
    colleagues = [{"name": c, "knows": [f"Target {i}"]} for i, c in enumerate(going)]
    colleagues += [{"name": c, "style": "socializer"} for c in staying]
    info: dict[str, Any] = {"name": name, "kind": "mixer", **event}
    if date is not None:
        info["date"] = date
    return {"event": info, "me": {"name": me}, "colleagues": colleagues, "targets": targets}


class Files:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def __call__(self, name: str, date: When, **kw: Any) -> str:
        self.count += 1
        path = self.folder / f"e{self.count:03}.toml"
        path.write_text(tomli_w.dumps(event_data(name, date, **kw)), encoding="utf-8")
        return str(path)


@pytest.fixture
def files(tmp_path: Path) -> Files:
    return Files(tmp_path)


def call(*args: str, columns: int | None = None) -> tuple[int, str, str]:
    e = Env(
        stdin=io.BytesIO(),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        environ={"COLUMNS": str(columns)} if columns else {},
    )
    code = run(["team", *args], e)
    assert isinstance(e.stdout, io.StringIO)
    assert isinstance(e.stderr, io.StringIO)
    return code, e.stdout.getvalue(), e.stderr.getvalue()


def team_json(*args: str) -> dict[str, Any]:
    code, out, err = call(*args, "--format", "json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def rolled(*paths: str) -> Rollup:
    return rollup([make_plan(load_event(p), source=p) for p in paths])


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, 3, day, hour, minute)


# --- rows -------------------------------------------------------------------------------------


def test_events_are_sorted_by_date_then_time_then_file_order(files: Files) -> None:
    paths = [
        files("Undated", None),
        files("Late", dt.date(2027, 5, 1)),
        files("Evening", at(10, 19)),
        files("Morning", at(10, 8)),
        files("Early", dt.date(2027, 1, 2)),
        files("Also morning", at(10, 8)),
    ]
    events = team_json(*paths)["events"]
    assert [e["event"] for e in events] == [
        "Early",
        "Morning",
        "Also morning",
        "Evening",
        "Late",
        "Undated",
    ]
    assert events[0]["date"] == "2027-01-02"
    assert events[0]["start"] is None
    assert events[1]["start"] == "2027-03-10T08:00:00"
    assert events[-1]["date"] is None


def test_an_event_row_says_who_goes_stays_and_owns_what(files: Files) -> None:
    path = files("Expo", at(10, 18), going=("Priya", "Tom"), staying=("Lena",))
    (event,) = team_json(path)["events"]
    assert event["verdict"] == "go-together-split-up"
    assert event["going"] == ["Jordan Reyes", "Priya", "Tom"]
    assert event["staying"] == ["Lena"]
    assert event["targets"] == 2
    assert sum(o["targets"] for o in event["owners"]) == 2
    assert {o["name"] for o in event["owners"]} <= {"Jordan Reyes", "Priya", "Tom"}


def test_people_are_merged_across_files_by_name_key(files: Files) -> None:
    decomposed = unicodedata.normalize("NFD", "josé  DÍAZ")
    a = files("A", at(1, 9), going=("José Díaz",))
    b = files("B", at(2, 9), me="JORDAN reyes", going=(decomposed,))
    c = files("C", at(3, 9), staying=("José Díaz",))
    code, out, err = call(a, b, c, "--format", "json")
    assert code == 0
    assert err == ""  # exact matches: nothing to say
    people = {p["name"]: p for p in json.loads(out)["people"]}
    assert set(people) == {"José Díaz", "Jordan Reyes"}
    jose = people["José Díaz"]
    assert [e["event"] for e in jose["going"]] == ["A", "B"]
    assert [e["event"] for e in jose["staying"]] == ["C"]
    assert jose["targets_owned"] == 0  # a pair: the rep owns every target
    assert people["Jordan Reyes"]["targets_owned"] == 3  # one target in each event
    assert len(people["Jordan Reyes"]["going"]) == 3


@pytest.mark.parametrize("written", ["jose díaz", "Jose Diaz", "José M. Díaz"])
def test_a_loose_match_counts_with_a_warning(files: Files, written: str) -> None:
    a = files("A", at(1, 9), going=("José Díaz",))
    b = files("B", at(2, 9), going=(written,))
    code, out, err = call(a, b, "--format", "json")
    assert code == 0
    people = {p["name"]: p for p in json.loads(out)["people"]}
    assert set(people) == {"José Díaz", "Jordan Reyes"}
    assert len(people["José Díaz"]["going"]) == 2
    assert f"{b}: warning: '{written}' is counted as 'José Díaz'" in err


def test_a_loose_match_never_merges_two_people_of_one_file(files: Files) -> None:
    a = files("A", at(1, 9), going=("Tomás Herrera", "Tomas Herrera"))
    names = [p["name"] for p in team_json(a)["people"]]
    assert sorted(names) == ["Jordan Reyes", "Tomas Herrera", "Tomás Herrera"]


def test_an_ambiguous_loose_match_merges_nothing(files: Files) -> None:
    a = files("A", at(1, 9), going=("Tomás Herrera", "Tomas Herrera"))
    b = files("B", at(2, 9), going=("TOMAS  herrera.",))
    names = [p["name"] for p in team_json(a, b)["people"]]
    assert len(names) == 4  # b's spelling fits both of a's people: a person of its own


# --- overlaps ---------------------------------------------------------------------------------


def basis(r: Rollup) -> list[tuple[str, str]]:
    return [(o.person, o.basis) for o in r.overlaps]


def test_same_day_without_times_overlaps(files: Files) -> None:
    r = rolled(files("A", dt.date(2027, 3, 10)), files("B", dt.date(2027, 3, 10)))
    assert basis(r) == [("Jordan Reyes", "day")]
    r = rolled(files("C", dt.date(2027, 3, 10)), files("D", at(10, 23)))
    assert basis(r) == [("Jordan Reyes", "day")]


def test_different_days_do_not_overlap(files: Files) -> None:
    assert rolled(files("A", dt.date(2027, 3, 10)), files("B", dt.date(2027, 3, 11))).overlaps == ()
    assert rolled(files("C", at(10, 18)), files("D", at(11, 18))).overlaps == ()
    assert rolled(files("E", None), files("F", None)).overlaps == ()


def test_a_timed_event_past_midnight_covers_the_next_day(files: Files) -> None:
    late = files("Late", at(10, 23), duration_minutes=120)
    assert basis(rolled(late, files("Next day", dt.date(2027, 3, 11)))) == [("Jordan Reyes", "day")]


def test_overlapping_times(files: Files) -> None:
    a = files("A", at(10, 18), ends=at(10, 20))
    b = files("B", at(10, 19, 30), ends=at(10, 21))
    r = rolled(a, b)
    assert basis(r) == [("Jordan Reyes", "times")]
    assert r.events[0].overlaps == r.events[1].overlaps == ("Jordan Reyes",)


def test_touching_times_do_not_overlap(files: Files) -> None:
    a = files("A", at(10, 18), ends=at(10, 20))
    b = files("B", at(10, 20), ends=at(10, 22))
    assert rolled(a, b).overlaps == ()


def test_an_event_without_an_end_lasts_two_hours(files: Files) -> None:
    start = files("Open end", at(10, 18))
    assert basis(rolled(start, files("B", at(10, 19, 59)))) == [("Jordan Reyes", "times")]
    assert rolled(start, files("C", at(10, 20))).overlaps == ()


def test_times_in_different_zones_compare_in_real_time(files: Files) -> None:
    berlin = files("Berlin", at(10, 18), duration_minutes=60, timezone="Europe/Berlin")
    # 17:30 in London is 18:30 in Berlin.
    london = files("London", at(10, 17, 30), duration_minutes=60, timezone="Europe/London")
    assert basis(rolled(berlin, london)) == [("Jordan Reyes", "times")]
    after = files("After", at(10, 18), duration_minutes=60, timezone="Europe/London")
    assert rolled(berlin, after).overlaps == ()  # 19:00 Berlin: touching


def test_local_days_apart_can_still_overlap_in_real_time(files: Files) -> None:
    # 20:00 on the 10th in Los Angeles is 12:00 on the 11th in Tokyo.
    la = files("LA", at(10, 20), duration_minutes=60, timezone="America/Los_Angeles")
    tokyo = files("Tokyo", at(11, 12, 30), duration_minutes=60, timezone="Asia/Tokyo")
    assert basis(rolled(la, tokyo)) == [("Jordan Reyes", "times")]


def test_a_floating_time_is_compared_on_the_wall_clock(files: Files) -> None:
    floating = files("Floating", at(10, 18))
    zoned = files("Zoned", at(10, 19, 30), timezone="Asia/Tokyo")
    later = files("Later", at(10, 20), timezone="Asia/Tokyo")
    assert basis(rolled(floating, zoned)) == [("Jordan Reyes", "times")]
    assert rolled(floating, later).overlaps == ()


def test_the_same_event_in_two_files_is_no_overlap(files: Files) -> None:
    mine = files("Harbour Expo", at(10, 18), going=("Priya",))
    hers = files("harbour  expo", at(10, 18), me="Sam Lee", going=("Priya",))
    assert rolled(mine, hers).overlaps == ()


def test_only_people_who_go_can_overlap(files: Files) -> None:
    a = files("A", at(10, 18), me="Ana", staying=("Lena",))
    b = files("B", at(10, 18), me="Bo", staying=("Lena",))
    assert rolled(a, b).overlaps == ()


def test_overlaps_are_flagged_in_rows_and_listed(files: Files) -> None:
    a = files("A", at(10, 18), going=("Priya",))
    b = files("B", at(10, 19), me="Sam Lee", going=("Priya",))
    c = files("C", at(12, 19), me="Sam Lee")
    data = team_json(a, b, c)
    assert [e["overlaps"] for e in data["events"]] == [["Priya"], ["Priya"], []]
    assert {p["name"]: p["overlaps"] for p in data["people"]} == {
        "Jordan Reyes": 0,
        "Priya": 1,
        "Sam Lee": 0,
    }
    (overlap,) = data["overlaps"]
    assert overlap["person"] == "Priya"
    assert overlap["basis"] == "times"
    assert [e["event"] for e in overlap["events"]] == ["A", "B"]
    assert [e["index"] for e in overlap["events"]] == [0, 1]


def test_the_sweep_finds_every_pair_among_many_events(files: Files) -> None:
    # Three on one day overlap pairwise, one on the next day and one far away do not.
    paths = [files(f"Day {i}", dt.date(2027, 3, 10)) for i in range(3)]
    paths += [files("Next", dt.date(2027, 3, 11)), files("Later", dt.date(2027, 4, 1))]
    r = rolled(*paths)
    assert [(o.first, o.second) for o in r.overlaps] == [(0, 1), (0, 2), (1, 2)]


# --- exit codes -------------------------------------------------------------------------------


def test_fail_on_overlap(files: Files) -> None:
    a = files("A", at(10, 18))
    b = files("B", at(10, 19))
    c = files("C", at(11, 19))
    assert call(a, b, "--fail-on", "overlap")[0] == 1
    assert call(a, b, "--fail-on", "OVERLAP")[0] == 1
    assert call(a, b)[0] == 0
    assert call(a, c, "--fail-on", "overlap")[0] == 0


def test_fail_on_a_finding_kind(files: Files) -> None:
    a = files("A", at(10, 18))  # a comfort-zone tip, no cons
    assert call(a, "--fail-on", "tip")[0] == 1
    assert call(a, "--fail-on", "con")[0] == 0
    code, _, err = call(a, "--fail-on", "clash")
    assert code == 2
    assert "'clash' is not one of overlap, pro, con, tip" in err


def test_a_bad_file_is_reported_and_the_rest_rolled_up(files: Files, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[event]\nname = 'x'\nkind = 'party'\n", encoding="utf-8")
    a = files("A", at(10, 18))
    b = files("B", at(10, 19))
    code, out, err = call(a, str(bad), b, "--format", "json", "--fail-on", "overlap")
    assert code == 2  # a bad file wins over --fail-on
    assert [e["event"] for e in json.loads(out)["events"]] == ["A", "B"]
    assert "bad.toml" in err


def test_people_is_only_for_csv(files: Files) -> None:
    code, out, err = call(files("A", at(10, 18)), "--people")
    assert (code, out) == (2, "")
    assert "--people" in err


# --- formats ----------------------------------------------------------------------------------


@pytest.fixture
def three(files: Files) -> list[str]:
    return [
        files("Expo", at(10, 18), going=("Priya", "Tom"), staying=("Lena",)),
        files("Summit", at(10, 19), me="Sam Lee", going=("Priya",)),
        files("Breakfast", dt.date(2027, 3, 12), me="Sam Lee"),
    ]


def test_json_keys(three: list[str]) -> None:
    data = team_json(*three)
    assert list(data) == ["schema_version", "events", "people", "overlaps"]
    assert list(data["events"][0]) == [
        "event",
        "source",
        "date",
        "start",
        "end",
        "verdict",
        "going",
        "staying",
        "targets",
        "owners",
        "overlaps",
    ]
    assert list(data["people"][0]) == ["name", "going", "staying", "targets_owned", "overlaps"]
    assert list(data["overlaps"][0]) == ["person", "basis", "events"]
    assert list(data["overlaps"][0]["events"][0]) == ["index", "event", "source"]


def test_jsonl_is_events_then_people_then_overlaps(three: list[str]) -> None:
    code, out, _ = call(*three, "--format", "JSONL")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["type"] for line in lines] == ["event"] * 3 + ["person"] * 5 + ["overlap"]
    whole = team_json(*three)
    assert {k: v for k, v in lines[0].items() if k != "type"} == whole["events"][0]


def test_csv_events_and_people(three: list[str]) -> None:
    code, out, _ = call(*three, "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == EVENT_COLUMNS
    assert [r[3] for r in rows[1:]] == ["Expo", "Summit", "Breakfast"]
    expo = dict(zip(EVENT_COLUMNS, rows[1], strict=True))
    assert expo["going"] == "Jordan Reyes; Priya; Tom"
    assert expo["staying"] == "Lena"
    assert expo["overlaps"] == "Priya"
    assert expo["start"] == "2027-03-10T18:00:00"
    code, out, _ = call(*three, "--format", "csv", "--people")
    people = list(csv.DictReader(io.StringIO(out)))
    assert tuple(people[0]) == PERSON_COLUMNS
    priya = next(p for p in people if p["person"] == "Priya")
    assert (priya["goes"], priya["overlaps"], priya["going_to"]) == ("2", "1", "Expo; Summit")


def test_markdown_parses_to_two_tables_and_a_list(three: list[str]) -> None:
    code, out, _ = call(*three, "--format", "md")
    assert code == 0
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    kinds = [t.type for t in tokens]
    assert kinds.count("table_open") == 2
    rows = kinds.count("tr_open")
    assert rows == (1 + 3) + (1 + 5)  # header and a row per event; header and per person
    assert kinds.count("list_item_open") == 1  # the overlap


def test_hostile_text_is_inert_in_text_and_markdown(files: Files) -> None:
    evil = "Ev|il `x` [a](http://x) \x1b[31m\u202e"
    path = files(evil, at(10, 18), going=("Pri|ya\nBEGIN",))
    code, out, _ = call(path)
    assert code == 0
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "Ev|il `x` [a](http://x) \\x1b[31m\\u202e" in out
    code, out, _ = call(path, "--format", "markdown")
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    cells = [
        tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "td_open"
    ]  # the inline token after each cell opening
    assert len(cells) == 8 + 5 * 2  # every | stayed inside its cell
    assert not any(t.type == "link_open" for t in tokens for t in (t.children or []))
    code, out, _ = call(path, "--format", "json")
    assert json.loads(out)["events"][0]["event"] == evil  # JSON keeps the exact data


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_neutralises_formulas(files: Files, start: str) -> None:
    formula = f'{start}HYPERLINK("http://x","y")'
    path = files(formula, at(10, 18), me=f"{start}1+2", going=(f"{start}cmd|' /C calc'!A0",))
    for extra in ((), ("--people",)):
        code, out, _ = call(path, "--format", "csv", *extra)
        assert code == 0
        cells = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
        assert any(cell.startswith(f"'{start}") for cell in cells)
    code, out, _ = call(path, "--format", "csv")
    row = dict(zip(EVENT_COLUMNS, list(csv.reader(io.StringIO(out)))[1], strict=True))
    assert row["event"] == "'" + formula


def test_safe_cell() -> None:
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("\t=1") == "\\t=1"  # a control is shown, so cannot lead
    assert safe_cell("\r=1") == "\\r=1"
    assert safe_cell("Ann -1") == "Ann -1"
    assert safe_cell("") == ""


# --- text at 80 columns -----------------------------------------------------------------------


def cells_of(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def test_text_fits_80_columns_and_never_wraps_a_verdict_or_a_date(files: Files) -> None:
    many = tuple(f"Colleague With A Long Name {i}" for i in range(14))
    paths = [
        files("An event with a rather long name that will not fit " * 3, at(10, 18), going=many),
        files("会議" * 40, at(10, 19, 30), ends=at(11, 1, 15), going=many[:3], staying=many[3:]),
        files("Breakfast", dt.date(2027, 3, 12), going=many[:1]),
        files("X" * 150, None),
    ]
    code, out, _ = call(*paths, columns=80)
    assert code == 0
    lines = out.splitlines()
    assert max(cells_of(line) for line in lines) <= 80
    for date, verdict in [
        ("2027-03-10 18:00", "go-together-split-up"),
        ("2027-03-10 19:30", "go-together-split-up"),
        ("2027-03-12", "go-together"),
        ("-", "go-alone"),
    ]:
        assert any(line.startswith(date) and f"  {verdict} " in line for line in lines)
    assert "and 5 more" in out  # 15 going: 10 shown
    assert "Colleague With A Long Name 9 1 and 4 more" in out.replace("\n" + " " * 10, " ")
    # A date-time in an overlap sentence stays whole on its line.
    overlap_lines = out[out.index("\nOverlaps\n") :]
    joined = overlap_lines.replace("\n  ", " ")
    assert "2027-03-10 19:30 to 2027-03-11 01:15" in joined
    spans = re.compile(r"\(\d{4}-\d\d-\d\d( \d\d:\d\d( to [^)]*)?)?\)")
    whole = sum(len(spans.findall(line)) for line in overlap_lines.splitlines())
    assert whole == len(spans.findall(joined)) > 0


def test_date_times_never_break_across_lines(files: Files) -> None:
    # Names of every length put each date-time of an overlap sentence at every column.
    people = tuple("P" + "x" * k for k in range(60))
    a = files("A", at(10, 18), going=people)
    b = files("B", at(10, 19, 30), ends=at(11, 1, 15), me="Sam Lee", going=people)
    code, out, _ = call(a, b, columns=80)
    assert code == 0
    listed = out[out.index("\nOverlaps\n") :].splitlines()[2:]
    spans = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d(?: to \d{4}-\d\d-\d\d \d\d:\d\d)?")
    whole = sum(len(spans.findall(line)) for line in listed)
    assert whole == 2 * len(people)
    assert max(len(line) for line in listed) <= 80
    assert out.count("(2027-03-10 19:30 to 2027-03-11 01:15), at") == len(people)


def test_text_summary_and_sections(three: list[str]) -> None:
    code, out, _ = call(*three)
    assert code == 0
    assert out.startswith("3 events, 5 people, 1 overlap\n")
    assert "\nEvents\n" in out
    assert "\nPeople\n" in out
    assert "\n! Priya goes to Expo (2027-03-10 18:00) and to Summit (2027-03-10 19:00)," in out


def test_output_file_and_force(three: list[str], tmp_path: Path) -> None:
    target = tmp_path / "team.csv"
    assert call(*three, "-f", "csv", "-o", str(target))[0] == 0
    first = target.read_text(encoding="utf-8")
    code, _, err = call(*three, "-o", str(target))
    assert code == 2
    assert "already exists" in err
    assert target.read_text(encoding="utf-8") == first


def test_the_examples_roll_up() -> None:
    paths = sorted(str(p) for p in EXAMPLES.glob("*.toml"))
    data = team_json(*paths)
    assert len(data["events"]) == len(paths)
    dates = [e["date"] for e in data["events"]]
    assert dates == sorted(dates)


def test_overlaps_stay_linear_for_a_person_booked_everywhere(tmp_path: Path) -> None:
    """A hostile pile of events on one day: each booking is compared with a bounded number
    of others, so the list of clashes grows with the events, not with their square."""
    from netplan.engine.rollup import MAX_COMPARED

    files = []
    for n in range(MAX_COMPARED * 3):
        path = tmp_path / f"e{n}.toml"
        path.write_text(
            f'[event]\nname = "E{n}"\nkind = "mixer"\ndate = 2027-03-01\n\n[me]\nname = "Robin"\n',
            encoding="utf-8",
        )
        files.append(str(path))
    overlaps = team_json(*files)["overlaps"]
    assert MAX_COMPARED * 2 < len(overlaps) <= MAX_COMPARED * len(files)
