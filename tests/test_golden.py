"""Golden files: each example in each format, through the real CLI.

Regenerate after an intended change with
    NETPLAN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
and review the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netplan.cli import app
from tests.conftest import REPO, example_files

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("NETPLAN_UPDATE_GOLDEN") == "1"

FORMATS = {
    "txt": ["advise", "--format", "text", "--no-color"],
    "json": ["advise", "--format", "json"],
    "md": ["advise", "--format", "markdown"],
    "checklist.md": ["checklist"],
}


@pytest.mark.parametrize("suffix", sorted(FORMATS))
@pytest.mark.parametrize("example", example_files(), ids=lambda p: p.stem)
def test_golden(example: Path, suffix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("COLUMNS", "80")
    args = [*FORMATS[suffix][:1], str(example.relative_to(REPO)), *FORMATS[suffix][1:]]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    golden = GOLDEN / f"{example.stem}.{suffix}"
    if UPDATE:
        golden.write_text(result.stdout, encoding="utf-8")
    assert golden.exists(), f"missing {golden.name}: run with NETPLAN_UPDATE_GOLDEN=1"
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_every_golden_file_belongs_to_an_example() -> None:
    expected = {f"{e.stem}.{s}" for e in example_files() for s in FORMATS}
    assert {p.name for p in GOLDEN.iterdir()} == expected
