"""Scripting netplan: several inputs, stdin, exit codes, `netplan schema`, the JSON shape,
colour and width."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from rich.cells import cell_len
from typer.testing import CliRunner, Result

import netplan.engine.advise
from netplan.cli import app
from netplan.cli.common import Plans
from netplan.engine import make_plan
from netplan.errors import ExitCode
from tests.conftest import EXAMPLES, REPO, example_files, make_event

runner = CliRunner()
HAPPY_HOUR = str(EXAMPLES / "happy-hour-pack.toml")
NEWCOMER = str(EXAMPLES / "newcomer.toml")
TRADE_SHOW = str(EXAMPLES / "trade-show.toml")
WARM_INTROS = str(EXAMPLES / "warm-intros.toml")
ALL_EXAMPLES = [str(p) for p in example_files()]


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


def run(*args: str, **kwargs: Any) -> Result:
    return runner.invoke(app, list(args), **kwargs)


def ok(*args: str, **kwargs: Any) -> str:
    result = run(*args, **kwargs)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def advise_json(path: str, *extra: str) -> dict[str, Any]:
    data = json.loads(ok("advise", path, "--format", "json", *extra))
    assert isinstance(data, dict)
    return data


def event_name(path: str) -> str:
    name = advise_json(path)["event"]["name"]
    assert isinstance(name, str)
    return name


# Several inputs


def test_text_reports_each_event_then_a_summary_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    files = [TRADE_SHOW, NEWCOMER, WARM_INTROS]
    out = ok("advise", *files, "--no-color")
    names = [event_name(f) for f in files]
    assert "Summary" in out
    reports, summary = out.rsplit("Summary", 1)
    positions = [reports.find(n) for n in names]
    assert -1 not in positions
    assert positions == sorted(positions), "reports are not in input order"
    rows = [line for line in summary.splitlines() if any(n in line for n in names)]
    assert len(rows) == len(names)
    for name, row in zip(names, rows, strict=True):
        assert name in row
        verdict = advise_json(files[names.index(name)])["verdict"]
        assert verdict in row
    for heading in ("Event", "Date", "Verdict", "Bring", "Leave", "Targets"):
        assert heading in summary


def test_the_summary_counts_targets_with_thousands_separated(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    big = tmp_path / "big.toml"
    targets = "".join(f'[[targets]]\nname = "T{i}"\n' for i in range(1_200))
    big.write_text('[event]\nname = "Big Expo"\nkind = "mixer"\n[me]\nname = "R"\n' + targets)
    summary = ok("advise", TRADE_SHOW, str(big), "--no-color").rsplit("Summary", 1)[1]
    [row] = [line for line in summary.splitlines() if "Big Expo" in line]
    assert row.rstrip(" │").endswith(" 1,200")


def test_one_text_report_has_no_summary() -> None:
    assert "Summary" not in ok("advise", TRADE_SHOW, "--no-color")


def test_json_is_one_object_for_one_file() -> None:
    data = json.loads(ok("advise", TRADE_SHOW, "--format", "json"))
    assert isinstance(data, dict)
    assert data["source"] == TRADE_SHOW


@pytest.mark.parametrize("command", [["advise", "--format", "json"], ["checklist", "-f", "json"]])
def test_json_is_an_array_in_input_order_for_several(command: list[str]) -> None:
    for files in (ALL_EXAMPLES, ALL_EXAMPLES[::-1], [NEWCOMER, NEWCOMER]):
        data = json.loads(ok(command[0], *files, *command[1:]))
        assert isinstance(data, list)
        assert [d["source"] for d in data] == files


def test_bad_file_among_good_ones(tmp_path: Path) -> None:
    bad = tmp_path / "broken.toml"
    bad.write_text('[event]\nname = "Broken"\nkind = "gala"\n[me]\nname = "X"\n', encoding="utf-8")
    missing = str(tmp_path / "missing.toml")
    result = run("advise", TRADE_SHOW, str(bad), missing, NEWCOMER, "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [d["source"] for d in data] == [TRADE_SHOW, NEWCOMER]
    assert "broken.toml" in result.stderr
    assert "kind" in result.stderr
    assert "missing.toml" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_file_among_good_ones_in_text_still_reports_the_good(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.toml")
    result = run("advise", missing, WARM_INTROS, "--no-color")
    assert result.exit_code == 2
    assert "missing.toml" in result.stderr
    assert event_name(WARM_INTROS) in result.stdout
    assert "missing.toml" not in result.stdout


def test_only_bad_files_print_nothing_on_stdout(tmp_path: Path) -> None:
    result = run("checklist", str(tmp_path / "a.toml"), str(tmp_path / "b.toml"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 2


@pytest.mark.parametrize("command", [["advise", "--format", "json"], ["checklist", "-f", "json"]])
def test_dash_reads_an_event_from_stdin(command: list[str]) -> None:
    data = json.loads(ok(command[0], "-", *command[1:], input=Path(TRADE_SHOW).read_bytes()))
    assert data["source"] == "<stdin>"
    assert data["event"]["name"] == "FinOps Expo 2026"
    assert data["checklist"] == advise_json(TRADE_SHOW)["checklist"]


def test_stdin_among_files_keeps_its_place() -> None:
    out = ok(
        "advise", NEWCOMER, "-", WARM_INTROS, "-f", "json", input=Path(TRADE_SHOW).read_bytes()
    )
    assert [d["source"] for d in json.loads(out)] == [NEWCOMER, "<stdin>", WARM_INTROS]


@pytest.mark.parametrize("command", ["advise", "checklist", "validate"])
def test_dash_twice_is_a_usage_error(command: str) -> None:
    result = run(command, "-", "-", input=Path(TRADE_SHOW).read_bytes())
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "standard input" in result.stderr
    assert len(result.stderr.splitlines()) == 1


# Exit codes


def kinds(path: str, *extra: str) -> set[str]:
    """The kinds of the unresolved findings: what --fail-on counts."""
    return {f["kind"] for f in advise_json(path, *extra)["findings"] if not f["resolved"]}


@pytest.mark.parametrize("command", ["advise", "checklist"])
def test_exit_0_normally(command: str) -> None:
    for path in ALL_EXAMPLES:
        assert run(command, path).exit_code == 0


def test_fail_on_con_exits_1_when_an_unresolved_con_is_present() -> None:
    # Trade show: the two experts who come make a group that is still large.
    assert "con" in kinds(TRADE_SHOW)
    result = run("advise", TRADE_SHOW, "--fail-on", "con", "--no-color")
    assert result.exit_code == 1
    assert result.stdout  # the report is still printed
    assert result.stderr == ""


def test_fail_on_con_ignores_cons_the_plan_resolves() -> None:
    # Happy-hour pack: every con is about colleagues who all stay at the office.
    findings = advise_json(HAPPY_HOUR)["findings"]
    cons = [f for f in findings if f["kind"] == "con"]
    assert cons
    assert all(f["resolved"] for f in cons)
    assert run("advise", HAPPY_HOUR, "--fail-on", "con").exit_code == 0
    # Resolved is only ever said of cons.
    assert not any(f["resolved"] for f in findings if f["kind"] != "con")


@pytest.mark.parametrize("path", ALL_EXAMPLES, ids=lambda p: Path(p).stem)
@pytest.mark.parametrize("kind", ["pro", "con", "tip"])
def test_fail_on_follows_the_findings(path: str, kind: str) -> None:
    expected = 1 if kind in kinds(path) else 0
    for command in ("advise", "checklist"):
        assert run(command, path, "--fail-on", kind).exit_code == expected, command


def test_an_example_without_cons_passes_fail_on_con() -> None:
    without = [p for p in ALL_EXAMPLES if "con" not in kinds(p)]
    assert without, "no example lacks a con: the 0 branch of --fail-on con is untested"
    for path in without:
        assert run("advise", path, "--fail-on", "con").exit_code == 0


@pytest.mark.parametrize("path", ALL_EXAMPLES, ids=lambda p: Path(p).stem)
def test_fail_on_tip_always_fires_unless_the_tips_are_ignored(path: str) -> None:
    assert run("advise", path, "--fail-on", "tip").exit_code == 1
    assert "tip" not in kinds(path, "--ignore", "NP3")
    assert run("advise", path, "--fail-on", "tip", "--ignore", "NP3").exit_code == 0


def test_fail_on_several_kinds_and_several_files() -> None:
    assert run("advise", WARM_INTROS, "--fail-on", "con").exit_code == 0
    assert run("advise", WARM_INTROS, HAPPY_HOUR, "--fail-on", "con").exit_code == 0
    assert run("advise", WARM_INTROS, TRADE_SHOW, "--fail-on", "con").exit_code == 1
    both = ["--fail-on", "con", "--fail-on", "pro", "--ignore", "comfort-zone"]
    assert run("advise", WARM_INTROS, *both).exit_code == 1


def test_bad_file_wins_over_fail_on(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.toml")
    for command in ("advise", "checklist"):
        result = run(command, HAPPY_HOUR, missing, "--fail-on", "con")
        assert result.exit_code == 2, command


@pytest.mark.parametrize(
    "args",
    [
        ["advise"],
        ["advise", TRADE_SHOW, "--format", "yaml"],
        ["advise", TRADE_SHOW, "--fail-on", "maybe"],
        ["advise", TRADE_SHOW, "--select", "no-such-rule"],
        ["checklist", TRADE_SHOW, "--format", "yaml"],
        ["advise", TRADE_SHOW, "--no-such-option"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def boom(*_: Any, **__: Any) -> Any:
    raise RuntimeError("boom\nsecond line \x1b[31m")


@pytest.mark.parametrize("command", [["advise"], ["checklist"], ["advise", "-f", "json"]])
def test_internal_error_is_one_line_and_exit_3(
    command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(netplan.engine, "make_plan", boom)
    result = run(command[0], TRADE_SHOW, *command[1:])
    assert result.exit_code == 3
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "--debug" in lines[0]
    assert "boom" in lines[0]
    assert "\x1b" not in result.stderr
    assert "Traceback" not in result.stderr


def test_internal_error_with_debug_propagates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(netplan.engine, "make_plan", boom)
    result = run("--debug", "advise", TRADE_SHOW)
    assert isinstance(result.exception, RuntimeError)
    assert str(result.exception).startswith("boom")
    assert result.exit_code not in (0, 2, 3)


def test_ctrl_c_is_not_mistaken_for_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exit 1 means "a --fail-on finding is present"; an interrupt must not look like one."""

    def interrupt(*_: Any, **__: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(netplan.engine, "make_plan", interrupt)
    result = run("advise", HAPPY_HOUR, "--fail-on", "con")
    assert result.exit_code == 130
    assert "Traceback" not in result.stdout + result.stderr


# netplan schema


def test_schema_is_json_with_descriptions_everywhere() -> None:
    schema = json.loads(ok("schema"))
    assert schema["$schema"].startswith("https://json-schema.org/")
    defs = schema["$defs"]
    assert set(defs) >= {"EventInfo", "Me", "Colleague", "Target", "NetplanConfig"}
    for section, body in defs.items():
        assert body.get("description"), section
        assert body["properties"], section
        for name, prop in body["properties"].items():
            assert prop.get("description"), f"{section}.{name} has no description"


def test_schema_top_level_fields_are_described_directly_or_by_their_section() -> None:
    schema = json.loads(ok("schema"))
    assert set(schema["properties"]) == {
        "event",
        "me",
        "colleagues",
        "targets",
        "target_lists",
        "netplan",
    }
    for name, prop in schema["properties"].items():
        ref = prop.get("$ref") or prop.get("items", {}).get("$ref")
        described = prop.get("description") or (
            ref and schema["$defs"][ref.rsplit("/", 1)[1]].get("description")
        )
        assert described, name


def test_schema_accepts_the_examples_shape() -> None:
    """Every key the examples use is a property the schema knows."""
    import tomllib

    schema = json.loads(ok("schema"))
    sections = {
        "event": "EventInfo",
        "me": "Me",
        "colleagues": "Colleague",
        "targets": "Target",
        "target_lists": "TargetList",
        "netplan": "NetplanConfig",
    }
    for path in example_files():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for key, value in data.items():
            known = schema["$defs"][sections[key]]["properties"]
            for table in value if isinstance(value, list) else [value]:
                assert set(table) <= set(known), (path.name, key)


# The JSON shape pin: every key path of the documents, per schema_version. Changing a key
# without bumping the version fails the first test; bumping it without pinning the new
# shape here fails the second.

KEYS_BY_VERSION: dict[int, frozenset[str]] = {
    2: frozenset(
        {
            "schema_version",
            "source",
            "event",
            "event.name",
            "event.kind",
            "event.date",
            "event.venue",
            "event.goal",
            "event.me",
            "event.new_contacts_goal",
            "event.targets",
            "verdict",
            "headline",
            "colleagues",
            "colleagues[].name",
            "colleagues[].recommendation",
            "colleagues[].reasons",
            "findings",
            "findings[].rule",
            "findings[].code",
            "findings[].kind",
            "findings[].message",
            "findings[].subjects",
            "findings[].resolved",
            "targets",
            "targets[].name",
            "targets[].company",
            "targets[].title",
            "targets[].priority",
            "targets[].interests",
            "targets[].notes",
            "targets[].introducers",
            "targets[].introducers[].name",
            "targets[].introducers[].coming",
            "targets[].introducers[].via",
            "targets[].experts",
            "targets[].experts[].name",
            "targets[].experts[].subjects",
            "targets[].owner",
            "targets[].met_before",
            "targets[].email",
            "targets[].linkedin",
            "targets[].registered",
            "targets[].known_by_me",
            "targets[].source",
            "schedule",
            "schedule[].at",
            "schedule[].what",
            "follow_up_by",
            "checklist",
            "checklist[].phase",
            "checklist[].text",
            "checklist[].target",
            "checklist[].done",
            "rules_off",
        }
    )
}
CHECKLIST_TOP_KEYS = {
    "schema_version",
    "source",
    "event",
    "for",
    "targets",
    "schedule",
    "follow_up_by",
    "checklist",
}


def key_paths(value: Any, prefix: str = "") -> set[str]:
    """'a', 'a.b', 'a[].c': every key of a JSON document, list items merged."""
    paths: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            paths |= {path} | key_paths(item, path)
    elif isinstance(value, list):
        for item in value:
            paths |= key_paths(item, prefix + "[]")
    return paths


def all_key_paths() -> set[str]:
    return set().union(*(key_paths(advise_json(p)) for p in ALL_EXAMPLES))


def test_json_keys_match_the_pinned_shape_of_this_schema_version() -> None:
    from netplan.report.json import SCHEMA_VERSION

    assert SCHEMA_VERSION in KEYS_BY_VERSION, "pin the new shape in KEYS_BY_VERSION"
    assert all_key_paths() == KEYS_BY_VERSION[SCHEMA_VERSION]


def test_every_pinned_version_has_its_own_shape() -> None:
    shapes = list(KEYS_BY_VERSION.values())
    assert len(set(shapes)) == len(shapes)


@pytest.mark.parametrize("path", ALL_EXAMPLES, ids=lambda p: Path(p).stem)
def test_json_values_have_their_documented_kinds(path: str) -> None:
    data = advise_json(path)
    assert data["colleagues"]
    assert data["findings"]
    assert data["checklist"]
    for c in data["colleagues"]:
        assert c["recommendation"] in ("bring", "leave")
    for f in data["findings"]:
        assert f["kind"] in ("pro", "con", "tip")
        assert isinstance(f["resolved"], bool)
    for item in data["checklist"]:
        assert item["phase"] in ("before", "during", "after")
        assert item["done"] is False
    assert isinstance(data["rules_off"], list)
    assert data["verdict"] in ("go-alone", "go-together", "go-together-split-up")
    # One target entry per target, in checklist order.
    assert [t["name"] for t in data["targets"]] == [
        i["target"] for i in data["checklist"] if i["target"] is not None
    ]
    assert data["event"]["targets"] == len(data["targets"])

    checklist = json.loads(ok("checklist", path, "--format", "json"))
    assert set(checklist) == CHECKLIST_TOP_KEYS
    assert checklist["schema_version"] == data["schema_version"]
    assert checklist["event"] == data["event"]
    assert checklist["targets"] == data["targets"]
    assert checklist["checklist"] == data["checklist"]


# Colour


def test_no_colour_by_default_when_not_a_terminal() -> None:
    for args in (["--no-color"], []):
        out = ok("advise", TRADE_SHOW, NEWCOMER, *args)
        assert "\x1b[" not in out


def test_color_flag_colours_the_text_report() -> None:
    out = ok("advise", TRADE_SHOW, "--color")
    assert "\x1b[" in out
    plain = ok("advise", TRADE_SHOW, "--no-color")
    assert "\x1b[" not in plain


def test_no_color_env_with_default() -> None:
    out = ok("advise", TRADE_SHOW, env={"NO_COLOR": "1"})
    assert "\x1b[" not in out


@pytest.mark.parametrize(
    "args",
    [
        ["advise", "--format", "json", "--color"],
        ["advise", "--format", "markdown", "--color"],
        ["checklist"],
        ["checklist", "--format", "json"],
        ["schema"],
    ],
)
def test_json_and_markdown_never_have_escapes(args: list[str]) -> None:
    files = [] if args == ["schema"] else [TRADE_SHOW]
    out = ok(args[0], *files, *args[1:], env={"FORCE_COLOR": "1"})
    assert "\x1b" not in out


def run_on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run netplan with its standard output on a pseudo-terminal; return what it printed."""
    main, sub = pty.openpty()
    full_env = {**os.environ, "COLUMNS": "100", "TERM": "xterm-256color", **env}
    for name in ("NO_COLOR", "FORCE_COLOR"):
        if name not in env:
            full_env.pop(name, None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "netplan", *args],
        stdout=sub,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=full_env,
        cwd=REPO,
    )
    os.close(sub)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert proc.wait(timeout=30) == 0, proc.stderr.read() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    return b"".join(chunks).decode("utf-8")


def test_default_colours_on_a_terminal_unless_no_color() -> None:
    assert "\x1b[" in run_on_a_terminal(["advise", TRADE_SHOW], {})
    assert "\x1b[" not in run_on_a_terminal(["advise", TRADE_SHOW], {"NO_COLOR": "1"})


# Width


LONG_EVENT = """\
[event]
name = "Averyveryverylongeventnamewithoutanyspacesthatgoesonandonforeverandever"
kind = "mixer"
venue = "A venue with a rather long name, on a street with an even longer name"
[me]
name = "Me"
new_to = ["sales"]
[[colleagues]]
name = "Bartholomew-Maximilian-Featherstonehaugh-Cholmondeley-Smythe-Jones"
style = "supporter"
[[colleagues]]
name = "Sue Socialite Extraordinarily Long Name For Testing Wrapping Widths"
style = "socializer"
[[targets]]
name = "Targetwithanextremelylongnamethatcannotbebrokenanywhereatallreally"
company = "Company"
notes = "Notes that run on for quite a while so that the line has to wrap somewhere."
"""


def widest(out: str) -> int:
    return max(cell_len(line) for line in out.splitlines())


@pytest.mark.parametrize("columns", [40, 60, 80])
def test_text_fits_the_terminal_width(
    columns: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    long = tmp_path / "long.toml"
    long.write_text(LONG_EVENT, encoding="utf-8")
    monkeypatch.setenv("COLUMNS", str(columns))
    for files in ([TRADE_SHOW], ALL_EXAMPLES, [str(long)], [str(long), *ALL_EXAMPLES]):
        out = ok("advise", *files, "--no-color")
        assert widest(out) <= columns, files


def test_wide_terminal_uses_the_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    out = ok("advise", TRADE_SHOW, "--no-color")
    assert 60 < widest(out) <= 120
    monkeypatch.setenv("COLUMNS", "60")
    assert ok("advise", TRADE_SHOW, "--no-color") != out


def test_finish_makes_the_plans_a_report_did_not_take_so_a_bad_file_still_counts() -> None:
    plans = Plans(iter([make_plan(make_event()), None]), None)
    assert next(iter(plans)) is not None  # a report that stopped after the first plan
    with pytest.raises(typer.Exit) as ended:
        plans.finish()
    assert ended.value.exit_code == ExitCode.INPUT


@pytest.mark.parametrize("count", [1, 2])
def test_json_text_is_the_standard_indented_form(count: int, tmp_path: Path) -> None:
    """Long arrays are written a batch at a time, each cut out of a deeper document;
    the text must still be byte for byte what `json.dumps(indent=2)` makes, for one
    plan (arrays one level deep) and several (two levels), over several batches."""
    from netplan.report.json import BATCH

    targets = "".join(
        f'[[targets]]\nname = "T{i}"\ncompany = "C{i}"\ninterests = ["x"]\n'
        for i in range(2 * BATCH + 7)
    )
    path = tmp_path / "big.toml"
    path.write_text(
        '[event]\nname = "E"\nkind = "mixer"\n[me]\nname = "R"\n'
        '[[colleagues]]\nname = "Ann"\nexpertise = ["x"]\nknows = ["T3"]\n' + targets,
        encoding="utf-8",
    )
    out = ok("advise", *[str(path)] * count, "--format", "json")
    assert out == json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n"
    for command in (
        ["checklist", "--format", "json"],
        ["checklist", "--for", "Ann", "--format", "json"],
    ):
        out = ok(*command[:1], *[str(path)] * count, *command[1:])
        assert out == json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n"
