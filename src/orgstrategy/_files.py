"""Reading input files and writing output files atomically."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from orgstrategy._errors import FileError

__all__ = ["is_same_file", "read_bytes", "write_atomic"]


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def read_bytes(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """Return the content of *path*, reading at most one byte past *max_bytes*.

    Raises:
        FileError: The file cannot be read.
    """
    try:
        with open(path, "rb") as stream:
            return stream.read(max_bytes + 1)
    except OSError as error:
        raise FileError(f"cannot read {os.fspath(path)}: {_reason(error)}") from error


def is_same_file(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    """Return whether *first* and *second* are one regular file (the same inode).

    Names that do not exist, or cannot be looked at, are not the same file; nor are
    devices, so that ``/dev/stdin`` and ``/dev/stdout`` on one terminal are not.
    """
    try:
        one, other = os.stat(first), os.stat(second)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(one.st_mode) and os.path.samestat(one, other)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace *path* with *data* at once, keeping the old file's owner and permissions.

    The data goes to a new file in the same folder, is flushed to disk, and is
    then renamed over *path*, so a reader sees the old file or the new one, never
    a part. If anything fails, or the process is interrupted (``KeyboardInterrupt``,
    or ``SystemExit`` from a signal handler), *path* is as it was and the temporary
    file is removed.

    Only a regular file is replaced: a device, a FIFO or a socket (``/dev/null``,
    ``/dev/stdout``, a named pipe) is written to in place. A symbolic link to a
    regular file replaces the file it points to; the link stays a link. A file
    that is read-only (no write permission bit, or not writable by this user) is
    refused, even for root, rather than replaced by a writable one.

    Raises:
        FileError: The file cannot be written, or is read-only.
    """
    name = os.fspath(path)
    try:
        status: os.stat_result | None = os.stat(name)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise FileError(f"cannot write {name}: {_reason(error)}") from error
    if status is None:
        _replace(name, Path(os.path.realpath(name)), data, None)
    elif stat.S_ISDIR(status.st_mode):
        raise FileError(f"cannot write {name}: {os.strerror(errno.EISDIR)}")
    elif not stat.S_ISREG(status.st_mode):
        _write_in_place(name, data, truncate=False)
    elif not status.st_mode & 0o222:
        raise FileError(f"cannot write {name}: it is read-only")
    elif not os.access(name, os.W_OK):
        raise FileError(f"cannot write {name}: {os.strerror(errno.EACCES)}")
    else:
        target = Path(os.path.realpath(name))
        if is_same_file(target, name):
            _replace(name, target, data, status)
        else:  # a link that cannot be followed by name, such as /proc/self/fd/1
            _write_in_place(name, data, truncate=True)


def _write_in_place(name: str, data: bytes, *, truncate: bool) -> None:
    flags = os.O_WRONLY | os.O_NOCTTY | (os.O_TRUNC if truncate else 0)
    try:
        with open(os.open(name, flags), "wb") as stream:
            stream.write(data)
    except OSError as error:
        raise FileError(f"cannot write {name}: {_reason(error)}") from error


def _replace(name: str, target: Path, data: bytes, status: os.stat_result | None) -> None:
    """Write *data* to a new file beside *target*, then rename it over *target*."""
    temporary = target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")
    stream = None
    try:
        stream = open(temporary, "xb")  # noqa: SIM115 - closed below, or on failure
        with stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if status is not None:
            _keep_owner(temporary, status)
            os.chmod(temporary, stat.S_IMODE(status.st_mode))
        os.replace(temporary, target)
    except BaseException as error:
        # An OSError before the file was open means it is not ours to remove; an
        # interrupt just after open() returned leaves stream unset but the file made.
        if stream is not None or not isinstance(error, OSError):
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        if isinstance(error, OSError):
            raise FileError(f"cannot write {name}: {_reason(error)}") from error
        raise


def _keep_owner(temporary: Path, status: os.stat_result) -> None:
    """Give *temporary* the owner and group of the file it replaces, where allowed.

    Only root may give a file away; anyone may give it a group they are in.
    """
    made = os.stat(temporary)
    if (made.st_uid, made.st_gid) == (status.st_uid, status.st_gid):
        return
    try:
        os.chown(temporary, status.st_uid, status.st_gid)
    except PermissionError:
        with contextlib.suppress(PermissionError):
            os.chown(temporary, -1, status.st_gid)
