"""From text to a strategy: decoding, size limits, structuring, and explaining failures.

The readers of YAML and JSON documents, and readers of other formats that build a
document's plain data themselves (StratML), all end here: :func:`structure`
turns plain data into a :class:`~orgstrategy.Strategy`, or explains, with every
problem located, why it cannot.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from types import ModuleType
from typing import Any, Final

import attrs

from orgstrategy import _json, _yaml
from orgstrategy._convert import converter
from orgstrategy._errors import Problem
from orgstrategy._extensions import unclaimed
from orgstrategy._limits import Limits, too_many_elements
from orgstrategy._model import ELEMENT_KINDS, Strategy
from orgstrategy._positions import Path, Positions, format_path
from orgstrategy._schema import FORMAT_VERSION

__all__ = [
    "decode",
    "read_json",
    "read_yaml",
    "structure",
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
        path=format_path(path),
    )


def _fast_structure(data: Any) -> Strategy | None:
    if type(data) is not dict or data.get("orgstrategy") != FORMAT_VERSION:
        return None
    fields = {key: value for key, value in data.items() if key != "orgstrategy"}
    if not fields.keys() <= _STRATEGY_FIELDS:  # invalid: no need to build the rest first
        return None
    try:
        return converter().structure(fields, Strategy)
    except Exception:
        return None


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
                path=format_path(path),
                severity="warning",
            )
        )
    return problems


def _explain(
    data: Any,
    locate: Callable[[set[Path]], Positions],
    file: str,
    problems: list[Problem],
    limits: Limits,
) -> list[Problem]:
    """Return every problem with *data*, located by *locate* (given the paths it needs)."""
    past = _element_past(data, limits.max_elements)
    if past is not None:  # explaining would cost what the limit is there to prevent
        problems.append(_too_many_elements(past, locate({past}), file, limits))
        return sorted(problems, key=Problem.sort_key)
    found = unclaimed(data)
    wanted = {path for path, _, _ in found}
    explanation = None
    if not any(problem.severity == "error" for problem in problems) or data is not None:
        from orgstrategy._check import explain  # jsonschema is imported only to explain

        explanation = explain(data, file)
        wanted |= explanation.paths
    positions = locate(wanted)
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


def structure(
    data: Any, file: str, positions: Positions = _NO_POSITIONS, limits: Limits = _DEFAULT_LIMITS
) -> tuple[Strategy | None, list[Problem]]:
    """Return the strategy that plain *data* describes, or every reason it does not.

    Args:
        data: A document's plain data, as JSON would give it.
        file: The name to give in problems' locations.
        positions: Where each value stands in the text the data came from, if any.
        limits: The bounds; :attr:`~orgstrategy.Limits.max_elements` is checked here.
    """
    if _element_past(data, limits.max_elements) is None:
        strategy = _fast_structure(data)
        if strategy is not None:
            return strategy, _unclaimed(unclaimed(data), positions, file)
    return None, _explain(data, lambda _: positions, file, [], limits)


def _read_text(
    syntax: ModuleType, text: str | bytes, file: str, limits: Limits
) -> tuple[Strategy | None, list[Problem]]:
    decoded, problems = decode(text, file)
    if decoded is None:
        return None, problems
    ok, data = syntax.read(decoded, limits, file)
    if isinstance(data, Problem):  # over a bound: located where it was crossed
        return None, [data]
    if ok and _element_past(data, limits.max_elements) is None:
        strategy = _fast_structure(data)
        if strategy is not None:
            found = unclaimed(data)
            if not found:
                return strategy, []
            positions = syntax.locate(decoded, {path for path, _, _ in found})
            return strategy, _unclaimed(found, positions, file)
    if ok:  # well-formed: only the paths of its problems need finding in the text
        return None, _explain(data, lambda wanted: syntax.locate(decoded, wanted), file, [], limits)
    data, positions, problems = syntax.read_located(decoded, file, limits)
    return None, _explain(data, lambda _: positions, file, problems, limits)


def read_yaml(
    text: str | bytes, *, file: str, limits: Limits
) -> tuple[Strategy | None, list[Problem]]:
    """Return the strategy in the YAML document *text*, and the problems found."""
    return _read_text(_yaml, text, file, limits)


def read_json(
    text: str | bytes, *, file: str, limits: Limits
) -> tuple[Strategy | None, list[Problem]]:
    """Return the strategy in the JSON document *text*, and the problems found."""
    return _read_text(_json, text, file, limits)


def to_data(strategy: Strategy) -> dict[str, Any]:
    """Return *strategy* as plain data in canonical form: the JSON form of a document.

    >>> from orgstrategy import Organisation, Strategy
    >>> to_data(Strategy(organisation=Organisation(name="Here")))
    {'orgstrategy': '1.0', 'organisation': {'name': 'Here'}}
    """
    return {"orgstrategy": FORMAT_VERSION, **converter().unstructure(strategy, Strategy)}


def write_yaml(strategy: Strategy) -> str:
    """Return *strategy* as a YAML document in canonical form."""
    return _yaml.dump(to_data(strategy))


def write_json(strategy: Strategy) -> str:
    """Return *strategy* as a JSON document in canonical form."""
    return _json.dump(to_data(strategy))
