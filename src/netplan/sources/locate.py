"""Where things are in a TOML document, and whether its shape is sane, without a TOML reader.

Two users share one tokenizer:

- `KeyLines` runs after a successful parse (schema errors and warnings come after
  one), so it may assume valid TOML; it gives the line of a table, key or array
  element for messages.
- `structure_problem` runs before the TOML reader, on any text. tomli's cost grows
  with the square of a dotted key's parts, and by about a kilobyte per table or
  distinct array-of-tables name, so a 32 MiB file of `[a.a.a...]` headers would
  take minutes and gigabytes; this check refuses such shapes first, in linear time.

Every pattern below is possessive or a single character class: skipping a 32 MiB
string or comment costs O(1) memory and linear time (a plain `(?:a|b)*` keeps a
backtracking entry per character: about 120 bytes each).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netplan.model.event import Loc

# An event needs tables like [event] or event.name: nothing deeper than two parts.
MAX_KEY_PARTS = 8
# [table] headers, distinct [[array]] names, dotted keys and inline tables given as
# a key's value; an event has five or so. [[targets]] entries and inline tables in
# an array are not counted: those are how 100,000 targets are written.
MAX_TABLES = 1_000
# Numbers, dates and booleans: the longest sane one is a date-time of some 35
# characters. tomli matches numbers with patterns that cost about 120 bytes per digit.
MAX_BARE_CHARS = 100
INT_RANGE = "integer out of range: TOML integers are 64-bit (at most 9,223,372,036,854,775,807)"

_WS = re.compile(r"[ \t]*+")
_GAP = re.compile(r"(?:[ \t\r\n]++|#[^\n]*+)*+")  # blanks, newlines and comments
_BASIC = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'
_LITERAL = r"'[^'\n]*+'"
_KEY_PART = re.compile(rf"[A-Za-z0-9_-]++|{_BASIC}|{_LITERAL}")
_STRING = re.compile(
    r'"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+"""(?:"{1,2}+)?'
    r"|'''(?:[^']++|'(?!''))*+'''(?:'{1,2}+)?"
    rf"|{_BASIC}|{_LITERAL}"
)
_SCALAR = re.compile(r"[^,\]}\s#][^,\]}\n#]*+")
_INTEGER = re.compile(r"[+-]?[0-9_]++$")
_LINE_END = r"[ \t\r]*+(?:#[^\n]*+)?(?:\n|\Z)"

# Lines that can hold none of what `structure_problem` counts, matched many at a
# time in C: blank and comment lines, `key = value` with a one-part bare key and
# a one-line value (string, scalar, or an array of those), and the [[targets]] and
# [[colleagues]] headers. A large valid event is almost all such lines.
_SIMPLE_VALUE = (
    rf"(?:{_BASIC}|{_LITERAL}"
    rf"|[A-Za-z0-9_:.+-]{{1,{MAX_BARE_CHARS // 2}}}+(?: [0-9][0-9:.+Z-]{{0,40}}+)?+)"
)
_SIMPLE_ARRAY = rf"\[[ \t]*+(?:{_SIMPLE_VALUE}[ \t]*+,[ \t]*+)*+(?:{_SIMPLE_VALUE}[ \t]*+)?+\]"
_SIMPLE_LINES = re.compile(
    r"(?:[ \t\r]*+(?:#[^\n]*+)?\n"
    rf"|[ \t]*+[A-Za-z0-9_-]++[ \t]*+=[ \t]*+(?:{_SIMPLE_VALUE}|{_SIMPLE_ARRAY}){_LINE_END}"
    rf"|[ \t]*+\[\[[ \t]*+(?:targets|colleagues)[ \t]*+\]\]{_LINE_END})*+"
)


def _key_text(part: str) -> str:
    if part.startswith('"'):
        if "\\" not in part:
            return part[1:-1]
        import tomli  # escapes in a quoted key: let the real reader decode them

        value = tomli.loads(f"k = {part}")["k"]
        return value if isinstance(value, str) else part
    if part.startswith("'"):
        return part[1:-1]
    return part


