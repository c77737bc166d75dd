"""What a rule is, what it returns, and what it may look at."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from netplan.models import Colleague, Event, NetplanConfig, Target, fold

RuleKind = Literal["pro", "con", "tip"]
# What a finding asks of the colleagues it names. None: a remark that
# changes nobody's place (the engine still weighs it for the verdict).
Effect = Literal["bring", "leave"] | None


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    code: str
    kind: RuleKind
    message: str
    subjects: tuple[str, ...] = ()
    effect: Effect = None


@dataclass(frozen=True, slots=True)
class Context:
    """The event plus the lookups every rule needs, built once per plan."""

    event: Event
    settings: NetplanConfig
    targets_by_name: dict[str, Target]
    topics: frozenset[str]
    interests: frozenset[str]

    @classmethod
    def build(cls, event: Event) -> Context:
        return cls(
            event=event,
            settings=event.netplan,
            targets_by_name={fold(t.name): t for t in event.targets},
            topics=frozenset(fold(t) for t in event.event.topics),
            interests=frozenset(fold(i) for t in event.targets for i in t.interests),
        )

    @property
    def new_contacts_goal(self) -> int:
        goal = self.event.event.new_contacts_goal
        return self.settings.default_new_contacts_goal if goal is None else goal

    def known_targets(self, colleague: Colleague) -> list[Target]:
        """Targets this colleague can introduce you to, in the order they listed them."""
        found = [self.targets_by_name.get(fold(n)) for n in colleague.knows]
        return list({id(t): t for t in found if t is not None}.values())

    def relevant_expertise(self, colleague: Colleague) -> list[str]:
        """The colleague's subjects that the event or a target cares about."""
        return [
            e for e in colleague.expertise if fold(e) in self.topics or fold(e) in self.interests
        ]


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

    def finding(
        self, message: str, subjects: tuple[str, ...] = (), effect: Effect = None
    ) -> Finding:
        return Finding(self.name, self.code, self.kind, message, subjects, effect)


def names(people: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(people) <= 1:
        return "".join(people)
    return ", ".join(people[:-1]) + " and " + people[-1]


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 target', '2 targets'; `many` for irregular plurals."""
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


def unique(items: list[str]) -> list[str]:
    """Items in order, dropping any that repeat an earlier one ignoring case."""
    first: dict[str, str] = {}
    for item in items:
        first.setdefault(fold(item), item)
    return list(first.values())


def contacts_goal(goal: int) -> str:
    """'at least 3 new people', or 'someone new' when the goal is 0."""
    return f"at least {plural(goal, 'new person', 'new people')}" if goal else "someone new"
