"""A thread-safe registry of named things: the one shape the formats and the lint rules share."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Generic, Protocol, TypeVar

from orgstrategy._errors import Error

__all__ = ["Registry", "clash"]


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
