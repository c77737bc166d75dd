"""Everything the command line takes from the outside world, in one object.

Commands never touch `sys.std*` or `os.environ` themselves: they get an `Env`,
which `Env.from_system()` builds for a real run and tests build by hand (streams
of their own, a fixed width and clock, no terminal).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from netplan.errors import OutputError

# A report is laid out to the terminal's width within these bounds: below the
# lower one nothing reads well; above the upper one a hostile COLUMNS would only
# make every rule line and padding huge.
MIN_WIDTH = 40
MAX_WIDTH = 500
DEFAULT_WIDTH = 80


def _isatty(stream: IO[str] | IO[bytes] | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # closed, or no descriptor at all
        return False


def _clamp(width: int) -> int:
    return max(MIN_WIDTH, min(MAX_WIDTH, width))


def _descriptor(stream: IO[str]) -> int | None:
    """The file descriptor under a real stream; None for an in-memory one."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is both
        return None
    return fd if isinstance(fd, int) and fd >= 0 else None


def _write_all(fd: int, data: bytes) -> None:
    """Every byte, or an OSError: os.write may take fewer, and a non-blocking
    descriptor none at all until the reader catches up."""
    view = memoryview(data)
    while view:
        try:
            written = os.write(fd, view)
        except BlockingIOError:
            import select

            select.select([], [fd], [])  # wait until it takes more
            continue
        if written <= 0:
            raise OSError(errno.EIO, "nothing was written")
        view = view[written:]


@dataclass
class Env:
    stdin: IO[bytes] | None
    stdout: IO[str] | None
    stderr: IO[str] | None
    environ: Mapping[str, str] = field(default_factory=dict)
    stdin_tty: bool = False
    stdout_tty: bool = False
    terminal_width: int | None = None  # columns of the terminal on stdout, if any
    clock: Callable[[], dt.datetime] = dt.datetime.now
    debug: bool = False

    @classmethod
    def from_system(cls) -> Env:
        stdout_tty = _isatty(sys.stdout)
        width = None
        if stdout_tty:
            try:
                width = os.get_terminal_size(sys.stdout.fileno()).columns
            except (OSError, ValueError, AttributeError):
                width = None
        return cls(
            stdin=getattr(sys.stdin, "buffer", None),
            # __main__ wraps stdout for click's own writes; commands write to the stream.
            stdout=getattr(sys.stdout, "guarded_stream", sys.stdout),
            stderr=sys.stderr,
            environ=os.environ,
            stdin_tty=_isatty(sys.stdin),
            stdout_tty=stdout_tty,
            terminal_width=width,
        )

    # -- layout --------------------------------------------------------------------

    def _columns(self) -> int | None:
        value = self.environ.get("COLUMNS", "").strip()
        # A digit string of any length is read, then clamped: 10**20 is "very wide".
        if value.isdigit() and value.isascii():
            return _clamp(int(value[:6]) if len(value) > 6 else int(value))
        return None

    def width(self, to_terminal: bool = True) -> int:
        """Columns to lay a report out to: COLUMNS, else the terminal's width (only when
        the report goes to the terminal, so a file does not depend on where it was
        written from), else 80."""
        columns = self._columns()
        if columns is not None:
            return columns
        if to_terminal and self.terminal_width:
            return _clamp(self.terminal_width)
        return DEFAULT_WIDTH

    def use_color(self, flag: bool | None, to_terminal: bool = True) -> bool:
        """--color/--no-color decide; otherwise colour only on a terminal, never with
        NO_COLOR set (to anything non-empty) or TERM=dumb."""
        if flag is not None:
            return flag
        if self.environ.get("NO_COLOR") or self.environ.get("TERM") == "dumb":
            return False
        return to_terminal and self.stdout_tty

    # -- streams -------------------------------------------------------------------

    def out(self, content: str) -> None:
        """Write to standard output; a full disk or a closed descriptor is an output error.

        A real stream is written through its descriptor, checking what each write
        took: with PYTHONUNBUFFERED=1 the text layer would drop the rest of a partial
        write silently, and a non-blocking descriptor (left so by another program)
        takes only what fits.
        """
        if self.stdout is None:
            raise OutputError("standard output is closed")
        try:
            fd = _descriptor(self.stdout)
            if fd is None:
                self.stdout.write(content)
                self.stdout.flush()
            else:
                self.stdout.flush()  # what went through the text layer comes first
                encoding = getattr(self.stdout, "encoding", None) or "utf-8"
                errors = getattr(self.stdout, "errors", None) or "strict"
                _write_all(fd, content.encode(encoding, errors))
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as e:
            reason = getattr(e, "strerror", None) or e
            raise OutputError(f"cannot write to standard output: {reason}") from None

    def err(self, lines: list[str], *, prefix: bool = False) -> None:
        """The one way to standard error: every line made inert first. A broken stderr
        loses the message but never the run (the exit status still tells)."""
        from netplan.safety import clean

        if self.stderr is None or not lines:
            return
        try:
            for line in lines:
                self.stderr.write(("netplan: " if prefix else "") + clean(line) + "\n")
            self.stderr.flush()
        except (OSError, ValueError):
            pass

    def data_dir(self) -> Path:
        """Where netplan keeps its own data: NETPLAN_HOME, else the user data folder."""
        home = self.environ.get("NETPLAN_HOME")
        if home:
            return Path(home).expanduser()
        if sys.platform.startswith("linux"):
            # platformdirs' answer on Linux, without importing it on every advice.
            base = self.environ.get("XDG_DATA_HOME", "").strip()
            return Path(base if base else os.path.expanduser("~/.local/share")) / "netplan"
        from platformdirs import user_data_path

        return user_data_path("netplan", appauthor=False)
