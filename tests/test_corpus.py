"""The toml-test suite's invalid documents: each must end in exit 2 with a located message.

Some of them are valid TOML 1.1 (see the corpus README), but none is a valid event file,
so every one must still be refused cleanly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner

from netplan.cli import app
from tests.conftest import SHARED, require_shared

INVALID = SHARED / "corpus" / "toml-test" / "invalid"

# Control, C1 and bidi characters that must never reach a terminal raw (newline excepted:
# it ends each message line).
UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
)


def corpus_files() -> list[Path]:
    if not INVALID.is_dir():
        return []
    return sorted(p for p in INVALID.rglob("*") if p.is_file() and p.suffix != ".multi")


FILES = corpus_files()


def test_the_corpus_is_there() -> None:
    """Skips on a machine without ../shared; fails in CI, where it must be."""
    require_shared(INVALID)


@pytest.fixture(scope="module")
def runner() -> Iterator[CliRunner]:
    """A runner that builds the click command from the app once, not once per file.

    typer's runner rebuilds it on every call, which is most of the cost of 509 runs; the
    command itself is the same each time, so the runs still go through the real CLI.
    """
    command = typer.main.get_command(app)
    with pytest.MonkeyPatch.context() as mp:
        if hasattr(typer.testing, "_get_command"):
            mp.setattr(typer.testing, "_get_command", lambda _app: command)
        yield CliRunner()


def test_runner_runs_the_real_cli(runner: CliRunner) -> None:
    # The control for the tests below: the same runner accepts a valid event and rejects
    # a bad one, so their exit 2 comes from the file and not from the harness.
    good = b'[event]\nname = "E"\nkind = "mixer"\n[me]\nname = "R"\n'
    result = runner.invoke(app, ["advise", "-", "--format", "json"], input=good)
    assert result.exit_code == 0, result.stderr
    assert '"source": "<stdin>"' in result.stdout
    result = runner.invoke(app, ["advise", "-", "--format", "json"], input=b"[event")
    assert result.exit_code == 2
    assert result.stderr.startswith("<stdin>:1:")


def test_corpus_is_complete() -> None:
    require_shared(INVALID)
    # The README counts 509 single documents; a partial copy would test less than it claims.
    assert len(FILES) == 509


@pytest.mark.parametrize(
    "path", FILES, ids=[p.relative_to(INVALID).as_posix() for p in FILES] if FILES else None
)
def test_invalid_document_is_refused(runner: CliRunner, path: Path) -> None:
    result = runner.invoke(app, ["advise", str(path), "--format", "json"])
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{path}:") for line in lines), lines
    for line in lines:
        assert not UNSAFE.search(line), repr(line)
