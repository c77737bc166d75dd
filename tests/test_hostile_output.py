"""Nothing replaced without --force, even under a race; a batch is all or nothing.

Without --force a finished temporary file is published with os.link, which fails if
the name appeared meanwhile; where hard links are not supported the name is created
with O_EXCL instead. os.replace is used only with --force, where concurrent writers
each leave one complete file.
"""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netplan import output as output_module
from netplan.cli import run
from netplan.cli.env import Env
from netplan.errors import OutputError
from netplan.output import TEMP_PREFIX, TEMP_SUFFIX, write_atomic
from tests.conftest import EXAMPLES

NEWCOMER = EXAMPLES / "newcomer.toml"
TRADE_SHOW = EXAMPLES / "trade-show.toml"
WARM = EXAMPLES / "warm-intros.toml"
TEMP_NAME = re.compile(rf"^{re.escape(TEMP_PREFIX)}[0-9a-f]{{8}}{re.escape(TEMP_SUFFIX)}$")


def netplan(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    env = Env(stdin=io.BytesIO(b""), stdout=out, stderr=err, environ={"COLUMNS": "80"})
    status = run(args=list(args), env=env)
    return int(status), out.getvalue(), err.getvalue()


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def while_writing(monkeypatch: pytest.MonkeyPatch, action: Any) -> None:
    """Run `action` once the temporary file is written and synced, before it is published."""
    real = os.fsync

    def fsync(fd: int) -> None:
        real(fd)
        monkeypatch.setattr(os, "fsync", real)
        action()

    monkeypatch.setattr(os, "fsync", fsync)


# -- the temporary file ---------------------------------------------------------------


def test_the_temporary_file_is_short_hidden_and_in_the_same_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []
    while_writing(monkeypatch, lambda: seen.append(names(tmp_path)))
    write_atomic(tmp_path / ("x" * 250 + ".md"), "text\n")
    assert len(seen) == 1
    (temp,) = seen[0]
    assert TEMP_NAME.match(temp), temp
    assert names(tmp_path) == ["x" * 250 + ".md"]


# -- never over a file without --force --------------------------------------------------


def test_a_file_that_appears_while_writing_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.md"
    while_writing(monkeypatch, lambda: target.write_text("theirs\n", encoding="utf-8"))
    with pytest.raises(OutputError) as caught:
        write_atomic(target, "ours\n")
    assert "already exists" in str(caught.value)
    assert target.read_text(encoding="utf-8") == "theirs\n"
    assert names(tmp_path) == ["plan.md"]


def test_the_race_through_the_command_line_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "prep.md"
    while_writing(monkeypatch, lambda: target.write_bytes(b"theirs\n"))
    status, out, err = netplan("checklist", str(NEWCOMER), "-o", str(target))
    assert status == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert "prep.md: already exists" in err
    assert target.read_bytes() == b"theirs\n"
    assert names(tmp_path) == ["prep.md"]


def test_a_new_file_is_never_renamed_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_rename(*_: Any) -> None:
        raise AssertionError("os.replace/os.rename without --force")

    monkeypatch.setattr(os, "replace", no_rename)
    monkeypatch.setattr(os, "rename", no_rename)
    write_atomic(tmp_path / "new.md", "content\n")
    assert (tmp_path / "new.md").read_text(encoding="utf-8") == "content\n"
    assert names(tmp_path) == ["new.md"]


def no_hard_links(monkeypatch: pytest.MonkeyPatch, code: int = errno.EPERM) -> None:
    def link(*_: Any, **__: Any) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "link", link)


@pytest.mark.usefixtures("umask_022")
@pytest.mark.parametrize("code", [errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK])
def test_without_hard_links_a_new_file_is_created_exclusively(
    code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_hard_links(monkeypatch, code)
    target = tmp_path / "new.md"
    write_atomic(target, "content\n" * 1000)
    assert target.read_text(encoding="utf-8") == "content\n" * 1000
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert names(tmp_path) == ["new.md"]


def test_without_hard_links_a_file_that_appears_is_still_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_hard_links(monkeypatch)
    target = tmp_path / "new.md"
    while_writing(monkeypatch, lambda: target.write_text("theirs\n", encoding="utf-8"))
    with pytest.raises(OutputError):
        write_atomic(target, "ours\n")
    assert target.read_text(encoding="utf-8") == "theirs\n"
    assert names(tmp_path) == ["new.md"]


def test_without_hard_links_an_interrupted_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_hard_links(monkeypatch)
    real = os.write
    calls = []

    def write(fd: int, data: Any) -> int:
        calls.append(fd)
        if len(calls) == 2:  # the second file: the final name, written in place
            real(fd, bytes(data)[:10])
            raise KeyboardInterrupt
        return real(fd, data)

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "new.md", "content\n" * 1000)
    monkeypatch.undo()
    assert names(tmp_path) == []
    assert not output_module._unfinished


