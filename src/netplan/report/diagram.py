"""Who introduces you to whom and who owns which target: as a Mermaid graph for
markdown, and as an indented tree for the terminal.

Names are untrusted. In Mermaid every character that is not a letter, a digit or a
space is written as an entity code (`#35;`), inside a quoted label, so no name can
close the label, start a statement, add a link or end the code block. Only the
first `TARGETS_DRAWN` targets are drawn: a picture of thousands of nodes helps
nobody, and the output stays proportional to the input.
"""

from __future__ import annotations

from netplan.model.plan import Introducer, Plan, TargetBrief

TARGETS_DRAWN = 30


def _label(name: str) -> str:
    return "".join(
        ch if (ch.isalnum() and ch.isprintable()) or ch == " " else f"#{ord(ch)};" for ch in name
    )


def _drawn(plan: Plan) -> tuple[TargetBrief, ...]:
    return plan.targets[:TARGETS_DRAWN]


def _introducers(target: TargetBrief) -> tuple[Introducer, ...]:
    """Who introduces you to `target`: nobody, for someone you know already."""
    return () if target.yours else target.introducers


def mermaid(plan: Plan) -> list[str]:
    """A ```mermaid block, or nothing for a plan without targets."""
    targets = _drawn(plan)
    if not targets:
        return []
    people = {name: f"p{i}" for i, name in enumerate(plan.going)}
    lines = ["```mermaid", "graph LR"]
    for name, node in people.items():
        you = " (you)" if name == plan.me else ""
        lines.append(f'  {node}["{_label(name)}{you}"]')
    staying: dict[str, str] = {}
    for n, t in enumerate(targets):
        lines.append(f'  t{n}(["{_label(t.name)}"])')
        for i in _introducers(t):
            if i.name not in people and i.name not in staying:
                staying[i.name] = f"s{len(staying)}"
                lines.append(f'  {staying[i.name]}["{_label(i.name)} (stays)"]')
    for n, t in enumerate(targets):
        lines.append(f"  {people.get(t.owner, 'p0')} ==>|owns| t{n}")
        for i in _introducers(t):
            source = people.get(i.name) or staying[i.name]
            how = "introduces" if i.coming else "introduces before"
            lines.append(f"  {source} -.->|{how}| t{n}")
    more = len(plan.targets) - len(targets)
    if more:
        lines.append(f'  more["and {more:,} more targets"]')
    lines.append("```")
    return lines


def tree(plan: Plan) -> list[tuple[int, str]]:
    """(depth, text) rows: each person who goes, the targets they own, and who
    introduces them. Empty when only you go."""
    if len(plan.going) < 2:
        return []
    targets = _drawn(plan)
    rows: list[tuple[int, str]] = []
    for person in plan.going:
        you = " (you)" if person == plan.me else ""
        rows.append((0, person + you))
        owned = [t for t in targets if t.owner == person]
        for t in owned:
            via = [i.name for i in _introducers(t) if i.coming and i.name != person]
            rows.append((1, t.name + (f" ← {', '.join(via)}" if via else "")))
        if not owned:
            # Introducing and backing up is what a colleague without targets is for;
            # the rep is there to meet people.
            role = "meet new people" if person == plan.me else "introductions and support"
            rows.append((1, f"no targets of their own: {role}"))
    more = len(plan.targets) - len(targets)
    if more:
        rows.append((0, f"... and {more:,} more targets"))
    return rows
