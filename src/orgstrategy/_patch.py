"""Applying changes: a diff's changes to a strategy, and JSON Patch between documents."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from orgstrategy._convert import converter
from orgstrategy._diff import escape_step, plain, split_path
from orgstrategy._model import Strategy

__all__ = ["apply_changes", "json_patch"]

_STATEMENTS = frozenset({"mission", "vision", "purpose", "ambition"})


def _is_element_list(items: list[Any]) -> bool:
    return bool(items) and _is_element(items[0])


class _Tree:
    """A strategy's plain data being changed, with each element list indexed by id."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self._by_id: dict[int, dict[str, Any]] = {}

    def _elements(self, items: list[Any]) -> dict[str, Any]:
        found = self._by_id.get(id(items))
        if found is None:
            found = self._by_id[id(items)] = {item["id"]: item for item in items}
        return found

    def forget(self, items: Any) -> None:
        """Drop the index of *items*, which has changed."""
        self._by_id.pop(id(items), None)

    def child(self, container: Any, step: str) -> Any:
        if isinstance(container, dict):
            return container[step]
        if _is_element_list(container):
            return self._elements(container)[step]
        return container[int(step)]

    def parent(self, steps: list[str], *, create: type | None = None) -> Any:
        """Return the container of the last step.

        *create* makes a missing container: plain data leaves out empty lists and mappings.
        """
        node: Any = self.data
        for step in steps[:-1]:
            if create is not None and isinstance(node, dict) and step not in node:
                node[step] = create()
            node = self.child(node, step)
        return node

    def place(self, run: list[Any]) -> None:
        """Apply a run of additions and moves in one list, in new-position order."""
        items = self.parent(split_path(run[0].path), create=list)
        moving = {split_path(c.path)[-1] for c in run if c.op == "moved"}
        taken = {item["id"]: item for item in items if item["id"] in moving} if moving else {}
        if taken:
            items[:] = [item for item in items if item["id"] not in taken]
        for placement in sorted(run, key=lambda c: c.to_index):
            step = split_path(placement.path)[-1]
            items.insert(
                placement.to_index, taken[step] if placement.op == "moved" else placement.new
            )
        self.forget(items)

    def remove_elements(self, run: list[Any]) -> None:
        """Apply a run of removals of elements from one list."""
        items = self.parent(split_path(run[0].path))
        gone = {split_path(c.path)[-1] for c in run}
        items[:] = [item for item in items if item["id"] not in gone]
        self.forget(items)

    def apply(self, change: Any) -> None:
        """Apply one change that is not a placement or an element removal."""
        steps = split_path(change.path)
        create = None if change.op != "added" else list if change.to_index is not None else dict
        parent = self.parent(steps, create=create)
        last = steps[-1]
        if change.op == "changed" and len(steps) == 1 and last in _STATEMENTS:
            # A statement's text changes at the statement itself.
            if change.new is None:
                del parent[last]["text"]
            else:
                parent[last]["text"] = change.new
        elif isinstance(parent, list):  # a list without ids: by position
            if change.op == "added":
                parent.insert(int(last), change.new)
            elif change.op == "changed":
                parent[int(last)] = change.new
            else:
                del parent[int(last)]
        elif change.op == "removed":
            del parent[last]
        else:
            parent[last] = change.new
            if last == "id":  # an element renamed with its derived id: re-index its list
                self.forget(self.parent(steps[:-1]))


def _run(changes: Sequence[Any], start: int, same: Any) -> list[Any]:
    """Return the changes from *start* on that *same* accepts and share its list."""
    first = changes[start]
    parent = first.path.rsplit("/", 1)[0]
    run = [first]
    while start + len(run) < len(changes):
        following = changes[start + len(run)]
        if not same(following) or following.path.rsplit("/", 1)[0] != parent:
            break
        run.append(following)
    return run


def _is_element(value: Any) -> bool:
    # In plain data every element has its id, and nothing else has one.
    return isinstance(value, dict) and "id" in value


def _is_placement(change: Any) -> bool:
    return change.op == "moved" or (change.op == "added" and _is_element(change.new))


def _is_element_removal(change: Any) -> bool:
    return change.op == "removed" and change.from_index is not None and _is_element(change.old)


def apply_changes(strategy: Strategy, changes: Sequence[Any]) -> Strategy:
    """Return *strategy* with *changes* (a diff's, in its order) applied."""
    tree = _Tree(plain(strategy))
    position = 0
    while position < len(changes):
        change = changes[position]
        if _is_placement(change):
            run = _run(changes, position, _is_placement)
            tree.place(run)
        elif _is_element_removal(change):
            run = _run(changes, position, _is_element_removal)
            tree.remove_elements(run)
        else:
            run = [change]
            tree.apply(change)
        position += len(run)
    return converter().structure(tree.data, Strategy)


def _key(item: Any) -> Any:
    if isinstance(item, dict):
        return ("id", item["id"]) if "id" in item else ("name", item.get("name"), item.get("title"))
    return ("value", repr(item))


def json_patch(old: Any, new: Any, path: str = "") -> list[dict[str, Any]]:
    """Return RFC 6902 operations that turn the JSON value *old* into *new*."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        ops: list[dict[str, Any]] = []
        for key in old:
            if key not in new:
                ops.append({"op": "remove", "path": f"{path}/{escape_step(key)}"})
        for key, value in new.items():
            if key in old:
                ops.extend(json_patch(old[key], value, f"{path}/{escape_step(key)}"))
            else:
                ops.append({"op": "add", "path": f"{path}/{escape_step(key)}", "value": value})
        return ops
    if isinstance(old, list) and isinstance(new, list):
        return _list_patch(old, new, path)
    return [{"op": "replace", "path": path, "value": new}]


def _list_patch(old: list[Any], new: list[Any], path: str) -> list[dict[str, Any]]:
    old_keys, new_keys = [_key(item) for item in old], [_key(item) for item in new]
    if len(set(old_keys)) != len(old_keys) or len(set(new_keys)) != len(new_keys):
        return [{"op": "replace", "path": path, "value": new}]
    wanted = set(new_keys)
    ops: list[dict[str, Any]] = []
    current = list(old_keys)
    values = dict(zip(old_keys, old, strict=True))
    for index in range(len(old_keys) - 1, -1, -1):
        if old_keys[index] not in wanted:
            ops.append({"op": "remove", "path": f"{path}/{index}"})
            del current[index]
    for index, key in enumerate(new_keys):
        if key not in values:
            ops.append({"op": "add", "path": f"{path}/{index}", "value": new[index]})
            current.insert(index, key)
            continue
        if current[index] != key:
            source = current.index(key)
            ops.append({"op": "move", "from": f"{path}/{source}", "path": f"{path}/{index}"})
            current.insert(index, current.pop(source))
        ops.extend(json_patch(values[key], new[index], f"{path}/{index}"))
    return ops
