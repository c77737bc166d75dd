"""`netplan init`: write a starter event file."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from netplan.cli import app
from netplan.cli.common import STDIN, Force, PlainCommand, env_of, guarded
from netplan.cli.env import Env
from netplan.errors import UsageError
from netplan.model.kinds import Kind


def _parse_date(value: str) -> dt.date:
    """A date, or a date-time as the file format allows."""
    from netplan.cli.interview import date

    try:
        parsed = date(value)
    except ValueError:
        parsed = None
    if parsed is None:
        raise UsageError(f"--date: '{value}' is not a date such as 2027-03-18 or 2027-03-18T18:00")
    return parsed


def _missing(**given: str | None) -> str:
    """What to add, said of what was given: `--me needs --name too`."""

    def listed(options: list[str]) -> str:
        return " and ".join([", ".join(options[:-1]), options[-1]] if len(options) > 2 else options)

    have = [f"--{option}" for option, value in given.items() if value is not None]
    lacking = [f"--{option}" for option in ("name", "me") if given[option] is None]
    return f"{listed(have)} {'needs' if len(have) == 1 else 'need'} {listed(lacking)} too"


def _interview(env: Env) -> dict[str, Any]:
    from netplan.cli.interview import EndOfAnswers, Interview

    def read_line() -> str | None:
        if env.stdin is None:
            return None
        line = env.stdin.readline(64 * 1024)
        return line.decode("utf-8", "replace") if line else None

    def say(message: str) -> None:
        if env.stderr is not None:
            from netplan.safety import clean

            env.stderr.write(clean(message.rstrip("\n")) + ("\n" if message.endswith("\n") else ""))
            env.stderr.flush()

    try:
        return Interview(read_line, say).run()
    except EndOfAnswers:
        raise typer.Abort from None


@app.command(
    cls=PlainCommand,
    epilog="Examples: netplan init  ·  netplan init mixer.toml --name 'Harbour Mixer' --me Robin",
)
@guarded
def init(
    ctx: typer.Context,
    path: Annotated[
        str,
        typer.Argument(
            help="Where to write the event file ('-' for standard output).", metavar="PATH"
        ),
    ] = "event.toml",
    name: Annotated[
        str | None, typer.Option(help="The event's name.", metavar="TEXT", show_default=False)
    ] = None,
    kind: Annotated[
        Kind | None,
        typer.Option(
            help="What sort of event: mixer (default), trade-show, conference, meetup, "
            "happy-hour or other.",
            metavar="KIND",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            help="When: YYYY-MM-DD or YYYY-MM-DDTHH:MM.", metavar="DATE", show_default=False
        ),
    ] = None,
    me: Annotated[
        str | None, typer.Option(help="Your name.", metavar="TEXT", show_default=False)
    ] = None,
    interactive: Annotated[
        bool | None,
        typer.Option(
            "--interactive/--no-interactive",
            help="Ask questions (default: when standard input is a terminal and no other "
            "option is given).",
            show_default=False,
        ),
    ] = None,
    force: Force = False,
) -> None:
    """Write a starter event file.

    On a terminal it asks questions, checking each answer as you give it; otherwise it
    takes --name/--me (and --kind, --date), or writes a commented template to fill in. It
    never overwrites a file without --force, and the file it writes always passes
    `netplan validate` (a template with a warning that its placeholder names are still in).
    """
    from netplan import starter

    env = env_of(ctx)
    flags = any(x is not None for x in (name, me, kind, date))
    if interactive is None:
        interactive = not flags and env.stdin_tty
    data: dict[str, Any] | None = None
    if interactive:
        if flags:
            raise UsageError(
                "--interactive asks for everything: leave out --name, --me, --kind and --date"
            )
        data = _interview(env)
    elif flags:
        if name is None or me is None:
            raise UsageError(_missing(name=name, me=me, kind=kind, date=date))
        event: dict[str, Any] = {"name": name, "kind": (kind or "mixer").lower()}
        if date is not None:
            event["date"] = _parse_date(date)
        data = {"event": event, "me": {"name": me}}
    content = starter.TEMPLATE if data is None else starter.to_toml(starter.build_event(data))
    if path == STDIN:
        env.out(content)
        return
    from netplan.output import write_atomic

    write_atomic(path, content, force=force)  # as typed: a trailing '/' is refused
    env.err([f"Wrote {path}. Next: netplan validate {path}"])
