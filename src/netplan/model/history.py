"""What netplan remembers of past events, as plain frozen data.

These cross the boundary between the history database (`netplan.store`) and the
rest: the debrief writes a `DebriefRecord`, advice reads a `HistorySnapshot`.
No SQL here, so the rules can take history without importing sqlite3.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class MetPerson:
    """A target met at an event, with what identifies them for later events."""

    name: str
    email: str | None = None
    company: str | None = None
    title: str | None = None
    linkedin: str | None = None
    introduced_by: str | None = None  # the colleague who made the introduction
    new: bool = True  # a new contact: not met at an earlier event, not already known


@dataclass(frozen=True, slots=True)
class DebriefRecord:
    """Everything a debrief records about one event."""

    event_id: str
    name: str
    date: dt.date | None
    verdict: str
    came: tuple[str, ...]  # the colleagues who came along
    goal: int  # the new-contacts goal
    targets_planned: tuple[str, ...]
    met: tuple[MetPerson, ...]  # the targets met
    other_new: int  # other new people met, not targets
    done: tuple[str, ...]  # other checklist items ticked


@dataclass(frozen=True, slots=True)
class EventSummary:
    """One recorded event, counted: what a history listing and the rules need."""

    event_id: str
    name: str
    date: dt.date | None
    verdict: str
    came: tuple[str, ...]
    targets_planned: int
    targets_met: int
    new_contacts: int  # targets met who were new contacts + other new people
    goal: int
    recorded_at: str  # ISO 8601 with the recorder's UTC offset, when first recorded


@dataclass(frozen=True, slots=True)
class MetRow:
    """One person met, for a CRM export."""

    name: str
    email: str | None
    company: str | None
    title: str | None
    linkedin: str | None
    event_name: str
    event_date: dt.date | None


@dataclass(frozen=True, slots=True)
class HistorySnapshot:
    """The history an advice needs: every event, and when the people asked about were met.

    `met_before` maps identity keys (`netplan.model.identity`: name, email or
    profile keys) to the date of the last event where someone with that key was
    met. Only the keys asked for are looked up; a key never met is absent.
    """

    events: tuple[EventSummary, ...]  # oldest first
    met_before: Mapping[str, dt.date]

    def __post_init__(self) -> None:
        # A read-only view: a snapshot is shared by every rule of an advice.
        object.__setattr__(self, "met_before", MappingProxyType(dict(self.met_before)))

    @classmethod
    def empty(cls) -> HistorySnapshot:
        """The snapshot of no history at all (nothing recorded yet)."""
        return cls(events=(), met_before={})

    def last_met(self, keys: Iterable[str]) -> dt.date | None:
        """The latest date any of `keys` (one person's keys, say) was met; None if never."""
        return max((self.met_before[k] for k in keys if k in self.met_before), default=None)
