"""Odd streams and paths: closed descriptors, full disks, devices, links, odd file names."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import IO, get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from netplan.cli import app
from netplan.model.kinds import Kind
from netplan.output import write_atomic
from netplan.sources.event import path_of_source, source_name
from tests.conftest import EXAMPLES, REPO

SMALL = str(EXAMPLES / "newcomer.toml")
runner = CliRunner()


def script() -> str:
    path = Path(sys.executable).parent / "netplan"
    assert path.exists(), "the netplan entry point is not installed next to this Python"
    return str(path)


def netplan_to(stdout: IO[str], *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run the installed entry point with its standard output sent to `stdout`."""
    return subprocess.run(
        [script(), *args], check=False, stdout=stdout, stderr=subprocess.PIPE, cwd=REPO
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [["advise", SMALL], ["advise", SMALL, "-f", "json"], ["rules"], ["schema"], ["--version"]],
)
def test_a_full_disk_on_stdout_is_an_output_error(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = netplan_to(full, *args)
    assert done.returncode == 2
    assert b"No space left" in done.stderr
    assert b"Traceback" not in done.stderr
    assert b"internal error" not in done.stderr


def test_closed_stdout_is_an_output_error() -> None:
    closed = subprocess.run(
        ["sh", "-c", f'"{script()}" advise "{SMALL}" >&-'], check=False, capture_output=True
    )
    assert closed.returncode == 2
    assert b"standard output is closed" in closed.stderr
    assert b"Traceback" not in closed.stderr


@pytest.mark.parametrize("command", ["advise", "validate", "checklist"])
def test_closed_stdin_is_an_input_error(command: str) -> None:
    done = subprocess.run(
        ["sh", "-c", f'"{script()}" {command} - <&-'], check=False, capture_output=True
    )
    assert done.returncode == 2
    assert b"<stdin>: no standard input to read" in done.stderr
    assert b"Traceback" not in done.stderr


def test_init_interview_at_end_of_input_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "e.toml"), "--interactive"], input="")
    assert result.exit_code == 2
    assert "no answer on standard input" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_interactive_with_flags_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "e.toml"
    result = runner.invoke(app, ["init", str(path), "--interactive", "--name", "X"], input="")
    assert result.exit_code == 2
    assert "--interactive asks for everything" in result.stderr
    assert not path.exists()


def test_init_date_accepts_a_date_time(tmp_path: Path) -> None:
    path = tmp_path / "e.toml"
    args = ["init", str(path), "--name", "X", "--me", "Y", "--date", "2027-03-18T18:30"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert "date = 2027-03-18 18:30:00" in path.read_text(encoding="utf-8")


def test_init_kind_choices_are_the_event_kinds() -> None:
    """--kind takes exactly the `Kind` values, in any case, and names them when refused."""
    for kind in get_args(Kind):
        result = runner.invoke(
            app, ["init", "-", "--name", "X", "--me", "Y", "--kind", kind.upper()]
        )
        assert result.exit_code == 0, result.stderr
        assert f'kind = "{kind}"' in result.stdout
    refused = runner.invoke(app, ["init", "-", "--name", "X", "--me", "Y", "--kind", "gala"])
    assert refused.exit_code == 2
    named = re.findall(r"'([a-z-]+)'", refused.stderr.split("is not one of", 1)[1])
    assert named == list(get_args(Kind))


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_never_replaced(tmp_path: Path) -> None:
    link = tmp_path / "sink"
    link.symlink_to("/dev/null")
    result = runner.invoke(app, ["schema", "-o", str(link), "--force"])
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr
    assert Path("/dev/null").is_char_device()
    assert link.is_symlink()


def test_a_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(link, "new\n", force=True)
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new\n"
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "real.md"]


