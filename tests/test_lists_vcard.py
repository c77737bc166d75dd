"""vCard files: 2.1 (Android), 3.0 (Google, iCloud) and 4.0, one card at a time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from netplan.errors import InputError
from netplan.sources.lists import ListFile, parse_list

FIXTURES = Path(__file__).parent / "fixtures" / "lists"


def load(name: str) -> ListFile:
    return parse_list((FIXTURES / name).read_bytes(), name)


def test_android_vcard_21_with_quoted_printable_names() -> None:
    listing = load("contacts_android.vcf")
    assert (listing.format, listing.encoding, listing.header_line) == ("vcard", "utf-8", None)
    got = [(p.line, p.name, p.email, p.company, p.title) for p in listing.people]
    assert got == [
        (1, "Tomás Herrera", "tomas@example.org", "Globex", "Solutions Engineer"),
        (10, "Priya Raman", "priya.raman@example.com", None, None),
    ]
    assert listing.ignored_columns == ("TEL",)
    assert (listing.skipped, listing.warnings) == ((), ())


def test_google_vcard_30_groups_escapes_folding_and_extras() -> None:
    listing = load("contacts_google.vcf")
    dana = listing.people[0]
    assert (dana.line, dana.name, dana.email) == (1, "Dana Whitfield", "dana@example.com")
    assert (dana.company, dana.title) == ("Acme Analytics", "VP of Sales, North America")
    assert dana.linkedin == "https://www.linkedin.com/in/dana-whitfield-4b1a2c"
    assert dana.extra == {
        "labels": "Customers, VIP",
        "note": "Met at SaaStr\nAsked about the pilot, call back in May",
    }
    marcus = listing.people[1]
    assert marcus.name == "Marcus Oyelaran with a very long name folded onto a second line"
    assert listing.columns == {
        "name": "FN",
        "first": "N",
        "last": "N",
        "email": "EMAIL",
        "company": "ORG",
        "title": "TITLE",
        "linkedin": "URL",
        "labels": "CATEGORIES",
        "note": "NOTE",
    }
    assert set(listing.ignored_columns) == {"TEL", "X-ABLABEL"}


def test_a_malformed_card_is_skipped_and_the_others_are_read() -> None:
    listing = load("contacts_google.vcf")
    assert [(p.line, p.match_name) for p in listing.people] == [
        (1, "Dana Whitfield"),
        (16, "Marcus Oyelaran with a very long name folded onto a second line"),
        (28, ""),
        (41, "Lena Voss"),
    ]
    assert [(s.line, s.reason) for s in listing.skipped] == [
        (23, "malformed vCard: Failed to parse line: FN Broken Card Without A Colon"),
        (34, "no name, email or LinkedIn URL"),
    ]


def test_empty_fn_takes_the_name_from_n_and_never_from_the_email() -> None:
    people = load("contacts_google.vcf").people
    solo = people[2]
    assert (solo.name, solo.match_name, solo.email) == ("", "", "solo.contact@example.com")
    lena = people[3]
    assert (lena.name, lena.match_name) == ("Lena Voss", "Lena Voss")


def test_vcard_40_with_a_social_profile() -> None:
    listing = load("contacts_v4.vcf")
    [kenji] = listing.people
    assert kenji.linkedin == "https://www.linkedin.com/in/kenji-wh"
    assert (kenji.company, kenji.title) == ("Initech", "Engineering Manager")
    assert listing.columns["linkedin"] == "X-SOCIALPROFILE"


def test_unclosed_cards_and_lines_outside_cards() -> None:
    data = (
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Dana Lee\n"
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Tom Lee\nEND:VCARD\n"
        b"stray text\n\n"
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Ann Poe\n"
    )
    listing = parse_list(data, "x.vcf")
    assert [(p.line, p.name) for p in listing.people] == [(4, "Tom Lee")]
    assert [(s.line, s.reason) for s in listing.skipped] == [
        (1, "malformed vCard: no END:VCARD"),
        (10, "malformed vCard: no END:VCARD"),
    ]
    assert listing.warnings == ("1 line outside BEGIN:VCARD … END:VCARD ignored",)


def test_broken_encodings_inside_a_card_are_skips_not_crashes() -> None:
    data = (
        b"BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=NOPE;ENCODING=QUOTED-PRINTABLE:D=C3=A1na\nEND:VCARD\n"
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Ok Person\nPHOTO;ENCODING=b:!!!notbase64\nEND:VCARD\n"
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Tom Lee\nEND:VCARD\n"
    )
    listing = parse_list(data, "x.vcf")
    assert [p.name for p in listing.people] == ["Tom Lee"]
    assert [s.line for s in listing.skipped] == [1, 5]
    assert all(s.reason.startswith("malformed vCard: ") for s in listing.skipped)


def test_vcard_text_is_capped() -> None:
    data = (
        b"BEGIN:VCARD\nVERSION:3.0\nFN:" + b"D" * 500 + b"\nNOTE:" + b"n" * 500 + b"\nEND:VCARD\n"
    )
    listing = parse_list(data, "x.vcf")
    assert len(listing.people[0].name) == len(listing.people[0].extra["note"]) == 200
    assert listing.warnings == ("2 values longer than 200 characters were cut to 200",)


def test_only_vcards_load_vobject() -> None:
    code = (
        "import sys; from netplan.sources.lists import parse_list; "
        "parse_list(b'Name\\nDana Lee\\n', 'x.csv'); print('vobject' in sys.modules); "
        "parse_list(b'BEGIN:VCARD\\nFN:Dana\\nEND:VCARD\\n', 'x.vcf'); "
        "print('vobject' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
    assert out.stderr == ""


_GOOD = (FIXTURES / "contacts_google.vcf").read_text()


@settings(max_examples=60, deadline=None)
@given(cuts=st.lists(st.tuples(st.integers(0, len(_GOOD)), st.text(max_size=8)), max_size=6))
def test_mangled_vcards_parse_or_raise_input_error(cuts: list[tuple[int, str]]) -> None:
    text = _GOOD
    for at, insert in cuts:
        text = text[:at] + insert + text[at + 3 :]
    try:
        listing = parse_list(text.encode("utf-8", "surrogatepass"), "fuzz.vcf")
    except InputError as e:
        problems = e.problems
        listing = None
    if listing is None:
        assert len(problems) == 1
    else:
        assert all(len(p.name) <= 200 for p in listing.people)
