"""Bounded work on hostile input: memory per string, time per byte, named limits, capped output.

The whole-process budget for every command and format is in test_memory_budget.py;
these tests pin each bound where it is enforced, in-process and quickly.
"""

from __future__ import annotations

import io
import json
import os
import re
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from netplan.cli import run
from netplan.cli.env import MAX_WIDTH, Env
from netplan.model.event import MAX_COLLEAGUES, MAX_KNOWS, MAX_LIST_ITEMS, MAX_TARGETS
from netplan.report.phrases import EXPERTS_SHOWN, NAMES_SHOWN, item_text
from netplan.sources.event import MAX_KEYS_PER_TABLE, MAX_PROBLEMS, parse_event
from netplan.sources.lint import MAX_WARNINGS, capped
from netplan.sources.locate import (
    MAX_KEY_PARTS,
    MAX_TABLES,
    KeyLines,
    follows_to_end,
    structure_problem,
)

MiB = 1024 * 1024
HEAD = '[event]\nname = "Expo"\nkind = "mixer"\n\n[me]\nname = "Robin"\n\n'


def netplan(*args: str, stdin: bytes = b"", environ: dict[str, str] | None = None) -> Any:
    """Run the CLI in-process; (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    env = Env(
        stdin=io.BytesIO(stdin),
        stdout=out,
        stderr=err,
        environ={"COLUMNS": "100", **(environ or {})},
    )
    status = run(args=list(args), env=env)
    return status, out.getvalue(), err.getvalue()


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "event.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def peak_bytes(fn: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# -- KeyLines: O(1) memory per string or comment, linear time ------------------------

BIG = 4 * MiB
# Each shape puts something huge before `after = 1`, whose line must still be found.
SHAPES: dict[str, Callable[[int], str]] = {
    "basic string": lambda n: 'a = "' + "s" * n + '"\n',
    "basic string of escapes": lambda n: 'a = "' + '\\"' * (n // 2) + '"\n',
    "literal string": lambda n: "a = '" + "s" * n + "'\n",
    "multi-line string": lambda n: 'a = """\n' + 'x""\n\\\\' * (n // 6) + '"""\n',
    "multi-line literal": lambda n: "a = '''\n" + "x''\n" * (n // 4) + "'''\n",
    "comment": lambda n: "# " + "c" * n + "\n",
    "blank lines": lambda n: "\n" * n,
    "quoted key": lambda n: '"' + "k" * n + '" = 1\n',
    "array of strings": lambda n: "a = [" + '"s", ' * (n // 5) + "]\n",
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_keylines_skips_anything_huge_in_constant_memory(shape: str) -> None:
    text = SHAPES[shape](BIG) + "after = 1\n"
    assert tomli.loads(text)["after"] == 1
    line = text.count("\n")
    found: list[int | None] = []
    peak = peak_bytes(lambda: found.append(KeyLines(text, wanted=[("after",)]).find(("after",))))
    assert found == [line]
    # The old scanner kept ~120 bytes per character of a string (~480 MiB here). A
    # key is data: it is copied (twice, quotes off) to compare it, and no more.
    allowed = 2 * BIG + MiB if shape == "quoted key" else MiB
    assert peak < allowed, f"{peak / MiB:.1f} MiB"


def test_keylines_time_is_linear() -> None:
    def seconds(n: int) -> float:
        text = "".join(f'[[targets]]\nname = "T{i}"\nnotes = "{"n" * 50}"\n' for i in range(n))
        start = time.perf_counter()
        KeyLines(text, wanted=[("targets", n - 1, "notes")])
        return time.perf_counter() - start

    small, large = seconds(5_000), seconds(40_000)
    assert large < 8 * 2 * small + 0.05, (small, large)


def test_keylines_stops_once_every_wanted_place_is_found() -> None:
    text = "a = 1\n" + "".join(f"k{i} = {i}\n" for i in range(300_000))
    start = time.perf_counter()
    assert KeyLines(text, wanted=[("a",)]).find(("a",)) == 1
    assert time.perf_counter() - start < 0.05


# -- the structure check before the TOML reader ---------------------------------------


def line_of(text: str, found: tuple[int, str] | None) -> int:
    assert found is not None
    return text.count("\n", 0, found[0]) + 1


@pytest.mark.parametrize(
    "statement",
    [
        "[" + ".".join(["a"] * (MAX_KEY_PARTS + 1)) + "]",
        "[[" + ".".join(["a"] * (MAX_KEY_PARTS + 1)) + "]]",
        ".".join(["a"] * (MAX_KEY_PARTS + 1)) + " = 1",
        "x = { " + ".".join(["'a'"] * (MAX_KEY_PARTS + 1)) + " = 1 }",
        '"a" . "b" .' + " c ." * MAX_KEY_PARTS + " d = 1",
        "[" + ".".join(["a"] * 100_000) + "]",  # a million parts are not even collected
    ],
)
def test_a_key_of_too_many_parts_is_refused_where_it_is(statement: str) -> None:
    text = HEAD + "# next line\n" + statement + "\n"
    found = structure_problem(text)
    assert line_of(text, found) == HEAD.count("\n") + 2
    assert found is not None
    assert f"more than {MAX_KEY_PARTS} dotted parts" in found[1]


def test_keys_of_the_allowed_parts_pass() -> None:
    parts = ".".join(["a"] * MAX_KEY_PARTS)
    text = f"[{parts}]\n{parts} = 1\n"
    tomli.loads(text)
    assert structure_problem(text) is None


@pytest.mark.parametrize(
    "unit",
    [
        lambda i: f"[t{i}]\n",
        lambda i: f"[[t{i}]]\n",
        lambda i: f"t{i}.x = 1\n",
        lambda i: f"t{i} = {{}}\n",
        lambda i: f"x{i} = {{ y = {{}} }}\n",
    ],
    ids=["headers", "array names", "dotted keys", "inline tables", "nested inline tables"],
)
def test_too_many_tables_are_refused_at_the_first_one_over(unit: Callable[[int], str]) -> None:
    text = "".join(unit(i) for i in range(MAX_TABLES + 10))
    found = structure_problem(text)
    assert found is not None
    assert "too many tables" in found[1]
    assert line_of(text, found) <= MAX_TABLES + 1


def test_the_ways_of_writing_many_targets_are_not_counted() -> None:
    entries = "".join(f'[[targets]]\nname = "T{i}"\ninterests = ["a", "b"]\n' for i in range(5000))
    inline = "targets = [\n" + "".join(f'  {{ name = "T{i}" }},\n' for i in range(5000)) + "]\n"
    both = "[[colleagues]]\nname = 'C'\n[[targets]]\nname = 'T'\n" * 3000
    for text in (HEAD + entries, HEAD + inline, HEAD + both):
        tomli.loads(text)
        assert structure_problem(text) is None
        assert follows_to_end(text)


def test_the_structure_check_is_linear_and_cheap_on_a_big_valid_event() -> None:
    text = HEAD + "".join(
        f'[[targets]]\nname = "Target {i}"\ncompany = "Co"\npriority = "high"\n'
        f'interests = ["payments"]\nnotes = "x # not a comment"\n\n'
        for i in range(50_000)
    )
    start = time.perf_counter()
    assert structure_problem(text) is None
    checked = time.perf_counter() - start
    start = time.perf_counter()
    tomli.loads(text)
    parsed = time.perf_counter() - start
    assert checked < parsed / 2, (checked, parsed)


TRICKY = [
    'a = """x""""\nb = 1\n',
    "a = '''x''''\nb = 1\n",
    'a = """\nline "" \\"""\n"""\nb = [\n 1, # c "\n 2,\n]\n',
    '"a.b" = 1\n\'c.d\' = 2\n"e\\"f" = 3\n',
    "x = { a = 1, b = { c = [1, {d = 2}] } }\n",
    "x = {\n  a = 1, # a comment\n  b = 2,\n}\n",
    "a.b.c = 1\n[t]\nx.y = 2\n",
    "d = 1979-05-27 07:32:00Z # c\nt = 07:32:00\nf = 6.02e23\n",
    'a = 1\r\nb = "x"\r\n[[t]]\r\nc = 2\r\n',
    '[ a . "b" . c ]\nk = 1\n',
    "s = 'C:\\\\path'\nk = 2\n",
    'k = "#notcomment" # real\n',
    'k = [ [1,2], [ "a", ] ]\n',
    "[a]\n[[a.b]]\nx=1\n[[a.b]]\nx=2\n[c]\n",
    "k = +inf\nj = -nan\nh = 0xDEAD_beef\n",
    'k = """a\\\n   b"""\n',
    "e = \"\"\nf = ''\ng = \"\"\"\"\"\"\nh = ''''''\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_the_check_follows_every_kind_of_statement(text: str) -> None:
    tomli.loads(text)
    assert follows_to_end(text)


toml_keys = st.text(min_size=1, max_size=8)
toml_scalars = st.one_of(
    st.text(max_size=20),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)
toml_values: st.SearchStrategy[Any] = st.recursive(
    toml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(toml_keys, inner, max_size=4)
    ),
    max_leaves=20,
)


