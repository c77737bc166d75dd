"""Cut a parsed document short where validating it would cost far more than reading it.

pydantic keeps an error object of about a kilobyte for every wrong item, and builds
them all before netplan shows the first MAX_PROBLEMS: `topics = [1, 1, 1, ...]` in a
4 MiB file makes two million of them (nearly 2 GiB), and so do two hundred thousand
`[[targets]]` tables with an unknown key and no name. Such items are recognised here
from the models' own fields (strict mode makes each of them certainly an error), and
once more of them have been seen than can be shown, the list holding the next one is
cut at that item: what is left keeps its indices, so every error pydantic reports is
still located at the right line, and the problems of the items cut are counted, not
validated.
"""

from __future__ import annotations

import functools
import itertools
import operator
import types
import typing
from collections.abc import Iterable
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel

_Shape = Literal["table", "tables", "texts"]


class _Field(NamedTuple):
    shape: _Shape
    model: type[BaseModel] | None  # for "table" and "tables"


class _Keys(NamedTuple):
    known: frozenset[str]
    required: frozenset[str]
    fields: dict[str, _Field]  # only the fields that can hold a list, directly or deeper


class Trimmed(NamedTuple):
    doc: dict[str, Any]
    cut: int  # the certain problems of the items left out of validation


def trim(doc: dict[str, Any], model: type[BaseModel], allowance: int) -> Trimmed:
    """`doc` with every list cut at its first wrong item once `allowance` wrong items
    have been kept (the document itself is not changed: what is cut is copied)."""
    walk = _Walk(allowance)
    return Trimmed(walk.table(doc, model), walk.cut)


class _Walk:
    def __init__(self, allowance: int) -> None:
        self.left = allowance
        self.cut = 0

    def table(self, value: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
        copy: dict[str, Any] | None = None
        for key, field in _keys(model).fields.items():
            item = value.get(key)
            if isinstance(item, dict) and field.shape == "table" and field.model is not None:
                new: Any = self.table(item, field.model)
            elif isinstance(item, list) and field.shape == "tables" and field.model is not None:
                new = self.tables(item, field.model)
            elif isinstance(item, list) and field.shape == "texts":
                new = self.texts(item)
            else:
                continue
            if new is not item:
                copy = dict(value) if copy is None else copy
                copy[key] = new
        return value if copy is None else copy

    def tables(self, items: list[Any], model: type[BaseModel]) -> list[Any]:
        keys = _keys(model)
        if _all_fine(items, keys):
            return items
        copy: list[Any] | None = None
        for n, item in enumerate(items):
            if _problems(item, keys) and not self._keep():
                self.cut += sum(_problems(rest, keys) for rest in items[n:])
                return (items if copy is None else copy)[:n]
            new = self.table(item, model) if isinstance(item, dict) and keys.fields else item
            if new is not item and copy is None:
                copy = list(items)
            if copy is not None:
                copy[n] = new
        return items if copy is None else copy

    def texts(self, items: list[Any]) -> list[Any]:
        if _only(items, str):
            return items
        for n, item in enumerate(items):
            if not isinstance(item, str) and not self._keep():
                self.cut += sum(1 for rest in items[n:] if not isinstance(rest, str))
                return items[:n]
        return items

    def _keep(self) -> bool:
        """Whether a wrong item may still go to validation (uses up the allowance)."""
        if self.left > 0:
            self.left -= 1
            return True
        return False


def _all_fine(items: list[Any], keys: _Keys) -> bool:
    """Whether no item is wrong in the ways `_problems` and `texts` look for, checked
    with no Python code run per item: a valid list of 100,000 targets costs a few
    milliseconds here. False sends the list down the item-by-item path."""
    if not _only(items, dict) or not all(map(keys.known.issuperset, items)):
        return False
    if not all(all(map(operator.contains, items, itertools.repeat(k))) for k in keys.required):
        return False
    for name, field in keys.fields.items():
        if field.shape != "texts":
            return False
        given = list(filter(None, map(operator.methodcaller("get", name), items)))
        if not _only(given, list) or not _only(itertools.chain.from_iterable(given), str):
            return False
    return True


def _only(values: Iterable[Any], kind: type) -> bool:
    return set(map(type, values)) <= {kind}


def _problems(item: Any, keys: _Keys) -> int:
    """The errors an item of a list of tables certainly has (its unknown keys and its
    missing ones), 0 when it has none of these."""
    if not isinstance(item, dict):
        return 1
    if item.keys() <= keys.known and keys.required <= item.keys():
        return 0
    return len(item.keys() - keys.known) + len(keys.required - item.keys())


@functools.cache
def _keys(model: type[BaseModel]) -> _Keys:
    fields: dict[str, _Field] = {}
    for name, info in model.model_fields.items():
        shape = _shape_of(info.annotation)
        if shape is not None:
            fields[name] = shape
    return _Keys(
        frozenset(model.model_fields),
        frozenset(name for name, info in model.model_fields.items() if info.is_required()),
        fields,
    )


def _shape_of(annotation: Any) -> _Field | None:
    """What a field holds, as far as trimming cares: a table, a list of tables, a list
    of texts, or (None) anything else."""
    members = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(members) == 1:
        annotation = members[0]  # X | None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _Field("table", annotation)
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        if typing.get_origin(item) is typing.Annotated:
            item = typing.get_args(item)[0]
        if isinstance(item, type) and issubclass(item, BaseModel):
            return _Field("tables", item)
        if item is str or (
            typing.get_origin(item) is Literal
            and all(isinstance(a, str) for a in typing.get_args(item))
        ):
            return _Field("texts", None)
    return None
