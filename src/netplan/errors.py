"""Error types, and the exit status each one maps to."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from netplan.safety import clean


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1  # only with --fail-on: a finding of the named kind is present
    INPUT = 2  # usage, input or output error
    INTERNAL = 3  # a bug in netplan
    PIPE_CLOSED = 141  # the reader closed the pipe early, as a shell reports SIGPIPE


class NetplanError(Exception):
    """An error the user can fix; reported as one or more lines, never a traceback."""

    exit_code = ExitCode.INPUT

    def lines(self) -> list[str]:
        return [clean(str(self))]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, and where it is."""

    message: str
    line: int | None = None
    col: int | None = None
    loc: str | None = None
    on_advise: bool = False  # a warning advise and checklist show too, not only validate

    def format(self, source: str, severity: str | None = None) -> str:
        place = source
        if self.line is not None:
            place += f":{self.line}"
            if self.col is not None:
                place += f":{self.col}"
        parts = [place, *([severity] if severity else []), *([self.loc] if self.loc else [])]
        parts.append(self.message)
        return clean(": ".join(parts))


class InputError(NetplanError):
    """An input file that cannot be read or is not a valid event."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        super().__init__(source)
        self.source = source
        self.problems = problems

    def lines(self) -> list[str]:
        return [p.format(self.source) for p in self.problems]

    def __str__(self) -> str:
        return "\n".join(self.lines())


class OutputError(NetplanError):
    """An output path netplan refuses or fails to write."""


class UsageError(NetplanError):
    """Options that do not fit together, or name things that do not exist."""
