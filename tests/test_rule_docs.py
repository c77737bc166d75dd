"""`netplan rules` and `netplan explain`: the documentation comes from the rule objects."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from netplan.cli import app
from netplan.engine import make_plan
from netplan.model.event import SECTIONS, Event, NetplanConfig, fields_of
from netplan.model.matching import assemble
from netplan.rules import ALL_RULES, Rule
from netplan.sources.event import parse_event

runner = CliRunner()

EXPECTED_RULES = [
    ("NP101", "meet-new-people", "pro"),
    ("NP102", "subject-experts", "pro"),
    ("NP103", "moral-support", "pro"),
    ("NP201", "socializing-risk", "con"),
    ("NP202", "distraction", "con"),
    ("NP203", "group-size", "con"),
    ("NP204", "track-record", "con"),
    ("NP301", "comfort-zone", "tip"),
    ("NP302", "already-met", "tip"),
    ("NP303", "not-registered", "tip"),
]

FULL_KEYS = {
    "code",
    "name",
    "kind",
    "summary",
    "rationale",
    "article_point",
    "reads",
    "settings",
    "example",
}


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def flat(text: str) -> str:
    """Whitespace-insensitive form, since explain wraps paragraphs."""
    return " ".join(text.split())


def rule_ids(rule: Rule) -> str:
    return rule.name


# --- rules ---------------------------------------------------------------------------------------


def test_registry_has_the_ten_rules() -> None:
    assert [(r.code, r.name, r.kind) for r in ALL_RULES] == EXPECTED_RULES


def test_rules_lists_every_rule_in_registry_order() -> None:
    result = run("rules")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(ALL_RULES) == 10
    pattern = re.compile(r"^(NP\d{3})\s+(\S+)\s+(pro|con|tip)\s+(\S.*)$")
    rows = []
    for line in lines:
        match = pattern.match(line)
        assert match, line
        rows.append(match.groups())
    assert rows == [(r.code, r.name, r.kind, r.summary) for r in ALL_RULES]


def test_rules_columns_line_up() -> None:
    lines = run("rules").stdout.splitlines()
    starts = {line.index(rule.summary) for line, rule in zip(lines, ALL_RULES, strict=True)}
    assert len(starts) == 1


def test_rules_json_matches_the_registry() -> None:
    result = run("rules", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == [
        {"code": r.code, "name": r.name, "kind": r.kind, "summary": r.summary} for r in ALL_RULES
    ]


# --- explain -------------------------------------------------------------------------------------


def selectors(rule: Rule) -> list[str]:
    return [rule.name, rule.name.upper(), rule.code, rule.code.lower(), f" {rule.name} "]


@pytest.mark.parametrize("rule", ALL_RULES, ids=rule_ids)
def test_explain_by_name_and_code_case_insensitive(rule: Rule) -> None:
    outputs = set()
    for selector in selectors(rule):
        result = run("explain", selector)
        assert result.exit_code == 0, (selector, result.stderr)
        outputs.add(result.stdout)
    assert len(outputs) == 1


@pytest.mark.parametrize("rule", ALL_RULES, ids=rule_ids)
def test_explain_prints_every_section(rule: Rule) -> None:
    result = run("explain", rule.name)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    assert lines[0] == f"{rule.code} {rule.name} ({rule.kind})"
    assert flat(rule.summary) in flat(out)
    assert flat(rule.rationale) in flat(out)
    assert flat(rule.article_point) in flat(out)
    assert "Networking With Co-Workers: Good Or Bad?" in out

    # Reads: every field, one per line, right under the heading.
    reads_at = lines.index("Reads")
    assert lines[reads_at + 1 : reads_at + 1 + len(rule.reads)] == [f"  {f}" for f in rule.reads]

    # Settings, with their defaults taken from NetplanConfig.
    settings_at = next(i for i, line in enumerate(lines) if line.startswith("Settings"))
    section = lines[settings_at + 1 : lines.index("", settings_at)]
    if rule.settings:
        for name in rule.settings:
            field = NetplanConfig.model_fields[name]
            assert f"  {name} = {field.default!r}" in section
            assert field.description
            assert flat(field.description) in flat("\n".join(section))
    else:
        assert section == ["  none"]

    # The example event, indented, in order, at the end.
    example_at = next(i for i, line in enumerate(lines) if line.startswith("Example"))
    shown = [line.removeprefix("  ") for line in lines[example_at + 1 :]]
    assert shown == rule.example.rstrip("\n").splitlines()


def test_explain_shows_the_real_defaults() -> None:
    out = run("explain", "group-size").stdout
    assert "  large_group = 3" in out.splitlines()
    out = run("explain", "comfort-zone").stdout
    assert "  default_new_contacts_goal = 3" in out.splitlines()
    assert "  regroup_minutes = 45" in out.splitlines()


@pytest.mark.parametrize(
    ("selector", "suggestion"),
    [
        ("grup-size", "group-size"),
        ("comfort-zon", "comfort-zone"),
        ("distractoin", "distraction"),
        ("NP2O3", "NP203"),
    ],
)
def test_explain_unknown_rule(selector: str, suggestion: str) -> None:
    result = run("explain", selector)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"unknown rule '{selector}'" in result.stderr
    assert f"did you mean '{suggestion}'" in result.stderr


def test_explain_unknown_rule_with_nothing_close() -> None:
    result = run("explain", "xyzzy")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown rule 'xyzzy'" in result.stderr


@pytest.mark.parametrize("rule", ALL_RULES, ids=rule_ids)
def test_explain_json_has_every_part(rule: Rule) -> None:
    result = run("explain", rule.code, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    assert set(data) == FULL_KEYS
    assert data == {
        "code": rule.code,
        "name": rule.name,
        "kind": rule.kind,
        "summary": rule.summary,
        "rationale": rule.rationale,
        "article_point": rule.article_point,
        "reads": list(rule.reads),
        "settings": [
            {
                "name": name,
                "default": NetplanConfig.model_fields[name].default,
                "description": NetplanConfig.model_fields[name].description,
            }
            for name in rule.settings
        ],
        "example": rule.example,
    }


# --- every rule is fully documented --------------------------------------------------------------


def _field_exists(path: str) -> bool:
    """'colleagues.style' → is `style` a key of a [[colleagues]] table?"""
    section, _, key = path.partition(".")
    if section == "history":  # your debriefed events: not in the event file
        return key in ("events", "people_met")
    if section not in Event.model_fields:
        return False
    return not key or key in fields_of(SECTIONS[section])


@pytest.mark.parametrize("rule", ALL_RULES, ids=rule_ids)
def test_every_rule_has_every_documented_part(rule: Rule) -> None:
    for part in ("summary", "rationale", "article_point", "example"):
        value = getattr(rule, part)
        assert isinstance(value, str), part
        assert value.strip(), f"{rule.name} has no {part}"
    assert "\n" not in rule.summary, "the summary is one line"
    assert rule.reads, f"{rule.name} reads no field"
    for field in rule.reads:
        assert _field_exists(field), f"{rule.name} reads unknown field {field!r}"
    config = set(NetplanConfig.model_fields) - {"select", "ignore"}
    for name in rule.settings:
        assert name in config, f"{rule.name} names unknown setting {name!r}"


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in ALL_RULES}) == len(ALL_RULES)
    assert len({r.name for r in ALL_RULES}) == len(ALL_RULES)


def test_every_setting_belongs_to_some_rule() -> None:
    documented = {s for r in ALL_RULES for s in r.settings}
    assert documented == set(NetplanConfig.model_fields) - {"select", "ignore"}


@pytest.mark.parametrize("rule", ALL_RULES, ids=rule_ids)
def test_example_is_a_valid_event_where_the_rule_fires(rule: Rule) -> None:
    event = parse_event(rule.example.encode(), f"{rule.name} example")
    history = rule.example_history() if rule.example_history else None
    people = assemble(event, rule.example_rosters()) if rule.example_rosters else None
    plan = make_plan(event, [rule], history=history, people=people)
    fired = [f for f in plan.findings if f.rule == rule.name]
    assert fired, f"{rule.name} does not fire on its own example"
    assert all((f.code, f.kind) == (rule.code, rule.kind) for f in fired)
