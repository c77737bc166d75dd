"""Contact lists: names, dates, emails, encodings, delimiters, limits and refusals."""

from __future__ import annotations

import codecs
import csv
import io

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from netplan.errors import InputError
from netplan.model.identity import keys_of
from netplan.sources.lists import (
    MAX_FIELD_CHARS,
    MAX_LIST_BYTES,
    MAX_SKIPPED,
    ListFile,
    parse_list,
    read_list_file,
)
from netplan.sources.lists.csvformats import pick_email, pick_linkedin
from netplan.sources.lists.dates import iso_date
from netplan.sources.lists.names import match_name, split_last_first, unchanged_by_match_name


def problem_of(data: bytes, **kwargs: int) -> tuple[str, int | None]:
    with pytest.raises(InputError) as caught:
        parse_list(data, "list.csv", **kwargs)
    [problem] = caught.value.problems
    assert caught.value.source == "list.csv"
    return problem.message, problem.line


# Names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dana Lee, CPA", "Dana Lee"),
        ("Dana Lee, CPA, MBA", "Dana Lee"),
        ("Dana Lee, Ph.D.", "Dana Lee"),
        ("Dana Lee, CSCP", "Dana Lee"),  # unfamiliar capitals after a full name
        ("Lena Voss, PhD, MBA (She/Her)", "Lena Voss"),
        ("Tomás Herrera (He/Him)", "Tomás Herrera"),
        ("Dana Lee [they/them]", "Dana Lee"),
        ("Jane (JJ) Doe", "Jane Doe"),
        ("Priya Raman \U0001f680", "Priya Raman"),
        ("\U0001f469\U0001f3fd\u200d\U0001f4bb Ana Ruiz \u2728", "Ana Ruiz"),
        ("Noor Haddad \U0001f1fa\U0001f1f8", "Noor Haddad"),
        ("  Marcus   Oyelaran ", "Marcus Oyelaran"),
        ("Marcus\u00a0Oyelaran", "Marcus Oyelaran"),
        ("Dr. Dana Lee", "Dana Lee"),
        ("Dr Lee", "Dr Lee"),  # a one-word rest is not stripped of its title
        ("Dana Lee |", "Dana Lee"),
        ("Lee, DANA", "Lee, DANA"),  # "Last, First" in capitals: not a credential
        ("Dana Lee, Sales at Acme", "Dana Lee, Sales at Acme"),
        ("José Álvarez", "José Álvarez"),
        ("\U0001f680", ""),
    ],
)
def test_match_name(name: str, expected: str) -> None:
    assert match_name(name) == expected


def test_match_name_of_a_surname_column_drops_any_credential() -> None:
    assert match_name("Whitfield, CCXP", known_name=True) == "Whitfield"
    assert match_name("Whitfield, CCXP") == "Whitfield, CCXP"


def test_match_name_keeps_control_characters() -> None:
    assert match_name("Dana\x1b[31m Lee") == "Dana\x1b[31m Lee"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Whitfield, Dana", ("Dana", "Whitfield")),
        ("de la Cruz, María José", ("María José", "de la Cruz")),
        ("Lee, CPA", None),
        ("Dana Lee, PhD", None),
        ("Dana Lee", None),
        ("Lee, Dana, Ann", None),
        ("Acme, Inc. 2024", None),
        ("dana@example.com, x", None),
        ("A B C D, Dana", None),
    ],
)
def test_split_last_first(cell: str, expected: tuple[str, str] | None) -> None:
    assert split_last_first(cell) == expected


def test_a_name_column_in_last_first_order() -> None:
    data = b'Name,Email\n"Whitfield, Dana",\n"Herrera (He/Him), Tom\xc3\xa1s",\n'
    got = [(p.name, p.match_name) for p in parse_list(data, "x.csv").people]
    assert got == [("Dana Whitfield", "Dana Whitfield"), ("Tomás Herrera", "Tomás Herrera")]


# Dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30 May 2024", "2024-05-30"),
        ("09 Sep 2022", "2022-09-09"),
        ("9 September 2022", "2022-09-09"),
        ("1/8/18, 6:14 PM", "2018-01-08"),
        ("12/21/17, 9:02 AM", "2017-12-21"),
        ("21/12/2017", "2017-12-21"),  # cannot be month first
        ("30.05.2024", "2024-05-30"),
        ("05.06.2024", "2024-06-05"),  # dotted: day first
        ("05/06/2024", "2024-05-06"),  # slashed: month first
        ("9-Sep-22", "2022-09-09"),
        ("30-May-99", "1999-05-30"),
        ("1/8/70", "1970-01-08"),  # a two-digit year of 70 or more is 19xx
        ("May 30, 2024", "2024-05-30"),
        ("Sept 3rd, 2024", "2024-09-03"),
        ("2024-05-30", "2024-05-30"),
        ("2024-05-11T18:04:05.123Z", "2024-05-11"),
        ("2024-09-12 14:03:51-07:00", "2024-09-12"),
        ("2024/05/30", "2024-05-30"),
        (" 30 May 2024 ", "2024-05-30"),
        ("31 Feb 2024", None),
        ("30 Mayo 2024", None),
        ("13/13/2024", None),
        ("yesterday", None),
        ("", None),
        ("2024-13-45", None),
        ("9" * 100, None),
    ],
)
def test_iso_date(text: str, expected: str | None) -> None:
    assert iso_date(text) == expected


# Emails and profile URLs


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("dana@example.com", "dana@example.com"),
        ("  Dana.Lee@Example.com ", "Dana.Lee@Example.com"),
        ("mailto:dana@example.com", "dana@example.com"),
        ("urn:li:member:12345", None),
        ("Dana Lee <dana@example.com>", "dana@example.com"),
        ("dana@example.com ::: dana@example.org", "dana@example.com"),
        ("not-an-email; dana@example.org", "dana@example.org"),
        ("dana@localhost", None),
        ("", None),
    ],
)
def test_pick_email(cell: str, expected: str | None) -> None:
    assert pick_email(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("https://www.linkedin.com/in/dana-lee/", "https://www.linkedin.com/in/dana-lee/"),
        ("linkedin.com/in/dana-lee", "linkedin.com/in/dana-lee"),
        ("see https://uk.linkedin.com/in/dana", "https://uk.linkedin.com/in/dana"),
        ("https://www.linkedin.com/company/acme", None),
        ("https://www.meetup.com/members/201234567/", None),
        ("@dana", None),
    ],
)
def test_pick_linkedin(cell: str, expected: str | None) -> None:
    assert pick_linkedin(cell) == expected


# Encodings


def test_utf16_with_a_bom_little_and_big_endian() -> None:
    text = "Full Name\tEmail\r\nSiobhán Kelleher\tsiobhan@example.ie\r\n"
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        listing = parse_list(bom + text.encode(codec), "x.txt")
        assert (listing.encoding, listing.warnings) == ("utf-16", ())
        assert [(p.line, p.name) for p in listing.people] == [(2, "Siobhán Kelleher")]


def test_utf16_without_a_bom_is_read_with_a_warning() -> None:
    data = "Name,Email\nDana Lee,d@example.com\n".encode("utf-16-le")
    listing = parse_list(data, "x.csv")
    assert listing.encoding == "utf-16-le"
    assert listing.warnings == ("decoded as UTF-16-LE (no byte order mark)",)
    assert [p.name for p in listing.people] == ["Dana Lee"]


def test_broken_utf16_is_refused_with_its_line() -> None:
    data = codecs.BOM_UTF16_LE + "Name\nDana\n".encode("utf-16-le") + b"\x00\xd8A\x00"
    message, line = problem_of(data)
    assert message.startswith("not valid UTF-16")
    assert line == 3


def test_a_nul_character_in_utf16_is_binary() -> None:
    data = codecs.BOM_UTF16_LE + "Name\nDa\x00na\n".encode("utf-16-le")
    message, line = problem_of(data)
    assert message.startswith("binary data, not a text list: a NUL character")
    assert line == 2


def test_utf8_with_and_without_bom() -> None:
    body = "Name,Email\nTomás Herrera,t@example.org\n".encode()
    assert parse_list(body, "x.csv").encoding == "utf-8"
    with_bom = parse_list(codecs.BOM_UTF8 + body, "x.csv")
    assert with_bom.encoding == "utf-8-sig"
    assert with_bom.columns == {"name": "Name", "email": "Email"}
    assert with_bom.people[0].name == "Tomás Herrera"


