"""The typed strategy model: one frozen, slotted, keyword-only class per concept.

The classes hold in-memory invariants only (non-empty names, unique ids within a
list, a period that does not end before it starts). Reading documents, with types
checked and every problem located, is the job of :mod:`orgstrategy._api`.
"""

from __future__ import annotations

import datetime
import functools
import math
import re
import typing
from collections.abc import Callable, Iterator, Mapping, Sized
from types import MappingProxyType
from typing import Any, Final, Literal, NamedTuple

import attrs

from orgstrategy._ids import ID_PATTERN, LANGUAGE_PATTERN, REFERENCE_PATTERN, duplicates, slug
from orgstrategy._positions import Path

__all__ = [
    "BRIEF_STATEMENTS",
    "DELIVERY_STATUSES",
    "DIRECTIONS",
    "ELEMENT_KINDS",
    "SECTIONS",
    "STATEMENT_SECTIONS",
    "STATUSES",
    "VERSIONS",
    "Action",
    "Aim",
    "Alignment",
    "Behaviour",
    "Commitment",
    "Compact",
    "DateOrYear",
    "Delivered",
    "DeliveryStatus",
    "Direction",
    "Element",
    "Enabler",
    "Goal",
    "Linked",
    "Mandate",
    "Meaning",
    "Measure",
    "Nested",
    "Objective",
    "Organisation",
    "Outcome",
    "Partner",
    "Period",
    "Principle",
    "Priority",
    "Quantity",
    "Result",
    "Source",
    "Stakeholder",
    "Statement",
    "Status",
    "Strategy",
    "Theme",
    "Value",
    "document_order",
    "fields_in",
    "format_version",
    "later",
    "model_classes",
    "nested",
    "place",
    "sections_in",
    "since",
    "text_fields",
    "walk",
]

#: A point in time that may be a whole year (``2025``) or an ISO date.
DateOrYear = int | datetime.date
#: A measure's baseline, target or actual: a number or a text such as ``"95%"``.
Quantity = int | float | str
#: The life-cycle state of a strategy document.
Status = Literal["draft", "consultation", "published", "superseded"]
#: Every allowed :data:`Status`, in life-cycle order.
STATUSES: Final[tuple[Status, ...]] = ("draft", "consultation", "published", "superseded")

#: How far an element is in being delivered (format 1.1).
DeliveryStatus = Literal[
    "not-started", "on-track", "at-risk", "off-track", "achieved", "not-achieved", "dropped"
]
#: Every allowed :data:`DeliveryStatus`.
DELIVERY_STATUSES: Final[tuple[DeliveryStatus, ...]] = typing.get_args(DeliveryStatus)
#: Which way a measure is better: up, down, or where it is (format 1.1).
Direction = Literal["increase", "decrease", "maintain"]
#: Every allowed :data:`Direction`.
DIRECTIONS: Final[tuple[Direction, ...]] = typing.get_args(Direction)
#: The format versions, oldest first; each field says which one it came in (1.0 if none).
VERSIONS: Final = ("1.0", "1.1")

_ID: Final = re.compile(ID_PATTERN)
_LANGUAGE_TAG: Final = re.compile(LANGUAGE_PATTERN)
_TUPLE: Final = attrs.validators.instance_of(tuple)
_EMPTY: Final[Mapping[str, Any]] = MappingProxyType({})
#: Field metadata of a statement that is meant to be one short sentence.
_BRIEF: Final[Mapping[str, Any]] = MappingProxyType({"brief": True})
#: Field metadata of text that people read, which ``translations`` may give in
#: other languages (ids, links, dates and references are not).
_TEXT: Final[Mapping[str, Any]] = MappingProxyType({"text": True})
#: Field metadata of what came in format 1.1.
_NEW: Final[Mapping[str, Any]] = MappingProxyType({"since": "1.1"})
_NEW_TEXT: Final[Mapping[str, Any]] = MappingProxyType({"since": "1.1", "text": True})
#: The types of plain data that :func:`freeze` gives back as they are.
_SCALARS: Final = frozenset({str, int, float, bool, type(None)})


