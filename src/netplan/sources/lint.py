"""Likely mistakes in an event file that is still valid. Pure: event → remarks.

Each remark is (where, what, on_advise): remarks with on_advise are also shown on
standard error by advise and checklist, because they change the advice (a `knows`
name that only nearly matches a target, a template never filled in); the others
are for `validate` alone.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence

from netplan.model.event import Event, Loc
from netplan.model.identity import (
    Ambiguous,
    Match,
    NameIndex,
    email_key,
    loose_key,
    profile_key,
)
from netplan.model.matching import Assembly, Repeat, TargetRecord
from netplan.starter import PLACEHOLDERS

Remark = tuple[Loc, str, bool]


# Past this many, remarks are counted rather than listed: a file of a million `knows`
# names that match no target must not make a million warnings in memory.
MAX_WARNINGS = 50


def event_warnings(
    event: Event, advise_only: bool = False, people: Assembly | None = None
) -> list[Remark]:
    """Every remark, or (advise_only) just those advise shows, skipping the scans
    whose remarks only validate prints; the first MAX_WARNINGS, then one that counts
    the rest. `people`: the event's people matched with its lists
    (`matching.assemble`; worked out here when not given)."""
    from netplan.model.matching import assemble

    return capped(remarks(event, advise_only, people or assemble(event, None)))


def remarks(event: Event, advise_only: bool, people: Assembly) -> Iterator[Remark]:
    """`event_warnings`, uncapped and one at a time, to add others before the cap."""
    return (r for r in _remarks(event, advise_only, people) if r[2] or not advise_only)


def capped(found: Iterable[Remark], limit: int = MAX_WARNINGS) -> list[Remark]:
    """The first `limit` remarks, and one saying how many more there were (shown by
    advise too when any of those would have been)."""
    rest = iter(found)
    out = list(itertools.islice(rest, limit))
    more = 0
    on_advise = False
    for _, _, shown in rest:
        more += 1
        on_advise = on_advise or shown
    if more:
        out.append(((), f"... and {more:,} more warnings not shown", on_advise))
    return out


def _remarks(event: Event, advise_only: bool, people: Assembly) -> Iterator[Remark]:
    yield from _placeholders(event)
    targets = people.targets
    near: NameIndex[str] | None = None  # for suggestions, built on the first miss
    business = event.event.goal == "business"
    for i, c in enumerate(event.colleagues):
        # Matched once, by `assemble`: what each entry found, or which it repeats.
        for j, (entry, found) in enumerate(zip(c.knows, people.knows_found[i], strict=True)):
            where: Loc = ("colleagues", i, "knows", j)
            if isinstance(found, Repeat):
                if not advise_only:
                    yield where, f"'{entry}' is listed twice (also knows[{found.first}])", False
                continue
            if isinstance(found, Match):
                if found.how == "loose":
                    yield (
                        where,
                        f"'{entry}' is taken as target '{targets[found.value].name}' "
                        "(ignoring accents, spacing, punctuation and middle initials)",
                        True,
                    )
            elif email_key(entry) or profile_key(entry):
                if found is None:
                    yield where, f"'{entry}' is the email or profile of no target", True
            elif isinstance(found, Ambiguous):
                options = " or ".join(f"'{targets[v].name}'" for v in found.values[:5])
                yield (
                    where,
                    f"'{entry}' could be {options}: write the name as the target has it",
                    True,
                )
            elif (suggested := _suggest(near := near or _names(targets), entry)) is not None:
                yield where, f"'{entry}' matches no target (did you mean '{suggested}'?)", True
            elif business and targets and not advise_only:
                yield (
                    where,
                    f"'{entry}' matches no target; at a business event only targets count "
                    "(check the spelling, or add them under [[targets]])",
                    False,
                )
        if (
            not advise_only
            and event.event.kind == "happy-hour"
            and "style" not in c.model_fields_set
        ):
            yield (
                ("colleagues", i),
                f"no style given for {c.name} at a happy hour: netplan assumes "
                "'networker'; say 'socializer' if they will treat it as one",
                False,
            )
    if not advise_only:
        yield from _same_person(event)


def _names(targets: Sequence[TargetRecord]) -> NameIndex[str]:
    return NameIndex((t.name, t.name) for t in targets)


def _suggest(names: NameIndex[str], entry: str) -> str | None:
    return names.suggest(entry)


def _placeholders(event: Event) -> Iterator[Remark]:
    people: Iterator[tuple[Loc, str]] = itertools.chain(
        [(("me", "name"), event.me.name)],
        ((("colleagues", i, "name"), c.name) for i, c in enumerate(event.colleagues)),
        ((("targets", i, "name"), t.name) for i, t in enumerate(event.targets)),
    )
    for loc, name in people:
        if name in PLACEHOLDERS:
            yield loc, f"'{name}' is a placeholder from the template: put in a real name", True


def _same_person(event: Event) -> Iterator[Remark]:
    """Targets whose names differ only in accents, punctuation or middle initials."""
    first: dict[str, int] = {}
    for i, t in enumerate(event.targets):
        j = first.setdefault(loose_key(t.name), i)
        if j != i:
            yield (
                ("targets", i, "name"),
                f"'{t.name}' looks like the same person as targets[{j}] "
                f"('{event.targets[j].name}')",
                False,
            )
