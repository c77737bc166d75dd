"""netplan.loader: valid files load, and every class of bad input becomes one located InputError.

Each bad input must end as `InputError` (never a RecursionError, UnicodeDecodeError or a
pydantic error), with problems that point at the real line (and column, for TOML syntax), and
formatted lines in which text chosen by the file's author is shown escaped, never raw.
"""

from __future__ import annotations

import io
import random
import re
from pathlib import Path
from typing import Any

import pytest

from netplan.errors import InputError, Problem
from netplan.model.event import Event
from netplan.sources.event import load_event, parse_event, read_bytes
from netplan.sources.locate import KeyLines

SOURCE = "ev.toml"
BOM = b"\xef\xbb\xbf"

# A minimal valid event file. Tests append sections to it or replace parts of it.
HEAD = '[event]\nname = "Launch Mixer"\nkind = "mixer"\n\n[me]\nname = "Robin"\n'

# Control, C1 and bidi characters that must never reach a terminal raw.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def _bytes(text: str | bytes) -> bytes:
    return text.encode("utf-8") if isinstance(text, str) else text


def error_of(text: str | bytes, source: str = SOURCE) -> InputError:
    """The InputError that parsing `text` must raise."""
    with pytest.raises(InputError) as info:
        parse_event(_bytes(text), source)
    error = info.value
    assert error.source == source
    assert error.problems, "an InputError must carry at least one problem"
    return error


def problems_of(text: str | bytes, source: str = SOURCE) -> list[Problem]:
    return error_of(text, source).problems


def only_problem(text: str | bytes) -> Problem:
    problems = problems_of(text)
    assert len(problems) == 1, problems
    return problems[0]


def lines_of(text: str | bytes, source: str = SOURCE) -> list[str]:
    """The formatted problem lines, each checked to be inert and single-line."""
    lines = error_of(text, source).lines()
    for line in lines:
        assert not UNSAFE.search(line), repr(line)
    return lines


def line_of(text: str, marker: str, nth: int = 1) -> int:
    """1-based number of the `nth` line containing `marker`, counting only LF like TOML does."""
    hits = [n for n, line in enumerate(text.split("\n"), start=1) if marker in line]
    assert len(hits) >= nth, f"{marker!r} is not in the test file {nth} time(s)"
    return hits[nth - 1]


# --- valid input ------------------------------------------------------------------------------


def test_minimal_file_loads() -> None:
    event = parse_event(HEAD.encode(), SOURCE)
    assert isinstance(event, Event)
    assert event.event.name == "Launch Mixer"
    assert event.event.kind == "mixer"
    assert event.me.name == "Robin"
    assert event.colleagues == []
    assert event.targets == []


def test_load_event_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "event.toml"
    path.write_text(HEAD + '[[colleagues]]\nname = "Alex"\nstyle = "supporter"\n')
    event = load_event(str(path))
    assert [c.name for c in event.colleagues] == ["Alex"]
    assert event.colleagues[0].style == "supporter"


def test_load_event_reads_stdin() -> None:
    event = load_event("-", stdin=io.BytesIO(HEAD.encode()))
    assert event.me.name == "Robin"


def test_utf8_bom_is_accepted() -> None:
    assert parse_event(BOM + HEAD.encode(), SOURCE) == parse_event(HEAD.encode(), SOURCE)


def test_crlf_line_endings_are_accepted() -> None:
    event = parse_event(HEAD.replace("\n", "\r\n").encode(), SOURCE)
    assert event.me.name == "Robin"


def test_non_ascii_utf8_is_accepted() -> None:
    event = parse_event(HEAD.replace("Robin", "Zoë Łukasz 山田").encode(), SOURCE)
    assert event.me.name == "Zoë Łukasz 山田"


def test_names_are_stripped() -> None:
    text = (
        HEAD.replace('"Robin"', '"  Robin\t"')
        + '[[colleagues]]\nname = " Alex "\nknows = ["  Dana "]\n'
        + '[[targets]]\nname = "\tDana  "\n'
    )
    event = parse_event(text.encode(), SOURCE)
    assert event.me.name == "Robin"
    assert event.colleagues[0].name == "Alex"
    assert event.colleagues[0].knows == ["Dana"]
    assert event.targets[0].name == "Dana"


