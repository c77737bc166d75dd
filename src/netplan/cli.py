"""The command line: parse → load → plan → report → exit code. Nothing else lives here."""

from __future__ import annotations

import functools
import os
import shutil
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from netplan import __version__
from netplan.errors import ExitCode, InputError, NetplanError, UsageError

if TYPE_CHECKING:
    from netplan.plan import Plan
    from netplan.rules import Rule

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 a finding of a kind named by --fail-on is present; "
    "2 usage, input or output error; 3 internal error (rerun with --debug)."
)

app = typer.Typer(
    name="netplan",
    help="Plan how to attend a networking event with co-workers: go alone, as a pair, or "
    "together and split up; who to bring, who to leave at the office, and a checklist. "
    "Based on 'Networking With Co-Workers: Good Or Bad?' by Johnny Bravo.\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class ChecklistFormat(StrEnum):
    markdown = "markdown"
    json = "json"


class Kind(StrEnum):
    pro = "pro"
    con = "con"
    tip = "tip"


Files = Annotated[
    list[str],
    typer.Argument(
        help="Event files (TOML); '-' reads one from standard input.",
        metavar="FILE...",
        show_default=False,
    ),
]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file instead of standard output (a folder for markdown with "
        "several inputs: one FILE-STEM.md each).",
        dir_okay=True,
        show_default=False,
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")]
Select = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        help="Run only these rules (name, code or code prefix; repeatable). "
        "Replaces the file's [netplan] select and ignore.",
        show_default=False,
    ),
]
Ignore = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        help="Switch these rules off (repeatable); wins over --select.",
        show_default=False,
    ),
]
Color = Annotated[
    bool | None,
    typer.Option(
        "--color/--no-color",
        help="Colour the text report (default: only on a terminal, and never with NO_COLOR set).",
        show_default=False,
    ),
]
Debug = Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")]

F = TypeVar("F", bound=Callable[..., None])


def _guarded(fn: F) -> F:
    """Turn netplan's errors into messages and exit codes; hide tracebacks unless --debug."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            fn(*args, **kwargs)
        except NetplanError as e:
            _error_lines(e.lines(), prefix=not isinstance(e, InputError))
            raise typer.Exit(e.exit_code) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as e:
            if kwargs.get("debug"):
                raise
            from netplan.safety import clean

            _error_lines(
                [
                    f"internal error: {clean(type(e).__name__)}: {clean(str(e))} "
                    "(rerun with --debug for the traceback)"
                ],
                prefix=True,
            )
            raise typer.Exit(ExitCode.INTERNAL) from None

    return wrapper  # type: ignore[return-value]


def _error_lines(lines: list[str], *, prefix: bool) -> None:
    for line in lines:
        sys.stderr.write(("netplan: " if prefix else "") + line + "\n")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"netplan {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Plan how to attend a networking event with co-workers."""


def _rules_for(
    event_select: list[str] | None,
    event_ignore: list[str],
    select: list[str] | None,
    ignore: list[str] | None,
) -> tuple[Rule, ...]:
    from netplan.rules import UnknownRule
    from netplan.rules import select as pick

    try:
        if select:
            return pick(select, ignore or [])
        return pick(event_select, [*event_ignore, *(ignore or [])])
    except UnknownRule as e:
        raise UsageError(str(e)) from None


def _check_selectors(select: list[str] | None, ignore: list[str] | None) -> None:
    """Reject an unknown --select/--ignore before reading any file."""
    _rules_for(None, [], select, ignore)


def _plans(
    files: list[str], select: list[str] | None, ignore: list[str] | None
) -> tuple[list[Plan], bool]:
    """Load and plan every input; report bad ones and carry on with the rest."""
    from netplan.engine import make_plan
    from netplan.loader import load_event, source_name

    if files.count("-") > 1:
        raise UsageError("'-' (standard input) can be given only once")
    _check_selectors(select, ignore)
    plans = []
    failed = False
    for path in files:
        try:
            event = load_event(path, stdin=sys.stdin.buffer if path == "-" else None)
        except InputError as e:
            _error_lines(e.lines(), prefix=False)
            failed = True
            continue
        rules = _rules_for(event.netplan.select, event.netplan.ignore, select, ignore)
        plans.append(make_plan(event, rules, source=source_name(path)))
    return plans, failed


def _use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _width() -> int:
    return max(40, shutil.get_terminal_size((80, 24)).columns)


