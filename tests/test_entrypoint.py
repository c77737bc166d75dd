"""The installed entry point, run for real in a subprocess."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import netplan
from netplan.report.json import SCHEMA_VERSION
from tests.conftest import REPO


def _commands() -> tuple[str, ...]:
    """The commands the CLI registers (the help must list exactly these)."""
    import typer

    from netplan.cli import app

    group = typer.main.get_command(app)
    return tuple(sorted(getattr(group, "commands", {})))


COMMANDS = _commands()


def entry_point() -> list[str]:
    """The `netplan` script pip installed: next to this interpreter, or else on PATH."""
    script = Path(sys.executable).parent / "netplan"
    found = str(script) if script.exists() else shutil.which("netplan")
    assert found, f"no netplan script next to {sys.executable} or on PATH"
    return [found]


def module() -> list[str]:
    return [sys.executable, "-m", "netplan"]


LAUNCHERS = {"script": entry_point, "module": module}


def python(code: str) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter from the repository."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )


def netplan_run(
    launcher: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full_env.update({"COLUMNS": "100", "TERM": "xterm-256color", **(env or {})})
    return subprocess.run(
        [*LAUNCHERS[launcher](), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env=full_env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("flag", ["--version", "-V"])
@pytest.mark.parametrize("launcher", sorted(LAUNCHERS))
def test_version(launcher: str, flag: str) -> None:
    result = netplan_run(launcher, flag)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"netplan {netplan.__version__}\n"
    assert result.stderr == ""


def test_version_matches_the_source() -> None:
    tree = ast.parse((REPO / "src" / "netplan" / "__init__.py").read_text(encoding="utf-8"))
    versions = [
        node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets)
        and isinstance(node.value, ast.Constant)
    ]
    assert versions == [netplan.__version__]


def test_advise_json_through_a_pipe_parses_and_has_no_escapes() -> None:
    result = netplan_run("script", "advise", "examples/trade-show.toml", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    data = json.loads(result.stdout)
    assert data["source"] == "examples/trade-show.toml"
    assert data["schema_version"] == SCHEMA_VERSION


def test_missing_file_exits_2_without_traceback() -> None:
    result = netplan_run("script", "advise", "examples/no-such-event.toml")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "no-such-event.toml" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_help_lists_every_command_and_the_exit_codes() -> None:
    result = netplan_run("module", "--help")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    commands = set()
    in_commands = False
    for line in out.splitlines():
        if line.strip().rstrip(":").lower() == "commands":
            in_commands = True
        elif in_commands and line.startswith("  ") and line.strip():
            commands.add(line.split()[0])
    assert commands == set(COMMANDS)
    assert {"advise", "checklist", "validate", "rules", "explain", "init", "schema"} <= commands
    assert "Exit codes" in out
    flat = " ".join(out.split())
    for code in ("0", "1", "2", "3"):
        assert f"{code} " in flat
    assert "--fail-on" in flat
    assert "--debug" in flat


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    """In-process: a subprocess per command would be slow and prove nothing more."""
    from typer.testing import CliRunner

    from netplan.cli import app

    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    assert f"Usage: netplan {command}" in result.stdout


def test_version_imports_none_of_the_heavy_stack() -> None:
    code = (
        "import sys; sys.argv=['netplan','--version']; "
        "from netplan.__main__ import main; main(); "
        "print(sorted(m for m in ('typer','rich','pydantic') if m in sys.modules))"
    )
    result = python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"netplan {netplan.__version__}", "[]"]


def test_version_imports_nothing_but_netplan_itself() -> None:
    """Signal handling and the stdout guard must not cost --version an import."""
    code = (
        "import sys; import netplan; before = set(sys.modules); "
        "sys.argv=['netplan','--version']; "
        "from netplan.__main__ import main; main(); "
        "print(sorted(set(sys.modules) - before))"
    )
    result = python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "['gc', 'netplan.__main__']"


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_reader_that_closes_the_pipe_ends_quietly_with_141(fmt: str) -> None:
    """`netplan ... | head`: no traceback and no 'internal error', the shell's SIGPIPE status."""
    proc = subprocess.Popen(
        [*entry_point(), "advise", str(REPO / "examples" / "trade-show.toml"), "--format", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()  # before netplan writes anything
    err = proc.stderr.read()
    assert proc.wait() == 141
    assert err == b""


def test_exit_status_of_the_entry_point_matches_the_cli(tmp_path: Path) -> None:
    """main() skips interpreter teardown; the status must still be the CLI's."""
    good = str(REPO / "examples" / "happy-hour-pack.toml")
    cases = [
        (["advise", good], 0),
        (["advise", good, "--fail-on", "tip"], 1),
        (["advise", str(tmp_path / "none.toml")], 2),
    ]
    for args, status in cases:
        done = subprocess.run([*entry_point(), *args], check=False, capture_output=True)
        assert done.returncode == status, args


@pytest.mark.parametrize(
    ("fmt", "loads_rich"), [("json", False), ("markdown", False), ("text", True)]
)
def test_only_the_text_report_imports_rich(fmt: str, loads_rich: bool) -> None:
    code = (
        "import sys\n"
        f"sys.argv = ['netplan', 'advise', {str(REPO / 'examples' / 'newcomer.toml')!r}, "
        f"'--format', {fmt!r}, '--no-color']\n"
        "from netplan.cli import run\n"
        "import io, contextlib\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    status = run()\n"
        "print(status, 'rich' in sys.modules)\n"
    )
    if fmt != "text":
        code = code.replace(", '--no-color'", "")
    done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert done.stdout.split() == ["0", str(loads_rich)], done.stderr