def test_colleague_and_target_may_share_a_name() -> None:
    # Uniqueness is among you and your colleagues, and among targets: not across the two.
    text = HEAD + '[[colleagues]]\nname = "Alex"\n[[targets]]\nname = "alex"\n'
    event = parse_event(text.encode(), SOURCE)
    assert event.targets[0].name == "alex"


# --- encodings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "bom"),
    [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")],
    ids=["utf-16-le", "utf-16-be"],
)
def test_utf16_with_bom_is_not_utf8(codec: str, bom: bytes) -> None:
    problem = only_problem(bom + HEAD.encode(codec))
    assert problem.message.startswith("not UTF-8")
    assert "UTF-16" in problem.message
    assert "save it as UTF-8" in problem.message
    [line] = lines_of(bom + HEAD.encode(codec))
    assert line.startswith(f"{SOURCE}: not UTF-8")


def test_utf16_without_a_bom_is_recognised() -> None:
    problem = only_problem(HEAD.encode("utf-16-le"))
    assert problem.message == (
        "not UTF-8: the file is UTF-16; save it as UTF-8 (in most editors: Save As, "
        "Encoding: UTF-8)"
    )


def test_cp1252_is_not_utf8_with_offset_and_line() -> None:
    data = HEAD.replace("Launch Mixer", "Café Mixer").encode("cp1252")
    offset = data.index(b"\xe9")
    problem = only_problem(data)
    assert problem.message.startswith("not UTF-8")
    assert f"offset {offset}" in problem.message
    assert "0xe9" in problem.message
    assert problem.line == 2
    assert lines_of(data) == [f"{SOURCE}:2: {problem.message}"]


def test_invalid_byte_on_a_later_line() -> None:
    text = HEAD + '[[colleagues]]\nname = "Ren\xe9e"\n'
    data = text.encode("latin-1")
    offset = data.index(b"\xe9")
    problem = only_problem(data)
    assert f"offset {offset}" in problem.message
    assert problem.line == line_of(text, "Ren")


def test_offset_after_a_bom_counts_the_bom() -> None:
    # The offset is meant for `xxd`/`hexdump` on the file, so it must count the BOM bytes too.
    data = BOM + HEAD.replace("Launch Mixer", "Café Mixer").encode("cp1252")
    offset = data.index(b"\xe9")
    problem = only_problem(data)
    assert f"offset {offset}" in problem.message, problem.message
    assert problem.line == 2


def test_truncated_utf8_sequence_at_end() -> None:
    data = HEAD.encode() + b"# \xe2\x82"
    problem = only_problem(data)
    assert problem.message.startswith("not UTF-8")
    assert f"offset {len(data) - 2}" in problem.message
    assert problem.line == HEAD.count("\n") + 1


# --- empty, NUL and garbage -------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", b" ", b"\n\n\n", b" \t\r\n \n", BOM, BOM + b"\n  \n"],
    ids=["empty", "space", "newlines", "mixed-blank", "bom-only", "bom-blank"],
)
def test_empty_or_blank_file(data: bytes) -> None:
    problem = only_problem(data)
    assert "empty" in problem.message
    assert problem.line is None
    [line] = lines_of(data)
    assert line.startswith(f"{SOURCE}: ")


def test_comments_only_file_names_the_missing_sections() -> None:
    problems = problems_of("# nothing here yet\n")
    assert {p.loc for p in problems} == {"event", "me"}
    assert all(p.message == "required key is missing" for p in problems)


@pytest.mark.parametrize(
    ("data", "line", "col"),
    [
        (b"\x00" * 16, 1, 1),
        (b'[event]\nname = "a\x00b"\n', 2, 10),
        (HEAD.encode() + b"\x00\n", 7, 1),
    ],
    ids=["only-nul", "nul-in-string", "nul-line"],
)
def test_nul_bytes_are_located_syntax_errors(data: bytes, line: int, col: int) -> None:
    problem = only_problem(data)
    assert problem.message.startswith("invalid TOML")
    assert (problem.line, problem.col) == (line, col)
    assert lines_of(data)[0].startswith(f"{SOURCE}:{line}:{col}: invalid TOML")


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,
        random.Random(1).randbytes(4096),
        bytes(range(128)) * 8,
        b"\x7fELF\x02\x01\x01\x00" + bytes(56),
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        b"\x1b[2J\x1b]8;;http://x\x07click\x1b]8;;\x07",
    ],
    ids=["all-bytes", "random", "ascii-controls", "elf", "zip", "escape-sequences"],
)
def test_binary_garbage_is_one_clean_problem(data: bytes) -> None:
    problem = only_problem(data)
    assert problem.message.startswith(("not UTF-8", "invalid TOML"))
    # Located, except when the whole file is recognised as UTF-16.
    assert problem.line is not None or "UTF-16" in problem.message
    [line] = lines_of(data)
    assert line.startswith(f"{SOURCE}:{problem.line}")


