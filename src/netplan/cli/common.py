"""What every command shares: its options, the error guard, loading and writing."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, get_args

import typer
from typer.core import TyperCommand

from netplan.cli.env import Env
from netplan.errors import ExitCode, InputError, NetplanError, OutputError, UsageError
from netplan.model.kinds import RuleKind
from netplan.report import FormatChoice

if TYPE_CHECKING:
    from netplan.model.event import Event
    from netplan.model.history import HistorySnapshot
    from netplan.model.matching import Assembly
    from netplan.model.plan import Plan

STDIN = "-"


def _argument_name(param: Any) -> str:
    name = str(param.metavar or param.human_readable_name)
    return name + ("..." if param.nargs != 1 else "")


class PlainCommand(TyperCommand):
    """Help that names arguments plainly: `FILE...`, not `{FILE}...` and `<list[str]>`."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = _argument_name(param)
                pieces.append(name if param.required else f"[{name}]")
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        args, opts = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                args.append((_argument_name(param), record[1]))
            else:
                opts.append(record)
        for title, rows in (("Arguments", args), ("Options", opts)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


Files = Annotated[
    list[str],
    typer.Argument(
        help="Event files (TOML); '-' reads one from standard input.",
        metavar="FILE",
        show_default=False,
    ),
]
# Text, not Path: Path drops a trailing '/', which says the user meant a folder.
Output = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Write to this file instead of standard output ('-' is standard output). An "
        "existing folder, or a path ending in '/': one FILE-STEM.EXT per input.",
        show_default=False,
    ),
]
# For commands that write one document whatever they read (history, people, team).
OneOutput = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Write to this file instead of standard output ('-' is standard output).",
        show_default=False,
    ),
]
Force = Annotated[
    bool, typer.Option("--force", help="Replace an existing output file.", show_default=False)
]
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


def one_of(*known: str) -> Callable[[list[str] | None], list[str] | None]:
    """A callback for a repeatable option that takes these words, in any case."""

    def check(values: list[str] | None) -> list[str] | None:
        for value in values or ():
            if value.lower() not in known:
                shown = value if len(value) <= 40 else value[:40] + "…"
                raise typer.BadParameter(f"'{shown}' is not one of {', '.join(known)}")
        return [v.lower() for v in values] if values else values

    return check


FINDING_KINDS: tuple[str, ...] = get_args(RuleKind)


FailOn = Annotated[
    list[str] | None,
    typer.Option(
        "--fail-on",
        metavar="KIND",
        help="Exit with 1 when an unresolved finding of this kind is present: pro, con or tip "
        "(repeatable). A con about colleagues the plan leaves at the office is resolved.",
        callback=one_of(*FINDING_KINDS),
        show_default=False,
    ),
]
Color = Annotated[
    bool | None,
    typer.Option(
        "--color/--no-color",
        help="Colour the text report (default: only on a terminal, and never with NO_COLOR "
        "set or TERM=dumb).",
        show_default=False,
    ),
]


def format_option(default: str, help: str) -> Any:
    return typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"{help} One of text, json, jsonl, markdown (or md); default {default}.",
        case_sensitive=False,
        show_default=False,
    )


Format = Annotated[FormatChoice, format_option("text", "Report format.")]

F = TypeVar("F", bound=Callable[..., None])


def env_of(ctx: typer.Context) -> Env:
    root = ctx.find_root()
    if not isinstance(root.obj, Env):
        root.obj = Env.from_system()
    return root.obj


