"""The CSV writer: one row per element and per statement point, for spreadsheets.

The first columns say where a row stands: ``path`` (its place in the document,
``goals[0].objectives[1]``, unique to the row), ``reference`` (the element's
reference in format 1.1's syntax, ``goals/quality/objectives/waits``, for every
element that one can name), ``parent`` (what it belongs to: the parent's
reference, or the parent's path where references cannot name it, as for a
statement, the compact and its themes; empty at the top), ``kind`` and ``point``
(which point of a statement the row holds, from 1). Every non-empty ``parent``
is the ``reference`` or ``path`` of a row above it.

Then one column for each field of text, number or date that an element of the
model has (``id``, ``name``, ``description``, ``unit``, ``baseline``, ``target``,
``due``, ``owner``, ``status``, ...), read from the model's classes in their order,
so a field added there is a column here; a list of references is joined by ``; ``.
A statement is a row with its text as the name, then a row for each point; the
compact is a row with its name.

The text is UTF-8 with a header row and CRLF line ends, as RFC 4180 says, and
starts with a byte-order mark (U+FEFF), by which Excel knows the file is UTF-8
(and shows a curly apostrophe, not three odd characters); ``bom=False``
(``-O bom=false``) leaves it out.
Python reads either with ``open(path, encoding="utf-8-sig", newline="")``.

A text cell that a spreadsheet would run as a formula (one starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return, as OWASP lists them, after any
byte-order marks, and not a plain decimal number such as ``-5`` or ``+1.5e3``)
is written with a leading ``'``, which spreadsheets show as text. Numbers from
the document (not text) are written as they are.
"""

from __future__ import annotations

import csv
import io
import re
import typing
from collections.abc import Iterator, Mapping
from typing import Any, Final

from orgstrategy._errors import Error
from orgstrategy._links import addresses, written
from orgstrategy._model import (
    Compact,
    Element,
    Statement,
    Strategy,
    document_order,
    model_classes,
    nested,
    walk,
)
from orgstrategy._positions import Path, format_path
from orgstrategy._presentation import kind

__all__ = ["BOM", "COLUMNS", "FIELDS", "cell", "write"]

#: The byte-order mark the text starts with by default.
BOM: Final = "\ufeff"


def _fields() -> tuple[str, ...]:
    """Return the fields of text, numbers and dates of the model's elements, in its order."""
    found: list[str] = []
    classes: list[type] = [cls for cls in model_classes() if issubclass(cls, Element)]
    for cls in classes:
        hints = typing.get_type_hints(cls)
        inner = {field.name for field in nested(cls)}
        for name in document_order(cls):
            mapping = typing.get_origin(hints[name]) is Mapping
            if name not in inner and not mapping and name not in found:
                found.append(name)
    return tuple(found)


#: The columns that hold an element's fields.
FIELDS: Final = _fields()
#: The header row.
COLUMNS: Final = ("path", "reference", "parent", "kind", "point", *FIELDS)

# What starts a formula in a spreadsheet (OWASP, "CSV Injection").
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
# A number as spreadsheets read one: not "-inf", "-1_000" or "\t5", which float() takes.
_NUMBER: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")


def cell(value: object) -> str:
    r"""Return *value* as a cell that no spreadsheet will run as a formula.

    A list of texts (references) is one cell, its items joined by ``; ``.

    >>> cell("=HYPERLINK(1)"), cell(-5), cell(None), cell("-5"), cell("-inf")
    ("'=HYPERLINK(1)", '-5', '', '-5', "'-inf")
    >>> cell("\ufeff=1+1") == "'\ufeff=1+1", cell(("goals/care", "ics:"))
    (True, 'goals/care; ics:')
    """
    if value is None:
        return ""
    if isinstance(value, tuple):
        return cell("; ".join(value))
    text = str(value)
    if (
        isinstance(value, str)
        and text.lstrip(BOM).startswith(_FORMULA_STARTS)
        and not _NUMBER.match(text)
    ):
        return "'" + text
    return text


def _row(path: Path, parent: str, what: str, **cells: object) -> dict[str, str]:
    row = dict.fromkeys(COLUMNS, "")
    row.update(path=format_path(path), parent=parent, kind=what)
    row.update({name: cell(value) for name, value in cells.items()})
    return row


def _rows(strategy: Strategy) -> Iterator[dict[str, str]]:
    references = {path: written(steps) for steps, (path, _) in addresses(strategy).items()}
    for path, node in walk(strategy):
        if isinstance(node, Statement):
            section = format_path(path)
            yield _row(path, "", section, name=node.text)
            for number, point in enumerate(node.points, 1):
                yield _row(
                    (*path, "points", number - 1), section, "point", point=number, name=point
                )
        elif isinstance(node, Compact):
            yield _row(path, "", "compact", name=node.name, description=node.description)
        elif isinstance(node, Element):  # at (..., list key, index) of what holds it
            parent = path[:-2]
            row = _row(
                path,
                references.get(parent) or format_path(parent),
                kind(node),
                **{name: getattr(node, name) for name in FIELDS if hasattr(node, name)},
            )
            row["reference"] = references.get(path, "")
            yield row


def write(strategy: Strategy, *, bom: Any = True) -> str:
    """Return every statement, point and element of *strategy* as CSV rows under a header.

    Args:
        strategy: The strategy to write.
        bom: Start with a UTF-8 byte-order mark (U+FEFF), so that Excel reads the
            text as UTF-8: true by default.

    Raises:
        Error: *bom* is not true or false.
    """
    if not isinstance(bom, bool):
        raise Error(f"option bom: {bom!r} is not true or false (bom=false leaves the mark out)")
    buffer = io.StringIO()
    buffer.write(BOM if bom else "")
    rows = csv.DictWriter(buffer, COLUMNS)
    rows.writeheader()
    rows.writerows(_rows(strategy))
    return buffer.getvalue()