# --- TOML syntax errors: line and column --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ('[event]\nname = "X"\nkind = "mixer\n', 3, 14),  # unterminated string: at the newline
        ('[event]\nname = "X"\nkind = = "mixer"\n', 3, 8),
        ('[event]\nname = "X"\nkind = "mixer" extra\n', 3, 16),
        ('[event]\nname = "X"\n\tkind = = 1\n', 3, 9),  # a tab is one column
        ('[event]\nname = "Café" x\n', 2, 15),  # columns count characters, not bytes
        ('[event]\nname = "X"\nname = "Y"\n', 3, 11),  # key given twice
        ("[me]\nname = 'X'\n[me]\n", 3, 4),  # table given twice
        ('[event\nname = "X"\n', 1, 7),
        ('[event]\nnotes = """\nline\n"""\n\nbad line\n', 6, 5),  # after a multi-line string
        ("[event]\ntopics = [\n  'a',\n  'b'\n  'c',\n]\n", 5, 3),  # missing comma
        ('[event]\r\nname = "X"\r\nkind = ?\r\n', 3, 8),
    ],
    ids=[
        "unterminated-string",
        "double-equals",
        "trailing-junk",
        "tab-indent",
        "non-ascii-before",
        "duplicate-key",
        "duplicate-table",
        "unclosed-header",
        "after-multiline-string",
        "missing-comma",
        "crlf",
    ],
)
def test_syntax_error_line_and_column(text: str, line: int, col: int) -> None:
    problem = only_problem(text)
    assert problem.message.startswith("invalid TOML: ")
    assert (problem.line, problem.col) == (line, col)
    assert problem.loc is None
    [formatted] = lines_of(text)
    assert formatted == f"{SOURCE}:{line}:{col}: {problem.message}"


def test_syntax_error_source_is_escaped() -> None:
    [line] = lines_of("[event\n", source="evil\x1b[2J\u202e.toml")
    assert line.startswith("evil\\x1b[2J\\u202e.toml:1:7: invalid TOML")


# --- deep nesting -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "[" * 5000 + "]" * 5000,
        "{a=" * 5000 + "1" + "}" * 5000,
        "[{a=" * 3000 + "1" + "}]" * 3000,
        "[" * 5000,  # unclosed as well as deep
    ],
    ids=["arrays", "inline-tables", "mixed", "unclosed"],
)
def test_deep_nesting_is_a_clean_error(value: str) -> None:
    problem = only_problem(HEAD + f"deep = {value}\n")
    assert problem.message.startswith("invalid TOML")


def test_long_dotted_key_is_a_clean_error() -> None:
    text = HEAD + ".".join(["a"] * 5000) + " = 1\n"
    problem = only_problem(text)
    assert problem.message.startswith("a key or table name of more than 8 dotted parts")
    assert problem.line == text.count("\n")


def test_moderate_nesting_in_a_known_field_is_a_schema_error() -> None:
    text = HEAD.replace('kind = "mixer"', 'kind = "mixer"\ntopics = ' + "[" * 50 + "]" * 50)
    problem = only_problem(text)
    assert problem.loc == "event.topics[0]"
    assert problem.line == line_of(text, "topics")


# --- reading: size, missing, directory, permissions -------------------------------------------


def test_read_bytes_accepts_exactly_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "event.toml"
    path.write_bytes(b"x" * 10)
    assert read_bytes(str(path), max_bytes=10) == b"x" * 10


def test_file_above_max_bytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"#" * 11)
    with pytest.raises(InputError) as info:
        read_bytes(str(path), max_bytes=10)
    [line] = info.value.lines()
    assert line.startswith(f"{path}: ")
    assert "larger than" in line
    assert "10-byte limit" in line


