"""How many people lists may hold: up to the cap a list is read, one person past it is a
located error, whether the people come in one list or several, named by one event (a
list named twice counting twice) or given to one `netplan people` run."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from netplan.cli import app
from netplan.errors import InputError
from netplan.model.people import (
    LIST_BYTES_PER_PERSON,
    LIST_PEOPLE_BASE,
    MAX_LIST_PEOPLE,
    people_allowed,
)
from netplan.sources.lists import Quota, parse_list

runner = CliRunner()

HEAD = b"Name\n"
EVENTS_LISTS = "this event's lists"
EVENT = '[event]\nname = "Expo"\nkind = "mixer"\n{attendees}\n[me]\nname = "Robin"\n{mine}\n'


def one_letter_rows(n: int) -> bytes:
    return HEAD + b"a\n" * n


def at_the_cap(other_bytes: int = 0, other_people: int = 0) -> int:
    """The most one-letter rows a list may hold beside other lists of `other_bytes`
    bytes that hold `other_people` people."""
    n = 0
    while other_people + n + 1 <= people_allowed(other_bytes + len(one_letter_rows(n + 1))):
        n += 1
    return n


def message(allowed: int, scope: str) -> str:
    return (
        f"too many people: {scope} may hold at most {allowed:,} (64,000, plus one per 64 "
        "bytes of list, up to 500,000)"
    )


def test_what_lists_may_hold() -> None:
    assert (LIST_PEOPLE_BASE, LIST_BYTES_PER_PERSON, MAX_LIST_PEOPLE) == (64_000, 64, 500_000)
    assert people_allowed(0) == 64_000
    assert people_allowed(63) == 64_000
    assert people_allowed(64) == 64_001
    # 100,000 Luma guests (30 MB) and five colleagues' 30,000 LinkedIn connections.
    assert people_allowed(30_000_000 + 5 * 30_000 * 90) >= 250_000
    assert people_allowed(64 * 1024 * 1024) == people_allowed(10**12) == 500_000


def test_a_list_at_the_cap_is_read_and_one_person_more_is_refused_at_its_line() -> None:
    n = at_the_cap()
    assert n > LIST_PEOPLE_BASE
    assert len(parse_list(one_letter_rows(n), "x.csv").people) == n
    data = one_letter_rows(n + 1)
    with pytest.raises(InputError) as refused:
        parse_list(data, "x.csv")
    # The header is line 1: the person past the cap, the (n + 1)th, is on line n + 2.
    allowed = people_allowed(len(data))
    assert allowed == n
    assert refused.value.lines() == [f"x.csv:{n + 2}: {message(allowed, 'this list')}"]


def test_rows_that_are_no_one_do_not_count() -> None:
    n = at_the_cap()
    data = HEAD + b"\n,\n" * 1000 + b"a\n" * n  # blank lines and rows of empty cells
    assert len(parse_list(data, "x.csv", quota=Quota(n)).people) == n


def test_lists_share_a_quota() -> None:
    quota = Quota(5, "these lists")
    assert len(parse_list(one_letter_rows(3), "a.csv", quota=quota).people) == 3
    with pytest.raises(InputError) as refused:
        parse_list(one_letter_rows(3), "b.csv", quota=quota)
    assert refused.value.lines() == [f"b.csv:4: {message(5, 'these lists')}"]
    assert quota.spent


def test_a_vcard_past_the_quota_is_refused_at_its_first_line() -> None:
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Poe\r\nEND:VCARD\r\n"
    assert len(parse_list(card * 2, "c.vcf", quota=Quota(2)).people) == 2
    with pytest.raises(InputError) as refused:
        parse_list(card * 3, "c.vcf", quota=Quota(2))
    assert refused.value.problems[0].line == 9  # the third card begins on line 9


def _event(tmp_path: Path, attendees: str, mine: str, colleague: str | None = None) -> Path:
    text = EVENT.format(attendees=f'attendees = "{attendees}"', mine=f'connections = "{mine}"') + (
        f'\n[[colleagues]]\nname = "Kim"\nconnections = "{colleague}"\n' if colleague else ""
    )
    path = tmp_path / "event.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_lists_of_an_event_hold_the_cap_in_all(tmp_path: Path) -> None:
    first = one_letter_rows(40_000)
    (tmp_path / "a.csv").write_bytes(first)
    n = at_the_cap(len(first), 40_000)
    (tmp_path / "b.csv").write_bytes(one_letter_rows(n))
    (tmp_path / "c.csv").write_bytes(one_letter_rows(n + 1))
    result = runner.invoke(app, ["validate", str(_event(tmp_path, "a.csv", "b.csv"))])
    assert result.exit_code == 0, result.stderr
    path = _event(tmp_path, "a.csv", "c.csv")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    allowed = people_allowed(len(first) + len(one_letter_rows(n + 1)))
    assert allowed == 40_000 + n
    assert result.stderr == (
        f"{path}:7: me.connections: 'c.csv' (line {n + 2}): {message(allowed, EVENTS_LISTS)}\n"
    )


def test_a_list_named_twice_counts_twice(tmp_path: Path) -> None:
    """Each place that names it is matched on its own: a colleague's list named by ten
    thousand colleagues would be matched ten thousand times."""
    n = people_allowed(len(one_letter_rows(40_000)))
    (tmp_path / "a.csv").write_bytes(one_letter_rows(40_000))
    path = _event(tmp_path, "a.csv", "a.csv", colleague="a.csv")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    line = n - 40_000 + 2  # the person past the cap, the second time the list is read
    assert result.stderr == (
        f"{path}:7: me.connections: 'a.csv' (line {line}): {message(n, EVENTS_LISTS)}\n"
    )


def test_the_files_of_one_people_run_hold_the_cap_in_all(tmp_path: Path) -> None:
    first, last = one_letter_rows(40_000), one_letter_rows(1)
    (tmp_path / "a.csv").write_bytes(first)
    n = at_the_cap(len(first) + len(last), 40_000)
    (tmp_path / "b.csv").write_bytes(one_letter_rows(n + 1))
    (tmp_path / "c.csv").write_bytes(last)
    files = [str(tmp_path / f) for f in ("a.csv", "b.csv", "c.csv")]
    result = runner.invoke(app, ["people", *files])
    assert result.exit_code == 2
    allowed = people_allowed(len(first) + len(one_letter_rows(n + 1)) + len(last))
    assert allowed == 40_000 + n
    assert result.stderr == (
        f"{files[1]}:{n + 2}: {message(allowed, 'the files given')}\n"
        f"{files[2]}: not read: the files before it hold all {allowed:,} people allowed\n"
    )
    assert result.stdout.startswith(f"{files[0]}: csv, utf-8, line 1; 40,000 people")
