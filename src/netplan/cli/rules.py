"""`netplan rules` and `netplan explain`: the rules' own documentation."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from netplan.cli import app
from netplan.cli.common import PlainCommand, env_of, guarded
from netplan.errors import UsageError

DocFormat = Annotated[
    Literal["text", "json"],
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Output format: text or json; default text.",
        case_sensitive=False,
        show_default=False,
    ),
]


@app.command(name="rules", cls=PlainCommand, epilog="Example: netplan rules --format json")
@guarded
def list_rules(ctx: typer.Context, format: DocFormat = "text") -> None:
    """List every rule: code, name, kind (pro, con, tip) and a one-line summary."""
    from netplan.report.rules import rule_dict, rules_table
    from netplan.rules import ALL_RULES

    env = env_of(ctx)
    if format.lower() == "json":
        from netplan.report.json import dumps

        env.out(dumps([rule_dict(r) for r in ALL_RULES]))
    else:
        env.out(rules_table(ALL_RULES))


@app.command(cls=PlainCommand, epilog="Example: netplan explain group-size")
@guarded
def explain(
    ctx: typer.Context,
    rule: Annotated[
        str,
        typer.Argument(help="A rule's name or code, e.g. group-size or NP203.", metavar="RULE"),
    ],
    format: DocFormat = "text",
) -> None:
    """Explain one rule: why it exists, the article's point, what it reads, its settings and
    an example event where it fires."""
    from netplan.report import rules as docs
    from netplan.rules import UnknownRule, get

    env = env_of(ctx)
    try:
        found = get(rule)
    except UnknownRule as e:
        raise UsageError(str(e)) from None
    if format.lower() == "json":
        from netplan.report.json import dumps

        env.out(dumps(docs.rule_dict(found, full=True)))
    else:
        env.out(docs.explain(found, width=min(env.width(), 100)))
