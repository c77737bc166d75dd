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

    run()


if __name__ == "__main__":
    main()
