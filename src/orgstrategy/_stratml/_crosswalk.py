"""The crosswalk: which StratML element holds which field of the strategy model.

Each :class:`Place` pairs a field's key in a strategy's plain data with the
element of StratML Part 2 (and Part 1) that holds it, inside its parent's
element. The keys are the model's own field names, read from its classes
(``attrs.fields``), never spelled here: a renamed field breaks this module at
import and under mypy, not a document silently. The reader and the writer name a
field's key and its element by its place here; what the ``stratml`` extension
holds (sequence indicators, roles, submitters, ...) and elements that only give
structure, they spell themselves.

Imports: attrs and orgstrategy's model.
"""

from __future__ import annotations

from typing import Any, Final, NamedTuple

import attrs

from orgstrategy._model import (
    Element,
    Goal,
    Linked,
    Measure,
    Objective,
    Organisation,
    Partner,
    Period,
    Result,
    Source,
    Stakeholder,
    Statement,
    Strategy,
)

__all__ = [
    "ACTUAL",
    "BASELINE",
    "CONTRIBUTES_TO",
    "DESCRIPTION",
    "DUE",
    "END",
    "EXTENSIONS",
    "GOALS",
    "ID",
    "MEASURES",
    "MEASURE_NAME",
    "MISSION",
    "NAME",
    "OBJECTIVES",
    "ORGANISATION",
    "PARTNERS",
    "PERIOD",
    "PRIORITIES",
    "PUBLISHED",
    "RESULTS",
    "RESULT_TARGET",
    "ROLE",
    "SHORT_NAME",
    "SOURCES",
    "STAKEHOLDERS",
    "START",
    "TARGET",
    "TEXT",
    "TITLE",
    "UNIT",
    "URL",
    "VALUES",
    "VISION",
    "Place",
]


class Place(NamedTuple):
    """Where StratML holds a field of the model.

    Attributes:
        key: The field's name: its key in a strategy's plain data.
        tag: The StratML element that holds it, inside its parent's element.
    """

    key: str
    tag: str


def _shared(*fields: attrs.Attribute[Any]) -> str:
    """Return the name of *fields*: one field, of each of several classes, held alike.

    Each class's field is named (``attrs.fields(Result).description``), so that the
    field renamed in any one of them fails here, not in that class's documents.
    """
    (name,) = {field.name for field in fields}
    return name


_strategy: Final = attrs.fields(Strategy)
_organisation: Final = attrs.fields(Organisation)
_partner: Final = attrs.fields(Partner)
_element: Final = attrs.fields(Element)
_statement: Final = attrs.fields(Statement)
_linked: Final = attrs.fields(Linked)
_stakeholder: Final = attrs.fields(Stakeholder)
_goal: Final = attrs.fields(Goal)
_objective: Final = attrs.fields(Objective)
_measure: Final = attrs.fields(Measure)
_result: Final = attrs.fields(Result)
_period: Final = attrs.fields(Period)
_source: Final = attrs.fields(Source)

# The strategy: the root (PerformancePlanOrReport; StrategicPlan in Part 1).
TITLE: Final = Place(_strategy.title.name, "Name")
# ... in StrategicPlanCore, in schema order:
ORGANISATION: Final = Place(_strategy.organisation.name, "Organization")
VISION: Final = Place(_strategy.vision.name, "Vision")
MISSION: Final = Place(_strategy.mission.name, "Mission")
VALUES: Final = Place(_strategy.values.name, "Value")
GOALS: Final = Place(_strategy.goals.name, "Goal")
# ... after the goals, as goals; the residue says how many.
PRIORITIES: Final = Place(_strategy.priorities.name, "Goal")
# ... in the Organization.
STAKEHOLDERS: Final = Place(_strategy.stakeholders.name, "Stakeholder")
# ... in the Organization too, after the stakeholders, each of StakeholderTypeType
# "Organization" (its name, description and role); the residue says how many.
PARTNERS: Final = Place(_strategy.partners.name, "Stakeholder")
# ... in AdministrativeInformation: the period (its START and END), the publication
# date, and the first source (its URL).
PERIOD: Final = Place(_strategy.period.name, "AdministrativeInformation")
PUBLISHED: Final = Place(_strategy.published.name, "PublicationDate")
SOURCES: Final = Place(_strategy.sources.name, "Source")
URL: Final = Place(_source.url.name, "Source")

# A statement (Vision, Mission): its text.
TEXT: Final = Place(_statement.text.name, "Description")

# An element (Goal, Objective, Value, Stakeholder), the Organization and a partner.
NAME: Final = Place(_shared(_element.name, _organisation.name, _partner.name), "Name")
DESCRIPTION: Final = Place(
    _shared(
        _element.description, _organisation.description, _partner.description, _result.description
    ),
    "Description",
)
ID: Final = Place(_element.id.name, "Identifier")
SHORT_NAME: Final = Place(_organisation.short_name.name, "Acronym")
# A stakeholder's role (and a partner's): the names of its Roles, joined by "; ".
ROLE: Final = Place(_shared(_stakeholder.role, _partner.role), "Role")
OBJECTIVES: Final = Place(_goal.objectives.name, "Objective")
MEASURES: Final = Place(_objective.measures.name, "PerformanceIndicator")
# What an element serves: for a measure, a Relationship ``Narrower_Than`` the goal,
# objective or indicator it names (its ReferentIdentifier is that one's Identifier).
CONTRIBUTES_TO: Final = Place(_linked.contributes_to.name, "Relationship")

# A measure (PerformanceIndicator). Its baseline and its target are each a
# MeasurementInstance's one TargetResult, named by its DescriptorName ("Baseline",
# "Target"); the target's EndDate is the measure's due date.
MEASURE_NAME: Final = Place(_measure.name.name, "MeasurementDimension")
UNIT: Final = Place(_measure.unit.name, "UnitOfMeasurement")
BASELINE: Final = Place(_measure.baseline.name, "Baseline")
TARGET: Final = Place(_measure.target.name, "Target")
DUE: Final = Place(_measure.due.name, "EndDate")
RESULTS: Final = Place(_measure.results.name, "MeasurementInstance")

# A result (a MeasurementInstance): what was aimed for and what was reported, and
# the time both are for (in either; the period's too, in AdministrativeInformation).
RESULT_TARGET: Final = Place(_result.target.name, "TargetResult")
ACTUAL: Final = Place(_result.actual.name, "ActualResult")
START: Final = Place(_shared(_result.start, _period.start), "StartDate")
END: Final = Place(_shared(_result.end, _period.end), "EndDate")

#: The key of plugin data, of the strategy, the organisation and every element; the
#: ``stratml`` extension in it holds what StratML says that the model has no field for.
EXTENSIONS: Final = _shared(_strategy.extensions, _organisation.extensions, _element.extensions)