def test_load_event_passes_max_bytes_on(tmp_path: Path) -> None:
    path = tmp_path / "event.toml"
    path.write_text(HEAD)
    with pytest.raises(InputError, match="limit"):
        load_event(str(path), max_bytes=len(HEAD.encode()) - 1)
    assert load_event(str(path), max_bytes=len(HEAD.encode())).me.name == "Robin"


def test_stdin_above_max_bytes_is_refused() -> None:
    with pytest.raises(InputError) as info:
        read_bytes("-", stdin=io.BytesIO(b" " * 100), max_bytes=99)
    [line] = info.value.lines()
    assert line.startswith("<stdin>: ")
    assert "99-byte limit" in line


def test_dash_without_stdin() -> None:
    with pytest.raises(InputError) as info:
        read_bytes("-")
    assert info.value.lines() == ["<stdin>: no standard input to read"]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    with pytest.raises(InputError) as info:
        load_event(str(path))
    [line] = info.value.lines()
    assert line == f"{path}: no such file"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_event(str(tmp_path))
    [line] = info.value.lines()
    assert line.startswith(f"{tmp_path}: ")
    assert "directory" in line


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.toml"
    path.write_text(HEAD)
    deny_reading(monkeypatch, path)
    with pytest.raises(InputError) as info:
        load_event(str(path))
    [line] = info.value.lines()
    assert line == f"{path}: permission denied"


