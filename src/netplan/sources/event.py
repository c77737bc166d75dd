"""Bytes → TOML → `Event`. Every failure becomes one `InputError` with located problems,
each saying how to fix it where netplan can tell."""

from __future__ import annotations

import dataclasses
import difflib
import gc
import itertools
import operator
import re
from collections.abc import Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any, NoReturn

from netplan.errors import InputError, Problem
from netplan.sources.locate import INT_RANGE as _INT_RANGE
from netplan.sources.locate import KeyLines, structure_problem

if TYPE_CHECKING:
    import datetime as dt

    from pydantic import ValidationError

    from netplan.model.event import Event, Loc
    from netplan.model.matching import Assembly
    from netplan.model.people import Rosters

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
            data = read_capped(stdin, max_bytes)
        else:
            with open(path, "rb") as f:
                data = read_capped(f, max_bytes)
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


def read_capped(stream: IO[bytes], max_bytes: int) -> bytes:
    """All of `stream`, or `max_bytes` + 1 bytes of it when it is longer (which says it
    is too big). A MiB at a time: one read of the whole cap would allocate the cap
    itself, 32 MiB for any event file however small."""
    chunks: list[bytes] = []
    left = max_bytes + 1
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if chunk is None:  # a non-blocking descriptor with nothing to read yet: wait
            import select

            select.select([stream], [], [])
            continue
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


_SAVE_AS_UTF8 = "save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)"


def _looks_like_utf16(data: bytes) -> bool:
    """Text in UTF-16 without a byte order mark: NULs at every other offset, and
    mostly none at the others."""
    head = data[:200]
    if len(head) < 8:
        return False
    even, odd = head[::2], head[1::2]
    for zeros, text in ((odd, even), (even, odd)):
        if zeros.count(0) > len(zeros) * 3 // 4 and text.count(0) < len(text) // 4:
            return True
    return False


def decode(data: bytes, source: str) -> str:
    bom = data.startswith(b"\xef\xbb\xbf")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or _looks_like_utf16(data):
        raise InputError(source, [Problem(f"not UTF-8: the file is UTF-16; {_SAVE_AS_UTF8}")])
    try:
        return data.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as e:
        # utf-8-sig reports offsets after the BOM; the user's editor counts from the file's start.
        offset = e.start + 3 * bom
        line = data.count(b"\n", 0, offset) + 1
        msg = f"not UTF-8: invalid byte 0x{data[offset]:02x} at offset {offset}; {_SAVE_AS_UTF8}"
        raise InputError(source, [Problem(msg, line=line)]) from None


# Hints for the TOML mistakes people make most, read off the line that failed.
_NUMERIC_DATE = re.compile(r"=\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s*(?:#.*)?$")
_CURLY_QUOTES = re.compile("[\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb]")
# After "=", "," or "[" only, and possessive: linear even over 32 MiB of digits.
_TOML_INT = re.compile(r"[=,\[][ \t\r\n]*+[+-]?\d(?:_?\d){4300,}+")
INT64 = (-(2**63), 2**63 - 1)


def _line(text: str, lineno: int) -> str:
    start = 0
    for _ in range(lineno - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)][:1000]


def _syntax_hint(line: str) -> str:
    if _CURLY_QUOTES.search(line):
        return " (curly quotes: write straight quotes \" or ' around text)"
    if _NUMERIC_DATE.search(line):
        return " (write dates as YYYY-MM-DD, such as 2027-05-12, without quotes)"
    if "=" not in line and line.count(",") >= 1 and not line.lstrip().startswith(("[", "#")):
        return (
            " (this looks like a line of CSV: an event file is TOML, one `key = value` "
            "per line, with one [[targets]] block per person)"
        )
    return ""


