"""``.. error-codes::``: the codes of the problems that reading and validating report.

The meanings are kept here, next to the directive that shows them;
``tests/test_docs.py`` checks that the codes in the source and this table agree,
so a new code cannot go undocumented. Lint findings are coded by their rule's
name (see the lint rules page).
"""

from __future__ import annotations

from typing import Any, Final

from _rst import GeneratedDirective
from sphinx.application import Sphinx

#: Each code a user can see: (when it is reported, its severity, what it means).
CODES: Final = {
    # Reading: the bytes, the syntax and the safety limits.
    "encoding": ("reading", "error", "the file is not UTF-8, or holds a lone surrogate"),
    "empty-document": ("reading", "error", "the file is empty (or only comments)"),
    "yaml-syntax": ("reading", "error", "the text is not YAML"),
    "json-syntax": ("reading", "error", "the text is not JSON (or has a number too large)"),
    "xml-syntax": ("reading", "error", "a StratML file is not well-formed XML"),
    "xml-forbidden": (
        "reading",
        "error",
        "a StratML file uses an XML feature refused for safety (entities, a DTD)",
    ),
    "multiple-documents": ("reading", "error", "a YAML file holds a second document (``---``)"),
    "undefined-alias": ("reading", "error", "a YAML alias (``*name``) names no anchor before it"),
    "yaml-tag": ("reading", "error", "a YAML tag (``!!python/...``) is used: documents are data"),
    "too-large": ("reading", "error", "the file or its values exceed :class:`~orgstrategy.Limits`"),
    "too-deep": ("reading", "error", "the values are nested deeper than the limits allow"),
    "bad-key": ("reading", "error", "a mapping key is a mapping or a list, not text"),
    "duplicate-key": ("reading", "error", "a key appears twice in one mapping"),
    "stratml-root": ("reading", "error", "the XML's root is not a StratML plan"),
    "stratml-repaired": (
        "reading",
        "warning",
        "a StratML document was repaired to fit the model (``--strict`` refuses it)",
    ),
    "unknown-extension": (
        "reading",
        "warning",
        "an ``extensions`` namespace that no installed plugin claims (kept as plain data)",
    ),
    # Validation against the format.
    "version": ("validation", "error", 'the ``orgstrategy`` key is not ``"1.0"``'),
    "unknown-key": ("validation", "error", "a key the format does not have (a typo, say)"),
    "missing-key": ("validation", "error", "a required key is missing"),
    "type": ("validation", "error", "a value of the wrong kind (a list where text belongs, say)"),
    "enum": ("validation", "error", "a value not among those allowed (``status``, say)"),
    "empty": ("validation", "error", "a text is empty or only spaces"),
    "date": ("validation", "error", "a date is not written YYYY-MM-DD, or is no real date"),
    "year": ("validation", "error", "a year is not between 1000 and 9999"),
    "id": ("validation", "error", "an ``id`` has characters other than letters, digits, . _ -"),
    "duplicate-id": ("validation", "error", "two elements of one list have the same ``id``"),
    "period-order": ("validation", "error", "a period or result ends before it starts"),
    "extension": ("validation", "error", "a plugin's section breaks the plugin's schema"),
    "schema": ("validation", "error", "any other breach of the JSON Schema"),
    "internal": ("validation", "error", "a bug in orgstrategy: please report it"),
    # Writing.
    "stratml-dropped": (
        "writing",
        "warning",
        "something that StratML has no place for was left out of the output",
    ),
}


class ErrorCodes(GeneratedDirective):
    """A table of every code with when it is reported and what it means."""

    def lines(self) -> list[str]:
        lines = [".. list-table::", "   :header-rows: 1", "   :widths: 22 14 12 52", ""]
        lines += ["   * - code", "     - reported on", "     - severity", "     - meaning"]
        for code, (stage, severity, meaning) in CODES.items():
            lines += [f"   * - ``{code}``", f"     - {stage}", f"     - {severity}"]
            lines.append(f"     - {meaning}")
        return [*lines, ""]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("error-codes", ErrorCodes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
