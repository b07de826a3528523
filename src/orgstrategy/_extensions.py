"""Plugin sections inside documents: who claims which namespace where, and checking them.

A namespace under ``extensions`` is *claimed* at a place (the strategy, the
organisation, or an element kind) when a plugin in effect applies there. A
claimed section is checked against its plugin's schema and, if the plugin has a
model, structured into it; an unclaimed one stays plain data and earns a warning.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final

from orgstrategy._model import ELEMENT_KINDS
from orgstrategy._positions import Path

if TYPE_CHECKING:
    import jsonschema.protocols

    from orgstrategy.plugins import Plugin

__all__ = ["claims", "section_validator", "unclaimed"]

_STATEMENTS: Final = frozenset(("mission", "vision", "purpose", "ambition", "compact"))


def _active() -> tuple[Plugin, ...]:
    from orgstrategy.plugins import available

    return available()


@functools.lru_cache(maxsize=8)
def _claims(plugins: tuple[Plugin, ...]) -> Mapping[str, Mapping[str, Plugin]]:
    found: dict[str, dict[str, Plugin]] = {}
    for plugin in plugins:
        for place in plugin.applies_to:
            found.setdefault(place, {})[plugin.name] = plugin
    return found


def claims(place: str) -> Mapping[str, Plugin]:
    """Return the plugins in effect at *place*, by namespace."""
    return _claims(_active()).get(place, {})


def section_validator(plugin: Plugin) -> jsonschema.protocols.Validator:
    """Return the compiled validator of *plugin*'s schema (built once per set of plugins)."""
    from orgstrategy._check import section_validator

    return section_validator(plugin)


def _walk(data: Any, place: str | None, path: Path) -> Iterator[tuple[Path, str, str]]:
    if type(data) is not dict:
        return
    extensions = data.get("extensions")
    if place is not None and type(extensions) is dict:
        claimed = claims(place)
        for name in extensions:
            if name not in claimed:
                yield (*path, "extensions", name), name, place
    for key, value in data.items():
        if key == "organisation":
            yield from _walk(value, "organisation", (*path, key))
        elif key in _STATEMENTS:
            yield from _walk(value, None, (*path, key))
        elif key in ELEMENT_KINDS and type(value) is list:
            for index, item in enumerate(value):
                yield from _walk(item, ELEMENT_KINDS[key], (*path, key, index))


def unclaimed(data: Any) -> list[tuple[Path, str, str]]:
    """Return each namespace in the document *data* that no plugin in effect claims.

    Each is given as the path of its key, its name and the place it is at.
    """
    return list(_walk(data, "strategy", ()))
