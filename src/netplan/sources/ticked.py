"""A markdown checklist the user ticked (`netplan checklist -o prep.md`): its title and
its task items. Pure: text in, data out; matching items to a plan is the caller's."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TITLE = re.compile(r"#{1,2} (?:Checklist(?: for (?P<who>.*?))?: )?(?P<name>.*)")
_TASK = re.compile(r"[-*+] \[(?P<mark>[ xX])\] (?P<text>.*)")


@dataclass(frozen=True, slots=True)
class Task:
    line: int
    done: bool
    text: str  # as written in the file: markdown, with netplan's escapes


@dataclass(frozen=True, slots=True)
class Ticked:
    title: str | None  # the event's name as the file's first heading writes it
    reader: str | None  # whose checklist it is, for a `checklist --for NAME` file
    tasks: tuple[Task, ...]


def parse(text: str) -> Ticked:
    title = reader = None
    tasks: list[Task] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if title is None and (m := _TITLE.fullmatch(line)):
            title, reader = m.group("name"), m.group("who")
        elif m := _TASK.fullmatch(line):
            tasks.append(Task(n, m.group("mark") != " ", m.group("text")))
    return Ticked(title, reader, tuple(tasks))