def _non_empty(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


_OPTIONAL_NON_EMPTY: Final = attrs.validators.optional(_non_empty)
_VALID_ID: Final = attrs.validators.matches_re(_ID)
_LANGUAGE: Final = attrs.validators.matches_re(LANGUAGE_PATTERN)
_REFERENCE: Final = attrs.validators.matches_re(REFERENCE_PATTERN)


def _references(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Check a tuple of references (in one call: most elements have none)."""
    if type(value) is not tuple:
        _TUPLE(instance, attribute, value)
    for reference in value:
        _REFERENCE(instance, attribute, reference)


def _elements(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Check a list of elements: a tuple, whose ids are unique (in one call, as it is a hot one)."""
    if type(value) is not tuple:
        _TUPLE(instance, attribute, value)
    if len(value) < 2:
        return
    for first, repeat in duplicates(element.id for element in value):
        raise ValueError(
            f"{attribute.name}: id {value[repeat].id!r} is used by items {first} and {repeat}"
        )


def _date_or_year(_: object, attribute: attrs.Attribute[Any], value: DateOrYear | None) -> None:
    if type(value) is int:
        if not 1000 <= value <= 9999:
            raise ValueError(f"{attribute.name}: year {value} is not between 1000 and 9999")
    elif value is not None and not isinstance(value, datetime.date):
        what = "a year (a whole number) nor a date"
        raise TypeError(f"{attribute.name}: {value!r} is neither {what}")


def _quantity(_: object, attribute: attrs.Attribute[Any], value: Quantity | None) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{attribute.name} must be a finite number")
    if isinstance(value, str) and not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


def first_day(value: DateOrYear) -> datetime.date:
    """Return the first day that *value* covers: 1 January for a year."""
    return datetime.date(value, 1, 1) if isinstance(value, int) else value


def last_day(value: DateOrYear) -> datetime.date:
    """Return the last day that *value* covers: 31 December for a year."""
    return datetime.date(value, 12, 31) if isinstance(value, int) else value


def _ends_after_start(instance: Period | Result, _: attrs.Attribute[Any], end: Any) -> None:
    if instance.start is not None and end is not None and last_day(end) < first_day(instance.start):
        raise ValueError(f"end {end} is before start {instance.start}")


def freeze(value: Any) -> Any:
    """Return *value* with every mapping made read-only and every list a tuple."""
    kind = type(value)
    if kind in _SCALARS:  # most values: decided without the slower checks below
        return value
    if kind is dict or isinstance(value, Mapping):
        return MappingProxyType({key: freeze(item) for key, item in value.items()})
    if kind is list or isinstance(value, (list, tuple)):
        return tuple([freeze(item) for item in value])
    return value


def _mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    frozen: Mapping[str, Any] = value if value is _EMPTY else freeze(value)
    return frozen


def _translations(instance: object, _: attrs.Attribute[Any], value: Mapping[str, Any]) -> None:
    """Check that each language gives only text fields of the object, as text."""
    if not value:
        return
    cls: type = type(instance)
    fields = text_fields(cls)
    for language, texts in value.items():
        if _LANGUAGE_TAG.match(language) is None:
            raise ValueError(f"translations: {language!r} is not a language tag such as 'cy'")
        if not isinstance(texts, Mapping):
            raise TypeError(f"translations.{language}: expected a mapping of text fields")
        for key, text in texts.items():
            if key not in fields:
                known = ", ".join(fields)
                raise ValueError(
                    f"translations.{language}: {key!r} is not a text field here ({known})"
                )
            many = fields[key]
            items = text if many and isinstance(text, tuple) and text else (text,)
            if not all(isinstance(item, str) and item.strip() for item in items):
                what = "a list of text" if many else "text"
                raise ValueError(f"translations.{language}.{key}: expected {what}, not blank")


def _translated() -> Any:
    """Return the ``translations`` field of an object with text (format 1.1)."""
    return attrs.field(
        default=_EMPTY,
        converter=_mapping,
        validator=_translations,
        eq=True,
        hash=False,
        metadata=_NEW,
    )


@attrs.frozen(kw_only=True)
class Element:
    """Something a strategy names: the common part of goals, values, commitments, ...

    In a document an element is a mapping, or a plain string as shorthand for
    ``{name: <string>}``.

    Attributes:
        name: What the organisation calls it.
        id: A slug unique within its list (letters, digits, ``.``, ``_``, ``-``);
            derived from ``name`` when not given.
        description: Longer text explaining it.
        extensions: Plugin data, by the plugin's namespace.
        translations: Its text in other languages: for each language tag, the
            text fields in that language (``{cy: {name: ..., description: ...}}``).
    """

    name: str = attrs.field(validator=_non_empty, metadata=_TEXT)
    id: str = attrs.field(
        default=attrs.Factory(lambda self: slug(self.name), takes_self=True),
        validator=_VALID_ID,
    )
    description: str | None = attrs.field(
        default=None, validator=_OPTIONAL_NON_EMPTY, metadata=_TEXT
    )
    extensions: Mapping[str, Any] = attrs.field(
        default=_EMPTY, converter=_mapping, eq=True, hash=False
    )
    translations: Mapping[str, Mapping[str, Any]] = _translated()


@attrs.frozen(kw_only=True)
class Linked(Element):
    """An element that may serve others: the common part of aims, outcomes, measures, ...

    Attributes:
        contributes_to: References to what it serves: ``SECTION/ID`` in this
            document (``priorities/mental-health``), ``SECTION/ID/SECTION/ID`` for
            a nested element, ``ALIAS:SECTION/ID`` in a document of ``aligns_to``,
            or ``ALIAS:`` for the whole of one.
        owner: Who is accountable for it.
    """

    contributes_to: tuple[str, ...] = attrs.field(
        factory=tuple,
        validator=_references,
        metadata=MappingProxyType({**_NEW, "pattern": REFERENCE_PATTERN}),
    )
    owner: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY, metadata=_NEW_TEXT)


@attrs.frozen(kw_only=True)
class Delivered(Linked):
    """An element whose delivery is tracked: the common part of aims, objectives, actions, ...

    Attributes:
        status: How far it is in being delivered.
    """

    status: DeliveryStatus | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.in_(DELIVERY_STATUSES)),
        metadata=_NEW,
    )


