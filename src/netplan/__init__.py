"""netplan: plan how to attend a networking event with co-workers.

The public API is small and imported lazily, so `netplan --version` stays fast:

    from netplan import load_event, make_plan
    plan = make_plan(load_event("event.toml"))
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__", "load_event", "make_plan"]

# Not `from typing import TYPE_CHECKING`: importing typing alone costs more
# than the rest of `netplan --version`. Type checkers honour the name.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from netplan.engine import make_plan
    from netplan.sources.event import load_event


def __getattr__(name: str) -> object:
    if name == "load_event":
        from netplan.sources.event import load_event

        return load_event
    if name == "make_plan":
        from netplan.engine import make_plan

        return make_plan
    raise AttributeError(f"module 'netplan' has no attribute {name!r}")