def guarded(fn: F) -> F:
    """Turn netplan's errors into messages and exit codes; no traceback unless --debug.

    The command must take `ctx: typer.Context` as a keyword parameter.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        env = env_of(kwargs["ctx"])
        try:
            fn(*args, **kwargs)
        except NetplanError as e:
            env.err(e.lines(), prefix=not isinstance(e, InputError))
            raise typer.Exit(e.exit_code) from None
        except BrokenPipeError:
            # The reader went away (`netplan ... | head`): stop quietly, as a
            # program killed by SIGPIPE would, instead of reporting a bug.
            silence(env)
            raise typer.Exit(ExitCode.PIPE_CLOSED) from None
        except OSError as e:
            # The environment failed us (a stream or file the command used directly,
            # such as a prompt on an unwritable stderr): an output error, not a bug.
            where = f"{e.filename}: " if isinstance(e.filename, str) else ""
            env.err([f"{where}{e.strerror or e}"], prefix=True)
            raise typer.Exit(ExitCode.INPUT) from None
        except typer.Abort:
            # A prompt met the end of its input (or Ctrl-C): nothing was written.
            env.err(["aborted: no answer on standard input; nothing was written"], prefix=True)
            raise typer.Exit(ExitCode.INPUT) from None
        except typer.Exit:
            raise
        except Exception as e:
            if env.debug:
                raise
            env.err(
                [f"internal error: {type(e).__name__}: {e} (rerun with --debug for the traceback)"],
                prefix=True,
            )
            raise typer.Exit(ExitCode.INTERNAL) from None

    return wrapper  # type: ignore[return-value]


def silence(env: Env) -> None:
    """Point stdout at /dev/null so the final flush cannot fail again."""
    if env.stdout is None:
        return
    try:
        fd = env.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (OSError, ValueError, AttributeError):  # no real descriptor
        return
    try:
        os.dup2(devnull, fd)
    except OSError:
        pass
    finally:
        os.close(devnull)


def one_stdin(files: list[str]) -> None:
    if files.count(STDIN) > 1:
        raise UsageError("'-' (standard input) can be given only once")


def to_stdout(output: str | None) -> bool:
    return output is None or output == STDIN


def folder_of(output: str | None) -> Path | None:
    """The folder `-o` names, to write one file per input into; None for a file or
    standard output. A path ending in '/' names a folder whether or not one exists:
    if none does, it is refused, never written as a file."""
    if to_stdout(output):
        return None
    assert output is not None
    from netplan.output import names_folder  # only when writing files: start-up

    if not output:  # Path("") is ".": an empty -o must not quietly mean this folder
        raise UsageError("-o needs a file or folder name, not an empty one")
    path = Path(output)
    if path.is_dir():
        return path
    if not names_folder(output):
        return None
    if os.path.lexists(path):
        raise OutputError(f"{output}: not a folder")
    raise OutputError(f"{output}: no such folder (create it first, or give a file name)")


Db = Annotated[
    Path | None,
    typer.Option(
        "--db",
        metavar="PATH",
        help="The history database (default: NETPLAN_HOME/history.sqlite3, else "
        "history.sqlite3 in your user data folder).",
        show_default=False,
    ),
]

HISTORY_FILE = "history.sqlite3"


def history_path(env: Env, db: Path | None) -> Path:
    return db if db is not None else env.data_dir() / HISTORY_FILE


class History:
    """Your history, opened read-only on first use, and only if it exists: advice
    never creates it, and costs nothing extra when there is none."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: Any = None
        self._opened = False

    def snapshot(self, event: Event, people: Assembly | None = None) -> HistorySnapshot | None:
        """What the history knows of this event's targets (all of them, with `people`)."""
        from netplan.model.event import event_id
        from netplan.model.identity import person_keys
        from netplan.model.when import event_day

        if not self._opened:
            self._opened = True
            if self.path.exists():
                from netplan.store import open_history

                self._conn = open_history(self.path, create=False)
        if self._conn is None:
            return None
        from netplan.store import snapshot

        targets = event.targets if people is None else people.targets
        keys = [k for t in targets for k in person_keys(t.name, t.email, t.linkedin)]
        day = event_day(event.event)
        return snapshot(self._conn, keys, excluding=event_id(event.event), before=day)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()


def load_plans(
    env: Env,
    files: list[str],
    select: list[str] | None,
    ignore: list[str] | None,
    db: Path | None = None,
) -> tuple[list[Plan], bool]:
    """Every plan `each_plan` makes, and whether any file could not be read."""
    plans = Plans(each_plan(env, files, select, ignore, db), None)
    return list(plans), plans.failed


class Plans:
    """The plans `each_plan` makes, for a report that writes them one at a time: none
    is held once written, so several large events cost the memory of one. Keeps what
    `finish` needs: whether a file failed, whether a plan had a finding asked about."""

    def __init__(self, made: Iterator[Plan | None], fail_on: list[str] | None) -> None:
        self._made = made
        self._fail_on = fail_on or []
        self._head: Plan | None = None
        self.failed = False
        self.flagged = False

    def _next(self) -> Plan | None:
        for plan in self._made:
            if plan is None:
                self.failed = True
                continue
            if self._fail_on and plan.has_finding(self._fail_on):
                self.flagged = True
            return plan
        return None

    def any(self) -> bool:
        """Whether there is a plan to report: the first one is made now, and kept."""
        if self._head is None:
            self._head = self._next()
        return self._head is not None

    def __iter__(self) -> Iterator[Plan]:
        plan, self._head = self._head, None
        if plan is None:
            plan = self._next()
        while plan is not None:
            yield plan
            plan = None  # let it go before the next one is made
            plan = self._next()

    def finish(self) -> None:
        """The exit status, once the report is written. Plans not reported yet are made
        first, so that a bad file after the last one reported still sets it."""
        for _ in self:
            pass
        if self.failed:
            raise typer.Exit(ExitCode.INPUT)
        if self.flagged:
            raise typer.Exit(ExitCode.FINDINGS)