@attrs.frozen(kw_only=True)
class Meaning(Element):
    """One interpretation of a statement ("For everyone: as inclusion")."""


@attrs.frozen(kw_only=True)
class Outcome(Linked):
    """A result an aim is meant to bring about."""


@attrs.frozen(kw_only=True)
class Behaviour(Element):
    """A behaviour that shows a value being lived ("Open and honest")."""


@attrs.frozen(kw_only=True)
class Principle(Element):
    """A design or operating principle the organisation works by."""


@attrs.frozen(kw_only=True)
class Commitment(Element):
    """A promise made in a leadership compact ("We will speak kindly of each other")."""


@attrs.frozen(kw_only=True)
class Result:
    """One step of a measure's trajectory: a target and what was reported for a time.

    Attributes:
        period: The reporting time as the organisation names it (``2023/24``,
            ``Q3 2024/25``).
        start: When the reporting time begins (a year or a date).
        end: When it ends.
        target: What was aimed for.
        actual: What was reported.
        description: A note on the result.
    """

    period: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY, metadata=_NEW)
    start: DateOrYear | None = attrs.field(default=None, validator=_date_or_year)
    end: DateOrYear | None = attrs.field(default=None, validator=[_date_or_year, _ends_after_start])
    target: Quantity | None = attrs.field(default=None, validator=_quantity)
    actual: Quantity | None = attrs.field(default=None, validator=_quantity)
    description: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)


@attrs.frozen(kw_only=True)
class Measure(Delivered):
    """How progress is measured: a performance indicator with a baseline and a target.

    Attributes:
        unit: The unit of the numbers ("%", "weeks").
        baseline: Where things stood at the start.
        target: Where they should be by ``due``.
        due: When the target is due.
        direction: Which way is better: ``increase``, ``decrease`` or ``maintain``.
        results: The trajectory of targets and reported actuals.
        source: Where the figures come from.
    """

    unit: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY, metadata=_TEXT)
    baseline: Quantity | None = attrs.field(default=None, validator=_quantity)
    target: Quantity | None = attrs.field(default=None, validator=_quantity)
    due: datetime.date | None = None
    direction: Direction | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.in_(DIRECTIONS)),
        metadata=_NEW,
    )
    results: tuple[Result, ...] = attrs.field(factory=tuple, validator=_TUPLE)
    source: str | None = attrs.field(
        default=None, validator=_OPTIONAL_NON_EMPTY, metadata=_NEW_TEXT
    )


