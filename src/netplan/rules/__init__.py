"""The registry of rules, in the fixed order findings are reported in.

Codes are never reused: a retired rule keeps its code out of circulation.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

from netplan.model.kinds import RuleKind
from netplan.model.plan import Finding
from netplan.rules import cons, history, pros, tips
from netplan.rules.base import Context, Rule

__all__ = [
    "ALL_RULES",
    "Context",
    "Finding",
    "Rule",
    "RuleKind",
    "UnknownRule",
    "get",
    "resolve",
    "select",
]

ALL_RULES: tuple[Rule, ...] = (
    *pros.RULES,
    *cons.RULES,
    history.TRACK_RECORD,
    tips.COMFORT_ZONE,
    history.ALREADY_MET,
    tips.NOT_REGISTERED,
)


class UnknownRule(ValueError):
    def __init__(self, selector: str) -> None:
        self.selector = selector
        choices = [r.name for r in ALL_RULES] + [r.code for r in ALL_RULES]
        # No rule name is long: a longer selector is nothing to compare (and
        # difflib's cost grows with the product of the lengths).
        close = []
        if len(selector) <= 2 * max(map(len, choices)):
            close = difflib.get_close_matches(selector.lower(), [c.lower() for c in choices], n=1)
        hint = ""
        if close:
            match = next(c for c in choices if c.lower() == close[0])
            hint = f" (did you mean '{match}'?)"
        shown = selector if len(selector) <= 60 else selector[:60] + "…"
        super().__init__(f"unknown rule '{shown}'{hint}")


# A code prefix needs at least one digit: "NP2" is every con, but "N" or "NP"
# would silently mean every rule.
_CODE_PREFIX = re.compile(r"NP\d{1,3}")


def _matches(rule: Rule, selector: str) -> bool:
    s = selector.strip()
    if s.lower() == rule.name:
        return True
    return bool(_CODE_PREFIX.fullmatch(s.upper())) and rule.code.startswith(s.upper())


def get(selector: str) -> Rule:
    """One rule by exact name or code."""
    s = selector.strip()
    for rule in ALL_RULES:
        if s.lower() == rule.name or s.upper() == rule.code:
            return rule
    raise UnknownRule(selector)


def select(chosen: Iterable[str] | None = None, ignored: Iterable[str] = ()) -> tuple[Rule, ...]:
    """Rules picked by name, code or code prefix (like ruff: `NP2` is every con); ignore wins."""
    chosen = None if chosen is None else list(chosen)
    ignored = list(ignored)
    for selector in [*(chosen or []), *ignored]:
        if not selector.strip() or not any(_matches(r, selector) for r in ALL_RULES):
            raise UnknownRule(selector)
    return tuple(
        r
        for r in ALL_RULES
        if (chosen is None or any(_matches(r, s) for s in chosen))
        and not any(_matches(r, s) for s in ignored)
    )


def config_problems(
    chosen: Sequence[str] | None, ignored: Sequence[str]
) -> list[tuple[tuple[str | int, ...], str]]:
    """What is wrong with a file's [netplan] select and ignore, located by entry."""
    out: list[tuple[tuple[str | int, ...], str]] = []
    if chosen is not None and not chosen:
        # An empty select would switch every rule off without a word (an empty
        # ignore is harmless).
        problem = "name at least one rule, or leave the key out to run them all"
        out.append((("netplan", "select"), problem))
    for key, entries in (("select", chosen or ()), ("ignore", ignored)):
        for i, entry in enumerate(entries):
            try:
                select([entry])
            except UnknownRule as e:
                out.append((("netplan", key, i), str(e)))
    return out


def resolve(
    file_select: Sequence[str] | None,
    file_ignore: Sequence[str],
    cli_select: Sequence[str] | None,
    cli_ignore: Sequence[str] | None,
) -> tuple[Rule, ...]:
    """The rules for one event: a command-line --select replaces the file's select and
    ignore; --ignore always adds to what is ignored; ignore wins over select."""
    if cli_select:
        return select(cli_select, cli_ignore or ())
    return select(file_select, [*file_ignore, *(cli_ignore or ())])
