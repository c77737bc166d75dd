"""Writing reports to files: atomically, never over an existing file without --force.

Every file netplan writes is first written whole to a temporary file in the same
folder and then published: without --force with `os.link`, which fails if the name
appeared meanwhile (so a file created by someone else during the run is never
replaced), with --force with `os.replace`. Files being written are listed in a
registry, so an interrupted run (an exception, or a signal: see `__main__`) removes
them with `remove_unfinished()`.

Only `os` and `stat` are imported: the signal handlers reach this module at any time.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from netplan.errors import OutputError

# Temporary names are short whatever the target's name: a legal name of 255 bytes
# must not become an illegal one of 255 + 20.
TEMP_PREFIX = ".np-"
TEMP_SUFFIX = ".tmp"

# Files this process created and would leave unfinished if it stopped now: its
# temporary files, and the files of a batch (-o FOLDER) not yet complete.
_unfinished: set[str] = set()

# A path written with one of these at its end names a folder, never a file.
SEPARATORS = tuple(sep for sep in (os.sep, os.altsep) if sep)

# Errors of os.link that mean "this file system has no hard links", not "no".
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EMLINK, errno.EXDEV}


def remove_unfinished() -> None:
    """Remove every file this process left unfinished. Safe to call from a signal handler."""
    for name in list(_unfinished):
        _remove(name)


def _fail(path: Path | str, e: OSError) -> OutputError:
    reason = e.strerror or str(e)
    return OutputError(f"{path}: cannot write: {reason}")


def names_folder(path: str) -> bool:
    """Whether `path` is written as a folder (`out/`, `out/.`): the shell and the system
    read it so, while `Path` drops the separator and a last `.`, so it is asked of the
    text as typed."""
    return path.endswith(SEPARATORS) or os.path.basename(path) in (".", "..")


def _file_path(path: Path | str) -> Path:
    """`path` as the file to write, refusing a folder written as such: `out/` must not
    become a file named `out`."""
    if isinstance(path, str) and not path:  # Path("") is ".", this folder
        raise OutputError("an output file needs a name, not an empty one")
    if isinstance(path, str) and names_folder(path):
        raise OutputError(f"{path}: is written as a folder; give the name of the file to write")
    return Path(path)


def _target(path: Path) -> Path:
    """The file to write: a symbolic link is written through to the file it names."""
    try:
        if not stat.S_ISLNK(os.lstat(path).st_mode):
            return path
    except FileNotFoundError:
        return path
    except OSError as e:  # ENAMETOOLONG, EACCES, ENOTDIR...
        raise _fail(path, e) from None
    try:
        return Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:  # a dangling link: the file it names is created
        return Path(os.path.realpath(path))
    except OSError as e:  # ELOOP: a link that (eventually) names itself
        raise _fail(path, e) from None


def _existing_mode(path: Path, force: bool, inputs: Sequence[str]) -> int | None:
    """The permissions of the file `path` replaces, None if there is none; refuses what
    must not be replaced."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise OutputError(f"{path}: a part of the path is a file, not a folder") from None
    except OSError as e:
        raise _fail(path, e) from None
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{path}: is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(f"{path}: not a regular file; netplan only replaces regular files")
    if not force:
        if any(_same_file(path, name) for name in inputs):
            raise OutputError(f"{path}: is one of the input files (use --force to replace it)")
        raise OutputError(f"{path}: already exists (use --force to overwrite it)")
    return stat.S_IMODE(st.st_mode)


def _same_file(path: Path, name: str) -> bool:
    if name == "-":
        return False
    try:
        return os.path.samefile(path, name)
    except (OSError, ValueError):
        return False


def _umask_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _create_temp(folder: Path, path: Path) -> tuple[int, str]:
    """A new, empty temporary file in `folder`, already in the registry."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        name = os.path.join(folder, f"{TEMP_PREFIX}{os.urandom(4).hex()}{TEMP_SUFFIX}")
        _unfinished.add(name)  # before it exists: a signal right after creation finds it
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:
            _unfinished.discard(name)
        except OSError as e:
            _unfinished.discard(name)
            if isinstance(e, NotADirectoryError | FileNotFoundError):
                raise OutputError(f"{path}: no such folder: {folder}") from None
            raise _fail(path, e) from None
    raise OutputError(f"{path}: cannot write: no free temporary name in {folder}")


def _write_bytes(fd: int, data: bytes) -> None:
    """Write every byte: os.write may write fewer."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _write_all(fd: int, content: str | Iterable[str]) -> None:
    """Write `content` (text, or its pieces as a report makes them: a big report is
    never held whole), then make it durable."""
    for piece in (content,) if isinstance(content, str) else content:
        _write_bytes(fd, piece.encode("utf-8"))
    os.fsync(fd)


