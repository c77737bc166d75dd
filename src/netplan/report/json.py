"""Plan → JSON. Keeps the exact data; only characters a terminal could act on are \\u-escaped."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from netplan.model.plan import ChecklistItem, Finding, Plan, TargetBrief
from netplan.report import Options
from netplan.report.phrases import finding_message, headline, item_text, schedule_text
from netplan.safety import json_inert

# Bump when a key is added, renamed, removed or changes meaning; a test ties the
# key sets below to this number.
SCHEMA_VERSION = 2
EXTENSION = ".json"


def _event(plan: Plan) -> dict[str, Any]:
    e = plan.event
    return {
        "name": e.name,
        "kind": e.kind,
        "date": e.date.isoformat() if e.date else None,
        "venue": e.venue,
        "goal": e.goal,
        "me": plan.me,
        "new_contacts_goal": plan.new_contacts_goal,
        "targets": len(plan.targets),
    }


def _target(b: TargetBrief, plan: Plan) -> dict[str, Any]:
    return {
        "name": b.name,
        "company": b.company,
        "title": b.title,
        "priority": b.priority,
        "interests": b.interests,
        "notes": b.notes,
        "email": b.email,
        "linkedin": b.linkedin,
        "introducers": [{"name": i.name, "coming": i.coming, "via": i.via} for i in b.introducers],
        "experts": [{"name": e.name, "subjects": e.subjects} for e in b.experts],
        "owner": b.owner,
        "met_before": b.met_before.isoformat() if b.met_before else None,
        "registered": b.registered,
        "known_by_me": b.known_by_me,
        "source": b.source or plan.source,
    }


def _item(i: ChecklistItem, plan: Plan, reader: str | None = None) -> dict[str, Any]:
    text = item_text(i, plan, reader)
    return {"phase": i.phase, "text": text, "target": i.target, "done": i.done}


def _schedule(plan: Plan) -> list[dict[str, Any]]:
    return [{"at": s.at.isoformat(), "what": schedule_text(s, plan)} for s in plan.schedule]


def _finding(f: Finding, plan: Plan) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "code": f.code,
        "kind": f.kind,
        "message": finding_message(f, plan),
        "subjects": list(f.subjects),
        "resolved": f.resolved,
    }


def plan_dict(plan: Plan) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "source": plan.source,
        "event": _event(plan),
        "verdict": plan.verdict,
        "headline": headline(plan),
        "colleagues": Batched(
            plan.colleagues,
            lambda c: {
                "name": c.name,
                "recommendation": c.recommendation,
                "reasons": list(c.reasons),
            },
        ),
        "findings": Batched(plan.findings, lambda f: _finding(f, plan)),
        "targets": Batched(plan.targets, lambda b: _target(b, plan)),
        "schedule": _schedule(plan),
        "follow_up_by": plan.follow_up_by.isoformat() if plan.follow_up_by else None,
        "checklist": Batched(plan.checklist, lambda i: _item(i, plan)),
        "rules_off": list(plan.rules_off),
    }


def checklist_dict(plan: Plan, reader: str | None = None) -> dict[str, Any]:
    mine = reader is None or reader == plan.me
    return {
        "schema_version": SCHEMA_VERSION,
        "source": plan.source,
        "event": _event(plan),
        "for": reader or plan.me,
        "targets": Batched(
            [b for b in plan.targets if mine or b.owner == reader], lambda b: _target(b, plan)
        ),
        "schedule": _schedule(plan),
        "follow_up_by": plan.follow_up_by.isoformat() if plan.follow_up_by else None,
        "checklist": Batched(
            plan.checklist if reader is None else plan.checklist_for(reader),
            lambda i: _item(i, plan, reader),
        ),
    }


def document(plan: Plan, options: Options) -> dict[str, Any]:
    if options.checklist_only:
        return checklist_dict(plan, options.reader)
    return plan_dict(plan)


class Batched:
    """A long array of a document (targets, checklist items), turned into JSON a batch at
    a time: the dicts of 100,000 targets never exist at once."""

    def __init__(self, items: Sequence[Any], build: Callable[[Any], Any]) -> None:
        self.items = items
        self.build = build


BATCH = 1000


def _pieces(value: Any, level: int) -> Iterator[str]:
    """The text of json.dumps(value, indent=2, ensure_ascii=False) nested `level` deep, in
    pieces; a Batched array (or a dict or list holding one) is written batch by batch."""
    from pydantic_core import to_json

    pad = "  " * level
    if isinstance(value, Batched):
        if not value.items:
            yield "[]"
            return
        yield "["
        # The batch is written nested in `level` one-item arrays, so to_json indents it
        # as deep as it sits: cutting the wrappers off is cheaper than re-indenting
        # every line of a 13 MB report.
        head = 1 + sum(2 * n + 2 for n in range(1, level + 1))  # "[", "\n  [", ...
        tail = head + 1  # the same lines closing, ending with "\n]"
        for start in range(0, len(value.items), BATCH):
            batch: Any = [value.build(x) for x in value.items[start : start + BATCH]]
            for _ in range(level):
                batch = [batch]
            body = to_json(batch, indent=2).decode("utf-8")[head:-tail]
            yield ("," if start else "") + body
        yield "\n" + pad + "]"
    elif isinstance(value, dict) and any(_batched(v) for v in value.values()):
        yield "{"
        for n, (key, item) in enumerate(value.items()):
            yield ("," if n else "") + "\n" + pad + "  " + to_json(key).decode() + ": "
            yield from _pieces(item, level + 1)
        yield "\n" + pad + "}"
    elif isinstance(value, list) and any(_batched(v) for v in value):
        yield "["
        for n, item in enumerate(value):
            yield ("," if n else "") + "\n" + pad + "  "
            yield from _pieces(item, level + 1)
        yield "\n" + pad + "]"
    else:
        yield to_json(value, indent=2).decode("utf-8").replace("\n", "\n" + pad)


def _compact(value: Any) -> Iterator[str]:
    """The text of json.dumps(value, separators=(",", ":"), ensure_ascii=False) in
    pieces, a Batched array a batch at a time, as `_pieces` does for indented text."""
    from pydantic_core import to_json

    if isinstance(value, Batched):
        yield "["
        for start in range(0, len(value.items), BATCH):
            batch = [value.build(x) for x in value.items[start : start + BATCH]]
            yield ("," if start else "") + to_json(batch).decode("utf-8")[1:-1]
        yield "]"
    elif isinstance(value, dict) and any(_batched(v) for v in value.values()):
        yield "{"
        for n, (key, item) in enumerate(value.items()):
            yield ("," if n else "") + to_json(key).decode() + ":"
            yield from _compact(item)
        yield "}"
    elif isinstance(value, list) and any(_batched(v) for v in value):
        yield "["
        for n, item in enumerate(value):
            if n:
                yield ","
            yield from _compact(item)
        yield "]"
    else:
        yield to_json(value).decode("utf-8")


def _batched(value: Any) -> bool:
    return isinstance(value, Batched) or (
        isinstance(value, dict) and any(isinstance(v, Batched) for v in value.values())
    )


def dumps(data: Any, indent: int | None = 2) -> str:
    """Same bytes as json.dumps(data, ensure_ascii=False, indent=2), plus a newline
    (indent=None: compact, one line).

    The stdlib encoder drops to pure Python when indenting: pydantic-core's is ~10x
    faster on a 20,000-target plan, and pydantic is loaded already. Long arrays
    (`Batched`) are written a batch at a time, so memory follows the output, not a
    tree of dicts as large as the plan; compact (indent=None) output is one line.
    """
    return _text("".join(_pieces(data, 0) if indent is not None else _compact(data)))


def _text(text: str) -> str:
    text = json_inert(text)
    text += "\n"  # appended in place: the only reference, no copy of a big document
    return text


def _whole(plans: Sequence[Plan], options: Options) -> Any:
    items = [document(p, options) for p in plans]
    return items[0] if options.single and len(items) == 1 else items


def render(plans: Sequence[Plan], options: Options) -> str:
    """One object for a single input, an array (in input order) for several."""
    return dumps(_whole(plans, options))


# Pieces are gathered into writes of about this size: few system calls, little memory.
STREAM_CHUNK = 1 << 16


def stream(plans: Iterable[Plan], options: Options) -> Iterator[str]:
    """`render`'s text in pieces, for writing as it is made: the whole document never
    has to be in memory at once, and each plan is let go once written."""
    if options.single:
        yield from pieces(_whole(list(plans), options))
    else:
        yield from chunked(_array(plans, options))


def _array(plans: Iterable[Plan], options: Options) -> Iterator[str]:
    """`_pieces` of the array of several plans' documents, one plan at a time."""
    n = 0
    for plan in plans:
        yield ("," if n else "[") + "\n  "
        yield from _pieces(document(plan, options), 1)
        n += 1
        del plan  # not held while the next one is made
    yield "\n]" if n else "[]"


def chunked(pieces: Iterable[str]) -> Iterator[str]:
    """Pieces of JSON gathered into writes of about STREAM_CHUNK characters, made inert
    for a terminal, the last one ended by a newline."""
    buffer: list[str] = []
    size = 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size >= STREAM_CHUNK:
            yield json_inert("".join(buffer))
            buffer, size = [], 0
    buffer.append("\n")
    yield json_inert("".join(buffer))


def pieces(data: Any) -> Iterator[str]:
    """`dumps(data)` in pieces."""
    return chunked(_pieces(data, 0))


def compact(data: Any) -> Iterator[str]:
    """`dumps(data, indent=None)` in pieces."""
    return chunked(_compact(data))


def render_one(plan: Plan, options: Options) -> str:
    return dumps(document(plan, options))
