"""Three-way merge of strategies: what two branches did to one base, together.

The merge is of the model, not the lines: both versions are compared with the
base as :func:`orgstrategy.diff` compares them, elements by id (an element whose
id changed, as a derived id does when its name is reworded, is the same element
on both sides), fields one by one. Each place changed on one side only takes
that side's change; each changed alike on both takes it once; a place changed
differently on the two sides is a conflict, written at the place as the three
versions (:mod:`orgstrategy._conflicts`), which ``orgstrategy validate`` reports
at its line. The order of a list follows the side that reordered it (ours where
both did), and an element added on one side goes after the element it follows
there (ours before theirs where both added after the same one).

Lists without ids (a statement's points, sources, results, references) are
values: changed on both sides differently, they are a conflict as a whole.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Final

import attrs
import cattrs

from orgstrategy import _registry
from orgstrategy._conflicts import find, marker, resolved
from orgstrategy._convert import converter
from orgstrategy._diff import diff, primitive
from orgstrategy._document import to_data
from orgstrategy._model import Strategy
from orgstrategy._patch import Step
from orgstrategy._plain import plain
from orgstrategy._plugin import Plugins

__all__ = ["Merged", "merge"]

_MISSING: Final[Any] = object()
_EXTENSIONS: Final = "extensions"
_ID: Final = "id"


@attrs.frozen(kw_only=True)
class Merged:
    """The result of a three-way merge.

    Attributes:
        data: The merged document's data, in canonical form (what
            :func:`~orgstrategy.to_data` gives); where there are conflicts, with
            each one marked at its place.
        conflicts: Where the two sides changed one place differently, as steps in
            the merged document (keys and list positions).
        strategy: The merged strategy, if there are no conflicts and the changes
            of the two sides make one together.
    """

    data: dict[str, Any]
    conflicts: tuple[tuple[Step, ...], ...]
    strategy: Strategy | None


def _same(one: Any, other: Any) -> bool:
    # JSON text tells 1 from True and 1.0, as == does not.
    if one is _MISSING or other is _MISSING:
        return one is other
    return one == other and json.dumps(one, sort_keys=True) == json.dumps(other, sort_keys=True)


def _is_elements(*values: Any) -> bool:
    lists = [value for value in values if value is not _MISSING]
    return all(
        isinstance(value, list) and all(isinstance(item, dict) and _ID in item for item in value)
        for value in lists
    ) and any(lists)


def _renames(old: Strategy, new: Strategy) -> dict[tuple[Step, ...], dict[str, str]]:
    """Return, for each list (by its path in *new*), the new ids of elements that had others."""
    found: dict[tuple[Step, ...], dict[str, str]] = {}
    for change in primitive(diff(old, new).changes):
        steps = change.steps
        if change.op == "changed" and len(steps) >= 3 and steps[-1] == _ID:
            found.setdefault(steps[:-2], {})[change.new] = change.old
    return found


class _Merger:
    def __init__(
        self,
        ours_renamed: dict[tuple[Step, ...], dict[str, str]],
        theirs_renamed: dict[tuple[Step, ...], dict[str, str]],
    ) -> None:
        self.renamed = (ours_renamed, theirs_renamed)
        self.conflicts: list[tuple[Step, ...]] = []  # by keys and positions in the merged data

    def conflict(self, base: Any, ours: Any, theirs: Any, where: tuple[Step, ...]) -> Any:
        self.conflicts.append(where)
        shown = [None if value is _MISSING else value for value in (ours, base, theirs)]
        return marker(*shown)

    def merge(
        self, base: Any, ours: Any, theirs: Any, where: tuple[Step, ...], sides: tuple[Any, Any]
    ) -> Any:
        """Return the merge of one place; *sides* are its paths in ours and in theirs."""
        if _same(ours, theirs) or _same(theirs, base):
            return ours
        if _same(ours, base):
            return theirs
        if where and where[-1] == _EXTENSIONS:  # free-form: a conflict is of the whole
            return self.conflict(base, ours, theirs, where)
        if all(isinstance(value, dict) for value in (ours, theirs)) and (
            base is _MISSING or isinstance(base, dict)
        ):
            return self.mapping({} if base is _MISSING else base, ours, theirs, where, sides)
        if _is_elements(base, ours, theirs) and ours is not _MISSING and theirs is not _MISSING:
            return self.elements([] if base is _MISSING else base, ours, theirs, where, sides)
        return self.conflict(base, ours, theirs, where)

    def mapping(
        self,
        base: dict[str, Any],
        ours: dict[str, Any],
        theirs: dict[str, Any],
        where: tuple[Step, ...],
        sides: tuple[Any, Any],
    ) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        keys = [*ours, *(key for key in theirs if key not in ours)]
        keys += [key for key in base if key not in keys]
        element = _ID in ours and _ID in theirs  # its id is merged last: it follows the name
        for key in keys:
            if element and key == _ID:
                continue
            value = self.merge(
                base.get(key, _MISSING),
                ours.get(key, _MISSING),
                theirs.get(key, _MISSING),
                (*where, key),
                ((*sides[0], key), (*sides[1], key)),
            )
            if value is not _MISSING:
                merged[key] = value
        if not element:
            return merged
        was, mine, yours = base.get(_ID, _MISSING), ours[_ID], theirs[_ID]
        if mine == yours or yours == was:
            chosen = mine
        elif mine == was:
            chosen = yours
        elif (*where, "name") in self.conflicts:  # the name's conflict says it
            chosen = mine
        else:
            chosen = self.conflict(was, mine, yours, (*where, _ID))
        return {_ID: chosen, **merged}

    def elements(
        self,
        base: list[dict[str, Any]],
        ours: list[dict[str, Any]],
        theirs: list[dict[str, Any]],
        where: tuple[Step, ...],
        sides: tuple[Any, Any],
    ) -> list[Any]:
        """Merge two lists of elements, each element by the id the base knows it by."""
        known = [self.renamed[n].get(tuple(sides[n]), {}) for n in (0, 1)]
        by_side = [
            {known[n].get(item[_ID], item[_ID]): item for item in items}
            for n, items in enumerate((ours, theirs))
        ]
        bases = {item[_ID]: item for item in base}
        merged: list[Any] = []
        for key in _order(list(bases), [list(by_side[0]), list(by_side[1])]):
            mine, yours = by_side[0].get(key, _MISSING), by_side[1].get(key, _MISSING)
            ours_at = (*sides[0], mine[_ID] if mine is not _MISSING else key)
            theirs_at = (*sides[1], yours[_ID] if yours is not _MISSING else key)
            value = self.merge(
                bases.get(key, _MISSING), mine, yours, (*where, len(merged)), (ours_at, theirs_at)
            )
            if value is not _MISSING:
                merged.append(value)
        return merged


def _order(base: list[str], sides: list[list[str]]) -> list[str]:
    """Return the merged order of a list's ids (by the base's ids), those removed included.

    The ids every version has keep the order of the side that changed it (ours
    where both did); each other one goes before the id it comes before on its
    side, or last if none, ours before theirs.
    """
    everywhere = set(base).intersection(*sides)
    common = [[key for key in keys if key in everywhere] for keys in (base, *sides)]
    placed = list(common[2] if common[1] == common[0] else common[1])
    there = set(placed)
    for keys in (*sides, base):
        for index, key in enumerate(keys):
            if key in there:
                continue
            after = next((k for k in keys[index + 1 :] if k in there), None)
            placed.insert(len(placed) if after is None else placed.index(after), key)
            there.add(key)
    return placed


def merge(
    base: Strategy, ours: Strategy, theirs: Strategy, *, plugins: Plugins | None = None
) -> Merged:
    r"""Return the three-way merge of *ours* and *theirs*, two versions of *base*.

    >>> import orgstrategy
    >>> head = 'orgstrategy: "1.1"\norganisation: {name: Here}\n'
    >>> base = orgstrategy.loads(head + "goals: [Care, Homes]")
    >>> ours = orgstrategy.loads(head + "goals: [Care, Homes, Jobs]")
    >>> theirs = orgstrategy.loads(head + "goals: [Homes, Care, Schools]")
    >>> [goal.name for goal in merge(base, ours, theirs).strategy.goals]
    ['Homes', 'Care', 'Jobs', 'Schools']

    Args:
        base: The version both started from.
        ours: The version of the branch merged into.
        theirs: The version of the branch merged in.
        plugins: The plugins in effect, for the sections of ``extensions`` they claim.
    """
    merger = _Merger(_renames(base, ours), _renames(base, theirs))
    data = merger.merge(plain(base), plain(ours), plain(theirs), (), ((), ()))
    conflicts = merger.conflicts
    if not conflicts:
        strategy = _structured(data, plugins)
        if strategy is not None:
            return Merged(data=to_data(strategy), conflicts=(), strategy=strategy)
    return Merged(data=_written(data, plugins, ours), conflicts=tuple(conflicts), strategy=None)


def _structured(data: Any, plugins: Plugins | None) -> Strategy | None:
    try:
        strategy: Strategy = converter(_registry.in_effect(plugins)).structure(data, Strategy)
    except (ValueError, TypeError, cattrs.BaseValidationError):
        return None
    return strategy


def _written(data: Any, plugins: Plugins | None, ours: Strategy) -> dict[str, Any]:
    """Return merged plain data with its conflicts as a document: canonical where it can be.

    The rest of the document is written as :func:`~orgstrategy.dumps` writes it
    (the conflicts resolved as ``validate`` reads them), and each conflict put
    back at its place; if even that is no strategy, the data is written as it is.
    """
    version = to_data(ours)["orgstrategy"]
    strategy = _structured(resolved(data), plugins)
    if strategy is None:
        return {"orgstrategy": version, **data}
    canonical = to_data(strategy)
    for steps, conflict in find(data):
        _put(canonical, plain(strategy), steps, conflict)
    return canonical


def _put(canonical: Any, shaped: Any, steps: Sequence[Step], conflict: Any) -> None:
    """Put *conflict* at *steps* in *canonical*, writing out what is written short on the way.

    *shaped* is the same strategy's plain data, in which every element is a mapping.
    """
    node, shape = canonical, shaped
    for step in steps[:-1]:
        if isinstance(node[step], str):  # written short: a name, or a statement's text
            node[step] = {("name" if "name" in shape[step] else "text"): node[step]}
        node, shape = node[step], shape[step]
    node[steps[-1]] = conflict
