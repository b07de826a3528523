"""The JSON Schema (Draft 2020-12) of format 1.0, built from one description.

``schemas/orgstrategy-1.0.schema.json`` in the repository is this schema written
out (``orgstrategy schema``); a test keeps the two the same, and property tests
keep the schema and the model in agreement.
"""

from __future__ import annotations

import copy
import functools
from typing import TYPE_CHECKING, Any, Final

from orgstrategy._ids import ID_PATTERN
from orgstrategy._model import ELEMENT_KINDS, SECTIONS, STATUSES

if TYPE_CHECKING:
    from orgstrategy.plugins import Plugin

__all__ = [
    "FORMAT_VERSION",
    "SCHEMA_ID",
    "SUPPORTED_VERSIONS",
    "cached_schema",
    "core_keys",
    "schema",
]

#: The format version this library writes.
FORMAT_VERSION: Final = "1.0"
#: Every format version this library reads.
SUPPORTED_VERSIONS: Final = ("1.0",)
#: The schema's ``$id``.
SCHEMA_ID: Final = "urn:orgstrategy:format:1.0"

DATE_PATTERN: Final = "^(?![^\\n]*\\n)[0-9]{4}-[0-9]{2}-[0-9]{2}$"
NOT_BLANK: Final = "\\S"

Schema = dict[str, Any]


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _text(title: str, description: str) -> Schema:
    return {"title": title, "description": description, "$ref": "#/$defs/text"}


def _list(title: str, description: str, item: str) -> Schema:
    return {"title": title, "description": description, "type": "array", "items": _ref(item)}


def _element(title: str, description: str, **fields: Schema) -> Schema:
    """Describe an element: a string (its name) or a mapping with id, name, description."""
    return {
        "title": title,
        "description": description
        + " Write a plain string as shorthand for a mapping with just a `name`.",
        "type": ["string", "object"],
        "pattern": NOT_BLANK,
        "properties": {
            "id": {
                "title": "Id",
                "description": "A slug unique within its list (letters, digits, `.`, `_`, "
                "`-`). Derived from `name` when absent.",
                "type": "string",
                "pattern": ID_PATTERN,
            },
            "name": _text("Name", "What the organisation calls it."),
            "description": _text("Description", "Longer text explaining it."),
            **fields,
            "extensions": _extensions(),
        },
        "required": ["name"],
        "additionalProperties": False,
    }


def _extensions() -> Schema:
    return {
        "title": "Extensions",
        "description": "Data added by plugins, under each plugin's namespace.",
        "$ref": "#/$defs/extensions",
    }


def _measures() -> Schema:
    return _list("Measures", "How progress is measured.", "measure")


def _aim(title: str, description: str) -> Schema:
    return _element(
        title,
        description,
        outcomes=_list("Outcomes", "The results it should bring about.", "outcome"),
        objectives=_list("Objectives", "Specific, time-bound steps towards it.", "objective"),
        measures=_measures(),
    )


def _statement_property(title: str, description: str) -> Schema:
    return {"title": title, "description": description, "$ref": "#/$defs/statement"}


