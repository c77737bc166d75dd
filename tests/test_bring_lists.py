"""Bring your own lists: files referenced from the event, people matched across them,
and advice that uses them."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from netplan.cli import app
from netplan.errors import InputError
from netplan.model.identity import Ambiguous, Match, PeopleIndex
from netplan.sources.lists import MAX_LIST_BYTES, load_list

runner = CliRunner()

LINKEDIN_HEAD = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\n\nFirst Name,Last Name,URL,Email Address,Company,Position,'
    "Connected On\n"
)
LUMA_HEAD = (
    "\ufeffapi_id,name,first_name,last_name,email,phone_number,created_at,approval_status,"
    "checked_in_at,custom_source,qr_code_url,amount,ticket_name,What is your company?\r\n"
)


def luma(*rows: tuple[str, str, str, str]) -> str:
    """Rows of (name, email, status, company)."""
    out = LUMA_HEAD
    for n, (name, email, status, company) in enumerate(rows):
        first, _, last = name.partition(" ")
        out += f"g{n},{name},{first},{last},{email},,2027-01-01,{status},,,,,Std,{company}\r\n"
    return out


def linkedin(*rows: tuple[str, str, str, str]) -> str:
    """Rows of (first, last, profile slug, company)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for first, last, slug, company in rows:
        url = f"https://www.linkedin.com/in/{slug}" if slug else ""
        writer.writerow([first, last, url, "", company, "Manager" if first else "", "30 May 2024"])
    return LINKEDIN_HEAD + out.getvalue()


BASE = """\
[event]
name = "Harbour Expo"
kind = "mixer"
{event}

[me]
name = "Robin Vale"
{me}

[[colleagues]]
name = "Ana Ruiz"
{ana}

[[colleagues]]
name = "Lena Fischer"
style = "socializer"
{lena}
"""


def setup(
    tmp_path: Path,
    files: dict[str, str],
    event: str = "",
    me: str = "",
    ana: str = "",
    lena: str = "",
    extra: str = "",
) -> Path:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", newline="")
    path = tmp_path / "event.toml"
    path.write_text(BASE.format(event=event, me=me, ana=ana, lena=lena) + extra, encoding="utf-8")
    return path


def advise(path: Path, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["advise", str(path), "--format", "json", *args])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def target(data: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [t for t in data["targets"] if t["name"] == name]
    return found


def cli(*args: str) -> Result:
    return runner.invoke(app, list(args))


TARGETS = """
[[targets]]
name = "Kim Wu"
email = "kim@acme.example"
company = "Acme"
title = "CFO (from the event file)"

[[targets]]
name = "Lou Reed"
priority = "high"
"""


# --- references --------------------------------------------------------------------------


def test_paths_are_relative_to_the_event_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = setup(
        tmp_path,
        {"lists/guests.csv": luma(("Kim Wu", "kim@acme.example", "approved", "Acme"))},
        event='attendees = "lists/guests.csv"',
        extra=TARGETS,
    )
    monkeypatch.chdir("/")
    data = advise(path)
    assert target(data, "Kim Wu")["registered"] is True
    assert target(data, "Lou Reed")["registered"] is False


def test_from_standard_input_paths_are_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = setup(
        tmp_path,
        {"guests.csv": luma(("Kim Wu", "kim@acme.example", "approved", "Acme"))},
        event='attendees = "guests.csv"',
        extra=TARGETS,
    )
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["advise", "-", "--format", "json"], input=path.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert target(json.loads(result.stdout), "Kim Wu")["registered"] is True


def test_tilde_is_the_home_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    path = setup(
        tmp_path,
        {"g.csv": luma(("Kim Wu", "kim@acme.example", "approved", "Acme"))},
        event='attendees = "~/g.csv"',
        extra=TARGETS,
    )
    assert target(advise(path), "Kim Wu")["registered"] is True


@pytest.mark.parametrize(
    ("files", "value", "message"),
    [
        ({}, "missing.csv", "'missing.csv': no such file"),
        ({"sub/x.csv": "a"}, "sub", "'sub': is a directory"),
        ({}, "event.toml", "'event.toml' is this event file itself, not a list"),
        ({"odd.csv": "colour,size\nred,9\n"}, "odd.csv", "'odd.csv' (line 1): no header"),
        ({"bin.csv": "\x00\x01\x02" * 100}, "bin.csv", "'bin.csv'"),
    ],
    ids=["missing", "directory", "itself", "no-header", "binary"],
)
def test_a_list_that_cannot_be_read_is_located_at_its_key(
    tmp_path: Path, files: dict[str, str], value: str, message: str
) -> None:
    path = setup(tmp_path, files, event=f'attendees = "{value}"')
    for command in ("validate", "advise"):
        result = cli(command, str(path))
        assert result.exit_code == 2
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"{path}:4: event.attendees: ")
        assert message in line
        assert "Traceback" not in result.stderr


