"""Shared test helpers: build events without TOML files, find the repo's files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from netplan.model.event import Event

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"


def make_event(**overrides: Any) -> Event:
    """A minimal valid event; keyword arguments replace whole sections.

    `event=` and `me=` are merged into the defaults, so `make_event(event={"kind": "mixer"})`
    keeps the name. `colleagues=`/`targets=` take lists of dicts.
    """
    data: dict[str, Any] = {
        "event": {"name": "Test Event", "kind": "mixer"},
        "me": {"name": "Robin"},
    }
    for key, value in overrides.items():
        if key in ("event", "me") and isinstance(value, dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return Event.model_validate(data)


@pytest.fixture
def event_factory() -> Any:
    return make_event


def require_shared(path: Path) -> None:
    """For tests that read ../shared: skip when it is absent on a developer's machine,
    but fail when CI is set, so nothing is silently skipped there."""
    import os

    if path.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{path} is missing: CI must run the tests that need it")
    pytest.skip(f"{path} is not present")


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.toml"))


# Property tests stay small by default so CI is quick; run them longer with
#   HYPOTHESIS_PROFILE=long python -m pytest tests/test_hostile.py
def _hypothesis_profiles() -> None:
    import os

    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    settings.register_profile(
        "long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_hypothesis_profiles()
