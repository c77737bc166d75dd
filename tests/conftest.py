"""Shared test helpers: build events without TOML files, find the repo's files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from netplan.models import Event

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


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.toml"))
