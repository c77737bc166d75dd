"""Bad input through the CLI: exit 2, located lines on stderr, empty stdout, no traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from netplan.cli import app
from netplan.sources.event import DEFAULT_MAX_BYTES
from tests.test_loader import deny_reading

runner = CliRunner()

GOOD = '[event]\nname = "Good Event"\nkind = "mixer"\n\n[me]\nname = "Robin"\n'
OTHER = GOOD.replace("Good Event", "Other Event")

# Control, C1 and bidi characters that must never reach a terminal raw.
UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
)

# name → (file bytes, text that the message must contain)
BAD: dict[str, tuple[bytes, str]] = {
    "utf16": (b"\xff\xfe" + GOOD.encode("utf-16-le"), ": not UTF-8"),
    "cp1252": (GOOD.replace("Good", "Café").encode("cp1252"), ":2: not UTF-8"),
    "empty": (b"", ": the file is empty"),
    "whitespace": (b" \n\t\n", ": the file is empty"),
    "nul": (b"\x00\x00\x00", ":1:1: invalid TOML"),
    "garbage": (bytes(range(256)), ": not UTF-8"),
    "escape-bytes": (b"\x1b[2J\x1b]0;pwned\x07", ":1:1: invalid TOML"),
    "syntax": (b'[event]\nname = "X"\nkind = "mixer\n', ":3:14: invalid TOML"),
    "deep-arrays": (GOOD.encode() + b"x = " + b"[" * 5000 + b"]" * 5000, ": invalid TOML"),
    "deep-tables": (GOOD.encode() + b"x = " + b"{a=" * 5000 + b"1" + b"}" * 5000, ": invalid TOML"),
    "wrong-type": (
        GOOD.replace("[me]", 'expected_attendees = "3"\n[me]').encode(),
        ":5: event.expected_attendees: ",
    ),
    "int-for-list": (b"colleagues = 3\n" + GOOD.encode(), ":1: colleagues: "),
    "unknown-key": (
        (GOOD + '[[colleagues]]\nname = "A"\nstlye = "supporter"\n').encode(),
        ":9: colleagues[0].stlye: unknown key (did you mean 'style'?)",
    ),
    "top-level-typo": (
        b"colleages = []\n" + GOOD.encode(),
        ":1: colleages: unknown key (did you mean 'colleagues'?)",
    ),
    "unknown-value": (GOOD.replace('"mixer"', '"rave"').encode(), ":3: event.kind: "),
    "duplicate": (
        (GOOD + '[[colleagues]]\nname = "ROBIN"\n').encode(),
        ":8: colleagues[0].name: duplicate name",
    ),
    "duplicate-target": (
        (GOOD + '[[targets]]\nname = "Dana"\n[[targets]]\nname = " dana "\n').encode(),
        ":10: targets[1].name: duplicate name",
    ),
    "blank-name": (GOOD.replace('"Robin"', '"   "').encode(), ":6: me.name: must not be blank"),
    "missing-sections": (b"# only a comment\n", ": event: required key is missing"),
    "hostile-key": (
        (GOOD + '"\\u001b[2J\\u202e" = 1\n').encode(),
        ": me.\\x1b[2J\\u202e: unknown key",
    ),
    "unknown-rule": (
        (GOOD + '[netplan]\nselect = ["\\u001b[31mnope"]\n').encode(),
        ":8: netplan.select[0]: unknown rule '\\x1b[31mnope'",
    ),
}


def advise(*args: str, stdin: bytes | None = None) -> Result:
    return runner.invoke(app, ["advise", *args], input=stdin)


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr
    # Exit 2 comes from typer.Exit, seen by the runner as SystemExit; anything else escaped.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )


def input_error_lines(result: Result, *sources: str, stdout_empty: bool = True) -> list[str]:
    """Check the shape of a failed run and return its stderr lines."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert_no_traceback(result)
    if stdout_empty:
        assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines, "a bad input must be reported on stderr"
    for line in lines:
        assert not UNSAFE.search(line), repr(line)
        assert line.startswith(tuple(f"{s}:" for s in sources)), (line, sources)
    return lines


def reported(lines: list[str], source: str, expected: str) -> bool:
    """Whether a line is `source` + `expected`; a line number may come between the two when
    `expected` does not start with one itself."""
    line_no = "" if re.match(r":\d", expected) else r"(?::\d+)?"
    pattern = re.compile(re.escape(source) + line_no + re.escape(expected))
    return any(pattern.match(line) for line in lines)


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


# --- one bad file -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(BAD))
def test_bad_file(tmp_path: Path, case: str) -> None:
    data, expected = BAD[case]
    path = write(tmp_path, "event.toml", data)
    lines = input_error_lines(advise(path), path)
    assert reported(lines, path, expected), (expected, lines)


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
@pytest.mark.parametrize("case", ["syntax", "unknown-key", "hostile-key", "deep-arrays"])
def test_bad_file_in_every_format(tmp_path: Path, case: str, fmt: str) -> None:
    data, expected = BAD[case]
    path = write(tmp_path, "event.toml", data)
    lines = input_error_lines(advise(path, "--format", fmt), path)
    assert reported(lines, path, expected), (expected, lines)


@pytest.mark.parametrize("case", ["syntax", "unknown-key", "empty"])
def test_bad_file_for_checklist(tmp_path: Path, case: str) -> None:
    data, expected = BAD[case]
    path = write(tmp_path, "event.toml", data)
    result = runner.invoke(app, ["checklist", path])
    lines = input_error_lines(result, path)
    assert reported(lines, path, expected), (expected, lines)