def test_cp1252_bytes_are_decoded_with_a_warning() -> None:
    data = b"Name,Company\nDana Lee,Acme\n\xc9lodie Marchand,Soci\xe9t\xe9 \x80 Co\n"
    listing = parse_list(data, "x.csv")
    assert listing.encoding == "cp1252"
    assert listing.warnings == ("decoded as cp1252 (not UTF-8): byte 0xc9 on line 3 is not UTF-8",)
    assert [(p.name, p.company) for p in listing.people][1] == ("Élodie Marchand", "Société € Co")


def test_a_utf8_file_with_some_cp1252_lines_keeps_its_utf8() -> None:
    data = (
        "Name,Company\nTomás Herrera,Société\n".encode()
        + b"\xc9lodie Marchand,Acme\n"
        + "Zoë Brandt,Müller KG\n".encode()
    )
    listing = parse_list(data, "x.csv")
    assert listing.encoding == "utf-8"
    assert [(p.name, p.company) for p in listing.people] == [
        ("Tomás Herrera", "Société"),
        ("Élodie Marchand", "Acme"),
        ("Zoë Brandt", "Müller KG"),
    ]
    assert listing.warnings == (
        "decoded as cp1252 (not UTF-8) on 1 line, the first is line 3; the rest is UTF-8",
    )


def test_cp1252_undefined_bytes_do_not_fail() -> None:
    listing = parse_list(b"Name\nDana\x81 Lee\n", "x.csv")
    assert listing.people[0].name == "Dana\x81 Lee"


# Refusals


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t", codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_empty_file(data: bytes) -> None:
    assert problem_of(data) == ("empty file: no header and no rows", None)


def test_binary_data_with_nul_bytes_is_refused_at_its_line() -> None:
    message, line = problem_of(b"Name,Email\nDana,d@example.com\n\x00\x01\x02\x03")
    assert message.startswith("binary data, not a text list: a NUL byte at offset 30")
    assert line == 3


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive (an .xlsx or .numbers workbook?)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "an Excel .xls workbook"),
        (b"%PDF-1.7\n", "a PDF document"),
    ],
)
def test_workbooks_and_documents_are_refused_by_name(data: bytes, what: str) -> None:
    message, line = problem_of(data)
    assert message.startswith(f"binary data, not a text list: {what}")
    assert line == 1


def test_mostly_control_characters_is_binary() -> None:
    message, _ = problem_of(b"Name\n" + b"\x01\x02\x03abc\n" * 100)
    assert message.startswith("binary data, not a text list: 300 control characters")


@pytest.mark.parametrize(
    ("data", "at_line"),
    [
        (bytes(range(0x80, 0x100)) * 20, 1),
        # Some UTF-8, then a line of what cannot be cp1252 text either.
        ("Name\nTomás\n".encode() + bytes(range(0x80, 0x100)) * 20, 3),
    ],
)
def test_mostly_high_bytes_that_are_not_utf8_is_refused(data: bytes, at_line: int) -> None:
    message, line = problem_of(data)
    assert message.startswith("not text in an encoding netplan can read")
    assert line == at_line


def test_file_over_the_size_cap() -> None:
    assert MAX_LIST_BYTES == 64 * 1024 * 1024
    message, line = problem_of(b"Name\nDana Lee\n", max_bytes=8)
    assert (message, line) == (
        "file is larger than the 8-byte limit for a contact or attendee list",
        None,
    )


