"""Merge conflicts written into a document as data, and found in it again.

A three-way merge (``orgstrategy merge-driver``) that cannot choose between two
edits of one place writes, at that place, a mapping of the three versions:

.. code-block:: yaml

   vision:
     "<<<<<<< ours": Everyone well cared for
     "||||||| base": Care for all
     ">>>>>>> theirs": Care for everyone

(quoted: in YAML, ``|`` and ``>`` start a block of text). The document stays
YAML (and JSON) that every tool reads; ``orgstrategy
validate`` reports each such mapping as a ``merge-conflict`` error at its line,
and checks the rest of the document as if the place held one of the versions.
Keep one version, as the value of the place, and delete the mapping.

It imports nothing of orgstrategy: reading and the model know nothing of merges.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

__all__ = ["BASE", "KEYS", "OURS", "THEIRS", "chosen", "find", "is_marker", "marker", "resolved"]

#: The keys of a conflict's mapping: the version of the branch merged into, ...
OURS: Final = "<<<<<<< ours"
#: ... the version both branches started from (``null`` where it had nothing) ...
BASE: Final = "||||||| base"
#: ... and the version of the branch merged in.
THEIRS: Final = ">>>>>>> theirs"
#: The three keys together.
KEYS: Final = frozenset({OURS, BASE, THEIRS})

Path = tuple[str | int, ...]


def marker(ours: Any, base: Any, theirs: Any) -> dict[str, Any]:
    """Return the mapping that marks a conflict between *ours* and *theirs* (``None``: absent).

    >>> marker("Care for everyone", "Care for all", None)
    {'<<<<<<< ours': 'Care for everyone', '||||||| base': 'Care for all', '>>>>>>> theirs': None}
    """
    return {OURS: ours, BASE: base, THEIRS: theirs}


def is_marker(value: Any) -> bool:
    """Return whether *value* is a conflict's mapping."""
    return isinstance(value, dict) and value.keys() == KEYS


def chosen(conflict: dict[str, Any]) -> Any:
    """Return the version a conflict stands for meanwhile: ours, or the first there is."""
    for key in (OURS, THEIRS, BASE):
        if conflict[key] is not None:
            return conflict[key]
    return None


def find(data: Any, path: Path = ()) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Yield the path and the mapping of every conflict in plain *data*, in document order.

    >>> list(find({"goals": [{"name": marker("A", "B", "C")}]}))[0][0]
    ('goals', 0, 'name')
    """
    if is_marker(data):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from find(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from find(value, (*path, index))


def resolved(data: Any) -> Any:
    """Return *data* with each conflict replaced by the version it stands for (:func:`chosen`).

    A conflict with no version at all is left out.

    >>> resolved({"vision": marker(None, "Care", "Care for all"),
    ...           "values": [marker(None, None, None)]})
    {'vision': 'Care for all', 'values': []}
    """
    if is_marker(data):
        return resolved(chosen(data))
    if isinstance(data, dict):
        return {
            key: resolved(value)
            for key, value in data.items()
            if not (is_marker(value) and chosen(value) is None)
        }
    if isinstance(data, list):
        return [
            resolved(value) for value in data if not (is_marker(value) and chosen(value) is None)
        ]
    return data