def _emit(content: str, output: Path | None, force: bool) -> None:
    if output is None:
        sys.stdout.write(content)
        sys.stdout.flush()
    else:
        from netplan.output import write_atomic

        write_atomic(output, content, force=force)


def _emit_each(plans: list[Plan], folder: Path, force: bool, render: Callable[[Plan], str]) -> None:
    """Markdown for several inputs into a folder: one FILE-STEM.md per input."""
    from netplan.output import write_atomic

    if not folder.is_dir():
        raise UsageError(f"{folder}: with several inputs, --output must be an existing folder")
    names: dict[str, str] = {}
    for plan in plans:
        stem = "stdin" if plan.source == "<stdin>" else Path(plan.source).stem
        target = f"{stem}.md"
        if target in names:
            raise UsageError(f"{plan.source} and {names[target]} would both be written to {target}")
        names[target] = plan.source
    for plan in plans:
        stem = "stdin" if plan.source == "<stdin>" else Path(plan.source).stem
        write_atomic(folder / f"{stem}.md", render(plan), force=force)


def _finish(plans: list[Plan], failed: bool, fail_on: list[Kind] | None) -> None:
    if failed:
        raise typer.Exit(ExitCode.INPUT)
    kinds = {k.value for k in fail_on or []}
    if kinds and any(f.kind in kinds for p in plans for f in p.findings):
        raise typer.Exit(ExitCode.FINDINGS)


FailOn = Annotated[
    list[Kind] | None,
    typer.Option(
        "--fail-on",
        help="Exit with 1 when any finding of this kind is present (repeatable).",
        show_default=False,
    ),
]


@app.command(epilog="Example: netplan advise examples/trade-show.toml --format json | jq .verdict")
@_guarded
def advise(
    files: Files,
    format: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.text,
    output: Output = None,
    force: Force = False,
    fail_on: FailOn = None,
    select: Select = None,
    ignore: Ignore = None,
    color: Color = None,
    debug: Debug = False,
) -> None:
    """Advise on one or more events: verdict, who to bring or leave, findings and checklist.

    With several files, the text report ends with a summary table and JSON is an array in
    input order. A bad file is reported and the others are still advised on (exit 2).
    """
    plans, failed = _plans(files, select, ignore)
    if plans:
        if format is Format.json:
            from netplan.report import json

            _emit(json.render(plans, single=len(files) == 1), output, force)
        elif format is Format.markdown:
            from netplan.report import markdown

            if output is not None and len(files) > 1:
                _emit_each(plans, output, force, markdown.render_plan)
            else:
                _emit(markdown.render(plans), output, force)
        else:
            from netplan.report import text

            colored = _use_color(color) and output is None
            _emit(text.render(plans, width=_width(), color=colored), output, force)
    _finish(plans, failed, fail_on)


@app.command(epilog="Example: netplan checklist examples/trade-show.toml -o prep.md")
@_guarded
def checklist(
    files: Files,
    format: Annotated[
        ChecklistFormat, typer.Option("--format", "-f", help="Checklist format.")
    ] = ChecklistFormat.markdown,
    output: Output = None,
    force: Force = False,
    fail_on: FailOn = None,
    select: Select = None,
    ignore: Ignore = None,
    debug: Debug = False,
) -> None:
    """Print only the checklist (targets and actions) as a markdown task list, or as JSON.

    Paste the markdown into a GitHub issue, a wiki page or a notes app: every item is a
    checkbox.
    """
    plans, failed = _plans(files, select, ignore)
    if plans:
        if format is ChecklistFormat.json:
            from netplan.report import json

            _emit(json.render(plans, checklist_only=True, single=len(files) == 1), output, force)
        else:
            from netplan.report import markdown

            if output is not None and len(files) > 1:
                _emit_each(plans, output, force, markdown.render_checklist)
            else:
                _emit(markdown.render(plans, checklist_only=True), output, force)
    _finish(plans, failed, fail_on)


@app.command(epilog="Example: netplan schema > netplan.schema.json")
@_guarded
def schema(output: Output = None, force: Force = False, debug: Debug = False) -> None:
    """Print the JSON Schema of the event file, for editors that validate TOML against one."""
    from netplan.models import event_schema
    from netplan.report.json import dumps

    _emit(dumps(event_schema()), output, force)


def run() -> None:
    app(prog_name="netplan")