def test_a_company_list_needs_attendees(tmp_path: Path) -> None:
    path = setup(
        tmp_path,
        {"accounts.csv": "Account Name\nAcme\n"},
        extra='\n[[target_lists]]\nfile = "accounts.csv"\nmatch = "company"\n',
    )
    result = cli("validate", str(path))
    assert result.exit_code == 2
    assert 'target_lists[0].match: match = "company" needs [event] attendees' in result.stderr


# --- matching ------------------------------------------------------------------------------


def test_an_imported_row_merges_with_the_same_target_and_the_file_wins(tmp_path: Path) -> None:
    hubspot = (
        '"Record ID","First Name","Last Name","Email","Associated Company","Job Title"\n'
        '"1","Kimberly","Wu","KIM@acme.example","Acme Corp","Chief Financial Officer"\n'
        '"2","Pat","Lee","pat@globex.example","Globex","CTO"\n'
    )
    path = setup(
        tmp_path,
        {"hubspot.csv": hubspot},
        extra=TARGETS + '\n[[target_lists]]\nfile = "hubspot.csv"\npriority = "low"\n',
    )
    data = advise(path)
    assert [t["name"] for t in data["targets"]] == ["Lou Reed", "Kim Wu", "Pat Lee"]
    kim = target(data, "Kim Wu")  # same email: one person; the event file's title wins
    assert kim["title"] == "CFO (from the event file)"
    assert kim["source"] == str(path)
    pat = target(data, "Pat Lee")
    assert (pat["priority"], pat["email"], pat["source"]) == (
        "low",
        "pat@globex.example",
        str(tmp_path / "hubspot.csv"),
    )


def test_a_row_matched_by_name_fills_in_only_what_the_event_file_leaves_out(
    tmp_path: Path,
) -> None:
    # Same name, same company but for its legal form: one person. The event file's
    # company, email and profile stay; the list only adds the title the file lacks.
    crm = (
        "Name,Company,Email,LinkedIn,Title\n"
        "Kim Wu,Acme Corp,kim.wu@personal.example,https://www.linkedin.com/in/kim-wu-crm,CFO\n"
    )
    path = setup(
        tmp_path,
        {"crm.csv": crm},
        extra='\n[[targets]]\nname = "Kim Wu"\ncompany = "Acme"\nemail = "kim@acme.example"\n'
        'linkedin = "https://www.linkedin.com/in/kim-wu"\n\n[[target_lists]]\nfile = "crm.csv"\n',
    )
    data = advise(path)
    (kim,) = data["targets"]
    assert (kim["company"], kim["email"], kim["linkedin"], kim["title"]) == (
        "Acme",
        "kim@acme.example",
        "https://www.linkedin.com/in/kim-wu",
        "CFO",
    )


