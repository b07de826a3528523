"""Semantic diff between two versions of a strategy.

Changes are found on the model, not the text: list items with an id are matched
by id (so moving an element is one ``moved``, not a removal and an addition);
elements left over are matched, among themselves, by the similarity of their
content (so a reworded value, or one given a new id, is one change); results are
matched by their period; every other difference is reported at the field where
it is.

Matching thresholds (documented, deterministic):

* two leftover elements of one list (explicit or derived ids) are the same
  element when their :func:`similarity` is at least :data:`SIMILARITY`: the mean
  of what the two have to compare, of

  - the word similarity of their names (:class:`difflib.SequenceMatcher` over
    lower-cased words: ``2 * M / T``, *M* words in matching blocks, *T* in both);
  - the word similarity of their descriptions, when both have one;
  - the share of their children's names in common (``2 * C / T`` over the
    lower-cased names of every element in their lists), when either has children.

  Pairs are taken best first, ties by position in the old list, then in the new;
* among matched elements, the fewest are reported ``moved``: those outside a
  longest increasing subsequence of their old positions in new order, so a swap
  of two neighbours is one move;
* a measure's results are matched by ``period``, or by ``start`` and ``end`` for
  results without one, and sources by ``url`` (or ``title``, without one), when
  each is there once and those kept keep their order; otherwise by position.

An element matched with a new id is not a change of its own: the id's change is
a part (:attr:`Change.parts`) of the element's first change, its name's when the
name changed, and the element's other changes are at its new id.
"""

from __future__ import annotations

import bisect
import collections
import re
from collections.abc import Hashable, Iterator, Mapping, Sequence
from difflib import SequenceMatcher
from typing import Any, Final, Literal

import attrs
import cattrs

from orgstrategy import _model, _registry
from orgstrategy._convert import converter
from orgstrategy._document import to_data
from orgstrategy._errors import Error
from orgstrategy._model import (
    STATEMENT_SECTIONS,
    Element,
    Linked,
    Result,
    Source,
    Statement,
    Strategy,
    nested,
)
from orgstrategy._patch import (
    PatchError,
    Pointer,
    Step,
    changes_applied,
    escape_step,
    is_placement,
    json_patch,
    split_path,
)
from orgstrategy._plain import plain
from orgstrategy._plugin import Plugins

# escape_step and split_path are the JSON Pointer's, shared here with the changelog.
__all__ = [
    "SIMILARITY",
    "Change",
    "Diff",
    "diff",
    "escape_step",
    "primitive",
    "similarity",
    "split_path",
]

#: The least :func:`similarity` of two leftover elements for them to be matched.
SIMILARITY: Final = 0.6
#: The most leftover pairs compared by similarity in one list (beyond, only
#: equal names match), so that diffing stays near-linear on huge lists.
MAX_COMPARED_PAIRS: Final = 250_000

Op = Literal["added", "removed", "changed", "moved", "merged", "split"]
#: The ops of changes that only group their parts (:attr:`Change.parts`).
GROUPING: Final = frozenset({"merged", "split"})
_WORDS: Final = re.compile(r"\w+", re.UNICODE)


def _pointer(path: str) -> str:
    """Return *path* as a :class:`~orgstrategy._patch.Pointer`: text that keeps its steps."""
    return Pointer.parse(path)


