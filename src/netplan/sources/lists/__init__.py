"""Contact and attendee lists as people actually have them: bytes → people.

`parse_list` is pure (no printing, no file access): it decodes the bytes, tells
the export apart by its content (a vCard, or a table whose header names the
columns of LinkedIn, Luma, Eventbrite, Meetup, HubSpot, Salesforce, Google
Contacts, Outlook, or just common names), and reads each row by header name.
What it cannot read becomes one located `InputError`; rows it leaves out are
listed in `ListFile.skipped`, and everything else it noticed in `warnings`.
Matching people across lists is not done here (see `netplan.model.identity`).

`read_list_file` reads a file's bytes with a size cap; `load_list` does both.
"""

from __future__ import annotations

import os
from typing import IO

from netplan.errors import InputError, Problem
from netplan.model.people import (
    FORMATS,
    MAX_FIELD_CHARS,
    MAX_LIST_BYTES,
    MAX_SKIPPED,
    ListFile,
    Person,
    Skipped,
)
from netplan.sources.event import STDIN, read_capped
from netplan.sources.lists.csvformats import read_table
from netplan.sources.lists.decode import decode_bytes
from netplan.sources.lists.tally import Quota
from netplan.sources.lists.vcard import is_vcard, read_vcards

__all__ = [
    "FORMATS",
    "MAX_FIELD_CHARS",
    "MAX_LIST_BYTES",
    "MAX_SKIPPED",
    "ListFile",
    "Person",
    "Quota",
    "Skipped",
    "load_list",
    "parse_list",
    "read_list_file",
]


def _too_big(source: str, max_bytes: int) -> InputError:
    message = f"file is larger than the {max_bytes:,}-byte limit for a contact or attendee list"
    return InputError(source, [Problem(message)])


def parse_list(
    data: bytes,
    source: str,
    *,
    max_bytes: int = MAX_LIST_BYTES,
    accounts: bool = False,
    quota: Quota | None = None,
) -> ListFile:
    """Read a contact or attendee list from its bytes. `source` names it in messages.

    Raises InputError (one problem, with its line where there is one) for an empty
    file, binary data, a file above `max_bytes`, a table with no header naming a
    person or a company, or more people than `quota` leaves room for (by default, as
    many as `people_allowed` gives a list of this size; see `Quota`).
    """
    if len(data) > max_bytes:
        raise _too_big(source, max_bytes)
    if quota is None:
        quota = Quota.of(len(data))
    decoded = decode_bytes(data, source)
    text, encoding, warnings = decoded.text, decoded.encoding, decoded.warnings
    if is_vcard(text):
        return read_vcards(text, source, encoding, warnings, quota)
    return read_table(text, source, encoding, warnings, max_bytes, accounts, quota)


def source_name(path: str | os.PathLike[str]) -> str:
    """A path as messages and JSON show it: the event loader's convention."""
    from netplan.sources.event import source_name as named

    return named(os.fspath(path))


def read_list_file(
    path: str | os.PathLike[str], max_bytes: int = MAX_LIST_BYTES, stdin: IO[bytes] | None = None
) -> bytes:
    """The bytes of a list file, refusing one above `max_bytes` before reading it all.
    '-' is `stdin` when one is given (only the command line's '-' is standard input:
    a list named in an event file is always a file)."""
    source = source_name(path)
    try:
        if stdin is not None and os.fspath(path) == STDIN:
            data = read_capped(stdin, max_bytes)
        else:
            with open(path, "rb") as f:
                data = read_capped(f, max_bytes)
    except FileNotFoundError:
        raise InputError(source, [Problem("no such file")]) from None
    except IsADirectoryError:
        raise InputError(source, [Problem("is a directory, not a list file")]) from None
    except PermissionError:
        raise InputError(source, [Problem("permission denied")]) from None
    except OSError as e:
        raise InputError(source, [Problem(f"cannot read: {e.strerror or e}")]) from None
    if len(data) > max_bytes:
        raise _too_big(source, max_bytes)
    return data


def load_list(
    path: str | os.PathLike[str],
    max_bytes: int = MAX_LIST_BYTES,
    accounts: bool = False,
    stdin: IO[bytes] | None = None,
    quota: Quota | None = None,
) -> ListFile:
    """`read_list_file` then `parse_list`, with the path as the source name. `accounts`:
    the list names companies (a row with only a company is kept, not skipped)."""
    data = read_list_file(path, max_bytes, stdin)
    name = source_name(path)
    return parse_list(data, name, max_bytes=max_bytes, accounts=accounts, quota=quota)
