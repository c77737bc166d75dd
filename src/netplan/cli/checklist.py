"""`netplan checklist`: only what to do, before, during and after."""

from __future__ import annotations

from typing import Annotated

import typer

from netplan.cli import app
from netplan.cli.common import (
    Color,
    Db,
    FailOn,
    Files,
    Force,
    Ignore,
    Output,
    PlainCommand,
    Plans,
    Select,
    each_plan,
    env_of,
    for_people,
    format_option,
    guarded,
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
    db: Db = None,
    person: Annotated[
        str | None,
        typer.Option(
            "--for",
            metavar="NAME",
            help="Only what this person does: you ([me] name) or a colleague who goes. "
            "'everyone' with -o FOLDER writes one file per person who goes.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print only the checklist (targets and actions): a markdown task list by default.

    Paste the markdown into a GitHub issue, a wiki page or a notes app: every item is a
    checkbox. With --for, each person who goes gets their own: the targets they own, the
    introductions they make, when to regroup.
    """
    env = env_of(ctx)
    plans = Plans(each_plan(env, files, select, ignore, db), fail_on)
    if plans.any() and person is not None:
        for_people(env, list(plans), person, format, output, force, color, files)
    elif plans.any():
        report(
            env,
            plans,
            len(files),
            format,
            output,
            force,
            color,
            checklist_only=True,
            input_paths=files,
        )
    plans.finish()
