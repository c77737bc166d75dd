"""Where each table, key and array element of a TOML document starts, for error messages.

The document has already been parsed by a real TOML reader when this runs (schema
errors and warnings come after a successful parse), so this scanner may assume
valid TOML and only has to follow its structure: headers, keys, strings, arrays
and inline tables. It never decides what a value is.
"""

from __future__ import annotations

import bisect
import contextlib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netplan.models import Loc

_SPACE = re.compile(r"[ \t]*")
_GAP = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")  # blanks, newlines and comments
_KEY_PART = re.compile(r"""[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'""")
_STRING = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""{0,2}'
    r"|'''[\s\S]*?''''{0,2}"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
)
_SCALAR = re.compile(r"[^,\]}\s#][^,\]}\n#]*")


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


class KeyLines:
    """Line numbers by location, e.g. ("colleagues", 2, "style") → 14."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self._lines: dict[Loc, int] = {}
        # Absurdly deep nesting: the lines found before it still stand.
        with contextlib.suppress(RecursionError):
            self._scan()

    def find(self, loc: Sequence[str | int]) -> int | None:
        """The line of the longest prefix of `loc` that appears in the file."""
        for end in range(len(loc), 0, -1):
            line = self._lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None

    # -- scanning ------------------------------------------------------------------

    def _mark(self, loc: Loc, pos: int) -> None:
        self._lines.setdefault(loc, bisect.bisect_left(self._newlines, pos) + 1)

    def _skip(self, pattern: re.Pattern[str], pos: int) -> int:
        m = pattern.match(self._text, pos)
        return m.end() if m else pos

    def _key(self, pos: int) -> tuple[tuple[str, ...], int]:
        """A dotted key starting at `pos`: its parts, and the position after it."""
        parts: list[str] = []
        while True:
            pos = self._skip(_SPACE, pos)
            m = _KEY_PART.match(self._text, pos)
            if not m:
                return tuple(parts), pos
            parts.append(_key_text(m.group()))
            pos = self._skip(_SPACE, m.end())
            if self._text.startswith(".", pos):
                pos += 1
            else:
                return tuple(parts), pos

    def _scan(self) -> None:
        text = self._text
        table: Loc = ()
        arrays: dict[tuple[str, ...], int] = {}  # array-of-tables path → current index
        pos = self._skip(_GAP, 0)
        while pos < len(text):
            start = pos
            if text.startswith("[[", pos):
                path, pos = self._key(pos + 2)
                arrays[path] = arrays.get(path, -1) + 1
                table = self._resolve(path, arrays)
                self._mark(table, start)
                pos = text.find("]]", pos) + 2
            elif text.startswith("[", pos):
                path, pos = self._key(pos + 1)
                table = self._resolve(path, arrays)
                self._mark(table, start)
                pos = text.find("]", pos) + 1
            else:
                path, pos = self._key(pos)
                if not path or not text.startswith("=", pos):
                    return  # not something this scanner understands: stop, lines so far stand
                loc = (*table, *path)
                self._mark(loc, start)
                pos = self._value(loc, pos + 1)
            pos = self._skip(_GAP, pos)

    @staticmethod
    def _resolve(path: tuple[str, ...], arrays: dict[tuple[str, ...], int]) -> Loc:
        """Insert the current index after each part that names an array of tables."""
        out: list[str | int] = []
        for i, part in enumerate(path):
            out.append(part)
            index = arrays.get(path[: i + 1])
            if index is not None:
                out.append(index)
        return tuple(out)

    def _value(self, loc: Loc, pos: int) -> int:
        text = self._text
        pos = self._skip(_SPACE, pos)
        m = _STRING.match(text, pos)
        if m:
            return m.end()
        if text.startswith("[", pos):
            pos, index = pos + 1, 0
            while True:
                pos = self._skip(_GAP, pos)
                if pos >= len(text) or text.startswith("]", pos):
                    return pos + 1
                self._mark((*loc, index), pos)
                pos = self._skip(_GAP, self._value((*loc, index), pos))
                if text.startswith(",", pos):
                    pos, index = pos + 1, index + 1
        if text.startswith("{", pos):
            pos += 1
            while True:
                pos = self._skip(_GAP, pos)
                if pos >= len(text) or text.startswith("}", pos):
                    return pos + 1
                start = pos
                path, pos = self._key(pos)
                if not path or not text.startswith("=", pos):
                    return len(text)
                self._mark((*loc, *path), start)
                pos = self._skip(_GAP, self._value((*loc, *path), pos + 1))
                if text.startswith(",", pos):
                    pos += 1
        m = _SCALAR.match(text, pos)
        return m.end() if m else pos + 1
