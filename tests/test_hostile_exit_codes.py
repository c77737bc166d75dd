"""Never exit 3 on input or environment: numbers out of range, and paths the system refuses.

Every case ends in exit 2 with one line that says where and why. The tests run as
root on the CI machine, where permission bits do not stop anyone: EACCES is then
simulated by making the system call fail (monkeypatch), and the real thing runs
only for a user it applies to.
"""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path
from typing import Any

import pytest

from netplan.cli import run
from netplan.cli.env import Env
from tests.conftest import EXAMPLES

HEAD = '[event]\nname = "Expo"\nkind = "mixer"\n\n[me]\nname = "Robin"\n'
SMALL = str(EXAMPLES / "newcomer.toml")


def netplan(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    env = Env(stdin=io.BytesIO(b""), stdout=out, stderr=err, environ={"COLUMNS": "100"})
    status = run(args=list(args), env=env)
    return int(status), out.getvalue(), err.getvalue()


def one_error(*args: str) -> str:
    status, out, err = netplan(*args)
    assert status == 2, err
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert "internal error" not in err
    return err.strip()


def event_with(tmp_path: Path, event_line: str = "", netplan_line: str = "") -> str:
    text = HEAD.replace('kind = "mixer"\n', f'kind = "mixer"\n{event_line}\n')
    if netplan_line:
        text += f"\n[netplan]\n{netplan_line}\n"
    path = tmp_path / "event.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


# -- numbers --------------------------------------------------------------------------


@pytest.mark.parametrize("digits", [4_301, 100_000, 1_000_000])
@pytest.mark.parametrize("command", ["validate", "advise"])
def test_an_integer_too_long_for_python_is_a_located_error(
    command: str, digits: int, tmp_path: Path
) -> None:
    path = event_with(tmp_path, "new_contacts_goal = " + "7" * digits)
    assert one_error(command, path) == (
        f"{path}:4: integer out of range: TOML integers are 64-bit "
        "(at most 9,223,372,036,854,775,807)"
    )


def test_the_readers_own_refusal_of_long_integers_is_located_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the structure check, tomli raises ValueError (not TOMLDecodeError)."""
    monkeypatch.setattr("netplan.sources.event.structure_problem", lambda _: None)
    path = event_with(tmp_path, "topics = [\n  'a',\n  " + "1" * 5_000 + ",\n]")
    assert one_error("validate", path).startswith(f"{path}:6: integer out of range")


@pytest.mark.parametrize(
    "value", ["9223372036854775808", "-9223372036854775809", "99999999999999999999999"]
)
def test_an_integer_outside_64_bits_is_a_located_error(value: str, tmp_path: Path) -> None:
    path = event_with(tmp_path, f"new_contacts_goal = {value}")
    assert one_error("validate", path) == (
        f"{path}:4: event.new_contacts_goal: integer out of range: TOML integers are "
        "64-bit (at most 9,223,372,036,854,775,807)"
    )


@pytest.mark.parametrize("before", [0, 70_000, 200_000])
def test_an_integer_outside_64_bits_is_found_wherever_it_is_in_a_long_list(
    before: int, tmp_path: Path
) -> None:
    # The check looks at a long list a chunk of values at a time: past the first chunks too.
    items = "1, " * before + "9223372036854775808"
    path = event_with(tmp_path, f"topics = [{items}]")
    assert one_error("validate", path) == (
        f"{path}:4: event.topics[{before}]: integer out of range: TOML integers are "
        "64-bit (at most 9,223,372,036,854,775,807)"
    )


@pytest.mark.parametrize(
    ("event_line", "netplan_line", "where"),
    [
        ("new_contacts_goal = 10001", "", "event.new_contacts_goal"),
        ("new_contacts_goal = 9223372036854775807", "", "event.new_contacts_goal"),
        ("", "regroup_minutes = 1441", "netplan.regroup_minutes"),
        ("", "regroup_minutes = 9223372036854775807", "netplan.regroup_minutes"),
        ("", "default_new_contacts_goal = 10001", "netplan.default_new_contacts_goal"),
    ],
)
def test_a_huge_goal_or_interval_is_refused_not_a_crash(
    event_line: str, netplan_line: str, where: str, tmp_path: Path
) -> None:
    path = event_with(tmp_path, event_line, netplan_line)
    assert f": {where}: " in one_error("validate", path)
    for fmt in ("text", "json", "jsonl", "markdown"):
        status, _, err = netplan("advise", path, "--format", fmt)
        assert status == 2, err
        assert "internal error" not in err
    status, _, err = netplan("checklist", path)
    assert status == 2, err


@pytest.mark.parametrize(
    ("event_line", "netplan_line"),
    [("new_contacts_goal = 10000", "regroup_minutes = 1440"), ("new_contacts_goal = 0", "")],
)
def test_the_largest_allowed_values_are_advised_on(
    event_line: str, netplan_line: str, tmp_path: Path
) -> None:
    path = event_with(tmp_path, event_line, netplan_line)
    for fmt in ("text", "json", "jsonl", "markdown"):
        status, out, err = netplan("advise", path, "--format", fmt)
        assert status == 0, err
        assert out


# -- output paths ---------------------------------------------------------------------


def test_output_to_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop.name)
    line = one_error("checklist", SMALL, "-o", str(loop))
    assert "loop.md" in line
    assert "symbolic links" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loop.md"]


def test_output_through_a_folder_that_is_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    line = one_error("checklist", SMALL, "-o", str(tmp_path / "a" / "out.md"))
    assert "symbolic links" in line


@pytest.mark.parametrize("where", ["name", "folder"])
def test_an_over_long_output_name_is_one_line(where: str, tmp_path: Path) -> None:
    long = "n" * 300
    path = tmp_path / (long + ".md") if where == "name" else tmp_path / long / "out.md"
    line = one_error("checklist", SMALL, "-o", str(path))
    assert "File name too long" in line
    assert list(tmp_path.iterdir()) == []


def name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


@pytest.mark.parametrize("length", [243, 250, 255])
def test_a_legal_long_file_name_can_be_written(length: int, tmp_path: Path) -> None:
    """The temporary name must not push a legal name over NAME_MAX."""
    if length > name_max(tmp_path):
        pytest.skip("this file system allows shorter names")
    name = "p" * (length - 3) + ".md"
    assert len(os.fsencode(name)) == length
    status, out, err = netplan("checklist", SMALL, "-o", str(tmp_path / name))
    assert status == 0, err
    assert out == ""
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert (tmp_path / name).read_text(encoding="utf-8").startswith("## Checklist")
    # The same again with --force, which renames over the file.
    status, _, err = netplan("checklist", SMALL, "-o", str(tmp_path / name), "--force")
    assert status == 0, err
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_multibyte_name_of_255_bytes_can_be_written(tmp_path: Path) -> None:
    name = "é" * 126 + ".md"  # 252 + 3 bytes
    assert len(os.fsencode(name)) == 255
    status, _, err = netplan("checklist", SMALL, "-o", str(tmp_path / name))
    assert status == 0, err
    assert [p.name for p in tmp_path.iterdir()] == [name]


def deny(monkeypatch: pytest.MonkeyPatch, call: str, folder: Path) -> None:
    """Make `os.<call>` fail with EACCES for anything inside `folder`, as it would for a
    user without permission there (root is never refused)."""
    real = getattr(os, call)
    inside = os.fsencode(folder)

    def refused(path: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(path, (str, bytes, os.PathLike)) and os.fsencode(path).startswith(inside):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, call, refused)


@pytest.mark.parametrize("call", ["open", "stat", "lstat"])
def test_a_folder_one_may_not_enter_is_one_line(
    call: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    deny(monkeypatch, call, folder)
    line = one_error("checklist", SMALL, "-o", str(folder / "out.md"))
    monkeypatch.undo()
    assert "Permission denied" in line
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root is never refused: see the simulated test")
def test_a_folder_one_may_not_enter_is_one_line_for_real(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert "Permission denied" in one_error("checklist", SMALL, "-o", str(folder / "x.md"))
    finally:
        folder.chmod(0o700)


# -- input paths ----------------------------------------------------------------------


def test_an_input_that_is_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop.name)
    for command in ("validate", "advise", "checklist"):
        assert "symbolic links" in one_error(command, str(loop))


def test_an_over_long_input_name_is_one_line(tmp_path: Path) -> None:
    assert "File name too long" in one_error("validate", str(tmp_path / ("n" * 300)))


def test_an_input_one_may_not_read_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.toml"
    path.write_text(HEAD, encoding="utf-8")
    real = open

    def refused(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refused)
    assert one_error("validate", str(path)) == f"{path}: permission denied"
