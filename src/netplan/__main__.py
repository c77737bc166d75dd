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

        sys.stdout.write(f"netplan {__version__}\n")
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
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        code = code or 141
    # Everything is written: skip the interpreter's teardown, which would free
    # a 100,000-target event object by object only to exit (~10% of such a run).
    os._exit(code)


if __name__ == "__main__":
    main()
