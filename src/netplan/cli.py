"""The command line: parse → load → plan → report → exit code. Nothing else lives here."""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from netplan import __version__
from netplan.errors import ExitCode, InputError, NetplanError, OutputError, UsageError
from netplan.loader import STDIN

if TYPE_CHECKING:
    from netplan.plan import Plan

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 a finding of a kind named by --fail-on is present; "
    "2 usage, input or output error; 3 internal error (rerun with --debug); "
    "141 the reader of the output closed the pipe early."
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


class ListFormat(StrEnum):
    text = "text"
    json = "json"


class FindingKind(StrEnum):
    pro = "pro"
    con = "con"
    tip = "tip"


class EventKind(StrEnum):
    """The event kinds of models.Kind, as choices for `init --kind` (a test keeps them equal)."""

    mixer = "mixer"
    trade_show = "trade-show"
    conference = "conference"
    meetup = "meetup"
    happy_hour = "happy-hour"
    other = "other"


Files = Annotated[
    list[str],
    typer.Argument(
        help="Event files (TOML); '-' reads one from standard input.",
        metavar="FILE",
        show_default=False,
    ),
]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Write to this file instead of standard output ('-' is standard output; a folder "
        "for markdown with several inputs: one FILE-STEM.md each).",
        dir_okay=True,
        show_default=False,
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")]
Select = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        metavar="RULE",
        help="Run only these rules (name, code or code prefix such as NP2; repeatable). "
        "Replaces the file's [netplan] select and ignore.",
        show_default=False,
    ),
]
Ignore = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        metavar="RULE",
        help="Switch these rules off (repeatable); wins over --select.",
        show_default=False,
    ),
]
FailOn = Annotated[
    list[FindingKind] | None,
    typer.Option(
        "--fail-on",
        metavar="KIND",
        help="Exit with 1 when any finding of this kind (pro, con or tip) is present (repeatable).",
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
        except BrokenPipeError:
            # The reader went away (`netplan ... | head`): stop quietly, as a
            # program killed by SIGPIPE would, instead of reporting a bug.
            _silence_stdout()
            raise typer.Exit(ExitCode.PIPE_CLOSED) from None
        except typer.Abort:
            # A prompt met the end of its input (or Ctrl-C): nothing was written.
            _error_lines(["aborted: no answer on standard input; nothing was written"], prefix=True)
            raise typer.Exit(ExitCode.INPUT) from None
        except typer.Exit:
            raise
        except Exception as e:
            if kwargs.get("debug"):
                raise
            _error_lines(
                [f"internal error: {type(e).__name__}: {e} (rerun with --debug for the traceback)"],
                prefix=True,
            )
            raise typer.Exit(ExitCode.INTERNAL) from None

    return wrapper  # type: ignore[return-value]


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real descriptor (a test's buffer)
        pass


def _error_lines(lines: list[str], *, prefix: bool) -> None:
    """Every message leaves through here, made inert again (cleaning twice changes nothing)."""
    from netplan.safety import clean

    if sys.stderr is None:  # started with stderr closed: nowhere to say it
        return
    for line in lines:
        sys.stderr.write(("netplan: " if prefix else "") + clean(line) + "\n")


def _out(content: str) -> None:
    """Write to standard output; a full disk or a closed descriptor is an output error."""
    if sys.stdout is None:
        raise OutputError("standard output is closed")
    try:
        sys.stdout.write(content)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as e:
        raise OutputError(f"cannot write to standard output: {e.strerror or e}") from None


def _stdin() -> IO[bytes] | None:
    return getattr(sys.stdin, "buffer", None)


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except ValueError:  # closed
        return False


def _to_stdout(output: Path | None) -> bool:
    return output is None or str(output) == STDIN


def _version(value: bool) -> None:
    if value:
        _out(f"netplan {__version__}\n")
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


def _one_stdin(files: list[str]) -> None:
    if files.count(STDIN) > 1:
        raise UsageError("'-' (standard input) can be given only once")


def _plans(
    files: list[str], select: list[str] | None, ignore: list[str] | None
) -> tuple[list[Plan], bool]:
    """Load and plan every input; report bad ones and carry on with the rest."""
    from netplan.engine import make_plan
    from netplan.loader import load_event, source_name
    from netplan.rules import UnknownRule, resolve

    _one_stdin(files)
    try:
        resolve(None, [], select, ignore)  # an unknown --select/--ignore fails before any file
    except UnknownRule as e:
        raise UsageError(str(e)) from None
    plans = []
    failed = False
    for path in files:
        try:
            event = load_event(path, stdin=_stdin() if path == STDIN else None)
        except InputError as e:
            _error_lines(e.lines(), prefix=False)
            failed = True
            continue
        rules = resolve(event.netplan.select, event.netplan.ignore, select, ignore)
        plans.append(make_plan(event, rules, source=source_name(path)))
    return plans, failed


def _use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout is not None and sys.stdout.isatty()


def _width(to_terminal: bool = True) -> int:
    if to_terminal:
        return max(40, shutil.get_terminal_size((80, 24)).columns)
    # A file must not depend on the terminal it was written from: COLUMNS or 80.
    try:
        return max(40, int(os.environ.get("COLUMNS", "80")))
    except ValueError:
        return 80


def _emit(content: str, output: Path | None, force: bool) -> None:
    if _to_stdout(output):
        _out(content)
    else:
        from netplan.output import write_atomic

        assert output is not None
        write_atomic(output, content, force=force)


def _emit_each(plans: list[Plan], folder: Path, force: bool, render: Callable[[Plan], str]) -> None:
    """Markdown for several inputs into a folder: one FILE-STEM.md per input."""
    from netplan.loader import source_name
    from netplan.output import write_atomic

    if not folder.is_dir():
        raise UsageError(f"{folder}: with several inputs, --output must be an existing folder")
    # Check every destination first, so a refusal leaves the folder as it was.
    targets: dict[Path, Plan] = {}
    for plan in plans:
        stem = "stdin" if plan.source == source_name(STDIN) else Path(plan.source).stem
        path = folder / f"{stem}.md"
        if path in targets:
            raise UsageError(
                f"{plan.source} and {targets[path].source} would both be written to {path}"
            )
        if path.exists() and not force:
            raise OutputError(f"{path}: already exists (use --force to overwrite it)")
        targets[path] = plan
    for path, plan in targets.items():
        write_atomic(path, render(plan), force=force)


def _report(
    plans: list[Plan],
    inputs: int,
    fmt: Format,
    output: Path | None,
    force: bool,
    color: bool | None,
    checklist_only: bool = False,
) -> None:
    if fmt is Format.json:
        from netplan.report import json

        content = json.render(plans, checklist_only=checklist_only, single=inputs == 1)
        _emit(content, output, force)
    elif fmt is Format.markdown:
        from netplan.report import markdown

        if inputs > 1 and not _to_stdout(output):
            assert output is not None
            one = markdown.render_checklist if checklist_only else markdown.render_plan
            _emit_each(plans, output, force, one)
        else:
            _emit(markdown.render(plans, checklist_only=checklist_only), output, force)
    else:
        from netplan.report import text

        terminal = _to_stdout(output)
        colored = terminal and _use_color(color)
        _emit(text.render(plans, width=_width(terminal), color=colored), output, force)


def _finish(plans: list[Plan], failed: bool, fail_on: list[FindingKind] | None) -> None:
    if failed:
        raise typer.Exit(ExitCode.INPUT)
    if fail_on and any(p.has_finding(fail_on) for p in plans):
        raise typer.Exit(ExitCode.FINDINGS)


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
        _report(plans, len(files), format, output, force, color)
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
        _report(plans, len(files), Format(format.value), output, force, None, checklist_only=True)
    _finish(plans, failed, fail_on)


@app.command(epilog="Example: netplan schema > netplan.schema.json")
@_guarded
def schema(output: Output = None, force: Force = False, debug: Debug = False) -> None:
    """Print the JSON Schema of the event file, for editors that validate TOML against one."""
    from netplan.models import event_schema
    from netplan.report.json import dumps

    _emit(dumps(event_schema()), output, force)


@app.command(epilog="Example: netplan validate examples/*.toml")
@_guarded
def validate(files: Files, debug: Debug = False) -> None:
    """Check event files without advising: 'FILE: ok', or every problem with its line.

    Warnings for likely mistakes (a 'knows' name that matches no target, a name listed twice,
    a colleague with no style at a happy hour) are shown but do not fail the check.
    """
    from netplan.loader import check_file, source_name
    from netplan.safety import clean

    _one_stdin(files)
    failed = False
    for path in files:
        try:
            _, remarks = check_file(path, stdin=_stdin() if path == STDIN else None)
        except InputError as e:
            _error_lines(e.lines(), prefix=False)
            failed = True
            continue
        source = source_name(path)
        _error_lines([remark.format(source, "warning") for remark in remarks], prefix=False)
        _out(f"{clean(source)}: ok\n")
    if failed:
        raise typer.Exit(ExitCode.INPUT)


@app.command(name="rules", epilog="Example: netplan rules --format json")
@_guarded
def list_rules(
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ListFormat.text
    ),
    debug: Debug = False,
) -> None:
    """List every rule: code, name, kind (pro, con, tip) and a one-line summary."""
    from netplan.report.rules import rule_dict, rules_table
    from netplan.rules import ALL_RULES

    if format is ListFormat.json:
        from netplan.report.json import dumps

        _out(dumps([rule_dict(r) for r in ALL_RULES]))
    else:
        _out(rules_table(ALL_RULES))


@app.command(epilog="Example: netplan explain group-size")
@_guarded
def explain(
    rule: Annotated[str, typer.Argument(help="A rule's name or code, e.g. group-size or NP203.")],
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ListFormat.text
    ),
    debug: Debug = False,
) -> None:
    """Explain one rule: why it exists, the article's point, what it reads, its settings and
    an example event where it fires."""
    from netplan.report import rules as docs
    from netplan.rules import UnknownRule, get

    try:
        found = get(rule)
    except UnknownRule as e:
        raise UsageError(str(e)) from None
    if format is ListFormat.json:
        from netplan.report.json import dumps

        _out(dumps(docs.rule_dict(found, full=True)))
    else:
        _out(docs.explain(found, width=min(_width(), 100)))


def _parse_date(value: str) -> dt.date:
    """A date, or a date-time as the file format allows."""
    try:
        if "T" in value or " " in value.strip():
            return dt.datetime.fromisoformat(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"--date: '{value}' is not a date such as 2027-03-18 or 2027-03-18T18:00"
        ) from None


@app.command(
    epilog="Examples: netplan init  ·  netplan init mixer.toml --name 'Harbour Mixer' --me Robin"
)
@_guarded
def init(
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
        EventKind | None,
        typer.Option(
            help="What sort of event (default mixer).", metavar="KIND", show_default=False
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
    debug: Debug = False,
) -> None:
    """Write a starter event file.

    On a terminal it asks a few questions; otherwise it takes --name/--me (and --kind,
    --date), or writes a commented template to fill in. It never overwrites a file without
    --force, and the file it writes always passes `netplan validate`.
    """
    from netplan import starter

    flags = any(x is not None for x in (name, me, kind, date))
    if interactive is None:
        interactive = not flags and _stdin_is_terminal()
    data: dict[str, Any] | None = None
    if interactive:
        if flags:
            raise UsageError(
                "--interactive asks for everything: leave out --name, --me, --kind and --date"
            )
        from netplan.interview import interview

        data = interview()
    elif flags:
        if name is None or me is None:
            raise UsageError("--name and --me are needed with any of --kind and --date")
        event: dict[str, Any] = {"name": name, "kind": (kind or EventKind.mixer).value}
        if date is not None:
            event["date"] = _parse_date(date)
        data = {"event": event, "me": {"name": me}}
    content = starter.TEMPLATE if data is None else starter.to_toml(starter.build_event(data))
    if path == STDIN:
        _out(content)
        return
    from netplan.output import write_atomic

    write_atomic(Path(path), content, force=force)
    _error_lines([f"Wrote {path}. Next: netplan validate {path}"], prefix=False)


def run() -> int:
    """Run the app as the `netplan` command and return its exit status."""
    try:
        app(prog_name="netplan")
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            return e.code or 0
        _error_lines([str(e.code)], prefix=True)
        return ExitCode.INPUT
    return ExitCode.OK
