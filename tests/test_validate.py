"""`netplan validate`: 'FILE: ok', located problems, and warnings that do not fail."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from netplan.cli import app
from tests.conftest import example_files

runner = CliRunner()


def run(*args: str, input: str | None = None) -> Result:
    return runner.invoke(app, list(args), input=input)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, line: str, occurrence: int = 1) -> int:
    """The 1-based number of the `occurrence`-th line equal to `line`."""
    numbers = [n for n, got in enumerate(text.splitlines(), start=1) if got == line]
    assert len(numbers) >= occurrence, f"{line!r} not in the test file"
    return numbers[occurrence - 1]


def warnings(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": warning: " in line]


GOOD = """\
[event]
name = "Harbour Mixer"
kind = "mixer"

[me]
name = "Robin"
"""

BAD = """\
[event]
name = "Broken Mixer"
kind = "party"

[me]
name = "Robin"

[[colleagues]]
name = "Ana"
style = 3
"""


# --- valid files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_every_example_is_ok(path: Path) -> None:
    result = run("validate", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}: ok\n"


def test_all_examples_at_once() -> None:
    paths = example_files()
    assert len(paths) >= 4
    result = run("validate", *map(str, paths))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [f"{p}: ok" for p in paths]


def test_standard_input() -> None:
    result = run("validate", "-", input=GOOD)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "<stdin>: ok\n"


# --- invalid files -------------------------------------------------------------------------------


def test_one_bad_file_among_good_ones(tmp_path: Path) -> None:
    first = write(tmp_path, "first.toml", GOOD)
    bad = write(tmp_path, "bad.toml", BAD)
    last = write(tmp_path, "last.toml", GOOD)
    result = run("validate", str(first), str(bad), str(last))
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [f"{first}: ok", f"{last}: ok"]
    errors = result.stderr.splitlines()
    kind_line = line_of(BAD, 'kind = "party"')
    style_line = line_of(BAD, "style = 3")
    assert any(e.startswith(f"{bad}:{kind_line}: event.kind: ") for e in errors), errors
    assert any(e.startswith(f"{bad}:{style_line}: colleagues[0].style: ") for e in errors), errors
    assert all(e.startswith(f"{bad}:") for e in errors), errors
    assert ": warning: " not in result.stderr


def test_every_problem_is_reported(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.toml", BAD.replace('name = "Robin"', 'name = "Robin"\nage = 3'))
    result = run("validate", str(bad))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 3
    assert f"{bad}:{line_of(bad.read_text(), 'age = 3')}: me.age: unknown key" in result.stderr


def test_invalid_toml_has_line_and_column(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.toml", GOOD + "name = \n")
    result = run("validate", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{bad}:7:")
    assert "invalid TOML" in result.stderr


def test_missing_file_among_good_ones(tmp_path: Path) -> None:
    good = write(tmp_path, "good.toml", GOOD)
    missing = tmp_path / "missing.toml"
    result = run("validate", str(missing), str(good))
    assert result.exit_code == 2
    assert result.stdout == f"{good}: ok\n"
    assert f"{missing}: no such file" in result.stderr


# --- warnings ------------------------------------------------------------------------------------

UNKNOWN_KNOWS = """\
[event]
name = "Harbour Mixer"
kind = "mixer"
goal = "{goal}"

[me]
name = "Robin"

[[colleagues]]
name = "Ana"
knows = ["Pat Lee"]

[[colleagues]]
name = "Bo"
knows = ["Pat Lee", "Zed Unknown"]

[[targets]]
name = "Pat Lee"
"""


def test_knows_matching_no_target_warns_at_a_business_event(tmp_path: Path) -> None:
    text = UNKNOWN_KNOWS.format(goal="business")
    path = write(tmp_path, "event.toml", text)
    result = run("validate", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}: ok\n"
    line = line_of(text, 'knows = ["Pat Lee", "Zed Unknown"]')
    assert warnings(result) == [
        f"{path}:{line}: warning: colleagues[1].knows[1]: 'Zed Unknown' matches no target; "
        "at a business event only targets count "
        "(check the spelling, or add them under [[targets]])"
    ]


def test_knows_matching_no_target_is_fine_at_a_personal_event(tmp_path: Path) -> None:
    path = write(tmp_path, "event.toml", UNKNOWN_KNOWS.format(goal="personal"))
    result = run("validate", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}: ok\n"
    assert result.stderr == ""


def test_knows_matching_no_target_with_default_goal_warns(tmp_path: Path) -> None:
    text = UNKNOWN_KNOWS.replace('goal = "{goal}"\n', "")
    path = write(tmp_path, "event.toml", text)
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert len(warnings(result)) == 1
    assert "'Zed Unknown' matches no target" in result.stderr


DUPLICATE_KNOWS = """\
[event]
name = "Harbour Mixer"
kind = "mixer"

