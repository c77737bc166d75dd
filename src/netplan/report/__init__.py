"""Reporters: pure functions from plans to text, one module per format.

Every reporter has the same shape (`Reporter`) and is found by name in
`FORMATS`, imported only when used, so `--format json` never loads rich. Writing
the text out is the CLI's job.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from netplan.model.plan import Plan

FormatName = Literal["text", "json", "jsonl", "markdown"]
# What --format accepts, aliases included: choices are matched ignoring case.
FormatChoice = Literal["text", "json", "jsonl", "markdown", "md"]
ALIASES: dict[str, FormatName] = {"md": "markdown"}


@dataclass(frozen=True, slots=True)
class Options:
    """What a report is asked for; every reporter honours every field that applies."""

    checklist_only: bool = False  # the checklist alone (netplan checklist)
    width: int = 80  # columns, for formats laid out to a width
    color: bool = False  # ANSI colour, for the terminal report
    single: bool = True  # one input: JSON gives an object rather than an array
    reader: str | None = None  # a checklist for this person only (checklist --for)


class Reporter(Protocol):
    EXTENSION: str  # file extension for one plan written into a folder

    def render(self, plans: Sequence[Plan], options: Options) -> str:
        """All plans as one document."""
        ...

    def render_one(self, plan: Plan, options: Options) -> str:
        """One plan as a document of its own (a file in an output folder)."""
        ...


FORMATS: dict[FormatName, str] = {
    "text": "netplan.report.text",
    "json": "netplan.report.json",
    "jsonl": "netplan.report.jsonl",
    "markdown": "netplan.report.markdown",
}


def canonical(name: str) -> FormatName:
    """The format a --format value names (aliases and case resolved)."""
    lowered = name.lower()
    if lowered in ALIASES:
        return ALIASES[lowered]
    for known in FORMATS:
        if known == lowered:
            return known
    raise KeyError(name)


def reporter(name: str) -> Reporter:
    module: Reporter = importlib.import_module(FORMATS[canonical(name)])
    return module
