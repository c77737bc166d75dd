"""`netplan people`: how netplan reads a contact or attendee list."""

from __future__ import annotations

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
    from netplan.report.json import dumps
    from netplan.sources.lists import load_list

    env = env_of(ctx)
    one_stdin(files)
    read = []
    failed = False
    for path in files:
        try:
            if path == STDIN and env.stdin is None:
                raise InputError("<stdin>", [Problem("no standard input to read")])
            read.append(load_list(path, stdin=env.stdin if path == STDIN else None))
        except InputError as e:
            env.err(e.lines())
            failed = True
    if read:
        fmt = format.lower()
        if fmt == "json":
            docs = [report.document(f) for f in read]
            content = dumps(docs[0] if len(files) == 1 else docs)
        elif fmt == "jsonl":
            content = "".join(dumps(report.document(f), indent=None) for f in read)
        elif fmt == "csv":
            content = report.csv_text(read)
        elif fmt == "toml":
            content = report.toml_text(read)
        else:
            content = report.text(read)
        emit(env, content, output, force, files)
    if failed:
        raise typer.Exit(ExitCode.INPUT)
