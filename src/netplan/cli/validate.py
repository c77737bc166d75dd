"""`netplan validate`: check files without advising."""

from __future__ import annotations

import typer

from netplan.cli import app
from netplan.cli.common import STDIN, Files, PlainCommand, env_of, guarded, one_stdin
from netplan.errors import ExitCode, InputError


@app.command(cls=PlainCommand, epilog="Example: netplan validate examples/*.toml")
@guarded
def validate(ctx: typer.Context, files: Files) -> None:
    """Check event files without advising: 'FILE: ok', or every problem with its line.

    Warnings for likely mistakes (a 'knows' name that matches no target or only nearly
    does, a name listed twice, a colleague with no style at a happy hour, a template
    never filled in) are shown but do not fail the check.
    """
    from netplan.safety import clean
    from netplan.sources.event import load_with_lists, source_name

    env = env_of(ctx)
    one_stdin(files)
    failed = False
    for path in files:
        try:
            # Only the remarks are kept: not this file's event while the next is read.
            remarks = load_with_lists(path, stdin=env.stdin if path == STDIN else None)[1]
        except InputError as e:
            env.err(e.lines())
            failed = True
            continue
        source = source_name(path)
        env.err([remark.format(source, "warning") for remark in remarks])
        env.out(f"{clean(source)}: ok\n")
    if failed:
        raise typer.Exit(ExitCode.INPUT)
