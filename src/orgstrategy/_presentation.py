"""What readers see of a strategy: headings, dates and quantities as text, elements in order.

The writers for people (Markdown, HTML, Mermaid, CSV) share these, so that a
section has the same heading and a target reads the same in every one of them.
"""

from __future__ import annotations

import datetime
import re
import typing
import urllib.parse
from collections.abc import Iterator
from typing import Any, Final, Literal

import attrs

from orgstrategy._ids import parse_reference
from orgstrategy._links import resolve
from orgstrategy._model import (
    SECTIONS,
    STATEMENT_SECTIONS,
    Aim,
    Alignment,
    Compact,
    DateOrYear,
    Delivered,
    Element,
    Linked,
    Mandate,
    Measure,
    Organisation,
    Partner,
    Period,
    Quantity,
    Source,
    Stakeholder,
    Statement,
    Strategy,
    nested,
    walk,
)
from orgstrategy._positions import Path, format_path

__all__ = [
    "HEADINGS",
    "LINK_SCHEMES",
    "MEASURES",
    "STATEMENTS",
    "Entry",
    "Fact",
    "Part",
    "Placed",
    "Section",
    "Target",
    "byline",
    "day",
    "elements",
    "entries",
    "facts",
    "heading",
    "heading_case",
    "kind",
    "link",
    "long_day",
    "measure_rows",
    "parts",
    "period",
    "quantity",
    "sections",
    "serves",
    "statements",
    "status",
    "subtitle",
    "target",
    "title",
]

#: The heading of each section when the strategy's ``labels`` give none.
HEADINGS: Final = {
    section: {"meanings": "What this means", "aligns_to": "Aligned to"}.get(
        section, section.capitalize()
    )
    for section in SECTIONS
}
#: The statement sections, in reading order.
STATEMENTS: Final = STATEMENT_SECTIONS
#: The URL schemes that writers link to; any other URL is shown as text.
LINK_SCHEMES: Final = frozenset({"http", "https", "mailto"})
# What browsers drop from a URL: white space and controls at its ends, tabs and line breaks inside.
_URL_ENDS: Final = re.compile(r"^[\s\x00-\x20\x7f-\x9f]+|[\s\x00-\x20\x7f-\x9f]+\Z")
_URL_INSIDE: Final = re.compile(r"[\t\n\r]")


def heading(strategy: Strategy, section: str) -> str:
    """Return the organisation's own heading for *section*, or the usual one."""
    return strategy.labels.get(section, HEADINGS[section])


def title(strategy: Strategy) -> str:
    """Return the strategy's title, or the organisation's name when it has none."""
    return strategy.title or strategy.organisation.name


def statements(strategy: Strategy) -> Iterator[tuple[str, Statement]]:
    """Yield each statement the strategy has, with its section key, in reading order."""
    for section in STATEMENTS:
        statement = getattr(strategy, section)
        if statement is not None:
            yield section, statement


#: How a section is laid out: aims with their outcomes, objectives and measures;
#: elements with lists of their own; plain elements; the compact; stakeholders;
#: a table of measures; named things, each linked where it has a URL (partner
#: organisations, the documents it aligns to, mandates). Stakeholders and links
#: are both lists of :class:`Entry`.
Layout = Literal["aims", "articles", "items", "compact", "people", "measures", "links"]


@attrs.frozen
class Section:
    """A section of a strategy that a page shows after the statements.

    Attributes:
        key: Its key in documents (and in ``labels``).
        item: The model class of what it holds.
        content: Its elements (a tuple), or the one object it holds.
    """

    key: str
    item: type
    content: Any

    @property
    def layout(self) -> Layout:
        """How the section is laid out, read from the class of what it holds."""
        return _layout(self.item)

    @property
    def lists(self) -> tuple[str, ...]:
        """The keys of the lists each of its elements has (a value's behaviours)."""
        return _lists(self.item)


def _layout(item: type) -> Layout:
    if issubclass(item, Aim):
        return "aims"
    layout = _LAYOUTS.get(item)
    if layout is not None:
        return layout
    return "articles" if _lists(item) else "items"


