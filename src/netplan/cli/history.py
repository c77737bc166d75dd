"""`netplan history`: what your debriefs recorded, and the people you met."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from netplan.cli import app
from netplan.cli.common import (
    Db,
    Force,
    OneOutput,
    PlainCommand,
    emit,
    env_of,
    guarded,
    history_path,
)

HistoryFormat = Literal["text", "json", "jsonl", "csv", "markdown", "md"]


@app.command(
    name="history",
    cls=PlainCommand,
    epilog="Examples: netplan history  ·  netplan history --met --format csv -o contacts.csv",
)
@guarded
def history_command(
    ctx: typer.Context,
    format: Annotated[
        HistoryFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="One of text, json, jsonl, csv, markdown (or md); default text.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = "text",
    met: Annotated[
        bool,
        typer.Option(
            "--met",
            help="The people you met instead of the events; as CSV, with the columns "
            "HubSpot's contact import expects.",
        ),
    ] = False,
    output: OneOutput = None,
    force: Force = False,
    db: Db = None,
) -> None:
    """Show every debriefed event: date, name, verdict, who came, new contacts against the
    goal, targets met of those planned; totals; and a bar chart of new contacts.

    It only reads: without a history yet, it says so (and creates nothing).
    """
    from contextlib import closing

    from netplan.report import history as report
    from netplan.report.json import dumps
    from netplan.store import events, met_people, open_history

    env = env_of(ctx)
    conn = open_history(history_path(env, db), create=False)
    if conn is None:
        summaries, people = [], []
    else:
        with closing(conn):
            summaries = events(conn)
            people = met_people(conn) if met else []
    fmt = "markdown" if format.lower() == "md" else format.lower()
    if met:
        content = {
            "text": lambda: report.met_text(people),
            "json": lambda: dumps(report.met_dicts(people)),
            "jsonl": lambda: "".join(dumps(d, indent=None) for d in report.met_dicts(people)),
            "csv": lambda: report.met_csv(people),
            "markdown": lambda: report.met_markdown(people),
        }[fmt]()
    else:
        content = {
            "text": lambda: report.text(summaries),
            "json": lambda: dumps(report.document(summaries)),
            "jsonl": lambda: "".join(dumps(report.event_dict(e), indent=None) for e in summaries),
            "csv": lambda: report.events_csv(summaries),
            "markdown": lambda: report.markdown(summaries),
        }[fmt]()
    emit(env, content, output, force)
