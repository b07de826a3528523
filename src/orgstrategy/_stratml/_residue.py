"""The residue: what a strategy says that StratML has no place for, as a JSON Patch.

The writer reads the StratML it built back (on the tree in memory) and compares
it with the strategy's full plain data: :func:`difference` gives the RFC 6902
operations that turn the one into the other, key by key and list item by list
item. :func:`encode` writes them, with the number of goals that are priorities
and of the organisation's stakeholders that are partners, as JSON after
:data:`RESIDUE_MARKER`; the reader finds them with :func:`split`
and applies them with :func:`restore`, each operation that does not apply (the
document was edited since) reported and left out.

Documents written before the residue was a JSON Patch carry a merge-patch-like
residue after :data:`RESIDUE_MARKER_1_0`; they read exactly as they did.

Imports: the JSON Patch engine (:mod:`orgstrategy._patch`), problems and paths;
not the diff, and nothing of StratML's XML.
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Callable, Mapping
from typing import Any, Final

from orgstrategy._errors import Problem, StrategyWarning
from orgstrategy._patch import PatchError, Pointer, Step, apply_operation
from orgstrategy._positions import format_path

__all__ = [
    "PARTNER_COUNT",
    "PRIORITY_COUNT",
    "RESIDUE_MARKER",
    "RESIDUE_MARKER_1_0",
    "Residue",
    "difference",
    "encode",
    "restore",
    "split",
]

#: What precedes the residue (JSON with a JSON Patch) in the root ``OtherInformation``.
RESIDUE_MARKER: Final = "[orgstrategy 1.1 residue] "
#: What preceded the residue before it was a JSON Patch; still read.
RESIDUE_MARKER_1_0: Final = "[orgstrategy 1.0 residue] "
#: The residue's key for how many of the goals are priorities. A key of the residue's
#: own JSON, as documents carry it: it stays whatever the model calls priorities.
PRIORITY_COUNT: Final = "priorities"
#: The residue's key for how many of the organisation's stakeholders (the last) are
#: partners; like :data:`PRIORITY_COUNT`, a key of the residue's own JSON.
PARTNER_COUNT: Final = "partners"

Report = Callable[[str], None]
Path = tuple[Step, ...]


class Residue:
    """A residue as found in a document: its marker and its JSON object."""

    __slots__ = ("content", "marker")

    def __init__(self, marker: str, content: dict[str, Any]) -> None:
        self.marker = marker
        self.content = content


# Writing ---------------------------------------------------------------------------------------


def _same(first: Any, second: Any) -> bool:
    """Whether two values that are not both containers are the same JSON value."""
    if type(first) is not type(second):
        return False
    if isinstance(first, float):  # 0.0 and -0.0 are written differently; NaN is itself
        return first == second or repr(first) == repr(second)
    return bool(first == second)


def difference(native: Any, full: Any, path: Path = ()) -> list[dict[str, Any]]:
    """Return the RFC 6902 operations that turn *native* into *full*.

    Mappings are compared key by key and lists of the same length item by item;
    any other difference replaces the value whole.

    >>> for operation in difference({"a": 1, "b": [1, 2]}, {"b": [1, 3], "c": {"d": None}}):
    ...     print(operation)
    {'op': 'replace', 'path': '/b/1', 'value': 3}
    {'op': 'add', 'path': '/c', 'value': {'d': None}}
    {'op': 'remove', 'path': '/a'}
    """
    if isinstance(native, dict) and isinstance(full, dict):
        operations: list[dict[str, Any]] = []
        for key, value in full.items():
            if key in native:
                operations += difference(native[key], value, (*path, key))
            else:
                operations.append({"op": "add", "path": str(Pointer((*path, key))), "value": value})
        for key in native:
            if key not in full:
                operations.append({"op": "remove", "path": str(Pointer((*path, key)))})
        return operations
    if isinstance(native, list) and isinstance(full, list) and len(native) == len(full):
        return [
            operation
            for index, (before, after) in enumerate(zip(native, full, strict=True))
            for operation in difference(before, after, (*path, index))
        ]
    if (
        isinstance(native, (dict, list))
        or isinstance(full, (dict, list))
        or not _same(native, full)
    ):
        return [{"op": "replace", "path": str(Pointer(path)), "value": full}]
    return []


def _portable(value: Any, path: Path, dropped: list[Problem]) -> Any:
    """Return *value* without what JSON cannot hold, noting in *dropped* each part left out."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    if isinstance(value, Mapping) and all(isinstance(key, str) for key in value):
        return {key: _portable(item, (*path, key), dropped) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_portable(item, (*path, index), dropped) for index, item in enumerate(value)]
    dropped.append(
        Problem(
            message=f"StratML cannot carry {type(value).__name__} {value!r}; it was left out",
            code="stratml-dropped",
            path=format_path(path),
            severity="warning",
        )
    )
    return None