#: The classes whose sections have a layout of their own.
_LAYOUTS: Final[dict[type, Layout]] = {
    Compact: "compact",
    Stakeholder: "people",
    Measure: "measures",
    Partner: "links",
    Alignment: "links",
    Mandate: "links",
}
#: What pages show apart from the sections: at the top, and the sources at the end.
_APART: Final = (Organisation, Period, Statement, Source)


def _lists(item: type) -> tuple[str, ...]:
    return tuple(field.name for field in nested(item) if field.many)


def sections(strategy: Strategy) -> list[Section]:
    """Return the sections *strategy* has content in, after the statements, in reading order.

    That is the model's order of the element lists and the compact, with the
    stakeholders (who the strategy is for) last; the statements and sources are
    shown apart, at the top and at the end.
    """
    found = [
        Section(field.name, field.item, content)
        for field in nested(Strategy)
        if field.item not in _APART
        for content in (getattr(strategy, field.name),)
        if content
    ]
    return sorted(found, key=lambda section: section.layout == "people")


@attrs.frozen
class Entry:
    """A named thing in a list of them: a partner, a plan aligned to, a mandate, a stakeholder.

    Attributes:
        name: Its name (a plan's title).
        url: Where it is published, if anywhere (linked only if :func:`link` allows).
        aside: What follows the name in parentheses: a role, a mandate's provision.
        by: What follows the name after a comma: a plan's publisher.
        description: What follows after a colon.
    """

    name: str
    url: str | None = None
    aside: str | None = None
    by: str | None = None
    description: str | None = None


def entries(section: Section) -> list[Entry]:
    """Return the named things of a section whose layout is ``links`` or ``people``.

    >>> from orgstrategy import Mandate
    >>> here = Strategy(organisation=Organisation(name="Here"), mandates=(
    ...     Mandate(name="Health and Care Act 2022", provision="section 14Z52"),))
    >>> [(entry.name, entry.aside) for entry in entries(sections(here)[0])]
    [('Health and Care Act 2022', 'section 14Z52')]
    """
    return [_entry(item) for item in section.content]


def _entry(item: Any) -> Entry:
    if isinstance(item, Alignment):
        return Entry(item.title, item.url, by=item.publisher, description=item.description)
    if isinstance(item, Mandate):
        return Entry(item.name, item.url, item.provision, description=item.description)
    if isinstance(item, Partner):
        return Entry(item.name, item.url, item.role, description=item.description)
    stakeholder: Stakeholder = item
    return Entry(stakeholder.name, None, stakeholder.role, description=stakeholder.description)


def day(value: DateOrYear | None) -> str:
    """Return a year or date as written in a document (``2025``, ``2025-03-31``)."""
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def period(value: Period | None) -> str:
    """Return the time a period covers in words.

    >>> period(Period(start=2024, end=2029)), period(Period(start=2024)), period(None)
    ('2024 to 2029', 'from 2024', '')
    """
    if value is None:
        return ""
    if value.start is None:
        return f"until {day(value.end)}"
    if value.end is None:
        return f"from {day(value.start)}"
    return f"{day(value.start)} to {day(value.end)}"