def test_dash_output_means_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["checklist", SMALL, "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout.startswith("## Checklist")
    assert not (tmp_path / "-").exists()


def test_text_written_to_a_file_does_not_take_the_terminal_width(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr("shutil.get_terminal_size", lambda *_: os.terminal_size((200, 50)))
    out = tmp_path / "plan.txt"
    assert runner.invoke(app, ["advise", SMALL, "-o", str(out)]).exit_code == 0
    assert max(len(line) for line in out.read_text(encoding="utf-8").splitlines()) <= 80


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    raw = os.fsencode(str(tmp_path)) + b"/bad\xff.toml"
    with open(raw, "wb") as f:
        f.write((EXAMPLES / "newcomer.toml").read_bytes())
    name = os.fsdecode(raw)
    assert source_name(name).endswith("bad\\xff.toml")
    result = runner.invoke(app, ["advise", name, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["source"].endswith("bad\\xff.toml")
    checked = runner.invoke(app, ["validate", name])
    assert checked.exit_code == 0
    assert "\udcff" not in checked.stdout
    assert checked.stdout.endswith("bad\\xff.toml: ok\n")


def test_json_source_tells_a_non_utf8_name_from_one_that_spells_its_escape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`bad<0xff>.toml` and a file literally named `bad\\xff.toml` get different sources,
    a file named `<stdin>` is not standard input, and each source leads back to its file."""
    monkeypatch.chdir(tmp_path)
    raws = [b"bad\xff.toml", b"bad\\xff.toml", b"<stdin>"]
    for raw in raws:
        Path(os.fsdecode(raw)).write_bytes((EXAMPLES / "newcomer.toml").read_bytes())
    names = [os.fsdecode(raw) for raw in raws]
    result = runner.invoke(app, ["advise", *names, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    sources = [d["source"] for d in json.loads(result.stdout)]
    assert sources == ["bad\\xff.toml", "bad\\\\xff.toml", "./<stdin>"]
    for raw, source in zip(raws, sources, strict=True):
        assert os.path.samefile(path_of_source(source), raw)


# "-" is not a file name on the command line but standard input, whose source is
# "<stdin>" (a file named "-" is reached as "./-").
@given(
    st.binary(min_size=1, max_size=12).filter(
        lambda b: b"/" not in b and b"\0" not in b and b != b"-"
    )
)
def test_a_source_leads_back_to_its_file_name(name: bytes) -> None:
    source = source_name(os.fsdecode(name))
    assert source.encode("utf-8")  # printable as UTF-8: no lone surrogates
    if source != "./<stdin>":
        assert path_of_source(source) == name


def test_a_quoted_date_is_one_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "e.toml"
    path.write_text(
        '[event]\nname = "X"\nkind = "mixer"\ndate = "2027-01-01"\n\n[me]\nname = "Y"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{path}:4: event.date: a date is not text: remove the quotes (date = 2027-01-01)"
    ]


def test_an_empty_select_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "e.toml"
    path.write_text(
        '[event]\nname = "X"\nkind = "mixer"\n\n[me]\nname = "Y"\n\n[netplan]\nselect = []\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["advise", str(path)])
    assert result.exit_code == 2
    assert "netplan.select" in result.stderr
    assert "name at least one rule" in result.stderr


def test_an_empty_ignore_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "e.toml"
    path.write_text(
        '[event]\nname = "X"\nkind = "mixer"\n\n[me]\nname = "Y"\n\n[netplan]\nignore = []\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["advise", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["rules_off"] == []


def test_rule_names_are_checked_in_the_same_run_as_the_rest(tmp_path: Path) -> None:
    """Every problem at once: an empty select, unknown rule names and mistakes the
    schema finds are all reported by one run, in file order."""
    path = tmp_path / "e.toml"
    head = '[event]\nname = "X"\nkind = "mixer"\nnew_contacts_goal = -1\n\n[me]\nname = "Y"\n\n'

    def refused(netplan: str) -> tuple[list[str], str]:
        """The places validate names, in order, and all it said."""
        path.write_text(head + "[netplan]\n" + netplan, encoding="utf-8")
        result = runner.invoke(app, ["validate", str(path)])
        assert result.exit_code == 2
        return [line.split(": ", 2)[1] for line in result.stderr.splitlines()], result.stderr

    places, said = refused('select = []\nignore = ["NP", "grup-size"]\nlarge_group = 1\n')
    assert places == [
        "event.new_contacts_goal",
        "netplan.select",
        "netplan.ignore[0]",
        "netplan.ignore[1]",
        "netplan.large_group",
    ]
    assert "(did you mean 'group-size'?)" in said
    # Rule names the schema already objects to are not worded twice.
    places, _ = refused('select = "NP1"\nignore = ["NP", 3]\n')
    assert places == ["event.new_contacts_goal", "netplan.select", "netplan.ignore[1]"]