@attrs.frozen(kw_only=True)
class Action(Delivered):
    """Something to be done towards an objective (format 1.1).

    Attributes:
        due: When it is due.
    """

    due: datetime.date | None = None


@attrs.frozen(kw_only=True)
class Objective(Delivered):
    """A specific, time-bound step towards an aim.

    Attributes:
        due: When it is due.
        actions: What will be done towards it.
        measures: How its progress is measured.
    """

    due: datetime.date | None = None
    actions: tuple[Action, ...] = attrs.field(factory=tuple, validator=_elements, metadata=_NEW)
    measures: tuple[Measure, ...] = attrs.field(factory=tuple, validator=_elements)


@attrs.frozen(kw_only=True)
class Aim(Delivered):
    """What goals, priorities and enablers have in common.

    Attributes:
        outcomes: The results it should bring about.
        objectives: The steps towards it.
        measures: How progress towards it is measured.
    """

    outcomes: tuple[Outcome, ...] = attrs.field(factory=tuple, validator=_elements)
    objectives: tuple[Objective, ...] = attrs.field(factory=tuple, validator=_elements)
    measures: tuple[Measure, ...] = attrs.field(factory=tuple, validator=_elements)


@attrs.frozen(kw_only=True)
class Goal(Aim):
    """A long-term aim of the organisation ("We will be a great employer")."""


@attrs.frozen(kw_only=True)
class Priority(Aim):
    """An area the organisation has chosen to focus on ("Mental health")."""


@attrs.frozen(kw_only=True)
class Enabler(Aim):
    """A capability the goals and priorities rest on, such as digital, workforce or estates."""


@attrs.frozen(kw_only=True)
class Mandate(Element):
    """A law, duty or direction the strategy answers (format 1.1).

    Attributes:
        provision: The part of it that applies ("section 14Z52").
        url: Where it is published.
    """

    provision: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    url: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)


@attrs.frozen(kw_only=True)
class Value(Element):
    """A value the organisation lives by ("Respect").

    Attributes:
        behaviours: What living the value looks like.
    """

    behaviours: tuple[Behaviour, ...] = attrs.field(factory=tuple, validator=_elements)


@attrs.frozen(kw_only=True)
class Stakeholder(Element):
    """Someone the strategy is for or made with.

    Attributes:
        role: Their part in the strategy.
    """

    role: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY, metadata=_TEXT)


@attrs.frozen(kw_only=True)
class Theme(Element):
    """A heading of a leadership compact with its commitments ("System first").

    Attributes:
        commitments: The promises under this heading.
    """

    commitments: tuple[Commitment, ...] = attrs.field(factory=tuple, validator=_elements)


@attrs.frozen(kw_only=True)
class Compact:
    """A leadership compact or charter: promises leaders make to each other.

    Attributes:
        name: The compact's own name.
        description: What it is for.
        commitments: Promises not under any theme.
        themes: Promises grouped under headings.
        translations: Its text in other languages, by language tag.
    """

    name: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY, metadata=_TEXT)
    description: str | None = attrs.field(
        default=None, validator=_OPTIONAL_NON_EMPTY, metadata=_TEXT
    )
    commitments: tuple[Commitment, ...] = attrs.field(factory=tuple, validator=_elements)
    themes: tuple[Theme, ...] = attrs.field(factory=tuple, validator=_elements)
    translations: Mapping[str, Mapping[str, Any]] = _translated()


def _text_or_points(instance: Statement, _: attrs.Attribute[Any], points: tuple[str, ...]) -> None:
    if instance.text is None and not points:
        raise ValueError("a statement needs text or points")
    for point in points:
        if not point.strip():
            raise ValueError("points must not be empty")


@attrs.frozen(kw_only=True)
class Statement:
    """A mission, vision, purpose or ambition.

    In a document a statement is a string, or a mapping with ``text``, ``points``
    or both.

    Attributes:
        text: The statement itself.
        points: The statement as a list of points, or points that follow the text.
        meanings: Interpretations of the statement.
        translations: Its text and points in other languages, by language tag.
    """

    text: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY, metadata=_TEXT)
    points: tuple[str, ...] = attrs.field(
        factory=tuple, validator=[_TUPLE, _text_or_points], metadata=_TEXT
    )
    meanings: tuple[Meaning, ...] = attrs.field(factory=tuple, validator=_elements)
    translations: Mapping[str, Mapping[str, Any]] = _translated()