def parse_toml(text: str, source: str) -> dict[str, Any]:
    import tomli

    # Shapes that would make the reader itself slow or huge are refused before it runs.
    shape = structure_problem(text)
    if shape is not None:
        pos, message = shape
        raise InputError(source, [Problem(message, line=text.count("\n", 0, pos) + 1)])
    try:
        doc = tomli.loads(text)
    except tomli.TOMLDecodeError as e:
        hint = _syntax_hint(_line(text, e.lineno)) if e.lineno else ""
        problem = Problem(f"invalid TOML: {e.msg}{hint}", line=e.lineno, col=e.colno)
        raise InputError(source, [problem]) from None
    except RecursionError:
        raise InputError(source, [Problem("invalid TOML: nested too deeply")]) from None
    except ValueError:
        # Python refuses to read an integer of more than 4,300 digits; TOML allows
        # only 64-bit ones anyway.
        m = _TOML_INT.search(text)
        line = text.count("\n", 0, m.end() - 1) + 1 if m else None
        raise InputError(source, [Problem(_INT_RANGE, line=line)]) from None
    found = next(_huge_ints(doc, ()), None) if _anything_huge(doc) else None
    if found is not None:
        loc, message = found
        line = KeyLines(text, wanted=[loc]).find(loc)  # stops scanning once found
        raise InputError(source, [Problem(message, line=line, loc=format_loc(loc))])
    return doc


# No table of an event has more than a dozen keys; past this many, a table is refused
# as one problem rather than validated into a million "unknown key" errors.
MAX_KEYS_PER_TABLE = 1_000


# Values looked at in one go by `_anything_huge`: a few MiB of lists at most, however
# long a list of the document is.
_CHUNK = 1 << 16


def _anything_huge(doc: dict[str, Any]) -> bool:
    """Whether `_huge_ints` would find anything: one level of the document at a time,
    a chunk of values at a time, with no Python code run per value. The walk that says
    where costs a microsecond a value (a fifth of a second for 100,000 targets), so it
    runs only when needed."""
    dicts: list[dict[str, Any]] = [doc]
    lists: list[list[Any]] = []
    while dicts or lists:
        if dicts and max(map(len, dicts)) > MAX_KEYS_PER_TABLE:
            return True
        values = itertools.chain(
            itertools.chain.from_iterable(map(dict.values, dicts)),
            itertools.chain.from_iterable(lists),
        )
        dicts, lists = [], []
        while chunk := list(itertools.islice(values, _CHUNK)):
            kinds = list(map(type, chunk))
            ints = list(itertools.compress(chunk, map(operator.is_, kinds, itertools.repeat(int))))
            if ints and not (INT64[0] <= min(ints) and max(ints) <= INT64[1]):
                return True
            dicts += itertools.compress(chunk, map(operator.is_, kinds, itertools.repeat(dict)))
            lists += itertools.compress(chunk, map(operator.is_, kinds, itertools.repeat(list)))
    return False


