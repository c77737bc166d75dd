"""Choosing rules and settings: `--select`/`--ignore` and the `[netplan]` table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from netplan.cli import app
from netplan.rules import ALL_RULES
from tests.conftest import EXAMPLES

runner = CliRunner()

TRADE_SHOW = EXAMPLES / "trade-show.toml"
ALL_NAMES = [r.name for r in ALL_RULES]


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def advise_json(path: Path, *flags: str) -> dict[str, Any]:
    result = run("advise", str(path), "--format", "json", *flags)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def fired(data: dict[str, Any]) -> list[str]:
    """Names of the rules with at least one finding, in report order, once each."""
    return list(dict.fromkeys(f["rule"] for f in data["findings"]))


def colleague(data: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in data["colleagues"] if c["name"] == name)
    return found


def write(folder: Path, text: str, name: str = "event.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def with_table(folder: Path, table: str, source: Path = TRADE_SHOW) -> Path:
    text = source.read_text(encoding="utf-8").rstrip("\n") + "\n\n[netplan]\n" + table
    return write(folder, text)


def line_of(path: Path, line: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines.index(line) + 1


def without_source(data: dict[str, Any]) -> dict[str, Any]:
    """The report without the names of the files it came from."""
    out = {k: v for k, v in data.items() if k != "source"}
    out["targets"] = [{k: v for k, v in t.items() if k != "source"} for t in data["targets"]]
    return out


def test_trade_show_fires_every_kind() -> None:
    """The baseline the other tests switch rules off from."""
    data = advise_json(TRADE_SHOW)
    assert {"subject-experts", "socializing-risk", "group-size", "comfort-zone"} <= set(fired(data))
    assert data["rules_off"] == []


# --- --select / --ignore -------------------------------------------------------------------------


@pytest.mark.parametrize("selector", ["comfort-zone", "NP301", "np301", "COMFORT-ZONE"])
def test_ignore_comfort_zone(selector: str) -> None:
    data = advise_json(TRADE_SHOW, "--ignore", selector)
    assert "comfort-zone" not in fired(data)
    assert data["rules_off"] == ["comfort-zone"]
    assert set(fired(data)) == set(fired(advise_json(TRADE_SHOW))) - {"comfort-zone"}


def test_ignored_rules_are_named_in_the_text_report() -> None:
    result = run("advise", str(TRADE_SHOW), "--ignore", "comfort-zone", "--no-color")
    assert result.exit_code == 0, result.stderr
    assert "Rules switched off: comfort-zone" in result.stdout
    assert "* comfort-zone" not in result.stdout
    plain = run("advise", str(TRADE_SHOW), "--no-color").stdout
    assert "Rules switched off" not in plain
    assert "* comfort-zone" in plain


def test_ignored_rules_are_named_in_markdown() -> None:
    result = run("advise", str(TRADE_SHOW), "--ignore", "NP3", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "Rules switched off: comfort-zone" in result.stdout


@pytest.mark.parametrize("prefix", ["NP2", "np2"])
def test_select_a_code_prefix_runs_only_those_rules(prefix: str) -> None:
    data = advise_json(TRADE_SHOW, "--select", prefix)
    assert data["findings"]
    assert {f["kind"] for f in data["findings"]} == {"con"}
    assert all(f["code"].startswith("NP2") for f in data["findings"])
    assert data["rules_off"] == [r.name for r in ALL_RULES if r.kind != "con"]


def test_select_is_repeatable() -> None:
    data = advise_json(TRADE_SHOW, "--select", "subject-experts", "--select", "NP301")
    assert fired(data) == ["subject-experts", "comfort-zone"]
    assert data["rules_off"] == [n for n in ALL_NAMES if n not in fired(data)]


def test_ignore_wins_over_select() -> None:
    data = advise_json(TRADE_SHOW, "--select", "NP2", "--ignore", "group-size")
    assert "group-size" not in fired(data)
    assert {f["kind"] for f in data["findings"]} == {"con"}
    assert "group-size" in data["rules_off"]
    data = advise_json(TRADE_SHOW, "--select", "comfort-zone", "--ignore", "NP301")
    assert data["findings"] == []
    assert data["rules_off"] == ALL_NAMES


# --- the [netplan] table -------------------------------------------------------------------------


def test_file_ignore_works_like_the_flag(tmp_path: Path) -> None:
    path = with_table(tmp_path, 'ignore = ["comfort-zone"]\n')
    from_file = advise_json(path)
    assert "comfort-zone" not in fired(from_file)
    assert from_file["rules_off"] == ["comfort-zone"]
    assert without_source(from_file) == without_source(
        advise_json(TRADE_SHOW, "--ignore", "comfort-zone")
    )
    text = run("advise", str(path), "--no-color").stdout
    assert "Rules switched off: comfort-zone" in text


def test_file_select(tmp_path: Path) -> None:
    path = with_table(tmp_path, 'select = ["NP2"]\nignore = ["distraction"]\n')
    data = advise_json(path)
    assert {f["kind"] for f in data["findings"]} == {"con"}
    assert "distraction" not in fired(data)
    assert set(data["rules_off"]) == {r.name for r in ALL_RULES if r.kind != "con"} | {
        "distraction"
    }


def test_cli_select_replaces_the_file_selection(tmp_path: Path) -> None:
    path = with_table(tmp_path, 'select = ["comfort-zone"]\n')
    assert fired(advise_json(path)) == ["comfort-zone"]
    data = advise_json(path, "--select", "NP2")
    assert "comfort-zone" not in fired(data)
    assert {f["kind"] for f in data["findings"]} == {"con"}
    assert "comfort-zone" in data["rules_off"]


def test_cli_select_replaces_the_file_ignore_too(tmp_path: Path) -> None:
    """As `--help` says: --select replaces the file's [netplan] select and ignore."""
    path = with_table(tmp_path, 'ignore = ["comfort-zone"]\n')
    data = advise_json(path, "--select", "NP3")
    assert fired(data) == ["comfort-zone"]
    assert "comfort-zone" not in data["rules_off"]