def test_read_list_file_caps_the_read(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "big.csv"
    path.write_bytes(b"Name\n" + b"Dana Lee\n" * 10)
    assert read_list_file(path) == path.read_bytes()
    with pytest.raises(InputError, match="larger than the 20-byte limit"):
        read_list_file(path, max_bytes=20)
    with pytest.raises(InputError, match="no such file"):
        read_list_file(path.with_name("missing.csv"))
    with pytest.raises(InputError, match="is a directory"):
        read_list_file(path.parent)


def test_a_header_that_names_no_person_or_company() -> None:
    data = b"\n\nfoo,bar,baz\n1,2,3\n"
    message, line = problem_of(data)
    assert line == 3
    assert message.startswith("no header naming a person or a company: found 'foo', 'bar', 'baz';")
    assert "expected one of: name, full name, first name + last name, email," in message


def test_the_no_header_message_shows_ten_headers_cut_short() -> None:
    header = ",".join(f"column {i} " + "x" * 60 for i in range(25))
    message, line = problem_of(f"{header}\n1,2\n".encode())
    assert line == 1
    found = message.split("found ", 1)[1].split("; expected", 1)[0]
    assert found.count("'") == 20  # ten headers, quoted
    assert f"'column 0 {'x' * 30}…'" in found  # 40 characters with the ellipsis
    assert found.endswith("… (15 more)")


def test_no_header_near_the_top() -> None:
    data = b"\n" * 300_000 + b"Name\nDana Lee\n"
    assert problem_of(data) == ("no header: the first 262,144 characters are blank lines", None)


def test_a_header_with_only_a_company_column_is_accepted() -> None:
    listing = parse_list(b"Company\nAcme\n", "x.csv")
    assert listing.columns == {"company": "Company"}
    assert [(s.line, s.reason) for s in listing.skipped] == [(2, "no name, email or LinkedIn URL")]


# Delimiters and headers


def test_semicolons_as_excel_writes_them_in_europe() -> None:
    data = b'Name;E-Mail;Firma\r\n"M\xfcller, J\xfcrgen";j@example.de;"Acme; Co"\r\n'
    listing = parse_list(data, "x.csv")
    assert listing.columns == {"name": "Name", "email": "E-Mail", "company": "Firma"}
    [p] = listing.people
    assert (p.name, p.email, p.company) == ("Jürgen Müller", "j@example.de", "Acme; Co")


def test_tabs() -> None:
    listing = parse_list(b"Email\tName\tCompany, Inc\nd@example.com\tDana Lee\tAcme, Inc\n", "x")
    assert listing.columns == {"name": "Name", "email": "Email"}
    assert listing.people[0].name == "Dana Lee"


def test_header_names_ignore_case_spaces_and_a_bom() -> None:
    data = "\ufeff  EMAIL address ,first NAME,  Last_Name\nd@example.com,Dana,Lee\n".encode()
    listing = parse_list(data, "x.csv")
    assert listing.columns == {"first": "first NAME", "last": "Last_Name", "email": "EMAIL address"}
    assert listing.people[0].name == "Dana Lee"


def test_a_bom_that_is_not_at_the_start_of_the_file() -> None:
    for data in (
        b"Attendees\n\xef\xbb\xbfName,Email\nDana Lee,d@example.com\n",
        b"\xef\xbb\xbf\xef\xbb\xbfName,Email\nDana Lee,d@example.com\n",  # saved twice
    ):
        listing = parse_list(data, "x.csv")
        assert listing.columns == {"name": "Name", "email": "Email"}
        assert [p.name for p in listing.people] == ["Dana Lee"]


def test_header_found_after_a_title_line() -> None:
    data = b"Attendees for the Spring Mixer\n\nName,Email\nDana Lee,d@example.com\n"
    listing = parse_list(data, "x.csv")
    assert listing.header_line == 3
    assert [(p.line, p.name) for p in listing.people] == [(4, "Dana Lee")]


# Rows


def test_ragged_rows_are_read_by_header_and_counted() -> None:
    data = b"Name,Email,Company\nDana Lee,d@example.com\nTom Lee,t@example.com,Acme,extra\n"
    listing = parse_list(data, "x.csv")
    assert [(p.name, p.email, p.company) for p in listing.people] == [
        ("Dana Lee", "d@example.com", None),
        ("Tom Lee", "t@example.com", "Acme"),
    ]
    assert listing.warnings == ("2 rows had too many or too few cells; read by header",)


def test_blank_lines_and_rows_of_empty_cells_are_not_skips() -> None:
    listing = parse_list(b"Name,Email\n\nDana Lee,\n,\n  ,  \n\nTom Lee,\n", "x.csv")
    assert [(p.line, p.name) for p in listing.people] == [(3, "Dana Lee"), (7, "Tom Lee")]
    assert (listing.skipped, listing.warnings) == ((), ())


def test_line_numbers_with_cr_endings_and_odd_breaks_inside_cells() -> None:
    data = b'Name,Note\rDana Lee,"a\rb"\rTom\x0cLee,x\xe2\x80\xa8\r\n\xe2\x80\xa8Ann Poe,y\n'
    listing = parse_list(data, "x.csv")
    # Lone CR ends a line; form feed and U+2028 do not.
    assert [(p.line, p.name) for p in listing.people] == [
        (2, "Dana Lee"),
        (4, "Tom\x0cLee"),
        (5, "\u2028Ann Poe"),
    ]


def test_control_characters_are_kept_as_they_are() -> None:
    listing = parse_list(b"Name,Company\n\x1b[31mDana Lee,Acme\x07\n", "x.csv")
    assert (listing.people[0].name, listing.people[0].company) == ("\x1b[31mDana Lee", "Acme\x07")


def test_text_fields_are_cut_to_200_characters_and_counted() -> None:
    long = "x" * 5000
    data = f"Name,Company,Title\nDana {long},{long},ok\n".encode()
    listing = parse_list(data, "x.csv")
    person = listing.people[0]
    assert len(person.name) == len(person.company or "") == MAX_FIELD_CHARS == 200
    assert listing.warnings == ("2 values longer than 200 characters were cut to 200",)


def test_a_cell_longer_than_the_csv_module_default_limit() -> None:
    assert csv.field_size_limit() <= MAX_LIST_BYTES
    data = b'Name,Note\nDana Lee,"' + b"n" * 300_000 + b'"\n'
    listing = parse_list(data, "x.csv")
    assert listing.people[0].extra == {"note": "n" * 200}


def test_skipped_rows_are_listed_up_to_a_cap_and_counted() -> None:
    data = b"Name,Company\n" + b",Acme\n" * 250
    listing = parse_list(data, "x.csv")
    assert len(listing.skipped) == MAX_SKIPPED == 100
    assert listing.skipped[0].line == 2
    assert listing.skipped[-1].line == 101
    assert listing.warnings == ("250 rows skipped; only the first 100 are listed",)


def test_many_statuses_are_summarised_in_a_bounded_warning() -> None:
    rows = "".join(f"gst-{i},Guest {i},g{i}@example.com,status{i}\n" for i in range(40))
    data = ("api_id,name,email,approval_status\n" + rows).encode()
    [warning] = parse_list(data, "x.csv").warnings
    assert warning.startswith("40 guests are not approved: 28 other, 1 status0, 1 status1")
    assert warning.count(",") == 12


def test_an_open_quote_is_reported() -> None:
    data = b'Name,Email\n"Dana Lee,d@example.com\n' + b"Tom,t@example.com\n" * 150
    listing = parse_list(data, "x.csv")
    assert "the row on line 2 spans 151 lines: a quote may be left open" in listing.warnings


def test_a_header_without_rows() -> None:
    listing = parse_list(b"Name,Email\n", "x.csv")
    assert (listing.people, listing.warnings) == ((), ("no rows after the header",))


# Any bytes at all


def parse_or_refuse(data: bytes, source: str) -> ListFile | None:
    """The list, or None when it is refused with one InputError problem."""
    try:
        return parse_list(data, source)
    except InputError as e:
        problems = e.problems
    assert len(problems) == 1
    return None


def _check(listing: ListFile | None, data: bytes) -> None:
    if listing is None:
        return
    lines = data.count(b"\n") + data.count(b"\r") + 1
    for person in listing.people:
        assert 1 <= person.line <= lines
        assert len(person.name) <= MAX_FIELD_CHARS
        assert person.name or person.email or person.linkedin
    assert len(listing.skipped) <= MAX_SKIPPED


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_parse_or_raise_input_error(data: bytes) -> None:
    _check(parse_or_refuse(data, "fuzz.csv"), data)


_CELL = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=30)


