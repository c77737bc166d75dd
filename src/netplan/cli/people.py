"""`netplan people`: how netplan reads a contact or attendee list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

import typer

from netplan.cli import app
from netplan.cli.common import (
    STDIN,
    Force,
    OneOutput,
    PlainCommand,
    emit,
    env_of,
    guarded,
    one_stdin,
)
from netplan.errors import ExitCode, InputError, Problem

PeopleFormat = Literal["text", "json", "jsonl", "csv", "toml"]


@app.command(
    cls=PlainCommand,
    epilog="Examples: netplan people Connections.csv  ·  "
    "netplan people hubspot.csv --format toml >> event.toml",
)
@guarded
def people(
    ctx: typer.Context,
    files: Annotated[
        list[str],
        typer.Argument(
            help="Lists: LinkedIn, Luma, Eventbrite, Meetup, HubSpot, Salesforce, Google, "
            "Outlook, vCard, or any CSV/TSV with common column names; '-' reads one from "
            "standard input.",
            metavar="FILE",
            show_default=False,
        ),
    ],
    format: Annotated[
        PeopleFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="One of text, json, jsonl, csv, toml ([[targets]] to paste into an event "
            "file); default text.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = "text",
    output: OneOutput = None,
    force: Force = False,
) -> None:
    """Show how netplan reads a list, so you can trust it before an event: the format and
    encoding it detected, the header's line, which column became which field and which
    were ignored, the people read, and the rows skipped with their line and reason."""
    from netplan.report import people as report
    from netplan.sources.lists import Quota, parse_list, read_list_file, source_name

    env = env_of(ctx)
    one_stdin(files)
    # Every file's bytes first: together they set how many people the files may hold.
    data: list[bytes | InputError] = []
    for path in files:
        try:
            if path == STDIN and env.stdin is None:
                raise InputError("<stdin>", [Problem("no standard input to read")])
            data.append(read_list_file(path, stdin=env.stdin if path == STDIN else None))
        except InputError as e:
            data.append(e)
    quota = Quota.of(sum(len(d) for d in data if isinstance(d, bytes)), "the files given")
    read = []
    failed = False
    for n, path in enumerate(files):
        found, data[n] = data[n], b""  # its bytes go once read
        try:
            if isinstance(found, InputError):
                raise found
            if quota.spent:
                why = f"not read: the files before it hold all {quota.allowed:,} people allowed"
                raise InputError(source_name(path), [Problem(why)])
            read.append(parse_list(found, source_name(path), quota=quota))
        except InputError as e:
            env.err(e.lines())
            failed = True
        del found
    if read:
        fmt = format.lower()
        content: str | Iterator[str]
        if fmt == "json":
            content = report.json_pieces(read, single=len(files) == 1)
        elif fmt == "jsonl":
            content = report.jsonl_pieces(read)
        elif fmt == "csv":
            content = report.csv_text(read)
        elif fmt == "toml":
            content = report.toml_text(read)
        else:
            content = report.text(read)
        emit(env, content, output, force, files)
    if failed:
        raise typer.Exit(ExitCode.INPUT)
