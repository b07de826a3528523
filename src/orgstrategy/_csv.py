"""The CSV writer: one row per element, for spreadsheet users.

Columns: ``path`` (where the element is, e.g. ``goals[0].objectives[1]``),
``kind``, ``id``, ``name``, ``description``, ``parent`` (the path of the element or
statement it belongs to; empty at the top level), then, for measures and
objectives, ``unit``, ``baseline``, ``target`` and ``due``, and last, for what
format 1.1 tracks, ``owner``, ``status`` and ``contributes_to`` (its references,
joined by ``; ``). The statements
(mission, vision, purpose, ambition) come first, one row each, with their text
as the name. UTF-8 with a header row and CRLF line ends, as RFC 4180 says.

A text cell that a spreadsheet would run as a formula (one starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return, as OWASP lists them, and not a
plain decimal number such as ``-5`` or ``+1.5e3``) is written with a leading ``'``,
which spreadsheets show as text. Numbers from the document (not text) are written
as they are.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Final

from orgstrategy._model import Action, Delivered, Linked, Measure, Objective, Strategy
from orgstrategy._positions import format_path
from orgstrategy._presentation import day, elements, kind, statements

__all__ = ["COLUMNS", "cell", "write"]

#: The header row.
COLUMNS: Final = (
    "path",
    "kind",
    "id",
    "name",
    "description",
    "parent",
    "unit",
    "baseline",
    "target",
    "due",
    "owner",
    "status",
    "contributes_to",
)


# What starts a formula in a spreadsheet (OWASP, "CSV Injection").
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
# A number as spreadsheets read one: not "-inf", "-1_000" or "\t5", which float() takes.
_NUMBER: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")


def cell(value: object) -> str:
    """Return *value* as a cell that no spreadsheet will run as a formula.

    >>> cell("=HYPERLINK(1)"), cell(-5), cell(None), cell("-5"), cell("-inf")
    ("'=HYPERLINK(1)", '-5', '', '-5', "'-inf")
    """
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_STARTS) and not _NUMBER.match(text):
        return "'" + text
    return text


def _measure_cells(element: object) -> list[str]:
    if isinstance(element, Measure):
        return [
            cell(element.unit),
            cell(element.baseline),
            cell(element.target),
            day(element.due),
        ]
    if isinstance(element, (Objective, Action)):
        return ["", "", "", day(element.due)]
    return ["", "", "", ""]


def _delivery_cells(element: object) -> list[str]:
    if not isinstance(element, Linked):
        return ["", "", ""]
    status = element.status if isinstance(element, Delivered) else None
    return [cell(element.owner), cell(status), cell("; ".join(element.contributes_to))]


def write(strategy: Strategy) -> str:
    """Return every statement and element of *strategy* as CSV rows under a header."""
    buffer = io.StringIO()
    rows = csv.writer(buffer)
    rows.writerow(COLUMNS)
    for section, statement in statements(strategy):
        text = statement.text or "\n".join(statement.points)
        rows.writerow([section, section, "", cell(text), *[""] * (len(COLUMNS) - 4)])
    for placed in elements(strategy):
        element = placed.element
        rows.writerow(
            [
                placed.location,
                kind(element),
                element.id,
                cell(element.name),
                cell(element.description),
                format_path(placed.parent),
                *_measure_cells(element),
                *_delivery_cells(element),
            ]
        )
    return buffer.getvalue()
