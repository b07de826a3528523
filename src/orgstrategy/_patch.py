"""JSON Patch (RFC 6902): the one engine that applies changes and writes them down.

Three things use it, and every operation any of them makes is applied by the one
applier here (:func:`apply_operation`):

* :meth:`Diff.apply <orgstrategy.Diff.apply>`: :func:`changes_applied` turns a
  diff's changes, in their order, into operations on the strategy's
  :func:`~orgstrategy._plain.plain` data (where every element has its id, so a
  change's path can be followed) and applies each;
* :meth:`Diff.to_json_patch <orgstrategy.Diff.to_json_patch>`: :func:`json_patch`
  takes those same operations and writes each for the canonical JSON form of the
  documents (:func:`orgstrategy.to_data`), where an element or a statement may be
  written short, an id left out and an empty list or mapping left out;
* the StratML residue (:mod:`orgstrategy._stratml._residue`): the operations that
  turn what a StratML document reads back as into the full strategy.

A path is a tuple of steps: keys, list indexes (``int``) and, in a diff's changes,
element ids (``str`` steps into a list of elements). :class:`Pointer` is its JSON
Pointer text. Changes are taken by their fields (``op``, ``steps``, ``old``,
``new``, ``from_index``, ``to_index``), so this module imports nothing of
orgstrategy's: the diff, the StratML package and the command line build on it.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any, Final, SupportsIndex

__all__ = [
    "PatchError",
    "Pointer",
    "Step",
    "apply",
    "apply_operation",
    "changes_applied",
    "escape_step",
    "json_patch",
    "split_path",
]

Step = str | int
Path = tuple[Step, ...]

_MISSING: Final[Any] = object()


def escape_step(step: Step) -> str:
    """Return *step* escaped for a JSON Pointer (``~`` and ``/``)."""
    text = step if type(step) is str else str(step)
    if "~" in text or "/" in text:
        return text.replace("~", "~0").replace("/", "~1")
    return text


def split_path(path: str) -> list[str]:
    """Return the unescaped steps of the JSON Pointer *path*."""
    return [step.replace("~1", "/").replace("~0", "~") for step in path.split("/")[1:]]


class Pointer(str):
    """A JSON Pointer: its text, as a ``str``, with the steps it is made of.

    >>> pointer = Pointer(("extensions", "a/b~c", 0))
    >>> pointer
    '/extensions/a~1b~0c/0'
    >>> pointer.steps
    ('extensions', 'a/b~c', 0)
    >>> Pointer.parse("/goals/care").steps
    ('goals', 'care')
    """

    steps: tuple[Step, ...]

    def __new__(cls, steps: Iterable[Step]) -> Pointer:
        given = tuple(steps)
        self = super().__new__(cls, "/" + "/".join(map(escape_step, given)) if given else "")
        self.steps = given
        return self

    @classmethod
    def parse(cls, text: str) -> Pointer:
        """Return the pointer written *text* (every step a ``str``)."""
        if isinstance(text, Pointer):
            return text
        if text and not text.startswith("/"):
            raise ValueError(f"a JSON Pointer starts with '/': {text!r}")
        return cls(split_path(text))

    def __reduce__(self) -> tuple[type[Pointer], tuple[tuple[Step, ...]]]:
        return Pointer, (self.steps,)


# Applying operations ---------------------------------------------------------------------------


class PatchError(ValueError):
    """An operation that does not apply to the document, with the reason."""


def _child(container: Any, step: Step, *, adding: bool = False) -> SupportsIndex | str:
    """Return the key or index *step* names in *container*; for ``add``, ``-`` or the length."""
    if isinstance(container, dict):
        return str(step)
    if not isinstance(container, list):
        raise PatchError(f"{step!r} is a step into {type(container).__name__}, not a container")
    if isinstance(step, int):
        index = step
    elif step == "-" and adding:
        return len(container)
    elif step.isascii() and step.isdigit() and (step == "0" or not step.startswith("0")):
        index = int(step)
    else:
        raise PatchError(f"{step!r} is not an index of a list")
    if not 0 <= index < len(container) + adding:
        raise PatchError(f"there is no item {index} in a list of {len(container)}")
    return index


def _container(document: Any, steps: Sequence[Step]) -> Any:
    """Return the value that holds the last of *steps*."""
    return _get(document, steps[:-1])


def _take(document: Any, steps: Sequence[Step]) -> Any:
    """Remove and return the value at *steps* (not the root)."""
    container = _container(document, steps)
    key = _child(container, steps[-1])
    if isinstance(container, dict) and key not in container:
        raise PatchError(f"there is no {Pointer(steps)}")
    return container.pop(key)


def _put(document: Any, steps: Sequence[Step], value: Any, *, replace: bool) -> Any:
    """Add (or replace) *value* at *steps*; return the document (a new one at the root)."""
    if not steps:
        return value
    container = _container(document, steps)
    key = _child(container, steps[-1], adding=not replace)
    if isinstance(container, dict):
        if replace and key not in container:
            raise PatchError(f"there is no {Pointer(steps)} to replace")
        container[key] = value
    elif replace:
        container[key] = value
    else:
        container.insert(key, value)
    return document


def _get(document: Any, steps: Sequence[Step]) -> Any:
    node = document
    for index, step in enumerate(steps):
        key = _child(node, step)
        if isinstance(node, dict) and key not in node:
            raise PatchError(f"there is no {Pointer(steps[: index + 1])}")
        node = node[key]
    return node


def _steps(operation: Any, member: str) -> tuple[Step, ...]:
    text = operation.get(member) if isinstance(operation, dict) else None
    if not isinstance(text, str):
        raise PatchError(f"an operation needs a {member!r} that is a JSON Pointer")
    try:
        return Pointer.parse(text).steps
    except ValueError as error:
        raise PatchError(str(error)) from None


def apply_operation(document: Any, operation: dict[str, Any]) -> Any:
    """Apply one RFC 6902 *operation* to *document* in place; return the document.

    The document returned is a new value only when the operation replaces the root.

    Raises:
        PatchError: The operation is malformed or does not apply to the document.
    """
    name = operation.get("op") if isinstance(operation, dict) else None
    steps = _steps(operation, "path")
    source = _steps(operation, "from") if name in ("move", "copy") else None
    return _perform(document, name, steps, operation.get("value", _MISSING), source)


def _perform(
    document: Any, name: Any, steps: Path, value: Any = _MISSING, source: Path | None = None
) -> Any:
    """Apply the operation *name* at *steps* (from *source*) to *document*; return the document."""
    if name in ("add", "replace", "test") and value is _MISSING:
        raise PatchError(f"the {name!r} operation needs a value")
    if name == "add":
        return _put(document, steps, value, replace=False)
    if name == "replace":
        return _put(document, steps, value, replace=True)
    if name == "remove":
        if not steps:
            raise PatchError("the root cannot be removed")
        _take(document, steps)
        return document
    if name in ("move", "copy") and source is not None:
        if name == "move" and steps[: len(source)] == source and steps != source:
            raise PatchError("a value cannot be moved into itself")
        value = _take(document, source) if name == "move" else copy.deepcopy(_get(document, source))
        return _put(document, steps, value, replace=False)
    if name == "test":
        if _get(document, steps) != value:
            raise PatchError(f"the value at {Pointer(steps)} is not the one tested for")
        return document
    raise PatchError(f"{name!r} is not a JSON Patch operation")


def apply(document: Any, operations: Iterable[dict[str, Any]]) -> Any:
    """Return *document* with the RFC 6902 *operations* applied, each in turn.

    *document* is changed in place (copy it first to keep it); the values put in
    are copies.

    Raises:
        PatchError: An operation is malformed or does not apply; the ones before
            it have been applied.
    """
    for operation in operations:
        if isinstance(operation, dict) and "value" in operation:
            operation = {**operation, "value": copy.deepcopy(operation["value"])}
        document = apply_operation(document, operation)
    return document


# A diff's changes as operations on plain data --------------------------------------------------


class _Done:
    """One operation done on the plain data, with what :class:`_Canonical` needs to redo it."""

    __slots__ = ("nodes", "op", "path", "source", "value")

    def __init__(
        self,
        op: str,
        path: Path,
        nodes: tuple[Any, ...],
        value: Any = _MISSING,
        source: Path | None = None,
    ) -> None:
        self.op = op  # add, remove, replace, move, or "make" (an empty container)
        self.path = path
        self.nodes = nodes  # the containers along the path: nodes[i] is at path[:i]
        self.value = value
        self.source = source


def _is_element(value: Any) -> bool:
    # In plain data every element has its id, and nothing else in a list has one.
    return isinstance(value, dict) and "id" in value


def is_placement(change: Any) -> bool:
    """Return whether *change* puts an element in its list: a move, or an element added.

    The placements into one list are made together (:func:`orgstrategy._diff.primitive`
    keeps them together).
    """
    return change.op == "moved" or (change.op == "added" and _is_element(change.new))


def _is_element_removal(change: Any) -> bool:
    return change.op == "removed" and change.from_index is not None and _is_element(change.old)


def _run(changes: Sequence[Any], start: int, same: Any) -> list[Any]:
    """Return the changes from *start* on that *same* accepts and share its list."""
    first = changes[start]
    parent = first.steps[:-1]
    run = [first]
    while start + len(run) < len(changes):
        following = changes[start + len(run)]
        if not same(following) or following.steps[:-1] != parent:
            break
        run.append(following)
    return run


class _Counts:
    """How many places up to each are taken (a Fenwick tree): taking and leaving one is log n."""

    def __init__(self, size: int) -> None:
        self.tree = [0] * (size + 1)

    def change(self, place: int, by: int) -> None:
        place += 1
        while place < len(self.tree):
            self.tree[place] += by
            place += place & -place

    def up_to(self, place: int) -> int:
        """Return how many places are taken up to *place*, inclusive."""
        place += 1
        total = 0
        while place:
            total += self.tree[place]
            place -= place & -place
        return total


def _placements(current: list[str], run: Sequence[Any]) -> Iterator[tuple[Any, int | None, int]]:
    """Yield each placement of *run* in new-position order, with its index to take and to put.

    *current* is the ids in the list. The moved elements are taken out, and the
    placements put at their new positions in turn; in the list as it is, each one
    goes right after the element that will come before it, with moved elements
    not yet taken still in their old places. To count those quickly, every place
    an element takes is given its rank in the order the places end up in (a place
    after the one before it, before what was after that) and counted in a tree.
    """
    placements = sorted(run, key=lambda change: change.to_index)
    ids = [placement.steps[-1] for placement in placements]
    moving = {
        given for given, placement in zip(ids, placements, strict=True) if placement.op == "moved"
    }
    staying = [given for given in current if given not in moving]
    # The element each placement comes after once every one is made: the list
    # without the moved elements, with the placements put in at their positions.
    before: list[str | None] = []
    last: str | None = None
    made = taken = 0  # the length of the list so far, and how many of staying are in it
    for given, placement in zip(ids, placements, strict=True):
        at = min(placement.to_index, made + len(staying) - taken)
        if at > made:
            taken += at - made
            made, last = at, staying[taken - 1]
        before.append(last)
        made, last = made + 1, given
    # The places in the order they end up in: each old place, then what is put after it.
    after = dict(zip(before, ids, strict=True))
    old_place: dict[str, int] = {}
    new_place: dict[str, int] = {}
    order = 0

    def chain(previous: str | None) -> None:
        nonlocal order
        while previous in after:
            previous = after[previous]
            new_place[previous] = order
            order += 1

    chain(None)
    for given in current:
        old_place[given] = order
        order += 1
        if given not in moving:
            new_place[given] = old_place[given]
            chain(given)
    counts = _Counts(order)
    for place in old_place.values():
        counts.change(place, 1)
    for given, previous, placement in zip(ids, before, placements, strict=True):
        source = None
        if placement.op == "moved":
            source = counts.up_to(old_place[given]) - 1
            counts.change(old_place[given], -1)
        target = 0 if previous is None else counts.up_to(new_place[previous])
        counts.change(new_place[given], 1)
        yield placement, source, target


class _Plain:
    """A strategy's plain data being changed, one operation at a time, each one kept."""

    def __init__(self, data: dict[str, Any], statements: Collection[str]) -> None:
        self.data = data
        self.statements = statements  # the keys whose text changes at the statement itself
        self.done: list[_Done] = []
        self._by_id: dict[int, dict[str, int]] = {}

    def do(self, record: _Done) -> None:
        name = "add" if record.op == "make" else record.op
        _perform(self.data, name, record.path, record.value, record.source)
        self.done.append(record)
        changed = record.nodes[-1]  # a list changed, or the id of an element in one
        if record.path[-1] == "id" and len(record.nodes) > 1:
            changed = record.nodes[-2]
        if isinstance(changed, list):
            self._by_id.pop(id(changed), None)

    def index(self, items: list[Any], step: Step) -> int:
        """Return the index *step* names in *items*: an element's id, or an index."""
        if isinstance(step, int):
            return step
        if not (items and _is_element(items[0])):
            return int(step)
        found = self._by_id.get(id(items))
        if found is None:
            found = self._by_id[id(items)] = {item["id"]: i for i, item in enumerate(items)}
        return found[step]

    def follow(
        self, steps: Sequence[Step], make: type | None = None
    ) -> tuple[Path, tuple[Any, ...]]:
        """Return the path and the containers to the last of *steps*.

        *make* makes a container that is missing: plain data leaves out empty lists
        and mappings.
        """
        node: Any = self.data
        path: list[Step] = []
        nodes: list[Any] = [node]
        for step in steps[:-1]:
            if isinstance(node, list):
                key: Step = self.index(node, step)
            else:
                key = step
                if make is not None and key not in node:
                    self.do(_Done("make", (*path, key), tuple(nodes), make()))
            path.append(key)
            node = node[key]
            nodes.append(node)
        return tuple(path), tuple(nodes)

    def place(self, run: list[Any]) -> None:
        """Do a run of additions and moves in one list, in new-position order."""
        path, nodes = self.follow(run[0].steps, make=list)
        current = [item["id"] for item in nodes[-1]]
        for placement, source, target in _placements(current, run):
            if source is not None:
                self.do(_Done("move", (*path, target), nodes, source=(*path, source)))
            else:
                value = copy.deepcopy(placement.new)
                self.do(_Done("add", (*path, target), nodes, value))

    def remove_elements(self, run: list[Any]) -> None:
        """Do a run of removals of elements from one list, from the last."""
        path, nodes = self.follow(run[0].steps)
        indexes = sorted((self.index(nodes[-1], change.steps[-1]) for change in run), reverse=True)
        for index in indexes:
            self.do(_Done("remove", (*path, index), nodes))

    def change(self, change: Any) -> None:
        """Do one change that is not a placement or an element removal."""
        steps = change.steps
        make = None if change.op != "added" else list if change.to_index is not None else dict
        path, nodes = self.follow(steps, make=make)
        parent, last = nodes[-1], steps[-1]
        if change.op == "changed" and len(steps) == 1 and last in self.statements:
            # A statement's text changes at the statement itself.
            path, nodes = (last,), (*nodes, parent[last])
            parent, last = parent[last], "text"
            if change.new is None:
                self.do(_Done("remove", (*path, last), nodes))
                return
        key: Step = self.index(parent, last) if isinstance(parent, list) else last
        where = (*path, key)
        if change.op == "removed":
            self.do(_Done("remove", where, nodes))
        elif isinstance(parent, list) and change.op == "added":
            self.do(_Done("add", where, nodes, copy.deepcopy(change.new)))
        else:
            op = "replace" if isinstance(parent, list) or key in parent else "add"
            self.do(_Done(op, where, nodes, copy.deepcopy(change.new)))

    def changes(self, changes: Sequence[Any]) -> None:
        """Do a diff's *changes*, in their order: runs of placements or removals together.

        Raises:
            PatchError: A change's place is not in the data (a diff applied to
                another document than its old one).
        """
        position = 0
        while position < len(changes):
            change = changes[position]
            try:
                if is_placement(change):
                    run = _run(changes, position, is_placement)
                    self.place(run)
                elif _is_element_removal(change):
                    run = _run(changes, position, _is_element_removal)
                    self.remove_elements(run)
                else:
                    run = [change]
                    self.change(change)
            except (LookupError, TypeError, ValueError) as error:  # PatchError is one
                missing = f"no {error.args[0]!r}" if isinstance(error, KeyError) else str(error)
                where = Pointer(change.steps)
                raise PatchError(f"the change at {where} does not fit: {missing}") from error
            position += len(run)


