"""The benchmark's generated inputs must be valid events of the size they claim."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from netplan.engine import make_plan
from netplan.report.phrases import item_text
from netplan.sources.event import parse_event
from tests.conftest import REPO


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench", REPO / "benchmarks" / "bench.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_generated_event_is_valid_and_exercises_the_rules() -> None:
    bench = load_bench()
    event = parse_event(bench.event_toml("Big Expo", 300).encode(), "generated")
    assert len(event.targets) == 300
    plan = make_plan(event)
    # Introductions and expert matches appear, so the per-target work is really measured.
    texts = [item_text(i, plan) for i in plan.checklist if i.target is not None]
    assert len(texts) == 300
    assert any("knows them, then brings you in" in t for t in texts)
    assert any("Bring in" in t for t in texts)
    assert {c.recommendation for c in plan.colleagues} == {"bring", "leave"}
