"""Reading input files and writing output files atomically."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from orgstrategy._errors import FileError

__all__ = ["read_bytes", "write_atomic"]


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


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace *path* with *data* at once, keeping the old file's permissions.

    The data goes to a new file in the same folder, is flushed to disk, and is
    then renamed over *path*, so a reader sees the old file or the new one, never
    a part. If anything fails, *path* is as it was and no temporary file is left.

    Raises:
        FileError: The file cannot be written.
    """
    target = Path(path)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise FileError(f"cannot write {target}: {_reason(error)}") from error
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise FileError(f"cannot write {target}: {_reason(error)}") from error
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise FileError(f"cannot write {target}: {_reason(error)}") from error
