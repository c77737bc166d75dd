"""Plan → JSON Lines: one compact object per input, whatever the number of inputs,
so a script reads every result the same way."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from netplan.model.plan import Plan
from netplan.report import Options
from netplan.report.json import compact, document, dumps

EXTENSION = ".jsonl"


def render(plans: Sequence[Plan], options: Options) -> str:
    return "".join(render_one(p, options) for p in plans)


def render_one(plan: Plan, options: Options) -> str:
    # Compact JSON never holds a raw newline (strings escape theirs): one line each.
    return dumps(document(plan, options), indent=None)


def stream(plans: Iterable[Plan], options: Options) -> Iterator[str]:
    """`render`'s text in pieces, each line written as it is made; each plan is let go
    once written."""
    for plan in plans:
        yield from compact(document(plan, options))
        del plan  # not held while the next one is made
