"""Writing reports to files: atomically, never over an existing file without --force."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from netplan.errors import OutputError


def write_atomic(path: Path, content: str, *, force: bool = False) -> None:
    """Write `content` to `path` through a temporary file in the same folder.

    The file appears whole or not at all; a replaced file keeps its permissions. A
    symbolic link is written through (the file it points to is replaced). Only
    regular files are ever replaced: renaming over a device or a pipe would destroy it.
    """
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent
    if path.is_dir():
        raise OutputError(f"{path}: is a directory")
    if path.exists() and not path.is_file():
        raise OutputError(f"{path}: not a regular file; netplan only replaces regular files")
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists (use --force to overwrite it)")
    if not folder.is_dir():
        raise OutputError(f"{path}: no such folder: {folder}")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise OutputError(f"{path}: cannot write: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise OutputError(f"{path}: cannot write: {e.strerror or e}") from None
        raise
