"""Writing StratML: a strategy as a Part 2 document (``Type="Strategic_Plan"``, by default).

What StratML has its own place for is written there (see the mapping in the
docs, and :mod:`._crosswalk`), from the model's objects. What it has no place for
(principles, a compact, labels, a statement's points, ids that are not NCNames,
exact whitespace, ...) is written as a residue (:mod:`._residue`): the writer
reads the tree it built back in memory (:func:`._read.read_tree`, no text written
or parsed) and the difference from the strategy's full plain data is a JSON
Patch, written at the end of the root ``OtherInformation``. Priorities are written
as goals after the strategy's own goals; the residue says how many.

Of format 1.1, partners are written as stakeholders of the organisation
(``StakeholderTypeType="Organization"``, their role a ``Role``) after its own,
the residue saying how many; a measure's references to goals, objectives and
measures written here are its indicator's relationships, ``Narrower_Than`` each
(the rest of ``contributes_to`` is left to the residue).

What the ``stratml`` extension keeps of a StratML document is written in
StratML's own places too: the plan's ``Type`` and ``Submitter``, the
organisation's ``Identifier``, an aim's stakeholders (with or without a name) and
their roles, an indicator's relationships, and how each result was written as
target and actual results, in which measurement instance
(:func:`._read.result_details`).

Imports: the reader (to read its own tree back, and for what it knows of dates,
identifiers and results), the residue, the crosswalk, StratML's vocabulary, and
orgstrategy's plain data, schema version, model, ids and references (to find
what a reference names).
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

from orgstrategy._ids import parse_reference
from orgstrategy._links import addresses
from orgstrategy._model import (
    Aim,
    DateOrYear,
    Measure,
    Objective,
    Quantity,
    Result,
    Strategy,
    first_day,
    last_day,
)
from orgstrategy._plain import plain
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
    MISSION,
    NAME,
    OBJECTIVES,
    ORGANISATION,
    PERIOD,
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
    VALUES,
    VISION,
)
from orgstrategy._stratml._read import (
    RESULT_DETAILS,
    is_date,
    is_ncname,
    is_placeholder_id,
    read_tree,
)
from orgstrategy._stratml._vocabulary import (
    INDICATOR_TYPES,
    PART2,
    PLAN_TYPES,
    RELATIONSHIP_TYPES,
    ROLE_TYPES,
    STAKEHOLDER_TYPES,
    VALUE_CHAIN_STAGES,
)

__all__ = ["write"]

_NOT_XML: Final = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NO_GOALS: Final = "No goals"
#: What a result's entry in its measure's ``stratml`` extension has not, for a key.
_ABSENT: Final = object()
#: What a partner is written as: a stakeholder of this type.
_PARTNER: Final = {"type": "Organization"}
#: The relationship of a measure to what it contributes to.
_SERVES: Final = "Narrower_Than"


def _xml_text(text: str) -> str:
    """Return *text* with what XML 1.0 cannot hold (and carriage returns) replaced."""
    return _NOT_XML.sub("\ufffd", text)


def _usable(value: object) -> str | None:
    """Return *value* if it is text that is not blank."""
    return value if isinstance(value, str) and value.strip() else None


def _text(data: Any, key: str) -> str | None:
    """Return the text at *key* of the plain data *data*, if it is a mapping with some there."""
    return _usable(data.get(key)) if isinstance(data, Mapping) else None


def _stratml(extensions: object) -> Mapping[str, Any]:
    """Return the ``stratml`` extension in a model object's *extensions*, as plain data.

    Extensions hold whatever their author put there (the model keeps even what is
    not a mapping): the extension is read as plain data, as the residue compares it
    (:func:`~orgstrategy._plain.plain`), and only what has the expected type is used.
    An empty mapping if there is none.
    """
    found = plain(extensions.get("stratml")) if isinstance(extensions, Mapping) else None
    return found if isinstance(found, Mapping) else {}


def _add(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = _xml_text(text)
    return element


def _add_text(parent: ET.Element, tag: str, text: str | None) -> None:
    if text is not None:
        _add(parent, tag, text)


def _iso(day: datetime.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _day(value: DateOrYear, first: bool) -> str:
    return (first_day(value) if first else last_day(value)).isoformat()


def _decimal(value: int | float) -> str:
    return str(value) if isinstance(value, int) else format(Decimal(repr(value)), "f")


def _role(role: Any) -> tuple[str | None, str | None, list[str]] | None:
    """Return a stakeholder's role from its ``stratml`` extension: its name, description, types.

    ``None`` if it says nothing StratML can hold: no name, no description, no type
    the schema allows (the first two of them are written).
    """
    types = role.get("types") if isinstance(role, Mapping) else None
    kinds = [kind for kind in types[:2] if kind in ROLE_TYPES] if isinstance(types, list) else []
    name, description = _text(role, "name"), _text(role, "description")
    if name is None and description is None and not kinds:
        return None
    return name, description, kinds


def _has(data: object, key: str) -> bool:
    """Whether *data* is a mapping with *key*."""
    return isinstance(data, Mapping) and key in data


def _date_in(details: Mapping[str, Any], key: str, default: str | None) -> str | None:
    """Return the date at *key* of an outcome's *details* if it gives one, else *default*.

    ``None`` if it gives ``None``: the outcome has no such date, though its result has.
    """
    given = details.get(key, _ABSENT)
    if given is None or (isinstance(given, str) and is_date(given)):
        return given
    return default


class _Outcome:
    """A target or actual result to write: its dates, value, descriptor and description."""

    __slots__ = ("description", "end", "name", "shown", "start", "value")

    def __init__(
        self,
        result: Result,
        value: Quantity | None,
        details: Mapping[str, Any],
        description: object,
    ) -> None:
        start = None if result.start is None else _day(result.start, first=True)
        end = None if result.end is None else _day(result.end, first=False)
        self.start = _date_in(details, START.key, start)
        self.end = _date_in(details, END.key, end)
        self.value = value
        descriptor = details.get("descriptor")
        self.description = _usable(description)
        self.name = _text(descriptor, "name")
        self.shown = _text(descriptor, "value")
        if self.shown is None and not _has(descriptor, "value") and isinstance(value, str):
            self.shown = value

    def says_nothing(self) -> bool:
        """Whether the outcome would be written as an empty element."""
        said = (self.start, self.end, self.name, self.shown, self.description)
        return not isinstance(self.value, (int, float)) and all(text is None for text in said)

    def add(self, parent: ET.Element, tag: str) -> None:
        element = _add(parent, tag)
        _add_text(element, START.tag, self.start)
        _add_text(element, END.tag, self.end)
        if isinstance(self.value, (int, float)):
            _add(element, "NumberOfUnits", _decimal(self.value))
        if self.name is not None or self.shown is not None:
            descriptor = _add(element, "Descriptor")
            _add_text(descriptor, "DescriptorName", self.name)
            _add_text(descriptor, "DescriptorValue", self.shown)
        _add_text(element, DESCRIPTION.tag, self.description)


def _outcomes(
    result: Result, details: Mapping[str, Any]
) -> tuple[_Outcome | None, _Outcome | None]:
    """Return the target result and the actual result that *result* is written as.

    *details* is the result's entry in its measure's ``stratml`` extension (see
    :func:`._read.result_details`); without one, a result is a target result with
    all of it but what was reported, and an actual result if something was.
    """
    aim = details.get("target", _ABSENT)
    reported = details.get("actual", _ABSENT)
    aimed = (result.start, result.end, result.target, result.description)
    has_target = (
        result.target is not None
        or isinstance(aim, Mapping)
        or (aim is _ABSENT and any(value is not None for value in aimed))
    )
    has_actual = result.actual is not None or isinstance(reported, Mapping)
    aim = aim if isinstance(aim, Mapping) else {}
    reported = reported if isinstance(reported, Mapping) else {}
    target = actual = None
    if has_target:
        target = _Outcome(result, result.target, aim, aim.get(DESCRIPTION.key, result.description))
    if has_actual:
        shared = not has_target or DESCRIPTION.key in aim
        description = reported.get(DESCRIPTION.key, result.description if shared else None)
        actual = _Outcome(result, result.actual, reported, description)
    return (
        None if target is None or target.says_nothing() else target,
        None if actual is None or actual.says_nothing() else actual,
    )


class _Writer:
    """Builds a Part 2 element tree from a strategy."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        # The Identifier written for each goal, objective and measure (by the object's id).
        self.written: dict[int, str] = {}
        # The performance indicators written for measures that contribute to something.
        self.linked: list[tuple[ET.Element, Measure]] = []
        self.partners = 0

    def identifier(self, parent: ET.Element, given: str, of: object) -> None:
        """Add an identifier for *given*, the id of *of*: an NCName unique in the document.

        An id that does not start with a letter, or that a reader takes for an
        editor's placeholder (``placeholder-1``), is written after a ``_``, which
        reading takes off again.
        """
        plain = given[0].isalpha() and not is_placeholder_id(given)
        base = candidate = given if plain else f"_{given}"
        suffix = 2
        while candidate in self.taken:
            candidate = f"{base}_{suffix}"
            suffix += 1
        self.taken.add(candidate)
        self.written[id(of)] = candidate
        _add(parent, ID.tag, candidate)

    def plan(self, strategy: Strategy) -> ET.Element:
        stratml = _stratml(strategy.extensions)
        kind = stratml.get("type")
        kind = kind if kind in PLAN_TYPES else PLAN_TYPES[0]
        root = ET.Element("PerformancePlanOrReport", {"xmlns": PART2, "Type": kind})
        _add(root, TITLE.tag, strategy.title or strategy.organisation.name)
        _add_text(root, "Description", _text(stratml, "description"))
        _add_text(root, "OtherInformation", _text(stratml, "other_information"))
        core = _add(root, "StrategicPlanCore")
        self.organisation(core, strategy)
        for place, statement in ((VISION, strategy.vision), (MISSION, strategy.mission)):
            if statement is not None:
                text = statement.text or "\n".join(statement.points)
                _add(_add(core, place.tag), TEXT.tag, text)
        for value in strategy.values:
            element = _add(core, VALUES.tag)
            _add(element, NAME.tag, value.name)
            _add_text(element, DESCRIPTION.tag, value.description)
        aims = [*strategy.goals, *strategy.priorities]
        for aim in aims:
            self.goal(core, aim)
        if not aims:
            goal = _add(core, GOALS.tag)
            _add(goal, NAME.tag, _NO_GOALS)
            _add(goal, DESCRIPTION.tag, "StratML needs a goal; this strategy sets none.")
        self.administration(root, strategy)
        self.submitter(root, stratml.get("submitter"))
        self.link(strategy)
        return root

    def organisation(self, core: ET.Element, strategy: Strategy) -> None:
        organisation = strategy.organisation
        element = _add(core, ORGANISATION.tag)
        _add(element, NAME.tag, organisation.name)
        _add_text(element, SHORT_NAME.tag, organisation.short_name)
        identifier = _text(_stratml(organisation.extensions), "identifier")
        if identifier is not None and is_ncname(identifier) and identifier not in self.taken:
            self.taken.add(identifier)
            _add(element, ID.tag, identifier)
        _add_text(element, DESCRIPTION.tag, organisation.description)
        for stakeholder in strategy.stakeholders:
            self.stakeholder(
                element,
                stakeholder.name,
                stakeholder.description,
                stakeholder.role,
                _stratml(stakeholder.extensions),
            )
        for partner in strategy.partners:
            written = self.stakeholder(
                element, partner.name, partner.description, partner.role, _PARTNER
            )
            self.partners += written

    def administration(self, root: ET.Element, strategy: Strategy) -> None:
        period = strategy.period
        url = strategy.sources[0].url if strategy.sources else None
        if url is not None and re.search(r"\s", url):
            url = None
        if period is None and strategy.published is None and url is None:
            return
        element = _add(root, PERIOD.tag)
        if period is not None and period.start is not None:
            _add(element, START.tag, _day(period.start, first=True))
        if period is not None and period.end is not None:
            _add(element, END.tag, _day(period.end, first=False))
        _add_text(element, PUBLISHED.tag, _iso(strategy.published))
        _add_text(element, SOURCES.tag, url)

    def submitter(self, root: ET.Element, submitter: object) -> None:
        """Add who submitted the plan, as the strategy's ``stratml`` extension has it."""
        fields = [
            (tag, _text(submitter, key))
            for tag, key in (
                ("GivenName", "given_name"),
                ("Surname", "surname"),
                ("PhoneNumber", "phone"),
                ("EmailAddress", "email"),
            )
        ]
        if all(text is None for _, text in fields):
            return
        element = _add(root, "Submitter")
        for tag, text in fields:
            _add_text(element, tag, text)

    def stakeholder(
        self,
        parent: ET.Element,
        name: object,
        description: object,
        role: object,
        stratml: Mapping[str, Any],
    ) -> bool:
        """Add a stakeholder, and return whether it was added.

        The strategy's own, a partner, or one that an aim's ``stratml`` extension
        lists: all are checked alike, as the extension's must be (it holds whatever
        its author put there). One without a name that is text has an empty
        ``Name`` (an aim's performer, say); one with nothing to say, not even a
        role, is left out.
        """
        name = _usable(name)
        description = _usable(description)
        roles = stratml.get("roles")
        if not isinstance(roles, list):
            role = _usable(role)
            roles = [{"name": role}] if role else []
        said = [said for said in (_role(each) for each in roles) if said is not None]
        if name is None and description is None and not said:
            return False
        element = _add(parent, STAKEHOLDERS.tag)
        if stratml.get("type") in STAKEHOLDER_TYPES:
            element.set("StakeholderTypeType", stratml["type"])
        _add(element, NAME.tag, name or "")
        _add_text(element, DESCRIPTION.tag, description)
        for role_name, role_description, types in said:
            role_element = _add(element, ROLE.tag)
            _add(role_element, "Name", role_name or "")
            _add_text(role_element, "Description", role_description)
            for kind in types:
                _add(role_element, "RoleType", kind)
        return True

    def aim_details(self, element: ET.Element, aim: Aim | Objective) -> None:
        """Add what goals and objectives share after their name and description."""
        stratml = _stratml(aim.extensions)
        self.identifier(element, aim.id, aim)
        _add_text(element, "SequenceIndicator", _text(stratml, "sequence"))
        stakeholders = stratml.get("stakeholders")
        for stakeholder in stakeholders if isinstance(stakeholders, list) else []:
            self.stakeholder(
                element,
                _text(stakeholder, NAME.key),
                _text(stakeholder, DESCRIPTION.key),
                _text(stakeholder, ROLE.key),
                _stratml(stakeholder.get(EXTENSIONS) if isinstance(stakeholder, Mapping) else None),
            )
        _add_text(element, "OtherInformation", _text(stratml, "other_information"))

    def goal(self, core: ET.Element, goal: Aim) -> None:
        element = _add(core, GOALS.tag)
        _add(element, NAME.tag, goal.name)
        _add(element, DESCRIPTION.tag, goal.description or "")
        self.aim_details(element, goal)
        for objective in goal.objectives:
            self.objective(element, objective)

    def objective(self, parent: ET.Element, objective: Objective) -> None:
        element = _add(parent, OBJECTIVES.tag)
        _add(element, NAME.tag, objective.name)
        _add_text(element, DESCRIPTION.tag, objective.description)
        self.aim_details(element, objective)
        for measure in objective.measures:
            self.measure(element, measure)

    def measure(self, parent: ET.Element, measure: Measure) -> None:
        stratml = _stratml(measure.extensions)
        element = _add(parent, "PerformanceIndicator")
        if stratml.get("value_chain_stage") in VALUE_CHAIN_STAGES:
            element.set("ValueChainStage", stratml["value_chain_stage"])
        if stratml.get("indicator_type") in INDICATOR_TYPES:
            element.set("PerformanceIndicatorType", stratml["indicator_type"])
        _add_text(element, "SequenceIndicator", _text(stratml, "sequence"))
        _add(element, MEASURE_NAME.tag, measure.name)
        _add(element, UNIT.tag, measure.unit or "")
        self.identifier(element, measure.id, measure)
        relationships = stratml.get("relationships")
        for relationship in relationships if isinstance(relationships, list) else []:
            self.relationship(element, relationship)
        if measure.contributes_to:
            self.linked.append((element, measure))
        if measure.baseline is not None:
            self.labelled(element, BASELINE.tag, measure.baseline, None)
        if measure.target is not None or measure.due is not None:
            self.labelled(element, TARGET.tag, measure.target, measure.due)
        self.results(element, measure.results, stratml.get(RESULT_DETAILS))
        _add_text(element, "OtherInformation", _text(stratml, "other_information"))

    def relationship(self, parent: ET.Element, relationship: Any) -> None:
        """Add a relationship that a measure's ``stratml`` extension lists.

        Its ``Identifier`` (an ``xsd:ID``) only if it is an NCName not used already;
        the relationship only if it says more than that.
        """
        referents = relationship.get("referents") if isinstance(relationship, Mapping) else None
        referents = (
            [text for text in referents if _usable(text)] if isinstance(referents, list) else []
        )
        name, description = _text(relationship, "name"), _text(relationship, "description")
        if not referents and name is None and description is None:
            return
        element = _add(parent, "Relationship")
        if relationship.get("type") in RELATIONSHIP_TYPES:
            element.set("RelationshipType", relationship["type"])
        identifier = _text(relationship, "identifier")
        if identifier is not None and is_ncname(identifier) and identifier not in self.taken:
            self.taken.add(identifier)
            _add(element, ID.tag, identifier)
        for referent in referents:
            _add(element, "ReferentIdentifier", referent)
        _add_text(element, NAME.tag, name)
        _add_text(element, DESCRIPTION.tag, description)

    def link(self, strategy: Strategy) -> None:
        """Add a relationship for each reference of a measure to a written goal or measure.

        Each is ``Narrower_Than`` the goal, objective or measure it names, which was
        written with an ``Identifier``: its referent. Added after the whole plan, so
        that every ``Identifier`` is known, and after the relationships that the
        measure's ``stratml`` extension lists. A reference to anything else (an
        enabler, another document) is left to the residue.
        """
        if not self.linked:
            return
        found = addresses(strategy)
        for element, measure in self.linked:
            at = 1 + max(
                index
                for index, child in enumerate(element)
                if child.tag in (ID.tag, CONTRIBUTES_TO.tag)
            )
            for reference in measure.contributes_to:
                parsed = parse_reference(reference)
                target = None if parsed.document is not None else found.get(parsed.steps)
                referent = None if target is None else self.written.get(id(target[1]))
                if referent is None:
                    continue
                relationship = ET.Element(CONTRIBUTES_TO.tag, {"RelationshipType": _SERVES})
                _add(relationship, "ReferentIdentifier", referent)
                element.insert(at, relationship)
                at += 1

    def labelled(
        self, parent: ET.Element, label: str, value: Quantity | None, due: datetime.date | None
    ) -> None:
        """Add a measure's baseline or target as a target result named by a descriptor."""
        target = _add(_add(parent, RESULTS.tag), RESULT_TARGET.tag)
        _add_text(target, DUE.tag, _iso(due))
        if isinstance(value, (int, float)):
            _add(target, "NumberOfUnits", _decimal(value))
        descriptor = _add(target, "Descriptor")
        _add(descriptor, "DescriptorName", label)
        if isinstance(value, str):
            _add(descriptor, "DescriptorValue", value)

    def results(self, parent: ET.Element, results: tuple[Result, ...], details: object) -> None:
        """Add a measure's results, with what its ``stratml`` extension says of each.

        A result is a measurement instance, or part of the one before if its entry
        says it is ``joined`` to it: an instance has its target results first.
        """
        entries = details if isinstance(details, list) else []
        targets: list[_Outcome] = []
        actuals: list[_Outcome] = []
        for index, result in enumerate(results):
            entry = entries[index] if index < len(entries) else None
            entry = entry if isinstance(entry, Mapping) else {}
            target, actual = _outcomes(result, entry)
            if target is None and actual is None:
                continue
            if entry.get("joined") is not True:
                self.instance(parent, targets, actuals)
                targets, actuals = [], []
            targets += [target] if target is not None else []
            actuals += [actual] if actual is not None else []
        self.instance(parent, targets, actuals)

    def instance(
        self, parent: ET.Element, targets: list[_Outcome], actuals: list[_Outcome]
    ) -> None:
        if not targets and not actuals:
            return
        instance = _add(parent, RESULTS.tag)
        for target in targets:
            target.add(instance, RESULT_TARGET.tag)
        for actual in actuals:
            actual.add(instance, ACTUAL.tag)


def _serialise(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _set_other_information(root: ET.Element, text: str) -> None:
    found = root.find("OtherInformation")
    if found is None:
        found = ET.Element("OtherInformation")
        root.insert(2 if root.find("Description") is not None else 1, found)
        found.text = text
    else:
        found.text = f"{found.text}\n\n{text}"


def write(strategy: Strategy) -> str:
    """Return *strategy* as a StratML Part 2 document.

    Its ``Type`` is ``Strategic_Plan``, unless its ``stratml`` extension gives
    another. What StratML has no place for is written as a residue in the root
    ``OtherInformation``, so that :func:`read` gives back the same strategy.
    Anything that JSON cannot hold either is left out with a
    :class:`~orgstrategy.StrategyWarning` (code ``stratml-dropped``).
    """
    full = {"orgstrategy": FORMAT_VERSION, **plain(strategy)}
    priorities = len(strategy.priorities)
    writer = _Writer()
    root = writer.plan(strategy)
    partners = writer.partners
    operations = _residue.difference(read_tree(root, priorities, partners), full)
    if operations or priorities or partners:
        _set_other_information(root, _residue.encode(priorities, operations, partners))
    return _serialise(root)
