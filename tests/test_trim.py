"""Cutting a document before validation: wrong items past what can be shown are counted,
not turned into an error object each (see sources/trim.py)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from netplan.model.event import Event, Target
from netplan.sources.event import MAX_PROBLEMS
from netplan.sources.trim import _all_fine, _keys, trim
from tests.test_hostile_bounds import HEAD, netplan, peak_bytes, write

BASE: dict[str, Any] = {"event": {"name": "Expo", "kind": "mixer"}, "me": {"name": "Robin"}}


def doc_with(**parts: Any) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    for key, value in parts.items():
        if key == "topics":
            doc["event"]["topics"] = value
        else:
            doc[key] = value
    return doc


def errors_of(doc: dict[str, Any]) -> int:
    try:
        Event.model_validate(doc)
    except ValidationError as e:
        return e.error_count()
    return 0


def test_a_valid_document_is_handed_on_as_it_is() -> None:
    targets = [{"name": f"T{i}", "interests": ["fraud", "payments"]} for i in range(1000)]
    colleagues = [{"name": "Ann", "knows": ["T1", "T2"], "expertise": ["fraud"]}]
    doc = doc_with(targets=targets, colleagues=colleagues, topics=["fraud"])
    trimmed = trim(doc, Event, MAX_PROBLEMS)
    assert trimmed.doc is doc
    assert trimmed.cut == 0


def test_a_list_of_wrong_texts_is_cut_after_the_allowance_and_the_rest_counted() -> None:
    topics: list[Any] = ["fine", *range(1000), "also fine"]
    doc = doc_with(topics=topics)
    original = copy.deepcopy(doc)
    trimmed = trim(doc, Event, 10)
    kept = trimmed.doc["event"]["topics"]
    assert kept == topics[:11]  # the good one, then ten wrong ones, in place
    assert trimmed.cut == 990
    assert doc == original  # the parsed document itself is not changed
    # Validation sees only what is kept; together with the cut, nothing is lost.
    assert errors_of(trimmed.doc) + trimmed.cut == errors_of(doc) == 1000


def test_tables_with_unknown_and_missing_keys_count_each_problem() -> None:
    targets: list[Any] = [{"name": "Good"}] + [{"x": 1, "y": 2}] * 300 + ["not a table"]
    doc = doc_with(targets=targets)
    trimmed = trim(doc, Event, 5)
    assert trimmed.doc["targets"] == targets[:6]
    # Each cut table: a missing name and two unknown keys; the string: one.
    assert trimmed.cut == 295 * 3 + 1
    assert errors_of(trimmed.doc) + trimmed.cut == errors_of(doc)


def test_wrong_items_deep_in_a_kept_table_are_cut_too() -> None:
    targets = [{"name": "A", "interests": [1] * 100}, {"name": "B", "interests": [2] * 100}]
    trimmed = trim(doc_with(targets=targets), Event, 30)
    assert trimmed.doc["targets"][0]["interests"] == [1] * 30
    assert trimmed.doc["targets"][1]["interests"] == []  # cut at its first item
    assert trimmed.cut == 170


def test_the_allowance_is_shared_by_the_whole_document() -> None:
    doc = doc_with(
        topics=[1] * 20,
        colleagues=[{"name": "Ann", "knows": [2] * 20}],
        netplan={"ignore": [3] * 20},
    )
    trimmed = trim(doc, Event, 25)
    total = (
        len(trimmed.doc["event"]["topics"])
        + len(trimmed.doc["colleagues"][0]["knows"])
        + len(trimmed.doc["netplan"]["ignore"])
    )
    assert total == 25
    assert trimmed.cut == 35


# Items of a list of targets: fine ones and each way of being wrong.
ITEMS = st.one_of(
    st.builds(lambda n: {"name": n}, st.text(min_size=1, max_size=3)),
    st.builds(
        lambda n, i: {"name": n, "interests": i},
        st.text(min_size=1, max_size=3),
        st.lists(st.one_of(st.text(max_size=3), st.integers(), st.none()), max_size=3),
    ),
    st.builds(lambda: {"title": "no name"}),
    st.builds(lambda: {"name": "x", "nickname": "unknown key"}),
    st.builds(lambda n: {"name": "x", "interests": n}, st.one_of(st.text(), st.integers())),
    st.integers(),
    st.text(max_size=3),
    st.lists(st.integers(), max_size=2),
)


@given(st.lists(ITEMS, max_size=30))
def test_the_quick_check_agrees_with_the_item_by_item_one(items: list[Any]) -> None:
    """The check that skips the item-by-item walk says "fine" only when that walk
    would find no wrong item (a walk with no allowance cuts at the first one)."""
    slow = trim(doc_with(targets=items), Event, 0).cut == 0
    if _all_fine(items, _keys(Target)):
        assert slow
    elif all(isinstance(i, dict) and "name" in i and i.keys() <= {"name"} for i in items):
        raise AssertionError("plain named targets must pass the quick check")


@given(st.lists(ITEMS, max_size=30), st.integers(min_value=0, max_value=10))
def test_nothing_is_lost_between_what_is_validated_and_what_is_cut(
    items: list[Any], allowance: int
) -> None:
    doc = doc_with(targets=items)
    trimmed = trim(doc, Event, allowance)
    kept = trimmed.doc["targets"]
    for new, old in zip(kept, items, strict=False):  # in place; lists inside only shortened
        if isinstance(old, dict) and isinstance(old.get("interests"), list):
            assert new == {**old, "interests": old["interests"][: len(new["interests"])]}
        else:
            assert new == old
    assert len(kept) <= len(items)
    if trimmed.cut:
        assert errors_of(trimmed.doc) >= allowance  # enough left to show
        assert errors_of(trimmed.doc) + trimmed.cut <= errors_of(doc)


def test_validate_counts_every_problem_it_did_not_validate(tmp_path: Path) -> None:
    many = 1000
    path = write(tmp_path, HEAD + "[[targets]]\nx = 1\n" * many)
    status, out, err = netplan("validate", path)
    assert status == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[0].endswith("targets[0].name: required key is missing")
    # Two problems per table (no name, an unknown key), as if every one were validated.
    assert lines[-1] == f"{path}: ... and {2 * many - MAX_PROBLEMS:,} more problems not shown"


TOPICS = HEAD.replace('kind = "mixer"\n', 'kind = "mixer"\ntopics = [' + "1," * 200_000 + "]\n")
UNNAMED = HEAD + "[[targets]]\nx = 1\n" * 40_000


@pytest.mark.parametrize("text", [TOPICS, UNNAMED], ids=["numbers as topics", "unnamed targets"])
def test_many_wrong_items_cost_memory_for_what_is_shown_only(text: str, tmp_path: Path) -> None:
    path = write(tmp_path, text)
    # An error object of a kilobyte or so each would be hundreds of MiB here; what is
    # held is the parsed file and the problems shown.
    assert peak_bytes(lambda: netplan("validate", path)) < 30 * len(text)
