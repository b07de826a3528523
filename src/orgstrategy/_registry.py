"""The registries: which formats, lint rules and plugins are in effect.

One shape, :class:`Registry`, holds the formats and the lint rules by name; the
plugins in effect are the built-in ones, those installed (found once, through
their entry points) and those added for a while (:func:`registered`). The public
entry points (``orgstrategy.load``, ``lint``, ``Format.read``, the CLI) take a
snapshot here, :func:`available`, and pass it down as an argument: nothing below
this layer looks plugins up.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, Generic, Protocol, TypeVar

import attrs

from orgstrategy._errors import Error
from orgstrategy._plugin import BUILT_IN as BUILT_IN_PLUGINS
from orgstrategy._plugin import Plugin, PluginFailure, Plugins
from orgstrategy._schema import SCHEMA_ID

if TYPE_CHECKING:
    import importlib.metadata

    from orgstrategy._lint_types import Rule
    from orgstrategy.formats import Format

__all__ = [
    "DISABLE_VARIABLE",
    "ENTRY_POINT_GROUP",
    "FORMATS",
    "RULES",
    "Registry",
    "available",
    "clash",
    "disabled",
    "failures",
    "in_effect",
    "load_plugins",
    "registered",
]

#: The entry point group that plugins are registered in.
ENTRY_POINT_GROUP: Final = "orgstrategy.plugins"
#: Set this environment variable to ``1`` to run without installed plugins.
DISABLE_VARIABLE: Final = "ORGSTRATEGY_NO_PLUGINS"


class _Named(Protocol):
    @property
    def name(self) -> str: ...  # pragma: no cover - a protocol

    @property
    def package(self) -> str: ...  # pragma: no cover - a protocol


_T = TypeVar("_T", bound=_Named)


def clash(kind: str, name: str, package: str | None, other: str | None) -> Error:
    """Return the error for a *kind* called *name* from *package* that *other* has already.

    >>> print(clash("format", "html", "orgstrategy-pdf", "orgstrategy"))
    format 'html' from orgstrategy-pdf clashes with the format of that name from orgstrategy
    """
    return Error(
        f"{kind} {name!r} from {package} clashes with the {kind} of that name from {other}"
    )


class Registry(Generic[_T]):
    """Things by name, in the order they were registered; safe to use from several threads."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._lock = threading.Lock()
        self._items: dict[str, _T] = {}

    def register(self, item: _T) -> _T:
        """Add *item*; registering an equal item again is fine, a different one is an error."""
        with self._lock:
            existing = self._items.get(item.name)
            if existing is not None and existing != item:
                raise clash(self.kind, item.name, item.package, existing.package)
            self._items[item.name] = item
        return item

    def unregister(self, name: str) -> None:
        """Remove the item called *name*, if there is one."""
        with self._lock:
            self._items.pop(name, None)

    @contextlib.contextmanager
    def registered(self, *items: _T) -> Iterator[tuple[_T, ...]]:
        """Register *items* for the duration of a ``with`` block."""
        for item in items:
            self.register(item)
        try:
            yield items
        finally:
            for item in items:
                self.unregister(item.name)

    def values(self) -> tuple[_T, ...]:
        """Return every item, in the order registered."""
        with self._lock:
            return tuple(self._items.values())


#: The formats registered directly: the built-in ones and ``formats.register``'s.
FORMATS: Final[Registry[Format]] = Registry("format")
#: The lint rules registered directly: the built-in ones and ``lint.register``'s.
RULES: Final[Registry[Rule]] = Registry("lint rule")


class _PluginState:
    """The plugins installed (found once), added for a while, and whether they are off."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.installed: tuple[Plugin, ...] | None = None
        self.failures: tuple[PluginFailure, ...] = ()
        self.added: list[Plugin] = []
        self.disabled = 0


_PLUGINS: Final = _PluginState()


def _check(plugin: Plugin, accepted: list[Plugin]) -> None:
    import jsonschema  # only when a plugin is checked, so that importing stays cheap

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
    for other in accepted:
        if other.name == plugin.name:
            raise Error(
                f"plugin name {plugin.name!r} is claimed by both {other.package} "
                f"and {plugin.package}"
            )
    names: dict[str, str | None] = {format.name: format.package for format in FORMATS.values()}
    names.update({f.name: other.package for other in accepted for f in other.formats})
    for format in plugin.formats:
        if format.name in names:
            raise clash("format", format.name, plugin.package, names[format.name])
    from orgstrategy._lint_rules import BUILT_IN as BUILT_IN_RULES  # see _discover

    rules: dict[str, str | None] = {rule.name: "orgstrategy" for rule in BUILT_IN_RULES}
    rules.update({rule.name: rule.package for rule in RULES.values()})
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
    accepted: list[Plugin] = list(BUILT_IN_PLUGINS)
    failed: list[PluginFailure] = []
    # What discovery needs is imported when it first runs, not with orgstrategy:
    # importing the package stays cheap, and a run with plugins disabled never pays.
    import importlib.metadata

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
    return tuple(accepted[len(BUILT_IN_PLUGINS) :]), tuple(failed)


def load_plugins() -> tuple[Plugin, ...]:
    """Import and check every installed plugin, once per process; return those that work.

    Plugins that fail to import, are not a :class:`Plugin`, have an invalid
    schema or clash with another are skipped and listed by :func:`failures`.
    Returns nothing when plugins are disabled.
    """
    with _PLUGINS.lock:
        if _PLUGINS.disabled or os.environ.get(DISABLE_VARIABLE, "") not in ("", "0"):
            return ()
        if _PLUGINS.installed is None:
            _PLUGINS.installed, _PLUGINS.failures = _discover()
        return _PLUGINS.installed


def failures() -> tuple[PluginFailure, ...]:
    """Return the installed plugins that were skipped, each with the reason."""
    load_plugins()
    with _PLUGINS.lock:
        return _PLUGINS.failures if not _PLUGINS.disabled else ()


def available() -> Plugins:
    """Return the plugins in effect: built-in, installed, then added by :func:`registered`.

    This is the snapshot that the public entry points take and pass down.
    """
    installed = load_plugins()
    with _PLUGINS.lock:
        return (*BUILT_IN_PLUGINS, *installed, *_PLUGINS.added)


def in_effect(plugins: Iterable[Plugin] | None) -> Plugins:
    """Return *plugins* as a snapshot, or, for ``None``, the plugins :func:`available` gives.

    What each entry point does with its ``plugins=`` argument.
    """
    return available() if plugins is None else tuple(plugins)


@contextlib.contextmanager
def registered(*plugins: Plugin) -> Iterator[tuple[Plugin, ...]]:
    """Put *plugins* in effect for the duration of a ``with`` block, without installing them.

    For tests and scripts. The plugins are checked as installed ones are.

    Raises:
        Error: A plugin's schema is invalid or its name is taken.
    """
    with _PLUGINS.lock:
        accepted = list(available())
        for plugin in plugins:
            checked = _with_package(plugin, plugin.package or "<registered>", plugin.version)
            _check(checked, accepted)
            accepted.append(checked)
        added = accepted[len(accepted) - len(plugins) :]
        _PLUGINS.added.extend(added)
    try:
        yield tuple(added)
    finally:
        with _PLUGINS.lock:
            for plugin in added:
                _PLUGINS.added.remove(plugin)


@contextlib.contextmanager
def disabled() -> Iterator[None]:
    """Run a ``with`` block with no installed plugins in effect (the core alone)."""
    with _PLUGINS.lock:
        _PLUGINS.disabled += 1
    try:
        yield
    finally:
        with _PLUGINS.lock:
            _PLUGINS.disabled -= 1