def deny_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Make opening `path` fail as a mode-000 file would (root reads those anyway)."""
    real_open = open

    def fake_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("netplan.sources.event.open", fake_open, raising=False)


def test_missing_file_name_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "a\x1b[2Jb\u202e.toml"
    with pytest.raises(InputError) as info:
        load_event(str(path))
    [line] = info.value.lines()
    assert "\x1b" not in line
    assert "\u202e" not in line
    assert "a\\x1b[2Jb\\u202e.toml: no such file" in line


# --- wrong types (validation is strict) -------------------------------------------------------


@pytest.mark.parametrize(
    "given",
    [
        {"name": b"Dana"},
        {"name": "Dana", "email": b"d@x.example"},
        {"name": "Dana", "company": 7},
        {"name": "Dana", "interests": [b"fraud"]},
        {"name": "Dana", "interests": ("fraud",)},
        {"name": "Dana", "notes": 1.5},
    ],
    ids=["bytes-name", "bytes-email", "int-company", "bytes-interest", "tuple", "float-note"],
)
def test_a_target_is_as_strict_as_the_other_sections(given: dict[str, object]) -> None:
    # A target is a dataclass, strict field by field (and item by item): what a TOML file
    # cannot hold must still be refused to a caller of the models.
    from pydantic import TypeAdapter, ValidationError

    from netplan.model.event import Target

    with pytest.raises(ValidationError):
        TypeAdapter(Target).validate_python(given)


@pytest.mark.parametrize(
    ("text", "loc", "marker"),
    [
        (HEAD.replace("[me]", "expected_attendees = '3'\n[me]"), "event.expected_attendees", "exp"),
        (HEAD.replace("[me]", "expected_attendees = 3.0\n[me]"), "event.expected_attendees", "exp"),
        (
            HEAD.replace("[me]", "expected_attendees = true\n[me]"),
            "event.expected_attendees",
            "exp",
        ),
        (HEAD.replace("[me]", "expected_attendees = 0\n[me]"), "event.expected_attendees", "exp"),
        (HEAD.replace("[me]", "topics = 'ai'\n[me]"), "event.topics", "topics"),
        (HEAD.replace("[me]", "date = 42\n[me]"), "event.date", "date"),
        (HEAD.replace('name = "Robin"', "name = 42"), "me.name", "42"),
        (HEAD + "expertise = [1]\n", "me.expertise[0]", "expertise"),
        ("colleagues = 5\n" + HEAD, "colleagues", "colleagues"),
        (HEAD + "[colleagues]\nname = 'Alex'\n", "colleagues", "[colleagues]"),
        (HEAD + "[[colleagues]]\nname = 'Alex'\nknows = 'Dana'\n", "colleagues[0].knows", "knows"),
        (
            HEAD + "[[colleagues]]\nname = 'A'\nclose_friend = 'yes'\n",
            "colleagues[0].close_friend",
            "close",
        ),
        (HEAD + "[[targets]]\nname = 'Dana'\ninterests = 7\n", "targets[0].interests", "interests"),
        (HEAD + "[netplan]\nlarge_group = '4'\n", "netplan.large_group", "large"),
        ('event = "x"\n[me]\nname = "R"\n', "event", "event"),
    ],
    ids=[
        "str-for-int",
        "float-for-int",
        "bool-for-int",
        "int-below-minimum",
        "str-for-list",
        "int-for-date",
        "int-for-str",
        "int-in-list",
        "int-for-array-of-tables",
        "table-for-array-of-tables",
        "str-for-list-of-names",
        "str-for-bool",
        "int-for-list",
        "str-for-setting",
        "str-for-table",
    ],
)
def test_wrong_type(text: str, loc: str, marker: str) -> None:
    problems = problems_of(text)
    # A union field (date: datetime | date) may report one problem per member.
    for problem in problems:
        assert problem.loc is not None
        assert problem.loc == loc or problem.loc.startswith(loc + "."), problem
        assert problem.line == line_of(text, marker), problem
        assert problem.col is None


def test_string_number_is_not_coerced() -> None:
    text = HEAD.replace("[me]", 'expected_attendees = "3"\n[me]')
    problem = only_problem(text)
    assert problem.loc == "event.expected_attendees"
    assert "integer" in problem.message
    assert lines_of(text) == [f"{SOURCE}:5: event.expected_attendees: {problem.message}"]


# --- unknown keys and did-you-mean --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "loc", "suggestion"),
    [
        ("colleages = []\n" + HEAD, "colleages", "colleagues"),
        ("targts = []\n" + HEAD, "targts", "targets"),
        (HEAD.replace("[me]", "venu = 'Hall'\n[me]"), "event.venu", "venue"),
        (
            HEAD.replace("[me]", "expected_atendees = 5\n[me]"),
            "event.expected_atendees",
            "expected_attendees",
        ),
        (HEAD + "expertse = []\n", "me.expertse", "expertise"),
        (
            HEAD + "[[colleagues]]\nname = 'A'\nstlye = 'supporter'\n",
            "colleagues[0].stlye",
            "style",
        ),
        (HEAD + "[[targets]]\nname = 'D'\npriorty = 'high'\n", "targets[0].priorty", "priority"),
        (HEAD + "[netplan]\nlarge_grup = 4\n", "netplan.large_grup", "large_group"),
        (HEAD + "zzzz = 1\n", "me.zzzz", None),
        ("qqqqqq = 1\n" + HEAD, "qqqqqq", None),
    ],
    ids=[
        "top-colleagues",
        "top-targets",
        "event",
        "event-attendees",
        "me",
        "colleague",
        "target",
        "netplan",
        "me-far-miss",
        "top-far-miss",
    ],
)
def test_unknown_key(text: str, loc: str, suggestion: str | None) -> None:
    problem = only_problem(text)
    assert problem.loc == loc
    assert problem.message.startswith("unknown key")
    if suggestion is None:
        assert "did you mean" not in problem.message
    else:
        assert f"did you mean '{suggestion}'" in problem.message
    key = loc.rsplit(".", 1)[-1]
    assert problem.line == line_of(text, key + " =")


def test_unknown_keys_at_every_level_are_all_reported() -> None:
    text = (
        "colleages = []\n"
        + HEAD.replace("[me]", "kidn = 1\n[me]")
        + "nmae = 'x'\n"
        + "[[colleagues]]\nname = 'A'\nstlye = 'supporter'\n"
        + "[[targets]]\nname = 'D'\npriorty = 'high'\n"
    )
    problems = problems_of(text)
    assert {p.loc: p.line for p in problems} == {
        "colleages": 1,
        "event.kidn": line_of(text, "kidn"),
        "me.nmae": line_of(text, "nmae"),
        "colleagues[0].stlye": line_of(text, "stlye"),
        "targets[0].priorty": line_of(text, "priorty"),
    }


# --- unknown values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "loc", "valid"),
    [
        (HEAD.replace('"mixer"', '"mixxer"'), "event.kind", "'trade-show'"),
        (HEAD.replace("[me]", "goal = 'fun'\n[me]"), "event.goal", "'personal'"),
        (HEAD + "new_to = ['cooking']\n", "me.new_to[0]", "'networking'"),
        (
            HEAD + "[[colleagues]]\nname = 'A'\nstyle = 'partier'\n",
            "colleagues[0].style",
            "'supporter'",
        ),
        (HEAD + "[[targets]]\nname = 'D'\npriority = 'urgent'\n", "targets[0].priority", "'high'"),
        (
            HEAD + "[[colleagues]]\nname = 'A'\nstyle = 'Supporter'\n",
            "colleagues[0].style",
            "'supporter'",
        ),
    ],
    ids=["kind", "goal", "new_to", "style", "priority", "style-wrong-case"],
)
def test_unknown_value(text: str, loc: str, valid: str) -> None:
    problem = only_problem(text)
    assert problem.loc == loc
    assert valid in problem.message
    field = re.sub(r"\[\d+\]", "", loc).rsplit(".", 1)[-1]
    assert problem.line == line_of(text, field)


def test_unknown_rule_in_netplan_select() -> None:
    text = HEAD + "[netplan]\nselect = ['no-such-rule']\n"
    problem = only_problem(text)
    assert problem.loc == "netplan.select[0]"
    assert "no-such-rule" in problem.message
    assert problem.line == line_of(text, "select")


# --- duplicate and blank names ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "loc", "first"),
    [
        ('[[colleagues]]\nname = "robin"\n', "colleagues[0].name", "me.name"),
        ('[[colleagues]]\nname = "  ROBIN "\n', "colleagues[0].name", "me.name"),
        (
            '[[colleagues]]\nname = "Alex"\n[[colleagues]]\nname = "aLEX"\n',
            "colleagues[1].name",
            "colleagues[0].name",
        ),
        (
            '[[targets]]\nname = "Dana"\n[[targets]]\nname = " dana"\n',
            "targets[1].name",
            "targets[0].name",
        ),
        (
            '[[targets]]\nname = "Straße"\n[[targets]]\nname = "STRASSE"\n',
            "targets[1].name",
            "targets[0].name",
        ),
    ],
    ids=["me-colleague", "me-colleague-stripped", "colleagues", "targets", "casefold"],
)
def test_duplicate_names(extra: str, loc: str, first: str) -> None:
    text = HEAD + extra
    problem = only_problem(text)
    assert problem.loc == loc
    assert "duplicate" in problem.message
    assert first in problem.message
    index = int(re.findall(r"\[(\d+)\]", loc)[0])
    # The name line of the duplicate: the (index+1)-th 'name =' after [me]'s own.
    section = "[[colleagues]]" if loc.startswith("colleagues") else "[[targets]]"
    assert problem.line == line_of(text, section, index + 1) + 1
    assert lines_of(text) == [f"{SOURCE}:{problem.line}: {loc}: {problem.message}"]


def test_every_duplicate_is_reported() -> None:
    text = HEAD + "".join(f'[[colleagues]]\nname = "{n}"\n' for n in ["A", "a", "B", "Robin", "b"])
    problems = problems_of(text)
    assert [p.loc for p in problems] == [
        "colleagues[1].name",
        "colleagues[3].name",
        "colleagues[4].name",
    ]


@pytest.mark.parametrize(
    ("text", "loc"),
    [
        (HEAD.replace('"Robin"', '"   "'), "me.name"),
        (HEAD.replace('"Robin"', '""'), "me.name"),
        (HEAD.replace('"Launch Mixer"', '"\t \t"'), "event.name"),
        (HEAD + '[[colleagues]]\nname = "   "\n', "colleagues[0].name"),
        (HEAD + '[[colleagues]]\nname = "A"\nknows = ["Dana", "  "]\n', "colleagues[0].knows[1]"),
        (HEAD + '[[targets]]\nname = """\n   \n"""\n', "targets[0].name"),
    ],
    ids=["me", "me-empty", "event", "colleague", "knows", "target-multiline"],
)
def test_blank_names(text: str, loc: str) -> None:
    problem = only_problem(text)
    assert problem.loc == loc
    assert problem.message == "must not be blank"


def test_missing_name() -> None:
    text = HEAD + "[[colleagues]]\nrole = 'AE'\n"
    problem = only_problem(text)
    assert problem.loc == "colleagues[0].name"
    assert problem.message == "required key is missing"
    assert problem.line == line_of(text, "[[colleagues]]")


# --- schema error lines: the line of the key in the file ----------------------------------------


def colleagues_file() -> str:
    return (
        HEAD
        + '\n[[colleagues]]\nname = "Alex"\nstyle = "networker"\n'
        + '\n[[colleagues]]\nname = "Sam"\n# style = "nope"\nstyle = "supporter"\n'
        + '\n[[colleagues]]\nname = "Kim"\nrole = "SE"\nstyle = "partier"\n'
        + '\n[[colleagues]]\nname = "Lee"\nclose_friend = "yes"\n'
    )


def test_line_of_a_key_in_the_third_colleague() -> None:
    text = colleagues_file()
    problems = problems_of(text)
    assert [(p.loc, p.line) for p in problems] == [
        ("colleagues[2].style", 20),
        ("colleagues[3].close_friend", 24),
    ]
    assert text.split("\n")[19] == 'style = "partier"'
    lines = lines_of(text)
    assert lines[0].startswith(f"{SOURCE}:20: colleagues[2].style: must be ")
    assert lines[1].startswith(f"{SOURCE}:24: colleagues[3].close_friend: ")


def test_key_after_a_multiline_array() -> None:
    text = HEAD.replace(
        'kind = "mixer"', 'topics = [\n  "ai",\n  "[[colleagues]]",\n  # ]\n]\nkind = "mixxer"'
    )
    problem = only_problem(text)
    assert (problem.loc, problem.line) == ("event.kind", line_of(text, "mixxer"))


def test_key_after_a_multiline_basic_string_that_looks_like_toml() -> None:
    text = (
        HEAD.replace(
            'kind = "mixer"',
            'venue = """\n[me]\nkind = "x"\n[[colleagues]]\n"""\nkind = "mixxer"',
        )
        + '[[colleagues]]\nname = "A"\nstyle = "partier"\n'
    )
    problems = problems_of(text)
    assert [(p.loc, p.line) for p in problems] == [
        ("event.kind", line_of(text, "mixxer")),
        ("colleagues[0].style", line_of(text, "partier")),
    ]


def test_key_after_a_multiline_literal_string() -> None:
    text = (
        HEAD
        + "[[targets]]\nname = 'A'\nnotes = '''\n[[targets]]\npriority = \"\"\"\n'''\n"
        + "[[targets]]\nname = 'B'\npriority = 'urgent'\n"
    )
    problem = only_problem(text)
    assert (problem.loc, problem.line) == ("targets[1].priority", line_of(text, "'urgent'"))


def test_key_after_a_multiline_string_with_an_escaped_quote() -> None:
    # `\"""` inside a multi-line basic string is an escaped quote plus two quotes: the string
    # goes on. The line scan must not end the string there.
    text = HEAD.replace(
        'kind = "mixer"',
        'venue = """the \\""" lounge\nkind = "fake"\n"""\nkind = "mixxer"',
    )
    assert parse_event(text.replace("mixxer", "mixer").encode(), SOURCE).event.venue == (
        'the """ lounge\nkind = "fake"\n'
    )
    problem = only_problem(text)
    assert (problem.loc, problem.line) == ("event.kind", line_of(text, "mixxer"))