def test_a_company_list_with_only_a_name_column_names_accounts(tmp_path: Path) -> None:
    # An account list exported with a plain "Name" column: each name is an account.
    path = setup(
        tmp_path,
        {
            "accounts.csv": "Name\nUmbrella Health\n",
            "guests.csv": luma(
                ("Ola Nord", "ola@umbrella.example", "approved", "Umbrella Health Inc."),
                ("Zed Zorn", "zed@z.example", "approved", "Zco"),
            ),
        },
        event='attendees = "guests.csv"',
        extra='\n[[target_lists]]\nfile = "accounts.csv"\nmatch = "company"\n',
    )
    data = advise(path)
    assert [(t["name"], t["company"]) for t in data["targets"]] == [
        ("Ola Nord", "Umbrella Health Inc.")
    ]


def test_same_name_different_companies_are_two_people_and_a_bare_name_is_ambiguous() -> None:
    index: PeopleIndex[str] = PeopleIndex()
    index.add("a", "Jane Smith", company="Acme Inc.")
    index.add("b", "Jane Smith", company="Globex")
    assert index.find("Jane Smith", company="ACME") == Match("a", "name")
    assert index.find("Jane Smith", company="Globex Ltd") == Match("b", "name")
    assert isinstance(index.find("Jane Smith"), Ambiguous)
    assert index.find("Jane Smith", company="Initech") is None


def test_email_then_profile_then_name() -> None:
    index: PeopleIndex[str] = PeopleIndex()
    index.add("by-email", "Dana Lee", email="dana@x.example")
    index.add("by-profile", "D. Lee", linkedin="https://www.linkedin.com/in/dana-lee")
    assert index.find("Someone Else", email="DANA@x.example") == Match("by-email", "email")
    assert index.find("", linkedin="https://de.linkedin.com/in/Dana-Lee/?x=1") == Match(
        "by-profile", "profile"
    )
    assert index.find("Dana Lee") == Match("by-email", "name")
    assert index.find("Bob Lee") is None  # only similar: never merged


def test_a_million_namesakes_stay_bounded() -> None:
    index: PeopleIndex[int] = PeopleIndex()
    for n in range(100_000):
        index.add(n, "Jane Smith")
    found = index.find("Jane Smith")
    assert isinstance(found, Ambiguous)
    assert len(found.values) <= 32


def test_an_ambiguous_imported_row_is_reported_not_guessed(tmp_path: Path) -> None:
    crm = "Name,Company\nJane Smith,\n"
    path = setup(
        tmp_path,
        {"crm.csv": crm},
        extra='\n[[targets]]\nname = "Jane Smith"\ncompany = "Acme"\n\n[[targets]]\n'
        'name = "Jane  Smith"\ncompany = "Globex"\n\n[[target_lists]]\nfile = "crm.csv"\n',
    )
    result = cli("validate", str(path))
    assert result.exit_code == 2  # two targets with one name key: duplicate
    path.write_text(path.read_text().replace('"Jane  Smith"', '"Jane Smith-Jones"'))
    # Now one Jane Smith, company Acme: the bare row fits her.
    assert len(advise(path)["targets"]) == 2


def test_a_bare_row_that_fits_two_targets_is_reported_not_guessed(tmp_path: Path) -> None:
    """Two Bob Stones (Globex, Initech) from a CRM list; the attendee list, your
    connections and Ana's each have one "Bob Stone" with no company."""
    crm = "Name,Company\nBob Stone,Globex\nBob Stone,Initech\n"
    path = setup(
        tmp_path,
        {
            "crm.csv": crm,
            "luma.csv": luma(("Bob Stone", "", "approved", "")),
            "mine.csv": linkedin(("Bob", "Stone", "", "")),
            "ana.csv": linkedin(("Bob", "Stone", "", "")),
        },
        event='attendees = "luma.csv"',
        me='connections = "mine.csv"',
        ana='connections = "ana.csv"',
        extra='\n[[target_lists]]\nfile = "crm.csv"\n',
    )
    result = cli("validate", str(path))
    assert result.exit_code == 0, result.stderr
    either = "could be 'Bob Stone, Globex' or 'Bob Stone, Initech'"
    warnings = [line for line in result.stderr.splitlines() if either in line]
    assert len(warnings) == 3, result.stderr
    assert "event.attendees: line 2: 'Bob Stone' " + either + ": both count" in warnings[0]
    assert "me.connections: line 5: 'Bob Stone' " + either + ": neither counts" in warnings[1]
    assert "colleagues[0].connections: line 5:" in warnings[2]
    assert warnings[2].endswith("not taken as an introduction")
    data = advise(path)
    stones = [t for t in data["targets"] if t["name"] == "Bob Stone"]
    assert [t["company"] for t in stones] == ["Globex", "Initech"]
    assert [t["registered"] for t in stones] == [True, True]
    assert [t["known_by_me"] for t in stones] == [False, False]
    assert [t["introducers"] for t in stones] == [[], []]