class _Lost(Exception):
    """The text is not something the scanner follows (invalid TOML), or it should stop."""


# tomli refuses arrays and inline tables nested more than 400 deep, at that point.
_MAX_DEPTH = 450


class _Walker:
    """Follows the structure of a TOML document: headers, keys, arrays, inline tables.

    Subclasses hear about each piece through the `on_*` hooks, in file order. On
    text that is not valid TOML the walk stops with `_Lost` where it first fails to
    follow; the TOML reader reports that text itself and reads nothing after it.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._depth = 0

    # -- hooks ----------------------------------------------------------------------

    def on_long_key(self, _parts: list[str], _start: int) -> None:
        """A key or table name of more than MAX_KEY_PARTS parts (only so many are given)."""
        raise _Lost

    def on_header(self, _parts: list[str], _start: int, _array: bool) -> None:
        """A [table] or [[array of tables]] header."""

    def on_key(self, _parts: list[str], _start: int, _inline_table: bool) -> None:
        """The key of a key/value pair (`_inline_table`: its value is one)."""

    def on_key_end(self) -> None:
        """The value of the latest key, and everything in it, has been read."""

    def on_element(self, _index: int, _start: int) -> None:
        """An element of the innermost array starts."""

    def on_bare(self, _start: int, _end: int) -> None:
        """A value that is not a string, array or table: a number, date or boolean."""

    def on_element_end(self) -> None:
        """That element has been read."""

    def skip_simple(self, pos: int) -> int:
        """Where to go on from `pos`, the start of a statement (default: nowhere)."""
        return pos

    # -- walking --------------------------------------------------------------------

    def _skip(self, pattern: re.Pattern[str], pos: int) -> int:
        m = pattern.match(self.text, pos)
        return m.end() if m else pos

    def _key(self, pos: int, start: int) -> tuple[list[str], int]:
        """A dotted key at `pos` (its statement starts at `start`): its parts as written,
        and the position after it."""
        text = self.text
        parts: list[str] = []
        while True:
            pos = self._skip(_WS, pos)
            m = _KEY_PART.match(text, pos)
            if not m:
                raise _Lost
            parts.append(m.group())
            if len(parts) > MAX_KEY_PARTS:
                self.on_long_key(parts, start)  # before reading on: it may have no end
                raise _Lost
            pos = self._skip(_WS, m.end())
            if not text.startswith(".", pos):
                return parts, pos
            pos += 1

    def walk(self) -> None:
        text = self.text
        pos = self._skip(_GAP, 0)
        while True:
            pos = self._skip(_GAP, self.skip_simple(pos))
            if pos >= len(text):
                return
            if text.startswith("[", pos):
                start = pos
                array = text.startswith("[[", pos)
                parts, pos = self._key(pos + (2 if array else 1), start)
                close = "]]" if array else "]"
                if not text.startswith(close, pos):
                    raise _Lost
                self.on_header(parts, start, array)
                pos += len(close)
            else:
                pos = self._pair(pos)
            pos = self._skip(_WS, pos)
            if pos < len(text) and text[pos] not in "#\r\n":
                raise _Lost  # a second statement on the line
            pos = self._skip(_GAP, pos)

    def _pair(self, pos: int) -> int:
        """`key = value` at `pos`; the position after the value."""
        start = pos
        parts, pos = self._key(pos, start)
        if not self.text.startswith("=", pos):
            raise _Lost
        pos = self._skip(_WS, pos + 1)
        self.on_key(parts, start, self.text.startswith("{", pos))
        pos = self._value(pos)
        self.on_key_end()
        return pos

    def _value(self, pos: int) -> int:
        text = self.text
        m = _STRING.match(text, pos)
        if m:
            return m.end()
        if text.startswith(("[", "{"), pos):
            self._depth += 1
            if self._depth > _MAX_DEPTH:
                raise _Lost
            pos = self._array(pos) if text.startswith("[", pos) else self._table(pos)
            self._depth -= 1
            return pos
        m = _SCALAR.match(text, pos)
        if not m:
            raise _Lost
        self.on_bare(pos, m.end())
        return m.end()

    def _array(self, pos: int) -> int:
        text = self.text
        pos, index = pos + 1, 0
        while True:
            pos = self._skip(_GAP, pos)
            if text.startswith("]", pos):
                return pos + 1
            if pos >= len(text):
                raise _Lost
            self.on_element(index, pos)
            pos = self._skip(_GAP, self._value(pos))
            self.on_element_end()
            if text.startswith(",", pos):
                pos, index = pos + 1, index + 1
            elif not text.startswith("]", pos):
                raise _Lost

    def _table(self, pos: int) -> int:
        text = self.text
        pos += 1
        while True:  # TOML 1.1 (tomli 2.5): newlines and a trailing comma are allowed
            pos = self._skip(_GAP, pos)
            if text.startswith("}", pos):
                return pos + 1
            if pos >= len(text):
                raise _Lost
            pos = self._skip(_GAP, self._pair(pos))
            if text.startswith(",", pos):
                pos += 1
            elif not text.startswith("}", pos):
                raise _Lost


class _Shape(_Walker):
    """Counts what makes the TOML reader slow or large; stops at the first excess."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.problem: tuple[int, str] | None = None  # (position, message)
        self.tables = 0
        self.arrays: set[tuple[str, ...]] = set()  # bounded: each new name is counted
        self.in_array = 0

    def _refuse(self, pos: int, message: str) -> None:
        self.problem = (pos, message)
        raise _Lost

    def _count(self, n: int, pos: int) -> None:
        self.tables += n
        if self.tables > MAX_TABLES:
            self._refuse(
                pos,
                f"too many tables: more than {MAX_TABLES:,} [table] headers, [[array]] "
                "names, dotted keys and inline tables; an event needs only [event], [me], "
                "[netplan], [[colleagues]] and [[targets]]",
            )

    def on_long_key(self, parts: list[str], start: int) -> None:
        shown = ".".join(parts[:3])[:60]
        self._refuse(
            start,
            f"a key or table name of more than {MAX_KEY_PARTS} dotted parts "
            f"({shown}...); event keys have at most two",
        )

    def on_header(self, parts: list[str], start: int, array: bool) -> None:
        if array:
            path = tuple(parts)
            if path in self.arrays:
                return
            self.arrays.add(path)
        self._count(len(parts), start)

    def on_key(self, parts: list[str], start: int, inline_table: bool) -> None:
        count = len(parts) - 1 + (inline_table and not self.in_array)
        if count:
            self._count(count, start)

    def on_element(self, _index: int, _start: int) -> None:
        self.in_array += 1

    def on_bare(self, start: int, end: int) -> None:
        value = self.text[start : min(end, start + MAX_BARE_CHARS + 1)].rstrip()
        if len(value) > MAX_BARE_CHARS:
            if _INTEGER.match(value):
                self._refuse(start, INT_RANGE)
            self._refuse(
                start,
                f"a value of more than {MAX_BARE_CHARS} characters that is not text "
                "(text goes in quotes)",
            )

    def on_element_end(self) -> None:
        self.in_array -= 1

    def skip_simple(self, pos: int) -> int:
        return self._skip(_SIMPLE_LINES, pos)


