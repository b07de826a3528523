"""The JSON Schema (Draft 2020-12) of each format version, read from the model's classes.

``schemas/orgstrategy-1.0.schema.json`` and ``schemas/orgstrategy-1.1.schema.json``
in the repository are these schemas written out (``orgstrategy schema``); a test
keeps them the same, and property tests keep the schemas and the model in
agreement. A field of the model says which version it came in (its ``since``
metadata); the schema of a version has the fields up to it.
"""

from __future__ import annotations

import copy
import datetime
import functools
import operator
import re
import typing
from collections.abc import Mapping
from types import NoneType, UnionType
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from orgstrategy._ids import LANGUAGE_PATTERN
from orgstrategy._model import (
    ELEMENT_KINDS,
    VERSIONS,
    DateOrYear,
    Element,
    Period,
    Quantity,
    Result,
    Source,
    Statement,
    Strategy,
    document_order,
    fields_in,
    model_classes,
    sections_in,
    since,
    text_fields,
)

if TYPE_CHECKING:
    from orgstrategy._plugin import Plugins

__all__ = [
    "FORMAT_VERSION",
    "SCHEMA_ID",
    "SUPPORTED_VERSIONS",
    "composed",
    "core_keys",
    "schema_id",
]

#: The latest format version: the one this library writes when a document needs it
#: (``dumps`` writes the lowest version that can hold the strategy).
FORMAT_VERSION: Final = VERSIONS[-1]
#: Every format version this library reads, oldest first.
SUPPORTED_VERSIONS: Final = VERSIONS
#: The ``$id`` of the latest version's schema.
SCHEMA_ID: Final = f"urn:orgstrategy:format:{FORMAT_VERSION}"


def schema_id(version: str) -> str:
    """Return the ``$id`` of the schema of format *version*."""
    return f"urn:orgstrategy:format:{version}"


DATE_PATTERN: Final = "^(?![^\\n]*\\n)[0-9]{4}-[0-9]{2}-[0-9]{2}$"
NOT_BLANK: Final = "\\S"

Schema = dict[str, Any]


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _text(title: str, description: str) -> Schema:
    return {"title": title, "description": description, "$ref": "#/$defs/text"}


#: The schemas of the values the model's types stand for.
_BASIC_DEFS: Final[Schema] = {
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
}


def _places(composed: Schema) -> dict[str, Schema]:
    """Return the ``properties`` of each place a plugin may apply to, in *composed*."""
    top = composed["properties"]
    places = {"strategy": top, "organisation": top["organisation"]["properties"]}
    if "partners" in top:
        places["partner"] = top["partners"]["items"]["properties"]
    for kind in ELEMENT_KINDS.values():
        if kind in composed["$defs"]:
            places[kind] = composed["$defs"][kind]["properties"]
    return places


@functools.lru_cache(maxsize=16)
def _composed(plugins: Plugins, version: str) -> Schema:
    if not plugins:
        return _schema(version)
    composed = copy.deepcopy(_schema(version))
    places = _places(composed)
    for plugin in plugins:
        composed["$defs"][f"plugin-{plugin.name}"] = {"$id": plugin.uri, **plugin.schema}
        for place in plugin.applies_to:
            if place not in places:  # a place that came in a later version
                continue
            extensions = places[place]["extensions"]
            extensions.setdefault("properties", {})[plugin.name] = {
                "title": plugin.schema.get("title", plugin.name),
                "description": plugin.description or f"Data of the {plugin.name} plugin.",
                "$ref": plugin.uri,
            }
    return composed


def composed(plugins: Plugins, version: str = FORMAT_VERSION) -> Schema:
    """Return the schema of format *version* with the schema of each of *plugins* composed in.

    Each plugin's schema is embedded under ``$defs`` with its own ``$id`` and
    referenced from the ``extensions`` of the places it applies to. The result is
    shared (built once for each set of plugins): callers must not change it.
    """
    return _composed(tuple(plugins), version)


@functools.cache
def core_keys() -> frozenset[str]:
    """Return every key the core format defines, anywhere in a document.

    >>> {"orgstrategy", "goals", "baseline", "points"} <= core_keys()
    True
    """
    fields = {field.name for cls in model_classes() for field in attrs.fields(cls)}
    return frozenset({"orgstrategy", *fields})


