"""The questions `netplan init` asks on a terminal. I/O only: answers become an
event-file-shaped dict, which `starter.build_event` validates."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any, get_args

import typer

from netplan.models import Kind, NewTo, Priority, Style


def ask(
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


def ask_list(question: str) -> list[str]:
    answer = ask(question + " (comma-separated, blank for none)")
    return [part.strip() for part in answer.split(",") if part.strip()]


def ask_date(question: str) -> dt.date | None:
    while True:
        answer = ask(question + " (YYYY-MM-DD, blank for none)")
        if not answer:
            return None
        try:
            return dt.date.fromisoformat(answer)
        except ValueError:
            sys.stderr.write("Please give a date such as 2027-03-18.\n")


def interview() -> dict[str, Any]:
    event: dict[str, Any] = {
        "name": ask("Event name", required=True),
        "kind": ask("Kind", get_args(Kind), "mixer"),
    }
    if date := ask_date("Date"):
        event["date"] = date
    me: dict[str, Any] = {"name": ask("Your name", required=True)}
    if new_to := ask_list(f"New to any of {', '.join(get_args(NewTo))}?"):
        me["new_to"] = new_to
    data: dict[str, Any] = {"event": event, "me": me}
    colleagues = []
    while name := ask("Colleague who might come (blank to finish)"):
        c: dict[str, Any] = {"name": name, "style": ask("  Style", get_args(Style), "networker")}
        if expertise := ask_list("  Their expertise"):
            c["expertise"] = expertise
        if knows := ask_list("  People there they can introduce you to"):
            c["knows"] = knows
        if typer.confirm("  A close work-friend?", default=False, err=True):
            c["close_friend"] = True
        colleagues.append(c)
    targets = []
    while name := ask("Someone you want to meet (blank to finish)"):
        t: dict[str, Any] = {"name": name}
        if company := ask("  Company"):
            t["company"] = company
        t["priority"] = ask("  Priority", get_args(Priority), "medium")
        if interests := ask_list("  Their interests"):
            t["interests"] = interests
        targets.append(t)
    if colleagues:
        data["colleagues"] = colleagues
    if targets:
        data["targets"] = targets
    return data
