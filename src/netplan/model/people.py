"""What a contact or attendee list becomes: people, the rows left out, and what was noticed.

Named tuples: as immutable as frozen dataclasses, cheaper to define (start-up) and to
build (one per row of a 100,000-row export)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from netplan.model.identity import Keys

# A list bigger than this is refused before it is decoded: far above any real
# export (100,000 Luma guests are about 30 MB), small enough to bound memory.
MAX_LIST_BYTES = 64 * 1024 * 1024
# People that the lists of one event (or the files of one `netplan people` run) may
# hold in all: LIST_PEOPLE_BASE, plus one per LIST_BYTES_PER_PERSON bytes of those
# lists, up to MAX_LIST_PEOPLE. A person costs 500 to 1,000 bytes of memory while a
# command runs, whatever the size of its row: a file of one-letter rows would ask
# for hundreds of times its size. Real exports have rows of 60 bytes and more
# (LinkedIn, about 90; Luma, 100 to 300), and 250,000 people (100,000 guests and
# five colleagues' 30,000 connections) fit with room to spare.
MAX_LIST_PEOPLE = 500_000
LIST_PEOPLE_BASE = 64_000
LIST_BYTES_PER_PERSON = 64
# Every text kept from a file is cut to this many characters, so a hostile cell
# cannot blow up later output; each cut is counted in one warning.
MAX_FIELD_CHARS = 200
# At most this many skipped rows are listed; the rest are only counted.
MAX_SKIPPED = 100
# At most this many header names are kept in `ListFile.ignored_columns`.
MAX_IGNORED_COLUMNS = 100

FORMATS = (
    "linkedin",
    "luma",
    "eventbrite",
    "meetup",
    "hubspot",
    "salesforce",
    "google",
    "outlook",
    "vcard",
    "csv",
)

NO_EXTRA: Mapping[str, str] = MappingProxyType({})


def people_allowed(list_bytes: int) -> int:
    """How many people lists of `list_bytes` bytes in all may hold."""
    return min(MAX_LIST_PEOPLE, LIST_PEOPLE_BASE + list_bytes // LIST_BYTES_PER_PERSON)


class Person(NamedTuple):
    """One person read from a list.

    `name` is for showing (spacing tidied, otherwise as written: "Dana Lee, CPA");
    `match_name` is for matching (credentials, bracketed parts such as pronouns,
    emoji, leading honorifics and stray spaces removed: "Dana Lee"). Empty `name`
    only when the person has an email or a LinkedIn URL to be known by.
    """

    name: str
    match_name: str
    email: str | None = None
    company: str | None = None
    title: str | None = None
    linkedin: str | None = None
    connected_on: str | None = None
    status: str | None = None
    attending: bool = True
    line: int = 0
    # Small extras: "note", "labels", "registered_on" (ISO date of an RSVP/order).
    extra: Mapping[str, str] = NO_EXTRA
    # What matching knows this person by: `keys_of(match_name, email, linkedin,
    # company)`, worked out by a reader that had the means to at little cost; None
    # when matching is to work them out.
    keys: Keys | None = None


class Skipped(NamedTuple):
    """A row (or a vCard) that was not read as a person, and why."""

    line: int
    reason: str


class ListFile(NamedTuple):
    """A whole list: where each field came from, the people, and what was left out."""

    source: str
    format: str
    encoding: str
    header_line: int | None
    columns: dict[str, str]
    ignored_columns: tuple[str, ...]
    people: tuple[Person, ...]
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]


class ImportedList(NamedTuple):
    """One list of targets from the event file's [[target_lists]], as read."""

    source: str
    priority: str  # high, medium or low
    match: str  # person: each row is a target; company: each row names an account
    people: tuple[Person, ...]


class Rosters(NamedTuple):
    """Every list an event file refers to, read: what the engine knows beyond the file.

    Each is None (or empty) when the file names no such list. Attendees are the ones
    attending (approved, attending, RSVP yes); colleagues' lists are keyed by the
    colleague's position in the file.
    """

    attendees: tuple[Person, ...] | None = None
    mine: tuple[Person, ...] | None = None
    colleagues: Mapping[int, tuple[str, tuple[Person, ...]]] = MappingProxyType({})
    target_lists: tuple[ImportedList, ...] = ()
