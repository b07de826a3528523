r"""The format registry: every way a strategy is read from or written to text.

Each :class:`Format` has a name, the file extensions it goes by, and a reader, a
writer or both. The built-in formats are registered here the same way as the
formats that plugins add, and :func:`orgstrategy.loads`, :func:`orgstrategy.dumps`
and ``orgstrategy convert`` all go through :func:`get`.

>>> from orgstrategy import formats
>>> [f.name for f in formats.available()][:3]
['yaml', 'json', 'stratml']
>>> formats.for_path("plan.XML").name
'stratml'
>>> formats.get("csv").can_read, formats.get("csv").can_write
(False, True)

A format of your own is a reader or writer with a name:

>>> import orgstrategy
>>> def names(strategy, **options):
...     return "".join(goal.name + "\n" for goal in strategy.goals)
>>> with formats.registered(formats.Format(name="goal-names", writer=names)):
...     print(orgstrategy.dumps(orgstrategy.loads(
...         'orgstrategy: "1.0"\norganisation: {name: Here}\ngoals: [Care, Work]'),
...         format="goal-names"), end="")
Care
Work
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import warnings
from collections.abc import Callable, Mapping
from typing import Any, Final, Protocol

import attrs

from orgstrategy import _registry
from orgstrategy._document import (
    Parsed,
    from_parsed,
    parse_json,
    parse_yaml,
    strictly,
    too_large,
    write_json,
    write_yaml,
)
from orgstrategy._errors import Error, FileError, Problem, StrategyWarning, ValidationError
from orgstrategy._files import read_bytes
from orgstrategy._limits import Limits
from orgstrategy._links import Documents
from orgstrategy._model import Alignment, Strategy
from orgstrategy._named import KEBAB_CASE, read_only
from orgstrategy._plugin import Plugins

__all__ = [
    "Format",
    "Parsed",
    "Parser",
    "Reader",
    "Writer",
    "available",
    "beside",
    "built_in",
    "for_path",
    "get",
    "register",
    "registered",
    "unregister",
]

_EXTENSION: Final = re.compile(r"\.[a-z0-9]+(?:\.[a-z0-9]+)*\Z")
_DEFAULT_LIMITS: Final = Limits()


class Reader(Protocol):
    """Reads a document: returns the strategy (``None`` if invalid) and the problems found.

    Problems of severity ``"error"`` make the document invalid; warnings (say, a
    repair made to a lenient import) do not.
    """

    def __call__(
        self, text: str | bytes, /, *, file: str, limits: Limits
    ) -> tuple[Strategy | None, list[Problem]]:  # pragma: no cover
        """Return the strategy in *text*, or ``None``, and the problems found."""
        ...


class Parser(Protocol):
    """Parses a document: returns its plain data, what reading found, and where each value is.

    A format with a parser is read through the same pipeline as the built-in
    ones (:func:`orgstrategy.from_data`'s): the plugins in effect, the checks and
    the located explanations are orgstrategy's. Problems of severity ``"error"``
    make the document invalid; warnings (a repair made to a lenient import) do not.
    """

    def __call__(
        self, text: str | bytes, /, *, file: str, limits: Limits
    ) -> Parsed:  # pragma: no cover
        """Return what *text* holds, as a :class:`Parsed`."""
        ...


#: Writes a strategy as text (or, for a :attr:`~Format.binary` format, bytes):
#: called as ``writer(strategy, **options)`` with the format's options as keyword
#: arguments. A writer that cannot carry something into its output says so with
#: :func:`warnings.warn` and a :class:`~orgstrategy.StrategyWarning`.
Writer = Callable[..., "str | bytes"]


def _valid_name(_: object, __: attrs.Attribute[str], name: str) -> None:
    if not KEBAB_CASE.match(name):
        raise ValueError(f"format name {name!r} is not lower-case kebab-case, like 'my-format'")


def _extensions(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    found = tuple(value.lower() for value in values)
    for value in found:
        if not _EXTENSION.match(value):
            raise ValueError(f"extension {value!r} must start with a dot, like '.yaml'")
    return found


def _reader_or_writer(instance: Format, _: attrs.Attribute[Any], writer: Writer | None) -> None:
    if instance.reader is None and instance.parser is None and writer is None:
        raise ValueError(f"format {instance.name!r} needs a reader, a writer or both")
    if instance.reader is not None and instance.parser is not None:
        raise ValueError(f"format {instance.name!r} has a reader and a parser: give one")


@attrs.frozen(kw_only=True)
class Format:
    """A named way to read or write strategies.

    Attributes:
        name: The name used by ``--to`` and ``format=``, in kebab-case.
        description: One line on what the format is for.
        extensions: The file extensions that mean this format, with the dot.
        reader: Reads a document in this format into a strategy; ``None`` for
            write-only formats and those with a parser.
        parser: Reads a document in this format into plain data, which
            orgstrategy then checks and structures (preferred to a reader: the
            plugins in effect and located problems come for free).
        writer: Writes a strategy in this format; ``None`` for read-only formats.
        options: The writer's options: each name with what it does.
        media_type: The IANA media type of the output.
        package: The distribution that provides the format (set for plugins).
        binary: Whether the writer writes bytes (a PDF), not text: such a format
            is written with :meth:`write_bytes`.
    """

    name: str = attrs.field(validator=_valid_name)
    description: str = ""
    extensions: tuple[str, ...] = attrs.field(default=(), converter=_extensions)
    reader: Reader | None = None
    parser: Parser | None = None
    writer: Writer | None = attrs.field(default=None, validator=_reader_or_writer)
    options: Mapping[str, str] = attrs.field(factory=dict, converter=read_only)
    media_type: str = "text/plain"
    package: str = "orgstrategy"
    binary: bool = False

    @property
    def can_read(self) -> bool:
        """Whether strategies can be read from this format."""
        return self.reader is not None or self.parser is not None

    @property
    def can_write(self) -> bool:
        """Whether strategies can be written in this format."""
        return self.writer is not None

    def read(
        self,
        text: str | bytes,
        *,
        file: str = "<string>",
        limits: Limits = _DEFAULT_LIMITS,
        strict: bool = False,
        plugins: Plugins | None = None,
        documents: Documents | None = None,
    ) -> tuple[Strategy | None, list[Problem]]:
        """Return the strategy in *text* (``None`` if it is invalid) and every problem found.

        Args:
            text: The document, as text or bytes.
            file: The name to give in problems' locations.
            limits: Bounds on what reading may cost.
            strict: Treat every warning as an error.
            plugins: The plugins in effect; by default, those
                :func:`orgstrategy.plugins.available` gives.
            documents: Gives the documents that ``aligns_to`` names (by ``file``), so
                that references into them are checked (see :func:`beside`); a
                format with a parser checks them, one with a reader of its own
                only the references within the document.

        Raises:
            Error: The format cannot be read.
        """
        if self.parser is not None:
            parsed = self.parse(text, file=file, limits=limits)
            in_effect = _registry.in_effect(plugins)
            strategy, problems = from_parsed(
                parsed, file=file, limits=limits, plugins=in_effect, documents=documents
            )
        elif self.reader is None:
            raise Error(f"format {self.name!r} can be written but not read")
        elif (problem := too_large(text, file, limits)) is not None:
            return None, [problem]
        else:
            read = self._contained("reader", self.reader, text, file=file, limits=limits)
            if not (isinstance(read, tuple) and len(read) == 2 and isinstance(read[1], list)):
                raise Error(
                    f"the reader of format {self.name!r} from {self.package} returned "
                    f"{type(read).__name__}, not a strategy (or None) and a list of problems"
                )
            strategy, problems = read
        return strictly(strategy, problems) if strict else (strategy, problems)

    def parse(
        self, text: str | bytes, *, file: str = "<string>", limits: Limits = _DEFAULT_LIMITS
    ) -> Parsed:
        """Return what *text* holds as plain data, with how to locate its values.

        Text larger than *limits* allow is refused before the parser sees it.

        Raises:
            Error: The format has no parser (it reads into a strategy, or not at all).
        """
        if self.parser is None:
            raise Error(f"format {self.name!r} has no parser")
        problem = too_large(text, file, limits)
        if problem is not None:
            return Parsed(None, [problem])
        parsed = self._contained("parser", self.parser, text, file=file, limits=limits)
        if not isinstance(parsed, Parsed):
            raise Error(
                f"the parser of format {self.name!r} from {self.package} returned "
                f"{type(parsed).__name__}, not a Parsed"
            )
        return parsed

    def loads(
        self,
        text: str | bytes,
        *,
        file: str = "<string>",
        limits: Limits = _DEFAULT_LIMITS,
        strict: bool = False,
        plugins: Plugins | None = None,
        documents: Documents | None = None,
    ) -> Strategy:
        """Return the strategy in *text*, warning (:class:`StrategyWarning`) of any repairs.

        The arguments are those of :meth:`read`.

        Raises:
            ValidationError: The document is not a valid strategy.
            Error: The format cannot be read.
        """
        strategy, problems = self.read(
            text, file=file, limits=limits, strict=strict, plugins=plugins, documents=documents
        )
        if strategy is None:
            raise ValidationError(problems)
        for problem in problems:
            warnings.warn(StrategyWarning(problem), stacklevel=2)
        return strategy

    def write(self, strategy: Strategy, **options: Any) -> str:
        """Return *strategy* written in this format, as text.

        Args:
            strategy: The strategy to write.
            options: The writer's options (see :attr:`options`).

        Raises:
            Error: The format cannot be written, or not as text (it is
                :attr:`binary`: see :meth:`write_bytes`), or an option is not known.
        """
        if self.binary:
            raise Error(f"format {self.name!r} is written as bytes, not text: write it to a file")
        written = self._written(strategy, options)
        if not isinstance(written, str):
            raise Error(
                f"the writer of format {self.name!r} from {self.package} returned "
                f"{type(written).__name__}, not text"
            )
        return written

    def write_bytes(self, strategy: Strategy, **options: Any) -> bytes:
        """Return *strategy* written in this format, as bytes (text in UTF-8).

        Args:
            strategy: The strategy to write.
            options: The writer's options (see :attr:`options`).

        Raises:
            Error: The format cannot be written, or an option is not known.
        """
        if not self.binary:
            return self.write(strategy, **options).encode("utf-8")
        written = self._written(strategy, options)
        if not isinstance(written, bytes):
            raise Error(
                f"the writer of format {self.name!r} from {self.package} returned "
                f"{type(written).__name__}, not bytes"
            )
        return written

    def _written(self, strategy: Strategy, options: dict[str, Any]) -> Any:
        if self.writer is None:
            raise Error(f"format {self.name!r} can be read but not written")
        unknown = sorted(set(options) - set(self.options))
        if unknown:
            known = ", ".join(sorted(self.options)) or "none"
            raise Error(f"format {self.name!r} has no option {unknown[0]!r} (its options: {known})")
        return self._contained("writer", self.writer, strategy, **options)

    def _contained(self, role: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call a plugin's reader or writer, naming the plugin if it fails.

        orgstrategy's own readers and writers raise only :class:`Error`; anything
        else from them is a bug to report, so it is let through.
        """
        if self.package == "orgstrategy":
            return function(*args, **kwargs)
        try:
            return function(*args, **kwargs)
        except Error:
            raise
        except Exception as error:
            raise Error(
                f"the {role} of format {self.name!r} from {self.package} failed: "
                f"{type(error).__name__}: {error}"
            ) from error


_REGISTRY: Final = _registry.FORMATS


def register(format: Format) -> Format:
    """Add *format* to the registry and return it.

    Raises:
        Error: A different format of the same name is registered already.
    """
    return _REGISTRY.register(format)


def unregister(name: str) -> None:
    """Remove the format called *name* from the registry, if it is there."""
    _REGISTRY.unregister(name)


def registered(*added: Format) -> contextlib.AbstractContextManager[tuple[Format, ...]]:
    """Register *added* for the duration of a ``with`` block (for tests and scripts)."""
    return _REGISTRY.registered(*added)


def built_in() -> tuple[Format, ...]:
    """Return the formats registered directly: the built-in ones and :func:`register`'s."""
    return _REGISTRY.values()


def available(plugins: Plugins | None = None) -> tuple[Format, ...]:
    """Return every format in effect: the registered ones first, then the plugins'.

    Args:
        plugins: The plugins in effect; by default, those
            :func:`orgstrategy.plugins.available` gives.
    """
    in_effect = _registry.in_effect(plugins)
    return (*built_in(), *(format for plugin in in_effect for format in plugin.formats))


def get(name: str, plugins: Plugins | None = None) -> Format:
    """Return the format called *name*, among the formats of *plugins* too.

    Raises:
        Error: No format has that name; the message lists those that do.
    """
    for format in available(plugins):
        if format.name == name:
            return format
    names = ", ".join(format.name for format in available(plugins))
    raise Error(f"unknown format {name!r} (available: {names})")


def for_path(
    path: str | os.PathLike[str], *, reading: bool = False, plugins: Plugins | None = None
) -> Format:
    """Return the format that the extension of *path* stands for.

    Args:
        path: A file's name or path.
        reading: Only consider formats that can be read.
        plugins: The plugins in effect, whose formats count too (see :func:`available`).

    Raises:
        Error: No format goes by that extension.
    """
    name = os.path.basename(os.fspath(path)).lower()
    candidates = [f for f in available(plugins) if f.can_read or not reading]
    for format in candidates:
        if any(name.endswith(extension) for extension in format.extensions):
            return format
    known = ", ".join(sorted({e for f in candidates for e in f.extensions}))
    raise Error(
        f"cannot tell the format of {os.fspath(path)!r} from its extension ({known}):"
        " give the format"
    )


def beside(
    path: str | os.PathLike[str],
    *,
    limits: Limits = _DEFAULT_LIMITS,
    plugins: Plugins | None = None,
) -> Documents:
    """Return what reads the documents that the strategy at *path* aligns to, by their ``file``.

    An entry with no ``file`` gives ``None``: its references are not checked.

    Each ``file`` is relative to *path*'s folder, read once, in the format its
    extension says, with *limits* and *plugins*; only its own references are
    checked (not those into further documents). What cannot be read, or is not
    a valid strategy, is given as the reason, which the strategy's problems
    then report as an ``unresolved-document`` warning. Nothing but local files
    is ever read.
    """
    folder = os.path.dirname(os.fspath(path))
    in_effect = _registry.in_effect(plugins)
    read: dict[str, Strategy | str] = {}

    def document(alignment: Alignment) -> Strategy | str | None:
        if alignment.file is None:
            return None
        target = os.path.normpath(os.path.join(folder, alignment.file))
        if target not in read:
            read[target] = _other(target, limits, in_effect)
        return read[target]

    return document


def _other(target: str, limits: Limits, plugins: Plugins) -> Strategy | str:
    # Only a regular file: a pipe or a device named by a document would never end.
    if not os.path.isfile(target):
        return (
            "cannot be read (not a regular file)"
            if os.path.exists(target)
            else ("cannot be read (no such file)")
        )
    try:
        reader = for_path(target, reading=True, plugins=plugins)
        strategy, problems = reader.read(
            read_bytes(target, limits.max_bytes), file=target, limits=limits, plugins=plugins
        )
    except FileError as error:
        return f"cannot be read ({error})"
    except Error as error:
        return f"cannot be read: {error}"
    if strategy is None:
        # Where and what, not the message: the file is named by the document, and
        # its text (whatever file it is) is not repeated into this one's report.
        first = next(problem for problem in problems if problem.severity == "error")
        return f"is not a valid strategy ({first.code} at line {first.line})"
    return strategy


# The one-page web page's options: the HTML page's and the PDF's, which prints it.
_PAGE_OPTIONS: Final = {
    "lang": "the language of the text, a BCP 47 tag (default: the document's language, or en-GB)",
    "language": "write the text in this language, from the document's translations",
    "theme": "a theme file (TOML) with the logo, colours, font and footer text",
    "notes": "show the sources' curator notes and retrieval dates (default: false)",
    "footer": "end the page with a footer (default: true)",
    "source": "the document's name, for the footer (default: the input file's name)",
    "date": "the date the page was made, for the footer: YYYY-MM-DD or today",
}


def _lazy(module: str, function: str) -> Callable[..., Any]:
    """Return *function* of *module*, imported when first called (a writer's Jinja2, say)."""

    def call(*arguments: Any, **options: Any) -> Any:
        return getattr(importlib.import_module(module), function)(*arguments, **options)

    call.__qualname__ = call.__name__ = f"{module}.{function}"
    return call


for _format in (
    Format(
        name="yaml",
        description="the document format in YAML (canonical form)",
        extensions=(".yaml", ".yml"),
        parser=parse_yaml,
        writer=write_yaml,
        media_type="application/yaml",
    ),
    Format(
        name="json",
        description="the document format in JSON (canonical form)",
        extensions=(".json",),
        parser=parse_json,
        writer=write_json,
        media_type="application/json",
    ),
    Format(
        name="stratml",
        description="StratML (ISO 17469-1): reads Part 1 and Part 2, writes Part 2",
        extensions=(".xml", ".stratml"),
        parser=_lazy("orgstrategy._stratml", "parse_document"),
        writer=_lazy("orgstrategy._stratml", "write"),
        media_type="application/xml",
    ),
    Format(
        name="markdown",
        description="a readable one-page summary in Markdown",
        extensions=(".md", ".markdown"),
        writer=_lazy("orgstrategy._markdown", "write"),
        options={
            "map": "add the strategy map as a Mermaid diagram",
            "language": "write the text in this language, from the document's translations",
        },
        media_type="text/markdown",
    ),
    Format(
        name="html",
        description="a self-contained, printable one-page web page",
        extensions=(".html", ".htm"),
        writer=_lazy("orgstrategy._html", "write"),
        options=_PAGE_OPTIONS,
        media_type="text/html",
    ),
    Format(
        name="pdf",
        description="the one-page web page as a printable PDF (needs orgstrategy[pdf])",
        extensions=(".pdf",),
        writer=_lazy("orgstrategy._pdf", "write"),
        options=_PAGE_OPTIONS,
        media_type="application/pdf",
        binary=True,
    ),
    Format(
        name="mermaid",
        description="the strategy map as a Mermaid flowchart",
        extensions=(".mmd", ".mermaid"),
        writer=_lazy("orgstrategy._mermaid", "write"),
        media_type="text/vnd.mermaid",
    ),
    Format(
        name="csv",
        description="one row per element and per statement point, for spreadsheets",
        extensions=(".csv",),
        writer=_lazy("orgstrategy._csv", "write"),
        options={
            "bom": "start with a UTF-8 byte-order mark, by which Excel knows the encoding "
            "(default: true; bom=false leaves it out)",
        },
        media_type="text/csv",
    ),
):
    register(_format)
del _format
