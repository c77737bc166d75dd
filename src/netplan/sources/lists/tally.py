"""Shared by the readers: physical lines, capped texts, a bounded record of what was left out."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from netplan.errors import InputError, Problem
from netplan.model.people import (
    LIST_BYTES_PER_PERSON,
    LIST_PEOPLE_BASE,
    MAX_FIELD_CHARS,
    MAX_LIST_PEOPLE,
    MAX_SKIPPED,
    Person,
    Skipped,
    people_allowed,
)

# One physical line with its ending: CRLF, LF or a lone CR (old Mac exports).
# Other characters that str.splitlines() treats as breaks (form feed, U+2028,
# the file/group/record separators) stay inside their line, as the csv module
# and every spreadsheet treat them.
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")

# Distinct statuses counted one by one; the rest are counted as "other", so a
# file of a million made-up statuses cannot make a million-entry summary.
MAX_STATUSES = 12


# What str.splitlines() also breaks at, beyond CR and LF; the last three are not ASCII.
_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


# Text is split into lines this many characters at a time: all at once, a file of
# two-byte rows would be held as a string per row, 30 times the file's size.
_PIECE = 1 << 16


def iter_lines(text: str) -> Iterator[str]:
    """The physical lines of `text`, each with its line ending."""
    others = _OTHER_BREAKS[:5] if text.isascii() else _OTHER_BREAKS
    if not any(ch in text for ch in others):
        # The common case, in C: no break but CR, LF or CRLF, so splitlines agrees.
        return _split_lines(text)
    return (m.group() for m in _LINE.finditer(text))


def _split_lines(text: str) -> Iterator[str]:
    """`text.splitlines(keepends=True)` a piece at a time, each piece ending after a LF
    (or a CR not followed by one), so no line and no CRLF is cut in two."""
    start, size = 0, _PIECE
    while len(text) - start > size:
        stop = start + size
        cut = text.rfind("\n", start, stop) + 1 or text.rfind("\r", start, stop - 1) + 1
        if not cut:  # a line longer than the piece: look further (doubling keeps it linear)
            size *= 2
            continue
        yield from text[start:cut].splitlines(keepends=True)
        start, size = cut, _PIECE
    if start < len(text):
        yield from text[start:].splitlines(keepends=True)


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


class Tally:
    """What a reader noticed, kept small whatever the file holds."""

    def __init__(self) -> None:
        self.cut = 0
        self.skipped: list[Skipped] = []
        self.skipped_total = 0
        self.not_attending: Counter[str] = Counter()

    def cap(self, value: str) -> str:
        """`value`, cut to MAX_FIELD_CHARS characters (and the cut counted)."""
        if len(value) > MAX_FIELD_CHARS:
            self.cut += 1
            return value[:MAX_FIELD_CHARS]
        return value

    def skip(self, line: int, reason: str) -> None:
        self.skipped_total += 1
        if len(self.skipped) < MAX_SKIPPED:
            self.skipped.append(Skipped(line, reason))

    def absent(self, status: str) -> None:
        """Count one person whose status says they are not coming."""
        key = status or "(blank)"
        if key not in self.not_attending and len(self.not_attending) >= MAX_STATUSES:
            key = "other"
        self.not_attending[key] += 1

    def warnings(self) -> list[str]:
        out = []
        if self.skipped_total > len(self.skipped):
            out.append(
                f"{plural(self.skipped_total, 'row')} skipped; "
                f"only the first {len(self.skipped)} are listed"
            )
        if self.cut:
            out.append(
                f"{plural(self.cut, 'value')} longer than {MAX_FIELD_CHARS} characters "
                f"{'was' if self.cut == 1 else 'were'} cut to {MAX_FIELD_CHARS}"
            )
        return out

    def breakdown(self) -> str:
        """'2 declined, 1 invited': most frequent first, then by name."""
        items = sorted(self.not_attending.items(), key=lambda kv: (-kv[1], kv[0]))
        return ", ".join(f"{n:,} {status}" for status, n in items)


class Quota:
    """How many more people lists may hold. One quota is shared by all the lists of an
    event, or all the files of one `netplan people` run, so many small lists count as
    one big one; readers take each chunk of people as they make it."""

    def __init__(self, allowed: int, scope: str = "this list") -> None:
        self.allowed = allowed
        self.left = allowed
        self.scope = scope  # what holds the people, for the message
        self.spent = False  # a list was refused for passing the cap

    def take(self, people: Sequence[Person], source: str) -> None:
        """Count `people`, just read from `source`; past the cap, refuse them, located at
        the first person too many."""
        if len(people) <= self.left:
            self.left -= len(people)
            return
        line = people[self.left].line
        self.left = 0
        self.spent = True
        raise InputError(source, [Problem(self.message(), line=line or None)])

    @classmethod
    def of(cls, list_bytes: int, scope: str = "this list") -> Quota:
        """The quota of lists of `list_bytes` bytes in all (see `people_allowed`)."""
        return cls(people_allowed(list_bytes), scope)

    def message(self) -> str:
        return (
            f"too many people: {self.scope} may hold at most {self.allowed:,} "
            f"({LIST_PEOPLE_BASE:,}, plus one per {LIST_BYTES_PER_PERSON} bytes of list, "
            f"up to {MAX_LIST_PEOPLE:,})"
        )


def tidy(value: str) -> str:
    """Runs of spaces (tabs and no-break spaces too) as one space, trimmed at both ends.

    Nothing else changes: control characters stay as they are for the reporters to
    escape.
    """
    if "  " in value or "\t" in value or not value.isascii():
        value = _SPACES.sub(" ", value)
    return value.strip(" \r\n")


_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