@attrs.frozen(kw_only=True)
class Change:
    """One difference between two versions.

    Attributes:
        op: ``added``, ``removed``, ``changed``, ``moved``, ``merged`` or
            ``split``.
        path: Where, as a JSON Pointer whose list steps are element ids, e.g.
            ``/goals/access/objectives/elective-backlog/measures/rtt-18/target``
            (or indexes, for lists without ids such as ``points``). The same
            place as steps, unescaped, is :attr:`steps`.
        old: The value before (plain data), for ``removed`` and ``changed``;
            for ``merged``, the ids of the elements merged (a tuple); for
            ``split``, the id of the element split.
        new: The value after, for ``added`` and ``changed``; for ``merged``,
            the id of the element they became; for ``split``, the ids of the
            elements it became (a tuple).
        from_index: For ``moved``, ``removed`` and ``split``: the position in
            the old list.
        to_index: For ``moved``, ``added`` and ``merged``: the position in the
            new list.
        parts: Changes that go with this one and are applied right after it:
            the change of an element's id, with the element's first change;
            for ``merged`` and ``split``, which are made of their parts, the
            removal of each element that was and the addition of each that is
            (in JSON, a list of changes of the same shape; empty for most).

    A ``merged`` change's path is the new element's (at its new id), a
    ``split`` change's the old element's: both in the list they are in.
    """

    op: Op
    path: str = attrs.field(converter=_pointer)
    old: Any = None
    new: Any = None
    from_index: int | None = None
    to_index: int | None = None
    parts: tuple[Change, ...] = ()

    @property
    def steps(self) -> tuple[Step, ...]:
        """Where, as steps: keys, element ids and (``int``) indexes of lists without ids.

        >>> import orgstrategy
        >>> change = orgstrategy.Change(op="added", path="/extensions/a~1b")
        >>> change.steps
        ('extensions', 'a/b')
        """
        path = self.path
        return path.steps if isinstance(path, Pointer) else Pointer.parse(path).steps

    def reverse(self) -> Change:
        """Return the change that undoes this one (a merge's is a split, and back)."""
        op: Op = _REVERSED.get(self.op, self.op)  # type: ignore[assignment]
        parts = tuple(part.reverse() for part in self.parts)
        if self.op in GROUPING:  # removals first, as the diff gives them
            parts = (
                *(part for part in parts if part.op == "removed"),
                *(part for part in parts if part.op != "removed"),
            )
        return Change(
            op=op,
            path=self.path,
            old=self.new,
            new=self.old,
            from_index=self.to_index,
            to_index=self.from_index,
            parts=parts,
        )


_REVERSED: Final = {"added": "removed", "removed": "added", "merged": "split", "split": "merged"}


def _flat(change: Change) -> Iterator[Change]:
    if change.op not in GROUPING:
        yield attrs.evolve(change, parts=()) if change.parts else change
    for part in change.parts:
        yield from _flat(part)


def primitive(changes: Sequence[Change]) -> Iterator[Change]:
    """Yield *changes* as the changes they are made of, each without parts, in order.

    A merge or a split is its parts: the removals where it is, and the
    additions with the first addition or move into the same list that comes
    later (one list's placements are made together), or right away if none.
    """
    if not any(change.op in GROUPING for change in changes):
        for change in changes:
            yield from _flat(change)
        return
    last_placement: dict[tuple[Step, ...], int] = {}
    for index, change in enumerate(changes):
        if is_placement(change):
            last_placement[change.steps[:-1]] = index
    waiting: dict[tuple[Step, ...], list[Change]] = {}
    for index, change in enumerate(changes):
        parent = change.steps[:-1]
        if parent in waiting and is_placement(change):
            yield from waiting.pop(parent)
        if change.op not in GROUPING:
            yield from _flat(change)
            continue
        flat = list(_flat(change))
        yield from (part for part in flat if part.op != "added")
        additions = [part for part in flat if part.op == "added"]
        if last_placement.get(parent, -1) > index:
            waiting.setdefault(parent, []).extend(additions)
        else:
            yield from additions


def _words(name: str) -> list[str]:
    return _WORDS.findall(name.lower())


