"""Likely mistakes in an event file that is still valid. Pure: event → remarks.

Each remark is (where, what, on_advise): remarks with on_advise are also shown on
standard error by advise and checklist, because they change the advice (a `knows`
name that only nearly matches a target, a template never filled in); the others
are for `validate` alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from netplan.model.event import Event, Loc, Target
from netplan.model.identity import (
    Ambiguous,
    Found,
    NameIndex,
    PeopleIndex,
    email_key,
    loose_key,
    name_key,
    profile_key,
)
from netplan.model.matching import TargetRecord
from netplan.starter import PLACEHOLDERS

Remark = tuple[Loc, str, bool]


def event_warnings(
    event: Event, advise_only: bool = False, targets: Sequence[TargetRecord] | None = None
) -> list[Remark]:
    """Every remark, or (advise_only) just those advise shows, skipping the scans
    whose remarks only validate prints. `targets`: every target, the lists' included
    (default: the file's own)."""
    out: list[Remark] = []
    out += _placeholders(event)
    everyone: Sequence[TargetRecord | Target] = event.targets if targets is None else targets
    names = NameIndex((t.name, t.name) for t in everyone)
    contacts: PeopleIndex[str] = PeopleIndex()
    for t in everyone:
        contacts.add(t.name, t.name, t.email, t.linkedin)
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
                if contacts.find("", entry if "@" in entry else None, entry) is None:
                    out.append((where, f"'{entry}' is the email or profile of no target", True))
                continue
            found = names.lookup(entry)
            if isinstance(found, Found):
                if found.how == "loose":
                    out.append(
                        (
                            where,
                            f"'{entry}' is taken as target '{found.value}' (ignoring accents, "
                            "spacing, punctuation and middle initials)",
                            True,
                        )
                    )
            elif isinstance(found, Ambiguous):
                options = " or ".join(f"'{v}'" for v in found.values[:5])
                out.append(
                    (
                        where,
                        f"'{entry}' could be {options}: write the name as the target has it",
                        True,
                    )
                )
            elif (near := names.suggest(entry)) is not None:
                out.append((where, f"'{entry}' matches no target (did you mean '{near}'?)", True))
            elif business and len(names):
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
