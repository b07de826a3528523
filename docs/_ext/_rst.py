"""What the generated reference pages share: turning generated reST into nodes."""

from __future__ import annotations

import re

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

_BACKTICKS = re.compile(r"(?<!`)`([^`]+)`(?!`)")


def literal(text: str) -> str:
    """Turn Markdown's `code` into reST's ``code`` (descriptions are written in Markdown)."""
    return _BACKTICKS.sub(r"``\1``", text)


def cell(text: str) -> str:
    """Return *text* fit for one cell of a list-table: one line, nothing empty."""
    return " ".join(text.split()) or "\\-"


class GeneratedDirective(SphinxDirective):
    """A directive whose content is reST produced at build time by :meth:`lines`."""

    def lines(self) -> list[str]:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        container = nodes.section()
        container.document = self.state.document
        source = self.get_source_info()[0]
        content = StringList()
        for number, line in enumerate(self.lines()):
            content.append(line, source, number)
        nested_parse_with_titles(self.state, content, container)
        return container.children