def changes_applied(
    data: dict[str, Any], changes: Sequence[Any], statements: Collection[str]
) -> dict[str, Any]:
    """Return plain *data* with a diff's *changes* (in their order) applied, in place.

    A change of one of the *statements* (top-level keys) is a change of its text.
    """
    done = _Plain(data, statements)
    done.changes(changes)
    return done.data


# The same operations, for the canonical form -------------------------------------------------


def _at(document: Any, path: Sequence[Step]) -> Any:
    """Return the value at *path* in canonical data, or nothing if there is none."""
    node = document
    for step in path:
        if isinstance(node, dict):
            node = node.get(step, _MISSING)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            return _MISSING
        if node is _MISSING:
            return node
    return node


class _Canonical:
    """Writes the operations done on plain data for the canonical JSON form.

    The two forms have the same lists in the same order, so an operation's path
    is the same in both. What differs is the shape of some values: an element or
    statement written short (a string) is replaced whole when anything in it
    changes; an id left out is settled once every change is made; empty lists and
    mappings are left out. Each value put in is the canonical one, read from the
    new version at the place the plain value ends up.
    """

    def __init__(self, done: _Plain, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.done = done.done
        self.document = copy.deepcopy(old)
        self.new = new
        self.operations: list[dict[str, Any]] = []
        # Where each list and mapping of the plain data ends up.
        self.final: dict[int, Path] = {}
        self._index(done.data, ())
        self.settled: set[int] = set()  # written whole already, in their final form

    def _index(self, node: Any, path: Path) -> None:
        self.final[id(node)] = path
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, item in items:
            if isinstance(item, (dict, list)):
                self._index(item, (*path, key))

    def final_value(self, node: Any) -> Any:
        """Return the canonical form of the plain *node* in the new version."""
        path = self.final.get(id(node))
        return _MISSING if path is None else _at(self.new, path)

    def emit(self, op: str, path: Path, value: Any = _MISSING, source: Path | None = None) -> None:
        operation: dict[str, Any] = {"op": op}
        if source is not None:
            operation["from"] = str(Pointer(source))
        operation["path"] = str(Pointer(path))
        if value is not _MISSING:
            operation["value"] = value
            value = copy.deepcopy(value)  # the document must not share values with the patch
        self.operations.append(operation)
        self.document = _perform(self.document, op, path, value, source)

    def write(self) -> list[dict[str, Any]]:
        # The format version first: what the new version holds may need a later one.
        version = self.new.get("orgstrategy", _MISSING)
        if version is not _MISSING and self.document.get("orgstrategy") != version:
            self.emit("replace", ("orgstrategy",), version)
        touched: dict[int, Any] = {}
        for record in self.done:
            for node in record.nodes[1:]:
                touched[id(node)] = node
            if record.op != "make":
                self.redo(record)
        self.settle(touched)
        return self.operations

    def redo(self, record: _Done) -> None:
        path, nodes = record.path, record.nodes
        for depth, node in enumerate(nodes[1:], start=1):
            if id(node) in self.settled:
                return
            if isinstance(node, dict):
                final = self.final_value(node)
                if isinstance(_at(self.document, path[:depth]), str) or isinstance(final, str):
                    self.settled.add(id(node))
                    self.emit("replace", path[:depth], final)
                    return
        if record.op == "move":
            assert record.source is not None
            self.emit("move", path, source=record.source)
            return
        value = _MISSING if record.op == "remove" else self.value(record)
        if value is _MISSING:
            self.remove(record)
        else:
            self.put(record, value)

    def value(self, record: _Done) -> Any:
        """Return the canonical value *record* puts in; nothing where that form leaves it out."""
        if isinstance(record.value, (dict, list)) and id(record.value) in self.final:
            return _at(self.new, self.final[id(record.value)])
        container = record.nodes[-1]
        where = self.final.get(id(container))
        found = _MISSING if where is None else _at(self.new, (*where, record.path[-1]))
        if found is _MISSING and (where is None or isinstance(container, list)):  # pragma: no cover
            return copy.deepcopy(record.value)  # not in the new version: as the change has it
        return found

    def put(self, record: _Done, value: Any) -> None:
        path = record.path
        # Make the containers the canonical form left out, with the value in them.
        depth = len(path) - 1
        while depth > 0 and _at(self.document, path[:depth]) is _MISSING:
            depth -= 1
        for missing in range(len(path) - 1, depth, -1):
            value = [value] if isinstance(record.nodes[missing], list) else {path[missing]: value}
        where = path[: depth + 1]
        container = _at(self.document, where[:-1])
        if isinstance(container, dict):
            op = "replace" if where[-1] in container else "add"
        else:
            op = "add" if record.op == "add" or depth < len(path) - 1 else "replace"
        self.emit(op, where, value)

    def remove(self, record: _Done) -> None:
        """Remove what *record* removes, or leaves out; and its container, if it goes empty."""
        path = record.path
        container = _at(self.document, path[:-1])
        if isinstance(container, dict) and path[-1] not in container:
            return  # left out already (an id that is derived, a plugin's default)
        where = self.final.get(id(record.nodes[-1]))
        if len(container) == 1 and where and _at(self.new, where) is _MISSING:
            # the last item of a list or mapping that the canonical form leaves out empty
            self.emit("remove", path[:-1])
        else:
            self.emit("remove", path)

    def settle(self, touched: dict[int, Any]) -> None:
        """Settle the lists that changes were made in: ids written or left out, shorthands.

        Whether an element's id is written depends on its whole list (ids are
        derived from names, in order), and so does whether it is written short.
        The innermost lists are settled first, so that an element is compared with
        its new form once the lists in it are.
        """
        places = sorted(
            (
                (path, node)
                for key, node in touched.items()
                if isinstance(node, list) and (path := self.final.get(key)) is not None
            ),
            key=lambda place: (-len(place[0]), place[0]),
        )
        for path, _ in places:
            was, now = _at(self.document, path), _at(self.new, path)
            if isinstance(was, list) and isinstance(now, list):
                for index, (before, after) in enumerate(zip(was, now, strict=False)):
                    if before != after:
                        self.settle_one((*path, index), before, after)

    def settle_one(self, path: Path, was: Any, now: Any) -> None:
        """Write the element at *path* as it is now: its id added or removed, or it whole."""
        if isinstance(was, dict) and isinstance(now, dict):
            rest = {key: value for key, value in was.items() if key != "id"}
            if rest == {key: value for key, value in now.items() if key != "id"}:
                where = (*path, "id")
                if "id" in now:
                    self.emit("replace" if "id" in was else "add", where, now["id"])
                else:
                    self.emit("remove", where)
                return
        self.emit("replace", path, now)


def json_patch(
    changes: Sequence[Any],
    old: dict[str, Any],
    new: dict[str, Any],
    plain_old: dict[str, Any],
    statements: Collection[str],
) -> list[dict[str, Any]]:
    """Return RFC 6902 operations that turn the canonical data *old* into *new*.

    Args:
        changes: The diff's changes from *old* to *new*, in their order.
        old: The canonical data of the old version (:func:`orgstrategy.to_data`).
        new: The canonical data of the new version.
        plain_old: The plain data of the old version (changed in place).
        statements: The top-level keys whose change is a change of their text.
    """
    done = _Plain(plain_old, statements)
    done.changes(changes)
    return _Canonical(done, old, new).write()
