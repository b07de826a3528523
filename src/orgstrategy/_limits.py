"""Bounds on what a document may cost to read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import attrs

from orgstrategy._errors import Error

__all__ = ["MAXIMA", "Limits", "exceeded", "too_many_elements"]

#: The largest value each bound takes: beyond them a bound protects nothing.
MAXIMA: Final = {
    "max_bytes": 1 << 30,
    "max_depth": 256,
    "max_nodes": 100_000_000,
    "max_elements": 100_000_000,
}


def _whole_number(maximum: int) -> Callable[[Any, attrs.Attribute[int], Any], None]:
    def check(_: Any, attribute: attrs.Attribute[int], value: Any) -> None:
        name = attribute.name
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"Limits({name}=...) takes a whole number, not {value!r}")
        if not 1 <= value <= maximum:
            raise Error(
                f"Limits({name}={value}) is out of range: give a whole number from 1 to {maximum:,}"
            )

    return check


@attrs.frozen(kw_only=True)
class Limits:
    """Bounds that stop a hostile or broken document from costing time or memory.

    A document over any bound is invalid, with a ``too-large`` or ``too-deep``
    problem located where the bound was crossed, naming the bound. Reading stops
    there: nothing past it is built. With the defaults, reading any document
    costs at most a second or two and a few hundred megabytes on a small
    machine (``benchmarks/bounds.py`` measures it), and they are far above what
    real strategies need: the largest we know, a 1.5 MB StratML performance plan,
    has 42,000 XML elements, which read as 28,000 values and 2,500 elements.

    Attributes:
        max_bytes: The largest input, in bytes of UTF-8 (at most 1 GiB).
        max_depth: The deepest nesting of mappings and lists (of elements, in XML;
            at most 256).
        max_nodes: The most values in a document: mappings, lists and scalars,
            mapping keys included, counting every use of a YAML alias as a copy
            of what it names, so an "alias bomb" is refused before anything
            expands it. In XML (StratML), the most elements and attributes.
        max_elements: The most elements in a document: every item of its lists
            of goals, priorities, objectives, measures, results, outcomes,
            values, principles, stakeholders, ... (outside extensions). Each
            becomes an object with an id, so they cost more than other values.

    Raises:
        TypeError: A bound is not a whole number (``1.5``, ``True``).
        Error: A bound is below 1 or above its maximum.

    >>> Limits().max_nodes
    200000
    >>> Limits(max_bytes=1_000).max_bytes
    1000
    >>> try:
    ...     Limits(max_depth=300)
    ... except Error as error:
    ...     print(error)
    Limits(max_depth=300) is out of range: give a whole number from 1 to 256
    """

    max_bytes: int = attrs.field(
        default=16 * 1024 * 1024, validator=_whole_number(MAXIMA["max_bytes"])
    )
    max_depth: int = attrs.field(default=64, validator=_whole_number(MAXIMA["max_depth"]))
    max_nodes: int = attrs.field(default=200_000, validator=_whole_number(MAXIMA["max_nodes"]))
    max_elements: int = attrs.field(default=20_000, validator=_whole_number(MAXIMA["max_elements"]))


def exceeded(bound: str, limit: int, what: str) -> str:
    """Return the message for a document with more of *what* than the bound *bound* allows.

    >>> exceeded("max_nodes", 200_000, "values")
    'the document has more than 200,000 values; raise Limits(max_nodes=...) if it is genuine'
    """
    return (
        f"the document has more than {limit:,} {what}; raise Limits({bound}=...) if it is genuine"
    )


def too_many_elements(limits: Limits) -> str:
    """Return the message for a document with more elements than *limits* allow."""
    what = "elements (goals, objectives, measures, results, values, ...)"
    return exceeded("max_elements", limits.max_elements, what)