def structure_problem(text: str) -> tuple[int, str] | None:
    """(position, message) of the first shape netplan refuses to hand to the TOML reader:
    a dotted key or table name of more than MAX_KEY_PARTS parts, or more than
    MAX_TABLES tables. None when there is none, or when the text is not valid TOML
    (the reader then stops at the first invalid statement, before anything unchecked)."""
    shape = _Shape(text)
    with contextlib.suppress(_Lost, RecursionError):
        shape.walk()
    return shape.problem


def follows_to_end(text: str) -> bool:
    """Whether the structure check follows `text` to its end without a problem. For
    tests: it must, for every event-sized document the TOML reader accepts."""
    try:
        _Shape(text).walk()
    except (_Lost, RecursionError):
        return False
    return True


class KeyLines:
    """Line numbers by location, e.g. ("colleagues", 2, "style") → 14.

    With `wanted`, only those locations (and their prefixes) are kept, so a document
    of a million keys costs no more memory than the few asked about.
    """

    def __init__(self, text: str, wanted: Iterable[Sequence[str | int]] | None = None) -> None:
        self._text = text
        self._lines: dict[Loc, int] = {}
        self._wanted: set[Loc] | None = None
        self._unfound: set[Loc] = set()  # wanted locations not met yet: none left, stop
        if wanted is not None:
            self._unfound = {tuple(loc) for loc in wanted}
            self._wanted = {loc[:end] for loc in self._unfound for end in range(1, len(loc) + 1)}
        # Lines are counted as the scan moves forward, from where the last count ended.
        self._line = 1
        self._counted_to = 0
        # Absurdly deep nesting, or text it does not follow: the lines found stand.
        with contextlib.suppress(_Lost, RecursionError):
            _Marker(text, self).walk()

    def find(self, loc: Sequence[str | int]) -> int | None:
        """The line of the longest prefix of `loc` that appears in the file."""
        for end in range(len(loc), 0, -1):
            line = self._lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None

    def mark(self, loc: Loc, pos: int) -> None:
        if loc in self._lines or (self._wanted is not None and loc not in self._wanted):
            return
        if pos >= self._counted_to:
            self._line += self._text.count("\n", self._counted_to, pos)
            self._counted_to = pos
            self._lines[loc] = self._line
        else:  # positions only grow; kept correct should that ever change
            self._lines[loc] = self._text.count("\n", 0, pos) + 1
        if self._wanted is not None:
            self._unfound.discard(loc)
            if not self._unfound:
                raise _Lost  # all found: the rest of the file cannot change a line


