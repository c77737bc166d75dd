"""`netplan calendar`: an RFC 5545 file that calendar apps import, read back with icalendar."""

from __future__ import annotations

import datetime as dt
import io
import itertools
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import tomli_w

from netplan.cli import run
from netplan.cli.env import Env
from netplan.engine.rollup import DEFAULT_EVENT_LENGTH
from netplan.report.ics import ALARM_BEFORE, REGROUP_LENGTH, ical_text
from tests.conftest import EXAMPLES

EPOCH = "1800000000"  # 2027-01-15T08:00:00Z
CLOCK = dt.datetime(2027, 2, 1, 12, 30, tzinfo=dt.UTC)


def event_data(**event: Any) -> dict[str, Any]:
    """A split-up plan: two colleagues who know targets come, a socializer stays."""
    return {
        "event": {
            "name": "FinOps Expo 2027",
            "kind": "trade-show",
            "date": dt.datetime(2027, 3, 28, 1, 0),
            "duration_minutes": 180,
            "timezone": "Europe/Berlin",
            "venue": "Hall B, Messe Center",
            **event,
        },
        "me": {"name": "Jordan Reyes"},
        "colleagues": [
            {"name": "Priya Natarajan", "knows": ["Martha Osei"]},
            {"name": "Tom Becker", "knows": ["Kevin Liu"]},
            {"name": "Lena Fischer", "style": "socializer"},
        ],
        "targets": [{"name": "Martha Osei", "priority": "high"}, {"name": "Kevin Liu"}],
        "netplan": {"regroup_minutes": 60},
    }


def write(folder: Path, data: dict[str, Any], name: str = "event.toml") -> str:
    path = folder / name
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return str(path)


def env(**environ: str) -> Env:
    return Env(
        stdin=io.BytesIO(),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        environ=environ,
        clock=lambda: CLOCK,
    )


def call(*args: str, **environ: str) -> tuple[int, str, str]:
    e = env(**environ)
    code = run(list(args), e)
    assert isinstance(e.stdout, io.StringIO)
    assert isinstance(e.stderr, io.StringIO)
    return code, e.stdout.getvalue(), e.stderr.getvalue()


def ics(*args: str, **environ: str) -> str:
    code, out, err = call("calendar", *args, **environ)
    assert code == 0, err
    return out