@attrs.frozen
class _Content:
    """What :func:`similarity` compares of an element: words, and its children's names."""

    name: list[str]
    description: list[str] | None
    children: collections.Counter[str]
    words: collections.Counter[str] = attrs.field(init=False)

    @words.default
    def _bag(self) -> collections.Counter[str]:
        return collections.Counter(self.name)

    @classmethod
    def of(cls, element: Element) -> _Content:
        children: collections.Counter[str] = collections.Counter()
        kind: type = type(element)
        for field in nested(kind):
            if field.many and issubclass(field.item, Element):
                children.update(child.name.lower() for child in getattr(element, field.name))
        description = element.description
        return cls(
            _words(element.name), None if description is None else _words(description), children
        )


def _share(old: collections.Counter[str], new: collections.Counter[str]) -> float:
    return 2 * sum((old & new).values()) / (old.total() + new.total())


def _found(part: collections.Counter[str], whole: collections.Counter[str]) -> float:
    """Return the share of *part* (not empty) that is in *whole*."""
    return sum((part & whole).values()) / part.total()


def _in(
    words: collections.Counter[str],
    children: collections.Counter[str],
    whole_words: collections.Counter[str],
    whole_children: collections.Counter[str],
) -> float:
    """Return how much of the words and children of a part are among those of a whole."""
    if not words:
        return 0.0
    if not children:
        return _found(words, whole_words)
    return (_found(words, whole_words) + _found(children, whole_children)) / 2


def _contained(part: _Content, whole: _Content) -> float:
    """Return how much of *part* is in *whole*: its name's words, and its children."""
    return _in(part.words, part.children, whole.words, whole.children)


def _covered(whole: _Content, parts: Sequence[_Content]) -> float:
    """Return how much of *whole* the *parts* make up together."""
    words: collections.Counter[str] = collections.Counter()
    children: collections.Counter[str] = collections.Counter()
    for part in parts:
        words |= part.words
        children |= part.children
    return _in(whole.words, whole.children, words, children)


def similarity(old: Element, new: Element) -> float:
    """Return how alike two elements are, from 0 to 1 (see the module's notes).

    >>> from orgstrategy import Value
    >>> similarity(Value(name="Openness and transparency", description="We publish"),
    ...            Value(name="Open and transparent", description="We publish"))
    0.6666666666666666
    """
    return _similarity(_Content.of(old), _Content.of(new), SequenceMatcher(None, autojunk=False))


def _similarity(old: _Content, new: _Content, matcher: SequenceMatcher[str]) -> float:
    parts = []
    if old.description is not None and new.description is not None:
        parts.append(SequenceMatcher(None, old.description, new.description, False).ratio())
    if old.children or new.children:
        parts.append(_share(old.children, new.children))
    matcher.set_seqs(old.name, new.name)
    parts.append(matcher.ratio())
    return sum(parts) / len(parts)


def _stable(old_positions: list[int]) -> set[int]:
    """Return the old positions that stay: a longest increasing subsequence."""
    tails: list[int] = []
    tail_at: list[int] = []
    previous: dict[int, int | None] = {}
    for position in old_positions:
        index = bisect.bisect_left(tails, position)
        previous[position] = tail_at[index - 1] if index else None
        if index == len(tails):
            tails.append(position)
            tail_at.append(position)
        else:
            tails[index] = position
            tail_at[index] = position
    stable: set[int] = set()
    node = tail_at[-1] if tail_at else None
    while node is not None:
        stable.add(node)
        node = previous[node]
    return stable


def _period(result: Result) -> tuple[Any, ...]:
    """Return what a result is matched by: its period, or the time it covers."""
    if result.period is not None:
        return ("period", result.period)
    return ("time", result.start, result.end)


_TEXT: Final = attrs.fields(Statement).text.name
_REFERENCES: Final = attrs.fields(Linked).contributes_to.name


def _similar(olds: Mapping[int, _Content], news: Mapping[int, _Content]) -> dict[int, int]:
    """Return the pairs of leftover elements alike enough, best first (old: new index)."""
    candidates: list[tuple[float, int, int]] = []
    matcher: SequenceMatcher[str] = SequenceMatcher(None, autojunk=False)
    for j, content in news.items():
        for i, before in olds.items():
            score = _similarity(before, content, matcher)
            if score >= SIMILARITY:
                candidates.append((-score, i, j))
    candidates.sort()
    found: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in candidates:
        if i not in found and j not in taken:
            found[i] = j
            taken.add(j)
    return found