@settings(max_examples=100, deadline=None)
@given(
    header=st.sampled_from(
        [
            "Name,Email",
            "First Name;Last Name;Company",
            "Name\tRSVP\tUser ID",
            "api_id,name,approval_status",
        ]
    ),
    rows=st.lists(st.lists(_CELL, max_size=5), max_size=12),
    delimiter=st.sampled_from([",", ";", "\t", '"']),
    ending=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_arbitrary_rows_under_a_real_header(
    header: str, rows: list[list[str]], delimiter: str, ending: str
) -> None:
    text = header + ending + "".join(delimiter.join(r) + ending for r in rows)
    data = text.encode()
    _check(parse_or_refuse(data, "fuzz.csv"), data)


def test_spaces_around_plain_cells_are_trimmed() -> None:
    listing = parse_list(b"Name,Company,Title\n Dana Lee ,  Acme , VP\r\n", "x.csv")
    person = listing.people[0]
    assert (person.name, person.company, person.title) == ("Dana Lee", "Acme", "VP")


def test_a_full_name_with_first_or_last_known_drops_an_unfamiliar_credential() -> None:
    # One word before the comma: only a known name makes "XYZW" a credential.
    listing = parse_list(b'Name,First Name,Last Name\n"Prince, XYZW",Prince,\n', "x.csv")
    assert listing.people[0].match_name == "Prince"


@example("Dr Dana Lee", False)
@example("mrs. Dana Lee", True)
@example("Prof Dana Lee-Poe", False)
@given(st.text(alphabet="abDdMmPpRrSsXxOoFfIi .'-,(0\t\u00e9", max_size=12), st.booleans())
def test_names_recognised_as_unchanged_are_unchanged(name: str, known: bool) -> None:
    if unchanged_by_match_name(name):
        assert match_name(name, known) == name


def test_a_list_of_accounts_keeps_rows_that_name_only_a_company_in_their_place() -> None:
    data = b"Name,Company\n,Globex\nDana Lee,Acme\n,\n,Initech\n"
    read = parse_list(data, "x.csv", accounts=True)
    assert [(p.line, p.name, p.company) for p in read.people] == [
        (2, "", "Globex"),
        (3, "Dana Lee", "Acme"),
        (5, "", "Initech"),
    ]
    plain = parse_list(data, "x.csv")
    assert [p.line for p in plain.people] == [3]
    assert [s.line for s in plain.skipped] == [2, 5]


# Cells near the edges of what a reader keys without the general functions: spacing,
# case, accents, prefixes, credentials, several values.
_PIECES = st.sampled_from(
    [
        "Dana",
        "LEE",
        "josé",
        "O'Brien",
        "Dr ",
        "-",
        ".",
        ",",
        " ",
        "  ",
        "\t",
        "@",
        "x.io",
        "mailto:",
        "https://",
        "www.",
        "uk.",
        "linkedin.com/in/",
        "dana-lee",
        "/",
        "?x=1",
        "%C3%A9",
        "\uff21",
        " CPA",
        "(she/her)",
        "",
    ]
)
_CELLS = st.lists(_PIECES, max_size=6).map("".join)


@example([("Dana LEE", "Dana.LEE@X.io", "https://www.LinkedIn.com/in/Dana-LEE/", "Acme")])
@example([("Dana", "", "linkedin.com/\u0131n/dana", ""), ("", "", "li\u212aedin.com/in/d", "")])
@example([("Dr Dana Lee, CPA", " mailto:d@x.io", "uk.linkedin.com/in/d?x=1", "ACME Inc.")])
@given(st.lists(st.tuples(_CELLS, _CELLS, _CELLS, _CELLS), min_size=1, max_size=8))
def test_a_readers_keys_are_the_keys_of_what_it_read(rows: list[tuple[str, ...]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Name", "Email", "LinkedIn URL", "Company"])
    writer.writerows(rows)
    for p in parse_list(out.getvalue().encode(), "x.csv").people:
        assert p.keys == keys_of(p.match_name, p.email, p.linkedin, p.company)


@pytest.mark.parametrize("lookalike", ["l\u0131nkedin", "l\u0130nkedin"])
def test_a_url_with_a_letter_that_only_folds_to_ascii_is_not_a_profile(lookalike: str) -> None:
    data = f"Name,LinkedIn URL\n,https://www.{lookalike}.com/in/dana\n".encode()
    listing = parse_list(data, "x.csv")
    assert listing.people == ()
    assert [(s.line, s.reason) for s in listing.skipped] == [(2, "no name, email or LinkedIn URL")]


def test_every_long_cell_read_is_counted_as_cut_even_in_a_row_that_is_skipped() -> None:
    long = "x" * 201
    listing = parse_list(f"Name,Email,Title\nDana Lee,,VP\n,,{long}\n".encode(), "x.csv")
    assert [s.line for s in listing.skipped] == [3]
    assert listing.warnings == ("1 value longer than 200 characters was cut to 200",)


# Lines are split a piece at a time (tally._PIECE characters): never a line or a CRLF
# cut in two, whatever falls at a piece's end.


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ab\r\n", max_size=60), piece=st.integers(1, 8))
@example(text="ab\r\nab", piece=3)  # a CRLF across the piece's end
@example(text="a\rb\ra", piece=2)  # CR endings only
@example(text="aaaaaaaaa\nb", piece=2)  # a line longer than the piece
def test_lines_split_in_pieces_are_the_lines_of_the_whole(text: str, piece: int) -> None:
    from netplan.sources.lists import tally

    original = tally._PIECE
    tally._PIECE = piece
    try:
        assert list(tally.iter_lines(text)) == text.splitlines(keepends=True)
    finally:
        tally._PIECE = original
