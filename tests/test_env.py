"""The edges take one environment object: tests swap it instead of patching globals."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from netplan.cli import run
from netplan.cli.env import MAX_WIDTH, MIN_WIDTH, Env
from tests.conftest import EXAMPLES

TRADE_SHOW = str(EXAMPLES / "trade-show.toml")


def env(*, tty: bool = False, width: int | None = None, **environ: str) -> Env:
    return Env(
        stdin=io.BytesIO(),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        environ=environ,
        stdout_tty=tty,
        terminal_width=width,
    )


def out(e: Env) -> str:
    assert isinstance(e.stdout, io.StringIO)
    return e.stdout.getvalue()


def err(e: Env) -> str:
    assert isinstance(e.stderr, io.StringIO)
    return e.stderr.getvalue()


def longest_line(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def test_a_run_uses_only_the_streams_it_is_given(capsys: pytest.CaptureFixture[str]) -> None:
    e = env()
    assert run(["advise", TRADE_SHOW, "--format", "json"], e) == 0
    assert json.loads(out(e))["verdict"] == "go-together-split-up"
    assert capsys.readouterr() == ("", "")


def test_colour_only_on_a_terminal() -> None:
    assert "\x1b[" not in _report(env())
    assert "\x1b[" in _report(env(tty=True))


@pytest.mark.parametrize("variables", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_color_and_dumb_terminals_get_no_colour(variables: dict[str, str]) -> None:
    assert "\x1b[" not in _report(env(tty=True, **variables))


def test_an_empty_no_color_does_not_count() -> None:
    assert "\x1b[" in _report(env(tty=True, NO_COLOR=""))


def test_color_flag_wins_over_the_environment() -> None:
    assert "\x1b[" in _report(env(TERM="dumb"), "--color")
    assert "\x1b[" not in _report(env(tty=True), "--no-color")


def _report(e: Env, *flags: str) -> str:
    assert run(["advise", TRADE_SHOW, *flags], e) == 0
    return out(e)


def test_the_terminal_width_lays_out_the_report() -> None:
    assert longest_line(_report(env(tty=True, width=60), "--no-color")) <= 60
    assert longest_line(_report(env(tty=True, width=120), "--no-color")) > 80


@pytest.mark.parametrize(
    ("columns", "width"),
    [
        ("100", 100),
        ("10", MIN_WIDTH),
        ("100000000", MAX_WIDTH),
        ("99999999999999999999", MAX_WIDTH),
        ("wide", 80),
        ("-5", 80),
        ("", 80),
        ("\uff18\uff10", 80),  # full-width digits are not a number here
    ],
)
def test_columns_is_read_and_clamped(columns: str, width: int) -> None:
    assert env(COLUMNS=columns).width() == width


def test_columns_beats_the_terminal_and_a_file_ignores_the_terminal() -> None:
    assert env(width=120, COLUMNS="90").width() == 90
    assert env(width=120).width(to_terminal=False) == 80
    assert env(width=120).width(to_terminal=True) == 120


def test_huge_columns_is_quick_and_bounded() -> None:
    e = env(COLUMNS="100000000")
    report = _report(e, "--no-color")
    assert longest_line(report) <= MAX_WIDTH


def test_every_message_leaves_through_the_sanitising_sink() -> None:
    e = env()
    e.err(["evil \x1b[2J\u202e name"], prefix=True)
    assert err(e) == "netplan: evil \\x1b[2J\\u202e name\n"


def test_usage_errors_from_the_parser_are_sanitised_too() -> None:
    e = env()
    assert run(["advise", TRADE_SHOW, "--\u202ebad\x1b[31m"], e) == 2
    assert "\u202e" not in err(e)
    assert "\x1b" not in err(e)
    assert "\\u202ebad\\x1b[31m" in err(e)


def test_a_broken_stderr_loses_the_warning_not_the_run() -> None:
    class Broken(io.StringIO):
        def write(self, _: str) -> int:
            raise OSError(5, "Input/output error")

    e = env()
    e.stderr = Broken()
    e.err(["a warning"])  # does not raise


def test_debug_is_a_global_option(monkeypatch: pytest.MonkeyPatch) -> None:
    import netplan.engine

    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(netplan.engine, "make_plan", boom)
    quiet = env()
    assert run(["advise", TRADE_SHOW], quiet) == 3
    assert "internal error: RuntimeError: boom" in err(quiet)
    with pytest.raises(RuntimeError, match="boom"):
        run(["--debug", "advise", TRADE_SHOW], env())


@pytest.mark.parametrize("xdg", [None, "/tmp/xdg-data", "  "])
def test_the_data_folder_is_where_platformdirs_puts_it(
    xdg: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from platformdirs import user_data_path

    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    import os

    assert Env(None, None, None, environ=os.environ).data_dir() == user_data_path(
        "netplan", appauthor=False
    )
    assert Env(None, None, None, environ={"NETPLAN_HOME": "~/np"}).data_dir() == (
        Path("~/np").expanduser()
    )