@given(st.dictionaries(toml_keys, toml_values, max_size=6), st.booleans())
def test_the_check_follows_any_document_the_reader_accepts(doc: dict[str, Any], crlf: bool) -> None:
    text = tomli_w.dumps(doc, multiline_strings=crlf)
    if crlf:
        text = text.replace("\n", "\r\n")
    tomli.loads(text)
    assert follows_to_end(text), text


# -- the same limits through the command line -----------------------------------------


def one_line(status_out_err: Any) -> str:
    status, out, err = status_out_err
    assert status == 2, err
    assert out == ""
    assert len(err.splitlines()) == 1, err
    return str(err.strip())


def test_deep_dotted_headers_are_one_located_error(tmp_path: Path) -> None:
    headers = "".join("[" + ".".join([f"t{i}"] + ["a"] * 999) + "]\n" for i in range(500))
    path = write(tmp_path, HEAD + headers)
    start = time.perf_counter()
    line = one_line(netplan("validate", path))
    assert time.perf_counter() - start < 2
    assert line.startswith(f"{path}:{HEAD.count(chr(10)) + 1}: ")
    assert "dotted parts" in line


def test_many_tables_are_one_located_error(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "".join(f"[t{i}]\n" for i in range(100_000)))
    line = one_line(netplan("advise", path, "--format", "json"))
    assert line.startswith(f"{path}:{HEAD.count(chr(10)) + MAX_TABLES - 1}: ")
    assert "too many tables" in line