def encode(priorities: int, operations: list[dict[str, Any]], partners: int = 0) -> str:
    """Return the residue as text for ``OtherInformation``: the marker, then JSON.

    *priorities* and *partners* say how many of the goals are priorities, and how
    many of the organisation's stakeholders are partners (the last, of each).

    Anything that JSON cannot hold is left out with a
    :class:`~orgstrategy.StrategyWarning` (code ``stratml-dropped``).
    """
    dropped: list[Problem] = []
    patch = [
        {**operation, "value": _portable(operation["value"], steps, dropped)}
        if "value" in operation
        else operation
        for operation in operations
        for steps in (Pointer.parse(operation["path"]).steps,)
    ]
    for problem in dropped:
        warnings.warn(StrategyWarning(problem), stacklevel=3)
    residue: dict[str, Any] = {}
    if priorities:
        residue[PRIORITY_COUNT] = priorities
    if partners:
        residue[PARTNER_COUNT] = partners
    if patch:
        residue["patch"] = patch
    encoded = json.dumps(residue, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    # Written compactly, JSON has "] " only in strings: escaped there, no marker is in it.
    return RESIDUE_MARKER + encoded.replace("] ", "]\\u0020")


# Reading ---------------------------------------------------------------------------------------


def split(text: str) -> tuple[str, str, str] | None:
    """Return the text before the residue in *text*, the residue's marker and its JSON, if any."""
    found = max((text.rfind(marker), marker) for marker in (RESIDUE_MARKER, RESIDUE_MARKER_1_0))
    at, marker = found
    if at < 0:
        return None
    return text[:at], marker, text[at + len(marker) :]


def restore(data: dict[str, Any], residue: Residue, report: Report) -> Any:
    """Return *data* with *residue*'s operations applied; each that does not apply is reported."""
    if residue.marker == RESIDUE_MARKER_1_0:
        return _apply_1_0(data, residue.content.get("patch", {}), report)
    patch = residue.content.get("patch", [])
    if not isinstance(patch, list):
        report("the residue's patch is not a list of JSON Patch operations; it was ignored")
        return data
    document: Any = data
    for number, operation in enumerate(patch, start=1):
        try:
            patched = apply_operation(document, operation)
        except PatchError as error:
            report(f"the residue's operation {number} does not apply ({error}); it was ignored")
            continue
        if not isinstance(patched, dict):
            report(f"the residue's operation {number} replaces the plan whole; it was ignored")
            continue
        document = patched
    return document


# The residue before 1.1: a patch of mappings and list indexes, ``None`` removing a key,
# a plugin's extensions replaced whole (``{"replace": ...}``).


def _apply_1_0(value: Any, patch: Any, report: Report) -> Any:
    """Return *value* with a residue 1.0 *patch* applied."""
    if isinstance(patch, dict) and isinstance(value, dict):
        for key, change in patch.items():
            if key == "extensions" and isinstance(change, dict):
                value[key] = _apply_extensions_1_0(value.get(key, {}), change, report)
            elif change is None:
                value.pop(key, None)
            elif key in value:
                value[key] = _apply_1_0(value[key], change, report)
            else:
                value[key] = change
        return value
    if isinstance(patch, dict) and isinstance(value, list):
        for key, change in patch.items():
            if key.isascii() and key.isdigit() and int(key) < len(value):
                value[int(key)] = _apply_1_0(value[int(key)], change, report)
            else:
                report(
                    f"the residue patches item {key!r} of a list of {len(value)}; it was ignored"
                )
        return value
    return patch


def _apply_extensions_1_0(value: Any, patch: dict[str, Any], report: Report) -> Any:
    if "replace" in patch:
        return patch["replace"]
    stratml = value.get("stratml", {}) if isinstance(value, dict) else {}
    return {**value, "stratml": _apply_1_0(stratml, patch.get("stratml"), report)}