def quantity(value: Quantity | None, unit: str | None = None) -> str:
    """Return a baseline, target or actual with its unit; a text is written as it is.

    Numbers have their thousands separated, as people write them.

    >>> quantity(95, "%"), quantity(12.5, "weeks"), quantity("all wards", None), quantity(None)
    ('95%', '12.5 weeks', 'all wards', '')
    >>> quantity("a rise every year", "%"), quantity(15765, "visits"), quantity(1234.5)
    ('a rise every year', '15,765 visits', '1,234.5')
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else f"{value:,}"
    if unit is None or isinstance(value, str):
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def subtitle(strategy: Strategy) -> list[str]:
    """Return the facts that go under the title: organisation, period, status, version."""
    facts = []
    organisation = strategy.organisation
    if strategy.title is not None:
        name = organisation.name
        if organisation.short_name is not None:
            name += f" ({organisation.short_name})"
        facts.append(name)
    if strategy.period is not None:
        facts.append(period(strategy.period))
    if strategy.status is not None:
        facts.append(strategy.status.capitalize())
    if strategy.version is not None:
        facts.append(f"Version {strategy.version}")
    if strategy.published is not None:
        facts.append(f"Published {strategy.published.isoformat()}")
    return facts


#: The key of an aim's measures, whose heading names the table of an aim's measures.
MEASURES: Final = next(field.name for field in nested(Aim) if field.item is Measure)
#: How a list inside an element is laid out: as items; as steps, each with its due
#: date, whose own measures join the element's table; as a table of measures.
PartLayout = Literal["items", "steps", "table"]


@attrs.frozen
class Part:
    """A list of elements inside an element, such as an aim's outcomes.

    Attributes:
        key: Its key in documents (and in ``labels``).
        item: The model class of what it holds.
        content: Its elements.
    """

    key: str
    item: type
    content: tuple[Element, ...]

    @property
    def layout(self) -> PartLayout:
        """How the list is laid out, read from the class of what it holds."""
        return _part_layout(self.item)


def _part_layout(item: type) -> PartLayout:
    if issubclass(item, Measure):
        return "table"
    return "steps" if _lists(item) else "items"


def parts(element: Element | Compact) -> list[Part]:
    """Return the lists *element* (or the compact) has content in, in the model's order.

    >>> from orgstrategy._model import Goal, Outcome
    >>> [part.key for part in parts(Goal(name="G", outcomes=(Outcome(name="O"),)))]
    ['outcomes']
    """
    cls: type = type(element)
    return [
        Part(field.name, field.item, content)
        for field in nested(cls)
        if field.many
        for content in (getattr(element, field.name),)
        if content
    ]


def measure_rows(element: Element) -> list[tuple[str, Measure]]:
    """Return the measures of *element* and of its steps, each with its step's name.

    The element's own measures come first, with an empty name; then those of
    each step (an aim's objectives), in order.
    """
    found = parts(element)
    rows = [
        ("", typing.cast(Measure, measure))
        for part in found
        if part.layout == "table"
        for measure in part.content
    ]
    for part in found:
        if part.layout == "steps":
            for step in part.content:
                rows.extend((step.name, measure) for _, measure in measure_rows(step))
    return rows


def status(element: Any) -> str:
    """Return an element's delivery status in words (``On track``), or ``""``.

    >>> from orgstrategy._model import Goal
    >>> status(Goal(name="G", status="not-started")), status(Goal(name="G"))
    ('Not started', '')
    """
    value = element.status if isinstance(element, Delivered) else None
    return "" if value is None else value.replace("-", " ").capitalize()


@attrs.frozen
class Target:
    """What a reference names, for saying it in words.

    Attributes:
        element: The element of this document it names, if it is local and resolves.
        document: The alias of the other document it names, if any.
        plan: That document's title in ``aligns_to``, if the alias is there.
        local: The reference within its document (after ``ALIAS:``); empty for
            the whole of another document.
    """

    element: Element | None
    document: str | None
    plan: str | None
    local: str


def target(strategy: Strategy, reference: str) -> Target:
    """Return what *reference*, of an element of *strategy*, names."""
    document = parse_reference(reference).document
    if document is None:
        return Target(resolve(strategy, reference), None, None, reference)
    titles = {alignment.id: alignment.title for alignment in strategy.aligns_to}
    return Target(None, document, titles.get(document), reference.partition(":")[2])


def serves(strategy: Strategy, element: Any) -> list[str]:
    """Return what *element* contributes to, in words: names, or titles of other plans.

    A reference into another document is its reference, with that document's title.
    """
    if not isinstance(element, Linked):
        return []
    found = []
    for reference in element.contributes_to:
        named = target(strategy, reference)
        if named.document is None:
            found.append(reference if named.element is None else named.element.name)
        elif not named.local:
            found.append(named.plan or reference)
        else:
            found.append(f"{named.local} in {named.plan or named.document}")
    return found


@attrs.frozen
class Fact:
    """What a page says of an element beside its text, such as ``Owner: Board``.

    Attributes:
        label: What it tells, in the library's words: ``Owner``, ``Status``,
            ``Contributes to``.
        values: What it says: text of the document, or the library's words.
        worded: Whether the values are the library's words (a status in words)
            rather than text of the document.
    """

    label: str
    values: tuple[str, ...]
    worded: bool = False

    def __str__(self) -> str:
        """Return the fact as one text: ``Contributes to: Care; Homes``."""
        return f"{self.label}: {'; '.join(self.values)}"


def facts(strategy: Strategy, element: Any) -> list[Fact]:
    """Return what a page says of an element beside its text: owner, status, what it serves."""
    found = []
    owner = element.owner if isinstance(element, Linked) else None
    if owner is not None:
        found.append(Fact("Owner", (owner,)))
    words = status(element)
    if words:
        found.append(Fact("Status", (words,), worded=True))
    served = serves(strategy, element)
    if served:
        found.append(Fact("Contributes to", tuple(served)))
    return found


def link(url: str | None) -> str | None:
    r"""Return *url* as browsers read it if it is safe to link to, else ``None``.

    Only ``http``, ``https`` and ``mailto`` are safe, in any case. The scheme is
    read as a browser reads it: after white space and control characters at either
    end, and tabs and line breaks anywhere, are dropped (so ``" JaVaScRiPt:"`` and
    ``"java\tscript:"`` are refused), and what is returned is *url* without them.

    >>> link("https://www.nhs.uk/"), link("javascript:alert(1)"), link(None)
    ('https://www.nhs.uk/', None, None)
    >>> link(" HTTPS://www.nhs.uk/\n"), link("java\tscript:alert(1)")
    ('HTTPS://www.nhs.uk/', None)
    """
    if url is None:
        return None
    cleaned = _URL_INSIDE.sub("", _URL_ENDS.sub("", url))
    scheme = urllib.parse.urlsplit(cleaned).scheme.lower()
    return cleaned if scheme in LINK_SCHEMES else None


def kind(element: Element) -> str:
    """Return what *element* is, in lower case: ``goal``, ``measure``, ``behaviour``, etc."""
    return type(element).__name__.lower()


@attrs.frozen(kw_only=True)
class Placed:
    """An element with where it stands in the document.

    Attributes:
        element: The element.
        path: Its place in the document, e.g. ``("goals", 0, "measures", 1)``.
        parent: The place of the element or statement it belongs to; empty at
            the top level.
    """

    element: Element
    path: Path
    parent: Path

    @property
    def location(self) -> str:
        """The path as users read it, e.g. ``goals[0].measures[1]``."""
        return format_path(self.path)


def elements(strategy: Strategy) -> Iterator[Placed]:
    """Yield every element of *strategy*, each before its own elements, in document order."""
    for path, node in walk(strategy):
        if isinstance(node, Element):  # at (..., list key, index) of what holds it
            yield Placed(element=node, path=path, parent=path[:-2])


_MONTHS: Final = (
    *("January", "February", "March", "April", "May", "June", "July"),
    *("August", "September", "October", "November", "December"),
)
#: A version that is a number (``2``, ``1.2``, ``v3.0.1``), said as "Version 1.2".
_VERSION_NUMBER: Final = re.compile(r"[Vv]?\d+(?:\.\d+)*[a-z]?\Z")
#: How each life-cycle status is said, and how it is said with the date published.
_STATUS_WORDS: Final = {
    "draft": ("Draft", "Draft of {}"),
    "consultation": ("Consultation draft", "Consultation draft of {}"),
    "published": ("Published", "Published {}"),
    "superseded": ("Superseded", "Superseded (published {})"),
}


def long_day(value: DateOrYear | None) -> str:
    """Return a year or date as people write it in British English: ``31 March 2025``.

    >>> import datetime
    >>> long_day(datetime.date(2025, 3, 1)), long_day(2025), long_day(None)
    ('1 March 2025', '2025', '')
    """
    if isinstance(value, datetime.date):
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    return day(value)


def heading_case(text: str) -> str:
    """Return *text* capitalised as a heading: its first letter upper case, the rest as written.

    A first word with a capital in it already (``NHS``, ``eHealth``) is left alone,
    as is a text that starts with something other than a letter.

    >>> heading_case("joint action areas"), heading_case("NHS priorities")
    ('Joint action areas', 'NHS priorities')
    >>> heading_case("eHealth plans"), heading_case("10-year plan"), heading_case("ein gwerthoedd")
    ('eHealth plans', '10-year plan', 'Ein gwerthoedd')
    """
    stripped = text.lstrip()
    first = stripped.split(maxsplit=1)[0] if stripped else ""
    if not first or not first[0].isalpha() or not first.islower():
        return text
    start = len(text) - len(stripped)
    return text[:start] + first[0].title() + text[start + 1 :]


# A version made of years alone: digits, spaces, slashes and dashes (en and em too).
_YEARS_ONLY: Final = re.compile("[\\d\\s/\u2013\u2014-]+")


def _restates(version: str, span: Period | None) -> bool:
    """Return whether *version* only names the years of *span* (``2023-35``, ``2022/23 - 2024/25``).

    >>> _restates("2023-35", Period(start=2023, end=2035)), _restates("2.1", None)
    (True, False)
    >>> _restates("2022/23 - 2024/25", Period(start=2022, end=2025)), _restates("2024", None)
    (True, False)
    """
    if span is None or not _YEARS_ONLY.fullmatch(version):
        return False
    ends = (point for point in (span.start, span.end) if point is not None)
    years = {point if isinstance(point, int) else point.year for point in ends}
    near = years | {year - 1 for year in years} | {year + 1 for year in years}
    full = {int(number) for number in re.findall(r"\d+", version) if len(number) == 4}
    return bool(full) and full <= near


def byline(strategy: Strategy) -> list[tuple[str, bool]]:
    """Return what goes under the title, in phrases people read: who, when, where it stands.

    Each phrase comes with whether it is the document's own text (a name, a
    version in words) rather than the library's words around dates and numbers.
    The organisation is named when the strategy has a title (else it is the
    title), with a short name that is one word, such as an acronym; the period
    in words; the status with the date published; a version number as "Version
    2.1", any other version (``next chapter``) as written, capitalised.

    >>> here = Strategy(organisation=Organisation(name="Tees Trust", short_name="TEWV"),
    ...     title="Our Journey", period=Period(start=2024, end=2029), status="published",
    ...     published=datetime.date(2024, 5, 30), version="next chapter")
    >>> [text for text, _ in byline(here)]
    ['Tees Trust (TEWV)', '2024 to 2029', 'Published 30 May 2024', 'Next chapter']
    """
    found: list[tuple[str, bool]] = []
    organisation = organisation_name = strategy.organisation.name
    if strategy.title is not None:
        short = strategy.organisation.short_name
        if short is not None and " " not in short.strip() and short not in organisation_name:
            organisation = f"{organisation_name} ({short})"
        found.append((organisation, True))
    if strategy.period is not None:
        words = period(strategy.period)
        found.append((words[0].upper() + words[1:], False))
    published = None if strategy.published is None else long_day(strategy.published)
    if strategy.status is not None:
        alone, dated = _STATUS_WORDS[strategy.status]
        found.append((alone if published is None else dated.format(published), False))
    elif published is not None:
        found.append((f"Published {published}", False))
    if strategy.version is not None and not _restates(strategy.version, strategy.period):
        version = strategy.version.strip()
        if _VERSION_NUMBER.match(version):
            found.append((f"Version {version.lstrip('Vv')}", False))
        else:
            found.append((heading_case(version), True))
    return found
