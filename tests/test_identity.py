"""Who is who: names compared by one key, invisible names blank, near misses suggested."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from netplan.cli import app
from netplan.engine import make_plan
from netplan.model.event import name_problems
from netplan.model.identity import (
    Ambiguous,
    Found,
    Match,
    NameIndex,
    PeopleIndex,
    company_key,
    email_key,
    is_blank,
    loose_key,
    name_key,
    profile_key,
)
from tests.conftest import make_event

JOSE_NFC = unicodedata.normalize("NFC", "José Díaz")
JOSE_NFD = unicodedata.normalize("NFD", "José Díaz")


def test_composed_and_decomposed_are_one_name() -> None:
    assert JOSE_NFC != JOSE_NFD
    assert name_key(JOSE_NFC) == name_key(JOSE_NFD) == name_key("JOSÉ  díaz")


def test_compatibility_forms_fold_too() -> None:
    # Full-width letters and a ligature are the same name to a reader.
    assert name_key("\uff2a\uff4f\uff53\uff45") == name_key("jose")  # full-width "Jose"
    assert name_key("ﬁona") == name_key("Fiona")


@pytest.mark.parametrize(
    "invisible",
    ["\u200b", "\u3164", "\u2800", "\u00ad", "\u180e", "\u115f\u1160", "\ufeff", "\u2060"],
    ids=[
        "zwsp",
        "hangul-filler",
        "braille-blank",
        "soft-hyphen",
        "mongolian-vs",
        "jamo",
        "bom",
        "wj",
    ],
)
def test_names_of_only_invisible_characters_are_blank(invisible: str) -> None:
    assert is_blank(invisible * 3)
    assert is_blank(f" {invisible} ")
    assert not is_blank(f"A{invisible}")
    with pytest.raises(ValidationError, match="must not be blank"):
        make_event(me={"name": invisible * 2})


def test_invisible_characters_do_not_make_a_different_name() -> None:
    assert name_key("Ana\u200b Ruiz") == name_key("Ana Ruiz")


def test_duplicates_are_caught_across_unicode_forms() -> None:
    event = make_event(targets=[{"name": JOSE_NFC}, {"name": JOSE_NFD}])
    assert name_problems(event) == [
        (("targets", 1, "name"), "duplicate name (also targets[0].name)")
    ]
    clash = make_event(me={"name": JOSE_NFD}, colleagues=[{"name": JOSE_NFC}])
    assert [loc for loc, _ in name_problems(clash)] == [("colleagues", 0, "name")]


def test_knows_matches_across_unicode_forms() -> None:
    plan = make_plan(
        make_event(colleagues=[{"name": "Ana", "knows": [JOSE_NFD]}], targets=[{"name": JOSE_NFC}])
    )
    assert plan.targets[0].introducers[0].name == "Ana"


@pytest.mark.parametrize(
    ("written", "target"),
    [
        ("Tomas Herrera", "Tomás Herrera"),  # a dropped accent
        ("Tomás J. Herrera", "Tomás Herrera"),  # an extra middle initial
        ("Tomás Herrera", "Tomás J Herrera"),  # a missing one
        ("Anne-Marie O'Neil", "Anne Marie ONeil"),  # punctuation
        ("  tomás   HERRERA ", "Tomás Herrera"),  # spacing and case
    ],
)
def test_loose_matches_count(written: str, target: str) -> None:
    assert loose_key(written) == loose_key(target)
    index = NameIndex([(target, target)])
    found = index.lookup(written)
    assert isinstance(found, Found)
    assert found.value == target


def test_a_loose_match_is_reported_as_loose_and_an_exact_one_is_not() -> None:
    index = NameIndex([("Tomás Herrera", 1)])
    assert index.lookup("tomás herrera") == Found(1, "exact")
    assert index.lookup("Tomas Herrera") == Found(1, "loose")


def test_a_loose_match_that_fits_two_people_is_never_guessed() -> None:
    index = NameIndex([("José Díaz", 1), ("Jose Diaz", 2)])
    assert index.lookup("JOSE DÍAZ") == Ambiguous((1, 2))
    assert index.get("JOSE DÍAZ") is None


def test_of_two_people_with_one_name_key_the_first_listed_is_found() -> None:
    index = NameIndex([("Dana Lee", 1), ("DANA  LEE", 2)])
    assert index.lookup("dana lee") == Found(1, "exact")
    assert index.get("Dana Lee") == 1


@pytest.mark.parametrize(
    ("written", "target"),
    [
        ("Tomás Herera", "Tomás Herrera"),  # one letter missing
        ("Tomás Hererra", "Tomás Herrera"),  # two letters swapped
        ("Bob Lee", "Robert Lee"),  # a nickname
        ("TomásHerrera", "Tomás Herrera"),  # run together
    ],
)
def test_near_misses_are_suggested_never_matched(written: str, target: str) -> None:
    index = NameIndex([(target, target), ("Someone Else", "Someone Else")])
    assert index.lookup(written) is None
    assert index.suggest(written) == target


@pytest.mark.parametrize("written", ["Pat Lee", "Tomás", "Zed Zulu", "Herrera Tomás"])
def test_far_names_get_no_suggestion(written: str) -> None:
    index = NameIndex([("Tomás Herrera", 1), ("Dana Whitfield", 2)])
    assert index.suggest(written) is None


def test_two_near_misses_make_no_suggestion() -> None:
    index = NameIndex([("Dana Lee", 1), ("Dina Lee", 2)])
    assert index.suggest("Dena Lee") is None


def test_suggestions_look_at_a_bounded_number_of_people() -> None:
    # 5,000 people share the surname: the suggestion still comes from the few it looks at,
    # and a typo of a name far down the list is not searched for among all of them.
    people = [(f"Person{i:05d} Smith", i) for i in range(5000)]
    index = NameIndex(people)
    assert index.suggest("Persn00001 Smith") == 1
    assert index.suggest("Persn04999 Smith") is None


def _spellings_of_one_loose_name(count: int) -> list[str]:
    """Names with distinct strict keys but one loose key: apostrophes in "Janesmith"."""
    letters = "Janesmith"
    out = []
    for n in range(count):
        marks = [("'" if n >> i & 1 else "") for i in range(len(letters))]
        out.append("".join(ch + m for ch, m in zip(letters, marks, strict=True)) + " X")
    return out


def test_loose_lookups_stay_bounded_when_many_names_share_a_loose_key() -> None:
    names = _spellings_of_one_loose_name(400)
    assert len({name_key(n) for n in names}) == 400
    assert len({loose_key(n) for n in names}) == 1
    found = NameIndex((n, n) for n in names).lookup("Janesmith X!")
    assert isinstance(found, Ambiguous)
    assert 2 <= len(found.values) <= 32
    people: PeopleIndex[str] = PeopleIndex()
    for n in names:
        people.add(n, n)
    loose = people.find("Janesmith X!")
    assert isinstance(loose, Ambiguous)
    assert 2 <= len(loose.values) <= 32


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("Dana@Example.COM", "dana@example.com"),
        ("  mailto:dana@example.com ", "dana@example.com"),
        ("urn:li:member:12345", None),
        ("not an email", None),
        ("a@b", None),
        ("", None),
    ],
)
def test_email_keys(value: str, key: str | None) -> None:
    assert email_key(value) == key


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/dana-whitfield/",
        "http://linkedin.com/in/Dana-Whitfield",
        "https://de.linkedin.com/in/dana-whitfield?trk=abc",
        "www.linkedin.com/in/dana-whitfield#about",
        "linkedin.com/in/dana%2Dwhitfield",
    ],
)
def test_profile_urls_with_the_same_slug_are_one_key(url: str) -> None:
    assert profile_key(url) == "in/dana-whitfield"


def test_old_public_profile_urls_are_profiles_too() -> None:
    # LinkedIn's old /pub/ addresses: recognised, with scheme, www., case and query ignored.
    key = profile_key("http://www.linkedin.com/pub/dana-whitfield/1a/2b/3c")
    assert key is not None
    assert profile_key("https://linkedin.com/PUB/Dana-Whitfield/1a/2b/3c/?trk=x") == key
    index: PeopleIndex[str] = PeopleIndex()
    index.add("dana", "Dana Whitfield", linkedin="linkedin.com/pub/dana-whitfield/1a/2b/3c")
    found = index.find("D. W.", linkedin="http://www.linkedin.com/pub/dana-whitfield/1a/2b/3c")
    assert found == Match("dana", "profile")


def test_old_public_profiles_of_one_name_are_different_people() -> None:
    # The slug of a /pub/ address is only a name: the numbers after it say who.
    one = profile_key("linkedin.com/pub/dana-whitfield/1a/2b/3c")
    assert one == "pub/dana-whitfield/1a/2b/3c"
    assert profile_key("linkedin.com/pub/dana-whitfield/9/8/7") != one
    assert profile_key("https://uk.linkedin.com/pub/dana-whitfield/1a/2b/3c/en") == one
    assert profile_key("linkedin.com/in/dana-whitfield") != one
    assert profile_key("linkedin.com/in/dana-whitfield/details/experience/") == (
        "in/dana-whitfield"
    )


def test_a_company_named_only_by_legal_form_words_is_still_a_company() -> None:
    assert company_key("Acme Ltd.") == company_key("ACME") == "acme"
    assert company_key("Limited") == "limited"  # not '' (unknown)
    index: PeopleIndex[str] = PeopleIndex()
    index.add("globex", "Jane Smith", company="Globex")
    assert index.find("Jane Smith", company="Limited") is None  # another company
    assert index.find("Jane Smith", company="") == Match("globex", "name")


@pytest.mark.parametrize("url", ["https://example.com/in/dana", "dana-whitfield", ""])
def test_other_urls_are_not_profiles(url: str) -> None:
    assert profile_key(url) is None


# --- what the user sees ------------------------------------------------------------------------

EVENT = """\
[event]
name = "Expo"
kind = "mixer"

