"""``.. error-codes::``: the codes of the problems that reading and validating report.

The codes, and what each means, are declared once, in :mod:`orgstrategy._codes`
(SARIF reports describe their rules from the same table); ``tests/test_docs.py``
checks that the codes in the source and that table agree, so a new code cannot
go undocumented. Lint findings are coded by their rule's name (see the lint
rules page).
"""

from __future__ import annotations

import re
import textwrap
from typing import Any, Final

from _rst import GeneratedDirective, cell, literal
from sphinx.application import Sphinx

from orgstrategy._codes import CODES, Code

# `orgstrategy.Limits` in the table's Markdown: a link to the API reference here.
_API_NAME: Final = re.compile(r"``orgstrategy\.([A-Z][A-Za-z]*)``")

_ARTICLE: Final = {"error": "an", "warning": "a", "info": "an"}


def _rst(markdown: str) -> str:
    return _API_NAME.sub(r":class:`~orgstrategy.\1`", literal(markdown))


def _example(title: str, document: str) -> list[str]:
    body = textwrap.indent(document.rstrip("\n"), "   ").splitlines()
    return [f"{title}:", "", ".. code-block:: yaml", "", *body, ""]


def _details(code: Code) -> list[str]:
    lines = [f".. _code-{code.name}:", "", f".. rubric:: ``{code.name}``", ""]
    lines += [f"Reported on {code.stage}, as {_ARTICLE[code.severity]} {code.severity}.", ""]
    lines += [_rst(code.explanation), ""]
    if code.bad:
        lines += _example("Bad", code.bad) + _example("Good", code.good)
    return lines


def render() -> list[str]:
    """Return the reST of the table of every code, then what each means and how to fix it."""
    lines = [".. list-table::", "   :header-rows: 1", "   :widths: 22 14 12 52", ""]
    lines += ["   * - code", "     - reported on", "     - severity", "     - meaning"]
    for code in CODES.values():
        lines += [f"   * - ``{code.name}``", f"     - {code.stage}", f"     - {code.severity}"]
        lines.append(f"     - {cell(_rst(code.summary))}")
    lines.append("")
    for code in CODES.values():
        lines += _details(code)
    return lines


class ErrorCodes(GeneratedDirective):
    """A table of every code with when it is reported and what it means, then each in full."""

    def lines(self) -> list[str]:
        return render()


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("error-codes", ErrorCodes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
