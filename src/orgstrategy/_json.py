"""JSON text to plain data and back, with the same bounds and locations as YAML.

The standard library reads the values. Positions come from reading the same text
with the YAML reader (JSON is YAML's flow style), which also finds duplicate keys
and bounds depth; this second reading happens only to explain a problem.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, Final

from orgstrategy import _yaml
from orgstrategy._errors import Problem
from orgstrategy._limits import Limits
from orgstrategy._positions import Positions

__all__ = ["dump", "read", "read_located"]

_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]")
_CONSTANT: Final = re.compile(r"-?Infinity|NaN")


class _Invalid(ValueError):
    """The text is JSON that no strategy can hold."""

    def __init__(self, message: str, code: str, found: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.found = found  # the text to point at, where it is known


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise _Invalid("a key appears more than once in one object", "duplicate-key")
    return mapping


def _constant(name: str) -> Any:
    raise _Invalid(f"{name} is not a JSON number", "json-syntax")


def _float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise _Invalid(f"the number {text} is too large", "json-syntax", text)
    return number


def _check(data: Any, text: str, limits: Limits) -> None:
    """Check depth, size and (where the text escapes any) lone surrogates."""
    surrogates = _SURROGATE_ESCAPE.search(text) is not None
    nodes = 0
    todo: list[tuple[Any, int]] = [(data, 1)]
    while todo:
        value, depth = todo.pop()
        nodes += 1
        if isinstance(value, dict):
            children: Any = value.values()
            if surrogates:
                todo.extend((key, depth) for key in value)
        elif isinstance(value, list):
            children = value
        else:
            if surrogates and isinstance(value, str):
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    raise _Invalid(
                        "a string holds a lone surrogate escape, which is not Unicode",
                        "encoding",
                        _SURROGATE_ESCAPE.search(text).group(),  # type: ignore[union-attr]
                    ) from None
            continue
        if depth > limits.max_depth:
            raise _Invalid(
                f"the document is nested more than {limits.max_depth} levels deep", "too-deep"
            )
        todo.extend((child, depth + 1) for child in children)
    if nodes > limits.max_nodes:
        raise _Invalid(f"the document has more than {limits.max_nodes} values", "too-large")


def _load(text: str, limits: Limits) -> Any:
    data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant, parse_float=_float)
    _check(data, text, limits)
    return data


def read(text: str, limits: Limits) -> tuple[bool, Any]:
    """Read *text* fast, without positions; see :func:`orgstrategy._yaml.read`."""
    try:
        return True, _load(text, limits)
    except (ValueError, RecursionError):
        return False, None


def read_located(text: str, file: str, limits: Limits) -> tuple[Any, Positions, list[Problem]]:
    """Read *text* with positions and every problem found."""
    _, positions, structural = _yaml.read_located(text, file, limits)
    wanted = {"duplicate-key", "too-deep", "too-large", "encoding"}
    problems = [problem for problem in structural if problem.code in wanted]
    if not text.strip():
        problems.append(Problem(message="the file is empty", code="empty-document", file=file))
        return None, positions, problems
    try:
        data = _load(text, limits)
    except json.JSONDecodeError as error:
        problems.append(
            Problem(
                message=f"JSON syntax: {error.msg}",
                code="json-syntax",
                file=file,
                line=error.lineno,
                column=error.colno,
            )
        )
        return None, positions, problems
    except _Invalid as error:
        if error.code in {problem.code for problem in problems}:
            return None, positions, problems
        found = error.found
        if found is None and error.code == "json-syntax":
            constant = _CONSTANT.search(text)
            found = constant.group() if constant else None
        line, column = _yaml.line_and_column(text, text.find(found) if found else 0)
        problems.append(
            Problem(message=error.message, code=error.code, file=file, line=line, column=column)
        )
        return None, positions, problems
    except (ValueError, RecursionError) as error:
        # Numbers too long to read, nesting too deep for the standard library.
        code = "too-deep" if isinstance(error, RecursionError) else "json-syntax"
        if code not in {problem.code for problem in problems}:
            problems.append(Problem(message=f"JSON: {error}", code=code, file=file))
        return None, positions, problems
    return data, positions, problems


def dump(data: Any) -> str:
    """Return *data* as indented JSON, ending with a newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
