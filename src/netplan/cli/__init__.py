"""The command line: parse → load → plan → report → exit code. Nothing else lives here.

One module per command; `common` holds what they share and `env` what they take
from the outside world.
"""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

from netplan import __version__
from netplan.cli.env import Env
from netplan.errors import ExitCode

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 an unresolved finding of a kind named by --fail-on is present; "
    "2 usage, input or output error; 3 internal error (rerun with --debug); "
    "141 the reader of the output closed the pipe early."
)


def _new_app() -> typer.Typer:
    return typer.Typer(
        name="netplan",
        help="Plan how to attend a networking event with co-workers: go alone, as a pair, "
        "or together and split up; who to bring, who to leave at the office, and a "
        "checklist. Based on 'Networking With Co-Workers: Good Or Bad?' by Johnny Bravo."
        "\n\n" + EXIT_CODES_HELP,
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


app = _new_app()


def _version(ctx: typer.Context, value: bool) -> None:
    if value:
        from netplan.cli.common import env_of

        env_of(ctx).out(f"netplan {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    version: Annotated[  # noqa: ARG001 - answered by its eager callback
        bool,
        typer.Option(
            "--version", "-V", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help="Show the traceback of an internal error.", show_default=False
        ),
    ] = False,
) -> None:
    """Plan how to attend a networking event with co-workers."""
    from netplan.cli.common import env_of

    env_of(ctx).debug = debug


# Each module adds its commands to `app`; importing them is cheap (their heavy
# imports wait inside the commands). The order is the order of `netplan --help`.
COMMANDS = (
    "advise",
    "checklist",
    "calendar",
    "team",
    "debrief",
    "history",
    "people",
    "validate",
    "init",
    "rules",
    "schema",
)
for _module in COMMANDS:
    importlib.import_module(f"netplan.cli.{_module}")


def _command_name(info: typer.models.CommandInfo) -> str:
    callback = info.callback
    return info.name or (callback.__name__.replace("_", "-") if callback else "")


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command `args` names, when they name one: typer builds
    every registered command before running any, and one is all a run needs."""
    name = next((a for a in args if not a.startswith("-")), None)
    chosen = [c for c in app.registered_commands if _command_name(c) == name]
    if not chosen:
        return app  # help, a typo (click suggests the right name), or no command
    lean = _new_app()
    lean.registered_callback = app.registered_callback
    lean.registered_commands = chosen
    return lean


def _usage_error(e: Exception) -> list[str]:
    """click's usage error as lines for the one sanitising sink. Only netplan's own
    text (the usage line, the help) is split into lines; the message, which quotes
    what was typed, is one line, so typed text can never start a line of its own."""
    import io

    ctx = getattr(e, "ctx", None)
    if ctx is None or type(e).__name__ == "NoArgsIsHelpError":
        # `netplan` alone (the help), or an error netplan itself worded: all ours.
        buffer = io.StringIO()
        getattr(e, "show")(file=buffer)  # noqa: B009 - an attribute of click's error type
        return buffer.getvalue().splitlines()
    lines: list[str] = ctx.get_usage().split("\n")
    help_option = next(iter(ctx.help_option_names), "--help")
    lines += [f"Try '{ctx.command_path} {help_option}' for help.", ""]
    format_message = getattr(e, "format_message", None)
    message = format_message() if callable(format_message) else str(e)
    lines.append(f"Error: {message}")
    return lines


def run(args: list[str] | None = None, env: Env | None = None) -> int:
    """Run the app as the `netplan` command (on `args`, default the process's own) and
    return its exit status."""
    import sys

    env = env or Env.from_system()
    args = list(sys.argv[1:] if args is None else args)
    try:
        code = _app_for(args)(args, prog_name="netplan", standalone_mode=False, obj=env)
    except typer.Abort:
        env.err(["aborted"], prefix=True)
        return ExitCode.INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as e:
        show, exit_code = getattr(e, "show", None), getattr(e, "exit_code", None)
        if callable(show) and isinstance(exit_code, int):
            env.err(_usage_error(e))
            return exit_code
        if env.debug:
            raise
        env.err(
            [f"internal error: {type(e).__name__}: {e} (rerun with --debug for the traceback)"],
            prefix=True,
        )
        return ExitCode.INTERNAL
    return code if isinstance(code, int) else ExitCode.OK
