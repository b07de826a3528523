"""``.. format-reference::``: every key of the document format, from its JSON Schema.

The tables are built from :func:`orgstrategy.schema` (the core alone, no installed
plugins) each time the documentation is built, so they cannot drift from the schema.
"""

from __future__ import annotations

from typing import Any

from _rst import GeneratedDirective, cell, literal
from sphinx.application import Sphinx

import orgstrategy
from orgstrategy import plugins

_TYPES = {
    "string": "text",
    "object": "mapping",
    "array": "list",
    "integer": "whole number",
    "number": "number",
    "boolean": "true or false",
}


def _anchor(name: str) -> str:
    return "format-" + name.replace(".", "-").replace("_", "-").lower()


def _ref(name: str) -> str:
    return f":ref:`{name} <{_anchor(name)}>`"


def _type(node: dict[str, Any], here: str) -> str:
    """Describe what a value of *node* may be, linking to other sections."""
    if "$ref" in node:
        target = node["$ref"]
        if target.startswith("#/$defs/"):
            return _ref(target.removeprefix("#/$defs/"))
        return "a plugin's section"
    if "const" in node:
        return f"``{node['const']!r}``".replace("'", '"')
    if "enum" in node:
        return "one of " + ", ".join(f"``{value}``" for value in node["enum"])
    kinds = node.get("type", [])
    kinds = [kinds] if isinstance(kinds, str) else list(kinds)
    if "properties" in node and "object" in kinds:
        described = [_TYPES[kind] for kind in kinds if kind != "object"]
        return " or ".join([*described, _ref(here)])
    if "array" in kinds and "items" in node:
        return "list of " + _type(node["items"], here)
    if not kinds and "additionalProperties" in node:
        return "mapping"
    return " or ".join(_TYPES.get(kind, kind) for kind in kinds) or "any"


def _table(node: dict[str, Any], here: str, nested: list[tuple[str, dict[str, Any]]]) -> list[str]:
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 20 25 10 45",
        "",
        "   * - key",
        "     - type",
        "     - required",
        "     - description",
    ]
    required = set(node.get("required", ()))
    for key, value in node["properties"].items():
        target = value.get("items", value) if value.get("type") == "array" else value
        name = f"{here}.{key}" if here != "document" else key
        if "properties" in target and "$ref" not in target:
            nested.append((name, target))
        lines += [
            f"   * - ``{key}``",
            f"     - {cell(_type(value, name))}",
            f"     - {'yes' if key in required else 'no'}",
            f"     - {cell(literal(value.get('description', '')))}",
        ]
    return [*lines, ""]


def _section(name: str, node: dict[str, Any], title: str | None = None) -> list[str]:
    heading = title or (node.get("title", name) + f" (``{name}``)")
    lines = [f".. _{_anchor(name)}:", "", heading, "-" * (len(heading) + 4), ""]
    if node.get("description"):
        lines += [literal(node["description"]), ""]
    kinds = node.get("type", [])
    if isinstance(kinds, list) and "string" in kinds and "properties" in node:
        lines += ["Written as a plain string, it is the ``name`` (or ``text``) alone.", ""]
    if "properties" not in node:
        lines += [f"A value of this kind is {_type(node, name)}.", ""]
        if "pattern" in node and node["pattern"] != "\\S":
            lines += [f"It matches the pattern ``{node['pattern']}``.", ""]
        return lines
    nested: list[tuple[str, dict[str, Any]]] = []
    lines += _table(node, name, nested)
    for key, value in nested:
        lines += _section(key, value)
    return lines


class FormatReference(GeneratedDirective):
    """Tables of every key of the document format, generated from its JSON Schema."""

    def lines(self) -> list[str]:
        with plugins.disabled():
            schema = orgstrategy.schema()
        lines = _section("document", schema, title="The document")
        for name, node in schema["$defs"].items():
            lines += _section(name, node)
        return lines


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("format-reference", FormatReference)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