def test_key_inside_a_multiline_array_of_inline_tables() -> None:
    text = (
        'colleagues = [\n  { name = "Alex" },\n  { name = "Sam", stlye = "supporter" },\n]\n' + HEAD
    )
    problem = only_problem(text)
    assert problem.loc == "colleagues[1].stlye"
    assert problem.line == line_of(text, "stlye")


def test_key_after_a_multiline_inline_table() -> None:
    # TOML 1.1 allows newlines in inline tables, and the reader accepts them.
    text = HEAD.replace('kind = "mixer"', 'kind = "mixer"\nvenue = {\n  a = 1,\n}\nkidn = 1')
    problems = problems_of(text)
    assert [(p.loc, p.line) for p in problems] == [
        ("event.venue", line_of(text, "venue")),
        ("event.kidn", line_of(text, "kidn")),
    ]


def test_dotted_and_quoted_keys() -> None:
    text = (
        'event.name = "X"\n'
        'event . "kind" = "mixxer"\n'
        '[ "me" ]\n'
        '"name" = "R"\n'
        '[["colleagues"]]\n'
        "'name' = 'A'\n"
        "'style' = 'partier'\n"
    )
    problems = problems_of(text)
    assert [(p.loc, p.line) for p in problems] == [
        ("event.kind", 2),
        ("colleagues[0].style", 7),
    ]


