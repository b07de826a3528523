"""Explain why a document is invalid: every problem, located, in plain words.

This runs only when reading fast failed. It checks the document against the
JSON Schema and the rules the schema cannot say (unique ids within a list, a
period that does not end before it starts), and turns each finding into a
:class:`~orgstrategy.Problem` with the line and column of the offending key or
value.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import attrs

from orgstrategy import _conflicts
from orgstrategy._convert import structure_date, without_valid_elements
from orgstrategy._errors import Problem
from orgstrategy._ids import LANGUAGE_PATTERN, REFERENCE_PATTERN, duplicates
from orgstrategy._model import (
    SECTIONS,
    Measure,
    Strategy,
    first_day,
    last_day,
    model_classes,
    nested,
    since,
)
from orgstrategy._positions import Path, Positions, format_path
from orgstrategy._schema import DATE_PATTERN, FORMAT_VERSION, NOT_BLANK, SUPPORTED_VERSIONS
from orgstrategy._validator import validator

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError as SchemaError

    from orgstrategy._plugin import Plugins

__all__ = ["Explanation", "explain"]

_TYPE_NAMES: Final = {
    "string": "text",
    "object": "a mapping",
    "array": "a list",
    "integer": "a year",
    "number": "a number",
}
#: The most problems explained in one document: explaining costs time for each, and
#: past this many, a document has a mistake repeated (fixed once, validate again).
MAX_PROBLEMS: Final = 1_000
#: How close a key must be to a known one to be suggested (difflib's ratio).
_CLOSE: Final = 0.6


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    return "a list" if isinstance(value, list) else "a mapping"


def _hint(value: Any, expected: list[str]) -> str:
    if expected == ["integer", "string"]:  # a year or a date: quoting would not help
        return ""
    if value is None:
        return "; write a value, or leave the key out"
    if "string" in expected and isinstance(value, int | float) and not isinstance(value, bool):
        return f"; quote it to keep it as text: '{value!r}'"
    if "string" in expected and isinstance(value, bool):
        return "; quote it if you mean the text"
    if "string" in expected and isinstance(value, dict) and len(value) == 1:
        ((key, inner),) = value.items()
        if inner is None:  # "- alias:" in YAML is a mapping: text that ends in a colon
            return f"; quote it to keep it as text: '{key}:'"
    return ""


def _did_you_mean(word: str, choices: Any) -> str:
    names = [str(choice) for choice in choices]
    # The ratio is at most 2b / (a + b) for lengths a > b: a word over 7/3 of the
    # longest choice is never close, and comparing it would cost in its length.
    if not names or len(word) * _CLOSE > (2 - _CLOSE) * max(map(len, names)):
        return ""
    close = difflib.get_close_matches(word, names, n=1, cutoff=_CLOSE)
    return f"; did you mean {close[0]!r}?" if close else ""


class _Finding(NamedTuple):
    """A problem found, not yet located: *first* is the path its message cites, if any."""

    message: str
    code: str
    path: Path
    key: bool
    first: Path | None


class Explanation:
    """Why a document is invalid: problems found in its data, to be located in its text.

    Finding comes first and locating after, so that a reader can look up only
    the :attr:`paths` it needs rather than every value of a large document.
    """

    def __init__(
        self, file: str, kept: dict[Path, list[int]] | None = None, version: str = FORMAT_VERSION
    ) -> None:
        self.file = file
        self.kept = kept or {}
        self.version = version  # the format version the document says it is in
        self._findings: dict[_Finding, None] = {}  # in order, each once
        self.next: _Finding | None = None  # the first not explained, past MAX_PROBLEMS

    @property
    def full(self) -> bool:
        """Whether :data:`MAX_PROBLEMS` problems have been found, and more are not wanted."""
        return len(self._findings) >= MAX_PROBLEMS

    @property
    def paths(self) -> set[Path]:
        """The paths whose positions :meth:`located` needs."""
        findings = [*self._findings, *([self.next] if self.next is not None else [])]
        found = {finding.path for finding in findings}
        return found | {finding.first for finding in findings if finding.first is not None}

    def located(self, positions: Positions) -> list[Problem]:
        """Return the problems, each with the line and column *positions* give it."""
        problems = []
        findings = list(self._findings)
        if self.next is not None:
            message, _, path, key, first = self.next
            findings.append(
                _Finding(
                    f"more problems than the {MAX_PROBLEMS:,} reported; the next is here: "
                    + message,
                    "too-many-problems",
                    path,
                    key,
                    first,
                )
            )
        for message, code, path, key, first in findings:
            if first is not None:
                head, _, tail = message.rpartition("(line ?)")  # the last: the id comes before
                message = f"{head}(line {positions.locate(first)[0]}){tail}"
            line, column = positions.locate(path, key=key)
            problems.append(
                Problem(
                    message=message,
                    code=code,
                    file=self.file,
                    line=line,
                    column=column,
                    steps=path,
                )
            )
        return problems

    def add(
        self, message: str, code: str, path: Path, *, key: bool = False, first: Path | None = None
    ) -> None:
        """Record a problem once, however many schema errors lead to it.

        jsonschema reports ``required`` once per missing key, each error naming the
        same list of keys, so the same problem can be explained more than once.
        With *first*, the message's ``(line ?)`` is given the line of *first*.
        """
        finding = _Finding(message, code, path, key, first)
        if not self.full:
            self._findings.setdefault(finding)
        elif self.next is None and finding not in self._findings:
            self.next = finding

    def _original(self, path: Path) -> Path:
        """Return the document's path for *path* in the data with valid elements left out."""
        steps: list[str | int] = []
        for step in path:
            indices = self.kept.get(tuple(steps))
            steps.append(indices[step] if indices is not None and type(step) is int else step)
        return tuple(steps)

    def schema_error(self, error: SchemaError) -> None:
        path = self._original(tuple(error.absolute_path))
        keyword: Any = error.validator
        if "extensions" in path[:-1]:  # inside a plugin's section: its schema, its words
            name = path[path.index("extensions") + 1]
            self.add(f"{error.message} (plugin {name!r})", "extension", path)
            return
        value: Any = error.instance
        schema: Any = error.schema
        if keyword == "additionalProperties":
            allowed = schema.get("properties", {})
            for key in value:
                newer = _later_key(schema, path, key) if key not in allowed else None
                if newer is not None:
                    self.add(
                        f"{key!r} came in format {newer}, but this document says it is "
                        f'in format {self.version}: write orgstrategy: "{newer}" at the top',
                        "version",
                        (*path, key),
                        key=True,
                    )
                elif key not in allowed:
                    hint = (
                        "; YAML merge keys are not supported: write the keys out"
                        if key == "<<"
                        else _did_you_mean(key, allowed)
                    )
                    self.add(
                        f"unknown key {key!r}{hint}",
                        "unknown-key",
                        (*path, key),
                        key=True,
                    )
        elif keyword == "required":
            for key in schema["required"]:
                if key not in value:
                    self.add(f"missing required key {key!r}", "missing-key", path)
        elif keyword == "type":
            expected = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not path:
                self.add(
                    "a strategy document is a mapping with keys such as 'orgstrategy' and "
                    f"'organisation', but this one is {_describe(value)}",
                    "type",
                    path,
                )
                return
            wanted = " or ".join(_TYPE_NAMES[name] for name in expected)
            if expected == ["integer", "string"]:
                wanted = "a year or a date written YYYY-MM-DD"
            self.add(
                f"expected {wanted}, got {_describe(value)}{_hint(value, expected)}", "type", path
            )
        elif keyword == "const" or (keyword == "enum" and path == ("orgstrategy",)):
            self.add(
                f"unsupported format version {value!r}; this library reads "
                + ", ".join(repr(v) for v in SUPPORTED_VERSIONS)
                + _hint(value, ["string"]),
                "version",
                path,
            )
        elif keyword == "enum" and "propertyNames" in error.schema_path and value in SECTIONS:
            self.add(
                f"the section {value!r} came in a later format version than this document's "
                f'{self.version}: write orgstrategy: "{FORMAT_VERSION}" at the top',
                "version",
                (*path, value),
                key=True,
            )
        elif keyword == "enum" and "propertyNames" in error.schema_path:
            self.add(
                f"{value!r} is not a section that can have a label"
                f"{_did_you_mean(value, schema['enum'])}",
                "unknown-key",
                (*path, value),
                key=True,
            )
        elif keyword == "enum":
            self.add(
                f"{value!r} is not one of {', '.join(map(str, schema['enum']))}"
                f"{_did_you_mean(str(value), schema['enum'])}",
                "enum",
                path,
            )
        elif keyword == "pattern":
            if schema["pattern"] == NOT_BLANK:
                self.add("must not be empty", "empty", path)
            elif schema["pattern"] == DATE_PATTERN:
                self.add(f"{value!r} is not a date written YYYY-MM-DD", "date", path)
            elif schema["pattern"] == LANGUAGE_PATTERN:
                where = (*path, value) if "propertyNames" in error.schema_path else path
                self.add(
                    f"{value!r} is not a language tag such as 'en', 'cy' or 'en-GB'",
                    "language",
                    where,
                    key=where != path,
                )
            elif schema["pattern"] == REFERENCE_PATTERN:
                self.add(
                    f"{value!r} is not a reference: write SECTION/ID (such as "
                    "'priorities/mental-health'), SECTION/ID/SECTION/ID for a nested "
                    "element, ALIAS:SECTION/ID for one in a document of aligns_to, or ALIAS:",
                    "reference",
                    path,
                )
            else:
                self.add(
                    f"{value!r} is not a valid id: use letters, digits, '.', '_' and '-', "
                    "starting with a letter or digit",
                    "id",
                    path,
                )
        elif keyword == "format":
            if re.search(DATE_PATTERN, value):  # otherwise the pattern said it already
                self.add(f"{value!r} is not a real calendar date", "date", path)
        elif keyword in ("minimum", "maximum"):
            self.add(f"the year {value} is not between 1000 and 9999", "year", path)
        elif keyword == "minProperties":
            self.add("a period needs a start or an end", "missing-key", path)
        elif keyword == "anyOf" and "text" in schema.get("properties", {}):
            self.add("a statement needs 'text' or at least one of 'points'", "missing-key", path)
        elif keyword == "anyOf":
            self.add("a source needs a 'title' or a 'url'", "missing-key", path)
        else:  # pragma: no cover - every keyword the schema uses is handled above
            self.add(error.message, "schema", path)

    def duplicate_ids(self, data: Any) -> None:
        for path, _, items in _element_lists(data):
            ids = [item.get("id") if isinstance(item, dict) else None for item in items]
            given = [(index, id_) for index, id_ in enumerate(ids) if isinstance(id_, str)]
            for first, repeat in duplicates(id_ for _, id_ in given):
                first_index, repeat_index = given[first][0], given[repeat][0]
                self.add(
                    f"the id {given[repeat][1]!r} is already used by "
                    f"{format_path((*path, first_index))} (line ?); ids must be unique "
                    "within a list",
                    "duplicate-id",
                    (*path, repeat_index, "id"),
                    first=(*path, first_index, "id"),
                )

    def non_finite(self, data: Any, path: Path = ()) -> None:
        """Report numbers no document can hold (only plain data built in Python has them)."""
        if isinstance(data, float) and not math.isfinite(data):
            self.add(f"{data!r} is not a finite number", "type", path)
        elif isinstance(data, dict):
            for key, value in data.items():
                self.non_finite(value, (*path, key))
        elif isinstance(data, list):
            for index, value in enumerate(data):
                self.non_finite(value, (*path, index))

    def period_order(self, data: Any) -> None:
        for path, mapping in _time_spans(data):
            start, end = _day(mapping.get("start"), first_day), _day(mapping.get("end"), last_day)
            if start is not None and end is not None and end < start:
                self.add(
                    f"the end ({mapping['end']}) is before the start ({mapping['start']})",
                    "period-order",
                    (*path, "end"),
                )


