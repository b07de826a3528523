"""Applying changes: a diff's changes to a strategy, and JSON Patch between documents."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from orgstrategy._convert import CONVERTER
from orgstrategy._diff import escape_step, plain, split_path
from orgstrategy._model import Strategy

__all__ = ["apply_changes", "json_patch"]

_STATEMENTS = frozenset({"mission", "vision", "purpose", "ambition"})


def _is_element_list(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, dict) and "id" in item for item in value
    )


def _child(container: Any, step: str) -> Any:
    if isinstance(container, dict):
        return container[step]
    if _is_element_list(container):
        return next(item for item in container if item["id"] == step)
    return container[int(step)]


def _resolve(tree: Any, steps: list[str]) -> Any:
    for step in steps:
        tree = _child(tree, step)
    return tree


def _parent(tree: dict[str, Any], steps: list[str], *, create: type | None = None) -> Any:
    """Return the container of the last step.

    *create* makes a missing container: plain data leaves out empty lists and mappings.
    """
    node: Any = tree
    for step in steps[:-1]:
        if create is not None and isinstance(node, dict) and step not in node:
            node[step] = create()
        node = _child(node, step)
    return node


def _index(items: list[Any], step: str) -> int:
    if _is_element_list(items):
        return next(i for i, item in enumerate(items) if item["id"] == step)
    return int(step)


def apply_changes(strategy: Strategy, changes: Sequence[Any]) -> Strategy:
    """Return *strategy* with *changes* (a diff's, in its order) applied."""
    tree: dict[str, Any] = plain(strategy)
    position = 0
    while position < len(changes):
        change = changes[position]
        steps = split_path(change.path)
        if change.op in ("added", "moved") and change.to_index is not None:
            # A run of placements in one list: take the moved out, then place all.
            parent_path = change.path.rsplit("/", 1)[0]
            run = [change]
            while (
                position + len(run) < len(changes)
                and changes[position + len(run)].op in ("added", "moved")
                and changes[position + len(run)].to_index is not None
                and changes[position + len(run)].path.rsplit("/", 1)[0] == parent_path
            ):
                run.append(changes[position + len(run)])
            items = _parent(tree, steps, create=list)
            taken = {}
            for placement in run:
                if placement.op == "moved":
                    step = split_path(placement.path)[-1]
                    taken[step] = items.pop(_index(items, step))
            for placement in sorted(run, key=lambda c: c.to_index):
                step = split_path(placement.path)[-1]
                items.insert(
                    placement.to_index, taken[step] if placement.op == "moved" else placement.new
                )
            position += len(run)
            continue
        parent = _parent(tree, steps, create=dict if change.op == "added" else None)
        last = steps[-1]
        if change.op == "changed" and len(steps) == 1 and last in _STATEMENTS:
            statement = parent[last]
            if change.new is None:
                del statement["text"]
            else:
                statement["text"] = change.new
        elif change.op in ("changed", "added"):
            if isinstance(parent, list):
                index = _index(parent, last)
                if change.op == "added":
                    parent.insert(index, change.new)
                else:
                    parent[index] = change.new
            else:
                parent[last] = change.new
        else:  # removed
            if isinstance(parent, list):
                del parent[_index(parent, last)]
            else:
                del parent[last]
        position += 1
    return CONVERTER.structure(tree, Strategy)


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
