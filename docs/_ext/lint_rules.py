"""``.. lint-rules::``: every built-in lint rule, from the rule objects themselves.

Each rule's summary, severity, options, explanation and its good and bad examples
come from :func:`orgstrategy.lint.rules` (the core alone) at build time.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from _rst import GeneratedDirective, cell
from sphinx.application import Sphinx

from orgstrategy import lint, plugins


def _example(title: str, document: str) -> list[str]:
    body = textwrap.indent(document.rstrip("\n"), "   ").splitlines()
    return [f"{title}:", "", ".. code-block:: yaml", "", *body, ""]


def _rule(rule: lint.Rule) -> list[str]:
    lines = [f".. _rule-{rule.name}:", "", rule.name, "-" * len(rule.name), ""]
    lines += [f"**{rule.summary}** Default severity: ``{rule.severity}``.", ""]
    lines += [rule.explanation.replace("`", "``").replace("````", "``"), ""]
    if rule.options:
        lines += [
            f"Options, with their defaults (in ``[tool.orgstrategy.lint.{rule.name}]``):",
            "",
            ".. list-table::",
            "   :header-rows: 1",
            "",
            "   * - option",
            "     - default",
        ]
        for name, value in rule.options.items():
            lines += [f"   * - ``{name}``", f"     - ``{cell(json.dumps(value))}``"]
        lines.append("")
    lines += _example("Bad", rule.bad)
    lines += _example("Good", rule.good)
    return lines


class LintRules(GeneratedDirective):
    """A table of the rules, then a section for each."""

    def lines(self) -> list[str]:
        with plugins.disabled():
            rules = lint.rules()
        lines = [".. list-table::", "   :header-rows: 1", "   :widths: 30 12 58", ""]
        lines += ["   * - rule", "     - severity", "     - finds"]
        for rule in rules:
            lines += [
                f"   * - :ref:`{rule.name} <rule-{rule.name}>`",
                f"     - {rule.severity}",
                f"     - {cell(rule.summary)}",
            ]
        lines.append("")
        for rule in rules:
            lines += _rule(rule)
        return lines


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("lint-rules", LintRules)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