def _later_key(schema: Any, path: Path, key: str) -> str | None:
    """Return the format version that added *key* to the object *schema* is of, if one did."""
    title = schema.get("title")
    found = (
        Strategy if not path else next((c for c in model_classes() if c.__name__ == title), None)
    )
    field = attrs.fields_dict(found).get(key) if found is not None else None
    return since(field) if field is not None else None


def _day(value: Any, day: Any) -> Any:
    try:
        if type(value) is int and 1000 <= value <= 9999:
            return day(value)
        return structure_date(value) if isinstance(value, str) else None
    except (TypeError, ValueError):
        return None


def _items(mapping: Any, key: str) -> list[Any]:
    value = mapping.get(key) if isinstance(mapping, dict) else None
    return value if isinstance(value, list) else []


def _element_lists(
    data: Any, cls: type = Strategy, path: Path = ()
) -> Iterator[tuple[Path, type, list[Any]]]:
    """Yield every list of elements in the plain data *data* of a *cls*: path, class, items.

    The lists are those the model declares (:func:`orgstrategy._model.nested`).

    >>> lists = {path: items for path, _, items in _element_lists(
    ...     {"goals": [{"name": "G", "measures": ["M"]}]})}
    >>> lists["goals", 0, "measures"], lists["priorities",]
    (['M'], [])
    """
    if not isinstance(data, dict):
        return
    for field in nested(cls):
        value = data.get(field.name)
        here = (*path, field.name)
        if not field.many:
            yield from _element_lists(value, field.item, here)
        elif "id" in attrs.fields_dict(field.item):
            items = value if isinstance(value, list) else []
            yield here, field.item, items
            for index, item in enumerate(items):
                yield from _element_lists(item, field.item, (*here, index))


