"""The README is the user's manual: its sample output and command list must stay true."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from netplan.cli import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("example", ["warm-intros", "trade-show"])
def test_sample_reports_are_what_netplan_prints(
    monkeypatch: pytest.MonkeyPatch, example: str
) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("COLUMNS", "80")
    intro = f"`netplan advise examples/{example}.toml` prints\n\n```text\n"
    start = README.index(intro) + len(intro)
    sample = README[start : README.index("```", start)]
    result = CliRunner().invoke(app, ["advise", f"examples/{example}.toml", "--no-color"])
    assert result.exit_code == 0
    assert result.stdout == sample


def test_every_command_is_in_the_readme() -> None:
    result = CliRunner().invoke(app, ["--help"])
    listed = re.findall(r"^  (\w+)\s", result.stdout.split("Commands:")[1], flags=re.M)
    assert len(listed) == 12
    for command in listed:
        assert f"`netplan {command}" in README, command


def test_every_exit_code_is_in_the_readme_and_help() -> None:
    from netplan.errors import ExitCode

    help_text = " ".join(CliRunner().invoke(app, ["--help"]).stdout.split())
    for code in ExitCode:
        assert re.search(rf"^\| {code.value} \|", README, flags=re.M), code
        assert f"{code.value} " in help_text, code