def test_crlf_file_lines() -> None:
    text = colleagues_file()
    problems = problems_of(text.replace("\n", "\r\n"))
    assert [p.line for p in problems] == [20, 24]


@pytest.mark.parametrize(
    "separator", ["\u2028", "\u2029", "\x85"], ids=["line-sep", "paragraph-sep", "nel"]
)
def test_unicode_line_separators_do_not_shift_lines(separator: str) -> None:
    # TOML counts only LF as a line break; U+2028, U+2029 and U+0085 are ordinary characters
    # that may appear raw in comments and strings.
    text = (
        f"# a comment{separator}with a separator\n"
        + HEAD.replace('"Launch Mixer"', f'"Launch{separator}Mixer"')
        + '[[colleagues]]\nname = "Alex"\nstyle = "partier"\n'
    )
    problem = only_problem(text)
    assert problem.loc == "colleagues[0].style"
    assert problem.line == line_of(text, "partier")


@pytest.mark.parametrize(
    ("key_toml", "loc"),
    [('"st\\u0079le"', "colleagues[0].style"), ('"\\u001b[2J"', "colleagues[0].\x1b[2J")],
    ids=["known-key", "escape-sequence"],
)
def test_quoted_key_with_escape_is_placed(key_toml: str, loc: str) -> None:
    # "st\u0079le" is the key `style`: its line is the line it is written on, not the line
    # of its table.
    text = HEAD + f'[[colleagues]]\nname = "A"\n{key_toml} = "partier"\n'
    problem = only_problem(text)
    assert problem.loc == loc
    assert problem.line == line_of(text, "partier")


