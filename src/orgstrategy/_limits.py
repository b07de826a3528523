"""Bounds on what a document may cost to read."""

from __future__ import annotations

import attrs

__all__ = ["Limits"]


def _positive(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise ValueError(f"{attribute.name} must be at least 1, not {value}")


@attrs.frozen(kw_only=True)
class Limits:
    """Bounds that stop a hostile or broken document from costing time or memory.

    A document over any bound is invalid, with a problem that names the bound.
    The defaults are far above what any real strategy needs.

    Attributes:
        max_bytes: The largest input, in bytes of UTF-8.
        max_depth: The deepest nesting of mappings and lists.
        max_nodes: The most values (mappings, lists and scalars) in a document,
            counting every use of a YAML alias as a copy of what it names, so an
            "alias bomb" is refused before anything expands it.

    >>> Limits().max_depth
    64
    >>> Limits(max_bytes=1_000).max_bytes
    1000
    """

    max_bytes: int = attrs.field(default=16 * 1024 * 1024, validator=_positive)
    max_depth: int = attrs.field(default=64, validator=_positive)
    max_nodes: int = attrs.field(default=1_000_000, validator=_positive)