def test_a_table_of_too_many_keys_is_one_located_error(tmp_path: Path) -> None:
    keys = "".join(f"k{i} = {i}\n" for i in range(200_000))
    path = write(tmp_path, HEAD + '[[targets]]\nname = "T"\n' + keys)
    start = time.perf_counter()
    line = one_line(netplan("validate", path))
    assert time.perf_counter() - start < 5
    first_key_line = HEAD.count("\n") + 3
    # `name` is the first key: the first one over the limit is k(MAX - 1).
    assert line == (
        f"{path}:{first_key_line + MAX_KEYS_PER_TABLE - 1}: "
        f"targets[0].k{MAX_KEYS_PER_TABLE - 1}: too many keys: a table has at most "
        f"{MAX_KEYS_PER_TABLE:,} (this one has 200,001)"
    )


@pytest.mark.parametrize(
    ("key", "cap", "unit"),
    [
        ("targets", MAX_TARGETS, lambda i: f'[[targets]]\nname = "T{i}"\n'),
        ("colleagues", MAX_COLLEAGUES, lambda i: f'[[colleagues]]\nname = "C{i}"\n'),
        ("target_lists", MAX_LIST_ITEMS, lambda i: f'[[target_lists]]\nfile = "f{i}.csv"\n'),
    ],
    ids=["targets", "colleagues", "target_lists"],
)
def test_more_targets_or_colleagues_than_the_cap_are_one_located_error(
    key: str, cap: int, unit: Callable[[int], str], tmp_path: Path
) -> None:
    path = write(tmp_path, HEAD + "".join(unit(i) for i in range(cap + 5)))
    line = one_line(netplan("validate", path))
    # Each table is two lines: the first one past the cap starts on this one.
    assert line == (
        f"{path}:{HEAD.count(chr(10)) + 2 * cap + 1}: {key}[{cap}]: too many {key}: "
        f"a file lists at most {cap:,} (this one has {cap + 5:,})"
    )


