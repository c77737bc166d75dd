"""`netplan advise`: the whole plan."""

from __future__ import annotations

import typer

from netplan.cli import app
from netplan.cli.common import (
    Color,
    Db,
    FailOn,
    Files,
    Force,
    Format,
    Ignore,
    Output,
    PlainCommand,
    Plans,
    Select,
    each_plan,
    env_of,
    guarded,
    report,
)


@app.command(
    cls=PlainCommand,
    epilog="Example: netplan advise examples/trade-show.toml --format json | jq .verdict",
)
@guarded
def advise(
    ctx: typer.Context,
    files: Files,
    format: Format = "text",
    output: Output = None,
    force: Force = False,
    fail_on: FailOn = None,
    select: Select = None,
    ignore: Ignore = None,
    color: Color = None,
    db: Db = None,
) -> None:
    """Advise on one or more events: verdict, who to bring or leave, findings and checklist.

    With several files, the text report ends with a summary table, JSON is an array in
    input order and jsonl one line per file. A bad file is reported and the others are
    still advised on (exit 2).
    """
    env = env_of(ctx)
    plans = Plans(each_plan(env, files, select, ignore, db), fail_on)
    if plans.any():
        report(env, plans, len(files), format, output, force, color, input_paths=files)
    plans.finish()
