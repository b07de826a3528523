"""Writing StratML: a strategy as a Part 2 document (``Type="Strategic_Plan"``).

What StratML has its own place for is written there (see the mapping in the
docs). What it has no place for (principles, a compact, labels, a statement's
points, ids that are not NCNames, exact whitespace, ...) is written as a residue
(:mod:`._residue`): the writer reads the tree it built back in memory
(:func:`._read.read_tree`, no text written or parsed) and the difference from the
strategy's full plain data is a JSON Patch, written at the end of the root
``OtherInformation``. Priorities are written as goals after the strategy's own
goals; the residue says how many.

Imports: the reader (to read its own tree back), the residue, StratML's
vocabulary, and orgstrategy's plain data and model.
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

from orgstrategy._model import Strategy, first_day, last_day
from orgstrategy._plain import plain
from orgstrategy._schema import FORMAT_VERSION
from orgstrategy._stratml import _residue
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


def _text(data: Any, key: str) -> str | None:
    value = data.get(key) if isinstance(data, Mapping) else None
    return value if isinstance(value, str) and value.strip() else None


def _stratml(data: Any) -> Mapping[str, Any]:
    """Return the ``stratml`` extension of *data*, if it has one."""
    extensions = data.get("extensions") if isinstance(data, Mapping) else None
    found = extensions.get("stratml") if isinstance(extensions, Mapping) else None
    return found if isinstance(found, Mapping) else {}


def _add(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = _xml_text(text)
    return element


def _add_text(parent: ET.Element, tag: str, text: str | None) -> None:
    if text is not None:
        _add(parent, tag, text)


def _day(value: Any, first: bool) -> str:
    point = value if isinstance(value, int) else datetime.date.fromisoformat(value)
    return (first_day(point) if first else last_day(point)).isoformat()


def _decimal(value: int | float) -> str:
    return str(value) if isinstance(value, int) else format(Decimal(repr(value)), "f")


class _Writer:
    """Builds a Part 2 element tree from a strategy's plain data."""

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
        _add(parent, "Identifier", candidate)

    def plan(self, data: dict[str, Any]) -> ET.Element:
        root = ET.Element("PerformancePlanOrReport", {"xmlns": PART2, "Type": "Strategic_Plan"})
        stratml = _stratml(data)
        _add(root, "Name", data.get("title") or data["organisation"]["name"])
        _add_text(root, "Description", _text(stratml, "description"))
        _add_text(root, "OtherInformation", _text(stratml, "other_information"))
        core = _add(root, "StrategicPlanCore")
        self.organisation(core, data)
        for key, tag in (("vision", "Vision"), ("mission", "Mission")):
            if key in data:
                statement = data[key]
                _add(
                    _add(core, tag),
                    "Description",
                    statement.get("text") or "\n".join(statement["points"]),
                )
        for value in data.get("values", []):
            element = _add(core, "Value")
            _add(element, "Name", value["name"])
            _add_text(element, "Description", value.get("description"))
        aims = [*data.get("goals", []), *data.get("priorities", [])]
        for aim in aims:
            self.goal(core, aim)
        if not aims:
            goal = _add(core, "Goal")
            _add(goal, "Name", _NO_GOALS)
            _add(goal, "Description", "StratML needs a goal; this strategy sets none.")
        self.administration(root, data)
        return root

    def organisation(self, core: ET.Element, data: dict[str, Any]) -> None:
        organisation = data["organisation"]
        element = _add(core, "Organization")
        _add(element, "Name", organisation["name"])
        _add_text(element, "Acronym", organisation.get("short_name"))
        _add_text(element, "Description", organisation.get("description"))
        for stakeholder in data.get("stakeholders", []):
            self.stakeholder(element, stakeholder)

    def administration(self, root: ET.Element, data: dict[str, Any]) -> None:
        period = data.get("period", {})
        urls = [source.get("url") for source in data.get("sources", [])[:1]]
        url = urls[0] if urls and urls[0] and not re.search(r"\s", urls[0]) else None
        if not (period or "published" in data or url):
            return
        element = _add(root, "AdministrativeInformation")
        if "start" in period:
            _add(element, "StartDate", _day(period["start"], first=True))
        if "end" in period:
            _add(element, "EndDate", _day(period["end"], first=False))
        _add_text(element, "PublicationDate", data.get("published"))
        _add_text(element, "Source", url)

    def stakeholder(self, parent: ET.Element, stakeholder: Any) -> None:
        name = _text(stakeholder, "name")
        if name is None:
            return
        stratml = _stratml(stakeholder)
        element = _add(parent, "Stakeholder")
        if stratml.get("type") in STAKEHOLDER_TYPES:
            element.set("StakeholderTypeType", stratml["type"])
        _add(element, "Name", name)
        _add_text(element, "Description", _text(stakeholder, "description"))
        roles = stratml.get("roles")
        if not isinstance(roles, list):
            role = _text(stakeholder, "role")
            roles = [{"name": role}] if role else []
        for role in roles:
            self.role(element, role)

    def role(self, parent: ET.Element, role: Any) -> None:
        if _text(role, "name") is None and _text(role, "description") is None:
            return
        element = _add(parent, "Role")
        _add(element, "Name", _text(role, "name") or "")
        _add_text(element, "Description", _text(role, "description"))
        types = role.get("types")
        for kind in types[:2] if isinstance(types, list) else []:
            if kind in ROLE_TYPES:
                _add(element, "RoleType", kind)

    def aim_details(self, element: ET.Element, aim: dict[str, Any]) -> None:
        """Add what goals and objectives share after their name and description."""
        stratml = _stratml(aim)
        self.identifier(element, aim["id"])
        _add_text(element, "SequenceIndicator", _text(stratml, "sequence"))
        stakeholders = stratml.get("stakeholders")
        for stakeholder in stakeholders if isinstance(stakeholders, list) else []:
            self.stakeholder(element, stakeholder)
        _add_text(element, "OtherInformation", _text(stratml, "other_information"))

    def goal(self, core: ET.Element, goal: dict[str, Any]) -> None:
        element = _add(core, "Goal")
        _add(element, "Name", goal["name"])
        _add(element, "Description", goal.get("description") or "")
        self.aim_details(element, goal)
        for objective in goal.get("objectives", []):
            self.objective(element, objective)

    def objective(self, parent: ET.Element, objective: dict[str, Any]) -> None:
        element = _add(parent, "Objective")
        _add(element, "Name", objective["name"])
        _add_text(element, "Description", objective.get("description"))
        self.aim_details(element, objective)
        for measure in objective.get("measures", []):
            self.measure(element, measure)

    def measure(self, parent: ET.Element, measure: dict[str, Any]) -> None:
        stratml = _stratml(measure)
        element = _add(parent, "PerformanceIndicator")
        if stratml.get("value_chain_stage") in VALUE_CHAIN_STAGES:
            element.set("ValueChainStage", stratml["value_chain_stage"])
        if stratml.get("indicator_type") in INDICATOR_TYPES:
            element.set("PerformanceIndicatorType", stratml["indicator_type"])
        _add_text(element, "SequenceIndicator", _text(stratml, "sequence"))
        _add(element, "MeasurementDimension", measure["name"])
        _add(element, "UnitOfMeasurement", measure.get("unit") or "")
        self.identifier(element, measure["id"])
        if "baseline" in measure:
            self.labelled(element, "Baseline", measure["baseline"], None)
        if "target" in measure or "due" in measure:
            self.labelled(element, "Target", measure.get("target"), measure.get("due"))
        for result in measure.get("results", []):
            self.result(element, result)
        _add_text(element, "OtherInformation", _text(stratml, "other_information"))

    def labelled(self, parent: ET.Element, label: str, value: Any, due: str | None) -> None:
        """Add a measure's baseline or target as a target result named by a descriptor."""
        target = _add(_add(parent, "MeasurementInstance"), "TargetResult")
        _add_text(target, "EndDate", due)
        if isinstance(value, (int, float)):
            _add(target, "NumberOfUnits", _decimal(value))
        descriptor = _add(target, "Descriptor")
        _add(descriptor, "DescriptorName", label)
        if isinstance(value, str):
            _add(descriptor, "DescriptorValue", value)

    def result(self, parent: ET.Element, result: dict[str, Any]) -> None:
        if not result:
            return
        instance = _add(parent, "MeasurementInstance")
        if result.keys() - {"actual"}:
            target = _add(instance, "TargetResult")
            self.outcome(target, result, result.get("target"))
            _add_text(target, "Description", result.get("description"))
        if "actual" in result:
            self.outcome(_add(instance, "ActualResult"), result, result["actual"])

    def outcome(self, element: ET.Element, result: dict[str, Any], value: Any) -> None:
        if "start" in result:
            _add(element, "StartDate", _day(result["start"], first=True))
        if "end" in result:
            _add(element, "EndDate", _day(result["end"], first=False))
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
    priorities = len(full.get("priorities", []))
    root = _Writer().plan(full)
    operations = _residue.difference(read_tree(root, priorities), full)
    if operations or priorities:
        _set_other_information(root, _residue.encode(priorities, operations))
    return _serialise(root)
