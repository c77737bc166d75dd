"""Which export a table is, where its header is, and which column holds what.

Everything is decided from the content (the header and the lines before it),
never from the file name, and columns are found by their header text, never by
position: exports reorder columns, and users re-save them.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from netplan.sources.lists.tally import iter_lines

DELIMITERS = (",", ";", "\t")
# The header is looked for in this many non-blank lines at the top of the file
# (LinkedIn puts three lines before it), within this many characters.
HEADER_SEARCH_LINES = 50
HEADER_SEARCH_CHARS = 256 * 1024

# Fields a column can fill. "email" and "linkedin" may come from several
# columns (the first valid value wins); every other field from the first column.
MULTI_FIELDS = frozenset({"email", "linkedin"})
PERSON_FIELDS = frozenset({"name", "first", "last", "email", "linkedin", "company"})


# Common header names, as `norm_header` writes them (case folded, "_" as a space).
def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(","))


_BASE: dict[str, tuple[str, ...]] = {
    "name": _names(
        "name, full name, fullname, display name, contact name, attendee name, guest name, "
        "member name"
    ),
    "first": _names(
        "first, first name, firstname, given name, givenname, forename, vorname, prénom, "
        "prenom, nombre, voornaam, nome"
    ),
    "middle": _names("middle, middle name, middlename, additional name"),
    "last": _names(
        "last, last name, lastname, surname, family name, familyname, nachname, nom, "
        "nom de famille, apellido, apellidos, achternaam, cognome"
    ),
    "email": _names(
        "email, e-mail, email address, e-mail address, emailaddress, mail, work email, "
        "business email, primary email, e-mail-adresse, courriel, adresse e-mail, "
        "adresse email, correo, correo electrónico"
    ),
    "company": _names(
        "company, company name, organization, organisation, employer, organization name, "
        "organisation name, account name, firma, unternehmen, société, societe, entreprise, "
        "empresa, bedrijf, azienda"
    ),
    "title": _names(
        "title, job title, jobtitle, position, role, job, job role, berufsbezeichnung, "
        "funktion, poste, fonction, cargo, functie, titel"
    ),
    "linkedin": _names(
        "linkedin, linkedin url, linkedin profile, linkedin profile url, profile url, linkedin link"
    ),
    "note": _names("notes, note"),
}

# Per format: header → field (None: never this field, whatever the common names say).
_FORMAT: dict[str, dict[str, str | None]] = {
    "linkedin": {"url": "linkedin", "connected on": "connected_on"},
    "luma": {"approval status": "status", "created at": "registered_on"},
    "eventbrite": {
        "attendee status": "status",
        "order date": "registered_on",
        "date": "registered_on",
    },
    # Meetup's "Title" is a role in the group (Organizer), not a job title.
    "meetup": {"rsvp": "status", "rsvped on": "registered_on", "title": None},
    "hubspot": {"associated company": "company", "associated company (primary)": "company"},
    "salesforce": {"account.name": "company", "company / account": "company"},
    "google": {
        "organization 1 - name": "company",
        "organization title": "title",
        "organization 1 - title": "title",
        "labels": "labels",
        "group membership": "labels",
    },
    # Outlook's "Title" is Mr./Ms.; the job is "Job Title".
    "outlook": {"title": None, "categories": "labels", "web page": "linkedin"},
    "csv": {},
}

# Attendee lists whose company and role come from custom questions, worded freely.
_QUESTION_WORDS = {
    "company": ("company", "organization", "organisation", "employer"),
    "title": ("title", "role", "position"),
}
_WORDS = re.compile(r"[^\W_]+")


def norm_header(cell: str) -> str:
    """A header as compared: no BOM, trimmed, case folded, "_" and runs of spaces as one space."""
    return " ".join(cell.replace("\ufeff", "").replace("_", " ").split()).casefold()


def _numbered(h: str, prefix: str, suffix: str) -> bool:
    """'e-mail 2 - value' for prefix 'e-mail ' and suffix ' - value'."""
    middle = h[len(prefix) : len(h) - len(suffix)]
    return h.startswith(prefix) and h.endswith(suffix) and middle.isdigit()


def _pattern_field(fmt: str, h: str) -> str | None:
    if _numbered(h, "e-mail ", " - value") or _numbered(h, "e-mail ", " address"):
        return "email"
    if _numbered(h, "email ", ""):
        return "email"
    if fmt in ("google", "outlook") and _numbered(h, "website ", " - value"):
        return "linkedin"  # kept only when it is a LinkedIn profile URL
    if "linkedin" in h:
        return "linkedin"
    return None


_ALIASES: dict[str, dict[str, str | None]] = {}
for _fmt, _extra in _FORMAT.items():
    _table: dict[str, str | None] = {h: f for f, names in _BASE.items() for h in names}
    _table.update(_extra)
    _ALIASES[_fmt] = _table
_KNOWN = frozenset(h for table in _ALIASES.values() for h, f in table.items() if f)


def field_of(fmt: str, h: str) -> str | None:
    """The field a normalised header fills in a file of format `fmt`."""
    table = _ALIASES[fmt]
    if h in table:
        return table[h]
    return _pattern_field(fmt, h)


def _has_numbered(headers: set[str], prefix: str, suffix: str) -> bool:
    return any(_numbered(h, prefix, suffix) for h in headers)


def detect_format(headers: Iterable[str]) -> str:
    """The export a header row comes from, by the columns only that export has."""
    h = set(headers)
    if "api id" in h and h & {"approval status", "qr code url", "checked in at"}:
        return "luma"
    attendee_no = h & {"attendee #", "attendee no.", "attendee no", "attendee number"}
    order = {"order #", "order no.", "order no", "order number", "attendee status", "qty"}
    if attendee_no and h & (order | {"quantity", "ticket type", "total paid"}):
        return "eventbrite"
    if "rsvp" in h and h & {"user id", "url of member profile", "rsvped on"}:
        return "meetup"
    if "connected on" in h and h & {"first name", "last name"}:
        return "linkedin"
    if any(x == "record id" or x.startswith("record id ") for x in h):
        return "hubspot"
    if (
        _has_numbered(h, "e-mail ", " - value")
        or "group membership" in h
        or ("labels" in h and h & {"organization name", "file as", "phonetic first name"})
    ):
        return "google"
    if "e-mail address" in h and h & {"middle name", "suffix", "e-mail display name"}:
        return "outlook"
    if h & {"account name", "account.name", "accountid", "company / account"} or (
        {"firstname", "lastname"} <= h
    ):
        return "salesforce"
    return "csv"


@dataclass(frozen=True, slots=True)
class Columns:
    """Which cell of a row fills which field: one index, or several for MULTI_FIELDS."""

    single: dict[str, int]
    multi: dict[str, tuple[int, ...]]
    ignored: tuple[int, ...]

    def named(self, header: list[str]) -> dict[str, str]:
        """field → the header it came from (the first one, for a multi-column field)."""
        out = {f: header[i] for f, i in self.single.items()}
        out.update({f: header[ix[0]] for f, ix in self.multi.items()})
        return {f: out[f] for f in sorted(out, key=_FIELD_ORDER.index)}


_FIELD_ORDER = [
    "name",
    "first",
    "middle",
    "last",
    "email",
    "company",
    "title",
    "linkedin",
    "connected_on",
    "status",
    "registered_on",
    "labels",
    "note",
]


def _question_field(field: str, h: str) -> bool:
    words = _WORDS.findall(h)
    return any(w in words for w in _QUESTION_WORDS[field])


def map_columns(fmt: str, header: list[str]) -> Columns:
    """Assign each header cell to a field, by its name."""
    norm = [norm_header(c) for c in header]
    single: dict[str, int] = {}
    multi: dict[str, list[int]] = {}
    for i, h in enumerate(norm):
        field = field_of(fmt, h)
        if field is None:
            continue
        if field in MULTI_FIELDS:
            multi.setdefault(field, []).append(i)
        else:
            single.setdefault(field, i)
    # German exports: "Vorname" + "Name" means first name + surname.
    german = "first" in single and norm[single["first"]] == "vorname"
    if german and "name" in single and "last" not in single:
        single["last"] = single.pop("name")
    if fmt in ("luma", "eventbrite"):
        # Company and role come from custom questions: "What is your company?".
        for field in ("company", "title"):
            if field not in single:
                taken = set(single.values())
                for i, h in enumerate(norm):
                    if i not in taken and _question_field(field, h):
                        single[field] = i
                        break
    used = set(single.values()) | {i for ix in multi.values() for i in ix}
    ignored = tuple(i for i, h in enumerate(norm) if h and i not in used)
    return Columns(single, {f: tuple(ix) for f, ix in multi.items()}, ignored)


def names_person(fields: Iterable[str]) -> bool:
    return bool(PERSON_FIELDS.intersection(fields))


@dataclass(frozen=True, slots=True)
class HeaderGuess:
    index: int  # 0-based physical line
    delimiter: str
    cells: list[str]
    score: int


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def _score(cells: list[str]) -> int:
    seen = set()
    for c in cells:
        h = norm_header(c)
        if h in _KNOWN or _pattern_field("google", h):
            seen.add(h)
    return len(seen)


def find_header(text: str) -> tuple[HeaderGuess | None, HeaderGuess | None]:
    """(the best header line, the first non-blank line), searched at the top of `text`.

    The best header is the line with the most known header names (at least one
    naming a person or a company), read with the delimiter that finds the most;
    ties go to the earlier line, then to comma, semicolon, tab.
    """
    best: HeaderGuess | None = None
    first: HeaderGuess | None = None
    lines = iter_lines(text[:HEADER_SEARCH_CHARS])
    candidates = ((i, ln) for i, ln in enumerate(lines) if ln.strip())
    for index, line in itertools.islice(candidates, HEADER_SEARCH_LINES):
        guesses = []
        for d in DELIMITERS:
            cells = _split(line, d)
            guesses.append(HeaderGuess(index, d, cells, _score(cells)))
        top = max(guesses, key=lambda g: (g.score, len(g.cells)))
        if first is None:
            first = max(guesses, key=lambda g: len(g.cells))
        if top.score and (best is None or top.score > best.score):
            columns = map_columns(detect_format(map(norm_header, top.cells)), top.cells)
            if names_person(itertools.chain(columns.single, columns.multi)):
                best = top
    return best, first
