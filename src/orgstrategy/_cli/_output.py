"""What every command shares: exit codes, writing output, and ending cleanly on a signal."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from types import FrameType
from typing import Any, Final, NoReturn, TextIO

from orgstrategy._errors import Error, FileError
from orgstrategy._files import is_same_file, write_atomic

__all__ = [
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "exit_on_signals",
    "guarded_stdout",
    "write_output",
]

#: Everything checked is valid.
EXIT_OK: Final = 0
#: A document is invalid (or, for diff, the documents differ).
EXIT_INVALID: Final = 1
#: A usage error, or a file that cannot be read or written.
EXIT_USAGE: Final = 2

#: The signals that end a command as an exception, so that cleanup runs (SIGINT
#: already raises KeyboardInterrupt).
_ENDING_SIGNALS: Final = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def write_output(
    text: str | bytes, output: str | None, *, inputs: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """Write *text* (or bytes: a PDF) to the file *output* atomically, or to standard output.

    A file is written in UTF-8. So is standard output when its own encoding (a
    Windows code page, where output is redirected) cannot hold *text*: a CSV
    file's byte-order mark, say.

    Args:
        text: What to write.
        output: The file, or ``None`` or ``-`` for standard output.
        inputs: The files the command read; *output* may not be one of them.

    Raises:
        Error: *output* is one of *inputs* (the same file, under any name).
        FileError: *output*, or standard output, cannot be written.
    """
    if output is not None and output != "-":
        _write_file(text, output, inputs)
    elif isinstance(text, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
    else:
        try:
            sys.stdout.write(text)
        except UnicodeEncodeError:
            reconfigure = getattr(sys.stdout, "reconfigure", None)
            if reconfigure is None:
                raise
            reconfigure(encoding="utf-8")
            sys.stdout.write(text)
        sys.stdout.flush()


def _write_file(text: str | bytes, output: str, inputs: Iterable[str | os.PathLike[str]]) -> None:
    for name in inputs:
        if is_same_file(output, name):
            named = "" if os.path.normpath(name) == os.path.normpath(output) else f" {name}"
            raise Error(f"cannot write {output}: it is the input{named}; name another file")
    write_atomic(output, text if isinstance(text, bytes) else text.encode("utf-8"))


class _Guarded:
    """Standard output that outlives its reader: once the pipe is closed, writes go nowhere.

    ``orgstrategy validate DIR | head -1`` closes the pipe after one line; the
    command still checks every document, so its exit status tells CI the truth.
    Any other failure to write (``> /dev/full``, a disk full, an I/O error) raises
    a :class:`FileError` that names standard output, once; later writes go nowhere.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.closed_pipe = False

    def _close(self, error: OSError) -> None:
        # Output still buffered is let go to the null device, so that Python's own
        # flush at exit does not fail again.
        self.closed_pipe = True
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())
            os.close(devnull)
        if not isinstance(error, BrokenPipeError):
            raise FileError(f"cannot write standard output: {error.strerror or error}") from error

    def write(self, text: str) -> int:
        if not self.closed_pipe:
            try:
                return self.stream.write(text)
            except OSError as error:
                self._close(error)
        return len(text)

    def flush(self) -> None:
        if not self.closed_pipe:
            try:
                self.stream.flush()
            except OSError as error:
                self._close(error)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextlib.contextmanager
def guarded_stdout() -> Iterator[None]:
    """Run the block with standard output guarded against a closed pipe and failed writes.

    What is still buffered when the block ends is flushed then. If that fails, the
    block's exit code can no longer say so: the error is printed, and
    :class:`SystemExit` raised with :data:`EXIT_USAGE`.
    """
    original = sys.stdout
    guarded = _Guarded(original)
    sys.stdout = guarded
    try:
        yield
    except BaseException:
        with contextlib.suppress(Error):  # the exception on its way out says more
            guarded.flush()
        raise
    else:
        try:
            guarded.flush()
        except Error as error:
            with contextlib.suppress(OSError, ValueError):
                print(f"orgstrategy: error: {error}", file=sys.stderr)
            raise SystemExit(EXIT_USAGE) from error
    finally:
        sys.stdout = original


def _exit(number: int, _: FrameType | None) -> NoReturn:
    raise SystemExit(128 + number)


@contextlib.contextmanager
def exit_on_signals() -> Iterator[None]:
    """Run the block with SIGTERM and SIGHUP raising :class:`SystemExit` (128 + the signal).

    So ``finally`` blocks run when a command is stopped (a temporary output file is
    removed, for one), as they do for SIGINT's :class:`KeyboardInterrupt`. Only
    signals left at their default are taken (``nohup`` keeps SIGHUP ignored), only
    in the main thread, and the handlers in place before are put back after.
    """
    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for number in _ENDING_SIGNALS:
            if signal.getsignal(number) is signal.SIG_DFL:
                previous[number] = signal.signal(number, _exit)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