def _defs() -> Schema:
    return {
        "text": {
            "title": "Text",
            "description": "Text that is not blank.",
            "type": "string",
            "pattern": NOT_BLANK,
        },
        "date": {
            "title": "Date",
            "description": "A calendar date written YYYY-MM-DD.",
            "type": "string",
            "pattern": DATE_PATTERN,
            "format": "date",
        },
        "dateOrYear": {
            "title": "Date or year",
            "description": "A year (`2025`) or a calendar date written YYYY-MM-DD.",
            "type": ["integer", "string"],
            "minimum": 1000,
            "maximum": 9999,
            "pattern": DATE_PATTERN,
            "format": "date",
        },
        "quantity": {
            "title": "Quantity",
            "description": "A number, or text such as `95%` or `18 weeks`.",
            "type": ["number", "string"],
            "pattern": NOT_BLANK,
        },
        "extensions": {
            "title": "Extensions",
            "description": "Data added by plugins, under each plugin's namespace.",
            "type": "object",
        },
        "statement": {
            "title": "Statement",
            "description": "A mission, vision, purpose or ambition: a string, or a mapping "
            "with `text`, `points` or both.",
            "type": ["string", "object"],
            "pattern": NOT_BLANK,
            "properties": {
                "text": _text("Text", "The statement itself."),
                "points": {
                    "title": "Points",
                    "description": "The statement as a list of points, or points that "
                    "follow its text.",
                    "type": "array",
                    "items": _text("Point", "One point of the statement."),
                },
                "meanings": _list("Meanings", "Interpretations of the statement.", "meaning"),
            },
            "additionalProperties": False,
            "anyOf": [
                {"required": ["text"]},
                {
                    "required": ["points"],
                    "properties": {
                        "points": {
                            "title": "Points",
                            "description": "Without `text`, at least one point.",
                            "minItems": 1,
                        }
                    },
                },
            ],
        },
        "meaning": _element("Meaning", "One interpretation of a statement."),
        "outcome": _element("Outcome", "A result an aim is meant to bring about."),
        "behaviour": _element("Behaviour", "What living a value looks like."),
        "principle": _element("Principle", "A design or operating principle."),
        "commitment": _element("Commitment", "A promise made in a leadership compact."),
        "result": {
            "title": "Result",
            "description": "One step of a measure's trajectory: a target and what was "
            "reported for a time.",
            "type": "object",
            "properties": {
                "start": {
                    "title": "Start",
                    "description": "When the time begins.",
                    "$ref": "#/$defs/dateOrYear",
                },
                "end": {
                    "title": "End",
                    "description": "When the time ends.",
                    "$ref": "#/$defs/dateOrYear",
                },
                "target": {
                    "title": "Target",
                    "description": "What was aimed for.",
                    "$ref": "#/$defs/quantity",
                },
                "actual": {
                    "title": "Actual",
                    "description": "What was reported.",
                    "$ref": "#/$defs/quantity",
                },
                "description": _text("Description", "A note on the result."),
            },
            "additionalProperties": False,
        },
        "measure": _element(
            "Measure",
            "A performance indicator with a baseline and a target.",
            unit=_text("Unit", "The unit of the numbers, such as `%` or `weeks`."),
            baseline={
                "title": "Baseline",
                "description": "Where things stood at the start.",
                "$ref": "#/$defs/quantity",
            },
            target={
                "title": "Target",
                "description": "Where things should be by `due`.",
                "$ref": "#/$defs/quantity",
            },
            due={"title": "Due", "description": "When the target is due.", "$ref": "#/$defs/date"},
            results=_list("Results", "The trajectory of targets and reported actuals.", "result"),
        ),
        "objective": _element(
            "Objective",
            "A specific, time-bound step towards an aim.",
            due={"title": "Due", "description": "When it is due.", "$ref": "#/$defs/date"},
            measures=_measures(),
        ),
        "goal": _aim("Goal", "A long-term aim of the organisation."),
        "priority": _aim("Priority", "An area the organisation has chosen to focus on."),
        "value": _element(
            "Value",
            "A value the organisation lives by.",
            behaviours=_list("Behaviours", "What living the value looks like.", "behaviour"),
        ),
        "stakeholder": _element(
            "Stakeholder",
            "Someone the strategy is for or made with.",
            role=_text("Role", "Their part in the strategy."),
        ),
        "theme": _element(
            "Theme",
            "A heading of a leadership compact with its commitments.",
            commitments=_list("Commitments", "The promises under this heading.", "commitment"),
        ),
    }