def test_a_bare_row_that_fits_one_target_still_matches(tmp_path: Path) -> None:
    crm = "Name,Company\nBob Stone,Globex\n"
    path = setup(
        tmp_path,
        {
            "crm.csv": crm,
            "luma.csv": luma(("Bob Stone", "", "approved", "")),
            "mine.csv": linkedin(("Bob", "Stone", "", "")),
        },
        event='attendees = "luma.csv"',
        me='connections = "mine.csv"',
        extra='\n[[target_lists]]\nfile = "crm.csv"\n',
    )
    result = cli("validate", str(path))
    assert "could be" not in result.stderr
    (stone,) = [t for t in advise(path)["targets"] if t["name"] == "Bob Stone"]
    assert stone["registered"] is True
    assert stone["known_by_me"] is True


# --- advice with lists --------------------------------------------------------------------


def test_connections_make_introductions_and_count_other_attendees(tmp_path: Path) -> None:
    path = setup(
        tmp_path,
        {
            "guests.csv": luma(
                ("Kim Wu", "kim@acme.example", "approved", "Acme"),
                ("Zed Zorn", "zed@z.example", "approved", "Zco"),
                ("Ola Nord", "ola@n.example", "approved", "Nco"),
                ("Not Coming", "nc@n.example", "declined", "Nco"),
            ),
            "ana.csv": linkedin(
                ("Kim", "Wu (She/Her)", "kimwu", "Acme"), ("Zed", "Zorn", "", "Zco")
            ),
            "lena.csv": linkedin(("Lou", "Reed, PhD", "lou", ""), ("Ola", "Nord", "", "Nco")),
        },
        event='attendees = "guests.csv"',
        ana='connections = "ana.csv"',
        lena='connections = "lena.csv"',
        extra=TARGETS,
    )
    data = advise(path)
    kim = target(data, "Kim Wu")
    assert kim["introducers"] == [
        {"name": "Ana Ruiz", "coming": True, "via": str(tmp_path / "ana.csv")}
    ]
    lou = target(data, "Lou Reed")
    assert lou["introducers"] == [
        {"name": "Lena Fischer", "coming": False, "via": str(tmp_path / "lena.csv")}
    ]
    before = [i["text"] for i in data["checklist"] if i["phase"] == "before"]
    assert (
        "Ask Lena Fischer, who stays at the office, to introduce you to Lou Reed before the "
        "event." in before
    )
    (ana,) = [
        f
        for f in data["findings"]
        if f["rule"] == "meet-new-people" and f["subjects"] == ["Ana Ruiz"]
    ]
    assert (
        ana["message"]
        == "Ana Ruiz can introduce you to 1 target: Kim Wu; and knows 1 other attendee."
    )


