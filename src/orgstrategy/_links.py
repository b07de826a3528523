"""References between elements (format 1.1): resolving them, listing them, checking them.

An element's ``contributes_to`` lists references to what it serves. A reference
names an element by the sections and ids that lead to it from the top
(``goals/quality/objectives/waits``), perhaps in another document: the one that
``aligns_to`` lists under an alias (``nel-hcp:priorities/mental-health``), or
that whole document (``nel-hcp:``). Which elements a reference can name is read
from the model: every element of a list of elements, at any depth, under lists
of elements only (a statement's meanings and the compact's commitments have no
address of their own).

Nothing here reads a file: another document is given by the caller, as a
:data:`Documents` function, so that references never reach further than the
caller lets them (and never the network).

Imports: the model, ids and positions only.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from typing import Any, Final, Literal

import attrs

from orgstrategy._ids import parse_reference
from orgstrategy._model import Alignment, Element, Linked, Strategy, nested
from orgstrategy._positions import Path

__all__ = [
    "KEY",
    "Addresses",
    "Documents",
    "Finding",
    "Link",
    "addresses",
    "check",
    "links",
    "resolve",
    "written",
]

#: Gives the strategy that an ``aligns_to`` entry names (by its ``file``, or by
#: its ``url`` among documents read together), why it cannot be had (a short
#: reason, such as "not found"), or ``None`` if the entry names no document the
#: caller can give (no ``file``, say): its references are then not checked.
Documents = Callable[[Alignment], "Strategy | str | None"]

#: A reference's steps: each section and id from the top.
Steps = tuple[tuple[str, str], ...]

#: The field that holds an element's references.
_FIELD: Final = attrs.fields(Linked).contributes_to.name
#: Its key in documents: a document without it has no references.
KEY: Final = _FIELD


@attrs.frozen(kw_only=True)
class Link:
    """One reference of a strategy, resolved as far as the strategy alone can.

    Attributes:
        source: Where the element that holds the reference stands, e.g.
            ``("goals", 0)``.
        reference: The reference as written, e.g. ``"priorities/mental-health"``.
        document: The alias of the other document it names, or ``None`` for this one.
        target: Where the element it names stands in this document; ``None`` if it
            names another document, or nothing.
        index: Its place in the element's ``contributes_to``.
    """

    source: Path
    reference: str
    document: str | None
    target: Path | None
    index: int = 0

    @property
    def path(self) -> Path:
        """Where the reference itself stands: ``source`` + ``contributes_to`` + its index."""
        return (*self.source, _FIELD, self.index)


@attrs.frozen
class Finding:
    """A problem with a reference, not yet located: where it is, its code and message.

    Attributes:
        path: Where it stands in the document.
        code: ``unknown-reference``, ``unknown-document`` or ``unresolved-document``.
        message: What is wrong, in words.
        severity: ``"error"``, or ``"warning"`` for a document that could not be read.
    """

    path: Path
    code: str
    message: str
    severity: Literal["error", "warning"] = "error"


def _walk_addresses(node: Any, steps: Steps, path: Path) -> Iterator[tuple[Steps, Path, Any]]:
    cls: type = type(node)
    for field in nested(cls):
        if not (field.many and issubclass(field.item, Element)):
            continue
        for index, element in enumerate(getattr(node, field.name)):
            here, where = (*steps, (field.name, element.id)), (*path, field.name, index)
            yield here, where, element
            yield from _walk_addresses(element, here, where)


def addresses(strategy: Strategy) -> dict[Steps, tuple[Path, Element]]:
    """Return every element a reference can name, by its steps, with where it stands.

    >>> from orgstrategy import Goal, Objective, Organisation
    >>> goal = Goal(name="Quality", objectives=(Objective(name="Waits"),))
    >>> found = addresses(Strategy(organisation=Organisation(name="Here"), goals=(goal,)))
    >>> found[("goals", "quality"), ("objectives", "waits")][0]
    ('goals', 0, 'objectives', 0)
    """
    return {steps: (path, element) for steps, path, element in _walk_addresses(strategy, (), ())}


def written(steps: Steps) -> str:
    """Return the local reference that *steps* make, as documents write it.

    >>> written((("goals", "quality"), ("objectives", "waits")))
    'goals/quality/objectives/waits'
    """
    return "/".join(f"{section}/{id_}" for section, id_ in steps)


def resolve(strategy: Strategy, reference: str) -> Element | None:
    """Return the element of *strategy* that the local *reference* names, if there is one.

    A reference to another document (``ALIAS:...``) is resolved in that
    document: give it here as *strategy*, and the part after the colon is used.

    >>> from orgstrategy import Organisation, Priority
    >>> here = Strategy(organisation=Organisation(name="Here"),
    ...                 priorities=(Priority(name="Mental health"),))
    >>> resolve(here, "priorities/mental-health").name
    'Mental health'
    >>> resolve(here, "priorities/waits") is None
    True
    """
    found = addresses(strategy).get(parse_reference(reference).steps)
    return None if found is None else found[1]


def links(strategy: Strategy) -> list[Link]:
    """Return every reference of *strategy*, in document order, resolved in it where local.

    >>> from orgstrategy import Goal, Organisation, Priority
    >>> here = Strategy(organisation=Organisation(name="Here"),
    ...                 priorities=(Priority(name="Mental health"),),
    ...                 goals=(Goal(name="Care", contributes_to=("priorities/mental-health",)),))
    >>> [(link.source, link.target) for link in links(here)]
    [(('goals', 0), ('priorities', 0))]
    """
    return _links(strategy, addresses(strategy))


def _links(strategy: Strategy, found: dict[Steps, tuple[Path, Element]]) -> list[Link]:
    result = []
    for _, path, element in _walk_addresses(strategy, (), ()):
        for index, reference in enumerate(getattr(element, _FIELD, ())):
            parsed = parse_reference(reference)
            target = found.get(parsed.steps) if parsed.document is None else None
            result.append(
                Link(
                    source=path,
                    reference=reference,
                    document=parsed.document,
                    target=None if target is None else target[0],
                    index=index,
                )
            )
    return result


def _suggestion(steps: Steps, known: dict[Steps, Any]) -> str:
    candidates = [written(each) for each in known]
    close = difflib.get_close_matches(written(steps), candidates, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _where(alignment: Alignment) -> str:
    if alignment.file is not None:
        return f"its file {alignment.file!r}"
    return f"the document at {alignment.url}"


#: Gives the elements of a strategy by their steps (:func:`addresses`, or a cache of it).
Addresses = Callable[[Strategy], "dict[Steps, tuple[Path, Element]]"]


def check(
    strategy: Strategy,
    documents: Documents | None = None,
    *,
    addressed: Addresses = addresses,
) -> list[Finding]:
    """Return every reference of *strategy* that names nothing.

    A local reference must name an element of *strategy*; an alias must be an
    ``id`` of ``aligns_to``. Where *documents* gives the document of the entry,
    the element must be in that document too; a document that cannot be had
    is a warning, once per entry. *addressed* gives a strategy's elements by
    their steps: :func:`addresses`, or what remembers it for documents read
    together.
    """
    aligned: dict[str, tuple[int, Alignment]] = {
        alignment.id: (index, alignment) for index, alignment in enumerate(strategy.aligns_to)
    }
    known = addressed(strategy)
    others: dict[str, Strategy | str | None] = {}
    found: dict[str, dict[Steps, tuple[Path, Element]]] = {}  # each other's, once
    findings: list[Finding] = []
    for link in _links(strategy, known):
        steps = parse_reference(link.reference).steps
        if link.document is None:
            if link.target is None:
                findings.append(
                    Finding(
                        link.path,
                        "unknown-reference",
                        f"{link.reference!r} names no element of this document"
                        + _suggestion(steps, known),
                    )
                )
            continue
        if link.document not in aligned:
            listed = ", ".join(repr(alias) for alias in aligned) or "none"
            findings.append(
                Finding(
                    link.path,
                    "unknown-document",
                    f"{link.document!r} is not the id of a document in aligns_to "
                    f"(those are: {listed})",
                )
            )
            continue
        number, alignment = aligned[link.document]
        if documents is None or not steps:
            continue
        if alignment.id not in others:
            others[alignment.id] = documents(alignment)
            reason = others[alignment.id]
            if isinstance(reason, str):
                findings.append(
                    Finding(
                        ("aligns_to", number, "file" if alignment.file is not None else "url"),
                        "unresolved-document",
                        f"the references to {alignment.id!r} are not checked: "
                        f"{_where(alignment)} {reason}",
                        "warning",
                    )
                )
        other = others[alignment.id]
        if other is None or isinstance(other, str):
            continue
        if alignment.id not in found:
            found[alignment.id] = addressed(other)
        there = found[alignment.id]
        if steps not in there:
            findings.append(
                Finding(
                    link.path,
                    "unknown-reference",
                    f"{link.reference!r}: {alignment.file or alignment.url} has no element "
                    f"{written(steps)!r}" + _suggestion(steps, there),
                )
            )
    return findings
