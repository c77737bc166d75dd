"""What a rule is, what it may look at, and what it returns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netplan.model.event import Colleague, Event, EventInfo, Me, NetplanConfig
from netplan.model.identity import name_key, person_keys
from netplan.model.kinds import RuleKind
from netplan.model.plan import Effect, Facts, Finding

if TYPE_CHECKING:
    # Only what a plan needs, imported when a plan is built: start-up stays lean.
    from netplan.model.history import HistorySnapshot
    from netplan.model.matching import Assembly, TargetRecord
    from netplan.model.people import Rosters

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
    # Every target: the file's, then those of the lists it refers to (`matching`).
    targets: tuple[TargetRecord, ...]
    people: Assembly  # who knows whom, who is registered, whom you know
    settings: NetplanConfig
    topics: frozenset[str]
    interests: frozenset[str]
    history: HistorySnapshot | None  # None: no history at all
    # Several rules and the engine ask who a colleague knows: work it out once.
    # (colleague position -> targets they can introduce you to), once worked out.
    _known: list[dict[int, list[int]]] = field(default_factory=list, repr=False)
    _positions: dict[int, int] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls, file: Event, history: HistorySnapshot | None = None, people: Assembly | None = None
    ) -> Context:
        """`people`: the event's people matched with its lists (default: the file alone)."""
        from netplan.model.matching import assemble

        people = people or assemble(file, None)
        return cls(
            event=file.event,
            me=file.me,
            colleagues=file.colleagues,
            targets=people.targets,
            people=people,
            settings=file.netplan,
            topics=frozenset(subject_key(t) for t in file.event.topics),
            # Many targets, few distinct interests: key each distinct one once.
            interests=frozenset(map(subject_key, {i for t in people.targets for i in t.interests})),
            history=history,
        )

    @property
    def new_contacts_goal(self) -> int:
        """The event's goal; else, with goal_from_history and a history, the median of
        your last events plus one, never below the default; else the default."""
        goal = self.event.new_contacts_goal
        if goal is not None:
            return goal
        default = self.settings.default_new_contacts_goal
        events = self.history.events if self.history else ()
        recent = sorted(e.new_contacts for e in events[-GOAL_EVENTS:])
        if self.settings.goal_from_history and recent:
            middle = len(recent) // 2
            median = (
                recent[middle] if len(recent) % 2 else (recent[middle - 1] + recent[middle]) / 2
            )
            return max(default, int(median) + 1)
        return default

    def met_before(self, target: TargetRecord) -> dt.date | None:
        """The last earlier event where you met this target, if the history says so."""
        if not self.history or not self.history.met_before:
            return None
        return self.history.last_met(person_keys(target.name, target.email, target.linkedin))

    def position(self, colleague: Colleague) -> int:
        """Where the colleague is in the file (the lists are keyed by it)."""
        if not self._positions:
            self._positions.update((id(c), i) for i, c in enumerate(self.colleagues))
        return self._positions[id(colleague)]

    def others_known(self, colleague: Colleague) -> int:
        """Other people this colleague knows at the event: attendees who are not targets
        (with an attendee list), else `knows` entries that match no target."""
        return self.people.others.get(self.position(colleague), 0)

    def known_targets(self, colleague: Colleague) -> list[TargetRecord]:
        """Targets this colleague can introduce you to, in target order: not those you
        know already (your connections, or met before), whom you need no one to
        introduce."""
        if not self._known:  # built on the first call: it may well come out empty
            known: dict[int, list[int]] = {}
            for target, knowing in self.people.known_by.items():
                if self.people.known_by_me[target] or self.met_before(self.targets[target]):
                    continue
                for k in knowing:
                    known.setdefault(k.colleague, []).append(target)
            self._known.append(known)
        return [self.targets[t] for t in self._known[0].get(self.position(colleague), ())]

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
    # For rules that read your history or the lists an event refers to: what the
    # example needs to fire.
    example_history: Callable[[], HistorySnapshot] | None = field(default=None, repr=False)
    example_rosters: Callable[[], Rosters] | None = field(default=None, repr=False)

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
