"""Reading StratML: the element tree of a Part 1 or Part 2 document as a strategy's plain data.

Reading is lenient, because real StratML breaks its own schema: children out of
order, identifiers that are not NCNames or are used twice, the deprecated
``IndicatorType``, and empty placeholder records left by editors. Each is read
anyway and reported as a ``stratml-repaired`` warning at its line and column (the
registry turns warnings into errors in strict mode). :func:`read` hands the plain
data to :func:`orgstrategy._document.from_parsed`, so a StratML strategy is checked
by the same rules as a YAML one. A residue in the root ``OtherInformation`` is
applied to the data (:mod:`._residue`). The writer reads the tree it built with
:func:`read_tree`, in memory.

The keys of the plain data are the model's field names, taken with the elements
that hold them from the crosswalk (:mod:`._crosswalk`). What a document says that
the model has no field for is kept in the ``stratml`` extension, so that writing
the strategy back gives it again: a result's target and actual results each keep
their own description, dates and descriptor (:func:`result_details`); an aim's
stakeholders are kept as the document has them, even without a name; an objective
with only its identifier is an objective. A relationship ``Narrower_Than`` a goal,
objective or indicator of the document is a reference to it in ``contributes_to``
(:meth:`Reader.link`); the stakeholders the residue says are partners are partners.

Imports: the XML parse (:mod:`._parse`), the residue, the crosswalk, StratML's
vocabulary, and orgstrategy's structuring, ids, limits, plugins, schema version and
problems.
"""

from __future__ import annotations

import datetime
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from typing import Any, Final, NamedTuple

import attrs

from orgstrategy._document import Parsed, from_parsed
from orgstrategy._errors import Problem
from orgstrategy._ids import ID_PATTERN, assign_ids
from orgstrategy._limits import Limits, too_many_elements
from orgstrategy._model import Strategy
from orgstrategy._plugin import BUILT_IN, Plugins
from orgstrategy._positions import Path, Positions, format_path
from orgstrategy._schema import FORMAT_VERSION
from orgstrategy._stratml import _residue
from orgstrategy._stratml._crosswalk import (
    ACTUAL,
    BASELINE,
    CONTRIBUTES_TO,
    DESCRIPTION,
    DUE,
    END,
    EXTENSIONS,
    GOALS,
    ID,
    MEASURE_NAME,
    MEASURES,
    MISSION,
    NAME,
    OBJECTIVES,
    ORGANISATION,
    PARTNERS,
    PERIOD,
    PRIORITIES,
    PUBLISHED,
    RESULT_TARGET,
    RESULTS,
    ROLE,
    SHORT_NAME,
    SOURCES,
    STAKEHOLDERS,
    START,
    TARGET,
    TEXT,
    TITLE,
    UNIT,
    URL,
    VALUES,
    VISION,
    Place,
)
from orgstrategy._stratml._parse import Refused, Where, error, parse, split_tag
from orgstrategy._stratml._vocabulary import (
    INDICATOR_TYPES,
    PART1,
    PART2,
    ROLE_TYPES,
    STAKEHOLDER_TYPES,
    VALUE_CHAIN_STAGES,
)

__all__ = [
    "RESULT_DETAILS",
    "SHOWN_REPAIRS",
    "Reader",
    "is_date",
    "is_ncname",
    "is_placeholder_id",
    "read",
    "read_tree",
    "result_details",
]

#: How many repairs of one kind (one message) are reported each at its place; the
#: rest are counted in one more warning, at the first of them.
SHOWN_REPAIRS: Final = 10
_ROOTS: Final = {(PART1, "StrategicPlan"): 1, (PART2, "PerformancePlanOrReport"): 2}
_ID: Final = re.compile(ID_PATTERN)
_NCNAME: Final = re.compile(r"[^\W\d][\w.\-\u00b7]*\Z")
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DECIMAL: Final = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\Z")
_SENTENCE_END: Final = re.compile(r"(?<=[.!?])\s")
_MAX_DERIVED_NAME: Final = 80
#: Children that carry no content of their own: a record with only these is a placeholder
#: (but see :meth:`Reader.is_placeholder` for identifiers).
_BOOKKEEPING: Final = frozenset({"Identifier", "SequenceIndicator"})

#: The key, in a measure's ``stratml`` extension, of what StratML says of each of its
#: results that the result does not hold (see :func:`result_details`).
RESULT_DETAILS: Final = "results"

# The children each element may have, in schema order; ``*`` marks repeatable ones.
_SEQUENCES: Final[dict[str, str]] = {
    "PerformancePlanOrReport": "Name Description OtherInformation StrategicPlanCore"
    " AdministrativeInformation Submitter",
    "StrategicPlan": "Name Description OtherInformation StrategicPlanCore"
    " AdministrativeInformation",
    "StrategicPlanCore": "Organization* Vision Mission Value* Goal*",
    "Organization": "Name Acronym Identifier Description Stakeholder*",
    "Stakeholder": "Name Description Role*",
    "Role": "Name Description RoleType*",
    "Vision": "Description Identifier",
    "Mission": "Description Identifier",
    "Value": "Name Description",
    "Goal": "Name Description Identifier SequenceIndicator Stakeholder* OtherInformation"
    " Objective*",
    "Objective": "Name Description Identifier SequenceIndicator Stakeholder* OtherInformation"
    " PerformanceIndicator*",
    "PerformanceIndicator": "SequenceIndicator MeasurementDimension UnitOfMeasurement Identifier"
    " Relationship* MeasurementInstance* OtherInformation",
    "Relationship": "Identifier ReferentIdentifier* Name Description",
    "MeasurementInstance": "TargetResult* ActualResult*",
    "TargetResult": "StartDate EndDate NumberOfUnits Descriptor Description",
    "ActualResult": "StartDate EndDate NumberOfUnits Descriptor Description",
    "Descriptor": "DescriptorName DescriptorValue",
    "AdministrativeInformation": "Identifier StartDate EndDate PublicationDate Source",
    "Submitter": "Identifier GivenName Surname PhoneNumber EmailAddress",
}
_PART1_SEQUENCES: Final[dict[str, str]] = {
    "Stakeholder": "Name Description",
    "Objective": "Name Description Identifier SequenceIndicator Stakeholder* OtherInformation",
    "AdministrativeInformation": "StartDate EndDate PublicationDate Source Submitter",
    "Submitter": "GivenName Surname PhoneNumber EmailAddress",
}
_TYPE_NAMES: Final = {
    "Goal": "goal",
    "Objective": "objective",
    "Value": "value",
    "Stakeholder": "stakeholder",
    "PerformanceIndicator": "performance indicator",
}


