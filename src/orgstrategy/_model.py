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
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, Final, Literal, NamedTuple

import attrs

from orgstrategy._ids import ID_PATTERN, duplicates, slug
from orgstrategy._positions import Path

__all__ = [
    "BRIEF_STATEMENTS",
    "ELEMENT_KINDS",
    "SECTIONS",
    "STATEMENT_SECTIONS",
    "STATUSES",
    "Aim",
    "Behaviour",
    "Commitment",
    "Compact",
    "DateOrYear",
    "Element",
    "Goal",
    "Meaning",
    "Measure",
    "Nested",
    "Objective",
    "Organisation",
    "Outcome",
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
    "model_classes",
    "nested",
    "place",
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

_ID: Final = re.compile(ID_PATTERN)
_TUPLE: Final = attrs.validators.instance_of(tuple)
_EMPTY: Final[Mapping[str, Any]] = MappingProxyType({})
#: Field metadata of a statement that is meant to be one short sentence.
_BRIEF: Final[Mapping[str, Any]] = MappingProxyType({"brief": True})
#: The types of plain data that :func:`freeze` gives back as they are.
_SCALARS: Final = frozenset({str, int, float, bool, type(None)})


def _non_empty(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


_OPTIONAL_NON_EMPTY: Final = attrs.validators.optional(_non_empty)
_VALID_ID: Final = attrs.validators.matches_re(_ID)


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
    """

    name: str = attrs.field(validator=_non_empty)
    id: str = attrs.field(
        default=attrs.Factory(lambda self: slug(self.name), takes_self=True),
        validator=_VALID_ID,
    )
    description: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    extensions: Mapping[str, Any] = attrs.field(
        default=_EMPTY, converter=_mapping, eq=True, hash=False
    )


@attrs.frozen(kw_only=True)
class Meaning(Element):
    """One interpretation of a statement ("For everyone: as inclusion")."""


@attrs.frozen(kw_only=True)
class Outcome(Element):
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
        start: When the reporting time begins (a year or a date).
        end: When it ends.
        target: What was aimed for.
        actual: What was reported.
        description: A note on the result.
    """

    start: DateOrYear | None = attrs.field(default=None, validator=_date_or_year)
    end: DateOrYear | None = attrs.field(default=None, validator=[_date_or_year, _ends_after_start])
    target: Quantity | None = attrs.field(default=None, validator=_quantity)
    actual: Quantity | None = attrs.field(default=None, validator=_quantity)
    description: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)


@attrs.frozen(kw_only=True)
class Measure(Element):
    """How progress is measured: a performance indicator with a baseline and a target.

    Attributes:
        unit: The unit of the numbers ("%", "weeks").
        baseline: Where things stood at the start.
        target: Where they should be by ``due``.
        due: When the target is due.
        results: The trajectory of targets and reported actuals.
    """

    unit: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    baseline: Quantity | None = attrs.field(default=None, validator=_quantity)
    target: Quantity | None = attrs.field(default=None, validator=_quantity)
    due: datetime.date | None = None
    results: tuple[Result, ...] = attrs.field(factory=tuple, validator=_TUPLE)


@attrs.frozen(kw_only=True)
class Objective(Element):
    """A specific, time-bound step towards an aim.

    Attributes:
        due: When it is due.
        measures: How its progress is measured.
    """

    due: datetime.date | None = None
    measures: tuple[Measure, ...] = attrs.field(factory=tuple, validator=_elements)


@attrs.frozen(kw_only=True)
class Aim(Element):
    """What goals and priorities have in common.

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

    role: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)


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
    """

    name: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    description: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    commitments: tuple[Commitment, ...] = attrs.field(factory=tuple, validator=_elements)
    themes: tuple[Theme, ...] = attrs.field(factory=tuple, validator=_elements)


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
    """

    text: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    points: tuple[str, ...] = attrs.field(factory=tuple, validator=[_TUPLE, _text_or_points])
    meanings: tuple[Meaning, ...] = attrs.field(factory=tuple, validator=_elements)


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
    """

    name: str = attrs.field(validator=_non_empty)
    short_name: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    kind: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    area: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    url: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    description: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    extensions: Mapping[str, Any] = attrs.field(
        default=_EMPTY, converter=_mapping, eq=True, hash=False
    )


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
        title: The strategy's own title ("Our Journey to Change").
        version: A version label ("2025", "2013-14").
        status: Where the document is in its life cycle.
        period: The time the strategy covers.
        published: When it was published.
        sources: Where its text comes from.
        labels: The organisation's own heading for each section.
        mission: What the organisation does.
        vision: The future it works towards.
        purpose: Why it exists.
        ambition: What it aims to achieve.
        goals: Its long-term aims.
        priorities: Where it focuses.
        values: What it lives by.
        principles: How it works.
        stakeholders: Who the strategy is for or made with.
        compact: The leaders' compact or charter.
        extensions: Plugin data, by the plugin's namespace.
    """

    organisation: Organisation
    title: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    version: str | None = attrs.field(default=None, validator=_OPTIONAL_NON_EMPTY)
    status: Status | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.in_(STATUSES))
    )
    period: Period | None = None
    published: datetime.date | None = None
    sources: tuple[Source, ...] = attrs.field(factory=tuple, validator=_TUPLE)
    labels: Mapping[str, str] = attrs.field(
        default=_EMPTY, converter=_mapping, validator=_section_labels, eq=True, hash=False
    )
    mission: Statement | None = attrs.field(default=None, metadata=_BRIEF)
    vision: Statement | None = attrs.field(default=None, metadata=_BRIEF)
    purpose: Statement | None = attrs.field(default=None, metadata=_BRIEF)
    ambition: Statement | None = None
    goals: tuple[Goal, ...] = attrs.field(factory=tuple, validator=_elements)
    priorities: tuple[Priority, ...] = attrs.field(factory=tuple, validator=_elements)
    values: tuple[Value, ...] = attrs.field(factory=tuple, validator=_elements)
    principles: tuple[Principle, ...] = attrs.field(factory=tuple, validator=_elements)
    stakeholders: tuple[Stakeholder, ...] = attrs.field(factory=tuple, validator=_elements)
    compact: Compact | None = None
    extensions: Mapping[str, Any] = attrs.field(
        default=_EMPTY, converter=_mapping, eq=True, hash=False
    )


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


@functools.cache
def nested(cls: type) -> tuple[Nested, ...]:
    """Return the fields of the model class *cls* that hold model objects, in order.

    >>> [(field.name, field.item.__name__, field.many) for field in nested(Statement)]
    [('meanings', 'Meaning', True)]
    """
    hints = typing.get_type_hints(cls)
    found = []
    for field in attrs.fields(cls):
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


def document_order(cls: type) -> tuple[str, ...]:
    """Return the fields of *cls* in the order documents write them: extensions last.

    An element starts with its id, name and description.

    >>> document_order(Value)
    ('id', 'name', 'description', 'behaviours', 'extensions')
    """
    names = [field.name for field in attrs.fields(cls)]
    first = [name for name in _FIRST_KEYS if name in names] if issubclass(cls, Element) else []
    rest = [name for name in names if name not in first and name != "extensions"]
    return (*first, *rest, *(["extensions"] if "extensions" in names else []))


def place(cls: type) -> str | None:
    """Return the place a plugin may apply to at an object of *cls*, if it can hold extensions.

    >>> place(Strategy), place(Goal), place(Statement)
    ('strategy', 'goal', None)
    """
    return cls.__name__.lower() if "extensions" in attrs.fields_dict(cls) else None


@functools.cache
def model_classes() -> tuple[type, ...]:
    """Return every class of the model, the strategy first, then as they nest in it.

    >>> [cls.__name__ for cls in model_classes()][:4]
    ['Strategy', 'Organisation', 'Period', 'Source']
    """
    found: list[type] = []
    todo: list[type] = [Strategy]
    while todo:
        cls = todo.pop(0)
        if cls not in found:
            found.append(cls)
            todo.extend(field.item for field in nested(cls))
    return tuple(found)


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


def _sections() -> tuple[str, ...]:
    sections = list(STATEMENT_SECTIONS)
    for cls in model_classes():
        for field in nested(cls):
            if (field.many or field.item is Compact) and field.name not in sections:
                sections.append(field.name)
    return tuple(sections)


#: The section keys that ``labels`` may give the organisation's own heading for: the
#: statements, the compact and every list, read from the classes.
SECTIONS: Final = _sections()
