"""Reading and writing strategy documents: the library's front door for files."""

from __future__ import annotations

import os
from typing import Any, Final

from orgstrategy import formats
from orgstrategy._document import to_data
from orgstrategy._errors import Problem
from orgstrategy._files import read_bytes, write_atomic
from orgstrategy._limits import Limits
from orgstrategy._model import Strategy

__all__ = ["dump", "dumps", "format_of", "load", "loads", "to_data", "validate"]

_DEFAULT_LIMITS: Final = Limits()
_STRING: Final = "<string>"


def format_of(path: str | os.PathLike[str]) -> str:
    """Return the name of the format that the extension of *path* stands for.

    >>> format_of("strategy.yml")
    'yaml'

    Raises:
        Error: No format goes by that extension.
    """
    return formats.for_path(path).name


def _path(path: object) -> str:
    """Return *path* as text, or raise :class:`TypeError` for what is not a path."""
    name = os.fspath(path) if isinstance(path, os.PathLike) else path
    if isinstance(name, str):
        return name
    raise TypeError(f"a path is a str or an os.PathLike of str, not {type(name).__name__}")


def _reader(format: str | None, path: str | os.PathLike[str]) -> formats.Format:
    return formats.get(format) if format else formats.for_path(path, reading=True)


def loads(
    text: str | bytes,
    format: str = "yaml",
    *,
    file: str = _STRING,
    limits: Limits = _DEFAULT_LIMITS,
    strict: bool = False,
) -> Strategy:
    r"""Return the strategy written in *text*.

    Warnings found on the way (such as repairs made to a StratML document) are
    issued as :class:`~orgstrategy.StrategyWarning`.

    Args:
        text: The document: text, or bytes of UTF-8.
        format: The name of a format that can be read: ``"yaml"``, ``"json"``,
            ``"stratml"`` or one a plugin adds.
        file: The name to give in problems' locations.
        limits: Bounds on what reading may cost.
        strict: Treat every warning as an error.

    Raises:
        ValidationError: The document is not a valid strategy; ``errors`` has
            every problem, located.
        Error: *format* is not known, or cannot be read.

    >>> strategy = loads('orgstrategy: "1.0"\norganisation: {name: Here}\nvalues: [Kind]')
    >>> strategy.values[0].id
    'kind'
    """
    return formats.get(format).loads(text, file=file, limits=limits, strict=strict)


def load(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    limits: Limits = _DEFAULT_LIMITS,
    strict: bool = False,
) -> Strategy:
    """Return the strategy in the file at *path*.

    Args:
        path: A document: ``.yaml``, ``.yml``, ``.json``, a StratML ``.xml``, or
            another extension that a registered format reads.
        format: The format's name, when the extension does not say it.
        limits: Bounds on what reading may cost.
        strict: Treat every warning as an error.

    Raises:
        ValidationError: The document is not a valid strategy.
        FileError: The file cannot be read.
        Error: The format cannot be told from the extension.
        TypeError: *path* is not a path (bytes, say).
    """
    name = _path(path)
    reader = _reader(format, name)
    data = read_bytes(name, limits.max_bytes)
    return reader.loads(data, file=name, limits=limits, strict=strict)


def validate(
    source: str | os.PathLike[str] | bytes,
    *,
    format: str | None = None,
    limits: Limits = _DEFAULT_LIMITS,
    strict: bool = False,
    file: str | None = None,
) -> list[Problem]:
    """Return every problem with a document; an empty list when it is valid.

    Never raises for an invalid document: that is what the problems are for. The
    document is valid when no problem has severity ``"error"``; warnings may be
    returned for a valid document.

    Args:
        source: The path of a file, or a document's bytes.
        format: The format's name; by default the file's extension, or YAML for bytes.
        limits: Bounds on what reading may cost.
        strict: Treat every warning as an error.
        file: The name problems give the document; by default its path, or
            ``"<string>"`` for bytes.

    Raises:
        FileError: The file cannot be read.
        Error: The format cannot be told.
    """
    if isinstance(source, bytes):
        reader, data, name = formats.get(format or "yaml"), source, _STRING
    else:
        name = _path(source)
        reader = _reader(format, name)
        data = read_bytes(source, limits.max_bytes)
    return reader.read(data, file=name if file is None else file, limits=limits, strict=strict)[1]


def dumps(strategy: Strategy, format: str = "yaml", **options: Any) -> str:
    """Return *strategy* written in *format*.

    For ``"yaml"`` and ``"json"`` the result is in canonical form: a fixed key
    order, nothing that is empty or would be derived again (ids from names), and
    an element with only a name written as that name, so ``dumps(loads(text))`` is
    a formatter. Other formats (``"markdown"``, ``"html"``, ``"mermaid"``,
    ``"csv"``, ``"stratml"``, or one a plugin adds) are listed by
    :func:`orgstrategy.formats.available`.

    Args:
        strategy: The strategy to write.
        format: The name of a format that can be written.
        options: The format's options, e.g. ``map=True`` for Markdown.

    Raises:
        Error: *format* is not known, cannot be written or has no such option.
    """
    return formats.get(format).write(strategy, **options)


def dump(
    strategy: Strategy,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    **options: Any,
) -> None:
    """Write *strategy* to *path* atomically: the old file stays whole until the new one is.

    Args:
        strategy: The strategy to write.
        path: The file to write; its extension gives the format unless *format* does.
        format: The name of a format that can be written.
        options: The format's options.

    Raises:
        FileError: The file cannot be written.
        Error: The format cannot be told from the extension, or cannot be written.
    """
    name = _path(path)
    writer = formats.get(format) if format else formats.for_path(name)
    write_atomic(name, writer.write(strategy, **options).encode("utf-8"))
