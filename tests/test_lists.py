"""Contact and attendee lists: each real export format, detected and read by header name.

The fixtures in tests/fixtures/lists/ are shaped like the real exports (headers,
preambles, quoting, encodings, line endings, footers) with made-up people.
More tests: test_lists_text.py (names, dates, encodings, limits, errors) and
test_lists_vcard.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netplan.sources.lists import ListFile, Person, load_list, parse_list

FIXTURES = Path(__file__).parent / "fixtures" / "lists"


def load(name: str) -> ListFile:
    return parse_list((FIXTURES / name).read_bytes(), name)


def by_name(listing: ListFile) -> dict[str, Person]:
    return {p.match_name: p for p in listing.people}


LINKEDIN = {
    "first": "First Name",
    "last": "Last Name",
    "email": "Email Address",
    "company": "Company",
    "title": "Position",
    "linkedin": "URL",
    "connected_on": "Connected On",
}
LINKEDIN_NO_URL = {k: v for k, v in LINKEDIN.items() if k != "linkedin"}
EVENTBRITE = {
    "first": "First Name",
    "last": "Last Name",
    "email": "Email",
    "company": "Company",
    "title": "Job Title",
    "status": "Attendee Status",
    "registered_on": "Order Date",
}
SALESFORCE = {
    "first": "First Name",
    "last": "Last Name",
    "email": "Email",
    "company": "Account Name",
    "title": "Title",
}

# fixture, format, encoding, header line, columns
DETECTED = [
    ("linkedin_2024.csv", "linkedin", "utf-8", 4, LINKEDIN),
    ("linkedin_2022.csv", "linkedin", "utf-8", 4, LINKEDIN_NO_URL),
    ("linkedin_2018.csv", "linkedin", "utf-8", 1, LINKEDIN_NO_URL),
    ("linkedin_excel_cp1252.csv", "linkedin", "cp1252", 1, LINKEDIN),
    (
        "luma_guests.csv",
        "luma",
        "utf-8-sig",
        1,
        {
            "name": "name",
            "first": "first_name",
            "last": "last_name",
            "email": "email",
            "company": "What is your company?",
            "title": "Job title",
            "linkedin": "LinkedIn profile",
            "status": "approval_status",
            "registered_on": "created_at",
        },
    ),
    (
        "luma_guests_reordered.csv",
        "luma",
        "utf-8-sig",
        1,
        {
            "name": "name",
            "first": "first_name",
            "last": "last_name",
            "email": "email",
            "company": "Organization",
            "title": "Your role",
            "status": "approval_status",
            "registered_on": "created_at",
        },
    ),
    ("eventbrite_us.csv", "eventbrite", "utf-8", 1, EVENTBRITE),
    ("eventbrite_uk.csv", "eventbrite", "utf-8", 1, {**EVENTBRITE, "last": "Surname"}),
    (
        "eventbrite_2013.csv",
        "eventbrite",
        "utf-8",
        1,
        {
            "first": "First Name",
            "last": "Last Name",
            "email": "Email",
            "company": "Company",
            "title": "Job Title",
            "registered_on": "Date",
        },
    ),
    (
        "meetup_attendees.xls",
        "meetup",
        "utf-8",
        1,
        {"name": "Name", "status": "RSVP", "registered_on": "RSVPed on", "note": "Notes"},
    ),
    (
        "hubspot_contacts.csv",
        "hubspot",
        "utf-8",
        1,
        {
            "first": "First Name",
            "last": "Last Name",
            "email": "Email",
            "company": "Associated Company",
            "title": "Job Title",
        },
    ),
    (
        "hubspot_company_name.csv",
        "hubspot",
        "utf-8",
        1,
        {
            "first": "First Name",
            "last": "Last Name",
            "email": "Email",
            "company": "Company Name",
            "title": "Job Title",
        },
    ),
    ("salesforce_report.csv", "salesforce", "utf-8", 1, SALESFORCE),
    ("salesforce_report_nofooter.csv", "salesforce", "utf-8", 1, SALESFORCE),
    (
        "salesforce_dataloader.csv",
        "salesforce",
        "utf-8",
        1,
        {
            "first": "FIRSTNAME",
            "last": "LASTNAME",
            "email": "EMAIL",
            "company": "ACCOUNT.NAME",
            "title": "TITLE",
        },
    ),
    (
        "salesforce_dataloader_accountid.csv",
        "salesforce",
        "utf-8",
        1,
        {"first": "FirstName", "last": "LastName", "email": "Email", "title": "Title"},
    ),
    (
        "google_contacts.csv",
        "google",
        "utf-8",
        1,
        {
            "first": "First Name",
            "middle": "Middle Name",
            "last": "Last Name",
            "email": "E-mail 1 - Value",
            "company": "Organization Name",
            "title": "Organization Title",
            "linkedin": "Website 1 - Value",
            "labels": "Labels",
            "note": "Notes",
        },
    ),
    (
        "google_contacts_legacy.csv",
        "google",
        "utf-8",
        1,
        {
            "name": "Name",
            "first": "Given Name",
            "middle": "Additional Name",
            "last": "Family Name",
            "email": "E-mail 1 - Value",
            "company": "Organization 1 - Name",
            "title": "Organization 1 - Title",
            "linkedin": "Website 1 - Value",
            "labels": "Group Membership",
            "note": "Notes",
        },
    ),
    (
        "outlook_contacts.csv",
        "outlook",
        "utf-8",
        1,
        {
            "first": "First Name",
            "middle": "Middle Name",
            "last": "Last Name",
            "email": "E-mail Address",
            "company": "Company",
            "title": "Job Title",
            "linkedin": "Web Page",
            "labels": "Categories",
            "note": "Notes",
        },
    ),
    (
        "excel_de_semicolon.csv",
        "csv",
        "cp1252",
        1,
        {
            "first": "Vorname",
            "last": "Name",
            "email": "E-Mail",
            "company": "Firma",
            "title": "Position",
        },
    ),
    (
        "unicode_text_utf16.txt",
        "csv",
        "utf-16",
        1,
        {"name": "Full Name", "email": "Email", "company": "Company", "title": "Job Title"},
    ),
    (
        "generic_contacts.csv",
        "csv",
        "utf-8",
        1,
        {
            "name": "Name",
            "email": "Email",
            "company": "Organization",
            "title": "Title",
            "linkedin": "LinkedIn URL",
        },
    ),
]


@pytest.mark.parametrize(("fixture", "fmt", "encoding", "header_line", "columns"), DETECTED)
def test_each_export_is_detected_with_its_columns(
    fixture: str, fmt: str, encoding: str, header_line: int, columns: dict[str, str]
) -> None:
    listing = load(fixture)
    assert (listing.format, listing.encoding, listing.header_line) == (fmt, encoding, header_line)
    assert listing.columns == columns
    assert listing.source == fixture


def test_every_fixture_is_in_the_detection_table() -> None:
    tested = {row[0] for row in DETECTED} | {p.name for p in FIXTURES.glob("*.vcf")}
    assert {p.name for p in FIXTURES.iterdir()} == tested


def test_load_list_reads_a_file_by_path() -> None:
    listing = load_list(FIXTURES / "linkedin_2018.csv")
    assert listing.source.endswith("linkedin_2018.csv")
    assert [p.name for p in listing.people] == ["Rafael Quintero", "Noor Haddad"]


# LinkedIn


def test_linkedin_2024_people_lines_and_hidden_members() -> None:
    listing = load("linkedin_2024.csv")
    got = [(p.line, p.name, p.match_name) for p in listing.people]
    assert got == [
        (5, "Dana Whitfield, CPA", "Dana Whitfield"),
        (6, "Tomás Herrera (He/Him)", "Tomás Herrera"),
        (8, "Priya Raman \U0001f680", "Priya Raman"),
        (9, "Marcus Oyelaran", "Marcus Oyelaran"),
        (10, "Lena Voss, PhD, MBA (She/Her)", "Lena Voss"),
        (12, "Kenji Watanabe-Hart", "Kenji Watanabe-Hart"),
    ]
    assert listing.warnings == (
        "3 hidden LinkedIn members left out: LinkedIn gives no name, email or profile for them",
    )
    assert listing.skipped == ()  # hidden members are counted, not listed
    assert listing.ignored_columns == ()


def test_linkedin_fields_urls_dates_and_urn_email() -> None:
    people = by_name(load("linkedin_2024.csv"))
    dana = people["Dana Whitfield"]
    assert dana.linkedin == "https://www.linkedin.com/in/dana-whitfield-4b1a2c"
    assert (dana.company, dana.title, dana.connected_on) == (
        "Acme Analytics",
        "VP of Sales",
        "2024-05-30",
    )
    assert (dana.status, dana.attending) == (None, True)
    assert people["Priya Raman"].email == "priya.raman@example.com"
    assert people["Priya Raman"].title == "Director, Partnerships"
    # LinkedIn writes urn:li:member:… in the email column for some members: not an email.
    assert people["Marcus Oyelaran"].email is None
    assert people["Kenji Watanabe-Hart"].company is None


def test_linkedin_2022_and_2018_dates() -> None:
    dates_2022 = [(p.line, p.connected_on) for p in load("linkedin_2022.csv").people]
    assert dates_2022 == [(5, "2022-09-09"), (6, "2022-08-23"), (7, "2022-08-01")]
    dates_2018 = [(p.line, p.connected_on) for p in load("linkedin_2018.csv").people]
    assert dates_2018 == [(2, "2018-01-08"), (3, "2017-12-21")]


def test_a_date_written_again_reads_the_same() -> None:
    """Dates are read once per distinct text (a list has few): every row still gets its own."""
    rows = ["Ann,Lee,30 May 2024", "Bo,Kim,9-Sep-22", "Cy,Ng,30 May 2024", "Di,Ox,9-Sep-22"]
    data = "First Name,Last Name,Connected On\n" + "\n".join(rows) + "\n"
    listing = parse_list(data.encode(), "c.csv")
    assert [p.connected_on for p in listing.people] == [
        "2024-05-30",
        "2022-09-09",
        "2024-05-30",
        "2022-09-09",
    ]


def test_linkedin_excel_resave_in_cp1252() -> None:
    listing = load("linkedin_excel_cp1252.csv")
    assert listing.warnings[0].startswith("decoded as cp1252 (not UTF-8)")
    assert "line 2" in listing.warnings[0]
    assert listing.warnings[1:] == (
        "1 hidden LinkedIn member left out: LinkedIn gives no name, email or profile for them",
    )
    got = [(p.line, p.name, p.match_name, p.connected_on, p.company) for p in listing.people]
    assert got == [
        (2, "Élodie Marchand", "Élodie Marchand", "2022-09-09", "Société Générale des Tests"),
        (3, "Renée Castillo, MBA", "Renée Castillo", "2024-05-30", "Adatum"),
    ]


def test_linkedin_columns_are_found_by_name_in_any_order() -> None:
    data = (
        b"Connected On,Company,Email Address,URL,Position,Last Name,First Name\n"
        b"30 May 2024,Acme,,https://www.linkedin.com/in/dana,VP,Whitfield,Dana\n"
    )
    listing = parse_list(data, "shuffled.csv")
    assert listing.format == "linkedin"
    [dana] = listing.people
    assert (dana.name, dana.company, dana.title, dana.connected_on) == (
        "Dana Whitfield",
        "Acme",
        "VP",
        "2024-05-30",
    )


def test_a_name_made_of_first_and_last_names_is_cleaned_for_matching() -> None:
    data = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ana \u2728,  Ruiz (she/her) ,https://www.linkedin.com/in/ana-ruiz,,,,1 Jan 2024\n"
    ).encode()
    [ana] = parse_list(data, "Connections.csv").people
    assert ana.match_name == "Ana Ruiz"
    assert ana.name == "Ana \u2728 Ruiz (she/her)"


# Attendee lists


def test_luma_guests_attending_only_when_approved() -> None:
    listing = load("luma_guests.csv")
    got = [(p.line, p.name, p.status, p.attending) for p in listing.people]
    assert got == [
        (2, "Dana Whitfield", "approved", True),
        (3, "Tomás Herrera", "declined", False),
        (4, "Priya Raman", "approved", True),
        # Priya's survey feedback spans two lines: Marcus starts on line 6.
        (6, "Marcus Oyelaran", "invited", False),
        (7, "Lena Voss", "pending_approval", False),
        (8, "Kenji Watanabe-Hart", "declined", False),
        (9, "Greta Lindqvist", "waitlist", False),
        (10, "Owen Pryce", "approved", True),
    ]
    assert listing.warnings == (
        "5 guests are not approved: 2 declined, 1 invited, 1 pending_approval, 1 waitlist",
    )


def test_luma_custom_questions_give_company_title_and_linkedin() -> None:
    people = by_name(load("luma_guests.csv"))
    dana = people["Dana Whitfield"]
    assert (dana.email, dana.company, dana.title) == (
        "dana@example.com",
        "Acme Analytics",
        "VP of Sales",
    )
    assert dana.linkedin == "https://www.linkedin.com/in/dana-whitfield-4b1a2c"
    assert people["Priya Raman"].linkedin == "linkedin.com/in/priya-raman"
    assert dana.extra == {"registered_on": "2024-05-11"}
    assert people["Marcus Oyelaran"].title is None
    assert "ticket_name" in load("luma_guests.csv").ignored_columns


def test_luma_with_reordered_columns() -> None:
    got = [
        (p.name, p.company, p.title, p.attending) for p in load("luma_guests_reordered.csv").people
    ]
    assert got == [
        ("Noor Haddad", "Lucerne Publishing", "Editor", True),
        ("Rafael Quintero", "Wingtip Partners", "CFO", True),
    ]


def test_eventbrite_us_one_row_per_ticket_and_status() -> None:
    listing = load("eventbrite_us.csv")
    got = [(p.line, p.name, p.status, p.attending) for p in listing.people]
    assert got == [
        (2, "Dana Whitfield", "Attending", True),
        (3, "Owen Pryce", "Attending", True),  # same order number as Dana: both read
        (4, "Tomás Herrera", "Not Attending", False),
        (5, "Priya Raman", "Checked In", True),
        (6, "Lena Voss", "Refunded", False),
    ]
    assert listing.warnings == ("2 attendees not marked Attending: 1 Not Attending, 1 Refunded",)
    people = by_name(listing)
    assert (people["Dana Whitfield"].title, people["Dana Whitfield"].company) == (
        "VP of Sales",
        "Acme Analytics",
    )
    assert people["Dana Whitfield"].extra == {"registered_on": "2024-09-12"}
    # A custom question is not a company or a title when the report has both columns.
    assert "What do you hope to learn?" in listing.ignored_columns


def test_eventbrite_uk_and_2013() -> None:
    uk = [(p.name, p.email) for p in load("eventbrite_uk.csv").people]
    assert uk[0] == ("Siobhán Kelleher", "siobhan@example.ie")
    old = load("eventbrite_2013.csv")
    got = [(p.line, p.name, p.status, p.attending) for p in old.people]
    # 2013 exports put Last Name before First Name and have no status column.
    assert got == [(2, "Rafael Quintero", None, True), (3, "Noor Haddad", None, True)]


def test_meetup_tsv_saved_as_xls() -> None:
    listing = load("meetup_attendees.xls")
    got = [(p.line, p.name, p.status, p.attending) for p in listing.people]
    assert got == [
        (2, "Dana Whitfield", "Yes", True),
        (3, "Tomás H.", "No", False),
        (4, "Greta Lindqvist", "Yes", True),
        (5, "Kenji", "Waitlist", False),
    ]
    assert listing.warnings == ("2 members did not RSVP yes: 1 No, 1 Waitlist",)
    # The member profile is a meetup.com URL, and "Title" is a role in the group.
    assert all(p.linkedin is None and p.title is None for p in listing.people)
    assert {"URL of Member Profile", "Title"} <= set(listing.ignored_columns)
    assert by_name(listing)["Greta Lindqvist"].extra == {
        "note": "brings a friend",
        "registered_on": "2024-05-03",
    }


def test_format_comes_from_content_not_the_file_name() -> None:
    data = (FIXTURES / "meetup_attendees.xls").read_bytes()
    assert {parse_list(data, name).format for name in ("a.csv", "a.vcf", "a.txt")} == {"meetup"}
    vcf = (FIXTURES / "contacts_v4.vcf").read_bytes()
    assert parse_list(vcf, "contacts.csv").format == "vcard"


# CRM exports


def test_hubspot_contacts_and_an_empty_record() -> None:
    listing = load("hubspot_contacts.csv")
    got = [(p.line, p.name, p.company, p.title) for p in listing.people]
    assert got == [
        (2, "Dana Whitfield", "Acme Analytics", "VP of Sales"),
        (3, "Marcus Oyelaran", "Northwind Traders", "Account Executive"),
    ]
    assert [(s.line, s.reason) for s in listing.skipped] == [(4, "no name, email or LinkedIn URL")]
    assert "Record ID" in listing.ignored_columns


@pytest.mark.parametrize("fixture", ["salesforce_report.csv", "salesforce_report_nofooter.csv"])
def test_salesforce_report_footer_is_not_people(fixture: str) -> None:
    listing = load(fixture)
    got = [(p.line, p.name, p.title, p.company, p.email) for p in listing.people]
    assert got == [
        (2, "Dana Whitfield", "VP of Sales", "Acme Analytics", "dana@example.com"),
        (3, "Tomás Herrera", "Solutions Engineer", "Globex", "tomas@example.org"),
        (4, "Lena Voss", "Chief Data Officer", "Umbrella Logistics", "lena.voss@example.com"),
    ]
    assert listing.skipped == ()
    assert listing.warnings == ()


def test_salesforce_footer_lines_recognised_without_a_blank_line() -> None:
    data = (
        b'"First Name","Last Name","Account Name","Email"\n'
        b'"Dana","Whitfield","Acme","dana@example.com"\n'
        b'"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.",,,\n'
        b'"Confidential Information - Do Not Distribute",,,\n'
        b'"Generated By:  Dana Whitfield  11/20/2026 9:14 AM",,,\n'
    )
    listing = parse_list(data, "report.csv")
    assert [p.name for p in listing.people] == ["Dana Whitfield"]
    assert (listing.skipped, listing.warnings) == ((), ())


def test_salesforce_data_loader_api_names() -> None:
    people = load("salesforce_dataloader.csv").people
    assert [(p.name, p.company) for p in people] == [
        ("Owen Pryce", "Fabrikam"),
        ("Amara Okonkwo-Reyes", "Contoso"),
    ]
    # An AccountId is a record id, not a company name.
    [noor] = load("salesforce_dataloader_accountid.csv").people
    assert (noor.name, noor.company) == ("Noor Haddad", None)


def test_google_contacts_joined_values_and_multiline_cells() -> None:
    listing = load("google_contacts.csv")
    got = [(p.line, p.name, p.match_name, p.email) for p in listing.people]
    assert got == [
        (2, "Dana Marie Whitfield", "Dana Marie Whitfield", "dana@example.com"),
        # Dana's address takes three lines, so the next row starts on line 5.
        (5, "Tomás Herrera", "Tomás Herrera", "tomas@example.org"),
        (7, "Priya Raman", "Priya Raman", "priya.raman@example.com"),
    ]
    assert [(s.line, s.reason) for s in listing.skipped] == [(6, "no name, email or LinkedIn URL")]
    dana = listing.people[0]
    assert dana.linkedin == "https://www.linkedin.com/in/dana-whitfield-4b1a2c"
    assert dana.extra == {"note": "Met at SaaStr", "labels": "* myContacts, Customers"}
    with pytest.raises(TypeError):
        dana.extra["note"] = "changed"  # type: ignore[index]
    # E-mail 1 is empty for Tomás: the second address column is used.
    assert listing.people[1].email == "tomas@example.org"
    assert listing.people[2].extra["note"] == "Two lines\nof notes"


def test_google_several_values_in_one_cell() -> None:
    data = (
        b"First Name,Last Name,Organization Title,Labels,E-mail 1 - Value,Website 1 - Value\n"
        b"Dana,Lee,VP ::: Advisor,* myContacts ::: VIP,not-an-email ::: d@example.com,"
        b"https://acme.example ::: https://www.linkedin.com/in/dana-lee\n"
    )
    [dana] = parse_list(data, "contacts.csv").people
    assert (dana.title, dana.email) == ("VP", "d@example.com")
    assert dana.linkedin == "https://www.linkedin.com/in/dana-lee"  # not the first website
    assert dana.extra == {"labels": "* myContacts, VIP"}


def test_google_legacy_header_without_email_columns() -> None:
    data = b"Name,Given Name,Family Name,Group Membership\nDana Lee,Dana,Lee,* My Contacts\n"
    listing = parse_list(data, "contacts.csv")
    assert listing.format == "google"
    assert listing.people[0].extra == {"labels": "* My Contacts"}


def test_google_contacts_legacy() -> None:
    listing = load("google_contacts_legacy.csv")
    got = [(p.line, p.name, p.email, p.company, p.title, p.linkedin) for p in listing.people]
    assert got == [
        (2, "Owen Pryce", "owen.pryce@example.net", "Fabrikam", "Sales Engineer", None),
        (
            4,
            "Amara Okonkwo-Reyes",
            "amara@example.com",
            "Contoso",
            "Product Marketing Manager",
            "http://www.linkedin.com/in/amara-or",
        ),
    ]
    assert listing.people[0].extra == {"labels": "* My Contacts, Prospects"}


def test_outlook_title_is_an_honorific_not_the_job() -> None:
    listing = load("outlook_contacts.csv")
    got = [(p.line, p.name, p.title, p.email) for p in listing.people]
    assert got == [
        (2, "Greta Lindqvist", "Founder", "greta@example.se"),
        # No first e-mail address: the second one is used.
        (3, "Rafael J. Quintero", "CFO", "rafael.q@example.com"),
    ]
    assert "Title" in listing.ignored_columns
    assert listing.people[0].extra == {"labels": "Prospects"}


# Any other table


def test_generic_list_last_first_ragged_and_skipped_rows() -> None:
    listing = load("generic_contacts.csv")
    got = [(p.line, p.name, p.match_name, p.email) for p in listing.people]
    assert got == [
        (2, "Dana Whitfield", "Dana Whitfield", "dana@example.com"),
        (3, "Tomás Herrera", "Tomás Herrera", None),
        # A surname with a credential, not "Last, First".
        (4, "Voss, PhD", "Voss", None),
        (5, "Priya Raman", "Priya Raman", "priya.raman@example.com"),
        (6, "Marcus Oyelaran", "Marcus Oyelaran", "marcus@example.net"),
        # Known by email only: kept, with no name.
        (8, "", "", "solo.contact@example.com"),
    ]
    assert [(s.line, s.reason) for s in listing.skipped] == [(7, "no name, email or LinkedIn URL")]
    assert listing.warnings == ("2 rows had too many or too few cells; read by header",)


def test_excel_europe_semicolons_in_cp1252() -> None:
    listing = load("excel_de_semicolon.csv")
    got = [(p.line, p.name, p.company) for p in listing.people]
    assert got == [(2, "Jürgen Müller", "Beispiel GmbH"), (3, "Zoë Brandt", "Muster & Söhne KG")]
    assert listing.warnings == ("decoded as cp1252 (not UTF-8): byte 0xfc on line 2 is not UTF-8",)


def test_excel_unicode_text_is_utf16_with_tabs() -> None:
    listing = load("unicode_text_utf16.txt")
    got = [(p.line, p.name, p.email, p.title) for p in listing.people]
    assert got == [
        (2, "Siobhán Kelleher", "siobhan@example.ie", "Head of Growth"),
        (3, "Björn Åkesson", "bjorn@example.se", "CTO"),
    ]
    assert listing.warnings == ()