@pytest.mark.parametrize(("key", "cap"), [("targets", MAX_TARGETS), ("colleagues", MAX_COLLEAGUES)])
def test_as_many_targets_or_colleagues_as_the_cap_are_fine(key: str, cap: int) -> None:
    # Inline tables, the shortest way to write them: also how the memory budget is
    # tested at the cap (test_memory_budget.py).
    tables = ",".join(f'{{name = "{key[0]}{i}"}}' for i in range(cap))
    event = parse_event(f"{key} = [{tables}]\n{HEAD}".encode(), "x.toml")
    assert len(getattr(event, key)) == cap


def test_more_knows_entries_in_all_than_the_cap_are_one_located_error(tmp_path: Path) -> None:
    # Counted across colleagues: the first past the cap is in the second one's list.
    half = MAX_KNOWS // 2 + 1
    names = ", ".join(f'"t{i}"' for i in range(half))
    ann = f'[[colleagues]]\nname = "Ann"\nknows = [{names}]\n'
    path = write(tmp_path, HEAD + ann + ann.replace("Ann", "Bo").replace("knows", "\nknows"))
    line = one_line(netplan("validate", path))
    assert line == (
        f"{path}:{HEAD.count(chr(10)) + 7}: colleagues[1].knows[{MAX_KNOWS - half}]: too many "
        f"`knows` entries: a file lists at most {MAX_KNOWS:,} (this one has {2 * half:,})"
    )


def test_a_first_colleague_at_the_knows_cap_puts_the_error_on_the_next_one(
    tmp_path: Path,
) -> None:
    # The cap is reached exactly at the end of Ann's list: the entry past it is Bo's first.
    names = ", ".join(f'"t{i}"' for i in range(MAX_KNOWS))
    ann = f'[[colleagues]]\nname = "Ann"\nknows = [{names}]\n'
    path = write(tmp_path, HEAD + ann + '[[colleagues]]\nname = "Bo"\nknows = ["x"]\n')
    line = one_line(netplan("validate", path))
    assert ": colleagues[1].knows[0]: too many `knows` entries" in line


