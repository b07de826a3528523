"""The Markdown writer: a strategy as a readable one-pager.

Every text from the document is escaped, so a name with ``*``, ``|`` or ``<``
reads as written and cannot break a list, a table or a heading: line breaks
become spaces, every character with a meaning in a line is backslash-escaped
(``<`` too, so no HTML tag or autolink forms, and ``&`` before what would read as
an entity), and a block marker (``-``, ``+``, ``>``, ``=``, ``1.``) at the start of a
block is escaped. Links go only to ``http``, ``https`` and ``mailto`` URLs, written
so that none can leave its ``<...>``. :func:`inline` also escapes the text of the
diff's changelog. Output is deterministic: the same strategy always gives the
same bytes.
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

# Characters that mean something anywhere in a line (``$`` is maths on GitHub).
_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>|~#$])|&(?=#?\w+;)")
# What starts a block (a heading, quote, list, rule or setext line) at a line's start.
_BLOCK_START: Final = re.compile(r"^(?:([>+=-])|(\d{1,9})([.)]))")
_SPACE: Final = re.compile(r"\s+")
# What a link destination in ``<...>`` holds percent-encoded (as browsers send it):
# the brackets, quotes, white space and control characters.
_URL_ENCODED: Final = re.compile(r'[\s<>"\x00-\x1f\x7f-\x9f]')
# What it holds backslash-escaped, to stay as written: backslashes and entities.
_URL_ESCAPED: Final = re.compile(r"\\|&(?=#?\w+;)")


def _escape(match: re.Match[str]) -> str:
    return "\\" + (match.group(1) or "&")


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
                inline(measure.name),
                *([inline(objective)] if by_objective else []),
                inline(quantity(measure.baseline, measure.unit)),
                inline(quantity(measure.target, measure.unit)),
                day(measure.due),
                *([inline(status(measure))] if tracked else []),
            ]
            self.add("| " + " | ".join(cells) + " |")
        self.add("")
        for _, measure in rows:
            self.results(measure)

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
                inline(when),
                inline(quantity(result.target, measure.unit)),
                inline(quantity(result.actual, measure.unit)),
                inline(result.description or ""),
            ]
            self.add("| " + " | ".join(cells) + " |")
        self.add("")

    def facts(self, element: Element) -> None:
        found = facts(self.strategy, element)
        if found:
            self.add(" · ".join(f"*{inline(str(fact))}*" for fact in found), "")

    def aims(self, section: str, aims: tuple[Aim, ...]) -> None:
        self.heading(2, inline(heading(self.strategy, section)))
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
            line = f"- **{inline(step.name)}**"
            if step.description is not None:
                line += f": {inline(step.description)}"
            due = getattr(step, "due", None)
            if due is not None:
                line += f" (due {day(due)})"
            found = facts(self.strategy, step)
            if found:
                line += " · " + " · ".join(inline(str(fact)) for fact in found)
            self.add(line)
            for inner in parts(step):
                if inner.layout != "table":
                    self.add(f"  - *{inline(heading(self.strategy, inner.key))}*")
                    for item in inner.content:
                        self.add(f"    - {self.line(item)}")
        self.add("")

    def line(self, element: Element) -> str:
        """Return an element as one line: name, description, due date and facts."""
        text = inline(element.name)
        if element.description is not None:
            text = f"**{text}**: {inline(element.description)}"
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
        for element in section.content:
            self.heading(3, inline(element.name))
            self.paragraph(element.description)
            for key in section.lists:
                self.labelled_items(key, getattr(element, key))

    def section(self, section: str, elements: tuple[Element, ...]) -> None:
        if elements:
            self.heading(2, inline(heading(self.strategy, section)))
            self.items(elements)

    def compact(self, section: str, compact: Compact) -> None:
        self.heading(2, inline(compact.name or heading(self.strategy, section)))
        self.paragraph(compact.description)
        if compact.commitments:
            self.items(compact.commitments)
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
