"""Cutting a document before validation: errors past what can be shown are counted,
not turned into an error object each (see sources/trim.py)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

from netplan.model.event import MAX_KNOWS, MAX_LIST_ITEMS, Event, Target
from netplan.sources.event import MAX_PROBLEMS
from netplan.sources.trim import SHORT, trim
from tests.test_hostile_bounds import HEAD, netplan, peak_bytes, write

TARGET = TypeAdapter(Target)
BASE: dict[str, Any] = {"event": {"name": "Expo", "kind": "mixer"}, "me": {"name": "Robin"}}


def doc_with(**parts: Any) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    for key, value in parts.items():
        if key in ("topics", "me"):
            doc["event" if key == "topics" else "me"].update(
                {"topics": value} if key == "topics" else value
            )
        else:
            doc[key] = value
    return doc


def errors_of(doc: dict[str, Any]) -> int:
    try:
        Event.model_validate(doc)
    except ValidationError as e:
        return e.error_count()
    return 0


def plain(value: Any) -> Any:
    """`value` with the models trimming made turned back into what they were made of."""
    if isinstance(value, BaseModel):
        return value.model_dump(exclude_unset=True)
    if isinstance(value, Target):  # a dataclass keeps no record of what was given
        return TARGET.dump_python(value, exclude_defaults=True)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def test_a_valid_document_is_validated_once() -> None:
    targets = [{"name": f"T{i}", "interests": ["fraud", "payments"]} for i in range(1000)]
    colleagues = [{"name": "Ann", "knows": [f"T{i}" for i in range(200)], "expertise": ["x"]}]
    doc = doc_with(targets=targets, colleagues=colleagues, topics=["fraud"] * 100)
    trimmed = trim(doc, Event, MAX_PROBLEMS)
    assert trimmed.cut == 0
    # Its tables come back as the models their batches made, taken as they are.
    assert all(isinstance(t, Target) for t in trimmed.doc["targets"])
    assert Event.model_validate(trimmed.doc) == Event.model_validate(doc)
    assert plain(trimmed.doc) == doc


def test_a_list_of_wrong_texts_is_cut_after_the_allowance_and_the_rest_counted() -> None:
    topics: list[Any] = ["fine", *range(900), "also fine"]
    doc = doc_with(topics=topics)
    original = copy.deepcopy(doc)
    trimmed = trim(doc, Event, 10)
    # The good one, the ten wrong ones allowed, and the first past them, to show.
    assert trimmed.doc["event"]["topics"] == topics[:12]
    assert trimmed.cut == 889
    assert doc == original  # the parsed document itself is not changed
    assert errors_of(trimmed.doc) + trimmed.cut == errors_of(doc) == 900


def test_a_list_longer_than_its_field_allows_is_one_error_and_not_read() -> None:
    # pydantic refuses it on its length before reading an item: nothing to cut.
    topics = [1] * (MAX_LIST_ITEMS + 1)
    doc = doc_with(topics=topics)
    trimmed = trim(doc, Event, 10)
    assert trimmed.doc["event"]["topics"] is topics
    assert trimmed.cut == 0
    assert errors_of(doc) == 1


@pytest.mark.parametrize(
    "parts",
    [
        {"colleagues": [{"name": "Ann", "knows": ["", " "] * 500}]},  # blank names
        {"me": {"new_to": ["sales", "golf"] * 500}},  # not one of the choices
        {"targets": [{"name": n} for n in range(1000)]},  # a number for a name
        {"targets": [{"x": 1, "y": 2}] * 300 + ["not a table"]},  # unknown and missing keys
        {"targets": [{"name": "A", "interests": [1] * 100}, {"name": "B", "interests": [2] * 9}]},
        {"netplan": {"ignore": ["a" * 201] * 900}},  # too long
    ],
    ids=["blank", "choice", "type", "keys", "nested", "length"],
)
def test_every_kind_of_mistake_is_cut_and_counted(parts: dict[str, Any]) -> None:
    doc = doc_with(**parts)
    trimmed = trim(doc, Event, 30)
    shown = errors_of(trimmed.doc)
    assert 0 < shown <= 2 * 30 + SHORT
    assert shown + trimmed.cut == errors_of(doc)


def test_the_allowance_is_shared_by_the_whole_document() -> None:
    doc = doc_with(topics=[1] * 100, netplan={"ignore": [3] * 100})
    trimmed = trim(doc, Event, 25)
    # 25 and the one past them; then only the first wrong entry of the next list.
    kept = len(trimmed.doc["event"]["topics"]) + len(trimmed.doc["netplan"]["ignore"])
    assert kept == 27
    assert trimmed.cut == 173


def test_a_table_with_more_mistakes_than_can_be_shown_is_still_shown() -> None:
    # Its errors pass the allowance on their own: cutting it would leave nothing to show.
    doc = doc_with(targets=[{"name": "A", "interests": [1] * 100, "x": 1}, {"name": "B", "y": 2}])
    trimmed = trim(doc, Event, 10)
    assert [plain(t)["name"] for t in trimmed.doc["targets"]] == ["A"]
    assert errors_of(trimmed.doc) == 12  # eleven entries of its list and its unknown key
    assert errors_of(trimmed.doc) + trimmed.cut == errors_of(doc)


# Items of a list of targets: fine ones and each way of being wrong.
ITEMS = st.one_of(
    st.builds(lambda n: {"name": n}, st.text(min_size=1, max_size=3)),
    st.builds(
        lambda n, i: {"name": n, "interests": i},
        st.text(max_size=3),
        st.lists(st.one_of(st.text(max_size=3), st.integers(), st.none()), max_size=80),
    ),
    st.builds(lambda: {"title": "no name"}),
    st.builds(lambda: {"name": "x", "nickname": "unknown key"}),
    st.builds(lambda n: {"name": "x", "interests": n}, st.one_of(st.text(), st.integers())),
    st.builds(lambda p: {"name": "x", "priority": p}, st.sampled_from(["high", "urgent", 1])),
    st.integers(),
    st.text(max_size=3),
    st.lists(st.integers(), max_size=2),
)


@given(st.lists(ITEMS, max_size=40), st.integers(min_value=1, max_value=10))
def test_nothing_is_lost_between_what_is_validated_and_what_is_cut(
    items: list[Any], allowance: int
) -> None:
    doc = doc_with(targets=items)
    trimmed = trim(doc, Event, allowance)
    total = errors_of(doc)
    shown = errors_of(trimmed.doc)
    assert shown + trimmed.cut == total
    assert (shown > 0) == (total > 0)  # something to show whenever something is wrong
    for new, old in zip(trimmed.doc["targets"], items, strict=False):
        if isinstance(new, Target):  # a valid batch: the targets it made
            assert new == TARGET.validate_python(old)
        elif isinstance(old, dict) and isinstance(old.get("interests"), list):
            # In place; a list inside only shortened.
            assert new["interests"] == old["interests"][: len(new["interests"])]
            assert {**new, "interests": None} == {**old, "interests": None}
        else:
            assert new == old


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


# Each within the caps on how many entries a file or a list may hold (a longer list is
# refused on its length before an item is read): what reaches validation.
INTERESTS = HEAD + "".join(
    f'[[targets]]\nname = "T{i}"\ninterests = [{"1," * MAX_LIST_ITEMS}]\n' for i in range(200)
)
UNNAMED = HEAD + "[[targets]]\nx = 1\n" * 40_000
BLANKS = HEAD + '[[colleagues]]\nname = "Ann"\nknows = [' + '"",' * MAX_KNOWS + "]\n"
NUMBERS = HEAD + "[[targets]]\nname = 1\n" * 40_000


@pytest.mark.parametrize(
    "text",
    [INTERESTS, UNNAMED, BLANKS, NUMBERS],
    ids=["numbers as interests", "unnamed targets", "blank names", "numbers as names"],
)
def test_many_wrong_items_cost_memory_for_what_is_shown_only(text: str, tmp_path: Path) -> None:
    path = write(tmp_path, text)
    # An error object of a kilobyte or so each would be hundreds of MiB here; what is
    # held is the parsed file and the problems shown.
    assert peak_bytes(lambda: netplan("validate", path)) < 30 * len(text)
