"""`netplan calendar`: the plan as an iCalendar file to import into a calendar app."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netplan.cli import app
from netplan.cli.common import (
    EVERYONE,
    Force,
    Ignore,
    PlainCommand,
    Select,
    emit,
    env_of,
    file_stem,
    folder_of,
    guarded,
    input_stem,
    load_plans,
    numbered_paths,
    person_in,
    write_batch,
)
from netplan.errors import ExitCode, InputError, Problem, UsageError

if TYPE_CHECKING:
    from netplan.cli.env import Env
    from netplan.model.plan import Plan

NO_START = "no start time: add a start time: date = 2027-03-18T18:00, and ends or duration_minutes"


def stamp_of(env: Env) -> dt.datetime:
    """DTSTAMP: SOURCE_DATE_EPOCH (seconds since 1970 UTC) when set, for reproducible
    files; else the current time."""
    value = env.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        now = env.clock()
        # A naive clock (datetime.now) is local time: astimezone reads it as such.
        return now.astimezone(dt.UTC)
    try:
        if not (value.isascii() and value.isdigit()):
            raise ValueError(value)
        return dt.datetime.fromtimestamp(int(value), dt.UTC)
    except (ValueError, OverflowError, OSError):
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise UsageError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, "
            f"not '{shown}'"
        ) from None


@app.command(
    cls=PlainCommand,
    epilog="Example: netplan calendar event.toml -o prep.ics; "
    "netplan calendar event.toml --for 'Priya Natarajan' -o priya.ics",
)
@guarded
def calendar(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            help="Event file (TOML); '-' reads it from standard input.",
            metavar="FILE",
            show_default=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write to this file instead of standard output ('-' is standard output). An "
            "existing folder, or a path ending in '/': FILE-STEM.ics in it (with --for "
            "everyone, one NAME.ics per person who goes).",
            show_default=False,
        ),
    ] = None,
    force: Force = False,
    person: Annotated[
        str | None,
        typer.Option(
            "--for",
            metavar="NAME",
            help="The calendar of this person: you ([me] name) or a colleague who goes. "
            "'everyone' with -o FOLDER writes one NAME.ics per person who goes.",
            show_default=False,
        ),
    ] = None,
    select: Select = None,
    ignore: Ignore = None,
) -> None:
    """Write the plan as an iCalendar (.ics) file: the event, each regroup with an alarm,
    the tasks before the event and the follow-up.

    Importing the file again after editing the event updates its entries instead of
    adding new ones. Set SOURCE_DATE_EPOCH for byte-identical output.
    """
    env = env_of(ctx)
    plans, failed = load_plans(env, [file], select, ignore)
    if failed:
        raise typer.Exit(ExitCode.INPUT)
    plan = plans[0]
    if not plan.schedule:
        raise InputError(plan.source, [Problem(NO_START, loc="event.date")])
    from netplan.report.ics import EXTENSION, render

    stamp = stamp_of(env)
    folder = folder_of(output)
    if person is not None and person.casefold() == EVERYONE:
        _everyone(env, plan, stamp, folder, force)
        return
    reader = person_in(plan, person) if person is not None else None
    if folder is not None:  # as advise and checklist do with a folder
        path = folder / f"{input_stem(plan.source)}{EXTENSION}"
        write_batch({path: functools.partial(render, plan, stamp, reader)}, force, [file])
        return
    emit(env, render(plan, stamp, reader), output, force, [file])


def _everyone(env: Env, plan: Plan, stamp: dt.datetime, folder: Path | None, force: bool) -> None:
    """One calendar per person who goes, each checked before any is written."""
    from netplan.report.ics import EXTENSION, render

    if folder is None:
        raise UsageError("--for everyone writes one file per person: give -o an existing folder")
    paths = numbered_paths(folder, [file_stem(r) for r in plan.going], EXTENSION)
    files: dict[Path, Callable[[], str]] = {
        path: functools.partial(render, plan, stamp, reader)
        for path, reader in zip(paths, plan.going, strict=True)
    }
    write_batch(files, force)
    env.err([f"Wrote {path}" for path in files])
