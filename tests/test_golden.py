"""Golden files: each example in each format, and the report's special cases, through the
real CLI.

Regenerate after an intended change with
    NETPLAN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
which rewrites the files that changed and fails showing each diff, so nothing is
rewritten silently; review them, then run the tests again.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netplan.cli import app
from tests.conftest import REPO, example_files

GOLDEN = Path(__file__).parent / "golden"
INPUTS = GOLDEN / "inputs"
UPDATE = os.environ.get("NETPLAN_UPDATE_GOLDEN") == "1"

FORMATS = {
    "txt": ["advise", "--format", "text", "--no-color"],
    "json": ["advise", "--format", "json"],
    "md": ["advise", "--format", "markdown"],
    "checklist.md": ["checklist"],
    "checklist.txt": ["checklist", "--format", "text", "--no-color"],
}


def _rel(path: Path) -> str:
    return str(path.relative_to(REPO))


EXAMPLES = sorted(example_files())
CASES: dict[str, list[str]] = {
    f"{e.stem}.{suffix}": [args[0], _rel(e), *args[1:]]
    for e in EXAMPLES
    for suffix, args in FORMATS.items()
}
CASES |= {
    # More targets than the terminal report shows.
    "many-targets.txt": ["advise", _rel(INPUTS / "many-targets.toml"), "--no-color"],
    "many-targets.md": ["advise", _rel(INPUTS / "many-targets.toml"), "--format", "md"],
    # Several files: each plan, then the summary table.
    "several.txt": ["advise", *map(_rel, EXAMPLES), "--no-color"],
    "several.jsonl": ["advise", *map(_rel, EXAMPLES), "--format", "jsonl"],
    # Rules switched off are named.
    "rules-off.txt": ["advise", _rel(EXAMPLES[0]), "--ignore", "NP2", "--no-color"],
    "rules-off.md": ["advise", _rel(EXAMPLES[0]), "--ignore", "NP2", "--format", "markdown"],
    # A personal goal of 0 new contacts.
    "personal-goal.txt": ["advise", _rel(INPUTS / "personal-goal.toml"), "--no-color"],
    "personal-goal.md": ["advise", _rel(INPUTS / "personal-goal.toml"), "--format", "markdown"],
    # Colour: the same report with ANSI styles.
    "trade-show.color.txt": ["advise", "examples/trade-show.toml", "--color"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("COLUMNS", "80")
    result = CliRunner().invoke(app, CASES[name])
    assert result.exit_code == 0, result.output
    golden = GOLDEN / name
    old = golden.read_text(encoding="utf-8") if golden.exists() else ""
    if UPDATE and result.stdout != old:
        golden.write_text(result.stdout, encoding="utf-8")
        diff = difflib.unified_diff(
            old.splitlines(keepends=True),
            result.stdout.splitlines(keepends=True),
            f"{name} (before)",
            f"{name} (now)",
        )
        pytest.fail(f"updated {name}; review the change:\n{''.join(diff)}")
    assert golden.exists(), f"missing {golden.name}: run with NETPLAN_UPDATE_GOLDEN=1"
    assert result.stdout == old


def test_every_golden_file_belongs_to_a_case() -> None:
    files = {p.name for p in GOLDEN.iterdir() if p.is_file()}
    assert files == set(CASES)


def test_the_special_cases_show_what_they_are_for() -> None:
    """Guard the cases' purpose, so a regenerated file cannot quietly lose it."""
    read = {name: (GOLDEN / name).read_text(encoding="utf-8") for name in CASES}
    assert "... and 5 more targets" in read["many-targets.txt"]
    assert read["many-targets.md"].count("- [ ] Meet Target") == 20
    assert "Summary" in read["several.txt"]
    assert len(read["several.jsonl"].splitlines()) == len(EXAMPLES)
    assert "Rules switched off: socializing-risk, distraction, group-size" in read["rules-off.txt"]
    assert "someone new" in read["personal-goal.txt"]
    assert "\x1b[" in read["trade-show.color.txt"]
    assert "\x1b[" not in read["trade-show.txt"]