# --- The schema, read from the model -------------------------------------------------
#
# Every field of the model's classes becomes a property: its type gives its schema,
# its description is the class docstring's (the nearest class that documents it),
# and whether it is required is whether it has a default. What the types cannot
# say is declared once each, here: the shorthand strings, and the checks across
# fields (a statement's text or points, a source's title or url, a period's ends).

#: The classes a plain string may stand for, and the field it is then.
_SHORTHAND: Final = {Element: "name", Statement: "text"}
_ACROSS: Final[dict[type, Schema]] = {
    Statement: {
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
        ]
    },
    Source: {"anyOf": [{"required": ["title"]}, {"required": ["url"]}]},
    Period: {"minProperties": 1},
}
_ATTRIBUTE: Final = re.compile(r"^    (\w+): (.*(?:\n {8,}.*)*)", re.M)


def _def_name(cls: type) -> str | None:
    """Return the name of *cls*'s schema in ``$defs`` (elements, statements, results), if any.

    The schemas of the other classes are written where they are used, once each.
    """
    if issubclass(cls, Element) or cls in (Statement, Result):
        return cls.__name__[0].lower() + cls.__name__[1:]
    return None


@functools.cache
def _documented(cls: type) -> dict[str, str]:
    """Return the description of each field of *cls*, from the docstrings of it and its bases."""
    import inspect  # when the schema is first built, not on import

    found: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        doc = inspect.getdoc(klass) or ""
        _, _, attributes = doc.partition("Attributes:\n")
        for name, text in _ATTRIBUTE.findall(attributes):
            found[name] = " ".join(text.split()).replace("``", "`")
    return found


def _summary(cls: type) -> str:
    import inspect

    return " ".join((inspect.getdoc(cls) or "").split("\n\n", 1)[0].split()).replace("``", "`")


_TITLES: Final = {"url": "URL"}


def _title(name: str) -> str:
    return _TITLES.get(name) or name.replace("_", " ").capitalize()


def _pattern(validator: Any) -> str | None:
    """Return the pattern that *validator* (perhaps made optional) matches, if any."""
    pattern = getattr(getattr(validator, "validator", validator), "pattern", None)
    return None if pattern is None else str(pattern.pattern)


def _translations(cls: type) -> Schema:
    fields = text_fields(cls)
    texts = {
        name: _described(
            _title(name),
            f"The {name.replace('_', ' ')} in this language.",
            {"type": "array", "items": _ref("text"), "minItems": 1} if many else _ref("text"),
        )
        for name, many in fields.items()
    }
    return {
        "type": "object",
        "propertyNames": {"pattern": LANGUAGE_PATTERN},
        "additionalProperties": {
            "title": "Translation",
            "description": "Text fields of this object in the language of the key: "
            + ", ".join(f"`{name}`" for name in fields)
            + ".",
            "type": "object",
            "properties": texts,
            "additionalProperties": False,
        },
    }


def _value(cls: type, field: attrs.Attribute[Any], type_: Any, version: str) -> Schema:
    """Return the schema of a value of *type_*, the type of *field* of *cls*."""
    args = [arg for arg in typing.get_args(type_) if arg is not NoneType]
    if typing.get_origin(type_) in (typing.Union, UnionType) and NoneType in typing.get_args(type_):
        type_ = functools.reduce(operator.or_, args) if len(args) > 1 else args[0]
    if type_ is str:
        pattern = _pattern(field.validator)
        if pattern is not None:
            return {"type": "string", "pattern": pattern}
        return _ref("text")
    if type_ == DateOrYear:
        return _ref("dateOrYear")
    if type_ is datetime.date:
        return _ref("date")
    if type_ == Quantity:
        return _ref("quantity")
    if typing.get_origin(type_) is Literal:
        return {"enum": list(typing.get_args(type_))}
    if typing.get_origin(type_) is Mapping:
        if field.name == "extensions":
            return _ref("extensions")
        if field.name == "translations":
            return _translations(cls)
        return {
            "type": "object",
            "propertyNames": {"enum": list(sections_in(version))},
            "additionalProperties": _text("Label", "The heading to show for this section."),
        }
    if typing.get_origin(type_) is tuple:
        item = typing.get_args(type_)[0]
        if item is str:
            pattern = field.metadata.get("pattern")  # what each item must match
            if pattern is not None:
                reference = _described(
                    "Reference",
                    "`SECTION/ID`, `SECTION/ID/SECTION/ID`, `ALIAS:SECTION/ID` or `ALIAS:`.",
                    {"type": "string", "pattern": pattern},
                )
                return {"type": "array", "items": reference}
            return {"type": "array", "items": _text("Point", "One point of the statement.")}
        name = _def_name(item)
        return {"type": "array", "items": _ref(name) if name else _object(item, version)}
    name = _def_name(type_)
    return _ref(name) if name else _object(type_, version)


