"""No temporary file left behind, and no traceback, when a run is stopped by a signal.

Real processes, real signals. To stop a run at a known point without anything in
netplan made for tests, the child is either blocked reading a pipe we hold open
(standard input), or started through a small harness that makes `os.fsync` (called
once the temporary file is written) announce itself on a pipe and then wait: the
signal then lands while the temporary file exists, every time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from netplan.output import TEMP_SUFFIX
from tests.conftest import EXAMPLES, REPO

SMALL = EXAMPLES / "newcomer.toml"
STOPPING = [signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT]


@pytest.fixture(autouse=True)
def default_signals() -> Iterator[None]:
    """Children start with the default disposition of every signal used here.

    A shell without job control starts a background command (`pytest &`) with SIGINT
    and SIGQUIT ignored, and children inherit that; netplan rightly keeps a signal its
    caller ignores, so every test here would then time out.
    """
    saved = {s: signal.getsignal(s) for s in (*STOPPING, signal.SIGINT)}
    for s in STOPPING:
        signal.signal(s, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        for s, handler in saved.items():
            if handler is not None:  # None: set outside Python, cannot be put back
                signal.signal(s, handler)


HARNESS = """
import os, sys, time
ready = int(sys.argv[1])
real = os.fsync
def fsync(fd):
    real(fd)
    os.write(ready, b"w")  # the temporary file is written: signal me now
    # Short sleeps: a signal that lands just before one sleep starts is handled
    # when it ends, instead of after a whole minute.
    for _ in range(600):
        time.sleep(0.1)
os.fsync = fsync
sys.argv = ["netplan", *sys.argv[2:]]
from netplan.__main__ import main
main()
"""

# Raise KeyboardInterrupt (or send a signal) while the command line is being imported.
DURING_IMPORT = """
import os, signal, sys
class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            {action}
        return None
sys.meta_path.insert(0, Interrupt())
sys.argv = ["netplan", "rules"]
from netplan.__main__ import main
main()
"""


def _env() -> dict[str, str]:
    return {**os.environ, "COLUMNS": "80"}


def stopped_while_writing(sig: signal.Signals, folder: Path, *args: str) -> tuple[int, bytes]:
    """Start `netplan ARGS`, wait until its temporary file is written, send `sig`."""
    read, write = os.pipe()
    child = subprocess.Popen(
        [sys.executable, "-c", HARNESS, str(write), *args],
        pass_fds=(write,),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=_env(),
    )
    os.close(write)
    try:
        assert os.read(read, 1) == b"w", "the child never wrote its temporary file"
        assert any(p.name.endswith(TEMP_SUFFIX) for p in folder.iterdir())
        child.send_signal(sig)
        _, err = child.communicate(timeout=30)
    finally:
        os.close(read)
        if child.poll() is None:
            child.kill()
            child.wait()
    return child.returncode, err


@pytest.mark.parametrize("sig", [*STOPPING, signal.SIGINT], ids=lambda s: s.name)
def test_a_signal_while_writing_leaves_no_temporary_file(
    sig: signal.Signals, tmp_path: Path
) -> None:
    out = tmp_path / "prep.md"
    status, err = stopped_while_writing(sig, tmp_path, "checklist", str(SMALL), "-o", str(out))
    assert status == 128 + sig, err
    assert err == b""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("sig", STOPPING, ids=lambda s: s.name)
def test_a_signal_while_replacing_keeps_the_old_file(sig: signal.Signals, tmp_path: Path) -> None:
    out = tmp_path / "prep.md"
    out.write_text("the old checklist\n", encoding="utf-8")
    args = ("checklist", str(SMALL), "-o", str(out), "--force")
    status, err = stopped_while_writing(sig, tmp_path, *args)
    assert status == 128 + sig, err
    assert err == b""
    assert [p.name for p in tmp_path.iterdir()] == ["prep.md"]
    assert out.read_text(encoding="utf-8") == "the old checklist\n"


# The same, letting the first two files of a batch through before it stops.
BATCH_HARNESS = HARNESS.replace(
    '    os.write(ready, b"w")',
    '    fsync.calls += 1\n    if fsync.calls < 3:\n        return\n    os.write(ready, b"w")',
).replace("os.fsync = fsync", "fsync.calls = 0\nos.fsync = fsync")


def test_a_signal_midway_through_a_batch_removes_the_batch(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    inputs = [str(p) for p in sorted(EXAMPLES.glob("*.toml"))[:3]]
    read, write = os.pipe()
    child = subprocess.Popen(
        [sys.executable, "-c", BATCH_HARNESS, str(write), "checklist", *inputs, "-o", str(folder)],
        pass_fds=(write,),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=_env(),
    )
    os.close(write)
    try:
        assert os.read(read, 1) == b"w"
        assert len(list(folder.iterdir())) == 3  # two finished files and a temporary one
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=30)
    finally:
        os.close(read)
    assert child.returncode == 128 + signal.SIGTERM, err
    assert list(folder.iterdir()) == []


def wait_until_caught(pid: int, signals: list[signal.Signals]) -> None:
    """Until the child has installed handlers for `signals` (its SigCgt mask says so)."""
    wanted = sum(1 << (s - 1) for s in signals)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        status = Path(f"/proc/{pid}/status").read_text()
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(fields["SigCgt"], 16) & wanted == wanted:
            return
        time.sleep(0.01)
    raise AssertionError("the child never installed its signal handlers")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
@pytest.mark.parametrize("sig", STOPPING, ids=lambda s: s.name)
def test_a_signal_while_reading_a_pipe_exits_quietly(sig: signal.Signals) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "netplan", "advise", "-"],
        stdin=subprocess.PIPE,  # held open: the child waits for the rest of its input
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=_env(),
    )
    assert child.stdin is not None
    child.stdin.write(b"[event]\n")
    child.stdin.flush()
    wait_until_caught(child.pid, STOPPING)
    time.sleep(0.5)  # and on into the read of standard input
    child.send_signal(sig)
    out, err = child.communicate(timeout=30)
    assert child.returncode == 128 + sig
    assert out == b""
    assert err == b""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_a_hangup_the_caller_ignores_stays_ignored() -> None:
    """`nohup netplan ...`: SIGHUP was set to be ignored, and netplan keeps it so."""
    ignored = signal.signal(signal.SIGHUP, signal.SIG_IGN)  # inherited by the child
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "netplan", "validate", "-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=REPO,
            env=_env(),
        )
    finally:
        signal.signal(signal.SIGHUP, ignored)
    wait_until_caught(child.pid, [signal.SIGTERM, signal.SIGQUIT])
    child.send_signal(signal.SIGHUP)
    out, err = child.communicate(SMALL.read_bytes(), timeout=30)
    assert child.returncode == 0, err
    assert out == b"<stdin>: ok\n"


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("raise KeyboardInterrupt", 130),
        ("os.kill(os.getpid(), signal.SIGTERM)", 128 + signal.SIGTERM),
        ("os.kill(os.getpid(), signal.SIGINT)", 130),
    ],
    ids=["KeyboardInterrupt", "SIGTERM", "SIGINT"],
)
def test_stopped_while_loading_there_is_no_traceback(action: str, status: int) -> None:
    done = subprocess.run(
        [sys.executable, "-c", DURING_IMPORT.format(action=action)],
        capture_output=True,
        cwd=REPO,
        env=_env(),
        timeout=60,
        check=False,
    )
    assert done.returncode == status, done.stderr
    assert done.stderr == b""
    assert done.stdout == b""