def test_as_many_knows_entries_as_the_cap_are_fine() -> None:
    names = ",".join(f'"t{i}"' for i in range(MAX_KNOWS // 2))
    ann = f'[[colleagues]]\nname = "Ann"\nknows = [{names}]\n'
    event = parse_event((HEAD + ann + ann.replace("Ann", "Bo")).encode(), "x.toml")
    assert sum(len(c.knows) for c in event.colleagues) == MAX_KNOWS


@pytest.mark.parametrize(
    ("where", "loc"),
    [
        (
            '[event]\nname = "Expo"\nkind = "mixer"\ntopics = [X]\n[me]\nname = "R"\n',
            "event.topics",
        ),
        (
            '[event]\nname = "Expo"\nkind = "mixer"\n[me]\nname = "R"\nexpertise = [X]\n',
            "me.expertise",
        ),
        (HEAD + '[[colleagues]]\nname = "Ann"\nexpertise = [X]\n', "colleagues[0].expertise"),
        (HEAD + '[[targets]]\nname = "T"\ninterests = [X]\n', "targets[0].interests"),
        (HEAD + "[netplan]\nselect = [X]\n", "netplan.select"),
        (HEAD + "[netplan]\nignore = [X]\n", "netplan.ignore"),
    ],
    ids=["topics", "my-expertise", "expertise", "interests", "select", "ignore"],
)
def test_a_list_longer_than_the_cap_is_one_located_error(
    where: str, loc: str, tmp_path: Path
) -> None:
    entries = ", ".join(f'"s{i}"' for i in range(MAX_LIST_ITEMS + 1))
    path = write(tmp_path, where.replace("X", entries))
    line = one_line(netplan("validate", path))
    number = where[: where.index("X")].count("\n") + 1
    assert line == (
        f"{path}:{number}: {loc}: too many entries: at most {MAX_LIST_ITEMS:,} "
        f"(this one has {MAX_LIST_ITEMS + 1:,})"
    )


def test_a_list_as_long_as_the_cap_is_fine() -> None:
    entries = ", ".join(f'"s{i}"' for i in range(MAX_LIST_ITEMS))
    event = parse_event(
        (HEAD + f'[[targets]]\nname = "T"\ninterests = [{entries}]\n').encode(), "x"
    )
    assert len(event.targets[0].interests) == MAX_LIST_ITEMS


def test_reading_a_file_costs_its_size_not_the_size_limit(tmp_path: Path) -> None:
    """One read of (limit + 1) bytes would allocate the whole limit (32 MiB for an event
    file, more for a list) before finding the file holds a few hundred bytes."""
    event = write(tmp_path, HEAD + '[[colleagues]]\nname = "Ann"\nconnections = "c.csv"\n')
    (tmp_path / "c.csv").write_text("First Name,Last Name\nTom,Smith\n", encoding="utf-8")
    assert peak_bytes(lambda: netplan("validate", event)) < 4 * MiB


def test_a_non_blocking_input_is_read_to_its_end() -> None:
    """A pipe left non-blocking by another program has nothing to read at times: that is
    not its end."""
    import os
    import threading

    from netplan.sources.event import read_capped

    read, write = os.pipe()
    os.set_blocking(read, False)

    def writer() -> None:
        os.write(write, b"[event]\n")
        time.sleep(0.2)
        os.write(write, b'name = "Expo"\n')
        os.close(write)

    thread = threading.Thread(target=writer)
    thread.start()
    with open(read, "rb") as stream:
        data = read_capped(stream, 1000)
    thread.join()
    assert data == b'[event]\nname = "Expo"\n'


@pytest.mark.parametrize("command", ["validate", "advise"])
def test_problems_are_capped_and_the_rest_counted(command: str, tmp_path: Path) -> None:
    bad = 3 * MAX_PROBLEMS
    targets = "".join(f'[[targets]]\nname = "T{i}"\nnickname{i} = "x"\n' for i in range(bad))
    path = write(tmp_path, HEAD + targets)
    status, out, err = netplan(command, path)
    assert status == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[-1] == f"{path}: ... and {bad - MAX_PROBLEMS:,} more problems not shown"


def test_duplicate_names_are_capped_like_other_problems(tmp_path: Path) -> None:
    many = 3 * MAX_PROBLEMS
    path = write(tmp_path, HEAD + '[[targets]]\nname = "Ann"\n' * many)
    status, out, err = netplan("validate", path)
    assert status == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == MAX_PROBLEMS + 1
    assert "targets[1].name: duplicate name (also targets[0].name)" in lines[0]
    assert lines[-1] == f"{path}: ... and {many - 1 - MAX_PROBLEMS:,} more problems not shown"


def test_warnings_are_capped_and_the_rest_counted(tmp_path: Path) -> None:
    many = 3 * MAX_WARNINGS
    knows = ", ".join(f'"Stranger {i}"' for i in range(many))
    path = write(
        tmp_path,
        HEAD + f'[[colleagues]]\nname = "Ann"\nknows = [{knows}]\n'
        '[[targets]]\nname = "Tom Smith"\n',
    )
    status, out, err = netplan("validate", path)
    assert status == 0
    assert out == f"{path}: ok\n"
    lines = err.splitlines()
    assert len(lines) == MAX_WARNINGS + 1
    assert "knows[0]: 'Stranger 0' matches no target" in lines[0]
    assert f"knows[{MAX_WARNINGS - 1}]" in lines[-2]
    assert lines[-1] == f"{path}: warning: ... and {many - MAX_WARNINGS:,} more warnings not shown"


@pytest.mark.parametrize("advised", [True, False])
def test_the_count_of_capped_warnings_is_shown_by_advise_when_any_would_be(advised: bool) -> None:
    remarks = [(("targets", i), f"remark {i}", advised and i == 3) for i in range(5)]
    kept = capped(iter(remarks), limit=2)
    assert kept[:2] == remarks[:2]
    assert kept[2] == ((), "... and 3 more warnings not shown", advised)
    assert capped(remarks[:2], limit=2) == remarks[:2]


@pytest.mark.parametrize(("near", "shown"), [(True, True), (False, False)])
def test_advise_counts_the_warnings_it_would_have_shown(
    tmp_path: Path, near: bool, shown: bool
) -> None:
    """Past the cap, advise counts what it would have shown: near misses it shows, names
    that simply match nobody (validate's alone) it does not."""
    many = MAX_WARNINGS + 7
    name = "Tom Smyth" if near else "Stranger"
    knows = ", ".join(f'"{name} {i}"' for i in range(many))
    targets = "".join(f'[[targets]]\nname = "Tom Smith {i}"\n' for i in range(many))
    path = write(tmp_path, HEAD + f'[[colleagues]]\nname = "Ann"\nknows = [{knows}]\n' + targets)
    status, _, err = netplan("advise", path, "--format", "json")
    assert status == 0
    lines = err.splitlines()
    if shown:
        assert len(lines) == MAX_WARNINGS + 1
        assert lines[-1] == f"{path}: warning: ... and 7 more warnings not shown"
    else:
        assert lines == []


# -- bounds the lead put in place: field caps, width, suggestions, lists in one finding --


@pytest.mark.parametrize(
    ("field", "value", "cap"),
    [
        ("name", "N" * 201, 200),
        ("company", "C" * 201, 200),
        ("title", "T" * 201, 200),
        ("notes", "n" * 2001, 2000),
    ],
)
def test_fields_over_their_cap_are_a_clear_error(
    field: str, value: str, cap: int, tmp_path: Path
) -> None:
    target = {"name": "T", field: value}
    path = write(tmp_path, HEAD + tomli_w.dumps({"targets": [target]}))
    line = one_line(netplan("validate", path))
    assert f"targets[0].{field}: is too long: at most {cap} characters" in line


@pytest.mark.parametrize("columns", ["9" * 20, "100000000", "0", "-5", "12abc", "٣٠٠"])
def test_any_columns_value_is_clamped_not_a_crash(columns: str) -> None:
    width = Env(stdin=None, stdout=None, stderr=None, environ={"COLUMNS": columns}).width()
    assert 40 <= width <= MAX_WIDTH


def test_a_huge_columns_is_fast_and_lines_stay_bounded(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + '[[targets]]\nname = "T"\n')
    start = time.perf_counter()
    status, out, err = netplan("advise", path, environ={"COLUMNS": str(10**8)})
    assert status == 0, err
    assert time.perf_counter() - start < 2
    assert max(len(line) for line in out.splitlines()) <= MAX_WIDTH


def test_long_unknown_keys_get_no_costly_suggestion(tmp_path: Path) -> None:
    keys = "".join(f'"{"k" * 50_000}{i}" = 1\n' for i in range(40))
    path = write(tmp_path, HEAD.replace("[me]", keys + "\n[me]"))
    start = time.perf_counter()
    status, _, err = netplan("validate", path)
    assert time.perf_counter() - start < 3
    assert status == 2
    assert "unknown key" in err
    assert "did you mean" not in err


def test_a_huge_rule_selector_is_refused_fast(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD)
    start = time.perf_counter()
    status, _, err = netplan("advise", path, "--select", "group-size" * 100_000)
    assert time.perf_counter() - start < 2
    assert status == 2
    assert len(err.splitlines()) == 1


def test_a_finding_names_at_most_a_few_people_then_counts(tmp_path: Path) -> None:
    many = 40
    targets = [{"name": f"Target {i}"} for i in range(many)]
    experts = [{"name": f"Expert {i}", "expertise": ["payments"]} for i in range(8)]
    knower = {"name": "Kim", "knows": [t["name"] for t in targets]}
    doc = {
        "event": {"name": "Expo", "kind": "mixer", "topics": ["payments"]},
        "me": {"name": "Robin"},
        "colleagues": [knower, *experts],
        "targets": [{**t, "interests": ["payments"]} for t in targets],
    }
    path = write(tmp_path, tomli_w.dumps(doc))
    status, out, err = netplan("advise", path, "--format", "json")
    assert status == 0, err
    data = json.loads(out)
    (knows,) = [f["message"] for f in data["findings"] if "Kim can introduce" in f["message"]]
    assert f"and {many - NAMES_SHOWN} more" in knows
    assert len(re.findall(r"Target \d+", knows)) == NAMES_SHOWN
    items = [i["text"] for i in data["checklist"] if "Bring in" in i["text"]]
    assert len(items) == many
    for item in items:
        brought_in = item.split("Bring in", 1)[1]
        assert len(re.findall(r"Expert \d+", brought_in)) == EXPERTS_SHOWN, item
        assert re.search(r" and \d+ more\.$", brought_in), item


# -- many colleagues: reports stay linear and do not hold every row at once ------------


def _many_socializers(n: int) -> Any:
    from netplan.engine import make_plan
    from tests.conftest import make_event

    return make_plan(
        make_event(colleagues=[{"name": f"C{i}", "style": "socializer"} for i in range(n)])
    )


def test_who_comes_and_who_stays_is_worked_out_once_per_plan() -> None:
    """Every finding's wording asks who stays: asked of a list rebuilt each time, that
    made 20,000 colleagues take minutes."""
    plan = _many_socializers(3)
    assert plan.left is plan.left
    assert plan.going is plan.going
    assert plan.staying == frozenset(plan.left) == {"C0", "C1", "C2"}
    assert plan.going == (plan.me,)


# (format, peak memory of the whole report as one string, of the report written in
# pieces), each as a multiple of the report's size.
REPORT_PEAKS = [("markdown", 3, 1.5), ("json", 3, 2), ("jsonl", 3, 2)]


@pytest.mark.parametrize(("fmt", "whole", "pieces"), REPORT_PEAKS)
def test_reports_of_many_findings_do_not_hold_every_row(
    fmt: str, whole: float, pieces: float
) -> None:
    from netplan.report import Options, reporter

    plan = _many_socializers(2000)
    assert len(plan.findings) > 4000  # two per colleague, then group-size and a tip
    chosen = reporter(fmt)
    options = Options(False, 80, False, True)
    out: list[str] = []
    peak = peak_bytes(lambda: out.append(chosen.render_one(plan, options)))
    assert peak < whole * len(out[0]), (peak, len(out[0]))
    # Written to standard output, the report is never one string: only its pieces.
    sizes: list[int] = []
    peak = peak_bytes(lambda: sizes.extend(len(piece) for piece in chosen.stream([plan], options)))
    assert sum(sizes) == len(out[0])
    assert peak < pieces * len(out[0]), (peak, len(out[0]))


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "jsonl"])
@pytest.mark.parametrize("count", [0, 1, 3])
def test_a_report_written_in_pieces_is_the_report(fmt: str, count: int) -> None:
    from netplan.report import Options, reporter

    plans = [_many_socializers(n) for n in (1, 70, 2)][:count]
    chosen = reporter(fmt)
    for options in (Options(False, 80, False, count == 1), Options(True, 60, True, False)):
        assert "".join(chosen.stream(plans, options)) == chosen.render(plans, options)
        # As the CLI gives them: made one at a time, each let go once written.
        made = (plan for plan in plans)
        assert "".join(chosen.stream(made, options)) == chosen.render(plans, options)