def _title_or_url(instance: Source, _: attrs.Attribute[Any], url: str | None) -> None:
    if instance.title is None and url is None:
        raise ValueError("a source needs a title or a url")


@attrs.frozen(kw_only=True)
class Source:
    """Where the strategy's text comes from.

    Attributes:
        title: The source's title.
        url: Where it is published.
        retrieved: When it was read.
        author: Who wrote it.
        note: Anything else worth knowing about it.
    """

    title: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    url: str | None = attrs.field(default=None, validator=[_OPTIONAL_NON_EMPTY, _title_or_url])
    retrieved: datetime.date | None = None
    author: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    note: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)


def _start_or_end(instance: Period, _: attrs.Attribute[Any], end: DateOrYear | None) -> None:
    if instance.start is None and end is None:
        raise ValueError("a period needs a start or an end")


@attrs.frozen(kw_only=True)
class Period:
    """The time a strategy covers; each end a year or a date.

    Attributes:
        start: When it begins.
        end: When it ends (not before ``start``).
    """

    start: DateOrYear | None = attrs.field(default=None, validator=_date_or_year)
    end: DateOrYear | None = attrs.field(
        default=None, validator=[_date_or_year, _start_or_end, _ends_after_start]
    )


@attrs.frozen(kw_only=True)
class Organisation:
    """The organisation whose strategy it is.

    Attributes:
        name: Its full name.
        short_name: The name it goes by ("TEWV").
        kind: A free-text slug such as ``nhs-trust`` or ``local-council``.
        area: The place it serves.
        url: Its web site.
        description: What it does.
        extensions: Plugin data, by the plugin's namespace.
        translations: Its names and description in other languages, by language tag.
    """

    name: str = attrs.field(validator=_non_empty, metadata=_TEXT)
    short_name: str | None = attrs.field(
        default=None, validator=_OPTIONAL_NON_EMPTY, metadata=_TEXT
    )
    kind: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    area: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY, metadata=_TEXT)
    url: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    description: str | None = attrs.field(
        default=None, validator=_OPTIONAL_NON_EMPTY, metadata=_TEXT
    )
    extensions: Mapping[str, Any] = attrs.field(
        default=_EMPTY, converter=_mapping, eq=True, hash=False
    )
    translations: Mapping[str, Mapping[str, Any]] = _translated()


@attrs.frozen(kw_only=True)
class Partner(Organisation):
    """An organisation that owns the strategy with the one that publishes it (format 1.1).

    Attributes:
        role: Its part, such as ``member``, ``co-author``, ``host`` or ``signatory``.
    """

    role: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY, metadata=_TEXT)


@attrs.frozen(kw_only=True)
class Alignment:
    """Another strategy or framework this one serves (format 1.1).

    Attributes:
        id: Its alias in references (``ALIAS:SECTION/ID``).
        title: Its title.
        url: Where it is published.
        publisher: Who publishes it.
        description: How this strategy serves it.
        file: The path of its orgstrategy document, relative to this one.
    """

    id: str = attrs.field(validator=_VALID_ID)
    title: str = attrs.field(validator=_non_empty)
    url: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    publisher: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    description: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    file: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)


def _section_labels(_: object, __: attrs.Attribute[Any], labels: Mapping[str, str]) -> None:
    for key, label in labels.items():
        if key not in SECTIONS:
            raise ValueError(f"labels: {key!r} is not a section")
        if not label.strip():
            raise ValueError(f"labels: the label of {key!r} must not be empty")


