"""Compiled JSON Schema validators: the document's, and each plugin's section's.

Validators are built once for each set of plugins (they are costly to build).
``$ref`` resolves only within the schemas given: nothing is ever fetched.
jsonschema and referencing are imported when the first validator is built, not
with orgstrategy: reading a valid document never needs them.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from orgstrategy._schema import FORMAT_VERSION, composed

if TYPE_CHECKING:
    import jsonschema.protocols
    import referencing

    from orgstrategy._plugin import Plugin, Plugins

__all__ = ["compile_schema", "section_validator", "validator"]


@functools.cache
def _validator_class() -> Any:
    import jsonschema.validators  # on first use (see the module's notes)

    base = jsonschema.Draft202012Validator
    checker = base.TYPE_CHECKER.redefine("integer", lambda _, value: type(value) is int)
    return jsonschema.validators.extend(base, type_checker=checker)  # type: ignore[no-untyped-call]


def compile_schema(
    schema: Any, registry: referencing.Registry[Any] | None = None
) -> jsonschema.protocols.Validator:
    """Return a validator for *schema* that keeps JSON Schema in step with the model.

    It differs from a plain Draft 2020-12 validator in two ways: ``integer``
    means a whole number written without a fraction (``2025``, not ``2025.0``),
    and the only format checked is ``date``. ``$ref`` resolves only within
    *registry* (by default, within *schema*): nothing is ever fetched.
    """
    import jsonschema  # on first use (see the module's notes)
    import referencing

    if registry is None:
        registry = referencing.Registry(retrieve=_nothing_fetched)  # type: ignore[call-arg]
    compiled: jsonschema.protocols.Validator = _validator_class()(
        schema, registry=registry, format_checker=jsonschema.FormatChecker(["date"])
    )
    return compiled


def _nothing_fetched(uri: str) -> referencing.Resource[Any]:
    import referencing.exceptions

    raise referencing.exceptions.NoSuchResource(ref=uri)  # type: ignore[call-arg]


def validator(plugins: Plugins, version: str = FORMAT_VERSION) -> jsonschema.protocols.Validator:
    """Return the compiled validator for the schema of format *version*, *plugins* composed in.

    Built once for each set of plugins. ``$ref`` resolves only to the bundled
    schema and the plugins' schemas: nothing is ever fetched.
    """
    return _validator(tuple(plugins), version)


@functools.lru_cache(maxsize=8)
def _registry(plugins: tuple[Plugin, ...]) -> referencing.Registry[Any]:
    import referencing  # on first use (see the module's notes)
    from referencing.jsonschema import DRAFT202012

    registry: referencing.Registry[Any] = referencing.Registry(retrieve=_nothing_fetched)  # type: ignore[call-arg]
    return registry.with_resources(
        (plugin.uri, DRAFT202012.create_resource(_resource(plugin))) for plugin in plugins
    )


def _resource(plugin: Plugin) -> dict[str, Any]:
    return {"$id": plugin.uri, **plugin.schema}


@functools.lru_cache(maxsize=16)
def _validator(plugins: tuple[Plugin, ...], version: str) -> jsonschema.protocols.Validator:
    return compile_schema(composed(plugins, version), _registry(plugins))


def section_validator(plugin: Plugin, plugins: Plugins) -> jsonschema.protocols.Validator:
    """Return the compiled validator of *plugin*'s schema, the schemas of *plugins* at hand."""
    return _section_validator(plugin, tuple(plugins))


@functools.lru_cache(maxsize=64)
def _section_validator(
    plugin: Plugin, plugins: tuple[Plugin, ...]
) -> jsonschema.protocols.Validator:
    return compile_schema(_resource(plugin), _registry(plugins))