@pytest.mark.parametrize(
    "args",
    [
        ["advise", "--format", "json"],
        ["advise", "--format", "jsonl"],
        ["advise", "--format", "markdown"],
        ["advise", "--format", "text", "--no-color"],
        ["checklist"],
        ["team"],
        ["validate"],
    ],
    ids=["json", "jsonl", "markdown", "text", "checklist", "team", "validate"],
)
def test_several_files_are_planned_and_let_go_one_at_a_time(
    args: list[str], tmp_path: Path
) -> None:
    """Three events cost about the memory of one: each plan is written (or, for team,
    summed up in a row) and let go before the next file is read."""
    paths = []
    for day in range(1, 4):
        targets = "".join(f'[[targets]]\nname = "T{i}"\ncompany = "C{i}"\n' for i in range(5_000))
        dated = HEAD.replace('kind = "mixer"', f'kind = "mixer"\ndate = 2027-03-0{day}')
        path = tmp_path / f"day{day}.toml"
        path.write_text(dated + targets, encoding="utf-8")
        paths.append(str(path))
    with open(os.devnull, "w", encoding="utf-8") as sink:  # the reports are not kept

        def run_on(files: list[str]) -> None:
            env = Env(stdin=None, stdout=sink, stderr=io.StringIO(), environ={"COLUMNS": "100"})
            assert run(args=[args[0], *files, *args[1:]], env=env) == 0

        run_on(paths[:1])  # modules imported and caches filled before measuring
        one = peak_bytes(lambda: run_on(paths[:1]))
        three = peak_bytes(lambda: run_on(paths))
    assert three < 1.4 * one, (three, one)


