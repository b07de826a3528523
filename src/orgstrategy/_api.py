"""The library's front door: reading, checking and writing strategy documents.

Each function here is an entry point: it takes the plugins in effect as an
argument (by default the registry's snapshot, :func:`orgstrategy.plugins.available`)
and passes them down; nothing below looks them up.
"""

from __future__ import annotations

import copy
import os
from typing import Any, Final

from orgstrategy import _document, _registry, _schema, formats
from orgstrategy._document import to_data
from orgstrategy._errors import Error, Problem, ValidationError
from orgstrategy._files import read_bytes, write_atomic
from orgstrategy._limits import Limits
from orgstrategy._model import Strategy
from orgstrategy._plugin import Plugins

__all__ = [
    "dump",
    "dumps",
    "format_of",
    "from_data",
    "load",
    "loads",
    "schema",
    "to_data",
    "validate",
]

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


def _reader(format: str | None, path: str | os.PathLike[str], plugins: Plugins) -> formats.Format:
    return (
        formats.get(format, plugins)
        if format
        else formats.for_path(path, reading=True, plugins=plugins)
    )


def schema(*, plugins: Plugins | None = None, version: str | None = None) -> dict[str, Any]:
    """Return the JSON Schema of the document format (a new copy each call).

    The schema of every plugin in effect is composed in: each plugin's schema
    is embedded under ``$defs`` with its own ``$id`` and referenced from the
    ``extensions`` of the places it applies to.

    Args:
        version: The format version (one of :data:`~orgstrategy.SUPPORTED_VERSIONS`);
            by default the latest, whose schema accepts documents of every version.
        plugins: The plugins in effect; by default, those
            :func:`orgstrategy.plugins.available` gives.

    >>> s = schema()
    >>> s["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> s["required"]
    ['orgstrategy', 'organisation']
    """
    if version is None:
        version = _schema.FORMAT_VERSION
    if version not in _schema.SUPPORTED_VERSIONS:
        known = ", ".join(_schema.SUPPORTED_VERSIONS)
        raise Error(f"unknown format version {version!r}: this library has {known}")
    return copy.deepcopy(_schema.composed(_registry.in_effect(plugins), version))


def from_data(
    data: Any,
    *,
    file: str = "<data>",
    limits: Limits = _DEFAULT_LIMITS,
    strict: bool = False,
    plugins: Plugins | None = None,
) -> Strategy:
    """Return the strategy that plain *data* describes: the inverse of :func:`to_data`.

    *data* is what JSON would give (mappings, lists, text, numbers, booleans,
    ``None``), checked by the same rules as a document read from a file.

    Args:
        data: A document's plain data.
        file: The name to give in problems.
        limits: Bounds on what structuring may cost.
        strict: Treat every warning as an error.
        plugins: The plugins in effect; by default, those
            :func:`orgstrategy.plugins.available` gives.

    Raises:
        ValidationError: The data is not a valid strategy; ``errors`` has every
            problem, with its path (there are no lines to give).

    >>> from_data({"orgstrategy": "1.0", "organisation": {"name": "Here"}}).organisation.name
    'Here'
    """
    strategy, problems = _document.from_data(
        data, file=file, limits=limits, plugins=_registry.in_effect(plugins)
    )
    if strict:
        strategy, problems = _document.strictly(strategy, problems)
    if strategy is None:
        raise ValidationError(problems)
    return strategy


def loads(
    text: str | bytes,
    format: str = "yaml",
    *,
    file: str = _STRING,
    limits: Limits = _DEFAULT_LIMITS,
    strict: bool = False,
    plugins: Plugins | None = None,
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
        plugins: The plugins in effect; by default, those
            :func:`orgstrategy.plugins.available` gives.

    Raises:
        ValidationError: The document is not a valid strategy; ``errors`` has
            every problem, located.
        Error: *format* is not known, or cannot be read.

    >>> strategy = loads('orgstrategy: "1.0"\norganisation: {name: Here}\nvalues: [Kind]')
    >>> strategy.values[0].id
    'kind'
    """
    in_effect = _registry.in_effect(plugins)
    reader = formats.get(format, in_effect)
    return reader.loads(text, file=file, limits=limits, strict=strict, plugins=in_effect)


def load(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    limits: Limits = _DEFAULT_LIMITS,
    strict: bool = False,
    plugins: Plugins | None = None,
) -> Strategy:
    """Return the strategy in the file at *path*.

    Args:
        path: A document: ``.yaml``, ``.yml``, ``.json``, a StratML ``.xml``, or
            another extension that a registered format reads.
        format: The format's name, when the extension does not say it.
        limits: Bounds on what reading may cost.
        strict: Treat every warning as an error.
        plugins: The plugins in effect; by default, those
            :func:`orgstrategy.plugins.available` gives.

    Raises:
        ValidationError: The document is not a valid strategy.
        FileError: The file cannot be read.
        Error: The format cannot be told from the extension.
        TypeError: *path* is not a path (bytes, say).
    """
    name = _path(path)
    in_effect = _registry.in_effect(plugins)
    reader = _reader(format, name, in_effect)
    data = read_bytes(name, limits.max_bytes)
    documents = formats.beside(name, limits=limits, plugins=in_effect)
    return reader.loads(
        data, file=name, limits=limits, strict=strict, plugins=in_effect, documents=documents
    )


def validate(
    source: str | os.PathLike[str] | bytes,
    *,
    format: str | None = None,
    limits: Limits = _DEFAULT_LIMITS,
    strict: bool = False,
    file: str | None = None,
    plugins: Plugins | None = None,
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
        plugins: The plugins in effect; by default, those
            :func:`orgstrategy.plugins.available` gives.

    Raises:
        FileError: The file cannot be read.
        Error: The format cannot be told.
    """
    in_effect = _registry.in_effect(plugins)
    documents = None
    if isinstance(source, bytes):
        reader, data, name = formats.get(format or "yaml", in_effect), source, _STRING
    else:
        name = _path(source)
        reader = _reader(format, name, in_effect)
        data = read_bytes(source, limits.max_bytes)
        documents = formats.beside(name, limits=limits, plugins=in_effect)
    file = name if file is None else file
    return reader.read(
        data, file=file, limits=limits, strict=strict, plugins=in_effect, documents=documents
    )[1]


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
    write_atomic(name, writer.write_bytes(strategy, **options))