def test_concurrent_writers_without_force_one_wins_the_rest_are_refused(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    outcomes: list[str] = []
    start = threading.Barrier(8)

    def writer(i: int) -> None:
        start.wait()
        try:
            write_atomic(target, f"writer {i}\n" * 10_000)
            outcomes.append(f"writer {i}\n")
        except OutputError:
            outcomes.append("refused")

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    (winner,) = [o for o in outcomes if o != "refused"]
    assert target.read_text(encoding="utf-8") == winner * 10_000
    assert names(tmp_path) == ["plan.md"]


def test_concurrent_writers_with_force_leave_one_complete_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    contents = [f"writer {i}\n" * 50_000 for i in range(6)]
    start = threading.Barrier(len(contents))

    def writer(content: str) -> None:
        start.wait()
        for _ in range(5):
            write_atomic(target, content, force=True)

    threads = [threading.Thread(target=writer, args=(c,)) for c in contents]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert target.read_text(encoding="utf-8") in contents
    assert names(tmp_path) == ["plan.md"]


# -- never over an input without --force ------------------------------------------------


@pytest.fixture
def event_file(tmp_path: Path) -> Path:
    path = tmp_path / "event.toml"
    shutil.copy(NEWCOMER, path)
    return path


def test_writing_over_an_input_is_refused_by_name(event_file: Path) -> None:
    before = event_file.read_bytes()
    for spelling in (str(event_file), str(event_file.parent / "." / event_file.name)):
        with pytest.raises(OutputError) as caught:
            write_atomic(Path(spelling), "report\n", inputs=[str(event_file)])
        assert "is one of the input files (use --force to replace it)" in str(caught.value)
    link = event_file.parent / "link.toml"
    link.symlink_to(event_file.name)
    with pytest.raises(OutputError, match="input files"):
        write_atomic(event_file, "report\n", inputs=[str(link)])
    assert event_file.read_bytes() == before
    write_atomic(event_file, "report\n", force=True, inputs=[str(event_file)])
    assert event_file.read_text(encoding="utf-8") == "report\n"


@pytest.mark.parametrize("command", ["advise", "checklist"])
def test_output_naming_an_input_is_refused_unless_force(command: str, event_file: Path) -> None:
    before = event_file.read_bytes()
    status, _, err = netplan(command, str(event_file), "-o", str(event_file))
    assert status == 2
    assert "is one of the input files" in err
    assert event_file.read_bytes() == before
    status, _, err = netplan(command, str(event_file), "-o", str(event_file), "--force")
    assert status == 0, err
    assert event_file.read_bytes() != before


def test_people_output_naming_its_list_is_refused_unless_force(tmp_path: Path) -> None:
    listed = tmp_path / "guests.csv"
    listed.write_text("Name,Company\nDana Whitfield,Acme\n", encoding="utf-8")
    before = listed.read_bytes()
    status, _, err = netplan("people", str(listed), "-o", str(listed))
    assert status == 2
    assert "is one of the input files (use --force to replace it)" in err
    assert listed.read_bytes() == before
    status, _, err = netplan("people", str(listed), "-o", str(listed), "--force")
    assert status == 0, err
    assert "Dana Whitfield" in listed.read_text(encoding="utf-8")


# -- a batch (-o FOLDER) is all or nothing ---------------------------------------------


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, src in (("a", NEWCOMER), ("b", TRADE_SHOW), ("c", WARM)):
        shutil.copy(src, folder / f"{name}.toml")
    return [str(folder / f"{n}.toml") for n in "abc"]


def fail_third_publish(monkeypatch: pytest.MonkeyPatch, call: str) -> None:
    real = getattr(os, call)
    count = []

    def publish(*args: Any, **kwargs: Any) -> Any:
        count.append(1)
        if len(count) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(os, call, publish)


def test_a_batch_that_fails_midway_removes_what_it_wrote(
    inputs: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    fail_third_publish(monkeypatch, "link")
    status, _, err = netplan("checklist", *inputs, "-o", str(out))
    monkeypatch.undo()
    assert status == 2
    assert names(out) == []
    (line,) = err.splitlines()
    assert "c.md: cannot write: No space left on device" in line
    assert "removed the 2 new file(s) written before it" in line


def test_a_forced_batch_that_fails_midway_names_what_it_replaced(
    inputs: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.md").write_text("old a\n", encoding="utf-8")
    fail_third_publish(monkeypatch, "replace")
    status, _, err = netplan("checklist", *inputs, "-o", str(out), "--force")
    monkeypatch.undo()
    assert status == 2
    # a.md was replaced (its old content is gone); b.md was new, and is removed again.
    assert names(out) == ["a.md"]
    assert (out / "a.md").read_text(encoding="utf-8").startswith("## Checklist")
    (line,) = err.splitlines()
    assert "removed the 1 new file(s) written before it" in line
    assert f"already written, with the new content: {out / 'a.md'}" in line


def test_a_batch_interrupted_midway_removes_what_it_wrote(
    inputs: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    real = os.link
    count = []

    def link(*args: Any, **kwargs: Any) -> None:
        count.append(1)
        if len(count) == 3:
            raise KeyboardInterrupt
        real(*args, **kwargs)

    monkeypatch.setattr(os, "link", link)
    status, _, _ = netplan("checklist", *inputs, "-o", str(out))
    monkeypatch.undo()
    assert status == 130
    assert names(out) == []
    assert not output_module._unfinished


def test_a_complete_batch_keeps_every_file(inputs: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    status, _, err = netplan("checklist", *inputs, "-o", str(out))
    assert status == 0, err
    assert names(out) == ["a.md", "b.md", "c.md"]
    assert not output_module._unfinished
