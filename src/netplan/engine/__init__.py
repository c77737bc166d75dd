"""The engine: pure functions from the model to plans. No I/O, no printing."""

from __future__ import annotations

from netplan.engine.advise import make_plan

__all__ = ["make_plan"]