@attrs.frozen(kw_only=True)
class Strategy:
    """A public-sector organisation's strategy: the root of the model.

    Attributes:
        organisation: Whose strategy it is.
        partners: The organisations that own it with ``organisation``.
        title: The strategy's own title ("Our Journey to Change").
        language: The language of the document's text, as a BCP 47 tag (``en``
            when not given).
        version: A version label ("2025", "2013-14").
        status: Where the document is in its life cycle.
        period: The time the strategy covers.
        published: When it was published.
        url: Where the strategy itself is published: the address by which
            documents read with it (``orgstrategy align``) know it, when their
            ``aligns_to`` gives it as ``url``.
        sources: Where its text comes from.
        mandates: The laws, duties or directions it answers.
        aligns_to: The other strategies or frameworks it serves.
        labels: The organisation's own heading for each section.
        mission: What the organisation does.
        vision: The future it works towards.
        purpose: Why it exists.
        ambition: What it aims to achieve.
        goals: Its long-term aims.
        priorities: Where it focuses.
        enablers: The capabilities its goals and priorities rest on.
        values: What it lives by.
        principles: How it works.
        measures: The headline measures of the whole strategy.
        stakeholders: Who the strategy is for or made with.
        compact: The leaders' compact or charter.
        translations: Its title in other languages, by language tag.
        extensions: Plugin data, by the plugin's namespace.
    """

    organisation: Organisation
    partners: tuple[Partner, ...] = attrs.field(factory=tuple, validator=_TUPLE, metadata=_NEW)
    title: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY, metadata=_TEXT)
    language: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_LANGUAGE), metadata=_NEW
    )
    version: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    status: Status | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.in_(STATUSES))
    )
    period: Period | None = None
    published: datetime.date | None = None
    url: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY, metadata=_NEW)
    sources: tuple[Source, ...] = attrs.field(factory=tuple, validator=_TUPLE)
    mandates: tuple[Mandate, ...] = attrs.field(factory=tuple, validator=_elements, metadata=_NEW)
    aligns_to: tuple[Alignment, ...] = attrs.field(
        factory=tuple, validator=_elements, metadata=_NEW
    )
    labels: Mapping[str, str] = attrs.field(
        default=_EMPTY, converter=_mapping, validator=_section_labels, eq=True, hash=False
    )
    mission: Statement | None = attrs.field(default=None, metadata=_BRIEF)
    vision: Statement | None = attrs.field(default=None, metadata=_BRIEF)
    purpose: Statement | None = attrs.field(default=None, metadata=_BRIEF)
    ambition: Statement | None = None
    goals: tuple[Goal, ...] = attrs.field(factory=tuple, validator=_elements)
    priorities: tuple[Priority, ...] = attrs.field(factory=tuple, validator=_elements)
    enablers: tuple[Enabler, ...] = attrs.field(factory=tuple, validator=_elements, metadata=_NEW)
    values: tuple[Value, ...] = attrs.field(factory=tuple, validator=_elements)
    principles: tuple[Principle, ...] = attrs.field(factory=tuple, validator=_elements)
    measures: tuple[Measure, ...] = attrs.field(factory=tuple, validator=_elements, metadata=_NEW)
    stakeholders: tuple[Stakeholder, ...] = attrs.field(factory=tuple, validator=_elements)
    compact: Compact | None = None
    translations: Mapping[str, Mapping[str, Any]] = _translated()
    extensions: Mapping[str, Any] = attrs.field(
        default=_EMPTY, converter=_mapping, eq=True, hash=False
    )

    def translated(
        self, language: str, *, untranslated: Callable[[str], str] | None = None
    ) -> Strategy:
        """Return this strategy in *language*: every text its translation, where it has one.

        Each text field of each object (the title, the organisation and partners,
        statements, elements, the compact) is replaced by the object's
        ``translations[language]`` of it; a field with no translation keeps its
        text, in the document's own language. The result's ``language`` is
        *language*; its translations are kept, so nothing is lost.

        Args:
            language: A language tag of the translations, such as ``cy``.
            untranslated: Applied to each text kept because it has no
                translation (each point of a list of points), such as a
                function that marks it as being in the document's language.

        >>> here = Strategy(organisation=Organisation(
        ...     name="Welsh Government", translations={"cy": {"name": "Llywodraeth Cymru"}}))
        >>> here.translated("cy").organisation.name, here.translated("fr").organisation.name
        ('Llywodraeth Cymru', 'Welsh Government')
        >>> here.translated("fr", untranslated=str.upper).organisation.name
        'WELSH GOVERNMENT'
        """
        translated: Strategy = _translate(self, language, untranslated)
        return attrs.evolve(translated, language=language)


