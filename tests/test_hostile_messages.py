"""Every message sanitised, click's included; every broken stream a clean exit status.

- Usage errors quote what was typed: bidi overrides, line separators, ESC and
  other terminal-active characters in it come out as visible escapes.
- Output that cannot be written (a full disk, a closed stream, a reader that went
  away) ends in exit 2 (141 for a closed pipe) with one line and no traceback,
  --help included. A broken stderr loses messages, never the status: an error is
  still exit 2, and a run whose only trouble is a warning still exits 0.
- With PYTHONUNBUFFERED=1 Python's text layer ignores a short write; a
  non-blocking standard output takes only what fits: all of it must still arrive.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from netplan.cli import run
from netplan.cli.env import Env
from tests.conftest import EXAMPLES, REPO

SMALL = str(EXAMPLES / "newcomer.toml")
# What must never reach a terminal raw (newlines separate our own lines).
ACTIVE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
WARNS = (
    '[event]\nname = "Expo"\nkind = "mixer"\n\n[me]\nname = "Robin"\n\n'
    '[[colleagues]]\nname = "Ann"\nknows = ["Tom Smyth"]\n\n[[targets]]\nname = "Tom Smith"\n'
)


def netplan(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    env = Env(stdin=io.BytesIO(b""), stdout=out, stderr=err, environ={"COLUMNS": "80"})
    status = run(args=list(args), env=env)
    return int(status), out.getvalue(), err.getvalue()


def process(
    *args: str | bytes, shell_redirect: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """The real entry point; `shell_redirect` (such as `>/dev/full` or `2>&-`) applied by sh."""
    command = [sys.executable, "-m", "netplan", *args]
    full_env = {**os.environ, "COLUMNS": "80", **(env or {})}
    if shell_redirect:
        return subprocess.run(
            ["sh", "-c", f'exec "$@" {shell_redirect}', "sh", *command],
            capture_output=True,
            cwd=REPO,
            env=full_env,
            timeout=60,
            check=False,
        )
    return subprocess.run(
        command, capture_output=True, cwd=REPO, env=full_env, timeout=60, check=False
    )


# -- usage errors are escaped like every other message ---------------------------------

HOSTILE = {
    "bidi override": "\u202eevil",
    "isolate": "\u2066x\u2069",
    "line separator": "a\u2028b\u2029c",
    "escape sequence": "\x1b[2J\x1b]8;;http://evil\x07x",
    "C1 control": "\x9b31m",
    "newline": "a\nnetplan: fake line",
    "separator line": "a\u2028netplan: fake line",
    "vertical tab line": "a\x0bnetplan: fake line",
    "bom": "\ufeffx",
}


SHAPES = ["unknown option", "extra argument", "unknown command", "bad choice", "option value"]
# What was typed is quoted inside click's message: it must stay on that message's
# line (U+2028, VT and the like included), never start a line of its own.
USAGE_CASES = [
    pytest.param(shape, name, id=f"{shape}-{name}") for shape in SHAPES for name in sorted(HOSTILE)
]


@pytest.mark.parametrize(("shape", "name"), USAGE_CASES)
def test_usage_errors_show_what_was_typed_escaped(shape: str, name: str) -> None:
    h = HOSTILE[name]
    args = {
        "unknown option": ["advise", f"--{h}x", SMALL],
        "extra argument": ["rules", h],
        "unknown command": [h],
        "bad choice": ["advise", SMALL, "--format", h],
        "option value": ["advise", SMALL, "--fail-on", h],
    }[shape]
    status, out, err = netplan(*args)
    assert status == 2
    assert out == ""
    assert err
    assert not ACTIVE.search(err), repr(err)
    assert "Traceback" not in err
    # Our own lines only: the newline in the input did not start one of them.
    assert not any(line.startswith("netplan: fake") for line in err.splitlines())


def test_a_bidi_option_through_the_real_entry_point() -> None:
    """`netplan advise --$'\\u202e'x`, as typed in a shell."""
    done = process("advise", "--\u202ex")
    assert done.returncode == 2
    assert done.stdout == b""
    assert "\u202e".encode() not in done.stderr
    assert b"\\u202ex" in done.stderr
    assert b"Traceback" not in done.stderr


def test_an_argument_that_is_not_utf8_is_escaped() -> None:
    done = process("rules", b"caf\xe9\x1b[0m")
    assert done.returncode == 2
    assert b"\x1b" not in done.stderr
    assert b"\xe9" not in done.stderr
    assert b"Traceback" not in done.stderr


# -- output that cannot be written -----------------------------------------------------

needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [["--help"], ["advise", "--help"], ["checklist", "-h"], ["--version"], ["rules"], ["schema"]],
)
@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
def test_help_and_output_to_a_full_disk_is_one_line_exit_2(
    args: list[str], unbuffered: bool
) -> None:
    env = {"PYTHONUNBUFFERED": "1"} if unbuffered else {}
    done = process(*args, shell_redirect=">/dev/full", env=env)
    assert done.returncode == 2, done.stderr
    assert done.stderr.decode().splitlines() == [
        "netplan: cannot write to standard output: No space left on device"
    ]


@pytest.mark.parametrize("args", [["--help"], ["advise", "--help"], ["advise", SMALL], ["rules"]])
@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
def test_a_closed_stdout_is_exit_2(args: list[str], unbuffered: bool) -> None:
    env = {"PYTHONUNBUFFERED": "1"} if unbuffered else {}
    done = process(*args, shell_redirect=">&-", env=env)
    assert done.returncode == 2, done.stderr
    assert b"standard output is closed" in done.stderr
    assert b"Traceback" not in done.stderr


def test_a_reader_that_goes_away_during_help_is_141_and_quiet() -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "netplan", "--help"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert child.stdout is not None
    assert child.stderr is not None
    child.stdout.close()
    err = child.stderr.read()
    child.stderr.close()
    assert child.wait(timeout=60) == 141
    assert err == b""


# -- a broken stderr: messages are lost, the exit status is not -------------------------


@needs_dev_full
@pytest.mark.parametrize("redirect", ["2>/dev/full", "2>&-"])
def test_an_error_with_an_unwritable_stderr_is_still_exit_2(redirect: str) -> None:
    for args in (["advise", "no-such-file.toml"], ["advise", "--no-such-option"], ["validate"]):
        done = process(*args, shell_redirect=redirect)
        assert done.returncode == 2, args
        assert done.stdout == b""


@needs_dev_full
@pytest.mark.parametrize("redirect", ["2>/dev/full", "2>&-"])
def test_a_warning_on_an_unwritable_stderr_is_still_exit_0(redirect: str, tmp_path: Path) -> None:
    path = tmp_path / "warns.toml"
    path.write_text(WARNS, encoding="utf-8")
    warned = process("advise", str(path), "--format", "json")
    assert b"warning" in warned.stderr
    done = process("advise", str(path), "--format", "json", shell_redirect=redirect)
    assert done.returncode == 0
    assert done.stdout == warned.stdout
    validated = process("validate", str(path), shell_redirect=redirect)
    assert validated.returncode == 0
    assert validated.stdout.endswith(b": ok\n")


@needs_dev_full
def test_a_question_to_an_unwritable_stderr_is_exit_2(tmp_path: Path) -> None:
    """init's interview asks on stderr: if that fails, it is an output error, not a bug."""
    target = tmp_path / "event.toml"
    done = process("init", str(target), "--interactive", shell_redirect="2>/dev/full")
    assert done.returncode == 2
    assert not target.exists()