# --- KeyLines directly --------------------------------------------------------------------------


def test_keylines_finds_keys_and_falls_back_to_the_table() -> None:
    text = colleagues_file()
    lines = KeyLines(text)
    assert lines.find(("event", "kind")) == 3
    assert lines.find(("me", "name")) == 6
    assert lines.find(("colleagues", 0)) == line_of(text, "[[colleagues]]", 1)
    assert lines.find(("colleagues", 1, "style")) == line_of(text, 'style = "supporter"')
    assert lines.find(("colleagues", 2, "style")) == 20
    assert lines.find(("colleagues", 2, "nope")) == line_of(text, "[[colleagues]]", 3)
    assert lines.find(("nothing", "here")) is None
    assert lines.find(()) is None


# --- hostile key names are shown escaped ---------------------------------------------------------


@pytest.mark.parametrize(
    ("key_toml", "shown"),
    [
        ('"\\u001b[2J"', "\\x1b[2J"),
        ('"\\u001b]8;;http://evil\\u0007x"', "\\x1b]8;;http://evil\\x07x"),
        ('"abc\u202etxt"', "abc\\u202etxt"),
        ('"\\u202e"', "\\u202e"),
        ('"line\\nbreak"', "line\\nbreak"),
        ('"\\u009b31m"', "\\x9b31m"),
        ('"bell\\u0007\\r"', "bell\\x07\\r"),
    ],
    ids=["csi-clear", "osc-8-link", "rlo-raw", "rlo-escaped", "newline", "c1-csi", "bel-cr"],
)
@pytest.mark.parametrize("where", ["top", "me", "colleague"])
def test_hostile_key_is_escaped(key_toml: str, shown: str, where: str) -> None:
    if where == "top":
        text, loc = f"{key_toml} = 1\n" + HEAD, shown
    elif where == "me":
        text, loc = HEAD + f"{key_toml} = 1\n", f"me.{shown}"
    else:
        text, loc = HEAD + f"[[colleagues]]\nname = 'A'\n{key_toml} = 1\n", f"colleagues[0].{shown}"
    [line] = lines_of(text)
    assert line.startswith(f"{SOURCE}:")
    assert line.endswith(f": {loc}: unknown key")


def test_hostile_rule_name_is_escaped() -> None:
    text = HEAD + '[netplan]\nselect = ["\\u001b[31mred\\u202e"]\n'
    [line] = lines_of(text)
    assert "\\x1b[31mred\\u202e" in line


def test_hostile_duplicate_name_is_escaped() -> None:
    text = HEAD + '[[targets]]\nname = "\\u001b[2J"\n[[targets]]\nname = "\\u001B[2j"\n'
    # Case folds, so these are the same name.
    [line] = lines_of(text)
    assert "targets[1].name: duplicate name" in line