def _properties() -> Schema:
    return {
        "orgstrategy": {
            "title": "Format version",
            "description": 'The version of this format: the string "1.0".',
            "const": FORMAT_VERSION,
        },
        "organisation": {
            "title": "Organisation",
            "description": "The organisation whose strategy it is.",
            "type": "object",
            "properties": {
                "name": _text("Name", "The organisation's full name."),
                "short_name": _text("Short name", "The name it goes by."),
                "kind": _text(
                    "Kind",
                    "A free-text slug such as `nhs-trust`, `local-council`, "
                    "`integrated-care-board` or `social-enterprise`.",
                ),
                "area": _text("Area", "The place it serves."),
                "url": _text("URL", "Its web site."),
                "description": _text("Description", "What it does."),
                "extensions": _extensions(),
            },
            "required": ["name"],
            "additionalProperties": False,
        },
        "title": _text("Title", "The strategy's own title."),
        "version": _text("Version", 'A version label such as "2025" or "2013-14".'),
        "status": {
            "title": "Status",
            "description": "Where the document is in its life cycle.",
            "enum": list(STATUSES),
        },
        "period": {
            "title": "Period",
            "description": "The time the strategy covers; `end` is not before `start`.",
            "type": "object",
            "properties": {
                "start": {
                    "title": "Start",
                    "description": "When it begins.",
                    "$ref": "#/$defs/dateOrYear",
                },
                "end": {
                    "title": "End",
                    "description": "When it ends.",
                    "$ref": "#/$defs/dateOrYear",
                },
            },
            "minProperties": 1,
            "additionalProperties": False,
        },
        "published": {
            "title": "Published",
            "description": "When it was published.",
            "$ref": "#/$defs/date",
        },
        "sources": {
            "title": "Sources",
            "description": "Where the strategy's text comes from.",
            "type": "array",
            "items": {
                "title": "Source",
                "description": "A source: at least a `title` or a `url`.",
                "type": "object",
                "properties": {
                    "title": _text("Title", "The source's title."),
                    "url": _text("URL", "Where it is published."),
                    "retrieved": {
                        "title": "Retrieved",
                        "description": "When it was read.",
                        "$ref": "#/$defs/date",
                    },
                    "author": _text("Author", "Who wrote it."),
                    "note": _text("Note", "Anything else worth knowing about it."),
                },
                "additionalProperties": False,
                "anyOf": [{"required": ["title"]}, {"required": ["url"]}],
            },
        },
        "labels": {
            "title": "Labels",
            "description": "The organisation's own heading for each section, by section key.",
            "type": "object",
            "propertyNames": {"enum": list(SECTIONS)},
            "additionalProperties": _text("Label", "The heading to show for this section."),
        },
        "mission": _statement_property("Mission", "What the organisation does."),
        "vision": _statement_property("Vision", "The future it works towards."),
        "purpose": _statement_property("Purpose", "Why it exists."),
        "ambition": _statement_property("Ambition", "What it aims to achieve."),
        "goals": _list("Goals", "Long-term aims.", "goal"),
        "priorities": _list("Priorities", "Areas of focus.", "priority"),
        "values": _list("Values", "What the organisation lives by.", "value"),
        "principles": _list("Principles", "How the organisation works.", "principle"),
        "stakeholders": _list(
            "Stakeholders", "Who the strategy is for or made with.", "stakeholder"
        ),
        "compact": {
            "title": "Compact",
            "description": "A leadership compact or charter.",
            "type": "object",
            "properties": {
                "name": _text("Name", "The compact's own name."),
                "description": _text("Description", "What it is for."),
                "commitments": _list("Commitments", "Promises not under a theme.", "commitment"),
                "themes": _list("Themes", "Promises grouped under headings.", "theme"),
            },
            "additionalProperties": False,
        },
        "extensions": _extensions(),
    }


@functools.cache
def _schema() -> Schema:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "orgstrategy document, format 1.0",
        "description": "A public-sector organisation's strategy: mission, vision, purpose, "
        "ambition, goals, priorities, values, principles, a leadership compact, objectives "
        "and measures.",
        "type": "object",
        "properties": _properties(),
        "required": ["orgstrategy", "organisation"],
        "additionalProperties": False,
        "$defs": _defs(),
    }


def _places(composed: Schema) -> dict[str, Schema]:
    """Return the ``properties`` of each place a plugin may apply to, in *composed*."""
    places = {
        "strategy": composed["properties"],
        "organisation": composed["properties"]["organisation"]["properties"],
    }
    for kind in ELEMENT_KINDS.values():
        places[kind] = composed["$defs"][kind]["properties"]
    return places


@functools.lru_cache(maxsize=8)
def _composed(plugins: tuple[Plugin, ...]) -> Schema:
    if not plugins:
        return _schema()
    composed = copy.deepcopy(_schema())
    places = _places(composed)
    for plugin in plugins:
        composed["$defs"][f"plugin-{plugin.name}"] = {"$id": plugin.uri, **plugin.schema}
        for place in plugin.applies_to:
            extensions = places[place]["extensions"]
            extensions.setdefault("properties", {})[plugin.name] = {
                "title": plugin.schema.get("title", plugin.name),
                "description": plugin.description or f"Data of the {plugin.name} plugin.",
                "$ref": plugin.uri,
            }
    return composed


def _active() -> tuple[Plugin, ...]:
    from orgstrategy.plugins import available

    return available()


def schema() -> dict[str, Any]:
    """Return the JSON Schema of the document format (a new copy each call).

    The schema of every plugin in effect is composed in: each plugin's schema
    is embedded under ``$defs`` with its own ``$id`` and referenced from the
    ``extensions`` of the places it applies to.

    >>> s = schema()
    >>> s["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> s["required"]
    ['orgstrategy', 'organisation']
    """
    return copy.deepcopy(_composed(_active()))


def cached_schema() -> Schema:
    """Return the shared schema, plugins composed in; callers must not change it."""
    return _composed(_active())


@functools.cache
def core_keys() -> frozenset[str]:
    """Return every key the core format defines, anywhere in a document."""
    keys: set[str] = set()

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            keys.update(node.get("properties", {}))
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(_schema())
    return frozenset(keys)
