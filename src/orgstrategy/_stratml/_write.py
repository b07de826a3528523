"""Writing StratML: a strategy as a Part 2 document (``Type="Strategic_Plan"``).

What StratML has its own place for is written there (see the mapping in the
docs, and :mod:`._crosswalk`), from the model's objects. What it has no place for
(principles, a compact, labels, a statement's points, ids that are not NCNames,
exact whitespace, ...) is written as a residue (:mod:`._residue`): the writer
reads the tree it built back in memory (:func:`._read.read_tree`, no text written
or parsed) and the difference from the strategy's full plain data is a JSON
Patch, written at the end of the root ``OtherInformation``. Priorities are written
as goals after the strategy's own goals; the residue says how many.

Imports: the reader (to read its own tree back), the residue, the crosswalk,
StratML's vocabulary, and orgstrategy's plain data, schema version and model.
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

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
from orgstrategy._stratml._read import read_tree
from orgstrategy._stratml._vocabulary import (
    INDICATOR_TYPES,
    PART2,
    ROLE_TYPES,
    STAKEHOLDER_TYPES,
    VALUE_CHAIN_STAGES,
)

__all__ = ["write"]

_NOT_XML: Final = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NO_GOALS: Final = "No goals"


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


class _Writer:
    """Builds a Part 2 element tree from a strategy."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def identifier(self, parent: ET.Element, given: str) -> None:
        """Add an identifier for *given*: an NCName unique in the document."""
        base = candidate = given if given[0].isalpha() else f"_{given}"
        suffix = 2
        while candidate in self.taken:
            candidate = f"{base}_{suffix}"
            suffix += 1
        self.taken.add(candidate)
        _add(parent, ID.tag, candidate)

    def plan(self, strategy: Strategy) -> ET.Element:
        root = ET.Element("PerformancePlanOrReport", {"xmlns": PART2, "Type": "Strategic_Plan"})
        stratml = _stratml(strategy.extensions)
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
        return root

    def organisation(self, core: ET.Element, strategy: Strategy) -> None:
        organisation = strategy.organisation
        element = _add(core, ORGANISATION.tag)
        _add(element, NAME.tag, organisation.name)
        _add_text(element, SHORT_NAME.tag, organisation.short_name)
        _add_text(element, DESCRIPTION.tag, organisation.description)
        for stakeholder in strategy.stakeholders:
            self.stakeholder(
                element,
                stakeholder.name,
                stakeholder.description,
                stakeholder.role,
                _stratml(stakeholder.extensions),
            )

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

    def stakeholder(
        self,
        parent: ET.Element,
        name: object,
        description: object,
        role: object,
        stratml: Mapping[str, Any],
    ) -> None:
        """Add a stakeholder: the strategy's own, or one that an aim's ``stratml`` extension lists.

        Both are checked alike, as the extension's must be (it holds whatever its
        author put there): one without a name that is text is left out.
        """
        name = _usable(name)
        if name is None:
            return
        element = _add(parent, STAKEHOLDERS.tag)
        if stratml.get("type") in STAKEHOLDER_TYPES:
            element.set("StakeholderTypeType", stratml["type"])
        _add(element, NAME.tag, name)
        _add_text(element, DESCRIPTION.tag, _usable(description))
        roles = stratml.get("roles")
        if not isinstance(roles, list):
            role = _usable(role)
            roles = [{"name": role}] if role else []
        for each in roles:
            self.role(element, each)

    def role(self, parent: ET.Element, role: Any) -> None:
        if _text(role, "name") is None and _text(role, "description") is None:
            return
        element = _add(parent, ROLE.tag)
        _add(element, "Name", _text(role, "name") or "")
        _add_text(element, "Description", _text(role, "description"))
        types = role.get("types")
        for kind in types[:2] if isinstance(types, list) else []:
            if kind in ROLE_TYPES:
                _add(element, "RoleType", kind)

    def aim_details(self, element: ET.Element, aim: Aim | Objective) -> None:
        """Add what goals and objectives share after their name and description."""
        stratml = _stratml(aim.extensions)
        self.identifier(element, aim.id)
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
        self.identifier(element, measure.id)
        if measure.baseline is not None:
            self.labelled(element, BASELINE.tag, measure.baseline, None)
        if measure.target is not None or measure.due is not None:
            self.labelled(element, TARGET.tag, measure.target, measure.due)
        for result in measure.results:
            self.result(element, result)
        _add_text(element, "OtherInformation", _text(stratml, "other_information"))

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

    def result(self, parent: ET.Element, result: Result) -> None:
        # A TargetResult holds all of a result but what was reported, its ActualResult.
        aimed = (result.start, result.end, result.target, result.description)
        if result.actual is None and all(value is None for value in aimed):
            return
        instance = _add(parent, RESULTS.tag)
        if any(value is not None for value in aimed):
            target = _add(instance, RESULT_TARGET.tag)
            self.outcome(target, result, result.target)
            _add_text(target, DESCRIPTION.tag, result.description)
        if result.actual is not None:
            self.outcome(_add(instance, ACTUAL.tag), result, result.actual)

    def outcome(self, element: ET.Element, result: Result, value: Quantity | None) -> None:
        if result.start is not None:
            _add(element, START.tag, _day(result.start, first=True))
        if result.end is not None:
            _add(element, END.tag, _day(result.end, first=False))
        if isinstance(value, (int, float)):
            _add(element, "NumberOfUnits", _decimal(value))
        elif isinstance(value, str):
            _add(_add(element, "Descriptor"), "DescriptorValue", value)


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
    """Return *strategy* as a StratML Part 2 document (``Type="Strategic_Plan"``).

    What StratML has no place for is written as a residue in the root
    ``OtherInformation``, so that :func:`read` gives back the same strategy.
    Anything that JSON cannot hold either is left out with a
    :class:`~orgstrategy.StrategyWarning` (code ``stratml-dropped``).
    """
    full = {"orgstrategy": FORMAT_VERSION, **plain(strategy)}
    priorities = len(strategy.priorities)
    root = _Writer().plan(strategy)
    operations = _residue.difference(read_tree(root, priorities), full)
    if operations or priorities:
        _set_other_information(root, _residue.encode(priorities, operations))
    return _serialise(root)
