"""What a plugin is: the :class:`Plugin` type, where it may apply, and the built-in one.

This module defines the type only; which plugins are in effect is the registry's
business (:mod:`orgstrategy._registry`), and finding installed ones is
:mod:`orgstrategy.plugins`'. The layers below take the plugins in effect as an
argument, a tuple of :class:`Plugin`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs

from orgstrategy import _model
from orgstrategy._schema import core_keys

if TYPE_CHECKING:
    from orgstrategy._lint_types import Rule
    from orgstrategy.formats import Format

__all__ = ["BUILT_IN", "PLACES", "Plugin", "PluginFailure", "Plugins"]

#: Where a plugin's namespace may appear: the strategy, the organisation, or an element kind.
PLACES: Final = tuple(
    found for cls in _model.model_classes() if (found := _model.place(cls)) is not None
)
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


#: The plugins in effect, as the layers below the registry take them: a snapshot.
Plugins = tuple[Plugin, ...]