def _huge_ints(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Where the document holds what the schema need not see: an integer outside 64 bits
    (which TOML forbids), or a table of more than MAX_KEYS_PER_TABLE keys.

    Depth-first with one iterator per open container, so the walk costs memory for
    its depth only, not a location per value of a 100,000-target file.
    """
    stack: list[tuple[Loc, Iterator[tuple[Any, Any]]]] = []
    pending: list[tuple[Loc, Any]] = [(loc, value)]
    while pending or stack:
        for where, item in pending:
            if isinstance(item, dict):
                if len(item) > MAX_KEYS_PER_TABLE:
                    key = next(itertools.islice(item, MAX_KEYS_PER_TABLE, None))
                    yield (
                        (*where, key),
                        f"too many keys: a table has at most {MAX_KEYS_PER_TABLE:,} "
                        f"(this one has {len(item):,})",
                    )
                else:
                    stack.append((where, iter(item.items())))
            elif isinstance(item, list):
                stack.append((where, enumerate(item)))
            elif isinstance(item, int) and not INT64[0] <= item <= INT64[1]:
                yield where, _INT_RANGE
        pending = []
        while stack and not pending:
            where, children = stack[-1]
            for key, item in children:
                if isinstance(item, (dict, list)) or (
                    isinstance(item, int) and not INT64[0] <= item <= INT64[1]
                ):
                    pending = [((*where, key), item)]
                    break
            else:
                stack.pop()


def parse_event(data: bytes, source: str) -> Event:
    """Turn the bytes of an event file into a validated `Event`."""
    return _parse(data, source)[0]


def _parse(data: bytes, source: str) -> tuple[Event, str]:
    from pydantic import ValidationError

    from netplan.model.event import Event, name_problems, time_problems
    from netplan.rules import config_problems
    from netplan.sources.trim import trim

    text = decode(data, source)
    if not text.strip():
        raise InputError(source, [Problem("the file is empty: an event needs [event] and [me]")])
    doc = parse_toml(text, source)
    _check_counts(doc, text, source)
    trimmed = trim(doc, Event, MAX_PROBLEMS)
    # Validating a large list allocates many small objects; the collector
    # only slows that down and would find nothing to free.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        event = Event.model_validate(trimmed.doc)
        if trimmed.cut:  # every item cut is an error in strict mode, so never; but if so,
            event = Event.model_validate(doc)  # the whole file decides
    except ValidationError as e:
        also = _rule_name_problems(doc)
        raise InputError(source, schema_problems(e, text, doc, trimmed.cut, also)) from None
    finally:
        if gc_was_enabled:
            gc.enable()
    problems = (
        name_problems(event)
        + time_problems(event.event)
        + config_problems(event.netplan.select, event.netplan.ignore)
    )
    if problems:
        # Counted past MAX_PROBLEMS, as schema problems are: 200,000 targets of one
        # name must not make 200,000 located messages.
        shown = locate(text, problems[:MAX_PROBLEMS])
        raise InputError(source, shown + _more(len(problems) - len(shown)))
    return event, text


def _rule_name_problems(doc: dict[str, Any]) -> list[tuple[Loc, str]]:
    """[netplan] select and ignore checked as written, when the file has other mistakes:
    every problem is told in one run, not the rule names only once the rest is fixed.
    Only lists of text (the schema reports anything else), and only their first
    MAX_PROBLEMS entries: what is shown is capped anyway."""
    from netplan.rules import config_problems

    table = doc.get("netplan")
    if not isinstance(table, dict):
        return []

    def names(value: Any) -> list[str] | None:
        if isinstance(value, list) and all(isinstance(v, str) for v in value[:MAX_PROBLEMS]):
            return value[:MAX_PROBLEMS]
        return None

    return config_problems(names(table.get("select")), names(table.get("ignore")) or [])


def _check_counts(doc: dict[str, Any], text: str, source: str) -> None:
    """Refuse more targets, colleagues, target lists or `knows` entries than a file may
    list, before they are validated: a hundred thousand tiny tables or names would cost
    far more memory than the file's size."""
    from netplan.model.event import MAX_COLLEAGUES, MAX_KNOWS, MAX_LIST_ITEMS, MAX_TARGETS

    caps = (("targets", MAX_TARGETS), ("colleagues", MAX_COLLEAGUES))
    for key, cap in (*caps, ("target_lists", MAX_LIST_ITEMS)):
        items = doc.get(key)
        if isinstance(items, list) and len(items) > cap:
            # Located at the first one past the cap.
            _refuse_count(text, source, (key, cap), key, cap, len(items))
    colleagues = doc.get("colleagues")
    if not isinstance(colleagues, list):
        return
    lists = [c.get("knows") if isinstance(c, dict) else None for c in colleagues]
    sizes = [len(k) if isinstance(k, list) else 0 for k in lists]
    total = sum(sizes)
    if total > MAX_KNOWS:
        before = 0
        for i, size in enumerate(sizes):
            if before + size > MAX_KNOWS:
                loc: Loc = ("colleagues", i, "knows", MAX_KNOWS - before)
                _refuse_count(text, source, loc, "`knows` entries", MAX_KNOWS, total)
            before += size


def _refuse_count(text: str, source: str, loc: Loc, what: str, cap: int, count: int) -> NoReturn:
    message = f"too many {what}: a file lists at most {cap:,} (this one has {count:,})"
    line = KeyLines(text, wanted=[loc]).find(loc)  # stops scanning once found
    raise InputError(source, [Problem(message, line=line, loc=format_loc(loc))])


def load_event(
    path: str, stdin: IO[bytes] | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Event:
    """Read and validate one event file (`-` for standard input)."""
    return parse_event(read_bytes(path, stdin, max_bytes), source_name(path))


STDIN_NAME = "<stdin>"
# A backslash that must be doubled so it does not read as part of a \xNN escape:
# one before another backslash, before "x" and two hex digits, or before a byte
# that is not UTF-8 (a lone surrogate, as Python passes such bytes in a file name).
_AMBIGUOUS_BACKSLASH = re.compile(r"\\(?=\\|x[0-9A-Fa-f]{2}|[\udc80-\udcff])")
_NOT_UTF8_BYTE = re.compile("[\udc80-\udcff]")


def source_name(path: str) -> str:
    """How an input is named in messages and in JSON's "source": the path as given.

    Lossless and unambiguous, yet printable and valid UTF-8: a byte that is not UTF-8
    is written \\xNN, and a backslash that could be read as part of such an escape is
    doubled, so a file literally named `bad\\xff.toml` stays apart from one whose name
    holds the byte 0xff (`path_of_source` reverses it). Standard input is `<stdin>`;
    a file of that name is `./<stdin>`.
    """
    if path == STDIN:
        return STDIN_NAME
    if path == STDIN_NAME:
        return "./" + path
    if "\\" not in path and path.isascii():
        return path  # the common case: nothing to escape
    path = _AMBIGUOUS_BACKSLASH.sub(r"\\\\", path)
    return _NOT_UTF8_BYTE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", path)


_SOURCE_ESCAPE = re.compile(r"\\(\\|x[0-9A-Fa-f]{2})")


def path_of_source(source: str) -> bytes:
    """The file name `source_name` showed as `source`, as bytes (for scripts and tests)."""

    def byte(m: re.Match[str]) -> str:
        code = m.group(1)
        return "\\" if code == "\\" else chr(0xDC00 + int(code[1:], 16))

    return _SOURCE_ESCAPE.sub(byte, source).encode("utf-8", "surrogateescape")


# A key in a message is cut to this many characters: the file chose it, and a
# 32 MB key must not become a 32 MB message.
KEY_SHOWN = 80


def format_loc(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = part if len(part) <= KEY_SHOWN else part[:KEY_SHOWN] + "…"
            out += f".{key}" if out else key
    return out


# pydantic reports a value that fits no member of a union once per member,
# under the member's name: `event.date.datetime` and `event.date.date`.
_UNION_MEMBERS = {"datetime", "date"}
# A field that takes only a date-time (`ends`) is worded like `date`, not as pydantic's
# "Input should be a valid datetime"; with the key to give instead, where there is one.
_DATETIME_TYPE = "datetime_type"
_INSTEAD = {"ends": "duration_minutes"}
# Past this many, problems are counted rather than listed: a file of a million
# unknown keys must not make a million lines of output.
MAX_PROBLEMS = 50


def schema_problems(
    error: ValidationError,
    text: str | None = None,
    doc: dict[str, Any] | None = None,
    cut: int = 0,
    also: Sequence[tuple[Loc, str]] = (),
) -> list[Problem]:
    """One located problem per mistake (no line numbers without the file's text); `cut`
    wrong items that were not validated are counted with those not shown; `also`, more
    problems found otherwise, joins those the schema found elsewhere."""
    items: dict[Loc, str] = {}
    more = cut
    for err in error.errors(include_url=False, include_input=False):
        loc: Loc = tuple(err["loc"])
        union = len(loc) > 1 and loc[-1] in _UNION_MEMBERS and loc[-2] == "date"
        if union:
            loc = loc[:-1]
        if loc in items:
            continue
        if len(items) >= MAX_PROBLEMS:
            more += 1  # counted, not worded: a message costs a "did you mean" search
            continue
        if union:
            items[loc] = _date_message(_value_at(doc, loc))
        elif err["type"] == _DATETIME_TYPE and loc and isinstance(loc[-1], str):
            items[loc] = _datetime_message(loc[-1], _value_at(doc, loc), doc)
        else:
            items[loc] = _message(err["type"], loc, err["msg"], doc, err.get("ctx"))
    for loc, message in also:
        if any(loc[: len(k)] == k or k[: len(loc)] == loc for k in items):
            continue  # the schema has a word on that place already
        if len(items) >= MAX_PROBLEMS:
            more += 1
            continue
        items[loc] = message
    if text is None:
        problems = [Problem(msg, loc=format_loc(loc)) for loc, msg in items.items()]
    else:
        # In file order, as an editor shows them.
        problems = sorted(
            locate(text, list(items.items())), key=lambda p: (p.line is None, p.line or 0)
        )
    return problems + _more(more)


def _more(count: int) -> list[Problem]:
    """The line that counts the problems not shown, if any."""
    return [Problem(f"... and {count:,} more problems not shown")] if count else []


def _value_at(doc: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            doc = doc[part]
        except (KeyError, IndexError, TypeError):
            return None
    return doc


def _date_message(value: Any) -> str:
    import datetime as dt

    if isinstance(value, str):
        shown = value[:40]
        try:
            read = (
                dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
            )
            # As TOML writes it: Python also reads forms TOML does not (20270518).
            if _is_toml(read.isoformat()):
                return f"a date is not text: remove the quotes (date = {read.isoformat()})"
        except ValueError:
            pass
        return f"'{shown}' is not a date: write dates as YYYY-MM-DD, such as 2027-05-12"
    if isinstance(value, dt.time):
        return (
            f"a time alone is not a date: write the day too, such as date = {_EXAMPLE_DAY}T{value}"
        )
    return "must be a TOML date or date-time, such as 2027-03-18"


_EXAMPLE_DAY = "2027-03-18"
_EXAMPLE_TIME = "20:00:00"


def _datetime_message(key: str, value: Any, doc: dict[str, Any] | None) -> str:
    """How to write a date-time for `key`, read off what was written instead."""
    import datetime as dt

    instead = f", or give {_INSTEAD[key]} instead" if key in _INSTEAD else ""
    # Examples are built from what was written: its day (else the event's) and its time.
    start = _value_at(doc, ("event", "date"))
    day = start.date() if isinstance(start, dt.datetime) else start
    day_text = day.isoformat() if isinstance(day, dt.date) else _EXAMPLE_DAY
    quoted = ""
    if isinstance(value, str):
        unquoted = _read_when(value)
        if isinstance(unquoted, dt.time) and not _is_toml(f"{day_text}T{unquoted.isoformat()}"):
            unquoted = None  # a time TOML cannot write (an offset with seconds)
        if isinstance(unquoted, dt.datetime):
            # As TOML writes it: Python also reads forms TOML does not (20270318T2000).
            if _is_toml(unquoted.isoformat()):
                return (
                    f"a date-time is not text: remove the quotes ({key} = {unquoted.isoformat()})"
                )
            unquoted = None
        if unquoted is None:
            return (
                f"'{value[:40]}' is not a date-time: write one such as "
                f"{key} = {day_text}T{_EXAMPLE_TIME}, without quotes{instead}"
            )
        value, quoted = unquoted, " without quotes"
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        example = f"{value.isoformat()}T{_EXAMPLE_TIME}"
    elif isinstance(value, dt.time):
        example = f"{day_text}T{value.isoformat()}"
    else:
        return f"must be a TOML date-time, such as {key} = {day_text}T{_EXAMPLE_TIME}{instead}"
    return f"needs a date and a time, such as {key} = {example}{quoted}{instead}"


def _is_toml(value: str) -> bool:
    """Whether a suggested value reads back as written: Python's ISO forms are wider
    than TOML's (an offset with seconds: +05:30:15)."""
    import tomli

    try:
        tomli.loads(f"v = {value}")
    except (tomli.TOMLDecodeError, ValueError):
        return False
    return True


def _read_when(text: str) -> dt.date | dt.time | None:
    """What quoted text would be without its quotes: a date, a date-time or a time."""
    import datetime as dt

    # A date first: datetime.fromisoformat also reads a date alone, as midnight.
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat, dt.time.fromisoformat):
        try:
            return parse(text)
        except ValueError:
            continue
    return None


def _message(
    kind: str, loc: Loc, msg: str, doc: dict[str, Any] | None, ctx: dict[str, Any] | None = None
) -> str:
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):  # a model, a dataclass
        return "unknown key" + _suggest(loc)
    if kind == "missing":
        return "required key is missing"
    if kind in ("model_type", "dataclass_type"):
        return "must be a table of keys and values"
    if kind == "string_too_short":
        return "must not be blank"
    if kind == "literal_error":
        return msg.replace("Input should be", "must be", 1)
    if kind == "too_long" and ctx and "max_length" in ctx and "actual_length" in ctx:
        most, count = ctx["max_length"], ctx["actual_length"]
        return f"too many entries: at most {most:,} (this one has {count:,})"
    if kind == "string_too_long":
        return msg.replace("String should have at most", "is too long: at most")
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind == "list_type" and len(loc) == 1 and isinstance(_value_at(doc, loc), dict):
        return f"write [[{loc[0]}]] with double brackets: one such block per person"
    return msg


def _suggest(loc: Loc) -> str:
    from netplan.model.event import SECTIONS, Event, fields_of

    key = str(loc[-1])
    if len(loc) == 1:
        known = list(Event.model_fields)
    elif isinstance(loc[0], str) and loc[0] in SECTIONS:
        known = list(fields_of(SECTIONS[loc[0]]))
    else:
        return ""
    if len(key) > 64:  # no key is that long; difflib's cost grows with the lengths
        return ""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def locate(text: str, items: Sequence[tuple[Loc, str]]) -> list[Problem]:
    """Attach line numbers to remarks about an already-parsed document."""
    from netplan.sources.locate import KeyLines

    lines = KeyLines(text, wanted=[loc for loc, _ in items if loc])  # () is the whole file
    return [Problem(msg, line=lines.find(loc), loc=format_loc(loc)) for loc, msg in items]


def check_file(
    path: str,
    stdin: IO[bytes] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    advise_only: bool = False,
) -> tuple[Event, list[Problem]]:
    """Load an event and collect the located warnings about likely mistakes in it
    (advise_only: only those advise shows too)."""
    from netplan.sources.lint import event_warnings

    source = source_name(path)
    event, text = _parse(read_bytes(path, stdin, max_bytes), source)
    remarks = event_warnings(event, advise_only)
    if not remarks:
        return event, []
    located = locate(text, [(loc, msg) for loc, msg, _ in remarks])
    return event, [
        dataclasses.replace(p, on_advise=on_advise)
        for p, (_, _, on_advise) in zip(located, remarks, strict=True)
    ]


def refers_to_lists(event: Event) -> bool:
    """Whether the event file names any list (read only then: no cost otherwise)."""
    return bool(
        event.event.attendees
        or event.me.connections
        or event.target_lists
        or any(c.connections for c in event.colleagues)
    )


def load_with_lists(
    path: str,
    stdin: IO[bytes] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    advise_only: bool = False,
) -> tuple[Event, list[Problem], Assembly]:
    """`check_file`, plus the lists the event refers to, read and matched to its people:
    a list that cannot be read is a problem located at the key that names it; what the
    reader noticed in a list (rows skipped, a legacy encoding, a row that could be two
    people) is a warning."""
    from pathlib import Path

    from netplan.model.matching import assemble
    from netplan.sources.lint import capped, remarks

    source = source_name(path)
    event, text = _parse(read_bytes(path, stdin, max_bytes), source)
    lists: Rosters | None = None
    noticed: list[tuple[Loc, str, bool]] = []
    if refers_to_lists(event):
        from netplan.sources import rosters

        base = Path(path).parent if path != STDIN else Path()
        lists, problems, warnings = rosters.load(event, base, None if path == STDIN else Path(path))
        if problems:
            raise InputError(source, locate(text, problems))
        # What a reader noticed in a list is for validate; advice need not repeat it.
        noticed = [(loc, msg, False) for loc, msg in warnings]
    people = assemble(event, lists)
    noticed += [(loc, msg, True) for loc, msg in people.notices]
    if advise_only:
        noticed = [n for n in noticed if n[2]]
    shown = capped(itertools.chain(remarks(event, advise_only, people), noticed))
    if not shown:
        return event, [], people
    located = locate(text, [(loc, msg) for loc, msg, _ in shown])
    return (
        event,
        [
            dataclasses.replace(p, on_advise=on_advise)
            for p, (_, _, on_advise) in zip(located, shown, strict=True)
        ],
        people,
    )
