"""`netplan debrief`: record how an event went, in your local history."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netplan.cli import app
from netplan.cli.common import (
    STDIN,
    Db,
    History,
    PlainCommand,
    env_of,
    guarded,
    history_path,
)
from netplan.cli.env import Env
from netplan.errors import NetplanError, UsageError
from netplan.safety import clean

if TYPE_CHECKING:
    from netplan.model.history import DebriefRecord, EventSummary
    from netplan.model.plan import Plan
    from netplan.sources.ticked import Ticked


@app.command(
    cls=PlainCommand,
    epilog="Examples: netplan debrief expo.toml --from prep.md  ·  "
    "netplan debrief expo.toml --came 'Ana Ruiz' --met 'Kim Wu' --new-contacts 2",
)
@guarded
def debrief(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(help="The event file ('-' for standard input).", metavar="FILE")
    ],
    ticked: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="PREP.md",
            help="The markdown checklist you ticked (netplan checklist -o PREP.md): ticked "
            "targets are met, other ticked items are recorded as done.",
            show_default=False,
        ),
    ] = None,
    came: Annotated[
        list[str] | None,
        typer.Option(
            "--came",
            metavar="NAME",
            help="A colleague who came with you (repeatable; default: those the plan brought).",
            show_default=False,
        ),
    ] = None,
    alone: Annotated[
        bool,
        typer.Option("--alone", help="Nobody came with you (whatever the plan said)."),
    ] = False,
    met: Annotated[
        list[str] | None,
        typer.Option(
            "--met", metavar="NAME", help="A target you met (repeatable).", show_default=False
        ),
    ] = None,
    new_contacts: Annotated[
        int | None,
        typer.Option(
            "--new-contacts",
            metavar="N",
            min=0,
            max=100_000,
            help="How many other new people you met, not targets (default 0).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace an earlier debrief of the same event."),
    ] = False,
    db: Db = None,
) -> None:
    """Record the result of an event: who came, which targets you met, how many other new
    people, and who introduced whom (the first colleague who came and knows the target).

    From the checklist you ticked (--from), from options, or (on a terminal, with
    neither) by answering questions. The history lives in your user data folder, or in
    NETPLAN_HOME, or at --db. Re-recording an event needs --force and shows what changes.
    """
    from netplan.engine import make_plan
    from netplan.rules import resolve
    from netplan.sources.event import load_with_lists, source_name

    env = env_of(ctx)
    event, remarks, people = load_with_lists(
        file, stdin=env.stdin if file == STDIN else None, advise_only=True
    )
    env.err([r.format(source_name(file), "warning") for r in remarks])
    path = history_path(env, db)
    # Read what the history knows first (read-only: a mistake below creates nothing),
    # then write the record in one transaction.
    history = History(path)
    try:
        past = history.snapshot(event, people)
    finally:
        history.close()
    rules = resolve(event.netplan.select, event.netplan.ignore, None, None)
    plan = make_plan(event, rules, source=source_name(file), history=past, people=people)
    if alone and came:
        raise UsageError("--alone and --came say different things: give one of them")
    rec = _record(env, plan, ticked, [] if alone else came, met, new_contacts)
    from netplan.store import AlreadyRecorded, open_history, record

    with closing(open_history(path, create=True)) as conn:
        try:
            previous = record(conn, rec, replace=force)
        except AlreadyRecorded as e:
            raise UsageError(
                f"{e} ({_changes(e.existing, rec)}); add --force to replace it"
            ) from None
    env.out(clean(_summary(rec, previous)) + "\n")  # names from the file: made inert


def _record(
    env: Env,
    plan: Plan,
    ticked: Path | None,
    came: list[str] | None,
    met: list[str] | None,
    new_contacts: int | None,
) -> DebriefRecord:
    from netplan.engine.debrief import record

    done: tuple[str, ...] = ()
    met_names: list[str] = []
    if ticked is not None:
        read = _read_ticked(plan, ticked)
        met_names, done = list(read.met), read.done
        if read.unknown:
            lines = ", ".join(map(str, read.unknown[:10]))
            env.err(
                [
                    f"{ticked}: warning: ticked items on lines {lines} are not in this plan "
                    "(edited, or from another version of the event file): not recorded"
                ]
            )
    elif came is None and met is None and new_contacts is None:
        if not env.stdin_tty:
            raise UsageError(
                "say how it went: --from PREP.md, or --came/--met/--new-contacts "
                "(or run on a terminal to be asked)"
            )
        return _ask(env, plan)
    met_names += [_target(plan, name) for name in met or ()]
    who = [_colleague(plan, name) for name in came] if came is not None else list(plan.brought)
    return record(plan, who, met_names, new_contacts or 0, done)


def _read_ticked(plan: Plan, path: Path) -> FromChecklist:
    from netplan.safety import md
    from netplan.sources.event import decode, read_bytes, source_name
    from netplan.sources.ticked import parse

    source = source_name(str(path))
    ticked = parse(decode(read_bytes(str(path)), source))
    if not ticked.tasks:
        # Read as "nothing ticked", any file would record a debrief of zeros and,
        # with --force, replace a real one.
        raise UsageError(
            f"{source} has no checklist items ('- [ ] ...' lines): --from reads the markdown "
            "checklist that `netplan checklist EVENT -o PREP.md` writes"
        )
    if ticked.heading is None:
        return _matched(source, plan, read_ticked(plan, ticked, None))
    # Whose checklist: the heading as `netplan checklist` writes it for this event,
    # for the rep or for one of the people who go.
    name = md(plan.event.name)
    if ticked.heading in (name, f"Checklist: {name}"):
        return _matched(source, plan, read_ticked(plan, ticked, None))
    for person in plan.going:
        if ticked.heading == f"Checklist for {md(person)}: {name}":
            return _matched(source, plan, read_ticked(plan, ticked, person))
    if ticked.title == name:
        raise UsageError(
            f"{source} is the checklist of someone who does not go to '{plan.event.name}' "
            f"in this plan ('{_unescape(ticked.heading)}')"
        )
    raise UsageError(
        f"{source} is the checklist of '{_unescape(ticked.title or '')}', not of "
        f"'{plan.event.name}': debrief each event with its own checklist"
    )


def _matched(source: str, plan: Plan, read: FromChecklist) -> FromChecklist:
    """`read`, unless not one of its items, ticked or not, is an item of this plan."""
    if not read.items:
        raise UsageError(
            f"{source}: none of its checklist items is in the plan for '{plan.event.name}': "
            "give the checklist `netplan checklist` wrote for this event"
        )
    return read


def _unescape(s: str) -> str:
    """Markdown as netplan wrote it, as plain text again (for messages)."""
    import re

    return re.sub(r"\\(.)", r"\1", s.replace("<!-- -->", ""))[:80]


def _pick(kind: str, plan: Plan, wanted: str, people: tuple[str, ...]) -> str:
    from netplan.model.identity import NameIndex

    index = NameIndex((p, p) for p in people)
    found = index.get(wanted)
    if found is not None:
        return found
    near = index.suggest(wanted)
    hint = f" (did you mean '{near}'?)" if near else ""
    shown = wanted if len(wanted) <= 60 else wanted[:60] + "…"
    raise UsageError(f"'{shown}' is not {kind} of {plan.event.name}{hint}")


def _target(plan: Plan, wanted: str) -> str:
    return _pick("a target", plan, wanted, tuple(b.name for b in plan.targets))


def _colleague(plan: Plan, wanted: str) -> str:
    return _pick("a colleague on the list", plan, wanted, tuple(c.name for c in plan.colleagues))


def _ask(env: Env, plan: Plan) -> DebriefRecord:
    from netplan.cli.interview import EndOfAnswers, Interview
    from netplan.engine.debrief import record
    from netplan.report.phrases import names

    def read_line() -> str | None:
        line = env.stdin.readline(64 * 1024) if env.stdin else b""
        return line.decode("utf-8", "replace") if line else None

    def say(message: str) -> None:
        env.err([message.rstrip("\n")])

    def people(pick: Callable[[Plan, str], str]) -> Callable[[str], list[str]]:
        def parse(answer: str) -> list[str]:
            parts = [p.strip() for p in answer.split(",") if p.strip()]
            try:
                return [pick(plan, p) for p in parts]
            except NetplanError as e:
                raise ValueError(str(e)) from None

        return parse

    def count(answer: str) -> int:
        if not answer.isdigit() or len(answer) > 6:
            raise ValueError("Please give a whole number such as 2.")
        return int(answer)

    interview = Interview(read_line, say)
    try:
        if plan.colleagues:
            say("Colleagues: " + names([c.name for c in plan.colleagues]))
        who = interview.ask(
            "Who came with you (comma-separated, blank for nobody)",
            people(_colleague),
            ", ".join(plan.brought),
        )
        if plan.targets:
            say("Targets: " + names([b.name for b in plan.targets]))
        met = interview.ask(
            "Which targets did you meet (comma-separated, blank for none)",
            people(_target),
        )
        other = interview.ask("How many other new people did you meet", count, "0")
    except EndOfAnswers:
        raise typer.Abort from None
    return record(plan, who, met, other)


def _summary(rec: DebriefRecord, previous: EventSummary | None) -> str:
    new = sum(1 for p in rec.met if p.new) + rec.other_new
    when = f" ({rec.date.isoformat()})" if rec.date else ""
    verb = "Replaced the debrief of" if previous else "Recorded"
    text = (
        f"{verb} {rec.name}{when}: {new} new contact{'s' if new != 1 else ''} against a goal "
        f"of {rec.goal} (met {len(rec.met)} of {len(rec.targets_planned)} targets, "
        f"{rec.other_new} other new {'person' if rec.other_new == 1 else 'people'})"
    )
    if rec.came:
        text += "; came: " + ", ".join(rec.came)
    text += "."
    if previous:
        text += f" Before: {previous.new_contacts} new contacts, {previous.targets_met} met."
    return text


def _changes(before: EventSummary, rec: DebriefRecord) -> str:
    new = sum(1 for p in rec.met if p.new) + rec.other_new
    parts = []
    if before.new_contacts != new:
        parts.append(f"new contacts {before.new_contacts} → {new}")
    if before.targets_met != len(rec.met):
        parts.append(f"targets met {before.targets_met} → {len(rec.met)}")
    if tuple(before.came) != rec.came:
        parts.append(
            f"came {', '.join(before.came) or 'nobody'} → {', '.join(rec.came) or 'nobody'}"
        )
    return "; ".join(parts) or "no change"


@dataclass(frozen=True, slots=True)
class FromChecklist:
    """What a ticked checklist says, matched to the plan it was made from."""

    met: tuple[str, ...]  # targets whose items are ticked
    done: tuple[str, ...]  # the other ticked items, as plain text
    unknown: tuple[int, ...]  # lines of ticked items the plan does not have
    items: int = 0  # the file's items, ticked or not, that are items of the plan


def read_ticked(plan: Plan, ticked: Ticked, reader: str | None) -> FromChecklist:
    """Match ticked items to the plan's own items by their exact text: the file was
    written by `netplan checklist` from this event (for `reader`, one of those who go,
    or the rep), so each item reads the same."""
    from netplan.model.plan import MeetTarget
    from netplan.report.phrases import item_text
    from netplan.safety import md

    mine = plan.checklist if reader is None else plan.checklist_for(reader)
    by_text = {md(item_text(i, plan, reader)): i for i in mine}
    met: list[str] = []
    done: list[str] = []
    unknown: list[int] = []
    items = 0
    for task in ticked.tasks:
        item = by_text.get(task.text)
        items += item is not None
        if not task.done:
            continue
        if item is None:
            unknown.append(task.line)
        elif isinstance(item.action, MeetTarget) and item.target is not None:
            met.append(item.target)
        else:
            done.append(item_text(item, plan, reader))
    return FromChecklist(tuple(met), tuple(done), tuple(unknown), items)
