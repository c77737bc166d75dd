"""Scripting conveniences: jsonl, choices in any case, plain help, every format everywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from netplan.cli import app
from tests.conftest import EXAMPLES, REPO, example_files

runner = CliRunner()
TRADE_SHOW = str(EXAMPLES / "trade-show.toml")
ALL = [str(p) for p in example_files()]


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("command", ["advise", "checklist"])
@pytest.mark.parametrize("files", [[TRADE_SHOW], ALL], ids=["one", "several"])
def test_jsonl_is_one_object_per_line_whatever_the_number_of_files(
    command: str, files: list[str]
) -> None:
    lines = ok(command, *files, "--format", "jsonl").splitlines()
    assert len(lines) == len(files)
    docs = [json.loads(line) for line in lines]
    assert [d["source"] for d in docs] == files
    # The same documents as JSON, just one per line.
    assert docs[0] == json.loads(ok(command, files[0], "--format", "json"))


@pytest.mark.parametrize(
    "args",
    [
        ["advise", TRADE_SHOW, "--format", "JSON"],
        ["advise", TRADE_SHOW, "-f", "Json"],
        ["checklist", TRADE_SHOW, "--format", "MarkDown"],
        ["advise", TRADE_SHOW, "--fail-on", "TIP"],
        ["rules", "--format", "JSON"],
        ["explain", "NP101", "--format", "Json"],
    ],
)
def test_choices_are_accepted_in_any_case(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code in (0, 1), result.stderr  # 1: --fail-on found a tip


def test_init_kind_in_any_case(tmp_path: Path) -> None:
    path = tmp_path / "e.toml"
    ok("init", str(path), "--name", "Expo", "--me", "Robin", "--kind", "Conference")
    assert 'kind = "conference"' in path.read_text(encoding="utf-8")


def test_md_is_markdown() -> None:
    assert ok("advise", TRADE_SHOW, "--format", "md") == ok(
        "advise", TRADE_SHOW, "--format", "markdown"
    )


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "markdown"])
def test_checklist_takes_every_format(fmt: str) -> None:
    out = ok("checklist", TRADE_SHOW, "--format", fmt, "--no-color")
    assert "Meet Martha Osei" in out
    assert "Pros" not in out  # only the checklist


def test_text_checklist_is_the_checklist_section_of_the_report() -> None:
    checklist = ok("checklist", TRADE_SHOW, "--format", "text", "--no-color")
    report = ok("advise", TRADE_SHOW, "--no-color")
    assert checklist.startswith("Checklist: FinOps Expo 2026\n")
    body = checklist.split("\n", 1)[1]
    assert "\nChecklist\n" + body in report


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "markdown"])
def test_a_folder_output_writes_one_file_per_input_in_every_format(
    tmp_path: Path, fmt: str
) -> None:
    ok("advise", *ALL, "--format", fmt, "-o", str(tmp_path), "--no-color")
    suffix = {"text": ".txt", "json": ".json", "jsonl": ".jsonl", "markdown": ".md"}[fmt]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(Path(f).stem + suffix for f in ALL)


def test_several_inputs_into_one_file_make_one_document(tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    ok("advise", *ALL, "--format", "json", "-o", str(out))
    assert [d["source"] for d in json.loads(out.read_text(encoding="utf-8"))] == ALL


@pytest.mark.parametrize("command", ["advise", "checklist", "validate"])
def test_help_shows_plain_metavars(command: str) -> None:
    out = ok(command, "--help")
    assert "FILE..." in out
    assert "<list" not in out
    assert "{FILE" not in out


@pytest.mark.parametrize("command", ["advise", "checklist"])
def test_help_lists_the_allowed_values(command: str) -> None:
    out = " ".join(ok(command, "--help").split())
    assert "One of text, json, jsonl, markdown (or md)" in out
    assert "pro, con or tip" in out


def test_init_help_lists_the_kinds() -> None:
    # The help is wrapped at 80 columns, which may break "trade-show" after its hyphen.
    out = " ".join(ok("init", "--help").split()).replace("- ", "-")
    assert "mixer (default), trade-show, conference, meetup, happy-hour or other" in out


def test_schema_help_describes_its_output_option() -> None:
    out = " ".join(ok("schema", "--help").split())
    assert "-o, --output PATH Write the schema to this file" in out


def test_output_is_the_same_whatever_the_hash_seed() -> None:
    """Same input, byte-identical output, across processes with different hash seeds."""
    outputs = set()
    for seed in ("0", "1", "12345"):
        for fmt in ("json", "markdown", "text"):
            result = subprocess.run(
                [sys.executable, "-m", "netplan", "advise", *ALL, "--format", fmt],
                capture_output=True,
                cwd=REPO,
                env={**os.environ, "PYTHONHASHSEED": seed, "COLUMNS": "80"},
                check=True,
            )
            outputs.add((fmt, result.stdout))
    assert len(outputs) == 3  # one output per format, whatever the seed