def _regrouped(
    olds: Mapping[int, _Content], news: Mapping[int, _Content]
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Return the merges and splits among leftover elements, as (old, new) indexes.

    Two or more old elements are merged into a new one when each is mostly in
    it (:func:`_contained` at least :data:`SIMILARITY`) and together they make
    up most of it (:func:`_covered`, the same); a split is the same the other
    way. The best (the highest mean containment) are taken first, each element
    in one at most.
    """
    candidates: list[tuple[float, tuple[int, ...], tuple[int, ...]]] = []
    for wholes, parts, merging in ((news, olds, True), (olds, news, False)):
        for at, whole in wholes.items():
            inside = [
                (score, index)
                for index, part in parts.items()
                if (score := _contained(part, whole)) >= SIMILARITY
            ]
            if len(inside) < 2 or _covered(whole, [parts[i] for _, i in inside]) < SIMILARITY:
                continue
            mean = sum(score for score, _ in inside) / len(inside)
            members = tuple(index for _, index in inside)
            candidates.append((-mean, members, (at,)) if merging else (-mean, (at,), members))
    candidates.sort()
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    found = []
    for _, olds_in, news_in in candidates:
        if taken_old.isdisjoint(olds_in) and taken_new.isdisjoint(news_in):
            taken_old.update(olds_in)
            taken_new.update(news_in)
            found.append((olds_in, news_in))
    return found


def _regrouping(
    old: tuple[Element, ...],
    new: tuple[Element, ...],
    olds: tuple[int, ...],
    news: tuple[int, ...],
    path: tuple[Step, ...],
) -> Change:
    """Return the merge of *olds* into one new element, or the split of one into *news*."""
    parts = (
        *(
            Change(op="removed", path=Pointer((*path, old[i].id)), old=plain(old[i]), from_index=i)
            for i in olds
        ),
        *(
            Change(op="added", path=Pointer((*path, new[j].id)), new=plain(new[j]), to_index=j)
            for j in news
        ),
    )
    if len(news) == 1:
        j = news[0]
        return Change(
            op="merged",
            path=Pointer((*path, new[j].id)),
            old=tuple(old[i].id for i in olds),
            new=new[j].id,
            to_index=j,
            parts=parts,
        )
    i = olds[0]
    return Change(
        op="split",
        path=Pointer((*path, old[i].id)),
        old=old[i].id,
        new=tuple(new[j].id for j in news),
        from_index=i,
        parts=parts,
    )


class _Differ:
    def __init__(self) -> None:
        self.changes: list[Change] = []
        # The names of the fields compared, per attrs class (None: not an attrs class).
        self.compared: dict[type, tuple[str, ...] | None] = {}

    def compared_fields(self, cls: type) -> tuple[str, ...] | None:
        """Return the names of the fields of *cls* to compare, if it has fields.

        An element's ``id`` is how elements are matched, so it is compared apart;
        any other class's ``id`` (that of an ``aligns_to`` entry) is a field like
        the others.
        """
        try:
            return self.compared[cls]
        except KeyError:
            names = None
            if attrs.has(cls):
                matched = issubclass(cls, Element)
                order = _model.document_order(cls)
                names = tuple(name for name in order if not (matched and name == "id"))
            self.compared[cls] = names
            return names

    def add(self, op: Op, path: tuple[Step, ...], **fields: Any) -> None:
        self.changes.append(Change(op=op, path=Pointer(path), **fields))

    def value(self, old: Any, new: Any, path: tuple[Step, ...]) -> None:
        if old == new:
            return
        if old is None:
            self.add("added", path, new=plain(new))
        elif new is None:
            self.add("removed", path, old=plain(old))
        elif isinstance(old, Statement) and isinstance(new, Statement):
            self.statement(old, new, path)
        elif type(old) is type(new) and self.compared_fields(type(old)) is not None:
            self.fields(old, new, path)
        elif isinstance(old, tuple) and isinstance(new, tuple):
            if all(isinstance(e, Element) for e in (*old, *new)):
                self.elements(old, new, path)
            elif not self.listed(old, new, path):
                self.items(old, new, path)
        elif isinstance(old, Mapping) and isinstance(new, Mapping):
            for key in [*old, *(k for k in new if k not in old)]:
                where = (*path, key)
                if key not in new:
                    self.add("removed", where, old=plain(old[key]))
                elif key not in old:
                    self.add("added", where, new=plain(new[key]))
                elif old[key] is None or new[key] is None:  # a value, not an absence
                    if old[key] != new[key]:
                        self.add("changed", where, old=plain(old[key]), new=plain(new[key]))
                else:
                    self.value(old[key], new[key], where)
        else:
            self.add("changed", path, old=plain(old), new=plain(new))

    def fields(self, old: Any, new: Any, path: tuple[Step, ...]) -> None:
        for name in self.compared_fields(type(old)) or ():
            before, after = getattr(old, name), getattr(new, name)
            if before == after:  # most fields: no path built, no call
                continue
            self.value(before, after, (*path, name))

    def statement(self, old: Statement, new: Statement, path: tuple[Step, ...]) -> None:
        # A statement's text is the statement: a change to it is at the statement's path.
        if old.text != new.text:
            self.add("changed", path, old=old.text, new=new.text)
        for name in self.compared_fields(Statement) or ():
            if name != _TEXT:
                self.value(getattr(old, name), getattr(new, name), (*path, name))

    def elements(
        self, old: tuple[Element, ...], new: tuple[Element, ...], path: tuple[Step, ...]
    ) -> None:
        old_at = {element.id: index for index, element in enumerate(old)}
        new_at = {element.id: index for index, element in enumerate(new)}
        pairs = {old_at[id_]: new_at[id_] for id_ in old_at.keys() & new_at.keys()}
        used = set(pairs.values())
        left = [i for i in range(len(old)) if i not in pairs]
        right = [j for j in range(len(new)) if j not in used]
        grouped: dict[int, Change] = {}  # old index: its merge or split
        grouped_new: set[int] = set()
        if left and right and len(left) * len(right) <= MAX_COMPARED_PAIRS:
            olds = {i: _Content.of(old[i]) for i in left}
            news = {j: _Content.of(new[j]) for j in right}
            for olds_in, news_in in _regrouped(olds, news):
                change = _regrouping(old, new, olds_in, news_in, path)
                grouped.update(dict.fromkeys(olds_in, change))
                grouped_new.update(news_in)
            pairs.update(
                _similar(
                    {i: c for i, c in olds.items() if i not in grouped},
                    {j: c for j, c in news.items() if j not in grouped_new},
                )
            )
        for index, element in enumerate(old):
            if index not in pairs and index not in grouped:
                self.add("removed", (*path, element.id), old=plain(element), from_index=index)
        # After the list's removals: a merge's or split's additions come after them.
        self.changes += {id(change): change for _, change in sorted(grouped.items())}.values()
        by_new = sorted(pairs.items(), key=lambda pair: pair[1])
        matched_new = set(pairs.values()) | grouped_new
        for old_index, new_index in by_new:
            before, after = old[old_index], new[new_index]
            if before.id == after.id:
                self.fields(before, after, (*path, before.id))
            else:
                self.renamed(before, after, path)
        ranks = {old_index: rank for rank, old_index in enumerate(sorted(pairs))}
        stable = _stable([ranks[old_index] for old_index, _ in by_new])
        moved = {
            new_index: old_index
            for old_index, new_index in by_new
            if ranks[old_index] not in stable
        }
        # Additions and moves in new-position order: apply() places them in this order.
        for index, element in enumerate(new):
            target = (*path, element.id)
            if index in moved:
                self.add("moved", target, from_index=moved[index], to_index=index)
            elif index not in matched_new:
                self.add("added", target, new=plain(element), to_index=index)

    def renamed(self, before: Element, after: Element, path: tuple[Step, ...]) -> None:
        """Record the changes of an element matched with a new id.

        The id's change is a part of the name's change, where the name changed
        (a derived id follows its name); otherwise it is a change of its own.
        It comes first, and the element's other changes are at its new id.
        """
        start = len(self.changes)
        self.fields(before, after, (*path, after.id))
        own = self.changes[start:]
        del self.changes[start:]
        id_change = Change(
            op="changed", path=Pointer((*path, before.id, "id")), old=before.id, new=after.id
        )
        name = (*path, after.id, "name")
        renaming = next((change for change in own if change.steps == name), None)
        if renaming is None:
            self.changes.append(id_change)
        else:
            at_old_id = Pointer((*path, before.id, "name"))
            self.changes.append(attrs.evolve(renaming, path=at_old_id, parts=(id_change,)))
        self.changes += [change for change in own if change is not renaming]

    def listed(self, old: tuple[Any, ...], new: tuple[Any, ...], path: tuple[Step, ...]) -> bool:
        """Compare references or results item by item if they allow it; return whether so."""
        if path and path[-1] == _REFERENCES:
            return self.references(old, new, path)
        if all(isinstance(result, Result) for result in (*old, *new)):
            return self.results(old, new, path)
        if all(isinstance(source, Source) for source in (*old, *new)):
            keys = [
                [("url", s.url) if s.url else ("title", s.title) for s in side]
                for side in (old, new)
            ]
            return self.keyed(old, new, keys[0], keys[1], path)
        return False

    def references(
        self, old: tuple[str, ...], new: tuple[str, ...], path: tuple[Step, ...]
    ) -> bool:
        """Compare references as what an element serves: each one removed or added.

        Those kept must be in the same order in both (as they nearly always
        are); otherwise nothing is recorded and ``False`` says to compare by
        position.
        """
        return self.keyed(old, new, old, new, path)

    def results(
        self, old: tuple[Result, ...], new: tuple[Result, ...], path: tuple[Step, ...]
    ) -> bool:
        """Compare results by their period (or time): each one removed, added or changed.

        Each key must be there once in each, and those kept in the same order;
        otherwise nothing is recorded and ``False`` says to compare by position.
        """
        return self.keyed(old, new, [_period(r) for r in old], [_period(r) for r in new], path)

    def keyed(
        self,
        old: Sequence[Any],
        new: Sequence[Any],
        old_keys: Sequence[Hashable],
        new_keys: Sequence[Hashable],
        path: tuple[Step, ...],
    ) -> bool:
        """Compare the items of two lists by their keys: each removed, added or compared.

        Each key must be there once in each list, and the keys kept in the same
        order; otherwise nothing is recorded and ``False`` is returned. Removals
        are recorded from the last, additions at their new positions, and then
        the items kept, at their new positions.
        """
        old_at = {key: index for index, key in enumerate(old_keys)}
        new_at = {key: index for index, key in enumerate(new_keys)}
        if len(old_at) != len(old) or len(new_at) != len(new):
            return False
        if [k for k in old_keys if k in new_at] != [k for k in new_keys if k in old_at]:
            return False
        for index in range(len(old) - 1, -1, -1):
            if old_keys[index] not in new_at:
                self.add("removed", (*path, index), old=plain(old[index]), from_index=index)
        for index, key in enumerate(new_keys):
            if key not in old_at:
                self.add("added", (*path, index), new=plain(new[index]), to_index=index)
        for index, key in enumerate(new_keys):
            if key in old_at and old[old_at[key]] != new[index]:
                self.fields(old[old_at[key]], new[index], (*path, index))
        return True

    def items(self, old: tuple[Any, ...], new: tuple[Any, ...], path: tuple[Step, ...]) -> None:
        """Compare lists without ids (points, sources, results) by position."""
        for index, (before, after) in enumerate(zip(old, new, strict=False)):
            if before == after:
                continue
            if type(before) is type(after) and self.compared_fields(type(before)) is not None:
                self.fields(before, after, (*path, index))
            else:
                self.add("changed", (*path, index), old=plain(before), new=plain(after))
        for index in range(len(old), len(new)):
            self.add("added", (*path, index), new=plain(new[index]), to_index=index)
        for index in range(len(old) - 1, len(new) - 1, -1):
            self.add("removed", (*path, index), old=plain(old[index]), from_index=index)


@attrs.frozen(kw_only=True)
class Diff:
    """The changes from one version of a strategy to another.

    A diff is falsy when there are no changes.

    Attributes:
        changes: Every change, in the order :meth:`apply` applies them.
        old: The version the diff starts from.
        new: The version it ends at.
    """

    changes: tuple[Change, ...]
    old: Strategy = attrs.field(repr=False)
    new: Strategy = attrs.field(repr=False)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def reverse(self) -> Diff:
        """Return the diff from :attr:`new` back to :attr:`old`."""
        return diff(self.new, self.old)

    def apply(self, strategy: Strategy, *, plugins: Plugins | None = None) -> Strategy:
        """Return *strategy* with every change applied (``diff(a, b).apply(a) == b``).

        Args:
            strategy: The strategy to change.
            plugins: The plugins in effect, whose models the sections of
                ``extensions`` they claim are structured into; by default, those
                :func:`orgstrategy.plugins.available` gives.

        Raises:
            Error: The diff does not fit *strategy* (a place it changes is not
                there), or the result would not be a valid strategy.
        """
        try:
            data = changes_applied(
                plain(strategy), list(primitive(self.changes)), STATEMENT_SECTIONS
            )
            return converter(_registry.in_effect(plugins)).structure(data, Strategy)
        except (PatchError, ValueError, TypeError, cattrs.BaseValidationError) as error:
            raise Error(f"the diff does not apply to this strategy: {error}") from None

    def to_json_patch(self) -> list[dict[str, Any]]:
        """Return an RFC 6902 JSON Patch from the JSON form of :attr:`old` to :attr:`new`'s.

        The operations are the :attr:`changes`, in their order, on the documents'
        canonical data (:func:`~orgstrategy.to_data`): elements by list position,
        and an element or statement written short replaced whole when it changes.
        """
        return json_patch(
            list(primitive(self.changes)),
            to_data(self.old),
            to_data(self.new),
            plain(self.old),
            STATEMENT_SECTIONS,
        )


def diff(old: Strategy, new: Strategy) -> Diff:
    r"""Return the changes from *old* to *new*, in the strategy's own terms.

    >>> import orgstrategy
    >>> head = 'orgstrategy: "1.0"\norganisation: {name: X}\n'
    >>> a = orgstrategy.loads(head + "values: [Kind, Fair]")
    >>> b = orgstrategy.loads(head + "values: [Fair, Kind]")
    >>> [(c.op, c.path) for c in diff(a, b).changes]
    [('moved', '/values/fair')]
    >>> diff(a, b).apply(a) == b
    True

    Raises:
        TypeError: *old* or *new* is not a :class:`~orgstrategy.Strategy`.
    """
    given: tuple[tuple[str, object], ...] = (("old", old), ("new", new))
    for name, value in given:
        if not isinstance(value, Strategy):
            kind = type(value).__name__
            raise TypeError(f"diff() compares two Strategy objects; {name} is {kind}")
    differ = _Differ()
    differ.fields(old, new, ())
    return Diff(changes=tuple(differ.changes), old=old, new=new)