def test_debug_does_not_turn_bad_input_into_a_traceback(tmp_path: Path) -> None:
    data, expected = BAD["deep-arrays"]
    path = write(tmp_path, "event.toml", data)
    lines = input_error_lines(runner.invoke(app, ["--debug", "advise", path]), path)
    assert reported(lines, path, expected), (expected, lines)


def test_fail_on_does_not_hide_the_input_error(tmp_path: Path) -> None:
    path = write(tmp_path, "event.toml", BAD["syntax"][0])
    input_error_lines(advise(path, "--fail-on", "con"), path)


def test_every_problem_is_one_line(tmp_path: Path) -> None:
    text = (
        'colleages = []\n"line\\nbreak" = 1\n'
        + GOOD.replace("[me]", "kidn = 1\n[me]")
        + '[[colleagues]]\nname = "A"\nstyle = "partier"\n'
    )
    path = write(tmp_path, "event.toml", text)
    lines = input_error_lines(advise(path), path)
    assert len(lines) == 4
    assert reported(lines, path, ": line\\nbreak: unknown key"), lines


# --- files that cannot be read ------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.toml")
    assert input_error_lines(advise(path), path) == [f"{path}: no such file"]


def test_directory(tmp_path: Path) -> None:
    path = str(tmp_path)
    [line] = input_error_lines(advise(path), path)
    assert "directory" in line


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.toml"
    path.write_text(GOOD)
    deny_reading(monkeypatch, path)
    assert input_error_lines(advise(str(path)), str(path)) == [f"{path}: permission denied"]


def test_file_above_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as f:
        f.truncate(DEFAULT_MAX_BYTES + 1)  # sparse: no disk used
    [line] = input_error_lines(advise(str(path)), str(path))
    assert "limit" in line
    assert f"{DEFAULT_MAX_BYTES:,}" in line


def test_hostile_file_name_is_escaped(tmp_path: Path) -> None:
    path = str(tmp_path / "x\x1b[2J\u202e.toml")
    result = advise(path)
    assert result.exit_code == 2
    assert_no_traceback(result)
    assert result.stdout == ""
    assert "\x1b" not in result.stderr
    assert "\u202e" not in result.stderr
    shown = path.replace("\x1b", "\\x1b").replace("\u202e", "\\u202e")
    assert result.stderr == f"{shown}: no such file\n"


# --- several files ------------------------------------------------------------------------------


def test_one_bad_file_among_good_ones_json(tmp_path: Path) -> None:
    good = write(tmp_path, "good.toml", GOOD)
    bad = write(tmp_path, "bad.toml", BAD["unknown-key"][0])
    other = write(tmp_path, "other.toml", OTHER)
    result = advise(good, bad, other, "--format", "json")
    lines = input_error_lines(result, bad, stdout_empty=False)
    assert lines == [f"{bad}{BAD['unknown-key'][1]}"]
    plans = json.loads(result.stdout)
    assert [p["source"] for p in plans] == [good, other]
    assert [p["event"]["name"] for p in plans] == ["Good Event", "Other Event"]


def test_one_bad_file_among_good_ones_text(tmp_path: Path) -> None:
    good = write(tmp_path, "good.toml", GOOD)
    bad = write(tmp_path, "bad.toml", BAD["syntax"][0])
    result = advise(bad, good, "--no-color")
    input_error_lines(result, bad, stdout_empty=False)
    assert "Good Event" in result.stdout
    assert bad not in result.stdout


def test_every_bad_file_is_reported(tmp_path: Path) -> None:
    paths = [write(tmp_path, f"{case}.toml", BAD[case][0]) for case in BAD]
    good = write(tmp_path, "good.toml", GOOD)
    result = advise(*paths, good, "--format", "json")
    lines = input_error_lines(result, *paths, stdout_empty=False)
    for path, case in zip(paths, BAD, strict=True):
        assert reported(lines, path, BAD[case][1]), (case, lines)
    assert [p["source"] for p in json.loads(result.stdout)] == [good]


def test_all_files_bad_prints_nothing(tmp_path: Path) -> None:
    a = write(tmp_path, "a.toml", BAD["empty"][0])
    b = str(tmp_path / "missing.toml")
    lines = input_error_lines(advise(a, b, "--format", "json"), a, b)
    assert len(lines) == 2


# --- standard input -----------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["utf16", "syntax", "unknown-key", "deep-tables", "hostile-key"])
def test_bad_stdin(case: str) -> None:
    data, expected = BAD[case]
    lines = input_error_lines(advise("-", stdin=data), "<stdin>")
    assert reported(lines, "<stdin>", expected), (expected, lines)


def test_empty_stdin() -> None:
    lines = input_error_lines(advise("-", stdin=b""), "<stdin>")
    assert lines == ["<stdin>: the file is empty: an event needs [event] and [me]"]


def test_good_stdin_with_a_bad_file(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.toml", BAD["duplicate"][0])
    result = advise(bad, "-", "--format", "json", stdin=GOOD.encode())
    input_error_lines(result, bad, stdout_empty=False)
    assert [p["source"] for p in json.loads(result.stdout)] == ["<stdin>"]


def test_good_stdin_alone_succeeds() -> None:
    # The control: the same runner, same stdin path, valid bytes → exit 0.
    result = advise("-", "--format", "json", stdin=GOOD.encode())
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert json.loads(result.stdout)["source"] == "<stdin>"