# -- every byte arrives: short and non-blocking writes ----------------------------------


def big_event(tmp_path: Path) -> str:
    targets = "".join(
        f'[[targets]]\nname = "Target {i}"\nnotes = "{"n" * 200}"\n' for i in range(800)
    )
    path = tmp_path / "big.toml"
    path.write_text(WARNS.split("[[colleagues]]", maxsplit=1)[0] + targets, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
def test_a_non_blocking_stdout_still_gets_every_byte(unbuffered: bool, tmp_path: Path) -> None:
    """Another program left the pipe non-blocking: it takes 64 KiB, then EAGAIN."""
    path = big_event(tmp_path)
    expected = process("advise", path, "--format", "json").stdout
    assert len(expected) > 4 * 65536
    read, write = os.pipe()
    flags = fcntl.fcntl(write, fcntl.F_GETFL)
    fcntl.fcntl(write, fcntl.F_SETFL, flags | os.O_NONBLOCK)
    env = {**os.environ, "COLUMNS": "80"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    child = subprocess.Popen(
        [sys.executable, "-m", "netplan", "advise", path, "--format", "json"],
        stdout=write,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=env,
    )
    os.close(write)
    time.sleep(1.0)  # let it fill the pipe and meet EAGAIN before anyone reads
    chunks = []
    reader = threading.Thread(target=lambda: chunks.extend(iter(lambda: os.read(read, 65536), b"")))
    reader.start()
    assert child.wait(timeout=60) == 0, child.stderr.read() if child.stderr else ""
    reader.join(timeout=60)
    os.close(read)
    assert b"".join(chunks) == expected
    json.loads(expected)


def test_env_out_writes_everything_to_a_short_writing_descriptor() -> None:
    """os.write may take fewer bytes than given; Env.out goes on until all are written."""
    read, write = os.pipe()
    fcntl.fcntl(write, fcntl.F_SETFL, fcntl.fcntl(write, fcntl.F_GETFL) | os.O_NONBLOCK)
    content = "x" * (1 << 20) + "end\n"
    with os.fdopen(write, "w", encoding="utf-8") as stream:
        env = Env(stdin=None, stdout=stream, stderr=None)
        received = []
        reader = threading.Thread(target=lambda: received.append(_read_all(read)))
        writer = threading.Thread(target=env.out, args=(content,))
        writer.start()
        time.sleep(0.3)
        reader.start()
        writer.join(timeout=30)
    reader.join(timeout=30)
    os.close(read)
    assert received == [content.encode()]


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks)