def parse(text: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


def components(cal: icalendar.Calendar, name: str) -> list[Any]:
    return list(cal.walk(name))


def main_event(cal: icalendar.Calendar) -> Any:
    return components(cal, "VEVENT")[0]


def regroups(cal: icalendar.Calendar) -> list[Any]:
    return components(cal, "VEVENT")[1:]


def todos(cal: icalendar.Calendar) -> list[Any]:
    return components(cal, "VTODO")


def summaries(items: list[Any]) -> list[str]:
    return [str(c["summary"]) for c in items]


def uids(cal: icalendar.Calendar) -> list[str]:
    return [str(c["uid"]) for c in cal.walk() if "uid" in c]


# --- what goes in ---------------------------------------------------------------------------


def test_the_event_its_regroups_with_alarms_and_the_tasks(tmp_path: Path) -> None:
    cal = parse(ics(write(tmp_path, event_data())))
    # 01:00 for 180 minutes, regroup every 60: two regroups (02:00 and 03:00 real time).
    assert len(components(cal, "VEVENT")) == 3
    assert len(components(cal, "VALARM")) == 2
    event = main_event(cal)
    assert str(event["summary"]) == "FinOps Expo 2027"
    assert str(event["location"]) == "Hall B, Messe Center"
    description = str(event["description"])
    assert description.startswith("Go with Priya Natarajan and Tom Becker, split up")
    assert "Going: Jordan Reyes, Priya Natarajan and Tom Becker." in description
    assert "Staying at the office: Lena Fischer." in description
    # The rep's before items, then the follow-up; never a task per target.
    assert summaries(todos(cal)) == [
        "Agree with Priya Natarajan and Tom Becker to split up on arrival and meet again "
        "every 60 minutes to swap introductions.",
        "Set your goal: meet at least 3 new people you did not know before.",
        "Tell Lena Fischer you will go without them this time.",
        "Follow up with everyone you met by Tuesday 2027-03-30.",
    ]
    start = event.decoded("dtstart")
    assert [t.decoded("due") for t in todos(cal)] == [start, start, start, dt.date(2027, 3, 30)]
    for regroup in regroups(cal):
        assert regroup.decoded("dtend") - regroup.decoded("dtstart") == REGROUP_LENGTH
        (alarm,) = regroup.subcomponents
        assert str(alarm["action"]) == "DISPLAY"
        assert alarm.decoded("trigger") == -ALARM_BEFORE
        assert str(alarm["description"]).startswith("Regroup")


def test_a_pair_has_no_regroups(tmp_path: Path) -> None:
    data = event_data()
    data["colleagues"] = data["colleagues"][:1]
    cal = parse(ics(write(tmp_path, data)))
    assert len(components(cal, "VEVENT")) == 1
    assert components(cal, "VALARM") == []


def test_zoned_start_has_its_tzid_and_a_vtimezone(tmp_path: Path) -> None:
    text = ics(write(tmp_path, event_data()))
    assert "DTSTART;TZID=Europe/Berlin:20270328T010000\r\n" in text
    cal = parse(text)
    (zone,) = components(cal, "VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Berlin"
    start = main_event(cal).decoded("dtstart")
    assert start == dt.datetime(2027, 3, 28, 1, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert start.utcoffset() == dt.timedelta(hours=1)


def test_regroups_are_real_minutes_apart_across_the_change_to_summer_time(
    tmp_path: Path,
) -> None:
    # Berlin skips from 02:00 to 03:00 on 2027-03-28: every 60 minutes from 01:00
    # is 03:00 and 04:00 on the wall clock.
    cal = parse(ics(write(tmp_path, event_data())))
    start = main_event(cal).decoded("dtstart")
    times = [start] + [r.decoded("dtstart") for r in regroups(cal)]
    assert [t.strftime("%H:%M") for t in times] == ["01:00", "03:00", "04:00"]
    utc = [t.astimezone(dt.UTC) for t in times]
    assert [b - a for a, b in itertools.pairwise(utc)] == [dt.timedelta(hours=1)] * 2
    end = main_event(cal).decoded("dtend")
    assert end.astimezone(dt.UTC) - utc[0] == dt.timedelta(minutes=180)


def test_a_bare_offset_becomes_utc(tmp_path: Path) -> None:
    minus5 = dt.timezone(dt.timedelta(hours=-5))
    data = event_data(date=dt.datetime(2027, 3, 18, 18, 0, tzinfo=minus5))
    del data["event"]["timezone"]
    text = ics(write(tmp_path, data))
    assert "DTSTART:20270318T230000Z\r\n" in text
    assert "VTIMEZONE" not in text
    assert "TZID" not in text


def test_a_floating_time_stays_floating(tmp_path: Path) -> None:
    data = event_data(date=dt.datetime(2027, 3, 18, 18, 0))
    del data["event"]["timezone"]
    text = ics(write(tmp_path, data))
    assert "DTSTART:20270318T180000\r\n" in text
    assert "DTEND:20270318T210000\r\n" in text
    assert "VTIMEZONE" not in text
    assert main_event(parse(text)).decoded("dtstart").tzinfo is None


def test_without_an_end_the_event_lasts_the_default_length(tmp_path: Path) -> None:
    data = event_data()
    del data["event"]["duration_minutes"]
    event = main_event(parse(ics(write(tmp_path, data))))
    start, end = (event.decoded(key).astimezone(dt.UTC) for key in ("dtstart", "dtend"))
    assert end - start == DEFAULT_EVENT_LENGTH  # real time: 01:00 CET to 04:00 CEST
    assert dt.timedelta(hours=2) == DEFAULT_EVENT_LENGTH  # the README states it


# --- stable and reproducible ----------------------------------------------------------------


def test_uids_are_stable_across_runs_and_unique(tmp_path: Path) -> None:
    path = write(tmp_path, event_data())
    first = uids(parse(ics(path)))
    e = env()
    e.clock = lambda: CLOCK + dt.timedelta(days=3)  # another day, another time stamp
    assert run(["calendar", path], e) == 0
    assert isinstance(e.stdout, io.StringIO)
    second = uids(parse(e.stdout.getvalue()))
    assert first == second
    assert len(set(first)) == len(first) == 7  # 3 events + 4 tasks
    assert all(u.endswith("@netplan") for u in first)


def test_uids_survive_reformatting_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, event_data())
    reformatted = tmp_path / "other-folder"
    reformatted.mkdir()
    # The same event written by hand in another folder: other layout, comments, key
    # order, and the event name spaced and cased differently.
    (reformatted / "renamed.toml").write_text(
        "# hand-written\n"
        "[netplan]\nregroup_minutes = 60\n\n"
        "[[targets]]\nname = 'Martha Osei'\npriority = 'high'\n"
        "[[targets]]\nname = 'Kevin Liu'\n\n"
        "[me]\nname = 'Jordan Reyes'\n\n"
        "[[colleagues]]\nname = 'Priya Natarajan'\nknows = ['Martha Osei']\n"
        "[[colleagues]]\nname = 'Tom Becker'\nknows = ['Kevin Liu']\n"
        "[[colleagues]]\nname = 'Lena Fischer'\nstyle = 'socializer'\n\n"
        "[event]\n  kind = 'trade-show'\n  name = '  finops  EXPO 2027 '\n"
        "  venue = 'Hall B, Messe Center'\n  timezone = 'Europe/Berlin'\n"
        "  date = 2027-03-28T01:00:00\n  duration_minutes = 180\n",
        encoding="utf-8",
    )
    assert uids(parse(ics(str(reformatted / "renamed.toml")))) == uids(parse(ics(path)))


def test_a_different_event_gets_different_uids(tmp_path: Path) -> None:
    one = uids(parse(ics(write(tmp_path, event_data()))))
    other = uids(parse(ics(write(tmp_path, event_data(name="Cloud Summit"), "b.toml"))))
    assert not set(one) & set(other)
    moved = uids(
        parse(ics(write(tmp_path, event_data(date=dt.datetime(2027, 3, 29, 1)), "c.toml")))
    )
    assert not set(one) & set(moved)


def test_source_date_epoch_gives_byte_identical_output(tmp_path: Path) -> None:
    path = write(tmp_path, event_data())
    first = ics(path, SOURCE_DATE_EPOCH=EPOCH)
    e = env(SOURCE_DATE_EPOCH=EPOCH)
    e.clock = lambda: CLOCK + dt.timedelta(hours=5)
    assert run(["calendar", path], e) == 0
    assert isinstance(e.stdout, io.StringIO)
    assert e.stdout.getvalue() == first
    stamps = {c.decoded("dtstamp") for c in parse(first).walk() if "dtstamp" in c}
    assert stamps == {dt.datetime(2027, 1, 15, 8, 0, tzinfo=dt.UTC)}


def test_without_source_date_epoch_the_stamp_is_the_clock(tmp_path: Path) -> None:
    cal = parse(ics(write(tmp_path, event_data())))
    assert {c.decoded("dtstamp") for c in cal.walk() if "dtstamp" in c} == {CLOCK}


@pytest.mark.parametrize("value", ["soon", "-5", "1e9", "9" * 30])
def test_a_bad_source_date_epoch_is_a_usage_error(tmp_path: Path, value: str) -> None:
    code, out, err = call("calendar", write(tmp_path, event_data()), SOURCE_DATE_EPOCH=value)
    assert code == 2
    assert out == ""
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds" in err


# --- hostile text ---------------------------------------------------------------------------

HOSTILE = "Evil\nBEGIN:VEVENT\nSUMMARY:pwned\nEND:VEVENT\r\nEND:VCALENDAR"


def test_hostile_names_stay_one_property_value(tmp_path: Path) -> None:
    plain = parse(ics(write(tmp_path, event_data(), "plain.toml")))
    long_name = "Ž" + "é" * 150 + "😀" * 49  # 200 characters, many of them multi-byte
    data = event_data(name=f"Expo {HOSTILE}", venue="Hall\r\nBEGIN:VTODO;x\u2028,y\\")
    data["colleagues"][0]["name"] = long_name
    data["colleagues"][2]["name"] = "Lena \u202eFischer\u2066 \x1b[31m"
    text = ics(write(tmp_path, data))
    cal = parse(text)
    # The same components as for plain names: nothing was injected.
    for name in ("VEVENT", "VTODO", "VALARM", "VTIMEZONE"):
        assert len(components(cal, name)) == len(components(plain, name)), name
    event = main_event(cal)
    assert str(event["summary"]) == f"Expo {HOSTILE.replace(chr(13), '')}"
    assert str(event["location"]) == "Hall\nBEGIN:VTODO;x\n,y\\"
    description = str(event["description"])
    assert long_name in description
    assert "Lena \ufffdFischer\ufffd \ufffd[31m" in description
    # Folded to 75 octets per line, never inside a character.
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    # Nothing a terminal or another parser would act on.
    assert not any(ch in text for ch in "\x1b\u202e\u2066\u2028\x85")


def test_ical_text_keeps_tabs_and_line_breaks_and_replaces_controls() -> None:
    assert ical_text("a\tb\r\nc\rd\u2029e") == "a\tb\nc\nd\ne"
    assert ical_text("A\x00n\x7fn\x9b") == "A\ufffdn\ufffdn\ufffd"
    hebrew = "\u05db\u05d4\u05df"
    assert ical_text(f"Dana \u200f{hebrew}") == f"Dana \ufffd{hebrew}"


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize("date", [dt.date(2027, 3, 18), None], ids=["date without time", "no date"])
def test_no_start_time_says_which_key_to_add(tmp_path: Path, date: dt.date | None) -> None:
    data = event_data()
    for key in ("date", "duration_minutes", "timezone"):
        del data["event"][key]
    if date is not None:
        data["event"]["date"] = date
    code, out, err = call("calendar", write(tmp_path, data))
    assert code == 2
    assert out == ""
    assert (
        "event.date: no start time: add a start time: date = 2027-03-18T18:00, and ends or "
        "duration_minutes" in err
    )


def test_an_example_without_a_time_is_refused() -> None:
    code, _, err = call("calendar", str(EXAMPLES / "trade-show.toml"))
    assert code == 2
    assert "add a start time" in err


def test_a_bad_file_is_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[event\n", encoding="utf-8")
    code, out, _ = call("calendar", str(path))
    assert (code, out) == (2, "")


# --- one person's calendar ------------------------------------------------------------------


def test_for_a_colleague_their_own_tasks_in_their_words(tmp_path: Path) -> None:
    path = write(tmp_path, event_data())
    mine = parse(ics(path))
    theirs = parse(ics(path, "--for", "priya  NATARAJAN"))
    assert summaries(todos(theirs)) == [
        "Agree with Jordan Reyes and Tom Becker to split up on arrival and meet again every "
        "60 minutes to swap introductions.",
        "Send Jordan Reyes the name and details of everyone you met, for the follow-up.",
    ]
    # Handed over the working day after the event (a Sunday): Monday.
    assert todos(theirs)[1].decoded("due") == dt.date(2027, 3, 29)
    # The event and its regroups are everyone's, with the same UIDs; tasks are personal.
    assert uids(theirs)[:3] == uids(mine)[:3]
    assert not set(uids(theirs)[3:]) & set(uids(mine)[3:])
    assert len(components(theirs, "VALARM")) == 2


def test_for_the_rep_is_the_default_calendar(tmp_path: Path) -> None:
    path = write(tmp_path, event_data())
    assert ics(path, "--for", "jordan reyes", SOURCE_DATE_EPOCH=EPOCH) == ics(
        path, SOURCE_DATE_EPOCH=EPOCH
    )


@pytest.mark.parametrize("name", ["Lena Fischer", "Nobody"])
def test_for_someone_who_does_not_go_is_exit_2(tmp_path: Path, name: str) -> None:
    code, out, err = call("calendar", write(tmp_path, event_data()), "--for", name)
    assert code == 2
    assert out == ""
    assert f"'{name}' is not going to FinOps Expo 2027" in err


def test_for_everyone_writes_one_calendar_per_person(tmp_path: Path) -> None:
    path = write(tmp_path, event_data())
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, err = call("calendar", path, "--for", "everyone", "-o", str(folder))
    assert code == 0, err
    written = sorted(p.name for p in folder.iterdir())
    assert written == ["jordan-reyes.ics", "priya-natarajan.ics", "tom-becker.ics"]
    code, _, err = call("calendar", path, "--for", "everyone", "-o", str(folder))
    assert code == 2
    assert "already exists" in err


# --- writing --------------------------------------------------------------------------------


@pytest.mark.parametrize("slash", ["", "/"])
@pytest.mark.parametrize("person", [[], ["--for", "Tom Becker"]], ids=["rep", "colleague"])
def test_a_folder_gets_the_inputs_stem_ics(tmp_path: Path, slash: str, person: list[str]) -> None:
    """As advise and checklist: an existing folder (or `out/`) means FILE-STEM.EXT in it."""
    path = write(tmp_path, event_data())
    folder = tmp_path / "out"
    folder.mkdir()
    code, out, err = call(
        "calendar", path, *person, "-o", f"{folder}{slash}", SOURCE_DATE_EPOCH=EPOCH
    )
    assert (code, out, err) == (0, "", "")
    assert [p.name for p in folder.iterdir()] == ["event.ics"]
    written = (folder / "event.ics").read_bytes()
    assert written == ics(path, *person, SOURCE_DATE_EPOCH=EPOCH).encode("utf-8")
    code, _, err = call("calendar", path, *person, "-o", str(folder))
    assert code == 2
    assert err == f"netplan: {folder / 'event.ics'}: already exists (use --force to overwrite it)\n"


@pytest.mark.parametrize("person", [[], ["--for", "everyone"]], ids=["rep", "everyone"])
def test_a_folder_that_does_not_exist_is_refused(tmp_path: Path, person: list[str]) -> None:
    path = write(tmp_path, event_data())
    code, out, err = call("calendar", path, *person, "-o", f"{tmp_path / 'out'}/")
    assert (code, out) == (2, "")
    assert (
        err
        == f"netplan: {tmp_path / 'out'}/: no such folder (create it first, or give a file name)\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["event.toml"]


def test_output_never_replaces_a_file_without_force(tmp_path: Path) -> None:
    path = write(tmp_path, event_data())
    target = tmp_path / "prep.ics"
    target.write_text("keep me", encoding="utf-8")
    code, out, err = call("calendar", path, "-o", str(target))
    assert code == 2
    assert "already exists (use --force to overwrite it)" in err
    assert target.read_text(encoding="utf-8") == "keep me"
    code, out, err = call("calendar", path, "-o", str(target), "--force")
    assert code == 0, err
    assert out == ""
    written = target.read_bytes()
    assert written.startswith(b"BEGIN:VCALENDAR\r\n")
    assert written.endswith(b"END:VCALENDAR\r\n")
    assert len(components(parse(written.decode()), "VEVENT")) == 3
