"""Plugin sections inside documents: who claims which namespace where.

A namespace under ``extensions`` is *claimed* at a place (the strategy, the
organisation, or an element kind) when a plugin in effect applies there. A
claimed section is checked against its plugin's schema and, if the plugin has a
model, structured into it (see :mod:`orgstrategy._convert`); an unclaimed one
stays plain data and earns a warning. The plugins in effect are an argument.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from orgstrategy._model import Strategy, nested, place
from orgstrategy._positions import Path

if TYPE_CHECKING:
    from orgstrategy._plugin import Plugin, Plugins

__all__ = ["claims", "unclaimed"]


@functools.lru_cache(maxsize=8)
def _claims(plugins: Plugins) -> Mapping[str, Mapping[str, Plugin]]:
    found: dict[str, dict[str, Plugin]] = {}
    for plugin in plugins:
        for where in plugin.applies_to:
            found.setdefault(where, {})[plugin.name] = plugin
    return found


def claims(place: str, plugins: Plugins) -> Mapping[str, Plugin]:
    """Return the plugins of *plugins* that apply at *place*, by namespace."""
    return _claims(tuple(plugins)).get(place, {})


def _walk(data: Any, cls: type, path: Path, plugins: Plugins) -> Iterator[tuple[Path, str, str]]:
    if type(data) is not dict:
        return
    where = place(cls)
    extensions = data.get("extensions")
    if where is not None and type(extensions) is dict:
        claimed = claims(where, plugins)
        for name in extensions:
            if name not in claimed:
                yield (*path, "extensions", name), name, where
    for field in nested(cls):
        value = data.get(field.name)
        if not field.many:
            yield from _walk(value, field.item, (*path, field.name), plugins)
        elif type(value) is list:
            for index, item in enumerate(value):
                yield from _walk(item, field.item, (*path, field.name, index), plugins)


def unclaimed(data: Any, plugins: Plugins) -> list[tuple[Path, str, str]]:
    """Return each namespace in the document *data* that none of *plugins* claims.

    Each is given as the path of its key, its name and the place it is at.
    """
    return list(_walk(data, Strategy, (), plugins))