def each_plan(
    env: Env,
    files: list[str],
    select: list[str] | None,
    ignore: list[str] | None,
    db: Path | None = None,
) -> Iterator[Plan | None]:
    """Load and plan every input, one at a time; report bad ones (None) and carry on.

    Warnings meant for advice (a `knows` name that only nearly matches a target, a
    template never filled in) go to standard error and leave the exit code alone.
    The history (if there is one) is read for the people in each event. A caller that
    keeps only what it needs of each plan holds one plan at a time.
    """
    from netplan.engine import make_plan
    from netplan.rules import UnknownRule, resolve
    from netplan.sources.event import load_with_lists, source_name

    one_stdin(files)
    try:
        resolve(None, [], select, ignore)  # an unknown --select/--ignore fails before any file
    except UnknownRule as e:
        raise UsageError(str(e)) from None
    history = History(history_path(env, db))

    def plan_of(path: str) -> Plan | None:
        # A function, so that nothing of one file (its event, its lists) is still
        # held while the next is read.
        source = source_name(path)
        try:
            event, remarks, people = load_with_lists(
                path, stdin=env.stdin if path == STDIN else None, advise_only=True
            )
        except InputError as e:
            env.err(e.lines())
            return None
        env.err([r.format(source, "warning") for r in remarks])
        rules = resolve(event.netplan.select, event.netplan.ignore, select, ignore)
        past = history.snapshot(event, people)
        return make_plan(event, rules, source=source, history=past, people=people)

    try:
        yield from map(plan_of, files)
    finally:
        history.close()


def emit(
    env: Env,
    content: str | Iterable[str],
    output: str | None,
    force: bool,
    inputs: Sequence[str] = (),
) -> None:
    """Standard output, or the file `output` (never one of `inputs` without --force, never
    a path ending in '/'). `content` may come in pieces, written as they are made."""
    if to_stdout(output):
        for piece in (content,) if isinstance(content, str) else content:
            env.out(piece)
    else:
        from netplan.output import write_atomic

        assert output is not None
        write_atomic(output, content, force=force, inputs=inputs)


def input_stem(source: str) -> str:
    """The stem of the file written into a folder for this input."""
    return "stdin" if source == "<stdin>" else Path(source).stem


def emit_each(
    plans: list[Plan],
    folder: Path,
    force: bool,
    extension: str,
    render: Callable[[Plan], str],
    inputs: Sequence[str] = (),
) -> None:
    """One or more inputs into a folder: one FILE-STEM.EXT per input (see `write_batch`)."""
    targets: dict[Path, Plan] = {}
    for plan in plans:
        path = folder / f"{input_stem(plan.source)}{extension}"
        if path in targets:
            raise UsageError(
                f"{plan.source} and {targets[path].source} would both be written to {path}"
            )
        targets[path] = plan
    write_batch(
        {path: functools.partial(render, plan) for path, plan in targets.items()}, force, inputs
    )


def write_batch(
    files: dict[Path, Callable[[], str]], force: bool, inputs: Sequence[str] = ()
) -> None:
    """Write each file with the content its function makes.

    All or nothing where it can be: every destination is checked before the first
    is written, and if a write fails (or the run is stopped) the files this run
    created are removed again. A file replaced with --force cannot be restored: the
    message names those.
    """
    from netplan import output as out

    for path in files:
        out.check(path, force=force, inputs=inputs)
    created: list[Path] = []
    replaced: list[Path] = []
    try:
        for path, make in files.items():
            if out.write_atomic(path, make(), force=force, inputs=inputs, provisional=True):
                replaced.append(path)
            else:
                created.append(path)
    except OutputError as e:
        removed = out.withdraw(created)
        kept = [p for p in created if p not in removed]
        lines = [str(e)]
        if removed:
            lines.append(f"removed the {len(removed)} new file(s) written before it")
        if kept or replaced:
            shown = ", ".join(str(p) for p in [*kept, *replaced])
            lines.append(f"already written, with the new content: {shown}")
        raise OutputError("; ".join(lines)) from None
    except BaseException:
        out.withdraw(created)
        raise
    finally:
        out.settle(created)


