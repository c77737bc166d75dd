"""`netplan team`: the manager's roll-up of many event files."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from netplan.cli import app
from netplan.cli.common import (
    FINDING_KINDS,
    Files,
    Force,
    Ignore,
    OneOutput,
    PlainCommand,
    Plans,
    Select,
    each_plan,
    emit,
    env_of,
    guarded,
    one_of,
    to_stdout,
)
from netplan.errors import ExitCode, UsageError

TeamFormat = Literal["text", "markdown", "md", "json", "jsonl", "csv"]
# What --fail-on takes here: an overlap, or a finding kind as in advise.
FAIL_KINDS = ("overlap", *FINDING_KINDS)


@app.command(
    cls=PlainCommand,
    epilog="Example: netplan team events/*.toml --format csv -o team.csv --fail-on overlap",
)
@guarded
def team(
    ctx: typer.Context,
    files: Files,
    format: Annotated[
        TeamFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="One of text, markdown (or md), json, jsonl, csv; default text.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = "text",
    output: OneOutput = None,
    force: Force = False,
    people: Annotated[
        bool,
        typer.Option(
            "--people",
            help="With --format csv: one row per person instead of one per event.",
            show_default=False,
        ),
    ] = False,
    fail_on: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on",
            metavar="KIND",
            help="Exit with 1 when someone is booked for two overlapping events (overlap), "
            "or when a plan has an unresolved finding of this kind (pro, con, tip). "
            "Repeatable.",
            callback=one_of(*FAIL_KINDS),
            show_default=False,
        ),
    ] = None,
    select: Select = None,
    ignore: Ignore = None,
) -> None:
    """Roll up many events for a manager: one row per event (date, verdict, who goes and
    who stays, targets, who owns how many), one per person (events, targets owned), and
    everyone booked for two events at once.

    People are matched across files by name, ignoring case and spacing, then (with a
    warning) accents, punctuation and middle initials. An overlap is two events on the
    same day when either has no start time, or overlapping times when both have one (an
    event with no end lasts 2 hours). A bad file is reported and the others are still
    rolled up (exit 2).
    """
    if people and format.lower() != "csv":
        raise UsageError("--people chooses the rows of --format csv; the other formats hold both")
    from netplan.engine.rollup import event_row, rollup_rows

    env = env_of(ctx)
    kinds = [k for k in fail_on or () if k != "overlap"]
    plans = Plans(each_plan(env, files, select, ignore), kinds)
    # A row per plan is all the roll-up needs: one plan is held at a time, not all
    # (map, unlike a loop variable, keeps nothing of the plan before).
    rows = list(map(event_row, plans))
    overlaps = False
    if rows:
        from netplan.report.team import render

        data = rollup_rows(rows)
        overlaps = bool(data.overlaps)
        # A loose match counts (as for `knows`), but the user should see it.
        env.err(
            [
                f"{m.source}: warning: '{m.written}' is counted as '{m.person}': the names "
                "match ignoring accents, punctuation and middle initials"
                for m in data.merged
            ]
        )
        width = env.width(to_stdout(output))
        emit(env, render(data, format, width=width, people=people), output, force, files)
    if plans.failed:
        raise typer.Exit(ExitCode.INPUT)
    if (overlaps and "overlap" in (fail_on or ())) or plans.flagged:
        raise typer.Exit(ExitCode.FINDINGS)
