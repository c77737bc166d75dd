"""What a rule is, what it may look at, and what it returns."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from netplan.model.event import Colleague, Event, EventInfo, Me, NetplanConfig, Target
from netplan.model.identity import NameIndex, name_key
from netplan.model.kinds import RuleKind
from netplan.model.plan import Effect, Facts, Finding

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
    # Several rules and the engine ask who a colleague knows: look it up once.
    _known: dict[int, list[Target]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, file: Event) -> Context:
        return cls(
            event=file.event,
            me=file.me,
            colleagues=file.colleagues,
            targets=file.targets,
            settings=file.netplan,
            target_index=NameIndex((t.name, t) for t in file.targets),
            topics=frozenset(subject_key(t) for t in file.event.topics),
            interests=frozenset(subject_key(i) for t in file.targets for i in t.interests),
        )

    @property
    def new_contacts_goal(self) -> int:
        goal = self.event.new_contacts_goal
        return self.settings.default_new_contacts_goal if goal is None else goal

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

    def finding(
        self, facts: Facts, subjects: tuple[str, ...] = (), effect: Effect = None
    ) -> Finding:
        return Finding(self.name, self.code, self.kind, facts, subjects, effect)
