"""Alignment across documents read together: what serves what, what nothing serves.

A document's ``aligns_to`` names the plans it serves, and its elements'
``contributes_to`` name elements of those plans (``ics:priorities/prevention``).
Given several documents, :func:`align` finds which document each entry of
``aligns_to`` names and reports, for every plan that others align to, which of
its elements they serve and which nothing serves (gaps); the aims of a document
that serve nothing in the plans it aligns to (unaligned); and the references
that name nothing (broken).

An ``aligns_to`` entry names a document of the set by its ``file`` (a path
relative to the document that gives it), or, without one, by its ``url``: the
document whose own top-level ``url`` is the same address (compared without the
scheme's and host's case, a trailing ``/`` or a ``#fragment``). Nothing here
reads a file: the caller gives the documents.

Imports: the model, ids, links and positions only.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal

import attrs

from orgstrategy._ids import parse_reference
from orgstrategy._links import Documents, Link, Steps, _links, addresses, check, written
from orgstrategy._model import Aim, Alignment, Element, Linked, Strategy, nested
from orgstrategy._positions import Path

__all__ = [
    "AlignmentReport",
    "BrokenReference",
    "Contribution",
    "Coverage",
    "Directory",
    "Member",
    "Place",
    "Plan",
    "align",
    "identity",
]

#: The top-level sections whose elements others may serve: those of elements that
#: can serve in turn (goals, priorities, enablers, headline measures), read from the model.
_SERVED: Final = tuple(
    field.name
    for field in nested(Strategy)
    if field.many and isinstance(field.item, type) and issubclass(field.item, Linked)
)
#: The top-level sections whose elements should serve the plans a document aligns to.
_AIMS: Final = tuple(
    field.name
    for field in nested(Strategy)
    if field.many and isinstance(field.item, type) and issubclass(field.item, Aim)
)


def identity(url: str) -> str:
    """Return *url* as documents are known by it: what two URLs of one page share.

    >>> identity("HTTPS://Example.org/Plan/#goals") == identity("https://example.org/Plan")
    True
    >>> identity("https://example.org/plan?year=2025")
    'https://example.org/plan?year=2025'
    >>> identity(" http://[::1 ")
    'http://[::1'
    """
    try:
        parts = urllib.parse.urlsplit(url.strip())
    except ValueError:  # not a URL at all ("http://[::1"): known by its text
        return url.strip()
    return urllib.parse.urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, "")
    )


@attrs.frozen(kw_only=True)
class Member:
    """One document of the set: its name, and its strategy or why it has none.

    Attributes:
        name: The name it is known by: its file, as given.
        strategy: The strategy, or the reason it cannot be had ("not found").
    """

    name: str
    strategy: Strategy | str


def _key(name: str) -> str:
    return os.path.normpath(name)


class Directory:
    """The documents of a set, found by their file or their ``url``: built once, asked often.

    An ``aligns_to`` entry names a member by its ``file``, relative to the folder
    of the document that gives it; without one, by its ``url``, among the members
    whose strategy gives that ``url`` as its own (the first, if several do).
    """

    def __init__(self, members: Iterable[Member]) -> None:
        """Index *members* by file and by ``url``."""
        self._by_file: dict[str, Strategy | str] = {}
        self._by_url: dict[str, Strategy] = {}
        self._addresses: dict[int, dict[Steps, tuple[Path, Element]]] = {}
        self._kept: list[Strategy] = []  # what the ids of _addresses stand for
        for member in members:
            self._by_file.setdefault(_key(member.name), member.strategy)
            strategy = member.strategy
            if isinstance(strategy, Strategy) and strategy.url is not None:
                self._by_url.setdefault(identity(strategy.url), strategy)

    def resolver(self, name: str) -> Documents:
        """Return what finds the document each ``aligns_to`` entry of the document *name* names.

        An entry that names no member gives ``None`` (its references are not
        checked); a member that has no strategy gives the reason.
        """
        folder = os.path.dirname(name)

        def document(alignment: Alignment) -> Strategy | str | None:
            if alignment.file is not None:
                return self._by_file.get(_key(os.path.join(folder, alignment.file)))
            if alignment.url is not None:
                return self._by_url.get(identity(alignment.url))
            return None

        return document

    def addresses(self, strategy: Strategy) -> dict[Steps, tuple[Path, Element]]:
        """Return :func:`~orgstrategy._links.addresses` of *strategy*, found once."""
        found = self._addresses.get(id(strategy))
        if found is None:
            found = self._addresses[id(strategy)] = addresses(strategy)
            self._kept.append(strategy)
        return found


@attrs.frozen(kw_only=True)
class Place:
    """An element of a document of the set, as the report names it.

    Attributes:
        document: The name of its document (its file).
        path: Where it stands in its document, e.g. ``("goals", 0)``.
        reference: The reference that names it in its document (``goals/quality``).
        name: Its name.
        kind: What it is: ``goal``, ``priority``, ``objective``, ...
    """

    document: str
    path: Path
    reference: str
    name: str
    kind: str


@attrs.frozen(kw_only=True)
class Contribution:
    """A reference of one document to another of the set, resolved.

    Attributes:
        source: The element that contributes.
        reference: The reference as written (``ics:priorities/prevention``).
        path: Where the reference stands in its document.
        document: The name of the document it names; ``None`` if that is none
            of the set (it may still be checked through a ``file``).
        target: The element it names; ``None`` for the whole document, or when
            it names nothing there (then the reference is also broken).
    """

    source: Place
    reference: str
    path: Path
    document: str | None
    target: Place | None


@attrs.frozen(kw_only=True)
class Coverage:
    """An element of a plan that others align to, with what serves it.

    Attributes:
        target: The element.
        contributions: The elements of other documents that contribute to it.
    """

    target: Place
    contributions: tuple[Place, ...]

    @property
    def gap(self) -> bool:
        """Whether nothing contributes to it."""
        return not self.contributions


@attrs.frozen(kw_only=True)
class BrokenReference:
    """A reference that names nothing, or a document it names that cannot be had.

    Attributes:
        document: The name of the document it stands in.
        path: Where it stands.
        code: ``unknown-reference``, ``unknown-document`` or ``unresolved-document``.
        message: What is wrong, in words.
        severity: ``"error"``, or ``"warning"`` for a document that cannot be had.
    """

    document: str
    path: Path
    code: str
    message: str
    severity: Literal["error", "warning"]


@attrs.frozen(kw_only=True)
class Plan:
    """A document of the set that others align to, with what of it they serve.

    Attributes:
        document: Its name (its file).
        title: Its title, or its organisation's name.
        aligned_by: The documents that align to it, in the order given.
        coverage: Each element of it that others may serve (its goals,
            priorities, enablers and headline measures, and any other element a
            reference names), in document order, with what serves it.
    """

    document: str
    title: str
    aligned_by: tuple[str, ...]
    coverage: tuple[Coverage, ...]

    @property
    def gaps(self) -> tuple[Coverage, ...]:
        """Its elements that nothing serves."""
        return tuple(coverage for coverage in self.coverage if coverage.gap)


@attrs.frozen(kw_only=True)
class AlignmentReport:
    """How the documents of a set line up.

    Attributes:
        documents: The names of the documents, in the order given.
        titles: The title of each document the report names (or its
            organisation's name), by name.
        plans: The documents that others align to, in the order given.
        links: Every reference from one document to another.
        unaligned: The goals, priorities and enablers of documents that declare
            ``aligns_to`` that contribute to nothing in another document
            (neither they nor anything under them).
        broken: The references that name nothing, by document.
    """

    documents: tuple[str, ...]
    titles: Mapping[str, str]
    plans: tuple[Plan, ...]
    links: tuple[Contribution, ...]
    unaligned: tuple[Place, ...]
    broken: tuple[BrokenReference, ...]

    @property
    def alone(self) -> tuple[str, ...]:
        """The documents that align to none of the others, and that none aligns to."""
        linked = {plan.document for plan in self.plans}
        linked.update(name for plan in self.plans for name in plan.aligned_by)
        return tuple(name for name in self.documents if name not in linked)

    @property
    def coverage(self) -> tuple[Coverage, ...]:
        """The coverage of every plan, plan by plan."""
        return tuple(coverage for plan in self.plans for coverage in plan.coverage)

    @property
    def gaps(self) -> tuple[Coverage, ...]:
        """The elements of plans that others align to that nothing serves."""
        return tuple(coverage for coverage in self.coverage if coverage.gap)

    @property
    def errors(self) -> tuple[BrokenReference, ...]:
        """The broken references that are errors (not documents that cannot be had)."""
        return tuple(broken for broken in self.broken if broken.severity == "error")

    def to_data(self) -> dict[str, Any]:
        """Return the report as plain data: the shape of ``orgstrategy align --format json``."""
        return {
            "documents": [
                {"document": name, "title": self.titles.get(name)} for name in self.documents
            ],
            "plans": [
                {
                    "document": plan.document,
                    "title": plan.title,
                    "aligned_by": list(plan.aligned_by),
                    "coverage": [
                        {
                            **_place_data(coverage.target),
                            "gap": coverage.gap,
                            "contributions": [
                                _place_data(place) for place in coverage.contributions
                            ],
                        }
                        for coverage in plan.coverage
                    ],
                }
                for plan in self.plans
            ],
            "unaligned": [_place_data(place) for place in self.unaligned],
            "alone": list(self.alone),
            "links": [
                {
                    "source": _place_data(link.source),
                    "reference": link.reference,
                    "document": link.document,
                    "target": None if link.target is None else _place_data(link.target),
                }
                for link in self.links
            ],
        }


def _place_data(place: Place) -> dict[str, Any]:
    return {
        "document": place.document,
        "reference": place.reference,
        "kind": place.kind,
        "name": place.name,
    }


@attrs.frozen
class _Indexed:
    """A member's strategy with its elements by steps and by path."""

    name: str
    strategy: Strategy
    by_steps: dict[tuple[tuple[str, str], ...], tuple[Path, Element]]
    by_path: dict[Path, tuple[tuple[tuple[str, str], ...], Element]]

    def place(self, path: Path) -> Place:
        steps, element = self.by_path[path]
        return Place(
            document=self.name,
            path=path,
            reference=written(steps),
            name=element.name,
            kind=type(element).__name__.lower(),
        )


def _index(name: str, strategy: Strategy, directory: Directory) -> _Indexed:
    found = directory.addresses(strategy)
    return _Indexed(
        name, strategy, found, {path: (steps, element) for steps, (path, element) in found.items()}
    )


def _named(strategies: Mapping[str, Strategy] | Iterable[Strategy]) -> list[tuple[str, Strategy]]:
    if isinstance(strategies, Mapping):
        return [(os.fspath(name), strategy) for name, strategy in strategies.items()]
    return [(f"<{number}>", strategy) for number, strategy in enumerate(strategies, 1)]


def align(
    strategies: Mapping[str, Strategy] | Iterable[Strategy],
    *,
    members: Iterable[Member] = (),
) -> AlignmentReport:
    """Return how *strategies* line up: coverage, gaps, unaligned aims, broken references.

    Args:
        strategies: The documents, by the name of their file (so that
            ``aligns_to`` entries can name them by ``file``), or in a list (then
            only by ``url``; they are named ``<1>``, ``<2>``, ...).
        members: Further documents that entries may name, which the report is
            not about, each with its strategy or why it cannot be had (a file
            that is missing, say).

    >>> from orgstrategy import loads
    >>> ics = loads('''orgstrategy: "1.1"
    ... organisation: {name: North ICS}
    ... url: https://example.org/ics-plan
    ... priorities: [Prevention, Waiting times]
    ... ''')
    >>> trust = loads('''orgstrategy: "1.1"
    ... organisation: {name: A trust}
    ... aligns_to: [{id: ics, title: ICS plan, url: "https://example.org/ics-plan/"}]
    ... goals:
    ...   - {name: Healthier lives, contributes_to: ["ics:priorities/prevention"]}
    ...   - Good employer
    ... ''')
    >>> report = align({"ics.yaml": ics, "trust.yaml": trust})
    >>> [(c.target.reference, [p.name for p in c.contributions]) for c in report.coverage]
    [('priorities/prevention', ['Healthier lives']), ('priorities/waiting-times', [])]
    >>> [place.name for place in report.unaligned]
    ['Good employer']
    """
    named = _named(strategies)
    everyone = [*(Member(name=name, strategy=strategy) for name, strategy in named), *members]
    directory = Directory(everyone)
    indexed = {
        member.name: _index(member.name, member.strategy, directory)
        for member in everyone
        if isinstance(member.strategy, Strategy)
    }
    by_id = {id(index.strategy): index for index in indexed.values()}
    found_links: list[Contribution] = []
    broken: list[BrokenReference] = []
    aligned_by: dict[str, list[str]] = {}
    for name, strategy in named:
        here = indexed[name]
        documents = directory.resolver(name)
        aliases = {alignment.id: alignment for alignment in strategy.aligns_to}
        for alignment in aliases.values():
            other = documents(alignment)
            if isinstance(other, Strategy) and other is not strategy:
                followers = aligned_by.setdefault(by_id[id(other)].name, [])
                if name not in followers:
                    followers.append(name)
        for link in _links(strategy, here.by_steps):
            if link.document is not None:
                found_links.append(_contribution(here, link, aliases, documents, by_id))
        broken.extend(
            BrokenReference(
                document=name,
                path=finding.path,
                code=finding.code,
                message=finding.message,
                severity=finding.severity,
            )
            for finding in check(strategy, documents, addressed=directory.addresses)
        )
    order = [name for name, _ in named if name in aligned_by]
    order += [name for name in aligned_by if name not in order]  # named only by members
    serving = _serving(found_links)
    titles = {
        name: index.strategy.title or index.strategy.organisation.name
        for name, index in indexed.items()
    }
    return AlignmentReport(
        documents=tuple(name for name, _ in named),
        titles=titles,
        plans=tuple(
            Plan(
                document=name,
                title=titles[name],
                aligned_by=tuple(aligned_by[name]),
                coverage=tuple(_coverage(indexed[name], serving.get(name, {}))),
            )
            for name in order
        ),
        links=tuple(found_links),
        unaligned=tuple(_unaligned([name for name, _ in named], indexed, found_links)),
        broken=tuple(broken),
    )


def _contribution(
    here: _Indexed,
    link: Link,
    aliases: Mapping[str, Alignment],
    documents: Documents,
    by_id: Mapping[int, _Indexed],
) -> Contribution:
    alignment = aliases.get(link.document or "")
    other = None if alignment is None else documents(alignment)
    there = by_id.get(id(other)) if isinstance(other, Strategy) else None
    target = None
    if there is not None:
        steps = parse_reference(link.reference).steps
        found = there.by_steps.get(steps)
        if found is not None:
            target = there.place(found[0])
    return Contribution(
        source=here.place(link.source),
        reference=link.reference,
        path=link.path,
        document=None if there is None else there.name,
        target=target,
    )


def _serving(found: list[Contribution]) -> dict[str, dict[Path, list[Place]]]:
    """Return, by document and place, the elements of other documents that serve it."""
    serving: dict[str, dict[Path, list[Place]]] = {}
    for link in found:
        target = link.target
        if target is not None and target.document != link.source.document:
            places = serving.setdefault(target.document, {})
            places.setdefault(target.path, []).append(link.source)
    return serving


def _coverage(parent: _Indexed, serving: Mapping[Path, list[Place]]) -> list[Coverage]:
    shown = [
        path
        for path, (steps, _) in parent.by_path.items()
        if (len(steps) == 1 and steps[0][0] in _SERVED) or path in serving
    ]
    return [
        Coverage(target=parent.place(path), contributions=tuple(_once(serving.get(path, []))))
        for path in shown
    ]


def _once(places: list[Place]) -> list[Place]:
    seen: dict[tuple[str, Path], Place] = {}
    for place in places:
        seen.setdefault((place.document, place.path), place)
    return list(seen.values())


def _unaligned(
    named: list[str], indexed: Mapping[str, _Indexed], found: list[Contribution]
) -> list[Place]:
    serving: dict[str, set[Path]] = {}  # by document: where an element serves another
    for link in found:
        path = link.source.path
        places = serving.setdefault(link.source.document, set())
        places.update(path[:end] for end in range(2, len(path) + 1, 2))  # and what holds it
    result = []
    for name in named:
        here = indexed[name]
        if not here.strategy.aligns_to:
            continue
        mine = serving.get(name, set())
        for path, (steps, _) in here.by_path.items():
            if len(steps) == 1 and steps[0][0] in _AIMS and path not in mine:
                result.append(here.place(path))
    return result
