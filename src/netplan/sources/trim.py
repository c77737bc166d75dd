"""Cut a parsed document short where validating it would cost far more than reading it.

pydantic keeps an error object of about a kilobyte for every mistake, and builds
them all before netplan shows the first MAX_PROBLEMS: `topics = [1, 1, 1, ...]` or
`knows = ["", "", ...]` in a 4 MiB file makes two million of them (nearly 2 GiB), and
so do two hundred thousand `[[targets]]` tables with a wrong key or value. So the
long lists of a document are validated here first, a bounded batch at a time, with
each batch's errors counted and dropped. Once more errors have been seen than can be
shown, the list is cut after the item that holds the first one past them: what is
left keeps its indices, so every error the final validation reports is located at
the right line, and the errors of what was cut are counted, never kept.

A valid list of tables comes back as the models its batches made, which the final
validation takes as they are: a 100,000-target file is not validated twice.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import types
import typing
from collections.abc import Iterator
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from pydantic.dataclasses import is_pydantic_dataclass

from netplan.model.event import fields_of

# A list of text this short is left to the validation of the table it is in: it
# cannot add more than this many errors to it.
SHORT = 64
# A batch holds items that can make about this many errors in all, so its error objects
# stay a few MiB whatever the items hold.
BATCH_VALUES = 4096

_Shape = Literal["table", "tables", "texts"]
# A section: a model, or a pydantic dataclass (targets, for their size).
_Model = type


class _Field(NamedTuple):
    shape: _Shape
    model: _Model | None  # for "table" and "tables"
    items: TypeAdapter[list[Any]] | None  # for "tables" and "texts": validates a batch
    longest: int | None = None  # the field's max_length, if it has one


class _Keys(NamedTuple):
    fields: dict[str, _Field]  # only the fields that can hold a list, directly or deeper
    texts: tuple[str, ...]  # the fields that hold a list of text


class Trimmed(NamedTuple):
    doc: dict[str, Any]
    cut: int  # the errors of what was left out of the final validation


def trim(doc: dict[str, Any], model: _Model, allowance: int) -> Trimmed:
    """`doc` with each long list cut after the item holding the first error past
    `allowance` (the document itself is not changed: what differs is copied)."""
    walk = _Walk(allowance)
    return Trimmed(walk.table(doc, model, walk.budget), walk.cut)


class _Budget:
    """Errors that may still go to the final validation."""

    def __init__(self, allowance: int) -> None:
        self.left = allowance


class _Walk:
    def __init__(self, allowance: int) -> None:
        self.allowance = allowance
        self.budget = _Budget(allowance)  # the document's
        self.cut = 0

    def table(self, value: dict[str, Any], model: _Model, budget: _Budget) -> dict[str, Any]:
        copy: dict[str, Any] | None = None
        for key, field in _keys(model).fields.items():
            item = value.get(key)
            if isinstance(item, dict) and field.shape == "table" and field.model is not None:
                new: Any = self.table(item, field.model, budget)
            elif isinstance(item, list) and field.items is not None and field.model is not None:
                new = self.tables(item, field.model, field.items)
            elif isinstance(item, list) and field.items is not None and len(item) > SHORT:
                if field.longest is not None and len(item) > field.longest:
                    continue  # one error, "too many entries", found before any item is read
                new = self.checked(item, field.items, budget, per_item=0)
            else:
                continue
            if new is not item:
                copy = dict(value) if copy is None else copy
                copy[key] = new
        return value if copy is None else copy

    def tables(self, items: list[Any], model: _Model, adapter: TypeAdapter[list[Any]]) -> list[Any]:
        keys = _keys(model)
        if keys.fields and not _short_texts(items, keys):
            # A long list inside a table is cut first, on a budget of its own, so that
            # validating the table's batch cannot make an error per entry of it; the
            # table's errors (what is left of those among them) count on the
            # document's budget below.
            items = [
                self.table(t, model, _Budget(self.allowance)) if isinstance(t, dict) else t
                for t in items
            ]
        # What one table can get wrong: each key, and each list's entries, up to
        # SHORT or (cut above) the budget and one more.
        keys_at_most = max(map(len, items)) if items and _only(items, dict) else 1_000
        per_item = keys_at_most + len(keys.texts) * max(SHORT, self.allowance + 1)
        return self.checked(items, adapter, self.budget, per_item)

    def checked(
        self, items: list[Any], adapter: TypeAdapter[list[Any]], budget: _Budget, per_item: int
    ) -> list[Any]:
        """`items` validated a batch at a time: cut once the errors pass the budget.
        Items are tables that can make up to `per_item` errors each, and a batch that
        validates is replaced by the models it made; or (0) texts, one error at most."""
        models = per_item > 0
        out: list[Any] = []
        batches = _batches(items, max(per_item, 1))
        for start, end in batches:
            batch = items[start:end]
            try:
                made = adapter.validate_python(batch)
            except ValidationError as e:
                wrong = sorted(int(err["loc"][0]) for err in e.errors(include_url=False))
                if len(wrong) <= budget.left:
                    budget.left -= len(wrong)
                    out += batch
                    continue
                # Cut after the item holding the first error past the budget: kept
                # whole, as one table's errors are bounded and cutting it could leave
                # nothing to show. The errors after it, and those of the batches left,
                # are counted.
                at = wrong[budget.left] + 1
                kept = bisect.bisect_left(wrong, at)
                out += batch[:at]
                self.cut += len(wrong) - kept
                self.cut += sum(_count(adapter, items[s:t]) for s, t in batches)
                budget.left = 0
                return out
            else:
                out += made if models else batch
        return out if models else items


def _count(adapter: TypeAdapter[list[Any]], batch: list[Any]) -> int:
    """How many errors a batch has; the error objects are dropped at once."""
    try:
        adapter.validate_python(batch)
    except ValidationError as e:
        return e.error_count()
    return 0


def _batches(items: list[Any], per_item: int) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive batches of items that can make at most `per_item`
    errors each, about BATCH_VALUES errors a batch."""
    size = max(1, BATCH_VALUES // per_item)
    return ((start, min(start + size, len(items))) for start in range(0, len(items), size))


def _short_texts(items: list[Any], keys: _Keys) -> bool:
    """Whether no table in `items` holds a list of text longer than SHORT, checked with
    no Python code run per item."""
    tables = [t for t in items if isinstance(t, dict)] if not _only(items, dict) else items
    for name in keys.texts:
        given = list(filter(None, map(operator.methodcaller("get", name), tables)))
        lists = list(itertools.compress(given, map(isinstance, given, itertools.repeat(list))))
        if lists and max(map(len, lists)) > SHORT:
            return False
    return set(keys.fields) <= set(keys.texts)


def _only(values: list[Any], kind: type) -> bool:
    return set(map(type, values)) <= {kind}


@functools.cache
def _keys(model: _Model) -> _Keys:
    fields: dict[str, _Field] = {}
    for name, info in fields_of(model).items():
        shape = _shape_of(info.annotation)
        if shape is not None:
            # pydantic keeps `max_length` as a constraint object in the metadata.
            lengths = (getattr(m, "max_length", None) for m in info.metadata)
            longest = next((n for n in lengths if isinstance(n, int)), None)
            fields[name] = shape._replace(longest=longest)
    return _Keys(fields, tuple(n for n, f in fields.items() if f.shape == "texts"))


def _shape_of(annotation: Any) -> _Field | None:
    """What a field holds, as far as trimming cares: a table, a list of tables, a list
    of texts, or (None) anything else."""
    members = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(members) == 1:
        annotation = members[0]  # X | None
    if _is_model(annotation):
        return _Field("table", annotation, None)
    if typing.get_origin(annotation) is not list:
        return None
    (item,) = typing.get_args(annotation)
    # Strict, as the models are: a batch must fail exactly where the file would.
    adapter: TypeAdapter[list[Any]] = TypeAdapter(
        annotation, config=None if _is_model(item) else ConfigDict(strict=True)
    )
    if _is_model(item):
        return _Field("tables", item, adapter)
    return _Field("texts", None, adapter)


def _is_model(item: Any) -> bool:
    return isinstance(item, type) and (issubclass(item, BaseModel) or is_pydantic_dataclass(item))