def test_cli_ignore_adds_to_the_file_selection(tmp_path: Path) -> None:
    path = with_table(tmp_path, 'select = ["NP2"]\n')
    data = advise_json(path, "--ignore", "group-size")
    assert {f["kind"] for f in data["findings"]} == {"con"}
    assert "group-size" not in fired(data)


# --- unknown rules and settings ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (("--select", "comfort-zon"), "unknown rule 'comfort-zon' (did you mean 'comfort-zone'?)"),
        (("--ignore", "grup-size"), "unknown rule 'grup-size' (did you mean 'group-size'?)"),
        (
            ("--select", "NP2", "--ignore", "distractoin"),
            "unknown rule 'distractoin' (did you mean 'distraction'?)",
        ),
    ],
)
@pytest.mark.parametrize("command", ["advise", "checklist"])
def test_unknown_rule_on_the_command_line(
    command: str, flags: tuple[str, ...], message: str
) -> None:
    result = run(command, str(TRADE_SHOW), *flags)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_unknown_rule_on_the_command_line_is_checked_before_reading(tmp_path: Path) -> None:
    result = run("advise", str(tmp_path / "missing.toml"), "--ignore", "comfort-zon")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "did you mean 'comfort-zone'" in result.stderr


@pytest.mark.parametrize("key", ["select", "ignore"])
def test_unknown_rule_in_the_file(tmp_path: Path, key: str) -> None:
    path = with_table(tmp_path, f'{key} = ["comfort-zon"]\n')
    line = line_of(path, f'{key} = ["comfort-zon"]')
    for command in ("advise", "validate"):
        result = run(command, str(path))
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.startswith(
            f"{path}:{line}: netplan.{key}[0]: unknown rule 'comfort-zon' "
            "(did you mean 'comfort-zone'?)"
        ), result.stderr


