"""The questions `netplan init` asks on a terminal.

Each answer is checked as it is given and asked again until it is right, so the
answers always make a valid event. I/O goes through the two callables it is
given; what comes out is an event-file-shaped dict for `starter.build_event`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar, get_args

from netplan.model.kinds import Goal, Kind, NewTo, Priority, Style

T = TypeVar("T")


class EndOfAnswers(Exception):
    """Standard input ended before the interview did."""


class Interview:
    def __init__(self, read_line: Callable[[], str | None], say: Callable[[str], None]) -> None:
        self._read_line = read_line
        self._say = say

    def ask(self, question: str, parse: Callable[[str], T], default: str = "") -> T:
        """Ask until `parse` accepts the answer; it raises ValueError saying what is wrong."""
        shown = f" [{default}]" if default else ""
        while True:
            self._say(f"{question}{shown}: ")
            line = self._read_line()
            if line is None:
                raise EndOfAnswers
            answer = line.strip() or default
            try:
                return parse(answer)
            except ValueError as e:
                self._say(f"  {e}\n")

    def run(self) -> dict[str, Any]:
        ask = self.ask
        people: set[str] = set()
        event: dict[str, Any] = {"name": ask("Event name", name())}
        event["kind"] = ask(f"Kind ({', '.join(get_args(Kind))})", choice(Kind), "mixer")
        optional = {
            "date": ask("Date (YYYY-MM-DD or YYYY-MM-DDTHH:MM, blank for none)", date),
            "venue": ask("Venue (blank for none)", text),
            "topics": ask("Topics (comma-separated, blank for none)", subjects),
        }
        event |= {k: v for k, v in optional.items() if v}
        event["goal"] = ask(f"Goal ({', '.join(get_args(Goal))})", choice(Goal), "business")
        event["new_contacts_goal"] = ask("How many new people do you mean to meet", count, "3")
        me: dict[str, Any] = {"name": ask("Your name", name(people))}
        if new_to := ask(
            f"New to any of {', '.join(get_args(NewTo))}? (blank for none)", many(NewTo)
        ):
            me["new_to"] = new_to
        data: dict[str, Any] = {"event": event, "me": me}
        colleagues = []
        while colleague := ask("Colleague who might come (blank to finish)", name(people, True)):
            c: dict[str, Any] = {"name": colleague}
            c["style"] = ask(f"  Style ({', '.join(get_args(Style))})", choice(Style), "networker")
            if expertise := ask("  Their expertise (comma-separated)", subjects):
                c["expertise"] = expertise
            if knows := ask("  People there they can introduce you to (comma-separated)", names):
                c["knows"] = knows
            if ask("  A close work-friend? (y/n)", yes_no, "n"):
                c["close_friend"] = True
            colleagues.append(c)
        targets = []
        seen: set[str] = set()
        while target := ask("Someone you want to meet (blank to finish)", name(seen, True)):
            t: dict[str, Any] = {"name": target}
            optional = {
                "company": ask("  Company (blank for none)", text),
                "title": ask("  Title (blank for none)", text),
            }
            t |= {k: v for k, v in optional.items() if v}
            t["priority"] = ask(
                f"  Priority ({', '.join(get_args(Priority))})", choice(Priority), "medium"
            )
            if interests := ask("  Their interests (comma-separated)", subjects):
                t["interests"] = interests
            targets.append(t)
        if colleagues:
            data["colleagues"] = colleagues
        if targets:
            data["targets"] = targets
        return data


# --- answer checkers: each returns the value or raises ValueError saying what is wrong ---


def _valid(kind: Any, value: Any) -> Any:
    """Check one value with the event file's own type, so init is exactly as strict."""
    from pydantic import TypeAdapter, ValidationError

    try:
        return TypeAdapter(kind).validate_python(value, strict=True)
    except ValidationError as e:
        message = e.errors(include_url=False)[0]["msg"]
        raise ValueError(message.removeprefix("Value error, ")) from None


def name(taken: set[str] | None = None, optional: bool = False) -> Callable[[str], str]:
    """A required (or, in a loop, optional) name that nobody else in `taken` has."""
    from netplan.model.event import Name
    from netplan.model.identity import name_key

    def parse(answer: str) -> str:
        if optional and not answer:
            return ""
        if not answer:
            raise ValueError("This one is needed.")
        value: str = _valid(Name, answer)
        if taken is not None:
            if name_key(value) in taken:
                raise ValueError(f"'{value}' is already taken: names must be unique.")
            taken.add(name_key(value))
        return value

    return parse


def text(answer: str) -> str:
    from netplan.model.event import Text

    value: str = _valid(Text, answer)
    return value


def _split(answer: str) -> list[str]:
    return [part.strip() for part in answer.split(",") if part.strip()]


def subjects(answer: str) -> list[str]:
    from netplan.model.event import Text

    return [_valid(Text, part) for part in _split(answer)]


def names(answer: str) -> list[str]:
    from netplan.model.event import Name

    return [_valid(Name, part) for part in _split(answer)]


def choice(kind: Any) -> Callable[[str], str]:
    options: tuple[str, ...] = get_args(kind)

    def parse(answer: str) -> str:
        for option in options:
            if option == answer.lower():
                return option
        raise ValueError(f"Please answer one of: {', '.join(options)}")

    return parse


def many(kind: Any) -> Callable[[str], list[str]]:
    one = choice(kind)
    return lambda answer: list(dict.fromkeys(one(part) for part in _split(answer)))


def date(answer: str) -> dt.date | None:
    if not answer:
        return None
    try:
        if "T" in answer or " " in answer:
            return dt.datetime.fromisoformat(answer)
        return dt.date.fromisoformat(answer)
    except ValueError:
        raise ValueError("Please give a date such as 2027-03-18 or 2027-03-18T18:00.") from None


def count(answer: str) -> int:
    from pydantic import ValidationError

    from netplan.model.event import EventInfo

    if not answer.isdigit() or not answer.isascii() or len(answer) > 6:
        raise ValueError("Please give a whole number such as 3.")
    value = int(answer)
    try:  # the event file's own bounds
        EventInfo.model_validate({"name": "-", "kind": "other", "new_contacts_goal": value})
    except ValidationError as e:
        raise ValueError(e.errors(include_url=False)[0]["msg"]) from None
    return value


def yes_no(answer: str) -> bool:
    if answer.lower() in ("y", "yes"):
        return True
    if answer.lower() in ("n", "no"):
        return False
    raise ValueError("Please answer y or n.")