[me]
name = "Robin"

[[colleagues]]
name = "Ana"
knows = [{knows}]

[[targets]]
name = "Tomás Herrera"
"""


def write(tmp_path: Path, knows: str) -> str:
    path = tmp_path / "event.toml"
    path.write_text(EVENT.format(knows=knows), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("command", ["validate", "advise", "checklist"])
def test_a_near_miss_is_a_did_you_mean_warning_everywhere(tmp_path: Path, command: str) -> None:
    path = write(tmp_path, '"Tomás Herera"')
    result = CliRunner().invoke(app, [command, path])
    assert result.exit_code == 0  # a warning never changes the exit code
    assert (
        f"{path}:10: warning: colleagues[0].knows[0]: 'Tomás Herera' matches no target "
        "(did you mean 'Tomás Herrera'?)\n"
    ) in result.stderr


def test_a_near_miss_brings_nobody(tmp_path: Path) -> None:
    path = write(tmp_path, '"Tomás Herera"')
    result = CliRunner().invoke(app, ["advise", path, "--format", "json"])
    assert '"introducers": []' in result.stdout


@pytest.mark.parametrize("command", ["validate", "advise", "checklist"])
def test_a_loose_match_counts_and_says_so(tmp_path: Path, command: str) -> None:
    path = write(tmp_path, '"Tomas J. Herrera"')
    result = CliRunner().invoke(app, [command, path])
    assert result.exit_code == 0
    assert (
        "warning: colleagues[0].knows[0]: 'Tomas J. Herrera' is taken as target 'Tomás Herrera' "
        "(ignoring accents, spacing, punctuation and middle initials)"
    ) in result.stderr
    if command != "validate":
        assert "Ask Ana to introduce you" in result.stdout


def test_an_exact_match_says_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, '"TOMÁS  herrera"')
    for command in ("validate", "advise"):
        assert "warning" not in CliRunner().invoke(app, [command, path]).stderr


def test_validate_warns_about_targets_that_look_like_one_person(tmp_path: Path) -> None:
    path = tmp_path / "event.toml"
    path.write_text(
        EVENT.format(knows="") + '\n[[targets]]\nname = "Tomas Herrera"\n', encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0
    assert (
        "warning: targets[1].name: 'Tomas Herrera' looks like the same person as targets[0] "
        "('Tomás Herrera')"
    ) in result.stderr
    # Only validate says it: advise is not the place for housekeeping.
    assert "looks like" not in CliRunner().invoke(app, ["advise", str(path)]).stderr


def test_a_loose_lookup_finds_every_spelling_including_names_added_after_it() -> None:
    index: PeopleIndex[str] = PeopleIndex()
    index.add("plain", "Tomas Herrera")
    assert index.find("Tomás Herrera") == Match("plain", "loose")  # built here
    index.add("accented", "Dana Ruíz")
    assert index.find("Dana Ruiz") == Match("accented", "loose")
    index.add("other", "Tomás Herrera", company="Globex")
    # The spelling of the loose key itself first, then the others.
    assert index.find("Tomás J. Herrera") == Ambiguous(("plain", "other"))