def test_not_registered_targets_are_flagged_and_last_in_their_priority(tmp_path: Path) -> None:
    path = setup(
        tmp_path,
        {"guests.csv": luma(("Kim Wu", "kim@acme.example", "approved", "Acme"))},
        event='attendees = "guests.csv"',
        extra=TARGETS
        + '\n[[targets]]\nname = "Max Ide"\npriority = "high"\n'
        + '\n[[targets]]\nname = "Ann Oto"\npriority = "high"\nemail = "kim@acme.example"\n',
    )
    data = advise(path)
    # Ann Oto shares Kim's registered email; Lou and Max are not on the list.
    assert [(t["name"], t["registered"]) for t in data["targets"] if t["priority"] == "high"] == [
        ("Ann Oto", True),
        ("Lou Reed", False),
        ("Max Ide", False),
    ]
    (finding,) = [f for f in data["findings"] if f["rule"] == "not-registered"]
    assert finding["message"].startswith(
        "2 targets of yours are not among the 1 people on the attendee list: Lou Reed and Max Ide."
    )
    texts = [i["text"] for i in data["checklist"]]
    assert any(t.startswith("Meet Lou Reed") and "Not on the attendee list" in t for t in texts)


def test_a_guest_who_is_not_approved_is_not_registered(tmp_path: Path) -> None:
    guests = luma(
        ("Kim Wu", "kim@acme.example", "approved", "Acme"),
        ("Lou Reed", "lou@initech.example", "declined", "Initech"),
    )
    path = setup(tmp_path, {"guests.csv": guests}, event='attendees = "guests.csv"', extra=TARGETS)
    data = advise(path)
    assert [(t["name"], t["registered"]) for t in data["targets"]] == [
        ("Lou Reed", False),
        ("Kim Wu", True),
    ]


def test_rows_of_a_target_list_without_a_priority_are_medium(tmp_path: Path) -> None:
    crm = "Name,Company\nPat Moss,Globex\n"
    extra = '\n[[target_lists]]\nfile = "crm.csv"\n'
    data = advise(setup(tmp_path, {"crm.csv": crm}, extra=extra))
    assert [(t["name"], t["priority"]) for t in data["targets"]] == [("Pat Moss", "medium")]


def test_without_an_attendee_list_registered_is_null(tmp_path: Path) -> None:
    data = advise(setup(tmp_path, {}, extra=TARGETS))
    assert {t["registered"] for t in data["targets"]} == {None}
    assert not any(f["rule"] == "not-registered" for f in data["findings"])


def test_targets_you_already_know_are_to_reconnect_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = setup(
        tmp_path,
        {"mine.csv": linkedin(("Lou", "Reed", "lou-reed", "Velvet"))},
        me='connections = "mine.csv"',
        extra=TARGETS,
    )
    data = advise(path)
    assert target(data, "Lou Reed")["known_by_me"] is True
    assert target(data, "Kim Wu")["known_by_me"] is False
    texts = [i["text"] for i in data["checklist"]]
    assert "Reconnect with Lou Reed, high priority." in texts
    assert target(data, "Lou Reed")["owner"] == data["event"]["me"]
    monkeypatch.setenv("NETPLAN_HOME", str(tmp_path / "home"))
    out = cli("debrief", str(path), "--met", "Lou Reed", "--met", "Kim Wu").stdout
    assert "1 new contact against" in out  # Lou was known already


def test_knows_entries_may_be_emails_or_profile_urls(tmp_path: Path) -> None:
    path = setup(
        tmp_path,
        {},
        ana='knows = ["KIM@acme.example", "https://www.linkedin.com/in/lou-reed/"]',
        extra=TARGETS.replace('priority = "high"', 'linkedin = "linkedin.com/in/Lou-Reed"'),
    )
    data = advise(path)
    assert [i["name"] for i in target(data, "Kim Wu")["introducers"]] == ["Ana Ruiz"]
    assert [i["name"] for i in target(data, "Lou Reed")["introducers"]] == ["Ana Ruiz"]
    bad = setup(tmp_path, {}, ana='knows = ["nobody@x.example"]', extra=TARGETS)
    result = cli("validate", str(bad))
    assert "'nobody@x.example' is the email or profile of no target" in result.stderr