[me]
name = "Robin"

[[colleagues]]
name = "Ana"
knows = ["Pat Lee"]

[[colleagues]]
name = "Bo"
knows = [
    "Pat Lee",
    "Quinn Shaw",
    "pat LEE",
]

[[targets]]
name = "Pat Lee"

[[targets]]
name = "Quinn Shaw"
"""


def test_same_name_twice_in_knows_warns(tmp_path: Path) -> None:
    path = write(tmp_path, "event.toml", DUPLICATE_KNOWS)
    result = run("validate", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}: ok\n"
    # The element itself, not the line the array opens on.
    line = line_of(DUPLICATE_KNOWS, '    "pat LEE",')
    assert warnings(result) == [
        f"{path}:{line}: warning: colleagues[1].knows[2]: 'pat LEE' is listed twice (also knows[0])"
    ]


def test_one_address_or_profile_written_two_ways_in_knows_warns(tmp_path: Path) -> None:
    text = DUPLICATE_KNOWS.replace(
        '    "pat LEE",\n',
        '    "https://www.linkedin.com/in/pat-lee/",\n    "linkedin.com/in/Pat-Lee",\n'
        '    "pat@example.com",\n    "mailto:PAT@example.com",\n',
    ).replace(
        'name = "Pat Lee"\n',
        'name = "Pat Lee"\nemail = "pat@example.com"\n'
        'linkedin = "https://linkedin.com/in/pat-lee"\n',
    )
    path = write(tmp_path, "event.toml", text)
    result = run("validate", str(path))
    assert result.exit_code == 0, result.stderr
    # Each is the same person as the entry before it, written another way.
    assert [w.split(": warning: ")[-1] for w in warnings(result)] == [
        "colleagues[1].knows[3]: 'linkedin.com/in/Pat-Lee' is listed twice (also knows[2])",
        "colleagues[1].knows[5]: 'mailto:PAT@example.com' is listed twice (also knows[4])",
    ]


HAPPY_HOUR = """\
[event]
name = "Friday Drinks"
kind = "{kind}"

[me]
name = "Robin"

[[colleagues]]
name = "Ana"
style = "socializer"

[[colleagues]]
name = "Bo"
{style}
[[colleagues]]
name = "Cy"
style = "reluctant"
"""


def test_no_style_at_a_happy_hour_warns(tmp_path: Path) -> None:
    text = HAPPY_HOUR.format(kind="happy-hour", style="")
    path = write(tmp_path, "event.toml", text)
    result = run("validate", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}: ok\n"
    line = line_of(text, "[[colleagues]]", occurrence=2)
    assert warnings(result) == [
        f"{path}:{line}: warning: colleagues[1]: no style given for Bo at a happy hour: "
        "netplan assumes 'networker'; say 'socializer' if they will treat it as one"
    ]


@pytest.mark.parametrize("style", ["networker", "socializer", "supporter"])
def test_explicit_style_at_a_happy_hour_does_not_warn(tmp_path: Path, style: str) -> None:
    path = write(
        tmp_path, "event.toml", HAPPY_HOUR.format(kind="happy-hour", style=f'style = "{style}"\n')
    )
    result = run("validate", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}: ok\n"
    assert result.stderr == ""


def test_no_style_at_other_events_does_not_warn(tmp_path: Path) -> None:
    path = write(tmp_path, "event.toml", HAPPY_HOUR.format(kind="mixer", style=""))
    result = run("validate", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_warnings_go_to_stderr_and_do_not_fail_with_other_files(tmp_path: Path) -> None:
    warned = write(tmp_path, "warned.toml", HAPPY_HOUR.format(kind="happy-hour", style=""))
    good = write(tmp_path, "good.toml", GOOD)
    result = run("validate", str(warned), str(good))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"{warned}: ok", f"{good}: ok"]
    assert ": warning: " not in result.stdout
    assert [w.split(":")[0] for w in warnings(result)] == [str(warned)]


def test_warnings_do_not_hide_errors_elsewhere(tmp_path: Path) -> None:
    warned = write(tmp_path, "warned.toml", HAPPY_HOUR.format(kind="happy-hour", style=""))
    bad = write(tmp_path, "bad.toml", BAD)
    result = run("validate", str(warned), str(bad))
    assert result.exit_code == 2
    assert result.stdout == f"{warned}: ok\n"
    assert len(warnings(result)) == 1
    assert f"{bad}:" in result.stderr
