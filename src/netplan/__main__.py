"""Entry point for `netplan` and `python -m netplan`: the process boundary.

Here, and only here: signals that stop the run, Ctrl-C before the command line is
loaded, writes click makes on its own (help) to a standard output that fails, and
the final exit status. The rest of netplan only raises.
"""

from __future__ import annotations

import gc
import os
import sys

TYPE_CHECKING = False  # `typing` is not imported: --version must stay this cheap
if TYPE_CHECKING:
    from typing import IO, Any

# Signals that end a run: files netplan was writing are removed, and the status is
# 128 + the signal's number, as a shell reports a program killed by it. (SIGINT
# raises KeyboardInterrupt, which unwinds through the same clean-up: exit 130.)
_STOP_SIGNALS = ("SIGTERM", "SIGHUP", "SIGQUIT")


def main() -> None:
    # Answer --version before typer, rich or pydantic are imported: it is
    # what scripts call most often and it needs none of them.
    if sys.argv[1:] in (["--version"], ["-V"]):
        from netplan import __version__

        code = _print_version(f"netplan {__version__}\n")
        if code:
            os._exit(code)
        return
    stdout = _Stdout(sys.stdout)
    try:
        _handle_stop_signals()
        # netplan needs no pydantic plugins, and looking for them scans the metadata
        # of every installed package on each run. Set the variable to "" to allow them.
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        # A short run that builds large, acyclic structures (an event of 100,000
        # targets and its plan): the cycle collector would only rescan them, again
        # and again, and reference counting frees them anyway.
        gc.disable()
        sys.stdout = stdout
        from netplan.cli import run

        code = run()
    except KeyboardInterrupt:  # Ctrl-C while loading, before run() takes it over
        code = 130
    except SystemExit as e:
        # typer ends a run whose reader closed the pipe with sys.exit(1), even when
        # asked not to exit: that is the shell's SIGPIPE status.
        if isinstance(stdout.failure, BrokenPipeError):
            code = 141
        else:
            code = e.code if isinstance(e.code, int) else 2
    _exit(code)


def _exit(code: int) -> None:
    """Finish the run: remove what it left unfinished, flush, exit without teardown."""
    _stop_now_on_interrupt()
    _remove_unfinished()
    stdout = getattr(sys.stdout, "guarded_stream", sys.stdout)
    try:
        if stdout is not None:  # None: the process was started with it closed
            stdout.flush()
    except BrokenPipeError:
        code = code or 141
    except (OSError, ValueError):
        code = code or 2
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        pass  # a lost warning is not a failed run; a failed run has its status already
    # Everything is written: skip the interpreter's teardown, which would free
    # a 100,000-target event object by object only to exit (~10% of such a run).
    os._exit(code)


def _remove_unfinished() -> None:
    # Only if files were written at all: importing the module here would be waste.
    output = sys.modules.get("netplan.output")
    if output is not None:
        output.remove_unfinished()


def _stop(signum: int, _frame: object) -> None:
    """A signal that ends the run, now: remove unfinished files, exit 128 + signal."""
    _remove_unfinished()
    os._exit(128 + signum)


def _handle_stop_signals() -> None:
    import signal  # small; typer, loaded next, needs its `enum` anyway

    for name in _STOP_SIGNALS:
        number = getattr(signal, name, None)
        # A signal the caller set to be ignored (nohup) stays ignored.
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            signal.signal(number, _stop)


def _stop_now_on_interrupt() -> None:
    """From here on, Ctrl-C ends the run at once (no KeyboardInterrupt to unwind)."""
    import signal

    if signal.getsignal(signal.SIGINT) == signal.default_int_handler:
        signal.signal(signal.SIGINT, _stop)


def _print_version(text: str) -> int:
    """Write --version's line straight to descriptor 1: the exit status to use."""
    if sys.stdout is None:  # started with standard output closed
        _say("netplan: standard output is closed\n")
        return 2
    try:
        sys.stdout.flush()
        view = memoryview(text.encode("utf-8"))
        while view:
            try:
                view = view[os.write(sys.stdout.fileno(), view) :]
            except BlockingIOError:
                import select

                select.select([], [sys.stdout.fileno()], [])
    except BrokenPipeError:
        return 141
    except (OSError, ValueError, AttributeError) as e:
        _say(f"netplan: cannot write to standard output: {getattr(e, 'strerror', None) or e}\n")
        return 2
    return 0


def _say(text: str) -> None:
    try:
        if sys.stderr is not None:
            sys.stderr.write(text)
            sys.stderr.flush()
    except (OSError, ValueError):
        pass


class _Stdout:
    """`sys.stdout` during a run.

    Commands write through `Env.out`, which reports a failed write as an output
    error. click, though, prints help (`--help`, or a group called without a
    command) straight to `sys.stdout`, outside any command, and an OSError there
    would reach `run()` as an internal error. Such an error leaves here carrying
    `exit_code` and `show`, which `run()` honours as it does for click's own usage
    errors: one line and exit 2, or silently 141 when the reader closed the pipe.
    A closed standard output (None) fails the same way instead of being skipped.
    """

    def __init__(self, stream: IO[str] | None) -> None:
        self.guarded_stream = stream
        self.failure: OSError | None = None  # the first write or flush that failed

    @property
    def encoding(self) -> str:
        return getattr(self.guarded_stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str:
        return getattr(self.guarded_stream, "errors", None) or "strict"

    def write(self, s: str) -> int:
        if not isinstance(s, str):  # click probes with b"" for a binary stream
            raise TypeError("write() argument must be str")
        if self.guarded_stream is None:
            if not s:
                return 0
            raise _output_error(OSError(9, "standard output is closed"), closed=True)
        try:
            return self.guarded_stream.write(s)
        except OSError as e:
            self.failure = self.failure or e
            raise _output_error(e) from None

    def flush(self) -> None:
        if self.guarded_stream is not None:
            try:
                self.guarded_stream.flush()
            except OSError as e:
                self.failure = self.failure or e
                raise _output_error(e) from None

    def fileno(self) -> int:
        if self.guarded_stream is None:
            raise OSError(9, "standard output is closed")
        return self.guarded_stream.fileno()

    def isatty(self) -> bool:
        return self.guarded_stream is not None and self.guarded_stream.isatty()

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":
            # Without it click cannot go around this wrapper to the bytes below.
            raise AttributeError(name)
        return getattr(self.guarded_stream, name)


def _output_error(error: OSError, closed: bool = False) -> OSError:
    reason = error.strerror or str(error)
    line = reason if closed else f"cannot write to standard output: {reason}"
    pipe = isinstance(error, BrokenPipeError)

    def show(file: IO[str] | None = None) -> None:
        if file is not None and not pipe:
            file.write(f"netplan: {line}\n")

    error.exit_code = 141 if pipe else 2  # type: ignore[attr-defined]
    error.show = show  # type: ignore[attr-defined]
    return error


if __name__ == "__main__":
    main()
