"""JSON text to plain data and back, with the same bounds and locations as YAML.

The standard library reads the values. Before it does, a count of the characters
that can start a value bounds how many values the text can hold; only a text that
could be over the limit is scanned token by token, which finds where it crosses
the limit (or that it does not), so nothing over a bound is ever built. The same
scan locates a document nested too deeply and a number too long to read.

Positions come from reading the same text with the YAML reader (JSON is YAML's
flow style), which also finds duplicate keys; this second reading happens only to
explain a problem, never for a document over a bound.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable
from typing import Any, Final

import attrs

from orgstrategy import _yaml
from orgstrategy._errors import Problem
from orgstrategy._limits import Limits, exceeded
from orgstrategy._positions import Path, Positions

__all__ = ["dump", "locate", "read", "read_located"]
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]")
#: A surrogate pair written as escapes (``"\\ud83d\\ude00"``), which YAML does not read.
_PAIR_ESCAPE: Final = re.compile(r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")
#: What JSON strings may hold as it is but YAML may not (it is not "printable").
_NOT_YAML: Final = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff]")
_CONSTANT: Final = re.compile(r"-?Infinity|NaN")
#: A token: a bracket, a string (perhaps unterminated) or a number, word or other run.
_TOKEN: Final = re.compile(r'[\[\]{}]|"[^"\\]*(?:\\.[^"\\]*)*"?|[^\s\[\]{},:"]+')
#: Where the scan notes a mapping's key that it has not read yet.
_NO_KEY: Final = None
_SHOWN_DIGITS: Final = 8


class _Invalid(ValueError):
    """The text is JSON that no strategy can hold."""

    def __init__(
        self,
        message: str,
        code: str,
        found: str | None = None,
        *,
        index: int | None = None,
        path: Path = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.found = found  # the text to point at, where it is known
        self.index = index  # where it is, where that is known
        self.path = path

    def problem(self, text: str, file: str) -> Problem:
        """Return the problem, located in *text* as well as it can be."""
        index = self.index
        if index is None:
            found = self.found
            if found is None and self.code == "json-syntax":
                constant = _CONSTANT.search(text)
                found = constant.group() if constant else None
            index = text.find(found) if found else 0
        line, column = _yaml.line_and_column(text, index)
        return Problem(
            message=self.message,
            code=self.code,
            file=file,
            line=line,
            column=column,
            steps=self.path,
        )


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


def _may_hold_more(text: str, count: int) -> bool:
    """Whether *text* may hold more than *count* values, keys included.

    Every value and key but the first follows one of ``[{,:``, so their number
    bounds it; those inside strings make the bound generous, never wrong.
    """
    return 1 + sum(text.count(mark) for mark in "[{,:") > count


def _scan(text: str, limits: Limits, *, digits: int = 0) -> _Invalid | None:
    """Return the first bound that *text* crosses, located where it crosses it.

    With *digits*, also find the first number with more digits than that.
    Tokens are read as JSON would read them, keys counted as values (as the
    YAML reader counts them); a text that is not JSON is scanned as well as it
    can be, and the parser reports its syntax.
    """
    max_nodes, max_depth = limits.max_nodes, limits.max_depth
    nodes = 0
    # For each enclosing array, the index of its next item; for each object, the
    # key of its next value, or _NO_KEY while the next string is a key.
    steps: list[Any] = []
    arrays: list[bool] = []
    for match in _TOKEN.finditer(text):
        start = match.start()
        first = text[start]
        if first == "]" or first == "}":
            if steps:
                steps.pop()
                arrays.pop()
                _next(steps, arrays)
            continue
        in_object = bool(arrays) and not arrays[-1]
        if in_object and steps[-1] is _NO_KEY:
            nodes += 1
            if nodes > max_nodes:
                return _Invalid(_too_many(limits), "too-large", index=start, path=_path(steps))
            steps[-1] = _key(match.group())
            continue
        nodes += 1
        if nodes > max_nodes:
            return _Invalid(_too_many(limits), "too-large", index=start, path=_path(steps))
        if first == "[" or first == "{":
            if len(steps) >= max_depth:
                return _Invalid(_too_deep(limits), "too-deep", index=start, path=_path(steps))
            steps.append(0 if first == "[" else _NO_KEY)
            arrays.append(first == "[")
            continue
        if digits and first != '"' and match.end() - start > digits:
            number = _long_number(match.group(), digits)
            if number is not None:
                return _Invalid(number, "json-syntax", index=start, path=_path(steps))
        _next(steps, arrays)
    return None


def _next(steps: list[Any], arrays: list[bool]) -> None:
    """Move past a value just read: to the next index of an array, or the next key."""
    if steps:
        steps[-1] = steps[-1] + 1 if arrays[-1] else _NO_KEY


def _path(steps: list[Any]) -> Path:
    return tuple(step for step in steps if step is not _NO_KEY)


def _key(token: str) -> str:
    try:
        key = json.loads(token)
    except ValueError:
        return token
    return key if isinstance(key, str) else token


def _long_number(token: str, digits: int) -> str | None:
    """Return the message for *token* if it is an integer with more than *digits* digits."""
    body = token.removeprefix("-")
    if not (body.isascii() and body.isdigit() and len(body) > digits):
        return None
    shown = f"{body[:_SHOWN_DIGITS]}\u2026{body[-_SHOWN_DIGITS:]}"
    return (
        f"the number {shown} has {len(body):,} digits, more than the {digits:,} a number"
        " may have; write it as text if it is genuine"
    )


def _max_digits() -> int:
    """Return the most digits Python reads an integer with (in 3.10.7 and later)."""
    limit: int = getattr(sys, "get_int_max_str_digits", lambda: 4_300)()
    return limit


def _too_many(limits: Limits) -> str:
    return exceeded("max_nodes", limits.max_nodes, "values")


def _too_deep(limits: Limits) -> str:
    return f"the document is nested more than {limits.max_depth} levels deep"


def _check(data: Any, text: str, limits: Limits) -> None:
    """Check depth and (where the text escapes any) lone surrogates."""
    surrogates = _SURROGATE_ESCAPE.search(text) is not None
    todo: list[tuple[Any, int]] = [(data, 1)]
    while todo:
        value, depth = todo.pop()
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
            raise _scan(text, limits) or _Invalid(_too_deep(limits), "too-deep")
        todo.extend((child, depth + 1) for child in children)


def _load(text: str, limits: Limits) -> Any:
    """Return the data of *text*, or raise what the standard library or :class:`_Invalid` says.

    A text over a bound raises :class:`_Invalid`, located, before anything is built.
    """
    if _may_hold_more(text, limits.max_nodes):
        over = _scan(text, limits)
        if over is not None:
            raise over
    try:
        data = json.loads(
            text, object_pairs_hook=_pairs, parse_constant=_constant, parse_float=_float
        )
    except RecursionError:  # nested too deeply for the standard library: locate it
        raise _scan(text, limits) or _Invalid(_too_deep(limits), "too-deep") from None
    except (_Invalid, json.JSONDecodeError):
        raise
    except ValueError as error:  # an integer longer than Python reads
        located = _scan(text, limits, digits=_max_digits())
        raise located or _Invalid(f"JSON: {error}", "json-syntax") from None
    _check(data, text, limits)
    return data


def read(text: str, limits: Limits, file: str = "<string>") -> tuple[bool, Any]:
    """Read *text* fast, without positions; see :func:`orgstrategy._yaml.read`."""
    try:
        return True, _load(text, limits)
    except _Invalid as error:  # where the scan found it, it is all there is to say
        return False, error.problem(text, file) if error.index is not None else None
    except ValueError:
        return False, None


def read_located(text: str, file: str, limits: Limits) -> tuple[Any, Positions, list[Problem]]:
    """Read *text* with positions and every problem found."""
    if not text.strip():
        problem = Problem(message="the file is empty", code="empty-document", file=file)
        return None, Positions(), [problem]
    try:
        data = _load(text, limits)
    except _Invalid as error:
        if error.index is not None:  # over a bound, or a number too long: refused there
            return None, Positions(), [error.problem(text, file)]
        _, positions, problems = _structural(text, file, limits)
        if error.code not in {problem.code for problem in problems}:
            problems.append(error.problem(text, file))
        return None, positions, problems
    except json.JSONDecodeError as error:
        _, positions, problems = _structural(text, file, limits)
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
    _, positions, problems = _structural(text, file, limits)
    return data, positions, problems


def _as_yaml(text: str) -> tuple[str, Callable[[int, int], tuple[int, int]]]:
    r"""Return *text* as YAML reads it, and what moves a line and column in it back to *text*.

    JSON is YAML's flow style, but for a surrogate pair written as two escapes,
    which YAML writes as one (``\U0001f600``), two characters shorter, and for
    the control characters that JSON strings may hold and YAML may not, which
    are read as spaces (only positions are wanted from this reading), as are
    tabs before the top-level value, where YAML reads indentation.
    """
    text = _NOT_YAML.sub(" ", text)
    start = len(text) - len(text.lstrip(" \t\r\n"))
    text = text[:start].replace("\t", " ") + text[start:]
    shortened: dict[int, list[int]] = {}  # by line, the YAML columns after each pair
    pieces = []
    done = 0
    for match in _PAIR_ESCAPE.finditer(text):
        high, low = int(match.group(1), 16), int(match.group(2), 16)
        code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        pieces.append(text[done : match.start()])
        pieces.append(f"\\U{code:08x}")
        done = match.end()
        line, column = _yaml.line_and_column(text, match.end())
        after = shortened.setdefault(line, [])
        after.append(column - 2 * (len(after) + 1))
    pieces.append(text[done:])

    def back(line: int, column: int) -> tuple[int, int]:
        pairs = sum(1 for after in shortened.get(line, ()) if after <= column)
        return line, column + 2 * pairs

    return "".join(pieces), back


def _moved(positions: Positions, back: Callable[[int, int], tuple[int, int]]) -> Positions:
    return Positions(
        values={path: back(*place) for path, place in positions.values.items()},
        keys={path: back(*place) for path, place in positions.keys.items()},
    )


def locate(text: str, wanted: set[Path]) -> Positions:
    """Return where the *wanted* paths stand in *text*; see :func:`orgstrategy._yaml.locate`."""
    readable, back = _as_yaml(text)
    return _moved(_yaml.locate(readable, wanted), back)


def _structural(text: str, file: str, limits: Limits) -> tuple[Any, Positions, list[Problem]]:
    """Return the YAML reader's positions, and the problems it finds that JSON has too."""
    readable, back = _as_yaml(text)
    data, positions, structural = _yaml.read_located(readable, file, limits)
    wanted = {"duplicate-key", "encoding"}
    problems = []
    for problem in structural:
        if problem.code in wanted:
            line, column = back(problem.line, problem.column)
            problems.append(attrs.evolve(problem, line=line, column=column))
    return data, _moved(positions, back), problems


def dump(data: Any) -> str:
    """Return *data* as indented JSON, ending with a newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
