"""What a rule is, what it may look at, and what it returns."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from netplan.model.event import Colleague, Event, EventInfo, Me, NetplanConfig, Target
from netplan.model.history import HistorySnapshot
from netplan.model.identity import NameIndex, name_key, person_keys
from netplan.model.kinds import RuleKind
from netplan.model.plan import Effect, Facts, Finding

# How many recent events goal_from_history looks at.
GOAL_EVENTS = 5

# Subjects (topics, expertise, interests) compare like names: case, spacing and
# Unicode forms do not count.
subject_key = name_key


def unique(items: Iterable[str]) -> list[str]:
    """Items in order, dropping any that repeat an earlier one by `subject_key`."""
    first: dict[str, str] = {}
    for item in items:
        first.setdefault(subject_key(item), item)
    return list(first.values())


@dataclass(frozen=True, slots=True)
class Context:
    """The event file's parts plus the lookups every rule needs, built once per plan."""

    event: EventInfo
    me: Me
    colleagues: list[Colleague]
    targets: list[Target]
    settings: NetplanConfig
    target_index: NameIndex[Target]  # targets by name, for `knows` entries
    topics: frozenset[str]
    interests: frozenset[str]
    history: HistorySnapshot
    # Several rules and the engine ask who a colleague knows: look it up once.
    _known: dict[int, list[Target]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, file: Event, history: HistorySnapshot | None = None) -> Context:
        return cls(
            event=file.event,
            me=file.me,
            colleagues=file.colleagues,
            targets=file.targets,
            settings=file.netplan,
            target_index=NameIndex((t.name, t) for t in file.targets),
            topics=frozenset(subject_key(t) for t in file.event.topics),
            interests=frozenset(subject_key(i) for t in file.targets for i in t.interests),
            history=history or HistorySnapshot.empty(),
        )

    @property
    def new_contacts_goal(self) -> int:
        """The event's goal; else, with goal_from_history and a history, the median of
        your last events plus one, never below the default; else the default."""
        goal = self.event.new_contacts_goal
        if goal is not None:
            return goal
        default = self.settings.default_new_contacts_goal
        recent = self.history.events[-GOAL_EVENTS:]
        if self.settings.goal_from_history and recent:
            median = statistics.median(e.new_contacts for e in recent)
            return max(default, int(median) + 1)
        return default

    def met_before(self, target: Target) -> dt.date | None:
        """The last earlier event where you met this target, if the history says so."""
        if not self.history.met_before:
            return None
        return self.history.last_met(person_keys(target.name))

    def known_targets(self, colleague: Colleague) -> list[Target]:
        """Targets this colleague can introduce you to, in the order they listed them."""
        known = self._known.get(id(colleague))
        if known is None:
            index = self.target_index
            found = (index.get(n) for n in colleague.knows) if len(index) else ()
            known = list({id(t): t for t in found if t is not None}.values())
            self._known[id(colleague)] = known
        return known

    def relevant_expertise(self, colleague: Colleague) -> list[str]:
        """The colleague's subjects that the event or a target cares about."""
        return unique(
            e
            for e in colleague.expertise
            if subject_key(e) in self.topics or subject_key(e) in self.interests
        )


@dataclass(frozen=True)
class Rule:
    """One point of the article, as a check with its own documentation."""

    code: str
    name: str
    kind: RuleKind
    summary: str
    rationale: str
    article_point: str
    reads: tuple[str, ...]
    example: str
    check: Callable[[Context], list[Finding]] = field(repr=False)
    settings: tuple[str, ...] = ()
    # For rules that read your history: the history the example needs to fire.
    example_history: Callable[[], HistorySnapshot] | None = field(default=None, repr=False)

    def finding(
        self,
        facts: Facts,
        subjects: tuple[str, ...] = (),
        effect: Effect = None,
        kind: RuleKind | None = None,
    ) -> Finding:
        """A finding of this rule; `kind` only for a rule whose findings can go either way
        (track-record: a con, or a pro when the numbers say so)."""
        return Finding(self.name, self.code, kind or self.kind, facts, subjects, effect)