def test_validate_reports_what_the_reader_noticed(tmp_path: Path) -> None:
    path = setup(
        tmp_path,
        {"ana.csv": linkedin(("", "", "", ""), ("Kim", "Wu", "", "Acme"))},
        ana='connections = "ana.csv"',
        extra=TARGETS,
    )
    result = cli("validate", str(path))
    assert result.exit_code == 0
    assert (
        "colleagues[0].connections: 'ana.csv': 1 hidden LinkedIn member left out" in result.stderr
    )
    assert "hidden" not in cli("advise", str(path)).stderr  # advice does not repeat it


# --- netplan people -------------------------------------------------------------------------


def test_people_json_shape(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text(linkedin(("Kim", "Wu, CPA", "kimwu", "Acme"), ("", "", "", "")))
    data = json.loads(cli("people", str(tmp_path / "c.csv"), "--format", "json").stdout)
    assert set(data) == {
        "source",
        "format",
        "encoding",
        "header_line",
        "columns",
        "ignored_columns",
        "people",
        "skipped",
        "warnings",
    }
    assert (data["format"], data["encoding"], data["header_line"]) == ("linkedin", "utf-8", 4)
    assert data["columns"]["linkedin"] == "URL"
    assert data["people"] == [
        {
            "name": "Kim Wu, CPA",
            "email": None,
            "company": "Acme",
            "title": "Manager",
            "linkedin": "https://www.linkedin.com/in/kimwu",
            "line": 5,
        }
    ]
    several = json.loads(
        cli("people", str(tmp_path / "c.csv"), str(tmp_path / "c.csv"), "-f", "json").stdout
    )
    assert isinstance(several, list)
    assert len(cli("people", str(tmp_path / "c.csv"), "-f", "jsonl").stdout.splitlines()) == 1


def test_people_json_is_written_in_pieces_as_json_dumps_writes_it(tmp_path: Path) -> None:
    """Over several batches of people (1,000 each), one file and several, indented and
    one per line: the text is the standard library's, made inert for a terminal."""
    from netplan.report.people import json_pieces, jsonl_pieces
    from netplan.safety import json_inert
    from netplan.sources.lists import load_list

    rows = "".join(f"P{i} \u00e9\u202e,p{i}@example.com,Co {i % 7}\n" for i in range(2500))
    (tmp_path / "a.csv").write_text("Name,Email,Company\n" + rows, encoding="utf-8")
    (tmp_path / "b.csv").write_text("Name\nAnn Poe\n", encoding="utf-8")
    read = [load_list(tmp_path / "a.csv"), load_list(tmp_path / "b.csv")]

    def plain(listed: Any) -> dict[str, Any]:
        keys = ("name", "email", "company", "title", "linkedin", "line")
        return {
            "source": listed.source,
            "format": listed.format,
            "encoding": listed.encoding,
            "header_line": listed.header_line,
            "columns": listed.columns,
            "ignored_columns": list(listed.ignored_columns),
            "people": [{k: getattr(p, k) for k in keys} for p in listed.people],
            "skipped": [{"line": s.line, "reason": s.reason} for s in listed.skipped],
            "warnings": list(listed.warnings),
        }

    def dumped(value: Any, indent: int | None = 2) -> str:
        separators = (",", ":") if indent is None else None
        text = json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)
        return json_inert(text) + "\n"

    assert len(read[0].people) == 2500
    assert "".join(json_pieces(read[:1], single=True)) == dumped(plain(read[0]))
    assert "".join(json_pieces(read, single=False)) == dumped([plain(f) for f in read])
    assert "".join(jsonl_pieces(read)) == "".join(dumped(plain(f), None) for f in read)


