"""Reading and writing strategy documents: the library's front door for files."""

from __future__ import annotations

import os
from typing import Any, Final, Literal

from orgstrategy import _json, _yaml
from orgstrategy._convert import CONVERTER
from orgstrategy._errors import Error, Problem, ValidationError
from orgstrategy._files import read_bytes, write_atomic
from orgstrategy._limits import Limits
from orgstrategy._model import Strategy
from orgstrategy._schema import FORMAT_VERSION

__all__ = ["dump", "dumps", "format_of", "load", "loads", "to_data", "validate"]

#: A document syntax: YAML or JSON.
Syntax = Literal["yaml", "json"]
#: The file extensions of each syntax.
EXTENSIONS: Final[dict[str, Syntax]] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
_READERS: Final = {"yaml": _yaml, "json": _json}
_DEFAULT_LIMITS: Final = Limits()
_STRING: Final = "<string>"


def format_of(path: str | os.PathLike[str]) -> Syntax:
    """Return the syntax of *path* from its extension.

    >>> format_of("strategy.yml")
    'yaml'

    Raises:
        Error: The extension is not ``.yaml``, ``.yml`` or ``.json``.
    """
    extension = os.path.splitext(os.fspath(path))[1].lower()
    try:
        return EXTENSIONS[extension]
    except KeyError:
        raise Error(
            f"cannot tell the format of {os.fspath(path)!r}: name it .yaml, .yml or .json,"
            " or give the format"
        ) from None


def _check_format(format: str) -> Syntax:
    if format not in _READERS:
        raise Error(f"unknown format {format!r}: use 'yaml' or 'json'")
    return format  # type: ignore[return-value]


def _decode(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        problem = Problem(
            message=f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} cannot start"
            " or continue a character here)",
            code="encoding",
            file=file,
            line=line,
            column=column,
        )
        return None, [problem]


def _structure(data: Any) -> Strategy | None:
    if type(data) is not dict or data.get("orgstrategy") != FORMAT_VERSION:
        return None
    fields = {key: value for key, value in data.items() if key != "orgstrategy"}
    try:
        return CONVERTER.structure(fields, Strategy)
    except Exception:
        return None


def read(
    text: str | bytes, syntax: Syntax, file: str, limits: Limits
) -> tuple[Strategy | None, list[Problem]]:
    """Return the strategy in *text* and the problems found (none when it is valid)."""
    size = len(text)
    if size > limits.max_bytes:
        unit = "bytes" if isinstance(text, bytes) else "characters"
        problem = Problem(
            message=f"the document is larger than the limit of {limits.max_bytes} {unit}",
            code="too-large",
            file=file,
        )
        return None, [problem]
    if isinstance(text, bytes):
        decoded, problems = _decode(text, file)
        if decoded is None:
            return None, problems
        text = decoded
    elif text.startswith("\ufeff"):
        text = text[1:]
    reader = _READERS[syntax]
    ok, data = reader.read(text, limits)
    if ok:
        strategy = _structure(data)
        if strategy is not None:
            return strategy, []
    data, positions, problems = reader.read_located(text, file, limits)
    if not any(problem.severity == "error" for problem in problems) or data is not None:
        from orgstrategy._check import explain  # jsonschema is imported only to explain

        problems.extend(explain(data, positions, file))
    if not any(problem.severity == "error" for problem in problems):  # pragma: no cover
        # Schema and model disagree: a bug, reported rather than hidden.
        problems.append(
            Problem(
                message="the document is not a valid strategy, but no rule says why; "
                "please report this as a bug",
                code="internal",
                file=file,
            )
        )
    return None, sorted(problems, key=Problem.sort_key)


def _read_or_raise(text: str | bytes, syntax: Syntax, file: str, limits: Limits) -> Strategy:
    strategy, problems = read(text, syntax, file, limits)
    if strategy is None:
        raise ValidationError(problems)
    return strategy


def loads(
    text: str | bytes,
    format: str = "yaml",
    *,
    file: str = _STRING,
    limits: Limits = _DEFAULT_LIMITS,
) -> Strategy:
    r"""Return the strategy written in *text*.

    Args:
        text: The document: text, or bytes of UTF-8.
        format: ``"yaml"`` or ``"json"``.
        file: The name to give in problems' locations.
        limits: Bounds on what reading may cost.

    Raises:
        ValidationError: The document is not a valid strategy; ``errors`` has
            every problem, located.
        Error: *format* is not known.

    >>> strategy = loads('orgstrategy: "1.0"\norganisation: {name: Here}\nvalues: [Kind]')
    >>> strategy.values[0].id
    'kind'
    """
    return _read_or_raise(text, _check_format(format), file, limits)


def load(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    limits: Limits = _DEFAULT_LIMITS,
) -> Strategy:
    """Return the strategy in the file at *path*.

    Args:
        path: A ``.yaml``, ``.yml`` or ``.json`` file.
        format: The syntax, when the extension does not say it.
        limits: Bounds on what reading may cost.

    Raises:
        ValidationError: The document is not a valid strategy.
        FileError: The file cannot be read.
        Error: The format cannot be told from the extension.
    """
    syntax = _check_format(format) if format else format_of(path)
    return _read_or_raise(read_bytes(path, limits.max_bytes), syntax, os.fspath(path), limits)


def validate(
    source: str | os.PathLike[str] | bytes,
    *,
    format: str | None = None,
    limits: Limits = _DEFAULT_LIMITS,
) -> list[Problem]:
    """Return every problem with a document; an empty list when it is valid.

    Never raises for an invalid document: that is what the problems are for.

    Args:
        source: The path of a file, or a document's bytes.
        format: The syntax; by default the file's extension, or YAML for bytes.
        limits: Bounds on what reading may cost.

    Raises:
        FileError: The file cannot be read.
        Error: The format cannot be told.
    """
    if isinstance(source, bytes):
        syntax = _check_format(format or "yaml")
        return read(source, syntax, _STRING, limits)[1]
    syntax = _check_format(format) if format else format_of(source)
    return read(read_bytes(source, limits.max_bytes), syntax, os.fspath(source), limits)[1]


def to_data(strategy: Strategy) -> dict[str, Any]:
    """Return *strategy* as plain data in canonical form: the JSON form of a document.

    >>> from orgstrategy import Organisation, Strategy
    >>> to_data(Strategy(organisation=Organisation(name="Here")))
    {'orgstrategy': '1.0', 'organisation': {'name': 'Here'}}
    """
    return {"orgstrategy": FORMAT_VERSION, **CONVERTER.unstructure(strategy, Strategy)}


def dumps(strategy: Strategy, format: str = "yaml") -> str:
    """Return *strategy* as a document in canonical form.

    Canonical form has a fixed key order, leaves out what is empty or would be
    derived again (ids from names), and writes an element with only a name as
    that name, so ``dumps(loads(text))`` is a formatter.

    Raises:
        Error: *format* is not known.
    """
    text: str = _READERS[_check_format(format)].dump(to_data(strategy))
    return text


def dump(strategy: Strategy, path: str | os.PathLike[str], *, format: str | None = None) -> None:
    """Write *strategy* to *path* atomically: the old file stays whole until the new one is.

    Raises:
        FileError: The file cannot be written.
        Error: The format cannot be told from the extension.
    """
    syntax = _check_format(format) if format else format_of(path)
    write_atomic(path, dumps(strategy, syntax).encode("utf-8"))
