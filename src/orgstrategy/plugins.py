"""Plugins: packages that extend the document format, the formats and the lint rules.

A plugin is a :class:`Plugin` that a package names in the ``orgstrategy.plugins``
entry point group. Its data lives under ``extensions.<name>`` at the places it
applies to; its JSON Schema is checked when it loads and composed into the
document schema, so errors in its section are located like any other.

>>> from orgstrategy import loads, plugins
>>> rating = plugins.Plugin(
...     name="rating",
...     applies_to="organisation",
...     schema={"type": "object", "properties": {"stars": {"enum": [1, 2, 3]}}},
... )
>>> with plugins.registered(rating):
...     strategy = loads('''
... orgstrategy: "1.0"
... organisation:
...   name: Here
...   extensions: {rating: {stars: 3}}
... ''')
>>> strategy.organisation.extensions["rating"]["stars"]
3

Discovery is lazy: entry points are read the first time something needs the
plugins (:func:`available`), once per process. Set the environment variable
``ORGSTRATEGY_NO_PLUGINS=1`` (or pass ``--no-plugins`` on the command line) to
run with the core alone.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs

from orgstrategy._errors import Error
from orgstrategy._model import ELEMENT_KINDS
from orgstrategy._registry import clash
from orgstrategy._schema import SCHEMA_ID
from orgstrategy.formats import Format

if TYPE_CHECKING:
    from orgstrategy.lint import Rule

__all__ = [
    "BUILT_IN",
    "DISABLE_VARIABLE",
    "ENTRY_POINT_GROUP",
    "PLACES",
    "Plugin",
    "PluginFailure",
    "available",
    "disabled",
    "failures",
    "load_plugins",
    "registered",
]

#: The entry point group that plugins are registered in.
ENTRY_POINT_GROUP: Final = "orgstrategy.plugins"
#: Set this environment variable to ``1`` to run without installed plugins.
DISABLE_VARIABLE: Final = "ORGSTRATEGY_NO_PLUGINS"
#: Where a plugin's namespace may appear: the strategy, the organisation, or an element kind.
PLACES: Final = ("strategy", "organisation", *ELEMENT_KINDS.values())
_NAME: Final = re.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*\Z")


def _places(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _valid_places(_: object, __: attrs.Attribute[Any], places: tuple[str, ...]) -> None:
    if not places:
        raise ValueError("applies_to needs at least one place")
    for place in places:
        if place not in PLACES:
            raise ValueError(f"applies_to: {place!r} is not one of {', '.join(PLACES)}")


def _valid_name(_: object, __: attrs.Attribute[str], name: str) -> None:
    if not _NAME.match(name):
        raise ValueError(f"plugin name {name!r} is not lower-case, like 'nhs' or 'cqc-rating'")
    from orgstrategy._schema import core_keys

    if name in core_keys():
        raise ValueError(f"plugin name {name!r} is a key of the core format")


def _attrs_class(_: object, __: attrs.Attribute[Any], model: type | None) -> None:
    if model is not None and not attrs.has(model):
        raise ValueError(f"model {model!r} is not an attrs class")


def _schema(value: Mapping[str, Any]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise TypeError("schema must be a JSON Schema: a mapping")
    return MappingProxyType(dict(value))


def _formats(formats: Iterable[Format]) -> tuple[Format, ...]:
    return tuple(formats)


def _rules(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(rules)


@attrs.frozen(kw_only=True, eq=False)
class Plugin:
    """What a plugin adds: a namespace with its schema, and optionally formats and rules.

    Attributes:
        name: The namespace: data lives under ``extensions.<name>``. Lower case;
            not a key of the core format.
        schema: The JSON Schema (Draft 2020-12) of the namespace's data.
        applies_to: Where the namespace may appear: ``"strategy"``,
            ``"organisation"`` or an element kind such as ``"goal"`` or
            ``"measure"`` (see :data:`PLACES`); one place or several.
        model: An attrs class the section is structured into through the shared
            converter; without one the section stays plain (read-only) data.
        formats: Formats to add to :mod:`orgstrategy.formats`.
        rules: Lint rules to add to :mod:`orgstrategy.lint`.
        description: One line on what the plugin is for.
        version: The plugin's version; by default its package's.
        package: The distribution that provides it (set on discovery).
    """

    name: str = attrs.field(validator=_valid_name)
    schema: Mapping[str, Any] = attrs.field(converter=_schema)
    applies_to: tuple[str, ...] = attrs.field(
        default=("strategy",), converter=_places, validator=_valid_places
    )
    model: type | None = attrs.field(default=None, validator=_attrs_class)
    formats: tuple[Format, ...] = attrs.field(default=(), converter=_formats)
    rules: tuple[Rule, ...] = attrs.field(default=(), converter=_rules)
    description: str = ""
    version: str | None = None
    package: str | None = None

    @property
    def uri(self) -> str:
        """The URI its schema is known by in the composed document schema."""
        return f"urn:orgstrategy:plugin:{self.name}"


@attrs.frozen(kw_only=True)
class PluginFailure:
    """A plugin that could not be loaded, and why; the others keep working.

    Attributes:
        package: The distribution whose entry point failed.
        entry_point: The entry point's name.
        message: What went wrong.
    """

    package: str
    entry_point: str
    message: str

    def __str__(self) -> str:
        return f"plugin {self.entry_point!r} from {self.package} was skipped: {self.message}"


#: The plugins that come with orgstrategy: ``stratml`` keeps what a StratML document
#: says that the core format has no place for, so that it can be written back.
BUILT_IN: Final = (
    Plugin(
        name="stratml",
        schema={
            "title": "StratML",
            "description": "What a StratML document says that the core format has no place "
            "for (identifiers, sequence indicators, stakeholder types, indicator details), "
            "kept by `orgstrategy convert` so that it can be written back.",
            "type": "object",
        },
        applies_to=PLACES,
        description="StratML details kept for round trips",
        package="orgstrategy",
    ),
)


class _Registry:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.installed: tuple[Plugin, ...] | None = None
        self.failures: tuple[PluginFailure, ...] = ()
        self.added: list[Plugin] = []
        self.disabled = 0


_REGISTRY: Final = _Registry()


def _check(plugin: Plugin, accepted: list[Plugin]) -> None:
    import jsonschema

    try:
        jsonschema.Draft202012Validator.check_schema(dict(plugin.schema))
    except jsonschema.SchemaError as error:
        raise Error(f"its schema is not valid JSON Schema: {error.message}") from None
    for reference in _references(plugin.schema):
        known = (*(other.uri for other in accepted), plugin.uri, SCHEMA_ID)
        if not reference.startswith("#") and reference.split("#")[0] not in known:
            raise Error(
                f"its schema refers to {reference!r}: a plugin's schema may refer only to "
                "itself, the core schema and other plugins (nothing is fetched)"
            )
    from orgstrategy import formats

    for other in accepted:
        if other.name == plugin.name:
            raise Error(
                f"plugin name {plugin.name!r} is claimed by both {other.package} "
                f"and {plugin.package}"
            )
    names: dict[str, str | None] = {format.name: format.package for format in formats.built_in()}
    names.update({f.name: other.package for other in accepted for f in other.formats})
    for format in plugin.formats:
        if format.name in names:
            raise clash("format", format.name, plugin.package, names[format.name])
    from orgstrategy import lint

    rules: dict[str, str | None] = {rule.name: "orgstrategy" for rule in lint.built_in()}
    rules.update({rule.name: other.package for other in accepted for rule in other.rules})
    for rule in plugin.rules:
        if rule.name in rules:
            raise clash("lint rule", rule.name, plugin.package, rules[rule.name])


def _references(schema: Any) -> Iterator[str]:
    if isinstance(schema, Mapping):
        for key, value in schema.items():
            if key in ("$ref", "$dynamicRef") and isinstance(value, str):
                yield value
            else:
                yield from _references(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _references(value)


def _with_package(plugin: Plugin, package: str, version: str | None) -> Plugin:
    owned: list[Format] = [attrs.evolve(format, package=package) for format in plugin.formats]
    return attrs.evolve(
        plugin,
        package=plugin.package or package,
        version=plugin.version or version,
        formats=tuple(owned),
    )


def _with_rules_owned(plugin: Plugin, package: str) -> Plugin:
    """Return *plugin* with each rule that names no package of its own owned by *package*."""
    rules = [
        attrs.evolve(rule, package=package) if rule.package == "orgstrategy" else rule
        for rule in plugin.rules
    ]
    return attrs.evolve(plugin, rules=tuple(rules))


def _package(entry_point: importlib.metadata.EntryPoint) -> str:
    distribution = entry_point.dist
    return distribution.name if distribution is not None else entry_point.value


def _discover() -> tuple[tuple[Plugin, ...], tuple[PluginFailure, ...]]:
    accepted: list[Plugin] = list(BUILT_IN)
    failed: list[PluginFailure] = []
    found = importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
    for entry_point in sorted(found, key=lambda point: (_package(point), point.name)):
        package = _package(entry_point)
        version = entry_point.dist.version if entry_point.dist is not None else None
        try:
            loaded = entry_point.load()
            if not isinstance(loaded, Plugin):
                raise Error(f"{entry_point.value} is not an orgstrategy.plugins.Plugin")
            plugin = _with_rules_owned(_with_package(loaded, package, version), package)
            _check(plugin, accepted)
        # A broken plugin must not break the rest, nor end the process: a plugin that
        # calls sys.exit() or raises KeyboardInterrupt as it is imported is skipped too.
        except (Exception, SystemExit, KeyboardInterrupt) as error:
            if isinstance(error, Error):
                message = str(error)
            elif isinstance(error, SystemExit):
                message = f"it called sys.exit({error.code!r}) when imported"
            elif isinstance(error, KeyboardInterrupt):
                message = "it raised KeyboardInterrupt when imported"
            else:
                message = f"{type(error).__name__}: {error}"
            failed.append(
                PluginFailure(package=package, entry_point=entry_point.name, message=message)
            )
            continue
        accepted.append(plugin)
    return tuple(accepted[len(BUILT_IN) :]), tuple(failed)


def load_plugins() -> tuple[Plugin, ...]:
    """Import and check every installed plugin, once per process; return those that work.

    Plugins that fail to import, are not a :class:`Plugin`, have an invalid
    schema or clash with another are skipped and listed by :func:`failures`.
    Returns nothing when plugins are disabled.
    """
    with _REGISTRY.lock:
        if _REGISTRY.disabled or os.environ.get(DISABLE_VARIABLE, "") not in ("", "0"):
            return ()
        if _REGISTRY.installed is None:
            _REGISTRY.installed, _REGISTRY.failures = _discover()
        return _REGISTRY.installed


def failures() -> tuple[PluginFailure, ...]:
    """Return the installed plugins that were skipped, each with the reason."""
    load_plugins()
    with _REGISTRY.lock:
        return _REGISTRY.failures if not _REGISTRY.disabled else ()


def available() -> tuple[Plugin, ...]:
    """Return the plugins in effect: built-in, installed, then added by :func:`registered`."""
    installed = load_plugins()
    with _REGISTRY.lock:
        return (*BUILT_IN, *installed, *_REGISTRY.added)


@contextlib.contextmanager
def registered(*plugins: Plugin) -> Iterator[tuple[Plugin, ...]]:
    """Put *plugins* in effect for the duration of a ``with`` block, without installing them.

    For tests and scripts. The plugins are checked as installed ones are.

    Raises:
        Error: A plugin's schema is invalid or its name is taken.
    """
    with _REGISTRY.lock:
        accepted = list(available())
        for plugin in plugins:
            checked = _with_package(plugin, plugin.package or "<registered>", plugin.version)
            _check(checked, accepted)
            accepted.append(checked)
        added = accepted[len(accepted) - len(plugins) :]
        _REGISTRY.added.extend(added)
    try:
        yield tuple(added)
    finally:
        with _REGISTRY.lock:
            for plugin in added:
                _REGISTRY.added.remove(plugin)


@contextlib.contextmanager
def disabled() -> Iterator[None]:
    """Run a ``with`` block with no installed plugins in effect (the core alone)."""
    with _REGISTRY.lock:
        _REGISTRY.disabled += 1
    try:
        yield
    finally:
        with _REGISTRY.lock:
            _REGISTRY.disabled -= 1
