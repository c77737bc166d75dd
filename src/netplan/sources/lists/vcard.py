"""vCard 2.1, 3.0 and 4.0 files → people, one card at a time.

The file is cut into BEGIN:VCARD … END:VCARD chunks here, and each chunk is
parsed by vobject on its own: a broken card is skipped with its line and the
reason, and every other card is still read. vobject is imported only here, so
reading a CSV never loads it.

A card with an empty FN takes its name from N. A card with no name at all is
kept (with an empty name) when it has an email address or a LinkedIn URL to be
known by; the local part of an email address is never taken for a name. A card
with none of the three is skipped with the reason NO_PERSON.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import MappingProxyType
from typing import Any

from netplan.model.people import MAX_IGNORED_COLUMNS, NO_EXTRA, ListFile, Person
from netplan.sources.lists.csvformats import NO_PERSON, pick_email, pick_linkedin
from netplan.sources.lists.names import match_name
from netplan.sources.lists.tally import Quota, Tally, iter_lines, plural, tidy

_START = re.compile(r"\s*BEGIN:VCARD", re.IGNORECASE)
# Property names remembered for `ignored_columns`; more are not tracked.
_MAX_PROPERTIES = 1000
# field → the properties it is read from, in order of preference.
_FIELDS = (
    ("name", ("FN", "N")),
    ("first", ("N",)),
    ("last", ("N",)),
    ("email", ("EMAIL",)),
    ("company", ("ORG",)),
    ("title", ("TITLE",)),
    ("linkedin", ("URL", "X-SOCIALPROFILE")),
    ("labels", ("CATEGORIES",)),
    ("note", ("NOTE",)),
)
_USED = frozenset(p for _, props in _FIELDS for p in props) | {"VERSION"}


def is_vcard(text: str) -> bool:
    return _START.match(text) is not None


def _chunks(text: str) -> Iterator[tuple[str, int, str]]:
    """('card', first line, text), ('unclosed', first line, ''), ('outside', line, '')."""
    card: list[str] | None = None
    start = 0
    for number, line in enumerate(iter_lines(text), 1):
        key = line.strip().upper()
        if key == "BEGIN:VCARD":
            if card is not None:
                yield "unclosed", start, ""
            card, start = [line], number
        elif card is not None:
            card.append(line)
            if key == "END:VCARD":
                yield "card", start, "".join(card)
                card = None
        elif key:
            yield "outside", number, ""
    if card is not None:
        yield "unclosed", start, ""


def _text(value: Any, sep: str = " ") -> str:
    """A property value as text: lists (ORG, CATEGORIES, parts of N) joined by `sep`."""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return sep.join(x for x in value if isinstance(x, str) and x)
    return ""


class _Card:
    def __init__(self, contents: Any, tally: Tally) -> None:
        self.contents = contents
        self.tally = tally

    def values(self, key: str) -> Iterator[Any]:
        for item in self.contents.get(key, ()):
            yield getattr(item, "value", None)

    def text(self, key: str, sep: str = " ") -> str:
        for value in self.values(key):
            if text := tidy(self.tally.cap(_text(value, sep))):
                return text
        return ""

    def name_parts(self) -> tuple[str, str, str]:
        for value in self.values("n"):
            parts = [getattr(value, a, "") for a in ("given", "additional", "family")]
            texts = [tidy(self.tally.cap(_text(p))) for p in parts]
            if any(texts):
                return texts[0], texts[1], texts[2]
        return "", "", ""

    def company(self) -> str:
        for value in self.values("org"):
            units = value if isinstance(value, list | tuple) else [value]
            for unit in units:
                if text := tidy(self.tally.cap(_text(unit))):
                    return text  # the organisation, not its department
        return ""


def _person(card: _Card, line: int) -> Person | None:
    given, additional, family = card.name_parts()
    display = card.text("fn")
    if not display:
        display = card.tally.cap(" ".join(x for x in (given, additional, family) if x))
    cap = card.tally.cap
    email = next(filter(None, (pick_email(cap(_text(v))) for v in card.values("email"))), None)
    urls = (v for key in ("url", "x-socialprofile") for v in card.values(key))
    linkedin = next(filter(None, (pick_linkedin(cap(_text(v))) for v in urls)), None)
    matching = match_name(display, bool(given or family))
    if not matching and email is None and linkedin is None:
        return None
    extra = {"labels": card.text("categories", ", "), "note": card.text("note")}
    return Person(
        name=display,
        match_name=matching,
        email=email,
        company=card.company() or None,
        title=card.text("title") or None,
        linkedin=linkedin,
        line=line,
        extra=MappingProxyType({k: v for k, v in extra.items() if v})
        if any(extra.values())
        else NO_EXTRA,
    )


def _reason(error: Exception) -> str:
    message = str(error).strip()
    if message.startswith("At line "):
        message = message.partition(": ")[2]  # vobject's line numbers are not the file's
    return f"malformed vCard: {tidy(message)[:120] or type(error).__name__}"


def read_vcards(
    text: str,
    source: str,
    encoding: str,
    warnings: tuple[str, ...],
    quota: Quota,
) -> ListFile:
    """The cards of a vCard file; `quota`: the people it may hold (see `read_table`)."""
    import vobject  # type: ignore[import-untyped]

    # What vobject raises on broken input, found by fuzzing it: its own errors,
    # bad base64 or quoted-printable (ValueError), unknown CHARSET (LookupError),
    # list-valued parameters (TypeError).
    errors = (vobject.base.VObjectError, ValueError, LookupError, TypeError, AttributeError)
    tally = Tally()
    people: list[Person] = []
    properties: dict[str, None] = {}
    outside = 0
    for kind, line, chunk in _chunks(text):
        if kind == "outside":
            outside += 1
            continue
        if kind == "unclosed":
            tally.skip(line, "malformed vCard: no END:VCARD")
            continue
        try:
            contents = vobject.readOne(chunk, allowQP=True).contents
        except errors as e:
            tally.skip(line, _reason(e))
            continue
        for key in contents:
            if len(properties) < _MAX_PROPERTIES:
                properties.setdefault(str(key).upper(), None)
        person = _person(_Card(contents, tally), line)
        if person is None:
            tally.skip(line, NO_PERSON)
        else:
            quota.take((person,), source)
            people.append(person)
    notes = list(warnings)
    if outside:
        notes.append(f"{plural(outside, 'line')} outside BEGIN:VCARD … END:VCARD ignored")
    notes.extend(tally.warnings())
    columns = {}
    for field, props in _FIELDS:
        found = next((p for p in props if p in properties), None)
        if found is not None:
            columns[field] = found
    ignored = [p for p in properties if p not in _USED][:MAX_IGNORED_COLUMNS]
    return ListFile(
        source=source,
        format="vcard",
        encoding=encoding,
        header_line=None,
        columns=columns,
        ignored_columns=tuple(ignored),
        people=tuple(people),
        skipped=tuple(tally.skipped),
        warnings=tuple(notes),
    )