def test_unknown_setting_in_the_file(tmp_path: Path) -> None:
    path = with_table(tmp_path, "large_groop = 4\n")
    line = line_of(path, "large_groop = 4")
    result = run("advise", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{path}:{line}: netplan.large_groop: unknown key" in result.stderr
    assert "did you mean 'large_group'" in result.stderr


@pytest.mark.parametrize(
    "table",
    [
        "large_group = 1\n",
        'large_group = "3"\n',
        "default_new_contacts_goal = -1\n",
        "regroup_minutes = 0\n",
        'select = [""]\n',
    ],
)
def test_bad_setting_values_are_exit_2(tmp_path: Path, table: str) -> None:
    path = with_table(tmp_path, table)
    line = line_of(path, table.rstrip("\n"))
    key = table.split(" ", maxsplit=1)[0]
    result = run("advise", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}:{line}: netplan.{key}"), result.stderr


# --- ignored rules and the bring/leave decisions -------------------------------------------------

EXPERT_SOCIALIZER = """\
[event]
name = "FinOps Expo"
kind = "trade-show"
topics = ["payments"]

[me]
name = "Robin"

[[colleagues]]
name = "Lena"
style = "socializer"
expertise = ["payments"]
"""


def test_ignored_cons_do_not_send_a_colleague_home(tmp_path: Path) -> None:
    path = write(tmp_path, EXPERT_SOCIALIZER)
    lena = colleague(advise_json(path), "Lena")
    assert lena["recommendation"] == "leave"
    assert set(lena["reasons"]) == {"socializing-risk", "distraction"}

    data = advise_json(path, "--ignore", "distraction", "--ignore", "socializing-risk")
    lena = colleague(data, "Lena")
    assert lena == {"name": "Lena", "recommendation": "bring", "reasons": ["subject-experts"]}
    assert data["verdict"] == "go-together"
    assert data["rules_off"] == ["socializing-risk", "distraction"]


def test_ignored_pros_do_not_bring_a_colleague(tmp_path: Path) -> None:
    path = write(tmp_path, EXPERT_SOCIALIZER.replace('style = "socializer"\n', ""))
    assert colleague(advise_json(path), "Lena")["recommendation"] == "bring"
    data = advise_json(path, "--ignore", "subject-experts")
    lena = colleague(data, "Lena")
    assert lena["recommendation"] == "leave"
    assert "subject-experts" not in lena["reasons"]
    assert data["verdict"] == "go-alone"


NO_REASON = """\
[event]
name = "Harbour Mixer"
kind = "mixer"

[me]
name = "Robin"

[[colleagues]]
name = "Ana"
"""


def test_group_size_ignored_leaves_a_colleague_without_reasons(tmp_path: Path) -> None:
    # Two colleagues: with you, a group of 3, the large_group default.
    path = write(tmp_path, NO_REASON + '\n[[colleagues]]\nname = "Bo"\n')
    assert colleague(advise_json(path), "Ana") == {
        "name": "Ana",
        "recommendation": "leave",
        "reasons": ["group-size"],
    }
    data = advise_json(path, "--ignore", "group-size")
    assert colleague(data, "Ana") == {"name": "Ana", "recommendation": "leave", "reasons": []}
    assert "group-size" not in json.dumps(data["colleagues"])


# --- settings ------------------------------------------------------------------------------------


def test_large_group_setting(tmp_path: Path) -> None:
    plain = write(tmp_path, NO_REASON, "plain.toml")
    assert "group-size" not in fired(advise_json(plain))
    path = with_table(tmp_path, "large_group = 2\n", source=plain)
    data = advise_json(path)
    group = [f for f in data["findings"] if f["rule"] == "group-size"]
    assert len(group) == 1
    assert group[0]["subjects"] == ["Ana"]
    assert "group of 2" in group[0]["message"]


WARM_INTRO = """\
[event]
name = "Harbour Mixer"
kind = "mixer"
{goal}
[me]
name = "Robin"

[[colleagues]]
name = "Ana"
knows = ["Pat Lee"]

[[targets]]
name = "Pat Lee"
"""


def test_regroup_minutes_setting(tmp_path: Path) -> None:
    # Two colleagues who know the target: the group splits up and regroups.
    split = WARM_INTRO.format(goal="") + '\n[[colleagues]]\nname = "Bo"\nknows = ["Pat Lee"]\n'
    plain = write(tmp_path, split, "plain.toml")
    before = run("checklist", str(plain))
    assert before.exit_code == 0, before.stderr
    assert "every 45 minutes" in before.stdout
    path = with_table(tmp_path, "regroup_minutes = 30\n", source=plain)
    result = run("checklist", str(path))
    assert result.exit_code == 0, result.stderr
    assert "every 30 minutes" in result.stdout
    assert "45" not in result.stdout
    text = run("advise", str(path), "--no-color").stdout
    assert "regroup every 30 minutes" in " ".join(text.split())


def test_default_new_contacts_goal_setting(tmp_path: Path) -> None:
    path = with_table(
        tmp_path,
        "default_new_contacts_goal = 5\n",
        source=write(tmp_path, WARM_INTRO.format(goal=""), "plain.toml"),
    )
    data = advise_json(path)
    assert data["event"]["new_contacts_goal"] == 5
    checklist = run("checklist", str(path)).stdout
    assert "meet at least 5 new people" in checklist
    assert "goal of 5" in checklist


def test_the_events_own_goal_wins_over_the_setting(tmp_path: Path) -> None:
    source = write(tmp_path, WARM_INTRO.format(goal="new_contacts_goal = 2\n"), "plain.toml")
    path = with_table(tmp_path, "default_new_contacts_goal = 5\n", source=source)
    data = advise_json(path)
    assert data["event"]["new_contacts_goal"] == 2
    checklist = run("checklist", str(path)).stdout
    assert "meet at least 2 new people" in checklist
    assert "5 new people" not in checklist


def test_default_new_contacts_goal_is_3(tmp_path: Path) -> None:
    path = write(tmp_path, WARM_INTRO.format(goal=""))
    assert advise_json(path)["event"]["new_contacts_goal"] == 3
