"""Error messages that say how to fix the file: the mistakes people make most."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from netplan.cli import app

HEAD = '[event]\nname = "Expo"\nkind = "mixer"\n'
ME = '[me]\nname = "Robin"\n'
START = HEAD + "date = 2027-02-01T18:00:00\n"
NEEDS_TIME = (
    "F:5: event.ends: needs a date and a time, such as ends = 2027-02-01T20:00:00{}, or give "
    "duration_minutes instead"
)


def errors(tmp_path: Path, content: str | bytes) -> list[str]:
    path = tmp_path / "event.toml"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    return [line.replace(f"{path}", "F") for line in result.stderr.splitlines()]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            HEAD + 'date = "2027-05-12"\n' + ME,
            "F:4: event.date: a date is not text: remove the quotes (date = 2027-05-12)",
        ),
        (
            HEAD + 'date = "2027-05-12T18:00"\n' + ME,
            "F:4: event.date: a date is not text: remove the quotes (date = 2027-05-12T18:00:00)",
        ),
        (  # a form Python reads but TOML does not: the hint shows TOML's
            HEAD + 'date = "20270512"\n' + ME,
            "F:4: event.date: a date is not text: remove the quotes (date = 2027-05-12)",
        ),
        (
            START + 'ends = "20270201T2000"\n' + ME,
            "F:5: event.ends: a date-time is not text: remove the quotes "
            "(ends = 2027-02-01T20:00:00)",
        ),
        (  # an offset with seconds: Python reads it, TOML does not, so no such hint
            HEAD + 'date = "2027-05-12T18:00+05:30:15"\n' + ME,
            "F:4: event.date: '2027-05-12T18:00+05:30:15' is not a date: write dates as "
            "YYYY-MM-DD, such as 2027-05-12",
        ),
        (
            START + 'ends = "20:00+05:30:15"\n' + ME,
            "F:5: event.ends: '20:00+05:30:15' is not a date-time: write one such as "
            "ends = 2027-02-01T20:00:00, without quotes, or give duration_minutes instead",
        ),
        (
            START + 'ends = "2027-02-01T20:00+05:30:15"\n' + ME,
            "F:5: event.ends: '2027-02-01T20:00+05:30:15' is not a date-time: write one such "
            "as ends = 2027-02-01T20:00:00, without quotes, or give duration_minutes instead",
        ),
        (
            HEAD + 'date = "05/12/2027"\n' + ME,
            "F:4: event.date: '05/12/2027' is not a date: write dates as YYYY-MM-DD, "
            "such as 2027-05-12",
        ),
        (
            HEAD + "date = 05/12/2027\n" + ME,
            "F:4:9: invalid TOML: Expected newline or end of document after a statement "
            "(write dates as YYYY-MM-DD, such as 2027-05-12, without quotes)",
        ),
        (
            HEAD + "date = 12-05-2027\n" + ME,
            "F:4:10: invalid TOML: Expected newline or end of document after a statement "
            "(write dates as YYYY-MM-DD, such as 2027-05-12, without quotes)",
        ),
        (
            START + 'ends = "2027-02-01T20:00:00"\n' + ME,
            "F:5: event.ends: a date-time is not text: remove the quotes "
            "(ends = 2027-02-01T20:00:00)",
        ),
        (START + "ends = 2027-02-01\n" + ME, NEEDS_TIME.format("")),
        (START + "ends = 20:00:00\n" + ME, NEEDS_TIME.format("")),
        (START + 'ends = "2027-02-01"\n' + ME, NEEDS_TIME.format(" without quotes")),
        (START + 'ends = "20:00"\n' + ME, NEEDS_TIME.format(" without quotes")),
        (
            START + 'ends = "at eight"\n' + ME,
            "F:5: event.ends: 'at eight' is not a date-time: write one such as "
            "ends = 2027-02-01T20:00:00, without quotes, or give duration_minutes instead",
        ),
        (
            START + "ends = 20\n" + ME,
            "F:5: event.ends: must be a TOML date-time, such as ends = 2027-02-01T20:00:00, or "
            "give duration_minutes instead",
        ),
        (
            HEAD + "date = 18:00:00\n" + ME,
            "F:4: event.date: a time alone is not a date: write the day too, such as "
            "date = 2027-03-18T18:00:00",
        ),
        (
            HEAD + ME + '[targets]\nname = "Pat"\n',
            "F:6: targets: write [[targets]] with double brackets: one such block per person",
        ),
        (
            HEAD + ME + '[colleagues]\nname = "Ana"\n',
            "F:6: colleagues: write [[colleagues]] with double brackets: one such block per person",
        ),
        (
            '[event]\nname = \u201cExpo\u201d\nkind = "mixer"\n' + ME,
            "F:2:8: invalid TOML: Invalid value (curly quotes: write straight quotes \" or ' "
            "around text)",
        ),
        (
            HEAD + ME + "Pat Lee,Acme Corp,CFO,high\n",
            "F:6:5: invalid TOML: Expected '=' after a key in a key/value pair (this looks like "
            "a line of CSV: an event file is TOML, one `key = value` per line, with one "
            "[[targets]] block per person)",
        ),
        (
            'targets = ["Pat Lee"]\n' + HEAD + ME,
            "F:1: targets[0]: must be a table of keys and values",
        ),
        (
            'colleagues = ["Ana"]\n' + HEAD + ME,
            "F:1: colleagues[0]: must be a table of keys and values",
        ),
        (
            "nmae = 1\n" + HEAD + ME,
            "F:1: nmae: unknown key (did you mean 'me'?)",
        ),
        (
            HEAD.encode("utf-16"),
            "F: not UTF-8: the file is UTF-16; save it as UTF-8 (in most editors: Save As, "
            "Encoding: UTF-8)",
        ),
        (
            HEAD.encode("utf-16-le") + ME.encode("utf-16-le"),
            "F: not UTF-8: the file is UTF-16; save it as UTF-8 (in most editors: Save As, "
            "Encoding: UTF-8)",
        ),
    ],
    ids=[
        "quoted-date",
        "quoted-date-time",
        "quoted-basic-iso-date",
        "quoted-basic-iso-date-time",
        "quoted-offset-with-seconds",
        "ends-a-time-with-offset-seconds",
        "ends-an-offset-with-seconds",
        "quoted-us-date",
        "slash-date",
        "dash-date",
        "quoted-ends",
        "ends-a-date",
        "ends-a-time",
        "ends-a-quoted-date",
        "ends-a-quoted-time",
        "ends-text",
        "ends-a-number",
        "date-a-time",
        "targets-single-brackets",
        "colleagues-single-brackets",
        "curly-quotes",
        "csv-line",
        "target-not-a-table",
        "colleague-not-a-table",
        "top-level-unknown-key",
        "utf16-bom",
        "utf16-no-bom",
    ],
)
def test_the_message_says_how_to_fix_it(
    tmp_path: Path, content: str | bytes, expected: str
) -> None:
    assert errors(tmp_path, content) == [expected]


def test_an_unknown_key_does_not_hide_the_problems_beside_it(tmp_path: Path) -> None:
    content = '[event]\nname = "Expo"\nkind = "party"\ncolour = "red"\nnew_contacts_goal = -1\n'
    assert errors(tmp_path, content + ME) == [
        "F:3: event.kind: must be 'mixer', 'trade-show', 'conference', 'meetup', "
        "'happy-hour' or 'other'",
        "F:4: event.colour: unknown key",
        "F:5: event.new_contacts_goal: Input should be greater than or equal to 0",
    ]


def test_problems_are_listed_in_file_order(tmp_path: Path) -> None:
    content = 'zzz = 1\n[event]\nname = ""\nkind = "mixer"\n[me]\nname = "R"\nstyle = 1\n'
    lines = errors(tmp_path, content)
    numbers = [int(line.split(":")[1]) for line in lines]
    assert numbers == sorted(numbers)


def test_a_hint_shows_the_value_written_escaped_and_cut(tmp_path: Path) -> None:
    """The value comes from the file: controls are shown as escapes, and only 40 characters."""
    value = "\\u001b[2J\\u202e" + "x" * 100
    (line,) = errors(tmp_path, START + f'ends = "{value}"\n' + ME)
    assert line.startswith("F:5: event.ends: '\\x1b[2J\\u202e" + "x" * 35 + "' is not a date-time")
    assert "\x1b" not in line
    assert "\u202e" not in line
