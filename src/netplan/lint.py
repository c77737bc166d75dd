"""Likely mistakes in an event file that is still valid. Pure: event → located remarks."""

from __future__ import annotations

from netplan.models import Event, Loc, fold


def event_warnings(event: Event) -> list[tuple[Loc, str]]:
    out: list[tuple[Loc, str]] = []
    targets = {fold(t.name) for t in event.targets}
    business = event.event.goal == "business"
    for i, c in enumerate(event.colleagues):
        seen: dict[str, int] = {}
        for j, name in enumerate(c.knows):
            first = seen.setdefault(fold(name), j)
            if first != j:
                out.append(
                    (
                        ("colleagues", i, "knows", j),
                        f"'{name}' is listed twice (also knows[{first}])",
                    )
                )
            elif business and fold(name) not in targets:
                out.append(
                    (
                        ("colleagues", i, "knows", j),
                        f"'{name}' matches no target; at a business event only targets count "
                        "(check the spelling, or add them under [[targets]])",
                    )
                )
        if event.event.kind == "happy-hour" and "style" not in c.model_fields_set:
            out.append(
                (
                    ("colleagues", i),
                    f"no style given for {c.name} at a happy hour: netplan assumes "
                    "'networker'; say 'socializer' if they will treat it as one",
                )
            )
    return out