def numbered_paths(folder: Path, stems: Sequence[str], extension: str) -> list[Path]:
    """A file in `folder` for each stem; a stem met again is numbered (ann.ics,
    ann-2.ics), in one pass whatever the count."""
    taken: set[Path] = set()
    counters: dict[str, int] = {}
    paths = []
    for stem in stems:
        path = folder / f"{stem}{extension}"
        n = counters.get(stem, 1)
        while path in taken:  # a numbered name someone else's stem already made
            n += 1
            path = folder / f"{stem}-{n}{extension}"
        counters[stem] = n
        taken.add(path)
        paths.append(path)
    return paths


def report(
    env: Env,
    plans: Iterable[Plan],
    inputs: int,
    fmt: str,
    output: str | None,
    force: bool,
    color: bool | None,
    checklist_only: bool = False,
    input_paths: Sequence[str] = (),
) -> None:
    """Render and write; `input_paths` (the FILE arguments) are never overwritten
    without --force."""
    from netplan.report import Options, reporter

    terminal = to_stdout(output)
    options = Options(
        checklist_only=checklist_only,
        width=env.width(terminal),
        color=terminal and env.use_color(color),
        single=inputs == 1,
    )
    chosen = reporter(fmt)
    # A folder means a file per input however many there are: a script's glob that
    # matches one file must not turn the folder into an error.
    folder = folder_of(output)
    if folder is not None:
        emit_each(
            list(plans),
            folder,
            force,
            chosen.EXTENSION,
            lambda p: chosen.render_one(p, Options(checklist_only, options.width, False)),
            input_paths,
        )
    elif (stream := getattr(chosen, "stream", None)) is not None:
        # A big report is written a piece at a time, to a terminal, a pipe or a file.
        emit(env, stream(plans, options), output, force, input_paths)
    else:
        emit(env, chosen.render(list(plans), options), output, force, input_paths)


EVERYONE = "everyone"


def person_in(plan: Plan, wanted: str) -> str:
    """The person who goes that `wanted` names (as the identity module compares names)."""
    from netplan.model.identity import NameIndex

    found = NameIndex((p, p) for p in plan.going).get(wanted)
    if found is None:
        from netplan.report.phrases import names

        shown = wanted if len(wanted) <= 60 else wanted[:60] + "…"
        raise UsageError(
            f"{plan.source}: '{shown}' is not going to {plan.event.name}; the people who go "
            f"are {names(list(plan.going))}"
        )
    return found


def file_stem(name: str) -> str:
    """A file name made from a person's name: letters and digits, joined by hyphens."""
    import re

    stem = "-".join(re.findall(r"[^\W_]+", name.casefold()))[:60].strip("-")
    return stem or "person"


def for_people(
    env: Env,
    plans: list[Plan],
    person: str,
    fmt: str,
    output: str | None,
    force: bool,
    color: bool | None,
    inputs: Sequence[str] = (),
) -> None:
    """Checklists for one person (into a folder: one file per input), or (`everyone`)
    one file per person who goes."""
    from netplan.report import Options, canonical, reporter

    chosen = reporter(fmt)
    terminal = to_stdout(output)
    width = env.width(terminal)
    folder = folder_of(output)
    if person.casefold() != EVERYONE:
        readers = [(p, person_in(p, person)) for p in plans]
        if folder is not None:
            emit_each(
                plans,
                folder,
                force,
                chosen.EXTENSION,
                # Every name was found above, before anything is written.
                lambda p: chosen.render_one(
                    p, Options(True, width, False, True, person_in(p, person))
                ),
                inputs,
            )
            return
        if canonical(fmt) == "json" and len(readers) > 1:
            from netplan.report.json import checklist_dict, dumps

            emit(env, dumps([checklist_dict(p, r) for p, r in readers]), output, force, inputs)
            return
        colored = terminal and env.use_color(color)
        docs = [chosen.render_one(p, Options(True, width, colored, True, r)) for p, r in readers]
        # Each file's checklist apart, as the format separates several plans.
        between = getattr(chosen, "between", None)
        joint = between(Options(True, width, colored, False)) if between else ""
        emit(env, joint.join(docs), output, force, inputs)
        return
    if folder is None:
        raise UsageError("--for everyone writes one file per person: give -o an existing folder")
    readers = [(plan, reader) for plan in plans for reader in plan.going]
    stems = [
        ("" if len(plans) == 1 else f"{Path(plan.source).stem}-") + file_stem(reader)
        for plan, reader in readers
    ]
    files: dict[Path, Callable[[], str]] = {
        path: functools.partial(chosen.render_one, plan, Options(True, width, False, True, reader))
        for path, (plan, reader) in zip(
            numbered_paths(folder, stems, chosen.EXTENSION), readers, strict=True
        )
    }
    write_batch(files, force, inputs)
    env.err([f"Wrote {path}" for path in files])
