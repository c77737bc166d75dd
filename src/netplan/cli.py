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
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from netplan import __version__
from netplan.errors import ExitCode, InputError, NetplanError, OutputError, UsageError

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


class ListFormat(StrEnum):
    text = "text"
    json = "json"


class Kind(StrEnum):
    pro = "pro"
    con = "con"
    tip = "tip"


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
        metavar="RULE",
        help="Run only these rules (name, code or code prefix; repeatable). "
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


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real descriptor (a test runner's buffer)
        pass


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
    # Check every destination first, so a refusal leaves the folder as it was.
    targets: dict[Path, Plan] = {}
    for plan in plans:
        path = folder / f"{'stdin' if plan.source == '<stdin>' else Path(plan.source).stem}.md"
        if path in targets:
            raise UsageError(
                f"{plan.source} and {targets[path].source} would both be written to {path}"
            )
        if path.exists() and not force:
            raise OutputError(f"{path}: already exists (use --force to overwrite it)")
        targets[path] = plan
    for path, plan in targets.items():
        write_atomic(path, render(plan), force=force)


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
        metavar="KIND",
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


def run() -> int:
    """Run the app as the `netplan` command and return its exit status."""
    try:
        app(prog_name="netplan")
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            return e.code or 0
        sys.stderr.write(f"{e.code}\n")
        return ExitCode.INPUT
    return ExitCode.OK


@app.command(epilog="Example: netplan validate examples/*.toml")
@_guarded
def validate(files: Files, debug: Debug = False) -> None:
    """Check event files without advising: 'FILE: ok', or every problem with its line.

    Warnings for likely mistakes (a 'knows' name that matches no target, a name listed twice,
    a colleague with no style at a happy hour) are shown but do not fail the check.
    """
    from netplan.loader import check_file, source_name
    from netplan.safety import clean

    if files.count("-") > 1:
        raise UsageError("'-' (standard input) can be given only once")
    failed = False
    for path in files:
        try:
            _, remarks = check_file(path, stdin=sys.stdin.buffer if path == "-" else None)
        except InputError as e:
            _error_lines(e.lines(), prefix=False)
            failed = True
            continue
        source = source_name(path)
        for remark in remarks:
            _error_lines([remark.format(source, "warning")], prefix=False)
        sys.stdout.write(f"{clean(source)}: ok\n")
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

        sys.stdout.write(dumps([rule_dict(r) for r in ALL_RULES]))
    else:
        sys.stdout.write(rules_table(ALL_RULES))


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

        sys.stdout.write(dumps(docs.rule_dict(found, full=True)))
    else:
        sys.stdout.write(docs.explain(found, width=min(_width(), 100)))


def _ask(
    question: str, choices: tuple[str, ...] = (), default: str = "", required: bool = False
) -> str:
    while True:
        hint = f" [{'/'.join(choices)}]" if choices else ""
        answer: str = typer.prompt(
            question + hint, default=default, show_default=bool(default), err=True
        ).strip()
        if required and not answer:
            sys.stderr.write("This one is needed.\n")
        elif not choices or answer in choices:
            return answer
        else:
            sys.stderr.write(f"Please answer one of: {', '.join(choices)}\n")


def _ask_list(question: str) -> list[str]:
    return [
        p.strip()
        for p in _ask(question + " (comma-separated, blank for none)").split(",")
        if p.strip()
    ]


def _ask_date(question: str) -> dt.date | None:
    while True:
        answer = _ask(question + " (YYYY-MM-DD, blank for none)")
        if not answer:
            return None
        try:
            return dt.date.fromisoformat(answer)
        except ValueError:
            sys.stderr.write("Please give a date such as 2027-03-18.\n")


def _interview() -> dict[str, Any]:
    from typing import get_args

    from netplan.models import Kind, NewTo, Priority, Style

    data: dict[str, Any] = {
        "event": {
            "name": _ask("Event name", required=True),
            "kind": _ask("Kind", get_args(Kind), "mixer"),
        }
    }
    date = _ask_date("Date")
    if date:
        data["event"]["date"] = date
    data["me"] = {"name": _ask("Your name", required=True)}
    if new_to := _ask_list(f"New to any of {', '.join(get_args(NewTo))}?"):
        data["me"]["new_to"] = new_to
    colleagues = []
    while name := _ask("Colleague who might come (blank to finish)"):
        c: dict[str, Any] = {"name": name, "style": _ask("  Style", get_args(Style), "networker")}
        if expertise := _ask_list("  Their expertise"):
            c["expertise"] = expertise
        if knows := _ask_list("  People there they can introduce you to"):
            c["knows"] = knows
        if typer.confirm("  A close work-friend?", default=False, err=True):
            c["close_friend"] = True
        colleagues.append(c)
    targets = []
    while name := _ask("Someone you want to meet (blank to finish)"):
        t: dict[str, Any] = {"name": name}
        if company := _ask("  Company"):
            t["company"] = company
        t["priority"] = _ask("  Priority", get_args(Priority), "medium")
        if interests := _ask_list("  Their interests"):
            t["interests"] = interests
        targets.append(t)
    if colleagues:
        data["colleagues"] = colleagues
    if targets:
        data["targets"] = targets
    return data


@app.command(
    epilog="Examples: netplan init  ·  netplan init mixer.toml --name 'Harbour Mixer' --me Robin"
)
@_guarded
def init(
    path: Annotated[
        str, typer.Argument(help="Where to write the event file ('-' for standard output).")
    ] = "event.toml",
    name: Annotated[str | None, typer.Option(help="The event's name.", show_default=False)] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            help="mixer, trade-show, conference, meetup, happy-hour or other (default mixer).",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="The event's date, YYYY-MM-DD.", show_default=False)
    ] = None,
    me: Annotated[str | None, typer.Option(help="Your name.", show_default=False)] = None,
    interactive: Annotated[
        bool | None,
        typer.Option(
            "--interactive/--no-interactive",
            help="Ask questions (default: when standard input is a terminal).",
            show_default=False,
        ),
    ] = None,
    force: Force = False,
    debug: Debug = False,
) -> None:
    """Write a starter event file.

    On a terminal it asks a few questions; otherwise it takes --name/--kind/--date/--me, or
    writes a commented template to fill in. It never overwrites a file without --force.
    """
    from netplan import starter

    if interactive is None:
        interactive = sys.stdin.isatty() and name is None and me is None
    if interactive:
        data = _interview()
    elif name is not None or me is not None or date is not None or kind is not None:
        if name is None or me is None:
            raise UsageError("--name and --me are needed with any of --kind and --date")
        data = {"event": {"name": name, "kind": kind or "mixer"}, "me": {"name": me}}
        if date is not None:
            try:
                data["event"]["date"] = dt.date.fromisoformat(date)
            except ValueError:
                raise UsageError(f"--date: '{date}' is not a date such as 2027-03-18") from None
    else:
        data = None
    content = starter.TEMPLATE if data is None else starter.to_toml(starter.build_event(data))
    if path == "-":
        sys.stdout.write(content)
        return
    from netplan.output import write_atomic

    write_atomic(Path(path), content, force=force)
    from netplan.safety import clean

    sys.stderr.write(f"Wrote {clean(path)}. Next: netplan validate {clean(path)}\n")