class _Outcome(NamedTuple):
    """A target or actual result as read: its dates, value, descriptor and description.

    The value is its ``NumberOfUnits``, or else its ``DescriptorValue``; ``label`` is
    its ``DescriptorName`` and ``descriptor`` its ``DescriptorValue`` when that is not
    the value.
    """

    start: str | None = None
    end: str | None = None
    value: int | float | str | None = None
    label: str | None = None
    descriptor: str | None = None
    description: str | None = None


#: A target or actual result that says nothing that could be read (a date that is not one).
_NOTHING: Final = _Outcome()


#: The measure's own levels, by the lower-case ``DescriptorName`` of the target result
#: that gives one: the baseline and the target.
_LEVELS: Final = {place.tag.lower(): place.key for place in (BASELINE, TARGET)}


def is_date(text: str) -> bool:
    """Whether *text* is a date as StratML writes one (``YYYY-MM-DD``)."""
    if not _DATE.match(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_ncname(text: str) -> bool:
    """Whether *text* is an NCName, as an ``Identifier`` (an ``xsd:ID``) must be."""
    return _NCNAME.match(text) is not None


def is_placeholder_id(text: str) -> bool:
    """Whether *text* is an identifier that an editor left as a placeholder (``PLACEHOLDER_1``)."""
    return text.upper().startswith("PLACEHOLDER")


def _clean(text: str | None) -> str | None:
    """Return *text* without surrounding whitespace, or ``None`` if nothing is left."""
    if text is None:
        return None
    text = text.strip()
    return text or None


def _all_text(element: ET.Element) -> Iterator[str]:
    """Yield the text in *element* and every element in it, in order; ``<br/>`` as a line break."""
    yield element.text or ""
    for inner in element:
        if split_tag(inner.tag)[1] == "br" and not len(inner):
            yield "\n"
        else:
            yield from _all_text(inner)
        yield inner.tail or ""


def _derived_name(description: str) -> str:
    """Return a name for something that has only a description: its first sentence, trimmed."""
    sentence = _SENTENCE_END.split(description, maxsplit=1)[0].strip()
    if len(sentence) <= _MAX_DERIVED_NAME:
        return sentence
    cut = sentence[:_MAX_DERIVED_NAME]
    return (cut[: cut.rfind(" ")] if " " in cut else cut).rstrip(" ,;:") + "\u2026"


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """Return *data* without ``None`` values, empty lists and empty mappings."""
    return {
        key: value
        for key, value in data.items()
        if value is not None and (value or (type(value) is not list and type(value) is not dict))
    }


def _number(path: Path) -> int:
    """Return the 1-based position that *path* ends with."""
    return int(path[-1]) + 1


def _quantity_text(text: str) -> int | float | str:
    """Return a ``NumberOfUnits`` as a number: whole numbers as ``int``."""
    if "." in text:
        return float(text)
    return int(text)


def _orders(sequences: Mapping[str, str]) -> dict[str, dict[str, tuple[int, bool]]]:
    """Return, for each element, each child it may have: its place, and whether it repeats."""
    return {
        parent: {
            name.rstrip("*"): (index, name.endswith("*"))
            for index, name in enumerate(children.split())
        }
        for parent, children in sequences.items()
    }


_ORDERS: Final = {2: _orders(_SEQUENCES), 1: _orders({**_SEQUENCES, **_PART1_SEQUENCES})}


class Reader:
    """Turns a StratML element tree into a document's plain data, noting every repair."""

    def __init__(self, file: str, where: Where, limits: Limits | None = None) -> None:
        self.file = file
        self.where = where
        self.limits = limits
        self.elements = 0
        self.problems: list[Problem] = []
        # By message: how many repairs of that kind, and the place of the first and
        # last that are not reported each on its own.
        self.repairs: dict[str, int] = {}
        self.unreported: dict[str, tuple[Problem, tuple[int, int]]] = {}
        self.positions: dict[Path, tuple[int, int]] = {}
        self.namespace = PART2
        self.orders = _ORDERS[2]
        self.identifiers: set[str] = set()
        # The goals, objectives and indicators by their Identifier, where each stands
        # (None for an Identifier used more than once); and the relationships that
        # may be references to them, with the indicator's path and its relationships.
        self.addressed: dict[str, Path | None] = {}
        self.links: list[tuple[Path, dict[str, Any], list[dict[str, Any]]]] = []
        self.seen: dict[ET.Element, dict[str, list[ET.Element]]] = {}
        self.marked: set[ET.Element] = set()

    # Problems and children

    def repaired(self, element: ET.Element, message: str, path: Path = ()) -> None:
        """Warn of a repair at *element*: the first :data:`SHOWN_REPAIRS` of a kind each."""
        place = self.where.get(element, (1, 1))
        count = self.repairs.get(message, 0) + 1
        self.repairs[message] = count
        if count <= SHOWN_REPAIRS + 1:
            problem = Problem(
                message=message,
                code="stratml-repaired",
                file=self.file,
                line=place[0],
                column=place[1],
                path=format_path(path) if path else "",
                severity="warning",
            )
            if count <= SHOWN_REPAIRS:
                self.problems.append(problem)
                return
            self.unreported[message] = (problem, place)
        self.unreported[message] = (self.unreported[message][0], place)

    def repairs_counted(self) -> list[Problem]:
        """Return one warning for each kind of repair made more than :data:`SHOWN_REPAIRS` times."""
        counted = []
        for message, (first, (line, column)) in self.unreported.items():
            more = self.repairs[message] - SHOWN_REPAIRS
            counted.append(
                attrs.evolve(
                    first,
                    message=f"{message}; so were {more - 1:,} more like it after this one, "
                    f"up to line {line}, column {column}"
                    if more > 1
                    else message,
                )
            )
        return counted

    def note(self, element: ET.Element, path: Path) -> None:
        self.positions[path] = self.where.get(element, (1, 1))

    def count(self, element: ET.Element) -> None:
        """Count one more element of the strategy, read from *element*, against the limit."""
        self.elements += 1
        if self.limits is not None and self.elements > self.limits.max_elements:
            raise Refused(
                too_many_elements(self.limits), "too-large", self.where.get(element, (1, 1))
            )

    def children(self, element: ET.Element) -> dict[str, list[ET.Element]]:
        """Return the children by local name, reporting any the schema does not allow there."""
        if element not in self.seen:
            self.seen[element] = self.sorted_children(element)
        return self.seen[element]

    def sorted_children(self, element: ET.Element) -> dict[str, list[ET.Element]]:
        _, parent = split_tag(element.tag)
        order = self.orders[parent]
        found: dict[str, list[ET.Element]] = {}
        last = -1
        misordered = False
        for child in element:
            namespace, name = split_tag(child.tag)
            place = order.get(name) if namespace == self.namespace else None
            if place is None:
                self.repaired(child, f"{parent} may not contain {name}; it was left out")
                continue
            index, repeats = place
            if name in found and not repeats:
                self.repaired(child, f"{parent} has more than one {name}; the first is read")
                continue
            if index < last and not misordered:
                misordered = True
                self.repaired(
                    child,
                    f"the children of {parent} are not in schema order"
                    f" ({', '.join(order)}); they were read in any order",
                )
            last = max(last, index)
            found.setdefault(name, []).append(child)
        return found

    def text(self, found: dict[str, list[ET.Element]], name: str) -> str | None:
        elements = found.get(name)
        return self.content(elements[0]) if elements else None

    def content(self, element: ET.Element) -> str | None:
        """Return the text of *element* without surrounding whitespace, or ``None``.

        StratML's text elements hold text only; markup in one (``<b>``, ``<br/>``)
        is left out, with a warning, and all of its text kept (a ``<br/>`` as a
        line break).
        """
        if not len(element):
            return _clean(element.text)
        if element not in self.marked:
            self.marked.add(element)
            inside = (inner for inner in element.iter() if inner is not element)
            tags = dict.fromkeys(f"<{split_tag(inner.tag)[1]}>" for inner in inside)
            self.repaired(
                element,
                f"{split_tag(element.tag)[1]} holds markup ({', '.join(tags)}), which StratML"
                " has no place for; the markup was left out and all of its text kept",
            )
        return _clean("".join(_all_text(element)))

    def is_placeholder(self, element: ET.Element, identified: bool = False) -> bool:
        """Whether *element* holds no text but identifiers and sequence numbers.

        If *identified* (goals, objectives and performance indicators, which the
        model gives an id), an identifier in it is text, unless it is a placeholder
        identifier (``PLACEHOLDER_1``): an objective with only its ``Identifier`` is
        an objective.
        """
        if not len(element):  # the commonest case by far
            return _clean(element.text) is None
        for child in element.iter():
            name = split_tag(child.tag)[1]
            if name in _BOOKKEEPING:
                text = _clean(child.text) if identified and name == ID.tag else None
                if text is not None and not is_placeholder_id(text):
                    return False
                continue
            if _clean(child.text) is not None:
                return False
            if child is not element and any(_clean(inner.tail) is not None for inner in child):
                return False  # text after markup within a text element
        return True

    def records(
        self, elements: list[ET.Element], kind: str, identified: bool = False
    ) -> Iterator[ET.Element]:
        """Yield the elements that are not empty placeholders, reporting those that are."""
        for element in elements:
            if self.is_placeholder(element, identified):
                self.repaired(element, f"an empty {kind} (a placeholder) was left out")
            else:
                yield element

    # Values

    def identifier(self, found: dict[str, list[ET.Element]], path: Path) -> str | None:
        """Return the id an ``Identifier`` gives, reporting identifiers the schema refuses.

        The element it identifies, at *path*, is noted as one that a relationship
        may refer to.
        """
        elements = found.get(ID.tag)
        text = self.content(elements[0]) if elements else None
        if elements is None or text is None:
            return None
        element = elements[0]
        if is_placeholder_id(text):
            self.repaired(element, f"the placeholder identifier {text!r} was left out")
            return None
        self.addressed[text] = None if text in self.addressed else path
        if not _NCNAME.match(text):
            self.repaired(element, f"the identifier {text!r} is not an NCName, as xsd:ID requires")
        if text in self.identifiers:
            self.repaired(element, f"the identifier {text!r} is used more than once")
        self.identifiers.add(text)
        given = text.removeprefix("_")
        if _ID.match(given):
            return given
        self.repaired(element, f"the identifier {text!r} cannot be an id; one was derived")
        return None

    def date(self, found: dict[str, list[ET.Element]], name: str) -> str | None:
        text = self.text(found, name)
        if text is None or is_date(text):
            return text
        self.repaired(
            found[name][0], f"{name} {text!r} is not a date (YYYY-MM-DD); it was left out"
        )
        return None

    def span(self, element: ET.Element, start: str | None, end: str | None) -> dict[str, Any]:
        """Return a start and an end, leaving out an end before the start."""
        if start is not None and end is not None and end < start:
            self.repaired(
                element, f"the end date {end} is before the start date {start}; it was left out"
            )
            end = None
        return compact({START.key: start, END.key: end})

    def named(
        self, element: ET.Element, found: dict[str, list[ET.Element]], fallback: str, path: Path
    ) -> tuple[str, str | None]:
        """Return the name and description, deriving a missing name."""
        name = self.text(found, NAME.tag)
        description = self.text(found, DESCRIPTION.tag)
        if name is not None:
            return name, description
        kind = _TYPE_NAMES[split_tag(element.tag)[1]]
        name = _derived_name(description) if description is not None else fallback
        self.repaired(element, f"the {kind} has no name; it was named {name!r}", path)
        return name, description

    def with_ids(self, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Give every entry of one list an id: its own where it has a unique one."""
        if not entries:
            return entries
        used: set[str] = set()
        explicit: list[str | None] = []
        for entry in entries:
            given: str | None = entry.get(ID.key)
            explicit.append(given if given not in used else None)
            used.add(given or "")
        ids = assign_ids([entry[NAME.key] for entry in entries], explicit)
        return [{**entry, ID.key: given} for entry, given in zip(entries, ids, strict=True)]

    # The document

    def document(self, root: ET.Element) -> dict[str, Any] | None:
        namespace, name = split_tag(root.tag)
        part = _ROOTS.get((namespace, name))
        if part is None:
            where = f" in namespace {namespace}" if namespace else " in no namespace"
            line, column = self.where[root]
            self.problems.append(
                error(
                    f"the root element is {name}{where}, not a StratML StrategicPlan ({PART1})"
                    f" or PerformancePlanOrReport ({PART2})",
                    "stratml-root",
                    self.file,
                    line,
                    column,
                )
            )
            return None
        self.namespace = namespace
        if part == 1:
            self.orders = _ORDERS[1]
        return self.plan(root)

    def plan(self, root: ET.Element) -> dict[str, Any]:
        """Return the plain data of the plan *root*, with its residue applied if it has one."""
        data, residue = self.read_plan(root)
        if residue is not None:
            return self.restore(data, residue, self.children(root)["OtherInformation"][0])
        return self.link(data)

    def read_plan(self, root: ET.Element) -> tuple[dict[str, Any], _residue.Residue | None]:
        """Return the plain data of the plan *root* as StratML gives it, and its residue."""
        found = self.children(root)
        other, residue = self.split_residue(found)
        extensions = compact(
            {
                "type": root.get("Type") if root.get("Type") != "Strategic_Plan" else None,
                "description": self.text(found, "Description"),
                "other_information": other,
                "submitter": self.submitter(found),
            }
        )
        core = self.children(found["StrategicPlanCore"][0]) if "StrategicPlanCore" in found else {}
        title = self.text(found, TITLE.tag)
        data: dict[str, Any] = {
            "orgstrategy": FORMAT_VERSION,
            ORGANISATION.key: self.organisation(root, core, title),
            TITLE.key: title,
            **self.administration(found),
            MISSION.key: self.statement(core, MISSION),
            VISION.key: self.statement(core, VISION),
            GOALS.key: self.with_ids(
                [
                    self.goal(goal, (GOALS.key, index))
                    for index, goal in enumerate(
                        self.records(core.get(GOALS.tag, []), "goal", identified=True)
                    )
                ]
            ),
            VALUES.key: self.with_ids(
                [
                    self.value(value, (VALUES.key, index))
                    for index, value in enumerate(self.records(core.get(VALUES.tag, []), "value"))
                ]
            ),
            STAKEHOLDERS.key: self.with_ids(self.organisation_stakeholders(core)),
            EXTENSIONS: {"stratml": extensions} if extensions else None,
        }
        return compact(data), residue

    def split_residue(
        self, found: dict[str, list[ET.Element]]
    ) -> tuple[str | None, _residue.Residue | None]:
        """Return the root's other information and the residue that follows it, if any."""
        text = self.text(found, "OtherInformation")
        parts = None if text is None else _residue.split(text)
        if parts is None:
            return text, None
        before, marker, encoded = parts
        try:
            content = json.loads(encoded)
        except (ValueError, RecursionError):
            content = None
        if not isinstance(content, dict):
            self.repaired(
                found["OtherInformation"][0],
                "the orgstrategy residue in OtherInformation is not a JSON object;"
                " it was read as text",
            )
            return text, None
        return _clean(before), _residue.Residue(marker, content)

    def restore(
        self, data: dict[str, Any], residue: _residue.Residue, where: ET.Element
    ) -> dict[str, Any]:
        """Return *data* with the priorities and partners split off and the residue applied."""
        content = residue.content
        data = self.arrange(
            data,
            content.get(_residue.PRIORITY_COUNT, 0),
            content.get(_residue.PARTNER_COUNT, 0),
            where,
        )
        patched: dict[str, Any] = _residue.restore(
            data, residue, lambda message: self.repaired(where, message)
        )
        return patched

    def arrange(
        self, data: dict[str, Any], priorities: Any, partners: Any, where: ET.Element
    ) -> dict[str, Any]:
        """Return *data* with priorities and partners split off, and references resolved.

        The last *priorities* goals are priorities and the last *partners* of the
        organisation's stakeholders are partners: the writer put them there.
        """
        data = self.priorities(data, priorities, where)
        if partners != 0:
            data = self.partners(data, partners, where)
        return self.link(data)

    def partners(self, data: dict[str, Any], count: Any, where: ET.Element) -> dict[str, Any]:
        """Return *data* with the last *count* stakeholders as partners."""
        stakeholders: list[dict[str, Any]] = data.get(STAKEHOLDERS.key, [])
        if type(count) is not int or not 0 < count <= len(stakeholders):
            self.repaired(
                where, f"the residue's partner count {count!r} does not fit; it was ignored"
            )
            return data
        split = len(stakeholders) - count
        partners = [_partner(stakeholder) for stakeholder in stakeholders[split:]]
        return compact({**data, STAKEHOLDERS.key: stakeholders[:split], PARTNERS.key: partners})

    def link(self, data: dict[str, Any]) -> dict[str, Any]:
        """Return *data* with relationships to the document's own elements as references.

        A relationship ``Narrower_Than`` a goal, objective or indicator of the
        document (its one ``ReferentIdentifier`` that one's ``Identifier``), and
        saying nothing else, is a reference to it in its indicator's
        ``contributes_to``; the rest stay in the indicator's ``stratml`` extension.
        """
        goals = len(data.get(GOALS.key, []))
        for path, relationship, relationships in self.links:
            target = self.addressed.get(relationship["referents"][0])
            if target is None:
                continue
            measure = _at(data, _placed(path, goals))
            measure.setdefault(CONTRIBUTES_TO.key, []).append(
                _reference(data, _placed(target, goals))
            )
            relationships.remove(relationship)
            if not relationships:
                stratml = measure[EXTENSIONS]["stratml"]
                del stratml["relationships"]
                if not stratml:
                    del measure[EXTENSIONS]
        return data

    def priorities(self, data: dict[str, Any], count: Any, where: ET.Element) -> dict[str, Any]:
        """Return *data* with the last *count* goals as priorities (the writer put them there)."""
        goals = data.pop(GOALS.key, [])
        if type(count) is int and 0 <= count <= len(goals):
            split = len(goals) - count
            return compact({**data, GOALS.key: goals[:split], PRIORITIES.key: goals[split:]})
        self.repaired(where, f"the residue's priority count {count!r} does not fit; it was ignored")
        return compact({**data, GOALS.key: goals})

    def submitter(self, found: dict[str, list[ET.Element]]) -> dict[str, str] | None:
        elements = found.get("Submitter", [])
        admin = found.get("AdministrativeInformation", [])
        if admin:
            elements = elements + self.children(admin[0]).get("Submitter", [])
        if not elements:
            return None
        person = self.children(elements[0])
        return compact(
            {
                "given_name": self.text(person, "GivenName"),
                "surname": self.text(person, "Surname"),
                "phone": self.text(person, "PhoneNumber"),
                "email": self.text(person, "EmailAddress"),
            }
        )

    def administration(self, found: dict[str, list[ET.Element]]) -> dict[str, Any]:
        if PERIOD.tag not in found:
            return {}
        element = found[PERIOD.tag][0]
        admin = self.children(element)
        source = self.text(admin, SOURCES.tag)
        return {
            PERIOD.key: self.span(element, self.date(admin, START.tag), self.date(admin, END.tag)),
            PUBLISHED.key: self.date(admin, PUBLISHED.tag),
            SOURCES.key: [{URL.key: source}] if source is not None else None,
        }

    def organisation(
        self, root: ET.Element, core: dict[str, list[ET.Element]], title: str | None
    ) -> dict[str, Any]:
        organisations = list(self.records(core.get(ORGANISATION.tag, []), "organisation"))
        for extra in organisations[1:]:
            self.repaired(extra, "only the first Organization is read; this one was left out")
        if not organisations:
            title = title or "Unnamed organisation"
            self.repaired(
                root, f"the plan names no organisation; it was named {title!r}", (ORGANISATION.key,)
            )
            return {NAME.key: title}
        element = organisations[0]
        self.note(element, (ORGANISATION.key,))
        found = self.children(element)
        name = self.text(found, NAME.tag)
        if name is None:
            name = self.text(found, SHORT_NAME.tag) or title or "Unnamed organisation"
            self.repaired(
                element, f"the organisation has no name; it was named {name!r}", (ORGANISATION.key,)
            )
        identifier = self.text(found, "Identifier")
        return compact(
            {
                NAME.key: name,
                SHORT_NAME.key: self.text(found, SHORT_NAME.tag),
                DESCRIPTION.key: self.text(found, DESCRIPTION.tag),
                EXTENSIONS: {"stratml": {"identifier": identifier}} if identifier else None,
            }
        )

    def organisation_stakeholders(self, core: dict[str, list[ET.Element]]) -> list[dict[str, Any]]:
        organisations = core.get(ORGANISATION.tag, [])
        if not organisations:
            return []
        found = self.children(organisations[0])
        return self.stakeholders(found, (STAKEHOLDERS.key,))

    def statement(self, core: dict[str, list[ET.Element]], place: Place) -> dict[str, Any] | None:
        if place.tag not in core:
            return None
        element = core[place.tag][0]
        text = self.text(self.children(element), TEXT.tag)
        if text is None:
            self.repaired(element, f"the {place.tag} has no description; it was left out")
            return None
        self.note(element, (place.key,))
        return {TEXT.key: text}

    def value(self, element: ET.Element, path: Path) -> dict[str, Any]:
        self.count(element)
        self.note(element, path)
        name, description = self.named(element, self.children(element), "Value", path)
        return compact({NAME.key: name, DESCRIPTION.key: description})

    def stakeholders(self, found: dict[str, list[ET.Element]], path: Path) -> list[dict[str, Any]]:
        if STAKEHOLDERS.tag not in found:
            return []
        elements = self.records(found[STAKEHOLDERS.tag], "stakeholder")
        return [self.stakeholder(element, (*path, index)) for index, element in enumerate(elements)]

    def stakeholder(self, element: ET.Element, path: Path) -> dict[str, Any]:
        """Read a stakeholder: the strategy's own, or one of an aim's (in its extension).

        The strategy's own is an element of the model, which needs a name: one
        without is named. An aim's is plain data in the ``stratml`` extension, kept
        as the document has it: one without a name (a performer, say) stays so.
        """
        own = path[0] == STAKEHOLDERS.key
        if own:
            self.count(element)
        self.note(element, path)
        found = self.children(element)
        roles = [self.role(role) for role in self.records(found.get(ROLE.tag, []), "role")]
        role_names = [role["name"] for role in roles if "name" in role]
        said: tuple[str | None, str | None]
        if own:
            fallback = role_names[0] if role_names else "Stakeholder"
            said = self.named(element, found, fallback, path)
        else:
            said = self.text(found, NAME.tag), self.text(found, DESCRIPTION.tag)
        name, description = said
        kind = element.get("StakeholderTypeType")
        if kind is not None and kind not in STAKEHOLDER_TYPES:
            self.repaired(element, f"StakeholderTypeType {kind!r} is not one the schema allows")
        simple = len(roles) == 1 and roles[0].keys() == {"name"}
        stratml = compact({"type": kind, "roles": None if simple else roles})
        return compact(
            {
                NAME.key: name,
                DESCRIPTION.key: description,
                ROLE.key: "; ".join(role_names) or None,
                EXTENSIONS: {"stratml": stratml} if stratml else None,
            }
        )

    def role(self, element: ET.Element) -> dict[str, Any]:
        found = self.children(element)
        types = [self.content(kind) for kind in found.get("RoleType", [])]
        for kind, type_element in zip(types, found.get("RoleType", []), strict=True):
            if kind not in ROLE_TYPES:
                self.repaired(type_element, f"RoleType {kind!r} is not one the schema allows")
        return compact(
            {
                "name": self.text(found, "Name"),
                "description": self.text(found, "Description"),
                "types": [kind for kind in types if kind is not None],
            }
        )

    def aim_extensions(
        self, found: dict[str, list[ET.Element]], path: Path
    ) -> dict[str, Any] | None:
        stratml = compact(
            {
                "sequence": self.text(found, "SequenceIndicator"),
                "stakeholders": self.stakeholders(
                    found, (*path, EXTENSIONS, "stratml", "stakeholders")
                ),
                "other_information": self.text(found, "OtherInformation"),
            }
        )
        return {"stratml": stratml} if stratml else None

    def goal(self, element: ET.Element, path: Path) -> dict[str, Any]:
        self.count(element)
        self.note(element, path)
        found = self.children(element)
        sequence = self.text(found, "SequenceIndicator")
        name, description = self.named(element, found, f"Goal {sequence or _number(path)}", path)
        objectives = self.records(found.get(OBJECTIVES.tag, []), "objective", identified=True)
        return compact(
            {
                NAME.key: name,
                ID.key: self.identifier(found, path),
                DESCRIPTION.key: description,
                OBJECTIVES.key: self.with_ids(
                    [
                        self.objective(objective, (*path, OBJECTIVES.key, index))
                        for index, objective in enumerate(objectives)
                    ]
                ),
                EXTENSIONS: self.aim_extensions(found, path),
            }
        )

    def objective(self, element: ET.Element, path: Path) -> dict[str, Any]:
        self.count(element)
        self.note(element, path)
        found = self.children(element)
        sequence = self.text(found, "SequenceIndicator")
        name, description = self.named(
            element, found, f"Objective {sequence or _number(path)}", path
        )
        indicators = self.records(
            found.get(MEASURES.tag, []), "performance indicator", identified=True
        )
        return compact(
            {
                NAME.key: name,
                ID.key: self.identifier(found, path),
                DESCRIPTION.key: description,
                MEASURES.key: self.with_ids(
                    [
                        self.measure(indicator, (*path, MEASURES.key, index))
                        for index, indicator in enumerate(indicators)
                    ]
                ),
                EXTENSIONS: self.aim_extensions(found, path),
            }
        )

    def measure(self, element: ET.Element, path: Path) -> dict[str, Any]:
        self.count(element)
        self.note(element, path)
        found = self.children(element)
        sequence = self.text(found, "SequenceIndicator")
        name = self.text(found, MEASURE_NAME.tag)
        if name is None:
            name = f"Performance indicator {sequence or _number(path)}"
            self.repaired(
                element,
                f"the performance indicator has no MeasurementDimension; it was named {name!r}",
                path,
            )
        measure: dict[str, Any] = {
            MEASURE_NAME.key: name,
            ID.key: self.identifier(found, path),
            UNIT.key: self.text(found, UNIT.tag),
        }
        results: list[dict[str, Any]] = []
        details: list[dict[str, Any]] = []
        for instance in self.records(found.get(RESULTS.tag, []), "measurement instance"):
            self.instance(instance, measure, results, details)
        while details and not details[-1]:
            details.pop()
        relationships = [
            self.relationship(relationship)
            for relationship in self.records(found.get("Relationship", []), "relationship")
        ]
        self.links += [
            (path, relationship, relationships)
            for relationship in relationships
            if relationship.keys() == {"referents", "type"}
            and relationship["type"] == "Narrower_Than"
            and len(relationship["referents"]) == 1
        ]
        stratml = compact(
            {
                "sequence": sequence,
                "value_chain_stage": self.choice(element, "ValueChainStage", VALUE_CHAIN_STAGES),
                "indicator_type": self.indicator_type(element),
                "relationships": relationships,
                "other_information": self.text(found, "OtherInformation"),
                RESULT_DETAILS: details,
            }
        )
        return compact(
            {**measure, RESULTS.key: results, EXTENSIONS: {"stratml": stratml} if stratml else None}
        )

    def choice(self, element: ET.Element, attribute: str, allowed: tuple[str, ...]) -> str | None:
        value = element.get(attribute)
        if value is not None and value not in allowed:
            self.repaired(
                element,
                f"{attribute} {value!r} is not one the schema allows ({', '.join(allowed)})",
            )
        return value

    def indicator_type(self, element: ET.Element) -> str | None:
        value = self.choice(element, "PerformanceIndicatorType", INDICATOR_TYPES)
        deprecated = element.get("IndicatorType")
        if deprecated is None:
            return value
        self.repaired(
            element, "IndicatorType is deprecated; it was read as PerformanceIndicatorType"
        )
        return value or deprecated

    def relationship(self, element: ET.Element) -> dict[str, Any]:
        found = self.children(element)
        return compact(
            {
                "identifier": self.text(found, "Identifier"),
                "referents": [
                    text
                    for text in (self.content(e) for e in found.get("ReferentIdentifier", []))
                    if text
                ],
                "name": self.text(found, "Name"),
                "description": self.text(found, "Description"),
                "type": element.get("RelationshipType"),
            }
        )

    def instance(
        self,
        element: ET.Element,
        measure: dict[str, Any],
        results: list[dict[str, Any]],
        details: list[dict[str, Any]],
    ) -> None:
        """Read one measurement instance: a baseline or target of the measure, or results.

        Its target results and its actual results are paired in order, a result a
        pair; what the result cannot hold of the two is added to *details*, an entry
        a result (see :func:`result_details`).
        """
        found = self.children(element)
        targets = self.outcomes(found.get(RESULT_TARGET.tag, []), "target result")
        actuals = self.outcomes(found.get(ACTUAL.tag, []), "actual result")
        if len(targets) == 1 and not actuals and self.measure_level(targets[0], measure):
            return
        for index in range(max(len(targets), len(actuals))):
            target = targets[index] if index < len(targets) else None
            actual = actuals[index] if index < len(actuals) else None
            timed = target if target is not None and _is_timed(target) else actual
            self.count(element)
            result = compact(
                {
                    **_dates(timed),
                    RESULT_TARGET.key: None if target is None else target.value,
                    ACTUAL.key: None if actual is None else actual.value,
                    DESCRIPTION.key: _first(target, actual, "description"),
                }
            )
            results.append(result)
            details.append(result_details(result, target, actual, joined=index > 0))

    def measure_level(self, target: _Outcome, measure: dict[str, Any]) -> bool:
        """Record a target result labelled ``Baseline`` or ``Target`` as the measure's own."""
        level = _LEVELS.get((target.label or "").lower())
        rest = (target.start, target.description, target.descriptor)
        if level is None or level in measure or any(value is not None for value in rest):
            return False
        if level == BASELINE.key and target.end is not None:
            return False
        measure[level] = target.value
        if level == TARGET.key:
            measure[DUE.key] = target.end
        return True

    def outcomes(self, elements: list[ET.Element], kind: str) -> list[_Outcome]:
        """Read the target or actual results of an instance, but those that say nothing."""
        read = (self.outcome(element) for element in self.records(elements, kind))
        return [outcome for outcome in read if outcome != _NOTHING]

    def outcome(self, element: ET.Element) -> _Outcome:
        """Read a target or actual result: its dates, value, descriptor and description."""
        found = self.children(element)
        value: int | float | str | None = None
        number = self.text(found, "NumberOfUnits")
        if number is not None and _DECIMAL.match(number):
            value = _quantity_text(number)
        elif number is not None:
            self.repaired(
                found["NumberOfUnits"][0],
                f"NumberOfUnits {number!r} is not a decimal number; it was read as text",
            )
            value = number
        label = descriptor = None
        if "Descriptor" in found:
            named = self.children(found["Descriptor"][0])
            label = self.text(named, "DescriptorName")
            descriptor = self.text(named, "DescriptorValue")
        if value is None:
            value, descriptor = descriptor, None
        span = self.span(element, self.date(found, START.tag), self.date(found, END.tag))
        return _Outcome(
            start=span.get(START.key),
            end=span.get(END.key),
            value=value,
            label=label,
            descriptor=descriptor,
            description=self.text(found, DESCRIPTION.tag),
        )


def _is_timed(outcome: _Outcome) -> bool:
    """Whether *outcome* has a start or an end."""
    return outcome.start is not None or outcome.end is not None


def _dates(outcome: _Outcome | None) -> dict[str, str | None]:
    """Return the start and the end of *outcome*, if there is one."""
    if outcome is None:
        return {}
    return {START.key: outcome.start, END.key: outcome.end}


def _first(target: _Outcome | None, actual: _Outcome | None, field: str) -> Any:
    """Return the target's *field*, or the actual's if the target has none."""
    for outcome in (target, actual):
        value = None if outcome is None else getattr(outcome, field)
        if value is not None:
            return value
    return None


def _outcome_details(outcome: _Outcome, result: Mapping[str, Any]) -> dict[str, Any]:
    """Return what *outcome* says that its *result* does not: its own dates, its descriptor."""
    details: dict[str, Any] = {}
    for key, own in ((START.key, outcome.start), (END.key, outcome.end)):
        if own != result.get(key):
            details[key] = own
    descriptor = compact({"name": outcome.label, "value": outcome.descriptor})
    if descriptor:
        details["descriptor"] = descriptor
    return details


def result_details(
    result: Mapping[str, Any],
    target: _Outcome | None,
    actual: _Outcome | None,
    *,
    joined: bool,
) -> dict[str, Any]:
    """Return what the target and actual result of *result* (its plain data) say that it does not.

    A result is a target result and an actual result of a measurement instance (or
    one of them): it holds their values, the dates of the target (of the actual
    where the target has none; no end before the start) and the target's
    description (the actual's where the target has none). The entry, in the
    measure's ``stratml`` extension, holds the rest, each only where it is needed;
    the writer writes the two results again from the result and it:

    * ``joined``: ``True`` if the result is in the same measurement instance as the
      one before it;
    * ``target``, ``actual``: what each says that the result does not: ``start``,
      ``end`` and ``description`` (``None`` where it has none but the result has),
      and its ``descriptor`` (its ``name`` and its ``value`` where that is not the
      result's value). ``target`` is ``None`` if there is no target result, where the
      result's fields would give one; ``actual`` is there, if empty, where they would
      not give one.
    """
    details: dict[str, Any] = {"joined": True} if joined else {}
    description = result.get(DESCRIPTION.key)
    aimed = any(result.get(key) is not None for key in (START.key, END.key, DESCRIPTION.key))
    aim: dict[str, Any] = {}
    if target is None:
        if aimed:
            details["target"] = None
    else:
        aim = _outcome_details(target, result)
        if target.description is None and description is not None:
            aim[DESCRIPTION.key] = None
        if aim:
            details["target"] = aim
    if actual is not None:
        reported = _outcome_details(actual, result)
        shared = target is None or DESCRIPTION.key in aim
        if actual.description != (description if shared else None):
            reported[DESCRIPTION.key] = actual.description
        if reported or actual.value is None:
            details["actual"] = reported
    return details


def _partner(stakeholder: dict[str, Any]) -> dict[str, Any]:
    """Return a partner's plain data from that of the stakeholder the writer wrote it as."""
    partner = {key: value for key, value in stakeholder.items() if key != ID.key}
    stratml = partner.get(EXTENSIONS, {}).get("stratml", {})
    if stratml == {"type": "Organization"}:
        del partner[EXTENSIONS]
    return partner


def _placed(path: Path, goals: int) -> Path:
    """Return *path*, of an element read among the goals, once the priorities are split off."""
    if path[0] == GOALS.key and int(path[1]) >= goals:
        return (PRIORITIES.key, int(path[1]) - goals, *path[2:])
    return path


def _at(data: Any, path: Path) -> Any:
    """Return what stands at *path* in *data*."""
    for step in path:
        data = data[step]
    return data


def _reference(data: dict[str, Any], path: Path) -> str:
    """Return the reference (``goals/care/objectives/waits``) to the element at *path*."""
    steps = []
    for index in range(0, len(path), 2):
        section = str(path[index])
        steps.append(f"{section}/{_at(data, path[: index + 2])[ID.key]}")
    return "/".join(steps)


def read_tree(root: ET.Element, priorities: int, partners: int = 0) -> dict[str, Any]:
    """Return the plain data that the Part 2 tree *root*, as built in memory, reads as.

    The writer's tree: its tags are not in a namespace (the root names it, as an
    attribute) and it has no residue. The last *priorities* goals are priorities,
    and the last *partners* stakeholders of the organisation are partners.
    """
    reader = Reader("<written>", {})
    reader.namespace = ""
    data, _ = reader.read_plan(root)
    return reader.arrange(data, priorities, partners, root)


def parse_document(text: str | bytes, *, file: str, limits: Limits) -> Parsed:
    """Return the plain data of the StratML (Part 1 or 2) document *text*, and where it stands.

    The format's parser: orgstrategy's pipeline then checks and structures the data
    with the plugins in effect. The problems are the reading's own: errors (the data
    is then ``None``), and warnings of what was repaired on the way.

    Args:
        text: The XML document.
        file: The name to give in problems' locations.
        limits: Bounds on the number of XML elements and attributes, their depth, and
            the number of elements of the strategy they stand for.
    """
    parsed = parse(text, file, limits)
    if isinstance(parsed, Problem):
        return Parsed(None, [parsed])
    root, where = parsed
    reader = Reader(file, where, limits)
    try:
        data = reader.document(root)
    except Refused as refused:
        return Parsed(None, [error(refused.message, refused.code, file, *refused.where)])
    repairs = [*reader.problems, *reader.repairs_counted()]
    return Parsed.located(data, Positions(values=reader.positions), repairs)


def read(
    text: str | bytes, *, file: str, limits: Limits, plugins: Plugins = BUILT_IN
) -> tuple[Strategy | None, list[Problem]]:
    """Return the strategy in the StratML document *text*, and the problems found.

    :func:`parse_document`, then the pipeline, with *plugins* in effect (by
    default the built-in one, which keeps what StratML says that the core format
    has no place for).
    """
    return from_parsed(
        parse_document(text, file=file, limits=limits), file=file, limits=limits, plugins=plugins
    )