class _Marker(_Walker):
    """Follows the current location: table, array-of-tables indexes, keys, elements."""

    def __init__(self, text: str, lines: KeyLines) -> None:
        super().__init__(text)
        self.lines = lines
        self.table: Loc = ()
        self.arrays: dict[tuple[str, ...], int] = {}  # array-of-tables path → current index
        self.nested_arrays = False
        self.stack: list[Loc] = []  # the key or element whose value is being read

    def _here(self) -> Loc:
        return self.stack[-1] if self.stack else self.table

    def on_header(self, parts: list[str], start: int, array: bool) -> None:
        path = tuple(_key_text(p) for p in parts)
        if array:
            if self.nested_arrays:  # a new element: the arrays of tables inside restart
                for inner in [a for a in self.arrays if a[: len(path)] == path != a]:
                    del self.arrays[inner]
            self.nested_arrays = self.nested_arrays or len(path) > 1
            self.arrays[path] = self.arrays.get(path, -1) + 1
        out: list[str | int] = []
        for i, part in enumerate(path):
            out.append(part)
            index = self.arrays.get(path[: i + 1])
            if index is not None:
                out.append(index)
        self.table = tuple(out)
        self.lines.mark(self.table, start)

    def on_key(self, parts: list[str], start: int, _inline_table: bool) -> None:
        loc = (*self._here(), *(_key_text(p) for p in parts))
        self.lines.mark(loc, start)
        self.stack.append(loc)

    def on_key_end(self) -> None:
        self.stack.pop()

    def on_element(self, index: int, start: int) -> None:
        loc = (*self._here(), index)
        self.lines.mark(loc, start)
        self.stack.append(loc)

    def on_element_end(self) -> None:
        self.stack.pop()