def _described(title: str, description: str, value: Schema) -> Schema:
    return {"title": title, "description": description, **value}


def _since(description: str, field: attrs.Attribute[Any]) -> str:
    """Return *description*, saying which format version *field* came in if not the first."""
    version = since(field)
    return description if version == VERSIONS[0] else f"{description} (New in format {version}.)"


def _object(cls: type, version: str) -> Schema:
    """Return the schema of an object of the model class *cls*, its fields its properties."""
    hints = typing.get_type_hints(cls)
    documented = _documented(cls)
    fields = {field.name: field for field in fields_in(cls, version)}
    order = [name for name in document_order(cls) if name in fields]
    properties = {
        name: _described(
            _title(name),
            _since(documented.get(name, ""), fields[name]),
            _value(cls, fields[name], hints[name], version),
        )
        for name in order
    }
    shorthand = next((key for base, key in _SHORTHAND.items() if issubclass(cls, base)), None)
    description = _summary(cls)
    if shorthand:
        description += (
            f" Write a plain string as shorthand for a mapping with just a `{shorthand}`."
        )
    schema: Schema = {
        "title": cls.__name__,
        "description": description,
        "type": ["string", "object"] if shorthand else "object",
    }
    if shorthand:
        schema["pattern"] = NOT_BLANK
    schema["properties"] = properties
    required = [name for name in order if fields[name].default is attrs.NOTHING]
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    schema.update(_ACROSS.get(cls, {}))
    return schema


_DESCRIPTIONS: Final = {
    "1.0": "A public-sector organisation's strategy: mission, vision, purpose, ambition, "
    "goals, priorities, values, principles, a leadership compact, objectives and measures.",
    "1.1": "A public-sector organisation's strategy: mission, vision, purpose, ambition, "
    "goals, priorities, enablers, values, principles, a leadership compact, objectives, "
    "actions and measures, with its partners, mandates, the plans it aligns to, what each "
    "element contributes to, delivery status and translations.",
}


def _version_property(version: str) -> Schema:
    """Return the schema of the ``orgstrategy`` key in the schema of format *version*.

    A later version's schema accepts the earlier versions too (each is a subset
    of the next). That a document saying an earlier version uses only what that
    version has is for orgstrategy, or that version's own schema, to check.
    """
    if version == VERSIONS[0]:
        return {
            "title": "Format version",
            "description": f'The version of this format: the string "{version}".',
            "const": version,
        }
    earlier = VERSIONS[: VERSIONS.index(version)]
    return {
        "title": "Format version",
        "description": f'The version of this format: the string "{version}", or '
        + " or ".join(f'"{each}"' for each in earlier)
        + " for a document that uses only what that version has.",
        "enum": [*earlier, version],
        "default": version,
    }


@functools.cache
def _schema(version: str) -> Schema:
    defs = dict(_BASIC_DEFS)
    for cls in model_classes(version):
        name = _def_name(cls)
        if name is not None:
            defs[name] = _object(cls, version)
    top = _object(Strategy, version)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id(version),
        "title": f"orgstrategy document, format {version}",
        "description": _DESCRIPTIONS[version],
        "type": "object",
        "properties": {
            "orgstrategy": _version_property(version),
            **top["properties"],
        },
        "required": ["orgstrategy", *top["required"]],
        "additionalProperties": False,
        "$defs": defs,
    }
