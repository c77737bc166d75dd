"""Bytes → TOML → `Event`. Every failure becomes one `InputError` with located problems."""

from __future__ import annotations

import difflib
import gc
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

from netplan.errors import InputError, Problem

if TYPE_CHECKING:
    from pydantic import ValidationError

    from netplan.models import Event, Loc

# Large enough for an event with 100,000 targets; small enough that a wrong
# path (a disk image, a log) is refused before it fills memory.
DEFAULT_MAX_BYTES = 32 * 1024 * 1024

STDIN = "-"


def read_bytes(
    path: str, stdin: IO[bytes] | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> bytes:
    """Read a whole input, refusing anything above `max_bytes`."""
    source = source_name(path)
    try:
        if path == STDIN:
            if stdin is None:
                raise InputError(source, [Problem("no standard input to read")])
            data = stdin.read(max_bytes + 1)
        else:
            with open(path, "rb") as f:
                data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(source, [Problem("no such file")]) from None
    except IsADirectoryError:
        raise InputError(source, [Problem("is a directory, not an event file")]) from None
    except PermissionError:
        raise InputError(source, [Problem("permission denied")]) from None
    except OSError as e:
        raise InputError(source, [Problem(f"cannot read: {e.strerror or e}")]) from None
    if len(data) > max_bytes:
        raise InputError(
            source, [Problem(f"file is larger than the {max_bytes:,}-byte limit for an event file")]
        )
    return data


def decode(data: bytes, source: str) -> str:
    bom = data.startswith(b"\xef\xbb\xbf")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError(
            source, [Problem("not UTF-8: looks like UTF-16 (byte order mark at offset 0)")]
        )
    try:
        return data.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as e:
        # utf-8-sig reports offsets after the BOM; the user's editor counts from the file's start.
        offset = e.start + 3 * bom
        line = data.count(b"\n", 0, offset) + 1
        msg = f"not UTF-8: invalid byte 0x{data[offset]:02x} at offset {offset}"
        raise InputError(source, [Problem(msg, line=line)]) from None


def parse_toml(text: str, source: str) -> dict[str, Any]:
    import tomli

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as e:
        problem = Problem(f"invalid TOML: {e.msg}", line=e.lineno, col=e.colno)
        raise InputError(source, [problem]) from None
    except RecursionError:
        raise InputError(source, [Problem("invalid TOML: nested too deeply")]) from None


def parse_event(data: bytes, source: str) -> Event:
    """Turn the bytes of an event file into a validated `Event`."""
    return _parse(data, source)[0]


def _parse(data: bytes, source: str) -> tuple[Event, str]:
    from pydantic import ValidationError

    from netplan.models import Event, name_problems

    text = decode(data, source)
    if not text.strip():
        raise InputError(source, [Problem("the file is empty: an event needs [event] and [me]")])
    doc = parse_toml(text, source)
    # Validating a large list allocates many small objects; the collector
    # only slows that down and would find nothing to free.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        event = Event.model_validate(doc)
    except ValidationError as e:
        raise InputError(source, schema_problems(e, text)) from None
    finally:
        if gc_was_enabled:
            gc.enable()
    dupes = name_problems(event)
    if dupes:
        raise InputError(source, locate(text, dupes))
    return event, text


def load_event(
    path: str, stdin: IO[bytes] | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Event:
    """Read and validate one event file (`-` for standard input)."""
    return parse_event(read_bytes(path, stdin, max_bytes), source_name(path))


def source_name(path: str) -> str:
    """How an input is named in messages and in JSON's "source"."""
    if path == STDIN:
        return "<stdin>"
    # A file name that is not valid UTF-8 arrives with lone surrogates, which
    # neither a terminal nor a JSON encoder can take: show its bytes as \xNN.
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def format_loc(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


# pydantic reports a value that fits no member of a union once per member,
# under the member's name: `event.date.datetime` and `event.date.date`.
_UNION_MEMBERS = {"datetime", "date"}


def schema_problems(error: ValidationError, text: str | None = None) -> list[Problem]:
    """One located problem per mistake (no line numbers without the file's text)."""
    items: dict[Loc, str] = {}
    for err in error.errors(include_url=False, include_input=False):
        loc: Loc = tuple(err["loc"])
        if len(loc) > 1 and loc[-1] in _UNION_MEMBERS and loc[-2] == "date":
            items[loc[:-1]] = "must be a TOML date or date-time, such as 2027-03-18"
        else:
            items.setdefault(loc, _message(err["type"], loc, err["msg"]))
    if text is None:
        return [Problem(msg, loc=format_loc(loc)) for loc, msg in items.items()]
    return locate(text, list(items.items()))


def _message(kind: str, loc: Loc, msg: str) -> str:
    if kind == "extra_forbidden":
        return "unknown key" + _suggest(loc)
    if kind == "missing":
        return "required key is missing"
    if kind == "string_too_short":
        return "must not be blank"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    return msg


def _suggest(loc: Loc) -> str:
    from netplan.models import SECTIONS, Event

    key = str(loc[-1])
    if len(loc) == 1:
        known = list(Event.model_fields)
    elif isinstance(loc[0], str) and loc[0] in SECTIONS:
        known = list(SECTIONS[loc[0]].model_fields)
    else:
        return ""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def locate(text: str, items: Sequence[tuple[Loc, str]]) -> list[Problem]:
    """Attach line numbers to remarks about an already-parsed document."""
    from netplan.locate import KeyLines

    lines = KeyLines(text)
    return [Problem(msg, line=lines.find(loc), loc=format_loc(loc)) for loc, msg in items]


def check_file(
    path: str, stdin: IO[bytes] | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Event, list[Problem]]:
    """Load an event and collect the located warnings about likely mistakes in it."""
    from netplan.lint import event_warnings

    source = source_name(path)
    event, text = _parse(read_bytes(path, stdin, max_bytes), source)
    remarks = event_warnings(event)
    return event, locate(text, remarks) if remarks else []