def test_people_csv_is_formula_safe_and_toml_pastes_into_an_event(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("Name,Company\n=cmd|' /C calc'!A0,@Acme\n+Lou Reed,Velvet\n")
    rows = list(csv.reader(io.StringIO(cli("people", str(tmp_path / "c.csv"), "-f", "csv").stdout)))
    assert rows[0] == ["name", "email", "company", "title", "linkedin", "source", "line"]
    assert rows[1][0].startswith("'=")
    assert rows[1][2] == "'@Acme"
    assert rows[2][0] == "'+Lou Reed"
    pasted = tomllib.loads(cli("people", str(tmp_path / "c.csv"), "-f", "toml").stdout)
    assert [t["name"] for t in pasted["targets"]] == ["=cmd|' /C calc'!A0", "+Lou Reed"]


def test_people_toml_escapes_what_a_terminal_would_act_on(tmp_path: Path) -> None:
    hostile = "Evil\u202egpj.exe\u0085\u2028"
    (tmp_path / "t.csv").write_text(f"First Name,Last Name,Company\nAna,{hostile},Acme\u009b2J\n")
    result = cli("people", str(tmp_path / "t.csv"), "--format", "toml")
    assert result.exit_code == 0, result.stderr
    assert not any(ch in result.stdout for ch in "\u202e\u0085\u2028\u009b")
    assert "\\u202e" in result.stdout
    (entry,) = tomllib.loads(result.stdout)["targets"]
    assert entry["name"] == f"Ana {hostile}"
    assert entry["company"] == "Acme\u009b2J"


def test_people_text_and_a_bad_file(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text(linkedin(("Kim", "Wu", "kimwu", "Acme\x1b[31m")))
    out = cli("people", str(tmp_path / "c.csv")).stdout
    assert "linkedin, utf-8, line 4; 1 people, 0 rows skipped" in out
    assert "\x1b" not in out
    bad = cli("people", str(tmp_path / "nope.csv"))
    assert bad.exit_code == 2
    assert "nope.csv: no such file" in bad.stderr


def test_people_reads_a_list_from_standard_input(tmp_path: Path) -> None:
    """'-' is standard input, as for advise: what a file gives, under the name <stdin>."""
    text = linkedin(("Kim", "Wu", "kimwu", "Acme"))
    (tmp_path / "c.csv").write_text(text)
    for fmt in ("text", "json", "csv"):
        piped = runner.invoke(app, ["people", "-", "-f", fmt], input=text.encode("utf-8"))
        assert piped.exit_code == 0, piped.stderr
        from_file = cli("people", str(tmp_path / "c.csv"), "-f", fmt).stdout
        assert piped.stdout == from_file.replace(str(tmp_path / "c.csv"), "<stdin>")
    assert (
        json.loads(runner.invoke(app, ["people", "-", "-f", "json"], input=text).stdout)["source"]
        == "<stdin>"
    )


def test_people_reads_standard_input_once_and_capped() -> None:
    twice = runner.invoke(app, ["people", "-", "-"], input="Name\nKim Wu\n")
    assert (twice.exit_code, twice.stdout) == (2, "")
    assert twice.stderr == "netplan: '-' (standard input) can be given only once\n"
    big = runner.invoke(app, ["people", "-"], input=b"Name\n" + b"x" * MAX_LIST_BYTES)
    assert (big.exit_code, big.stdout) == (2, "")
    assert big.stderr == (
        f"<stdin>: file is larger than the {MAX_LIST_BYTES:,}-byte limit for a contact or "
        "attendee list\n"
    )


def test_the_loader_reads_dash_as_standard_input_only_when_given_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the command line's '-' is standard input: a list an event file names is a file."""
    monkeypatch.chdir(tmp_path)
    Path("-").write_text("Name\nKim Wu\n")
    assert [p.name for p in load_list("-").people] == ["Kim Wu"]
    stream = io.BytesIO(b"Name\nLou Reed\n")
    assert [p.name for p in load_list("-", stdin=stream).people] == ["Lou Reed"]
    with pytest.raises(InputError, match="larger than the 10-byte limit"):
        load_list("-", max_bytes=10, stdin=io.BytesIO(b"Name\nLou Reed\n"))
