"""A markdown checklist the user ticked (`netplan checklist -o prep.md`): its title and
its task items. Pure: text in, data out; matching items to a plan is the caller's."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TITLE = re.compile(r"#{1,2} (?:Checklist(?: for .*?)?: )?(?P<name>.*)")
_TASK = re.compile(r"[-*+] \[(?P<mark>[ xX])\] (?P<text>.*)")


@dataclass(frozen=True, slots=True)
class Task:
    line: int
    done: bool
    text: str  # as written in the file: markdown, with netplan's escapes


@dataclass(frozen=True, slots=True)
class Ticked:
    heading: str | None  # the file's first heading, as written (markdown escapes and all)
    title: str | None  # the event's name as that heading seems to write it, for messages
    tasks: tuple[Task, ...]


def parse(text: str) -> Ticked:
    heading = title = None
    tasks: list[Task] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if heading is None and (m := _TITLE.fullmatch(line)):
            heading, title = line.lstrip("#")[1:], m.group("name")
        elif m := _TASK.fullmatch(line):
            tasks.append(Task(n, m.group("mark") != " ", m.group("text")))
    return Ticked(heading, title, tuple(tasks))