def _translate(node: Any, language: str, untranslated: Callable[[str], str] | None) -> Any:
    cls: type = type(node)
    changes: dict[str, Any] = {}
    for field in nested(cls):
        value = getattr(node, field.name)
        if field.many:
            changes[field.name] = tuple(_translate(item, language, untranslated) for item in value)
        elif value is not None:
            changes[field.name] = _translate(value, language, untranslated)
    texts = getattr(node, "translations", _EMPTY).get(language) or _EMPTY
    changes.update(texts)
    if untranslated is not None:
        for name, many in _text_fields(cls):
            value = getattr(node, name)
            if name in texts or not value:
                continue
            changes[name] = tuple(map(untranslated, value)) if many else untranslated(value)
    return attrs.evolve(node, **changes) if changes else node


def walk(node: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Yield every model object in *node* (itself first) with its document path.

    >>> from orgstrategy import Goal, Organisation, Strategy
    >>> strategy = Strategy(organisation=Organisation(name="Here"), goals=(Goal(name="Care"),))
    >>> [path for path, _ in walk(strategy)]
    [(), ('organisation',), ('goals', 0)]
    """
    yield path, node
    cls: type = type(node)
    for field in nested(cls):
        value = getattr(node, field.name)
        if not field.many:
            if value is not None:
                yield from walk(value, (*path, field.name))
            continue
        for index, item in enumerate(value):
            yield from walk(item, (*path, field.name, index))


# The model's shape, read from the classes above: what holds what. Walkers of the
# model and of plain documents, the places plugins apply to and the lists whose
# ids must be unique all follow from it, so a new field is declared once, above.


class Nested(NamedTuple):
    """A field of a model class that holds model objects.

    Attributes:
        name: The field's name: its key in documents.
        type: The field's type.
        item: The model class it holds (of each item, for a list).
        many: Whether it holds a list (a tuple) of them, or one (perhaps ``None``).
    """

    name: str
    type: Any
    item: type
    many: bool


def since(field: attrs.Attribute[Any]) -> str:
    """Return the format version *field* of a model class came in."""
    version: str = field.metadata.get("since", VERSIONS[0])
    return version


def fields_in(cls: type, version: str) -> tuple[attrs.Attribute[Any], ...]:
    """Return the fields of the model class *cls* that format *version* has.

    >>> [field.name for field in fields_in(Result, "1.0")][:2]
    ['start', 'end']
    """
    order = VERSIONS.index(version)
    return tuple(field for field in attrs.fields(cls) if VERSIONS.index(since(field)) <= order)


@functools.cache
def nested(cls: type, version: str = VERSIONS[-1]) -> tuple[Nested, ...]:
    """Return the fields of the model class *cls* that hold model objects, in order.

    Those of the latest format, or of format *version*.

    >>> [(field.name, field.item.__name__, field.many) for field in nested(Statement)]
    [('meanings', 'Meaning', True)]
    """
    hints = typing.get_type_hints(cls)
    found = []
    for field in fields_in(cls, version):
        type_ = hints[field.name]
        args = typing.get_args(type_)
        if typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis:
            if attrs.has(args[0]):
                found.append(Nested(field.name, type_, args[0], True))
            continue
        inner = [arg for arg in args if arg is not type(None)] or [type_]
        if len(inner) == 1 and attrs.has(inner[0]):
            found.append(Nested(field.name, type_, inner[0], False))
    return tuple(found)


#: The keys an element is written with first, in documents and in the schema.
_FIRST_KEYS: Final = ("id", "name", "description")


#: The keys an element, or any object, is written with last.
_LAST_KEYS: Final = ("translations", "extensions")


def document_order(cls: type) -> tuple[str, ...]:
    """Return the fields of *cls* in the order documents write them.

    An element starts with its id, name and description; any object ends with
    its translations and extensions.

    >>> document_order(Value)
    ('id', 'name', 'description', 'behaviours', 'translations', 'extensions')
    """
    names = [field.name for field in attrs.fields(cls)]
    first = [name for name in _FIRST_KEYS if name in names] if issubclass(cls, Element) else []
    last = [name for name in _LAST_KEYS if name in names]
    rest = [name for name in names if name not in first and name not in last]
    return (*first, *rest, *last)


def place(cls: type) -> str | None:
    """Return the place a plugin may apply to at an object of *cls*, if it can hold extensions.

    >>> place(Strategy), place(Goal), place(Statement)
    ('strategy', 'goal', None)
    """
    return cls.__name__.lower() if "extensions" in attrs.fields_dict(cls) else None


@functools.cache
def model_classes(version: str = VERSIONS[-1]) -> tuple[type, ...]:
    """Return every class of the model, the strategy first, then as they nest in it.

    Those of the latest format, or of format *version*.

    >>> [cls.__name__ for cls in model_classes("1.0")][:4]
    ['Strategy', 'Organisation', 'Period', 'Source']
    """
    found: list[type] = []
    todo: list[type] = [Strategy]
    while todo:
        cls = todo.pop(0)
        if cls not in found:
            found.append(cls)
            todo.extend(field.item for field in nested(cls, version))
    return tuple(found)


@functools.cache
def text_fields(cls: type) -> dict[str, bool]:
    """Return the fields of *cls* that ``translations`` may give, each with whether it is a list.

    >>> text_fields(Statement)
    {'text': False, 'points': True}
    """
    return dict(_text_fields(cls))


@functools.cache
def _text_fields(cls: type) -> tuple[tuple[str, bool], ...]:
    hints = typing.get_type_hints(cls)
    return tuple(
        (field.name, typing.get_origin(hints[field.name]) is tuple)
        for field in attrs.fields(cls)
        if field.metadata.get("text")
    )


@functools.cache
def _later_fields(cls: type) -> tuple[tuple[str, int], ...]:
    """Return the fields of *cls* that came after format 1.0, each with its version's place."""
    return tuple(
        (field.name, VERSIONS.index(since(field)))
        for field in attrs.fields(cls)
        if since(field) != VERSIONS[0]
    )


def _needs(node: Any) -> int:
    """Return the place in :data:`VERSIONS` of the lowest that can hold *node*'s own fields.

    Every field that came later is empty by default (``None``, ``()`` or ``{}``).
    """
    found = 0
    cls: type = type(node)
    for name, version in _later_fields(cls):
        value = getattr(node, name)
        if version > found and value is not None and (not isinstance(value, Sized) or value):
            found = version
    return found


def format_version(node: Any) -> str:
    """Return the lowest format version that can hold *node*: what ``dumps`` writes.

    *node* is a strategy or any model object in one.

    >>> format_version(Strategy(organisation=Organisation(name="Here")))
    '1.0'
    >>> format_version(Strategy(organisation=Organisation(name="Here"), language="cy"))
    '1.1'
    """
    found = 0
    for _, each in walk(node):
        found = max(found, _needs(each))
        if found == len(VERSIONS) - 1:
            return VERSIONS[found]
    if isinstance(node, Strategy):  # labels may name sections that came later
        for key in node.labels:
            found = max(found, next(i for i, v in enumerate(VERSIONS) if key in _sections(v)))
    return VERSIONS[found]


def later(version: str, than: str) -> bool:
    """Whether format *version* came after format *than*."""
    return VERSIONS.index(version) > VERSIONS.index(than)


def _element_kinds() -> dict[str, str]:
    kinds: dict[str, str] = {}
    for cls in model_classes():
        for field in nested(cls):
            if field.many and issubclass(field.item, Element):
                kinds.setdefault(field.name, field.item.__name__.lower())
    return kinds


#: Each list of elements a document may have, by its key, with the kind of element
#: it holds (the name plugins use in ``applies_to``), read from the classes.
ELEMENT_KINDS: Final = _element_kinds()
#: The statement sections of a strategy, in reading order, read from the classes.
STATEMENT_SECTIONS: Final = tuple(
    field.name for field in nested(Strategy) if field.item is Statement
)
#: The statements meant to be one short sentence (the ``long-statement`` lint rule).
BRIEF_STATEMENTS: Final = tuple(
    field.name for field in attrs.fields(Strategy) if field.metadata.get("brief")
)


@functools.cache
def _sections(version: str = VERSIONS[-1]) -> tuple[str, ...]:
    sections = list(STATEMENT_SECTIONS)
    for cls in model_classes(version):
        for field in nested(cls, version):
            if (field.many or field.item is Compact) and field.name not in sections:
                sections.append(field.name)
    return tuple(sections)


def sections_in(version: str) -> tuple[str, ...]:
    """Return the section keys that ``labels`` may name in format *version*."""
    return _sections(version)


#: The section keys that ``labels`` may give the organisation's own heading for: the
#: statements, the compact and every list, read from the classes.
SECTIONS: Final = _sections()
