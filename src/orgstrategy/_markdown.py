"""The Markdown writer: a strategy as a readable one-pager, in GitHub's flavour.

Every text from the document is escaped, so a name with ``*``, ``|`` or ``<``
reads as written and cannot break a list, a table or a heading: line breaks
become spaces, every character with a meaning in a line is backslash-escaped
(``<`` too, so no HTML tag or autolink forms, and ``&`` before what would read as
an entity), and a block marker (``-``, ``+``, ``>``, ``=``, ``1.``) at the start of a
block or a table cell is escaped. What GitHub would make a link of by itself (a
bare ``https://...``, ``www.example.org``, an e-mail address) is broken up by
escapes: the ``:`` of ``://``, the ``@``, and a ``.`` between a letter or digit and
a letter. Links go only to ``http``, ``https`` and ``mailto`` URLs, written so
that none can leave its ``<...>``. :func:`inline` also escapes the text of the
diff's changelog.

No heading stands empty: the aims of a section (and the values, and the
compact's themes) are each a heading only when every one of them has something
to put under it; otherwise the section is one list, each item with what it
holds nested in it, and its measures in tables after the list. Measures are
tables: name, baseline, target, due and status, then each measure's results by
period. Output is deterministic: the same strategy always gives the same bytes.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Final

from orgstrategy._ids import LANGUAGE_PATTERN
from orgstrategy._model import (
    Aim,
    Compact,
    Element,
    Measure,
    Statement,
    Strategy,
)
from orgstrategy._presentation import (
    MEASURES,
    Part,
    Section,
    day,
    entries,
    facts,
    heading,
    link,
    measure_rows,
    parts,
    quantity,
    sections,
    statements,
    status,
    subtitle,
    title,
)

__all__ = ["block", "destination", "inline", "leading", "write"]

# Characters that mean something anywhere in a line (``$`` is maths on GitHub); and what
# GitHub (and linkify) would make a link of: the ``:`` of ``scheme://``, the ``@`` of an
# e-mail address, a ``.`` between a letter or digit and a letter (``www.x.com``, ``x.org``).
_SPECIAL: Final = re.compile(r"[\\`*_\[\]<>|~#$@]|&(?=#?\w+;)|:(?=//)|(?<=[^\W_])\.(?=[^\W\d_])")
# What starts a block (a heading, quote, list, rule or setext line) at a line's start.
_BLOCK_START: Final = re.compile(r"^(?:([>+=-])|(\d{1,9})([.)]))")
_SPACE: Final = re.compile(r"\s+")
# What a link destination in ``<...>`` holds percent-encoded (as browsers send it):
# the brackets, quotes, white space and control characters.
_URL_ENCODED: Final = re.compile(r'[\s<>"\x00-\x1f\x7f-\x9f]')
# What it holds backslash-escaped, to stay as written: backslashes and entities.
_URL_ESCAPED: Final = re.compile(r"\\|&(?=#?\w+;)")


def _escape(match: re.Match[str]) -> str:
    return "\\" + match.group()


def inline(text: str) -> str:
    r"""Return *text* escaped for one line of Markdown: whitespace runs become one space.

    >>> print(inline("A *bold*  claim | 100%\n"))
    A \*bold\* claim \| 100%
    """
    return _SPECIAL.sub(_escape, _SPACE.sub(" ", text).strip())


def leading(text: str) -> str:
    r"""Return *text* escaped to stand at the start of a block: a paragraph or a list item.

    >>> print(leading("- not a sub-list"), leading("2) not a number"))
    \- not a sub-list 2\) not a number
    """
    return _BLOCK_START.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3),
        inline(text),
    )


def destination(url: str | None) -> str | None:
    r"""Return *url* as a link destination ``<...>``, or ``None`` if it is not safe to link to.

    Only ``http``, ``https`` and ``mailto`` URLs are linked to (see
    :func:`~orgstrategy._presentation.link`).

    >>> print(destination("https://example.org/a b>)<img src=x>"))
    <https://example.org/a%20b%3E)%3Cimg%20src=x%3E>
    >>> print(destination("javascript:alert(1)"))
    None
    """
    safe = link(url)
    if safe is None:
        return None
    encoded = _URL_ENCODED.sub(lambda match: urllib.parse.quote(match.group(), safe=""), safe)
    return "<" + _URL_ESCAPED.sub(lambda match: "\\" + match.group(), encoded) + ">"


def block(text: str) -> str:
    r"""Return *text* escaped as Markdown paragraphs: blank lines separate them.

    >>> print(block("1. First\n\n- not a list"))
    1\. First
    <BLANKLINE>
    \- not a list
    """
    paragraphs = (part for part in re.split(r"\n\s*\n", text.strip()) if part.strip())
    return "\n\n".join(leading(paragraph) for paragraph in paragraphs)


class _Page:
    def __init__(self, strategy: Strategy) -> None:
        self.strategy = strategy
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def paragraph(self, text: str | None) -> None:
        if text is not None:
            self.add(block(text), "")

    def heading(self, level: int, text: str) -> None:
        self.add(f"{'#' * level} {text}", "")

    def items(self, elements: tuple[Element, ...]) -> None:
        for element in elements:
            if element.description is None:
                self.add(f"- {leading(element.name)}")
            else:
                self.add(f"- **{inline(element.name)}**: {inline(element.description)}")
        self.add("")

    def labelled_items(self, section: str, elements: tuple[Element, ...]) -> None:
        if elements:
            self.add(f"*{inline(heading(self.strategy, section))}*", "")
            self.items(elements)

    def statement(self, section: str, statement: Statement) -> None:
        self.heading(2, inline(heading(self.strategy, section)))
        self.paragraph(statement.text)
        if statement.points:
            self.add(*(f"- {leading(point)}" for point in statement.points), "")
        self.labelled_items("meanings", statement.meanings)

    def measures(self, aim: Element) -> None:
        rows = measure_rows(aim)
        if rows:
            self.add(f"*{inline(heading(self.strategy, MEASURES))}*", "")
            self.table(rows)

    def table(self, rows: list[tuple[str, Measure]]) -> None:
        by_objective = any(name for name, _ in rows)
        tracked = any(status(measure) for _, measure in rows)
        head = ["Measure", *(["Objective"] if by_objective else []), "Baseline", "Target", "Due"]
        head += ["Status"] if tracked else []
        self.add("| " + " | ".join(head) + " |", "|" + "---|" * len(head))
        for objective, measure in rows:
            cells = [
                measure.name,
                *([objective] if by_objective else []),
                quantity(measure.baseline, measure.unit),
                quantity(measure.target, measure.unit),
                day(measure.due),
                *([status(measure)] if tracked else []),
            ]
            self.row(cells)
        self.add("")
        for _, measure in rows:
            self.results(measure)

    def row(self, cells: list[str]) -> None:
        """Add a row of a table, each cell escaped as text that starts a block."""
        self.add("| " + " | ".join(leading(cell) for cell in cells) + " |")

    def results(self, measure: Measure) -> None:
        if not measure.results:
            return
        self.add(f"*Results: {inline(measure.name)}*", "")
        self.add("| Period | Target | Actual | Note |", "|---|---|---|---|")
        for result in measure.results:
            when = result.period or " to ".join(
                day(point) for point in (result.start, result.end) if point is not None
            )
            cells = [
                when,
                quantity(result.target, measure.unit),
                quantity(result.actual, measure.unit),
                result.description or "",
            ]
            self.row(cells)
        self.add("")

    def facts(self, element: Element) -> None:
        found = facts(self.strategy, element)
        if found:
            self.add(" · ".join(f"*{inline(str(fact))}*" for fact in found), "")

    def filled(self, element: Element) -> bool:
        """Whether *element* has something to show under a heading of its name."""
        return element.description is not None or bool(
            facts(self.strategy, element) or parts(element)
        )

    def headed(self, elements: tuple[Element, ...]) -> bool:
        """Whether *elements* each get a heading: only if none would stand empty.

        Otherwise they are a list (:meth:`listed`), so that no heading has
        nothing under it.
        """
        return all(self.filled(element) for element in elements)

    def listed(self, elements: tuple[Element, ...]) -> None:
        """Add *elements* as a list, what each holds nested in it, then their measures' tables."""
        for element in elements:
            self.entry(element, "")
        self.add("")
        for element in elements:
            rows = measure_rows(element)
            if rows:
                label = inline(heading(self.strategy, MEASURES))
                self.add(f"*{label}: {inline(element.name)}*", "")
                self.table(rows)

    def entry(self, element: Element, indent: str) -> None:
        """Add *element* as a list item, with its lists (but measures) nested in it."""
        self.add(f"{indent}- {self.line(element)}")
        for part in parts(element):
            if part.layout != "table":
                self.add(f"{indent}  - *{inline(heading(self.strategy, part.key))}*")
                for item in part.content:
                    self.entry(item, indent + "    ")

    def aims(self, section: str, aims: tuple[Aim, ...]) -> None:
        self.heading(2, inline(heading(self.strategy, section)))
        if not self.headed(aims):
            self.listed(aims)
            return
        for aim in aims:
            self.heading(3, inline(aim.name))
            self.paragraph(aim.description)
            self.facts(aim)
            for part in parts(aim):
                if part.layout == "items":
                    self.labelled_items(part.key, part.content)
                elif part.layout == "steps":
                    self.steps(part)
            self.measures(aim)

    def steps(self, part: Part) -> None:
        self.add(f"*{inline(heading(self.strategy, part.key))}*", "")
        for step in part.content:
            self.entry(step, "")
        self.add("")

    def line(self, element: Element) -> str:
        """Return an element as one line (of a list item): name, description, due date, facts."""
        text = leading(element.name)
        if element.description is not None:
            text = f"**{inline(element.name)}**: {inline(element.description)}"
        due = getattr(element, "due", None)
        if due is not None:
            text += f" (due {day(due)})"
        found = facts(self.strategy, element)
        return text + "".join(f" · {inline(str(fact))}" for fact in found)

    def links(self, section: Section) -> None:
        """Add a section of named things, each linked where it has a safe URL."""
        self.heading(2, inline(heading(self.strategy, section.key)))
        for entry in entries(section):
            target = destination(entry.url)
            name = inline(entry.name)
            line = f"- [{name}]({target})" if target is not None else f"- **{name}**"
            if entry.aside is not None:
                line += f" ({inline(entry.aside)})"
            if entry.by is not None:
                line += f", {inline(entry.by)}"
            if entry.description is not None:
                line += f": {inline(entry.description)}"
            self.add(line)
        self.add("")

    def articles(self, section: Section) -> None:
        self.heading(2, inline(heading(self.strategy, section.key)))
        if not self.headed(section.content):
            self.listed(section.content)
            return
        for element in section.content:
            self.heading(3, inline(element.name))
            self.paragraph(element.description)
            for key in section.lists:
                self.labelled_items(key, getattr(element, key))

    def section(self, section: str, elements: tuple[Element, ...]) -> None:
        self.heading(2, inline(heading(self.strategy, section)))  # never empty (sections())
        self.items(elements)

    def compact(self, section: str, compact: Compact) -> None:
        label = heading(self.strategy, section)
        if not (compact.description or compact.commitments or compact.themes):
            # Nothing but its name, if that: the name is what goes under the heading.
            if compact.name is not None:
                self.heading(2, inline(label))
                self.paragraph(compact.name)
            return
        self.heading(2, inline(compact.name or label))
        self.paragraph(compact.description)
        if compact.commitments:
            self.items(compact.commitments)
        if not self.headed(compact.themes):
            self.listed(compact.themes)
            return
        for theme in compact.themes:
            self.heading(3, inline(theme.name))
            self.paragraph(theme.description)
            if theme.commitments:
                self.items(theme.commitments)

    def sources(self) -> None:
        if not self.strategy.sources:
            return
        self.heading(2, inline(heading(self.strategy, "sources")))
        for source in self.strategy.sources:
            name = source.title or source.url or ""
            url = destination(source.url)
            line = f"- [{inline(name)}]({url})" if url is not None else f"- {leading(name)}"
            details = [inline(source.author)] if source.author is not None else []
            if source.retrieved is not None:
                details.append(f"retrieved {source.retrieved.isoformat()}")
            if source.note is not None:
                details.append(inline(source.note))
            self.add(line + "".join(f"; {detail}" for detail in details))
        self.add("")


