"""The rule registry: fixed order, stable codes, and select/get (documentation: test_rule_docs)."""

from __future__ import annotations

import pytest

from netplan.rules import ALL_RULES, Rule, UnknownRule, get, select

NAMES = (
    "meet-new-people",
    "subject-experts",
    "moral-support",
    "socializing-risk",
    "distraction",
    "group-size",
    "track-record",
    "comfort-zone",
    "already-met",
    "not-registered",
)
CODES = (
    "NP101",
    "NP102",
    "NP103",
    "NP201",
    "NP202",
    "NP203",
    "NP204",
    "NP301",
    "NP302",
    "NP303",
)
KIND_OF_FAMILY = {"NP1": "pro", "NP2": "con", "NP3": "tip"}


def names_of(rules: tuple[Rule, ...]) -> tuple[str, ...]:
    return tuple(r.name for r in rules)


def test_fixed_order_of_names_and_codes() -> None:
    assert names_of(ALL_RULES) == NAMES
    assert tuple(r.code for r in ALL_RULES) == CODES


@pytest.mark.parametrize("rule", ALL_RULES, ids=NAMES)
def test_kind_matches_code_family(rule: Rule) -> None:
    assert rule.kind == KIND_OF_FAMILY[rule.code[:3]]


# --- select ------------------------------------------------------------------------------------


def test_select_defaults_to_every_rule() -> None:
    assert select() == ALL_RULES
    assert select(None, []) == ALL_RULES


@pytest.mark.parametrize(
    ("chosen", "ignored", "expected"),
    [
        pytest.param(["group-size"], [], ("group-size",), id="by-name"),
        pytest.param(["NP202"], [], ("distraction",), id="by-code"),
        pytest.param(["np103"], [], ("moral-support",), id="by-code-lowercase"),
        pytest.param([" Group-Size "], [], ("group-size",), id="name-case-and-spaces"),
        pytest.param(
            ["NP2"],
            [],
            ("socializing-risk", "distraction", "group-size", "track-record"),
            id="code-prefix",
        ),
        pytest.param(
            ["np1"], [], ("meet-new-people", "subject-experts", "moral-support"), id="prefix-lower"
        ),
        pytest.param(
            ["comfort-zone", "NP101"], [], ("meet-new-people", "comfort-zone"), id="registry-order"
        ),
        pytest.param(
            None,
            ["NP2"],
            (
                "meet-new-people",
                "subject-experts",
                "moral-support",
                "comfort-zone",
                "already-met",
                "not-registered",
            ),
            id="ignore-prefix",
        ),
        pytest.param(
            ["NP2"],
            ["group-size"],
            ("socializing-risk", "distraction", "track-record"),
            id="select-then-ignore",
        ),
        pytest.param(["group-size"], ["NP203"], (), id="ignore-wins-same-rule"),
        pytest.param(["NP203"], ["NP2"], (), id="ignore-wins-by-broader-prefix"),
    ],
)
def test_select(chosen: list[str] | None, ignored: list[str], expected: tuple[str, ...]) -> None:
    assert names_of(select(chosen, ignored)) == expected


@pytest.mark.parametrize(
    ("chosen", "ignored", "culprit"),
    [
        pytest.param(["no-such-rule"], [], "no-such-rule", id="unknown-name"),
        pytest.param(["NP9"], [], "NP9", id="unknown-prefix"),
        pytest.param(["NP101"], ["NP404"], "NP404", id="unknown-in-ignore"),
        pytest.param(["group"], [], "group", id="name-prefix-is-not-a-selector"),
        pytest.param([""], [], "", id="empty"),
        pytest.param(["   "], [], "   ", id="blank"),
    ],
)
def test_select_rejects_unknown(chosen: list[str], ignored: list[str], culprit: str) -> None:
    with pytest.raises(UnknownRule) as info:
        select(chosen, ignored)
    assert info.value.selector == culprit
    assert f"unknown rule '{culprit}'" in str(info.value)


@pytest.mark.parametrize(
    ("selector", "suggestion"),
    [
        ("group-sise", "group-size"),
        ("Moral-Suport", "moral-support"),
        ("distractions", "distraction"),
        ("np2033", "NP203"),
    ],
)
def test_unknown_rule_suggests_the_nearest(selector: str, suggestion: str) -> None:
    with pytest.raises(UnknownRule) as info:
        select([selector])
    assert str(info.value) == f"unknown rule '{selector}' (did you mean '{suggestion}'?)"


def test_unknown_rule_without_a_near_match_has_no_hint() -> None:
    with pytest.raises(UnknownRule) as info:
        select(["zzzzzzzzzzzz"])
    assert str(info.value) == "unknown rule 'zzzzzzzzzzzz'"
    assert isinstance(info.value, ValueError)


# --- get ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("selector", "name"),
    [
        ("group-size", "group-size"),
        ("GROUP-SIZE", "group-size"),
        ("NP203", "group-size"),
        ("np101", "meet-new-people"),
        (" comfort-zone ", "comfort-zone"),
    ],
)
def test_get_by_exact_name_or_code(selector: str, name: str) -> None:
    assert get(selector).name == name


@pytest.mark.parametrize("selector", ["NP2", "NP", "group", "nope", ""])
def test_get_refuses_prefixes_and_unknowns(selector: str) -> None:
    with pytest.raises(UnknownRule):
        get(selector)


def test_get_unknown_suggests() -> None:
    with pytest.raises(UnknownRule, match=r"did you mean 'subject-experts'\?"):
        get("subject-expert")


@pytest.mark.parametrize("selector", ["N", "NP", "np", "NP9", "NP1000", "X1"])
def test_a_code_prefix_needs_a_digit_and_a_real_code(selector: str) -> None:
    """'N' or 'NP' would silently match every rule; they are refused instead."""
    with pytest.raises(UnknownRule):
        select([selector])
