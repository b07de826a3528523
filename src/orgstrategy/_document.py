"""From text to a strategy: decoding, size limits, structuring, and explaining failures.

The readers of YAML and JSON documents, and readers of other formats that build a
document's plain data themselves (StratML), all end here: :func:`structure`
turns plain data into a :class:`~orgstrategy.Strategy`, or explains, with every
problem located, why it cannot.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, Final

from orgstrategy import _json, _yaml
from orgstrategy._convert import converter
from orgstrategy._errors import Problem
from orgstrategy._extensions import unclaimed
from orgstrategy._limits import Limits
from orgstrategy._model import Strategy
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


def _fast_structure(data: Any) -> Strategy | None:
    if type(data) is not dict or data.get("orgstrategy") != FORMAT_VERSION:
        return None
    fields = {key: value for key, value in data.items() if key != "orgstrategy"}
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
                message=f"no installed plugin claims the namespace {name!r} on {place}s"
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


def _explain(data: Any, positions: Positions, file: str, problems: list[Problem]) -> list[Problem]:
    problems.extend(_unclaimed(unclaimed(data), positions, file))
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
    return sorted(problems, key=Problem.sort_key)


def structure(
    data: Any, file: str, positions: Positions = _NO_POSITIONS
) -> tuple[Strategy | None, list[Problem]]:
    """Return the strategy that plain *data* describes, or every reason it does not.

    Args:
        data: A document's plain data, as JSON would give it.
        file: The name to give in problems' locations.
        positions: Where each value stands in the text the data came from, if any.
    """
    strategy = _fast_structure(data)
    if strategy is not None:
        return strategy, _unclaimed(unclaimed(data), positions, file)
    return None, _explain(data, positions, file, [])


def _read_text(
    syntax: ModuleType, text: str | bytes, file: str, limits: Limits
) -> tuple[Strategy | None, list[Problem]]:
    decoded, problems = decode(text, file)
    if decoded is None:
        return None, problems
    ok, data = syntax.read(decoded, limits)
    if ok:
        strategy = _fast_structure(data)
        if strategy is not None:
            found = unclaimed(data)
            if not found:
                return strategy, []
            _, positions, _ = syntax.read_located(decoded, file, limits)
            return strategy, _unclaimed(found, positions, file)
    data, positions, problems = syntax.read_located(decoded, file, limits)
    return None, _explain(data, positions, file, problems)


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
