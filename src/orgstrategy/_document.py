"""From text to a strategy: decoding, parsing, structuring, and explaining failures.

Every reader ends here. A reader *parses*: it turns text into the document's plain
data, with what it found on the way and a way to find where each value stands
(a :class:`Parsed`). :func:`from_parsed` is the one pipeline after that, for the
built-in formats and plugins' alike: it turns plain data into a
:class:`~orgstrategy.Strategy`, with the plugins in effect (an argument), or
explains, with every problem located, why it cannot.
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

import attrs

from orgstrategy import _conflicts, _json, _links, _yaml
from orgstrategy._convert import converter
from orgstrategy._errors import Problem
from orgstrategy._explain import explain
from orgstrategy._extensions import unclaimed
from orgstrategy._limits import Limits, too_many_elements
from orgstrategy._model import ELEMENT_KINDS, Strategy, format_version, sections_in
from orgstrategy._positions import Path, Positions
from orgstrategy._schema import SUPPORTED_VERSIONS

if TYPE_CHECKING:
    from orgstrategy._plugin import Plugins

__all__ = [
    "Parsed",
    "decode",
    "from_data",
    "from_parsed",
    "parse_json",
    "parse_yaml",
    "strictly",
    "to_data",
    "too_large",
    "write_json",
    "write_yaml",
]

_NO_POSITIONS: Final = Positions()
_DEFAULT_LIMITS: Final = Limits()
#: The byte order marks of the encodings a document may not be in (UTF-32's first:
#: the little-endian one starts with UTF-16's).
_WIDE_MARKS: Final = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_STRATEGY_FIELDS: Final = frozenset(attrs.fields_dict(Strategy))
#: The lists whose items count against ``Limits.max_elements``.
_ELEMENT_LISTS: Final = frozenset({*ELEMENT_KINDS, "results"})
# The section each element kind is listed in: "priority" -> "priorities".
_SECTION_OF: Final = {kind: section for section, kind in ELEMENT_KINDS.items()}


def too_large(text: str | bytes, file: str, limits: Limits) -> Problem | None:
    """Return the problem with *text* being larger than *limits* allow, if it is."""
    if len(text) <= limits.max_bytes:
        return None
    unit = "bytes" if isinstance(text, bytes) else "characters"
    return Problem(
        message=f"the document is larger than the limit of {limits.max_bytes} {unit}",
        code="too-large",
        file=file,
    )


def decode(data: str | bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Return *data* as text without a byte order mark, or the problem decoding it."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff"), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        for mark, encoding in _WIDE_MARKS:
            if data.startswith(mark):
                problem = Problem(
                    message=f"the file is {encoding} (it starts with a {encoding} byte order"
                    " mark); save it as UTF-8",
                    code="encoding",
                    file=file,
                    line=1,
                    column=1,
                )
                return None, [problem]
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


def _element_past(data: Any, limit: int) -> Path | None:
    """Return the path of the element that takes *data* past *limit* elements, if one does.

    Elements are counted in document order, outside extensions.

    >>> _element_past({"goals": ["a", {"name": "b", "objectives": ["c"]}]}, 2)
    ('goals', 1, 'objectives', 0)
    """
    seen = 0

    def visit(value: Any, path: Path, elements: bool) -> Path | None:
        nonlocal seen
        if type(value) is list:
            for index, item in enumerate(value):
                if elements:
                    seen += 1
                    if seen > limit:
                        return (*path, index)
                if type(item) is dict or type(item) is list:
                    found = visit(item, (*path, index), False)
                    if found is not None:
                        return found
        else:
            for key, item in value.items():
                if key != "extensions" and (type(item) is dict or type(item) is list):
                    found = visit(item, (*path, key), key in _ELEMENT_LISTS)
                    if found is not None:
                        return found
        return None

    return visit(data, (), False) if type(data) is dict else None


def _too_many_elements(path: Path, positions: Positions, file: str, limits: Limits) -> Problem:
    line, column = positions.locate(path)
    return Problem(
        message=too_many_elements(limits),
        code="too-large",
        file=file,
        line=line,
        column=column,
        steps=path,
    )


@functools.cache
def _sections(version: str) -> frozenset[str]:
    return frozenset(sections_in(version))


def _fast_structure(data: Any, plugins: Plugins) -> Strategy | None:
    if type(data) is not dict or data.get("orgstrategy") not in SUPPORTED_VERSIONS:
        return None
    fields = {key: value for key, value in data.items() if key != "orgstrategy"}
    if not fields.keys() <= _STRATEGY_FIELDS:  # invalid: no need to build the rest first
        return None
    version = data["orgstrategy"]
    # Labels may name sections that came in a later version than the document's.
    labels = fields.get("labels")
    if type(labels) is dict and not labels.keys() <= _sections(version):
        return None
    try:
        # The converter of the document's version refuses what later versions added.
        strategy: Strategy = converter(plugins, version).structure(fields, Strategy)
    except Exception:
        return None
    return strategy


def _unclaimed(
    found: list[tuple[Path, str, str]], positions: Positions, file: str
) -> list[Problem]:
    problems = []
    for path, name, place in found:
        line, column = positions.locate(path, key=True)
        problems.append(
            Problem(
                message=f"no installed plugin claims the namespace {name!r} on "
                f"{_SECTION_OF.get(place, place)}"
                if place not in ("strategy", "organisation")
                else f"no installed plugin claims the namespace {name!r} on the {place}",
                code="unknown-extension",
                file=file,
                line=line,
                column=column,
                steps=path,
                severity="warning",
            )
        )
    return problems


def _explain(parsed: Parsed, file: str, limits: Limits, plugins: Plugins) -> list[Problem]:
    """Return every problem with *parsed*, located (only the paths needed are looked up)."""
    data, problems = parsed.data, list(parsed.problems)
    past = _element_past(data, limits.max_elements)
    if past is not None:  # explaining would cost what the limit is there to prevent
        problems.append(_too_many_elements(past, parsed.locate({past}), file, limits))
        return sorted(problems, key=Problem.sort_key)
    # A conflict's keys in extensions are the conflict's (merge-conflict), not namespaces.
    found = [claim for claim in unclaimed(data, plugins) if claim[1] not in _conflicts.KEYS]
    wanted = {path for path, _, _ in found}
    explanation = None
    if not any(problem.severity == "error" for problem in problems) or data is not None:
        explanation = explain(data, file, plugins)
        wanted |= explanation.paths
    positions = parsed.locate(wanted)
    problems.extend(_unclaimed(found, positions, file))
    if explanation is not None:
        problems.extend(explanation.located(positions))
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
    return sorted(problems, key=Problem.sort_key)


def _nowhere(_: set[Path]) -> Positions:
    return _NO_POSITIONS


@attrs.frozen
class Parsed:
    """A document as a reader found it: its plain data, what reading found, and where.

    What a :class:`~orgstrategy.formats.Format`'s parser returns, for
    :func:`from_parsed` to structure.

    Attributes:
        data: The document's plain data, as JSON would give it (or as much of it
            as could be read; ``None`` if none).
        problems: What reading found: errors, and warnings of repairs made on the way.
        locate: Given paths, returns where they (and the paths around them) stand
            in the text; by default nothing is known, and problems are at 1:1.
    """

    data: Any
    problems: list[Problem] = attrs.field(factory=list)
    locate: Callable[[set[Path]], Positions] = _nowhere

    @classmethod
    def located(cls, data: Any, positions: Positions, problems: list[Problem]) -> Parsed:
        """Return a parse whose positions are all known already."""
        return cls(data, problems, lambda _: positions)


def strictly(
    strategy: Strategy | None, problems: list[Problem]
) -> tuple[Strategy | None, list[Problem]]:
    """Return what reading found with every warning made an error (so no strategy, if any)."""
    if not any(problem.severity == "warning" for problem in problems):
        return strategy, problems
    errors = [
        attrs.evolve(problem, severity="error") if problem.severity == "warning" else problem
        for problem in problems
    ]
    return None, errors


def _mentions(data: Any, key: str) -> bool:
    """Whether a mapping anywhere in the plain *data* has *key* (``extensions`` aside)."""
    todo = [data]
    while todo:
        node = todo.pop()
        if type(node) is dict:
            if key in node:
                return True
            todo.extend(value for name, value in node.items() if name != "extensions")
        elif type(node) is list:
            todo.extend(node)
    return False


def _linked(
    strategy: Strategy,
    problems: list[Problem],
    parsed: Parsed,
    file: str,
    documents: _links.Documents | None,
) -> tuple[Strategy | None, list[Problem]]:
    """Return the strategy, or none if a reference names nothing; and the problems."""
    if not _mentions(parsed.data, _links.KEY):  # most documents: no references at all
        return strategy, problems
    findings = _links.check(strategy, documents)
    if not findings:
        return strategy, problems
    positions = parsed.locate({finding.path for finding in findings})
    for finding in findings:
        line, column = positions.locate(finding.path)
        problems.append(
            Problem(
                message=finding.message,
                code=finding.code,
                file=file,
                line=line,
                column=column,
                steps=finding.path,
                severity=finding.severity,
            )
        )
    problems.sort(key=Problem.sort_key)
    invalid = any(problem.severity == "error" for problem in problems)
    return (None if invalid else strategy), problems


def from_parsed(
    parsed: Parsed,
    *,
    file: str,
    limits: Limits,
    plugins: Plugins,
    documents: _links.Documents | None = None,
) -> tuple[Strategy | None, list[Problem]]:
    """Return the strategy a reader found, or every reason it is not one.

    Args:
        parsed: What the reader found.
        file: The name to give in problems' locations.
        limits: The bounds; :attr:`~orgstrategy.Limits.max_elements` is checked here.
        plugins: The plugins in effect, which claim and check sections of ``extensions``.
        documents: Gives the documents of ``aligns_to`` (by their ``file``), so that
            references into them are checked; without it, only that their alias is
            in ``aligns_to``.

    Returns:
        The strategy (``None`` if the document is not one) and every problem:
        the reader's, and those found here, sorted by place.
    """
    data = parsed.data
    if not any(problem.severity == "error" for problem in parsed.problems) and (
        _element_past(data, limits.max_elements) is None
    ):
        strategy = _fast_structure(data, plugins)
        if strategy is not None:
            found = unclaimed(data, plugins)
            if any(name in _conflicts.KEYS for _, name, _ in found):  # a merge conflict
                return None, _explain(parsed, file, limits, plugins)
            positions = parsed.locate({path for path, _, _ in found}) if found else _NO_POSITIONS
            problems = [*parsed.problems, *_unclaimed(found, positions, file)]
            problems.sort(key=Problem.sort_key)
            return _linked(strategy, problems, parsed, file, documents)
    return None, _explain(parsed, file, limits, plugins)


def from_data(
    data: Any,
    *,
    file: str = "<data>",
    limits: Limits = _DEFAULT_LIMITS,
    plugins: Plugins,
    positions: Positions = _NO_POSITIONS,
) -> tuple[Strategy | None, list[Problem]]:
    """Return the strategy that plain *data* describes, or every reason it does not.

    Args:
        data: A document's plain data, as JSON would give it.
        file: The name to give in problems' locations.
        limits: The bounds; :attr:`~orgstrategy.Limits.max_elements` is checked here.
        plugins: The plugins in effect.
        positions: Where each value stands in the text the data came from, if any.
    """
    return from_parsed(
        Parsed.located(data, positions, []), file=file, limits=limits, plugins=plugins
    )


def _parse_text(syntax: ModuleType, text: str | bytes, file: str, limits: Limits) -> Parsed:
    decoded, problems = decode(text, file)
    if decoded is None:
        return Parsed(None, problems)
    ok, data = syntax.read(decoded, limits, file)
    if isinstance(data, Problem):  # over a bound: located where it was crossed
        return Parsed(None, [data])
    if ok:  # well-formed: only the paths of its problems, if any, need finding in the text
        return Parsed(data, [], functools.partial(syntax.locate, decoded))
    data, positions, problems = syntax.read_located(decoded, file, limits)
    return Parsed.located(data, positions, problems)


def parse_yaml(text: str | bytes, *, file: str, limits: Limits) -> Parsed:
    """Return the plain data of the YAML document *text*, and how to locate its values."""
    return _parse_text(_yaml, text, file, limits)


def parse_json(text: str | bytes, *, file: str, limits: Limits) -> Parsed:
    """Return the plain data of the JSON document *text*, and how to locate its values."""
    return _parse_text(_json, text, file, limits)


def to_data(strategy: Strategy) -> dict[str, Any]:
    """Return *strategy* as plain data in canonical form: the JSON form of a document.

    Its ``orgstrategy`` is the lowest format version that can hold it.

    >>> from orgstrategy import Organisation, Strategy
    >>> to_data(Strategy(organisation=Organisation(name="Here")))
    {'orgstrategy': '1.0', 'organisation': {'name': 'Here'}}
    >>> to_data(Strategy(organisation=Organisation(name="Here"), language="cy"))["orgstrategy"]
    '1.1'
    """
    data: dict[str, Any] = converter().unstructure(strategy, Strategy)
    return {"orgstrategy": format_version(strategy), **data}


def write_yaml(strategy: Strategy) -> str:
    """Return *strategy* as a YAML document in canonical form."""
    return _yaml.dump(to_data(strategy))


def write_json(strategy: Strategy) -> str:
    """Return *strategy* as a JSON document in canonical form."""
    return _json.dump(to_data(strategy))