def test_two_inputs_of_one_name_into_a_folder_are_refused_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "expo.toml").write_text(HEAD, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    a, b = str(tmp_path / "a" / "expo.toml"), str(tmp_path / "b" / "expo.toml")
    status, _out, err = netplan("advise", a, b, "-o", str(out), "--format", "json")
    assert status == 2
    assert f"{b} and {a} would both be written to {out / 'expo.json'}" in err
    assert list(out.iterdir()) == []


def test_the_terminal_report_shows_a_screenful_of_colleagues_and_findings() -> None:
    """Laying out a row costs rich ~50 µs: 80,000 colleagues took 14 s to show."""
    from netplan.report import Options
    from netplan.report.text import ROWS_SHOWN, render_one

    many = ROWS_SHOWN + 30
    plan = _many_socializers(many)
    report = render_one(plan, Options(False, 100, False, True))
    lines = report.splitlines()
    leave = lines.index("Leave at the office")
    assert all(line.startswith("  C") for line in lines[leave + 1 : leave + 1 + ROWS_SHOWN])
    assert lines[leave + 1 + ROWS_SHOWN] == (
        "  ... and 30 more colleagues: see --format markdown or json."
    )
    # Two cons per colleague (socializing-risk, distraction), then group-size.
    assert f"  ... and {2 * many + 1 - ROWS_SHOWN:,} more cons: see --format markdown or json." in (
        lines
    )
    # A checklist item names ten of those who stay, as every sentence does.
    first = ", ".join(f"C{i}" for i in range(NAMES_SHOWN))
    tell = f"Tell {first} and {many - NAMES_SHOWN:,} more you will go without them this time."
    assert [
        item_text(i, plan) for i in plan.checklist if item_text(i, plan).startswith("Tell")
    ] == [tell]


# -- list readers: rows read in chunks hold a bounded number of cells ------------------


def test_wide_rows_of_a_list_are_not_held_a_thousand_at_a_time() -> None:
    from netplan.sources.lists import parse_list

    # 400 ragged rows of 4,000 two-letter cells each: 4.8 MB of text, 1.6 million
    # cells. Holding a full chunk of such rows would keep every cell at once.
    row = "Dana Lee," + "ab," * 4_000 + "\n"
    data = ("Name,Email\n" + row * 400).encode()
    one_row = peak_bytes(lambda: parse_list(("Name,Email\n" + row).encode(), "x.csv"))
    peak = peak_bytes(lambda: parse_list(data, "x.csv"))
    # The text itself (decoded and split into lines) is about three times its size.
    assert peak < 4 * len(data) + 20 * one_row