def write(strategy: Strategy, *, map: bool = False, language: str | None = None) -> str:
    """Return *strategy* as a Markdown one-pager.

    Args:
        strategy: The strategy to write.
        map: Add the strategy map as a Mermaid diagram after the statements.
        language: Write the text in this language, from the document's
            translations (:meth:`~orgstrategy.Strategy.translated`).

    Raises:
        Error: *language* is not a language tag.
    """
    if language is not None:
        if not isinstance(language, str) or not re.match(LANGUAGE_PATTERN, language):
            from orgstrategy._errors import Error

            raise Error(f"option language: {language!r} is not a language tag such as 'cy'")
        strategy = strategy.translated(language)
    page = _Page(strategy)
    page.heading(1, inline(title(strategy)))
    facts = subtitle(strategy)
    if facts:
        page.add(leading(" · ".join(facts)), "")
    page.paragraph(strategy.organisation.description)
    for key, statement in statements(strategy):
        page.statement(key, statement)
    if map:
        from orgstrategy._mermaid import write as mermaid

        page.add("```mermaid", mermaid(strategy).rstrip("\n"), "```", "")
    for section in sections(strategy):
        if section.layout == "aims":
            page.aims(section.key, section.content)
        elif section.layout == "articles":
            page.articles(section)
        elif section.layout == "compact":
            page.compact(section.key, section.content)
        elif section.layout == "measures":
            page.heading(2, inline(heading(strategy, section.key)))
            page.table([("", measure) for measure in section.content])
        elif section.layout in ("links", "people"):
            page.links(section)
        else:
            page.section(section.key, section.content)
    page.sources()
    return "\n".join(page.lines).rstrip("\n") + "\n"
