"""Likely mistakes in an event file that is still valid. Pure: event → remarks.

Each remark is (where, what, on_advise): remarks with on_advise are also shown on
standard error by advise and checklist, because they change the advice (a `knows`
name that only nearly matches a target, a template never filled in); the others
are for `validate` alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from netplan.model.event import Event, Loc
from netplan.model.identity import (
    Ambiguous,
    Match,
    NameIndex,
    email_key,
    keys_of,
    loose_key,
    name_key,
    profile_key,
)
from netplan.model.matching import Assembly, TargetRecord
from netplan.starter import PLACEHOLDERS

Remark = tuple[Loc, str, bool]


def event_warnings(
    event: Event, advise_only: bool = False, people: Assembly | None = None
) -> list[Remark]:
    """Every remark, or (advise_only) just those advise shows, skipping the scans
    whose remarks only validate prints. `people`: the event's people matched with its
    lists (`matching.assemble`; worked out here when not given)."""
    from netplan.model.matching import assemble

    out: list[Remark] = []
    out += _placeholders(event)
    people = people or assemble(event, None)
    targets = people.targets
    index = people.index
    near: NameIndex[str] | None = None  # for suggestions, built on the first miss
    business = event.event.goal == "business"
    for i, c in enumerate(event.colleagues):
        seen: dict[str, int] = {}
        for j, entry in enumerate(c.knows):
            where: Loc = ("colleagues", i, "knows", j)
            first = seen.setdefault(name_key(entry), j)
            if first != j:
                if not advise_only:
                    out.append((where, f"'{entry}' is listed twice (also knows[{first}])", False))
                continue
            if email_key(entry) or profile_key(entry):
                if index.find("", entry, entry) is None:
                    out.append((where, f"'{entry}' is the email or profile of no target", True))
                continue
            keys = keys_of(entry)
            found = index.find_keys(keys)
            if isinstance(found, Match):
                if not index.has_name(keys.name):
                    out.append(
                        (
                            where,
                            f"'{entry}' is taken as target '{targets[found.value].name}' "
                            "(ignoring accents, spacing, punctuation and middle initials)",
                            True,
                        )
                    )
            elif isinstance(found, Ambiguous):
                options = " or ".join(f"'{targets[v].name}'" for v in found.values[:5])
                out.append(
                    (
                        where,
                        f"'{entry}' could be {options}: write the name as the target has it",
                        True,
                    )
                )
            elif (suggested := _suggest(near := near or _names(targets), entry)) is not None:
                out.append(
                    (where, f"'{entry}' matches no target (did you mean '{suggested}'?)", True)
                )
            elif business and targets:
                out.append(
                    (
                        where,
                        f"'{entry}' matches no target; at a business event only targets count "
                        "(check the spelling, or add them under [[targets]])",
                        False,
                    )
                )
        if event.event.kind == "happy-hour" and "style" not in c.model_fields_set:
            out.append(
                (
                    ("colleagues", i),
                    f"no style given for {c.name} at a happy hour: netplan assumes "
                    "'networker'; say 'socializer' if they will treat it as one",
                    False,
                )
            )
    if advise_only:
        return [r for r in out if r[2]]
    return out + _same_person(event)


def _names(targets: Sequence[TargetRecord]) -> NameIndex[str]:
    return NameIndex((t.name, t.name) for t in targets)


def _suggest(names: NameIndex[str], entry: str) -> str | None:
    return names.suggest(entry)


def _placeholders(event: Event) -> list[Remark]:
    names: list[tuple[Loc, str]] = [(("me", "name"), event.me.name)]
    names += [(("colleagues", i, "name"), c.name) for i, c in enumerate(event.colleagues)]
    names += [(("targets", i, "name"), t.name) for i, t in enumerate(event.targets)]
    return [
        (loc, f"'{name}' is a placeholder from the template: put in a real name", True)
        for loc, name in names
        if name in PLACEHOLDERS
    ]


def _same_person(event: Event) -> list[Remark]:
    """Targets whose names differ only in accents, punctuation or middle initials."""
    first: dict[str, int] = {}
    out: list[Remark] = []
    for i, t in enumerate(event.targets):
        j = first.setdefault(loose_key(t.name), i)
        if j != i:
            out.append(
                (
                    ("targets", i, "name"),
                    f"'{t.name}' looks like the same person as targets[{j}] "
                    f"('{event.targets[j].name}')",
                    False,
                )
            )
    return out
