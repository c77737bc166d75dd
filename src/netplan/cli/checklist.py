"""`netplan checklist`: only what to do, before, during and after."""

from __future__ import annotations

from typing import Annotated

import typer

from netplan.cli import app
from netplan.cli.common import (
    Color,
    FailOn,
    Files,
    Force,
    Ignore,
    Output,
    PlainCommand,
    Select,
    env_of,
    finish,
    format_option,
    guarded,
    load_plans,
    report,
)
from netplan.report import FormatChoice


@app.command(
    cls=PlainCommand, epilog="Example: netplan checklist examples/trade-show.toml -o prep.md"
)
@guarded
def checklist(
    ctx: typer.Context,
    files: Files,
    format: Annotated[FormatChoice, format_option("markdown", "Checklist format.")] = "markdown",
    output: Output = None,
    force: Force = False,
    fail_on: FailOn = None,
    select: Select = None,
    ignore: Ignore = None,
    color: Color = None,
) -> None:
    """Print only the checklist (targets and actions): a markdown task list by default.

    Paste the markdown into a GitHub issue, a wiki page or a notes app: every item is a
    checkbox.
    """
    env = env_of(ctx)
    plans, failed = load_plans(env, files, select, ignore)
    if plans:
        report(env, plans, len(files), format, output, force, color, checklist_only=True)
    finish(plans, failed, fail_on)