def _time_spans(data: Any) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Yield the period and every measure result, which have a start and an end."""
    if not isinstance(data, dict):
        return
    if isinstance(data.get("period"), dict):
        yield ("period",), data["period"]
    for path, item, items in _element_lists(data):
        if item is not Measure:
            continue
        for index, measure in enumerate(items):
            for number, result in enumerate(_items(measure, "results")):
                if isinstance(result, dict):
                    yield (*path, index, "results", number), result


def _conflict_message(conflict: dict[str, Any]) -> str:
    versions = [
        f"{side} {'nothing' if conflict[key] is None else _describe(conflict[key])}"
        for side, key in (
            ("ours", _conflicts.OURS),
            ("theirs", _conflicts.THEIRS),
            ("base", _conflicts.BASE),
        )
    ]
    return (
        f"merge conflict between {', '.join(versions)}: "
        "keep one version as the value here and delete the others"
    )


def explain(data: Any, file: str, plugins: Plugins) -> Explanation:
    """Return every problem with *data*, read from a file called *file*, to be located.

    *plugins* are those in effect: their schemas check their sections.
    """
    declared = data.get("orgstrategy") if isinstance(data, dict) else None
    version = declared if declared in SUPPORTED_VERSIONS else FORMAT_VERSION
    conflicts = list(_conflicts.find(data))
    if conflicts:  # each reported, and the rest checked as if it held one version
        data = _conflicts.resolved(data)
    kept: dict[Path, list[int]] = {}
    pruned = without_valid_elements(data, Strategy, kept, plugins, version)
    explainer = Explanation(file, kept, version)
    for path, conflict in conflicts:
        explainer.add(_conflict_message(conflict), "merge-conflict", path)
    for error in validator(plugins, version).iter_errors(
        pruned
    ):  # lazily: a full explanation stops it
        explainer.schema_error(error)
        if explainer.next is not None:
            return explainer
    explainer.duplicate_ids(data)
    explainer.period_order(data)
    explainer.non_finite(data)
    return explainer
