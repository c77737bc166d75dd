"""`-o/--output`: atomic writes, --force, permissions, bad paths, and one file per input."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from netplan.cli import app
from netplan.errors import OutputError
from netplan.output import write_atomic
from tests.conftest import EXAMPLES

runner = CliRunner()
NEWCOMER = str(EXAMPLES / "newcomer.toml")
TRADE_SHOW = str(EXAMPLES / "trade-show.toml")

COMMANDS = {
    "advise-text": ["advise", "--format", "text", "--no-color"],
    "advise-json": ["advise", "--format", "json"],
    "advise-markdown": ["advise", "--format", "markdown"],
    "checklist-markdown": ["checklist"],
    "checklist-json": ["checklist", "--format", "json"],
}


@pytest.fixture(autouse=True)
def _fixed_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def run(*args: str, **kwargs: Any) -> Result:
    return runner.invoke(app, list(args), **kwargs)


def stdout_of(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout
    return result.stdout


def one_error_line(result: Result) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def with_file(cmd: str, path: str) -> list[str]:
    head, *rest = COMMANDS[cmd]
    return [head, path, *rest]


@pytest.mark.parametrize("cmd", sorted(COMMANDS))
def test_output_file_has_what_stdout_would_have(cmd: str, tmp_path: Path) -> None:
    out = tmp_path / "plan.out"
    expected = stdout_of(*with_file(cmd, TRADE_SHOW))
    result = run(*with_file(cmd, TRADE_SHOW), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert out.read_bytes() == expected.encode("utf-8")
    assert listing(tmp_path) == {"plan.out"}


@pytest.mark.parametrize("option", ["-o", "--output"])
@pytest.mark.parametrize("cmd", ["advise-markdown", "checklist-markdown"])
def test_second_run_without_force_is_refused(cmd: str, option: str, tmp_path: Path) -> None:
    out = tmp_path / "prep.md"
    assert run(*with_file(cmd, NEWCOMER), option, str(out)).exit_code == 0
    before = out.read_bytes()
    mtime = out.stat().st_mtime_ns
    # Even with different content to write, the existing file stays as it was.
    line = one_error_line(run(*with_file(cmd, TRADE_SHOW), option, str(out)))
    assert "--force" in line
    assert "prep.md" in line
    assert out.read_bytes() == before
    assert out.stat().st_mtime_ns == mtime
    assert listing(tmp_path) == {"prep.md"}


def test_force_overwrites_and_keeps_permissions(tmp_path: Path) -> None:
    out = tmp_path / "prep.md"
    out.write_text("old notes\n", encoding="utf-8")
    out.chmod(0o640)
    result = run("checklist", TRADE_SHOW, "-o", str(out), "--force")
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8") == stdout_of("checklist", TRADE_SHOW)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert listing(tmp_path) == {"prep.md"}


@pytest.mark.parametrize("mode", [0o600, 0o644, 0o664, 0o755])
def test_force_keeps_other_permission_bits(mode: int, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    out.write_text("{}\n", encoding="utf-8")
    out.chmod(mode)
    write_atomic(out, "new\n", force=True)
    assert out.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(out.stat().st_mode) == mode


@pytest.mark.usefixtures("umask_022")
def test_new_file_gets_the_usual_permissions_not_mkstemps_0600(tmp_path: Path) -> None:
    out = tmp_path / "prep.md"
    assert run("checklist", NEWCOMER, "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_missing_folder_is_one_clear_line(tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "prep.md"
    line = one_error_line(run("checklist", NEWCOMER, "-o", str(out)))
    assert "no-such-folder" in line
    assert not (tmp_path / "no-such-folder").exists()
    assert listing(tmp_path) == set()


def test_path_under_a_file_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("keep me\n", encoding="utf-8")
    line = one_error_line(
        run("advise", NEWCOMER, "--format", "json", "-o", str(blocker / "out.md"))
    )
    assert "file.txt" in line
    assert blocker.read_text(encoding="utf-8") == "keep me\n"
    assert listing(tmp_path) == {"file.txt"}


def test_text_written_to_a_file_has_no_colour_even_with_color(tmp_path: Path) -> None:
    out = tmp_path / "plan.txt"
    result = run("advise", TRADE_SHOW, "--color", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    content = out.read_text(encoding="utf-8")
    assert "\x1b" not in content
    assert content == stdout_of("advise", TRADE_SHOW, "--no-color")


# write_atomic failing half-way: the old file stays whole, and no temporary file is left.


def fail_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first write puts half the bytes on disk, then fails like a full disk would."""
    real = os.write

    def write(fd: int, data: Any) -> int:
        monkeypatch.setattr(os, "write", real)
        real(fd, bytes(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", write)


def fail_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    def replace(*_: Any) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", replace)


def fail_link(monkeypatch: pytest.MonkeyPatch) -> None:
    def link(*_: Any) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "link", link)


def interrupt_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    def replace(*_: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("existing", [True, False], ids=["over-a-file", "new-file"])
@pytest.mark.parametrize(
    "breaker", [fail_write, fail_replace, fail_link], ids=["write", "replace", "link"]
)
def test_failure_mid_write_leaves_old_file_and_no_temp(
    breaker: Any, existing: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "prep.md"
    if existing:
        out.write_bytes(b"the old checklist\n")
    # A new file is published with a link without --force, with a rename with it.
    force = breaker is not fail_link
    breaker(monkeypatch)
    with pytest.raises(OutputError) as caught:
        write_atomic(out, "the new checklist, much longer than the old one\n" * 100, force=force)
    monkeypatch.undo()
    message = str(caught.value)
    assert "prep.md" in message
    assert "\n" not in message
    if existing:
        assert out.read_bytes() == b"the old checklist\n"
        assert listing(tmp_path) == {"prep.md"}
    else:
        assert listing(tmp_path) == set()


def test_interrupt_mid_write_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "prep.md"
    out.write_bytes(b"old\n")
    interrupt_replace(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(out, "new\n", force=True)
    monkeypatch.undo()
    assert out.read_bytes() == b"old\n"
    assert listing(tmp_path) == {"prep.md"}


def test_failure_mid_write_through_the_cli_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "prep.md"
    out.write_bytes(b"old\n")
    fail_replace(monkeypatch)
    result = run("checklist", NEWCOMER, "-o", str(out), "--force")
    monkeypatch.undo()
    line = one_error_line(result)
    assert "prep.md" in line
    assert "cannot write" in line
    assert out.read_bytes() == b"old\n"
    assert listing(tmp_path) == {"prep.md"}


# Several inputs: markdown into a folder, one STEM.md per input.


@pytest.mark.parametrize("cmd", ["advise-markdown", "checklist-markdown"])
def test_several_markdown_inputs_write_one_file_each(cmd: str, tmp_path: Path) -> None:
    folder = tmp_path / "prep"
    folder.mkdir()
    head, *rest = COMMANDS[cmd]
    result = run(head, NEWCOMER, TRADE_SHOW, *rest, "-o", str(folder))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert listing(folder) == {"newcomer.md", "trade-show.md"}
    for src in (NEWCOMER, TRADE_SHOW):
        written = (folder / f"{Path(src).stem}.md").read_text(encoding="utf-8")
        assert written == stdout_of(*with_file(cmd, src))


def test_stdin_among_several_is_written_as_stdin_md(tmp_path: Path) -> None:
    folder = tmp_path / "prep"
    folder.mkdir()
    data = Path(TRADE_SHOW).read_bytes()
    result = run("checklist", NEWCOMER, "-", "-o", str(folder), input=data)
    assert result.exit_code == 0, result.stderr
    assert listing(folder) == {"newcomer.md", "stdin.md"}
    assert "FinOps Expo 2026" in (folder / "stdin.md").read_text(encoding="utf-8")


def test_several_inputs_into_one_file_write_the_whole_report(tmp_path: Path) -> None:
    """Not a folder: the one document standard output would have had."""
    out = tmp_path / "prep.md"
    result = run("checklist", NEWCOMER, TRADE_SHOW, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8") == stdout_of("checklist", NEWCOMER, TRADE_SHOW)
    assert listing(tmp_path) == {"prep.md"}


def test_several_inputs_into_an_existing_file_need_force(tmp_path: Path) -> None:
    out = tmp_path / "prep.md"
    out.write_bytes(b"mine\n")
    assert "--force" in one_error_line(run("checklist", NEWCOMER, TRADE_SHOW, "-o", str(out)))
    assert out.read_bytes() == b"mine\n"
    assert listing(tmp_path) == {"prep.md"}


# A folder means one STEM.EXT per input, however many inputs: a script's glob that
# matches one file must get what it gets when it matches two.


@pytest.mark.parametrize("cmd", sorted(COMMANDS))
@pytest.mark.parametrize("slash", ["", os.sep])
def test_one_input_into_a_folder_writes_its_stem_ext(cmd: str, slash: str, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    result = run(*with_file(cmd, NEWCOMER), "-o", str(folder) + slash)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == result.stderr == ""
    (written,) = folder.iterdir()
    assert written.stem == "newcomer"
    assert written.read_text(encoding="utf-8") == stdout_of(*with_file(cmd, NEWCOMER))


def test_one_input_into_a_folder_is_the_same_file_as_among_several(tmp_path: Path) -> None:
    alone, among = tmp_path / "alone", tmp_path / "among"
    alone.mkdir()
    among.mkdir()
    assert run("advise", NEWCOMER, "-f", "md", "-o", str(alone)).exit_code == 0
    assert run("advise", NEWCOMER, TRADE_SHOW, "-f", "md", "-o", str(among)).exit_code == 0
    assert listing(alone) == {"newcomer.md"}
    assert (alone / "newcomer.md").read_bytes() == (among / "newcomer.md").read_bytes()


def test_one_input_into_a_folder_keeps_the_safety_rules(tmp_path: Path) -> None:
    folder = tmp_path / "prep"
    folder.mkdir()
    (folder / "newcomer.md").write_bytes(b"mine\n")
    line = one_error_line(run("checklist", NEWCOMER, "-o", str(folder)))
    assert (
        line == f"netplan: {folder / 'newcomer.md'}: already exists (use --force to overwrite it)"
    )
    assert (folder / "newcomer.md").read_bytes() == b"mine\n"
    # An input that is the file a folder run would write is refused as an input.
    source = folder / "plan.md"
    shutil.copy(NEWCOMER, source)
    line = one_error_line(run("checklist", str(source), "-o", str(folder)))
    assert "is one of the input files (use --force to replace it)" in line
    assert source.read_bytes() == Path(NEWCOMER).read_bytes()
    assert run("checklist", NEWCOMER, "-o", str(folder), "--force").exit_code == 0
    assert (folder / "newcomer.md").read_text(encoding="utf-8") == stdout_of("checklist", NEWCOMER)


@pytest.mark.parametrize("cmd", ["advise", "checklist"])
@pytest.mark.parametrize("inputs", [[NEWCOMER], [NEWCOMER, TRADE_SHOW]], ids=["one", "two"])
@pytest.mark.parametrize("end", [os.sep, f"{os.sep}."])
def test_a_path_ending_in_a_slash_is_a_folder_never_a_file(
    cmd: str, inputs: list[str], end: str, tmp_path: Path
) -> None:
    """`-o out/` (or `out/.`) where there is no `out`: refused, and no file named `out`
    appears."""
    where = f"{tmp_path / 'nodir'}{end}"
    line = one_error_line(run(cmd, *inputs, "-o", where))
    assert line == f"netplan: {where}: no such folder (create it first, or give a file name)"
    assert listing(tmp_path) == set()


def test_a_path_ending_in_a_slash_that_is_a_file_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    out.write_bytes(b"mine\n")
    line = one_error_line(run("checklist", NEWCOMER, "--force", "-o", f"{out}{os.sep}"))
    assert line == f"netplan: {out}{os.sep}: not a folder"
    assert out.read_bytes() == b"mine\n"
    assert listing(tmp_path) == {"plan.md"}


def test_an_empty_output_path_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not read as ".": the working folder would get a file per input."""
    monkeypatch.chdir(tmp_path)
    for inputs in ([NEWCOMER], [NEWCOMER, TRADE_SHOW]):
        line = one_error_line(run("checklist", *inputs, "-o", ""))
        assert line == "netplan: -o needs a file or folder name, not an empty one"
    # Commands that write one file: not ".: is a directory".
    for args in (["schema", "-o", ""], ["init", "", "--name", "X", "--me", "Y"]):
        line = one_error_line(run(*args))
        assert line == "netplan: an output file needs a name, not an empty one"
    assert listing(tmp_path) == set()


@pytest.mark.parametrize(
    "args",
    [
        ["team", NEWCOMER, TRADE_SHOW],
        ["schema"],
        ["people", str(EXAMPLES / "lists" / "linkedin-ana.csv")],
        ["init", "--name", "Mixer", "--me", "Robin"],
    ],
    ids=["team", "schema", "people", "init"],
)
@pytest.mark.parametrize("exists", [False, True])
@pytest.mark.parametrize("end", [os.sep, f"{os.sep}."])
def test_commands_that_write_one_file_refuse_a_path_ending_in_a_slash(
    args: list[str], exists: bool, end: str, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    if exists:
        folder.mkdir()
    where = f"{folder}{end}"
    where_args = [args[0], where, *args[1:]] if args[0] == "init" else [*args, "-o", where]
    line = one_error_line(run(*where_args))
    assert line == f"netplan: {where}: is written as a folder; give the name of the file to write"
    assert listing(tmp_path) == ({"out"} if exists else set())
    if exists:
        assert listing(folder) == set()


@pytest.mark.parametrize("slash", ["", os.sep])
def test_checklist_for_one_person_into_a_folder_writes_a_file_per_input(
    slash: str, tmp_path: Path
) -> None:
    folder = tmp_path / "tom"
    folder.mkdir()
    for_tom = ["--for", "Tom Becker"]
    result = run("checklist", TRADE_SHOW, *for_tom, "-o", str(folder) + slash)
    assert result.exit_code == 0, result.stderr
    assert listing(folder) == {"trade-show.md"}
    written = (folder / "trade-show.md").read_text(encoding="utf-8")
    assert written == stdout_of("checklist", TRADE_SHOW, *for_tom)
    line = one_error_line(run("checklist", TRADE_SHOW, *for_tom, "-o", str(folder)))
    assert "trade-show.md: already exists" in line


def test_same_stem_twice_is_refused_and_nothing_written(tmp_path: Path) -> None:
    for sub, src in (("a", NEWCOMER), ("b", TRADE_SHOW)):
        (tmp_path / sub).mkdir()
        shutil.copy(src, tmp_path / sub / "x.toml")
    folder = tmp_path / "out"
    folder.mkdir()
    a, b = str(tmp_path / "a" / "x.toml"), str(tmp_path / "b" / "x.toml")
    for cmd in (["checklist"], ["advise", "--format", "markdown"]):
        line = one_error_line(run(cmd[0], a, b, *cmd[1:], "-o", str(folder), "--force"))
        assert "x.md" in line
        assert listing(folder) == set()


def test_an_existing_target_stops_the_batch_before_anything_is_written(tmp_path: Path) -> None:
    """Like a stem collision, a refused file is found before any file of the batch is written."""
    folder = tmp_path / "prep"
    folder.mkdir()
    (folder / "trade-show.md").write_bytes(b"mine\n")
    line = one_error_line(run("checklist", NEWCOMER, TRADE_SHOW, "-o", str(folder)))
    assert "--force" in line
    assert (folder / "trade-show.md").read_bytes() == b"mine\n"
    assert listing(folder) == {"trade-show.md"}


def test_bad_input_among_several_still_writes_the_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "prep"
    folder.mkdir()
    missing = str(tmp_path / "missing.toml")
    result = run("checklist", NEWCOMER, missing, TRADE_SHOW, "-o", str(folder))
    assert result.exit_code == 2
    assert "missing.toml" in result.stderr
    assert listing(folder) == {"newcomer.md", "trade-show.md"}
