"""`netplan schema`: the event file's JSON Schema."""

from __future__ import annotations

from typing import Annotated

import typer

from netplan.cli import app
from netplan.cli.common import Force, PlainCommand, emit, env_of, guarded

SchemaOutput = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Write the schema to this file instead of standard output ('-' is standard "
        "output); an existing file is replaced only with --force.",
        show_default=False,
    ),
]


@app.command(cls=PlainCommand, epilog="Example: netplan schema -o netplan.schema.json")
@guarded
def schema(ctx: typer.Context, output: SchemaOutput = None, force: Force = False) -> None:
    """Print the JSON Schema of the event file, for editors that validate TOML against one."""
    from netplan.model.event import event_schema
    from netplan.report.json import dumps

    emit(env_of(ctx), dumps(event_schema()), output, force)