def check(path: Path | str, *, force: bool = False, inputs: Sequence[str] = ()) -> None:
    """Refuse now what `write_atomic(path, ...)` would refuse (for checking a batch first)."""
    _existing_mode(_target(_file_path(path)), force, inputs)


def write_atomic(
    path: Path | str,
    content: str | Iterable[str],
    *,
    force: bool = False,
    inputs: Sequence[str] = (),
    provisional: bool = False,
) -> bool:
    """Write `content` (text, or pieces of it) to `path` through a temporary file in
    the same folder.

    The file appears whole or not at all; a replaced file keeps its permissions. A
    symbolic link is written through (the file it points to is replaced). Only
    regular files are ever replaced: renaming over a device or a pipe would destroy
    it. Without `force` nothing that exists is replaced, even if it appears while
    netplan writes; `inputs` (the paths read) get a message of their own.

    `provisional`: a new file stays in the registry of unfinished files (removed if
    the run stops) until `settle` is called; for a batch of files. Returns whether an
    existing file was replaced (False: a new one was created). A `path` given as text
    and ending in a separator names a folder, and is refused.
    """
    path = _target(_file_path(path))
    folder = path.parent
    mode = _existing_mode(path, force, inputs)
    fd, tmp = _create_temp(folder, path)
    try:
        try:
            _write_all(fd, content)
            os.fchmod(fd, _umask_mode() if mode is None else mode)
        finally:
            os.close(fd)
        if force:
            os.replace(tmp, path)
            _unfinished.discard(tmp)
            replaced = mode is not None
        else:
            _publish_new(tmp, path)
            replaced = False
    except BaseException as e:
        _remove(tmp)
        if isinstance(e, FileExistsError):
            raise OutputError(
                f"{path}: already exists (it appeared while netplan was writing; "
                "use --force to overwrite it)"
            ) from None
        if isinstance(e, OSError):
            raise _fail(path, e) from None
        raise
    if provisional and not replaced:
        _unfinished.add(os.fspath(path))
    return replaced


def settle(paths: Sequence[Path]) -> None:
    """The batch these provisional files belong to is complete: keep them."""
    for path in paths:
        _unfinished.discard(os.fspath(path))


def withdraw(paths: Sequence[Path]) -> list[Path]:
    """Remove these provisional files (a batch that failed); the ones removed."""
    removed = []
    for path in paths:
        if os.fspath(path) in _unfinished and _remove(os.fspath(path)):
            removed.append(path)
    return removed


def _remove(name: str) -> bool:
    try:
        os.unlink(name)
        return True
    except OSError:
        return False
    finally:
        _unfinished.discard(name)


def _publish_new(tmp: str, path: Path) -> None:
    """Give the finished `tmp` the name `path`, which must not exist (FileExistsError)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as e:
        if e.errno not in _NO_LINKS:
            raise
        # No hard links here (some network and FAT file systems): create the name
        # exclusively and write it in place. Not atomic, but never over a file, and
        # removed again if the run stops before it is complete.
        _write_exclusive(path, tmp, os.stat(tmp).st_mode)
    _remove(tmp)


def _copy(fd: int, name: str) -> None:
    """Write the bytes of the file `name` (a finished temporary file), a MiB at a time,
    then make them durable."""
    with open(name, "rb") as f:
        while piece := f.read(1 << 20):
            _write_bytes(fd, piece)
    os.fsync(fd)


def _write_exclusive(path: Path, tmp: str, mode: int) -> None:
    """Create `path` (which must not exist) with the content of `tmp`."""
    name = os.fspath(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(name, flags, 0o600)
    # Registered only once created: until then the name may be someone else's file.
    _unfinished.add(name)
    try:
        try:
            _copy(fd, tmp)
            os.fchmod(fd, stat.S_IMODE(mode))
        finally:
            os.close(fd)
    except BaseException:
        _remove(name)
        raise
    _unfinished.discard(name)
