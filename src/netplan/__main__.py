"""Entry point for `netplan` and `python -m netplan`."""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    # Answer --version before typer, rich or pydantic are imported: it is
    # what scripts call most often and it needs none of them.
    if sys.argv[1:] in (["--version"], ["-V"]):
        from netplan import __version__

        try:
            sys.stdout.write(f"netplan {__version__}\n")
            sys.stdout.flush()
        except BrokenPipeError:
            os._exit(141)
        except (OSError, AttributeError) as e:  # a full disk, or stdout closed (None)
            sys.stderr.write(f"netplan: cannot write to standard output: {e}\n")
            os._exit(2)
        return
    # netplan needs no pydantic plugins, and looking for them scans the metadata
    # of every installed package on each run. Set the variable to "" to allow them.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A short run that builds large, acyclic structures (an event of 100,000
    # targets and its plan): the cycle collector would only rescan them, again
    # and again, and reference counting frees them anyway.
    gc.disable()
    from netplan.cli import run

    code = run()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None: the process was started with it closed
                stream.flush()
        except BrokenPipeError:
            code = code or 141
        except OSError:
            code = code or 2
    # Everything is written: skip the interpreter's teardown, which would free
    # a 100,000-target event object by object only to exit (~10% of such a run).
    os._exit(code)


if __name__ == "__main__":
    main()
