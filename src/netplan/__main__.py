"""Entry point for `netplan` and `python -m netplan`."""

from __future__ import annotations

import sys


def main() -> None:
    # Answer --version before typer, rich or pydantic are imported: it is
    # what scripts call most often and it needs none of them.
    if sys.argv[1:] in (["--version"], ["-V"]):
        from netplan import __version__

        sys.stdout.write(f"netplan {__version__}\n")
        return
    from netplan.cli import run

    run()


if __name__ == "__main__":
    main()
