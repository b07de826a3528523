"""StratML (ISO 17469-1): read Part 1 and Part 2 documents, write Part 2.

Reading is lenient, because real StratML breaks its own schema: children out of
order, identifiers that are not NCNames or are used twice, the deprecated
``IndicatorType``, and empty placeholder records left by editors. Each is read
anyway and reported as a ``stratml-repaired`` warning at its line and column (the
registry turns warnings into errors in strict mode). The reader builds a
document's plain data and hands it to :func:`orgstrategy._document.structure`, so
a StratML strategy is checked by the same rules as a YAML one.

What StratML has its own place for is written there (see the mapping in the
docs). What it has no place for (principles, a compact, labels, a statement's
points, ids that are not NCNames, exact whitespace, ...) is written as a *residue*:
the difference between the strategy and what its plain StratML reads back as,
encoded as JSON after :data:`RESIDUE_MARKER` at the end of the root
``OtherInformation``. Reading a document with a residue applies it, so writing and
reading gives back the same strategy. Priorities are written as goals after the
strategy's own goals; the residue says how many.
"""

from __future__ import annotations

import codecs
import datetime
import functools
import json
import re
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs
from defusedxml import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from orgstrategy._diff import plain
from orgstrategy._document import structure
from orgstrategy._errors import Problem, StrategyWarning
from orgstrategy._ids import ID_PATTERN, assign_ids
from orgstrategy._limits import Limits, exceeded, too_many_elements
from orgstrategy._model import Strategy, first_day, last_day
from orgstrategy._positions import Path, Positions, format_path
from orgstrategy._schema import FORMAT_VERSION

__all__ = ["PART1", "PART2", "RESIDUE_MARKER", "read", "write"]

#: The namespace of StratML Part 1 (``StrategicPlan``).
PART1: Final = "urn:ISO:std:iso:17469:tech:xsd:stratml_core"
#: The namespace of StratML Part 2 (``PerformancePlanOrReport``).
PART2: Final = "urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport"
#: What precedes the residue (JSON) in the root ``OtherInformation``.
RESIDUE_MARKER: Final = "[orgstrategy 1.0 residue] "

#: How many repairs of one kind (one message) are reported each at its place; the
#: rest are counted in one more warning, at the first of them.
SHOWN_REPAIRS: Final = 10
_ROOTS: Final = {(PART1, "StrategicPlan"): 1, (PART2, "PerformancePlanOrReport"): 2}
_ID: Final = re.compile(ID_PATTERN)
_NCNAME: Final = re.compile(r"[^\W\d][\w.\-\u00b7]*\Z")
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DECIMAL: Final = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\Z")
_NOT_XML: Final = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SENTENCE_END: Final = re.compile(r"(?<=[.!?])\s")
_MAX_DERIVED_NAME: Final = 80
_NO_GOALS: Final = "No goals"
_STAKEHOLDER_TYPES: Final = ("Person", "Organization", "Generic_Group")
_ROLE_TYPES: Final = ("Performer", "Beneficiary")
_VALUE_CHAIN_STAGES: Final = ("Outcome", "Output_Processing", "Output", "Input_Processing", "Input")
_INDICATOR_TYPES: Final = ("Quantitative", "Qualitative")
#: Children that carry no content of their own: a record with only these is a placeholder.
_BOOKKEEPING: Final = frozenset({"Identifier", "SequenceIndicator", "RoleType"})

# The children each element may have, in schema order; ``*`` marks repeatable ones.
_SEQUENCES: Final[dict[str, str]] = {
    "PerformancePlanOrReport": "Name Description OtherInformation StrategicPlanCore"
    " AdministrativeInformation Submitter",
    "StrategicPlan": "Name Description OtherInformation StrategicPlanCore"
    " AdministrativeInformation",
    "StrategicPlanCore": "Organization* Vision Mission Value* Goal*",
    "Organization": "Name Acronym Identifier Description Stakeholder*",
    "Stakeholder": "Name Description Role*",
    "Role": "Name Description RoleType*",
    "Vision": "Description Identifier",
    "Mission": "Description Identifier",
    "Value": "Name Description",
    "Goal": "Name Description Identifier SequenceIndicator Stakeholder* OtherInformation"
    " Objective*",
    "Objective": "Name Description Identifier SequenceIndicator Stakeholder* OtherInformation"
    " PerformanceIndicator*",
    "PerformanceIndicator": "SequenceIndicator MeasurementDimension UnitOfMeasurement Identifier"
    " Relationship* MeasurementInstance* OtherInformation",
    "Relationship": "Identifier ReferentIdentifier* Name Description",
    "MeasurementInstance": "TargetResult* ActualResult*",
    "TargetResult": "StartDate EndDate NumberOfUnits Descriptor Description",
    "ActualResult": "StartDate EndDate NumberOfUnits Descriptor Description",
    "Descriptor": "DescriptorName DescriptorValue",
    "AdministrativeInformation": "Identifier StartDate EndDate PublicationDate Source",
    "Submitter": "Identifier GivenName Surname PhoneNumber EmailAddress",
}
_PART1_SEQUENCES: Final[dict[str, str]] = {
    "Stakeholder": "Name Description",
    "Objective": "Name Description Identifier SequenceIndicator Stakeholder* OtherInformation",
    "AdministrativeInformation": "StartDate EndDate PublicationDate Source Submitter",
    "Submitter": "GivenName Surname PhoneNumber EmailAddress",
}
_TYPE_NAMES: Final = {
    "Goal": "goal",
    "Objective": "objective",
    "Value": "value",
    "Stakeholder": "stakeholder",
    "PerformanceIndicator": "performance indicator",
}


# Reading XML -----------------------------------------------------------------------------------


class _Refused(Exception):
    """A document over one of the limits."""

    def __init__(self, message: str, code: str, where: tuple[int, int]) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.where = where


def _too_many_nodes(limits: Limits) -> str:
    return exceeded("max_nodes", limits.max_nodes, "XML elements and attributes")


class _LocatedBuilder(ET.TreeBuilder):
    """Builds the element tree, noting where each element starts and bounding its size.

    It takes expat's element events itself (see :meth:`listen`), so that each
    start and end is one call of Python, not ElementTree's parser's and then ours.
    """

    def __init__(self, limits: Limits) -> None:
        super().__init__()
        self.limits = limits
        self.where: dict[ET.Element, tuple[int, int]] = {}

    def listen(self, expat: Any) -> None:
        """Take the element events of *expat*, set up as ElementTree's parser sets it up.

        Attributes come as a list of names and values (``ordered_attributes``);
        names as ``namespace}local``, which ElementTree writes ``{namespace}local``.
        """
        max_nodes, max_depth = self.limits.max_nodes, self.limits.max_depth
        where, start, end = self.where, self.start, self.end
        names: dict[str, str] = {}
        nodes = depth = 0

        def name(tag: str) -> str:
            found = names.get(tag)
            if found is None:
                found = names[tag] = "{" + tag if "}" in tag else tag
            return found

        def started(tag: str, attributes: list[str]) -> None:
            nonlocal nodes, depth
            depth += 1
            nodes += 1 + len(attributes) // 2
            here = (expat.CurrentLineNumber, expat.CurrentColumnNumber + 1)
            if nodes > max_nodes:
                raise _Refused(_too_many_nodes(self.limits), "too-large", here)
            if depth > max_depth:
                message = f"the document is nested more than {max_depth} levels deep"
                raise _Refused(message, "too-deep", here)
            attrib = {}
            if attributes:
                for index in range(0, len(attributes), 2):
                    attrib[name(attributes[index])] = attributes[index + 1]
            where[start(names.get(tag) or name(tag), attrib)] = here

        def ended(tag: str) -> None:
            nonlocal depth
            depth -= 1
            end(tag)

        self.expat = expat
        expat.StartElementHandler = started
        expat.EndElementHandler = ended


# The start of a start tag (and, harmlessly, of the same text in a comment or CDATA
# section), and one attribute after it, as expat reads them: one at a time, since
# one pattern for a tag of a million attributes would take hundreds of megabytes.
_TAG_START: Final = re.compile(rb"<[^\s/>!?][^\s/>]*")
_ATTRIBUTE: Final = re.compile(rb"\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*')")
#: How expat ends its messages: with where, 0-based.
_EXPAT_POSITION: Final = re.compile(r": line [0-9]+, column [0-9]+\Z")
#: A namespace declaration, which expat does not report as an attribute.
_NAMESPACE: Final = re.compile(rb"\sxmlns(?::[^\s=/>]+)?\s*=")
#: How XML in UTF-32 or UTF-16 starts (with a byte order mark or ``<?``), and its codec.
_WIDE: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
)


def _as_utf8(text: str | bytes) -> bytes:
    """Return *text* as UTF-8, or as bytes in which ASCII markup is ASCII, for scanning."""
    if isinstance(text, str):
        return text.encode("utf-8", "surrogatepass")
    for start, codec in _WIDE:
        if text.startswith(start):
            return text.decode(codec, "replace").encode("utf-8")
    return text


def _past_nodes(text: str | bytes, limits: Limits) -> tuple[int, int] | None:
    """Return where *text* passes ``max_nodes`` elements and attributes, if it does.

    Every element starts with a ``<`` that is not ``</`` and every attribute has an
    ``=``: when there are few enough of those, nothing more is done. Otherwise the
    start tags are counted before expat reads any, since expat reads a tag of a
    million attributes whole, taking seconds and hundreds of megabytes, before a
    handler could stop it.
    """
    if isinstance(text, str):
        if text.count("<") - text.count("</") + text.count("=") <= limits.max_nodes:
            return None
    elif text.count(b"<") - text.count(b"</") + text.count(b"=") <= limits.max_nodes:
        return None
    data = _as_utf8(text)
    nodes = 0
    for tag in _TAG_START.finditer(data):
        nodes += 1
        here = tag.end()
        end = data.find(b"<", here)  # the tag ends before the next one starts
        if end < 0:
            end = len(data)
        while nodes <= limits.max_nodes and data.find(b"=", here, end) >= 0:
            attribute = _ATTRIBUTE.match(data, here, end)
            if attribute is None:
                break
            here = attribute.end()
            if not _NAMESPACE.match(data, attribute.start(), here):
                nodes += 1
        if nodes > limits.max_nodes:
            start = tag.start()
            line_start = data.rfind(b"\n", 0, start) + 1
            column = len(data[line_start:start].decode("utf-8", "replace")) + 1
            return data.count(b"\n", 0, start) + 1, column
    return None


def _forbidden(error: DefusedXmlException) -> str:
    """Return what *error* refused, in words."""
    if isinstance(error, EntitiesForbidden):
        if error.sysid is not None:
            return (
                f"the XML declares an entity {error.name!r} that stands for the external"
                f" resource {error.sysid!r}, which is refused for safety: nothing is fetched"
            )
        return (
            f"the XML declares an entity {error.name!r}, which is refused for safety"
            " (entities can make a small file expand without bound): write out the text"
            " it stands for"
        )
    if isinstance(error, ExternalReferenceForbidden):
        return (
            f"the XML refers to the external resource {error.sysid!r}, which is refused"
            " for safety: nothing is fetched"
        )
    if isinstance(error, DTDForbidden):
        return (
            f"the XML has a document type declaration (<!DOCTYPE {error.name}>), which is"
            " refused for safety"
        )
    return "the XML uses a feature that is refused for safety"


def _parse(
    text: str | bytes, file: str, limits: Limits
) -> tuple[ET.Element, dict[ET.Element, tuple[int, int]]] | Problem:
    """Return the root element and where each element starts, or the problem parsing it."""
    past = _past_nodes(text, limits)
    if past is not None:
        return _error(_too_many_nodes(limits), "too-large", file, *past)
    builder = _LocatedBuilder(limits)
    parser = DefusedXMLParser(target=builder, forbid_dtd=False)
    builder.listen(parser.parser)
    try:
        parser.feed(text)
        root: ET.Element = parser.close()
    except ParseError as error:
        line, column = error.position
        message = _EXPAT_POSITION.sub("", str(error.msg))  # the problem says where
        message = f"the XML is not well-formed: {message}"
        return _error(message, "xml-syntax", file, line, column + 1)
    except DefusedXmlException as error:
        where = (builder.expat.CurrentLineNumber, builder.expat.CurrentColumnNumber + 1)
        return _error(_forbidden(error), "xml-forbidden", file, *where)
    except _Refused as refused:
        return _error(refused.message, refused.code, file, *refused.where)
    return root, builder.where


def _error(message: str, code: str, file: str, line: int, column: int) -> Problem:
    return Problem(message=message, code=code, file=file, line=line, column=column)


@functools.lru_cache(maxsize=4096)
def _split(tag: str) -> tuple[str, str]:
    """Return the namespace and local name of an element's tag."""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _clean(text: str | None) -> str | None:
    """Return *text* without surrounding whitespace, or ``None`` if nothing is left."""
    if text is None:
        return None
    text = text.strip()
    return text or None


def _all_text(element: ET.Element) -> Iterator[str]:
    """Yield the text in *element* and every element in it, in order; ``<br/>`` as a line break."""
    yield element.text or ""
    for inner in element:
        if _split(inner.tag)[1] == "br" and not len(inner):
            yield "\n"
        else:
            yield from _all_text(inner)
        yield inner.tail or ""


def _derived_name(description: str) -> str:
    """Return a name for something that has only a description: its first sentence, trimmed."""
    sentence = _SENTENCE_END.split(description, maxsplit=1)[0].strip()
    if len(sentence) <= _MAX_DERIVED_NAME:
        return sentence
    cut = sentence[:_MAX_DERIVED_NAME]
    return (cut[: cut.rfind(" ")] if " " in cut else cut).rstrip(" ,;:") + "\u2026"


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Return *data* without ``None`` values, empty lists and empty mappings."""
    return {
        key: value
        for key, value in data.items()
        if value is not None and (value or (type(value) is not list and type(value) is not dict))
    }


def _number(path: Path) -> int:
    """Return the 1-based position that *path* ends with."""
    return int(path[-1]) + 1


def _quantity_text(text: str) -> int | float | str:
    """Return a ``NumberOfUnits`` as a number: whole numbers as ``int``."""
    if "." in text:
        return float(text)
    return int(text)


def _orders(sequences: Mapping[str, str]) -> dict[str, dict[str, tuple[int, bool]]]:
    """Return, for each element, each child it may have: its place, and whether it repeats."""
    return {
        parent: {
            name.rstrip("*"): (index, name.endswith("*"))
            for index, name in enumerate(children.split())
        }
        for parent, children in sequences.items()
    }


_ORDERS: Final = {2: _orders(_SEQUENCES), 1: _orders({**_SEQUENCES, **_PART1_SEQUENCES})}


class _Reader:
    """Turns a StratML element tree into a document's plain data, noting every repair."""

    def __init__(
        self, file: str, where: dict[ET.Element, tuple[int, int]], limits: Limits | None = None
    ) -> None:
        self.file = file
        self.where = where
        self.limits = limits
        self.elements = 0
        self.problems: list[Problem] = []
        # By message: how many repairs of that kind, and the place of the first and
        # last that are not reported each on its own.
        self.repairs: dict[str, int] = {}
        self.unreported: dict[str, tuple[Problem, tuple[int, int]]] = {}
        self.positions: dict[Path, tuple[int, int]] = {}
        self.namespace = PART2
        self.orders = _ORDERS[2]
        self.identifiers: set[str] = set()
        self.seen: dict[ET.Element, dict[str, list[ET.Element]]] = {}
        self.marked: set[ET.Element] = set()

    # Problems and children

    def repaired(self, element: ET.Element, message: str, path: Path = ()) -> None:
        """Warn of a repair at *element*: the first :data:`SHOWN_REPAIRS` of a kind each."""
        place = self.where.get(element, (1, 1))
        count = self.repairs.get(message, 0) + 1
        self.repairs[message] = count
        if count <= SHOWN_REPAIRS + 1:
            problem = Problem(
                message=message,
                code="stratml-repaired",
                file=self.file,
                line=place[0],
                column=place[1],
                path=format_path(path) if path else "",
                severity="warning",
            )
            if count <= SHOWN_REPAIRS:
                self.problems.append(problem)
                return
            self.unreported[message] = (problem, place)
        self.unreported[message] = (self.unreported[message][0], place)

    def repairs_counted(self) -> list[Problem]:
        """Return one warning for each kind of repair made more than :data:`SHOWN_REPAIRS` times."""
        counted = []
        for message, (first, (line, column)) in self.unreported.items():
            more = self.repairs[message] - SHOWN_REPAIRS
            counted.append(
                attrs.evolve(
                    first,
                    message=f"{message}; so were {more - 1:,} more like it after this one, "
                    f"up to line {line}, column {column}"
                    if more > 1
                    else message,
                )
            )
        return counted

    def note(self, element: ET.Element, path: Path) -> None:
        self.positions[path] = self.where.get(element, (1, 1))

    def count(self, element: ET.Element) -> None:
        """Count one more element of the strategy, read from *element*, against the limit."""
        self.elements += 1
        if self.limits is not None and self.elements > self.limits.max_elements:
            raise _Refused(
                too_many_elements(self.limits), "too-large", self.where.get(element, (1, 1))
            )

    def children(self, element: ET.Element) -> dict[str, list[ET.Element]]:
        """Return the children by local name, reporting any the schema does not allow there."""
        if element not in self.seen:
            self.seen[element] = self.sorted_children(element)
        return self.seen[element]

    def sorted_children(self, element: ET.Element) -> dict[str, list[ET.Element]]:
        _, parent = _split(element.tag)
        order = self.orders[parent]
        found: dict[str, list[ET.Element]] = {}
        last = -1
        misordered = False
        for child in element:
            namespace, name = _split(child.tag)
            place = order.get(name) if namespace == self.namespace else None
            if place is None:
                self.repaired(child, f"{parent} may not contain {name}; it was left out")
                continue
            index, repeats = place
            if name in found and not repeats:
                self.repaired(child, f"{parent} has more than one {name}; the first is read")
                continue
            if index < last and not misordered:
                misordered = True
                self.repaired(
                    child,
                    f"the children of {parent} are not in schema order"
                    f" ({', '.join(order)}); they were read in any order",
                )
            last = max(last, index)
            found.setdefault(name, []).append(child)
        return found

    def text(self, found: dict[str, list[ET.Element]], name: str) -> str | None:
        elements = found.get(name)
        return self.content(elements[0]) if elements else None

    def content(self, element: ET.Element) -> str | None:
        """Return the text of *element* without surrounding whitespace, or ``None``.

        StratML's text elements hold text only; markup in one (``<b>``, ``<br/>``)
        is left out, with a warning, and all of its text kept (a ``<br/>`` as a
        line break).
        """
        if not len(element):
            return _clean(element.text)
        if element not in self.marked:
            self.marked.add(element)
            inside = (inner for inner in element.iter() if inner is not element)
            tags = dict.fromkeys(f"<{_split(inner.tag)[1]}>" for inner in inside)
            self.repaired(
                element,
                f"{_split(element.tag)[1]} holds markup ({', '.join(tags)}), which StratML"
                " has no place for; the markup was left out and all of its text kept",
            )
        return _clean("".join(_all_text(element)))

    def is_placeholder(self, element: ET.Element) -> bool:
        """Whether *element* holds no text but identifiers and sequence numbers."""
        if not len(element):  # the commonest case by far
            return _clean(element.text) is None
        for child in element.iter():
            if _split(child.tag)[1] in _BOOKKEEPING:
                continue
            if _clean(child.text) is not None:
                return False
            if child is not element and any(_clean(inner.tail) is not None for inner in child):
                return False  # text after markup within a text element
        return True

    def records(self, elements: list[ET.Element], kind: str) -> Iterator[ET.Element]:
        """Yield the elements that are not empty placeholders, reporting those that are."""
        for element in elements:
            if self.is_placeholder(element):
                self.repaired(element, f"an empty {kind} (a placeholder) was left out")
            else:
                yield element

    # Values

    def identifier(self, found: dict[str, list[ET.Element]]) -> str | None:
        """Return the id an ``Identifier`` gives, reporting identifiers the schema refuses."""
        elements = found.get("Identifier")
        text = self.content(elements[0]) if elements else None
        if elements is None or text is None:
            return None
        element = elements[0]
        if text.upper().startswith("PLACEHOLDER"):
            self.repaired(element, f"the placeholder identifier {text!r} was left out")
            return None
        if not _NCNAME.match(text):
            self.repaired(element, f"the identifier {text!r} is not an NCName, as xsd:ID requires")
        if text in self.identifiers:
            self.repaired(element, f"the identifier {text!r} is used more than once")
        self.identifiers.add(text)
        given = text.removeprefix("_")
        if _ID.match(given):
            return given
        self.repaired(element, f"the identifier {text!r} cannot be an id; one was derived")
        return None

    def date(self, found: dict[str, list[ET.Element]], name: str) -> str | None:
        text = self.text(found, name)
        if text is None:
            return None
        try:
            if _DATE.match(text):
                return datetime.date.fromisoformat(text).isoformat()
        except ValueError:
            pass
        self.repaired(
            found[name][0], f"{name} {text!r} is not a date (YYYY-MM-DD); it was left out"
        )
        return None

    def span(self, element: ET.Element, start: str | None, end: str | None) -> dict[str, Any]:
        """Return a start and an end, leaving out an end before the start."""
        if start is not None and end is not None and end < start:
            self.repaired(
                element, f"the end date {end} is before the start date {start}; it was left out"
            )
            end = None
        return _compact({"start": start, "end": end})

    def named(
        self, element: ET.Element, found: dict[str, list[ET.Element]], fallback: str, path: Path
    ) -> tuple[str, str | None]:
        """Return the name and description, deriving a missing name."""
        name = self.text(found, "Name")
        description = self.text(found, "Description")
        if name is not None:
            return name, description
        kind = _TYPE_NAMES[_split(element.tag)[1]]
        name = _derived_name(description) if description is not None else fallback
        self.repaired(element, f"the {kind} has no name; it was named {name!r}", path)
        return name, description

    def with_ids(self, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Give every entry of one list an id: its own where it has a unique one."""
        if not entries:
            return entries
        used: set[str] = set()
        explicit: list[str | None] = []
        for entry in entries:
            given: str | None = entry.get("id")
            explicit.append(given if given not in used else None)
            used.add(given or "")
        ids = assign_ids([entry["name"] for entry in entries], explicit)
        return [{**entry, "id": given} for entry, given in zip(entries, ids, strict=True)]

    # The document

    def document(self, root: ET.Element) -> dict[str, Any] | None:
        namespace, name = _split(root.tag)
        part = _ROOTS.get((namespace, name))
        if part is None:
            where = f" in namespace {namespace}" if namespace else " in no namespace"
            line, column = self.where[root]
            self.problems.append(
                _error(
                    f"the root element is {name}{where}, not a StratML StrategicPlan ({PART1})"
                    f" or PerformancePlanOrReport ({PART2})",
                    "stratml-root",
                    self.file,
                    line,
                    column,
                )
            )
            return None
        self.namespace = namespace
        if part == 1:
            self.orders = _ORDERS[1]
        return self.plan(root)

    def plan(self, root: ET.Element) -> dict[str, Any]:
        found = self.children(root)
        other, residue = self.split_residue(found)
        extensions = _compact(
            {
                "type": root.get("Type") if root.get("Type") != "Strategic_Plan" else None,
                "description": self.text(found, "Description"),
                "other_information": other,
                "submitter": self.submitter(found),
            }
        )
        core = self.children(found["StrategicPlanCore"][0]) if "StrategicPlanCore" in found else {}
        title = self.text(found, "Name")
        data: dict[str, Any] = {
            "orgstrategy": FORMAT_VERSION,
            "organisation": self.organisation(root, core, title),
            "title": title,
            **self.administration(found),
            "mission": self.statement(core, "Mission"),
            "vision": self.statement(core, "Vision"),
            "goals": self.with_ids(
                [
                    self.goal(goal, ("goals", index))
                    for index, goal in enumerate(self.records(core.get("Goal", []), "goal"))
                ]
            ),
            "values": self.with_ids(
                [
                    self.value(value, ("values", index))
                    for index, value in enumerate(self.records(core.get("Value", []), "value"))
                ]
            ),
            "stakeholders": self.with_ids(self.organisation_stakeholders(core)),
            "extensions": {"stratml": extensions} if extensions else None,
        }
        data = _compact(data)
        if residue is not None:
            data = self.restore(data, residue, found["OtherInformation"][0])
        return data

    def split_residue(self, found: dict[str, list[ET.Element]]) -> tuple[str | None, Any]:
        """Return the root's other information and the residue that follows it, if any."""
        text = self.text(found, "OtherInformation")
        if text is None or RESIDUE_MARKER not in text:
            return text, None
        before, _, encoded = text.rpartition(RESIDUE_MARKER)
        try:
            residue = json.loads(encoded)
        except (ValueError, RecursionError):
            residue = None
        if not isinstance(residue, dict):
            self.repaired(
                found["OtherInformation"][0],
                "the orgstrategy residue in OtherInformation is not a JSON object;"
                " it was read as text",
            )
            return text, None
        return _clean(before), residue

    def restore(
        self, data: dict[str, Any], residue: dict[str, Any], where: ET.Element
    ) -> dict[str, Any]:
        """Return *data* with the priorities split from the goals and the residue applied."""
        count = residue.get("priorities", 0)
        goals = data.pop("goals", [])
        if type(count) is int and 0 <= count <= len(goals):
            split = len(goals) - count
            data = _compact({**data, "goals": goals[:split], "priorities": goals[split:]})
        else:
            data = _compact({**data, "goals": goals})
            self.repaired(
                where, f"the residue's priority count {count!r} does not fit; it was ignored"
            )
        patched: dict[str, Any] = _apply(
            data, residue.get("patch", {}), lambda message: self.repaired(where, message)
        )
        return patched

    def submitter(self, found: dict[str, list[ET.Element]]) -> dict[str, str] | None:
        elements = found.get("Submitter", [])
        admin = found.get("AdministrativeInformation", [])
        if admin:
            elements = elements + self.children(admin[0]).get("Submitter", [])
        if not elements:
            return None
        person = self.children(elements[0])
        return _compact(
            {
                "given_name": self.text(person, "GivenName"),
                "surname": self.text(person, "Surname"),
                "phone": self.text(person, "PhoneNumber"),
                "email": self.text(person, "EmailAddress"),
            }
        )

    def administration(self, found: dict[str, list[ET.Element]]) -> dict[str, Any]:
        if "AdministrativeInformation" not in found:
            return {}
        element = found["AdministrativeInformation"][0]
        admin = self.children(element)
        source = self.text(admin, "Source")
        return {
            "period": self.span(
                element, self.date(admin, "StartDate"), self.date(admin, "EndDate")
            ),
            "published": self.date(admin, "PublicationDate"),
            "sources": [{"url": source}] if source is not None else None,
        }

    def organisation(
        self, root: ET.Element, core: dict[str, list[ET.Element]], title: str | None
    ) -> dict[str, Any]:
        organisations = list(self.records(core.get("Organization", []), "organisation"))
        for extra in organisations[1:]:
            self.repaired(extra, "only the first Organization is read; this one was left out")
        if not organisations:
            title = title or "Unnamed organisation"
            self.repaired(
                root, f"the plan names no organisation; it was named {title!r}", ("organisation",)
            )
            return {"name": title}
        element = organisations[0]
        self.note(element, ("organisation",))
        found = self.children(element)
        name = self.text(found, "Name")
        if name is None:
            name = self.text(found, "Acronym") or title or "Unnamed organisation"
            self.repaired(
                element, f"the organisation has no name; it was named {name!r}", ("organisation",)
            )
        identifier = self.text(found, "Identifier")
        return _compact(
            {
                "name": name,
                "short_name": self.text(found, "Acronym"),
                "description": self.text(found, "Description"),
                "extensions": {"stratml": {"identifier": identifier}} if identifier else None,
            }
        )

    def organisation_stakeholders(self, core: dict[str, list[ET.Element]]) -> list[dict[str, Any]]:
        organisations = core.get("Organization", [])
        if not organisations:
            return []
        found = self.children(organisations[0])
        return self.stakeholders(found, ("stakeholders",))

    def statement(self, core: dict[str, list[ET.Element]], name: str) -> dict[str, Any] | None:
        if name not in core:
            return None
        element = core[name][0]
        text = self.text(self.children(element), "Description")
        if text is None:
            self.repaired(element, f"the {name} has no description; it was left out")
            return None
        self.note(element, (name.lower(),))
        return {"text": text}

    def value(self, element: ET.Element, path: Path) -> dict[str, Any]:
        self.count(element)
        self.note(element, path)
        name, description = self.named(element, self.children(element), "Value", path)
        return _compact({"name": name, "description": description})

    def stakeholders(self, found: dict[str, list[ET.Element]], path: Path) -> list[dict[str, Any]]:
        if "Stakeholder" not in found:
            return []
        elements = self.records(found["Stakeholder"], "stakeholder")
        return [self.stakeholder(element, (*path, index)) for index, element in enumerate(elements)]

    def stakeholder(self, element: ET.Element, path: Path) -> dict[str, Any]:
        if path[0] == "stakeholders":  # the strategy's own, not an aim's (an extension)
            self.count(element)
        self.note(element, path)
        found = self.children(element)
        roles = [self.role(role) for role in self.records(found.get("Role", []), "role")]
        role_names = [role["name"] for role in roles if "name" in role]
        fallback = role_names[0] if role_names else "Stakeholder"
        name, description = self.named(element, found, fallback, path)
        kind = element.get("StakeholderTypeType")
        if kind is not None and kind not in _STAKEHOLDER_TYPES:
            self.repaired(element, f"StakeholderTypeType {kind!r} is not one the schema allows")
        simple = len(roles) == 1 and roles[0].keys() == {"name"}
        stratml = _compact({"type": kind, "roles": None if simple else roles})
        return _compact(
            {
                "name": name,
                "description": description,
                "role": "; ".join(role_names) or None,
                "extensions": {"stratml": stratml} if stratml else None,
            }
        )

    def role(self, element: ET.Element) -> dict[str, Any]:
        found = self.children(element)
        types = [self.content(kind) for kind in found.get("RoleType", [])]
        for kind, type_element in zip(types, found.get("RoleType", []), strict=True):
            if kind not in _ROLE_TYPES:
                self.repaired(type_element, f"RoleType {kind!r} is not one the schema allows")
        return _compact(
            {
                "name": self.text(found, "Name"),
                "description": self.text(found, "Description"),
                "types": [kind for kind in types if kind is not None],
            }
        )

    def aim_extensions(
        self, found: dict[str, list[ET.Element]], path: Path
    ) -> dict[str, Any] | None:
        stratml = _compact(
            {
                "sequence": self.text(found, "SequenceIndicator"),
                "stakeholders": self.stakeholders(
                    found, (*path, "extensions", "stratml", "stakeholders")
                ),
                "other_information": self.text(found, "OtherInformation"),
            }
        )
        return {"stratml": stratml} if stratml else None

    def goal(self, element: ET.Element, path: Path) -> dict[str, Any]:
        self.count(element)
        self.note(element, path)
        found = self.children(element)
        sequence = self.text(found, "SequenceIndicator")
        name, description = self.named(element, found, f"Goal {sequence or _number(path)}", path)
        objectives = self.records(found.get("Objective", []), "objective")
        return _compact(
            {
                "name": name,
                "id": self.identifier(found),
                "description": description,
                "objectives": self.with_ids(
                    [
                        self.objective(objective, (*path, "objectives", index))
                        for index, objective in enumerate(objectives)
                    ]
                ),
                "extensions": self.aim_extensions(found, path),
            }
        )

    def objective(self, element: ET.Element, path: Path) -> dict[str, Any]:
        self.count(element)
        self.note(element, path)
        found = self.children(element)
        sequence = self.text(found, "SequenceIndicator")
        name, description = self.named(
            element, found, f"Objective {sequence or _number(path)}", path
        )
        indicators = self.records(found.get("PerformanceIndicator", []), "performance indicator")
        return _compact(
            {
                "name": name,
                "id": self.identifier(found),
                "description": description,
                "measures": self.with_ids(
                    [
                        self.measure(indicator, (*path, "measures", index))
                        for index, indicator in enumerate(indicators)
                    ]
                ),
                "extensions": self.aim_extensions(found, path),
            }
        )

    def measure(self, element: ET.Element, path: Path) -> dict[str, Any]:
        self.count(element)
        self.note(element, path)
        found = self.children(element)
        sequence = self.text(found, "SequenceIndicator")
        name = self.text(found, "MeasurementDimension")
        if name is None:
            name = f"Performance indicator {sequence or _number(path)}"
            self.repaired(
                element,
                f"the performance indicator has no MeasurementDimension; it was named {name!r}",
                path,
            )
        measure: dict[str, Any] = {
            "name": name,
            "id": self.identifier(found),
            "unit": self.text(found, "UnitOfMeasurement"),
        }
        results: list[dict[str, Any]] = []
        for instance in self.records(found.get("MeasurementInstance", []), "measurement instance"):
            self.instance(instance, measure, results)
        relationships = [
            self.relationship(relationship)
            for relationship in self.records(found.get("Relationship", []), "relationship")
        ]
        stratml = _compact(
            {
                "sequence": sequence,
                "value_chain_stage": self.choice(element, "ValueChainStage", _VALUE_CHAIN_STAGES),
                "indicator_type": self.indicator_type(element),
                "relationships": relationships,
                "other_information": self.text(found, "OtherInformation"),
            }
        )
        return _compact(
            {**measure, "results": results, "extensions": {"stratml": stratml} if stratml else None}
        )

    def choice(self, element: ET.Element, attribute: str, allowed: tuple[str, ...]) -> str | None:
        value = element.get(attribute)
        if value is not None and value not in allowed:
            self.repaired(
                element,
                f"{attribute} {value!r} is not one the schema allows ({', '.join(allowed)})",
            )
        return value

    def indicator_type(self, element: ET.Element) -> str | None:
        value = self.choice(element, "PerformanceIndicatorType", _INDICATOR_TYPES)
        deprecated = element.get("IndicatorType")
        if deprecated is None:
            return value
        self.repaired(
            element, "IndicatorType is deprecated; it was read as PerformanceIndicatorType"
        )
        return value or deprecated

    def relationship(self, element: ET.Element) -> dict[str, Any]:
        found = self.children(element)
        return _compact(
            {
                "identifier": self.text(found, "Identifier"),
                "referents": [
                    text
                    for text in (self.content(e) for e in found.get("ReferentIdentifier", []))
                    if text
                ],
                "name": self.text(found, "Name"),
                "description": self.text(found, "Description"),
                "type": element.get("RelationshipType"),
            }
        )

    def instance(
        self, element: ET.Element, measure: dict[str, Any], results: list[dict[str, Any]]
    ) -> None:
        """Read one measurement instance: a baseline or target of the measure, or results."""
        found = self.children(element)
        targets = [self.outcome(target) for target in found.get("TargetResult", [])]
        actuals = [self.outcome(actual) for actual in found.get("ActualResult", [])]
        if len(targets) == 1 and not actuals and self.measure_level(targets[0], measure):
            return
        for index in range(max(len(targets), len(actuals))):
            target = targets[index] if index < len(targets) else {}
            actual = actuals[index] if index < len(actuals) else {}
            descriptions = [
                text for text in (target.get("description"), actual.get("description")) if text
            ]
            span = self.span(
                element,
                target.get("start") or actual.get("start"),
                target.get("end") or actual.get("end"),
            )
            self.count(element)
            results.append(
                _compact(
                    {
                        **span,
                        "target": target.get("value"),
                        "actual": actual.get("value"),
                        "description": "\n".join(dict.fromkeys(descriptions)) or None,
                    }
                )
            )

    def measure_level(self, target: dict[str, Any], measure: dict[str, Any]) -> bool:
        """Record a target result labelled ``Baseline`` or ``Target`` as the measure's own."""
        label = (target.get("label") or "").lower()
        rest = target.keys() - {"label", "value", "end"}
        if label not in ("baseline", "target") or label in measure or rest:
            return False
        if label == "baseline" and "end" in target:
            return False
        measure[label] = target.get("value")
        if label == "target":
            measure["due"] = target.get("end")
        return True

    def outcome(self, element: ET.Element) -> dict[str, Any]:
        """Read a target or actual result: its dates, value, label and description."""
        found = self.children(element)
        value: int | float | str | None = None
        number = self.text(found, "NumberOfUnits")
        if number is not None and _DECIMAL.match(number):
            value = _quantity_text(number)
        elif number is not None:
            self.repaired(
                found["NumberOfUnits"][0],
                f"NumberOfUnits {number!r} is not a decimal number; it was read as text",
            )
            value = number
        label = descriptor = None
        if "Descriptor" in found:
            named = self.children(found["Descriptor"][0])
            label = self.text(named, "DescriptorName")
            descriptor = self.text(named, "DescriptorValue")
        description = self.text(found, "Description")
        if value is None:
            value = descriptor
        elif descriptor is not None:
            line = f"{label}: {descriptor}" if label else descriptor
            description = f"{description}\n{line}" if description else line
            label = None
        return _compact(
            {
                "start": self.date(found, "StartDate"),
                "end": self.date(found, "EndDate"),
                "value": value,
                "label": label,
                "description": description,
            }
        )


# The residue: what plain StratML does not carry ------------------------------------------------


class _Same:
    """The residue of two equal values: nothing."""


_SAME: Final = _Same()


def _same(first: Any, second: Any) -> bool:
    try:
        return json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    except (TypeError, ValueError):
        return bool(first == second)


def _changes(full: Any, native: Any) -> Any:
    """Return what turns *native* into *full*: a patch of mappings and list indexes.

    A mapping patches a mapping key by key (``None`` removes a key) and a list
    index by index (keys are indexes); anything else replaces the value. A
    plugin's extensions are replaced whole, never patched.
    """
    if isinstance(full, dict) and isinstance(native, dict):
        patch: dict[str, Any] = {}
        for key in [*full, *(key for key in native if key not in full)]:
            if key == "extensions":
                change = _extension_changes(full.get(key, {}), native.get(key, {}))
                if change is not _SAME:
                    patch[key] = change
            elif key not in full:
                patch[key] = None
            elif key not in native:
                patch[key] = full[key]
            else:
                change = _changes(full[key], native[key])
                if change is not _SAME:
                    patch[key] = change
        return patch or _SAME
    if isinstance(full, list) and isinstance(native, list) and len(full) == len(native):
        changed = {
            str(index): _changes(f, n)
            for index, (f, n) in enumerate(zip(full, native, strict=True))
        }
        patch = {index: change for index, change in changed.items() if change is not _SAME}
        return patch or _SAME
    return _SAME if _same(full, native) else full


def _extension_changes(full: dict[str, Any], native: dict[str, Any]) -> Any:
    """Return what turns *native* extensions into *full*: whole, or just the ``stratml`` part.

    Only the ``stratml`` namespace, which this module writes itself, is patched
    inside, and only when it holds no ``null`` (which a patch reads as "remove").
    """
    stratml = full.get("stratml")
    if _same(full, native):
        return _SAME
    others_same = _same(
        {key: value for key, value in full.items() if key != "stratml"},
        {key: value for key, value in native.items() if key != "stratml"},
    )
    if not isinstance(stratml, dict) or _has_null(stratml) or not others_same:
        return {"replace": full}
    return {"stratml": _changes(stratml, native.get("stratml", {}))}


def _has_null(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_null(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_null(item) for item in value)
    return value is None


def _apply(value: Any, patch: Any, report: Callable[[str], None]) -> Any:
    """Return *value* with *patch* (see :func:`_changes`) applied."""
    if isinstance(patch, dict) and isinstance(value, dict):
        for key, change in patch.items():
            if key == "extensions" and isinstance(change, dict):
                value[key] = _apply_extensions(value.get(key, {}), change, report)
            elif change is None:
                value.pop(key, None)
            elif key in value:
                value[key] = _apply(value[key], change, report)
            else:
                value[key] = change
        return value
    if isinstance(patch, dict) and isinstance(value, list):
        for key, change in patch.items():
            if key.isascii() and key.isdigit() and int(key) < len(value):
                value[int(key)] = _apply(value[int(key)], change, report)
            else:
                report(
                    f"the residue patches item {key!r} of a list of {len(value)}; it was ignored"
                )
        return value
    return patch


def _apply_extensions(value: Any, patch: dict[str, Any], report: Callable[[str], None]) -> Any:
    """Return extensions with a patch from :func:`_extension_changes` applied."""
    if "replace" in patch:
        return patch["replace"]
    stratml = value.get("stratml", {}) if isinstance(value, dict) else {}
    return {**value, "stratml": _apply(stratml, patch.get("stratml"), report)}


def _portable(value: Any, path: Path) -> Any:
    """Return *value* with what JSON cannot hold left out, warning of each part left out."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        return value
    if isinstance(value, Mapping) and all(isinstance(key, str) for key in value):
        return {key: _portable(item, (*path, key)) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_portable(item, (*path, index)) for index, item in enumerate(value)]
    problem = Problem(
        message=f"StratML cannot carry {type(value).__name__} {value!r}; it was left out",
        code="stratml-dropped",
        path=format_path(path),
        severity="warning",
    )
    warnings.warn(StrategyWarning(problem), stacklevel=4)
    return None


# Writing ---------------------------------------------------------------------------------------


def _xml_text(text: str) -> str:
    """Return *text* with what XML 1.0 cannot hold (and carriage returns) replaced."""
    return _NOT_XML.sub("\ufffd", text)


def _text(data: Any, key: str) -> str | None:
    value = data.get(key) if isinstance(data, Mapping) else None
    return value if isinstance(value, str) and value.strip() else None


def _stratml(data: Any) -> Mapping[str, Any]:
    """Return the ``stratml`` extension of *data*, if it has one."""
    extensions = data.get("extensions") if isinstance(data, Mapping) else None
    found = extensions.get("stratml") if isinstance(extensions, Mapping) else None
    return found if isinstance(found, Mapping) else {}


def _add(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = _xml_text(text)
    return element


def _add_text(parent: ET.Element, tag: str, text: str | None) -> None:
    if text is not None:
        _add(parent, tag, text)


def _day(value: Any, first: bool) -> str:
    point = value if isinstance(value, int) else datetime.date.fromisoformat(value)
    return (first_day(point) if first else last_day(point)).isoformat()


def _decimal(value: int | float) -> str:
    return str(value) if isinstance(value, int) else format(Decimal(repr(value)), "f")


class _Writer:
    """Builds a Part 2 element tree from a strategy's plain data."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def identifier(self, parent: ET.Element, given: str) -> None:
        """Add an identifier for *given*: an NCName unique in the document."""
        base = candidate = given if given[0].isalpha() else f"_{given}"
        suffix = 2
        while candidate in self.taken:
            candidate = f"{base}_{suffix}"
            suffix += 1
        self.taken.add(candidate)
        _add(parent, "Identifier", candidate)

    def plan(self, data: dict[str, Any]) -> ET.Element:
        root = ET.Element("PerformancePlanOrReport", {"xmlns": PART2, "Type": "Strategic_Plan"})
        stratml = _stratml(data)
        _add(root, "Name", data.get("title") or data["organisation"]["name"])
        _add_text(root, "Description", _text(stratml, "description"))
        _add_text(root, "OtherInformation", _text(stratml, "other_information"))
        core = _add(root, "StrategicPlanCore")
        self.organisation(core, data)
        for key, tag in (("vision", "Vision"), ("mission", "Mission")):
            if key in data:
                statement = data[key]
                _add(
                    _add(core, tag),
                    "Description",
                    statement.get("text") or "\n".join(statement["points"]),
                )
        for value in data.get("values", []):
            element = _add(core, "Value")
            _add(element, "Name", value["name"])
            _add_text(element, "Description", value.get("description"))
        aims = [*data.get("goals", []), *data.get("priorities", [])]
        for aim in aims:
            self.goal(core, aim)
        if not aims:
            goal = _add(core, "Goal")
            _add(goal, "Name", _NO_GOALS)
            _add(goal, "Description", "StratML needs a goal; this strategy sets none.")
        self.administration(root, data)
        return root

    def organisation(self, core: ET.Element, data: dict[str, Any]) -> None:
        organisation = data["organisation"]
        element = _add(core, "Organization")
        _add(element, "Name", organisation["name"])
        _add_text(element, "Acronym", organisation.get("short_name"))
        _add_text(element, "Description", organisation.get("description"))
        for stakeholder in data.get("stakeholders", []):
            self.stakeholder(element, stakeholder)

    def administration(self, root: ET.Element, data: dict[str, Any]) -> None:
        period = data.get("period", {})
        urls = [source.get("url") for source in data.get("sources", [])[:1]]
        url = urls[0] if urls and urls[0] and not re.search(r"\s", urls[0]) else None
        if not (period or "published" in data or url):
            return
        element = _add(root, "AdministrativeInformation")
        if "start" in period:
            _add(element, "StartDate", _day(period["start"], first=True))
        if "end" in period:
            _add(element, "EndDate", _day(period["end"], first=False))
        _add_text(element, "PublicationDate", data.get("published"))
        _add_text(element, "Source", url)

    def stakeholder(self, parent: ET.Element, stakeholder: Any) -> None:
        name = _text(stakeholder, "name")
        if name is None:
            return
        stratml = _stratml(stakeholder)
        element = _add(parent, "Stakeholder")
        if stratml.get("type") in _STAKEHOLDER_TYPES:
            element.set("StakeholderTypeType", stratml["type"])
        _add(element, "Name", name)
        _add_text(element, "Description", _text(stakeholder, "description"))
        roles = stratml.get("roles")
        if not isinstance(roles, list):
            role = _text(stakeholder, "role")
            roles = [{"name": role}] if role else []
        for role in roles:
            self.role(element, role)

    def role(self, parent: ET.Element, role: Any) -> None:
        if _text(role, "name") is None and _text(role, "description") is None:
            return
        element = _add(parent, "Role")
        _add(element, "Name", _text(role, "name") or "")
        _add_text(element, "Description", _text(role, "description"))
        types = role.get("types")
        for kind in types[:2] if isinstance(types, list) else []:
            if kind in _ROLE_TYPES:
                _add(element, "RoleType", kind)

    def aim_details(self, element: ET.Element, aim: dict[str, Any]) -> None:
        """Add what goals and objectives share after their name and description."""
        stratml = _stratml(aim)
        self.identifier(element, aim["id"])
        _add_text(element, "SequenceIndicator", _text(stratml, "sequence"))
        stakeholders = stratml.get("stakeholders")
        for stakeholder in stakeholders if isinstance(stakeholders, list) else []:
            self.stakeholder(element, stakeholder)
        _add_text(element, "OtherInformation", _text(stratml, "other_information"))

    def goal(self, core: ET.Element, goal: dict[str, Any]) -> None:
        element = _add(core, "Goal")
        _add(element, "Name", goal["name"])
        _add(element, "Description", goal.get("description") or "")
        self.aim_details(element, goal)
        for objective in goal.get("objectives", []):
            self.objective(element, objective)

    def objective(self, parent: ET.Element, objective: dict[str, Any]) -> None:
        element = _add(parent, "Objective")
        _add(element, "Name", objective["name"])
        _add_text(element, "Description", objective.get("description"))
        self.aim_details(element, objective)
        for measure in objective.get("measures", []):
            self.measure(element, measure)

    def measure(self, parent: ET.Element, measure: dict[str, Any]) -> None:
        stratml = _stratml(measure)
        element = _add(parent, "PerformanceIndicator")
        if stratml.get("value_chain_stage") in _VALUE_CHAIN_STAGES:
            element.set("ValueChainStage", stratml["value_chain_stage"])
        if stratml.get("indicator_type") in _INDICATOR_TYPES:
            element.set("PerformanceIndicatorType", stratml["indicator_type"])
        _add_text(element, "SequenceIndicator", _text(stratml, "sequence"))
        _add(element, "MeasurementDimension", measure["name"])
        _add(element, "UnitOfMeasurement", measure.get("unit") or "")
        self.identifier(element, measure["id"])
        if "baseline" in measure:
            self.labelled(element, "Baseline", measure["baseline"], None)
        if "target" in measure or "due" in measure:
            self.labelled(element, "Target", measure.get("target"), measure.get("due"))
        for result in measure.get("results", []):
            self.result(element, result)
        _add_text(element, "OtherInformation", _text(stratml, "other_information"))

    def labelled(self, parent: ET.Element, label: str, value: Any, due: str | None) -> None:
        """Add a measure's baseline or target as a target result named by a descriptor."""
        target = _add(_add(parent, "MeasurementInstance"), "TargetResult")
        _add_text(target, "EndDate", due)
        if isinstance(value, (int, float)):
            _add(target, "NumberOfUnits", _decimal(value))
        descriptor = _add(target, "Descriptor")
        _add(descriptor, "DescriptorName", label)
        if isinstance(value, str):
            _add(descriptor, "DescriptorValue", value)

    def result(self, parent: ET.Element, result: dict[str, Any]) -> None:
        if not result:
            return
        instance = _add(parent, "MeasurementInstance")
        if result.keys() - {"actual"}:
            target = _add(instance, "TargetResult")
            self.outcome(target, result, result.get("target"))
            _add_text(target, "Description", result.get("description"))
        if "actual" in result:
            self.outcome(_add(instance, "ActualResult"), result, result["actual"])

    def outcome(self, element: ET.Element, result: dict[str, Any], value: Any) -> None:
        if "start" in result:
            _add(element, "StartDate", _day(result["start"], first=True))
        if "end" in result:
            _add(element, "EndDate", _day(result["end"], first=False))
        if isinstance(value, (int, float)):
            _add(element, "NumberOfUnits", _decimal(value))
        elif isinstance(value, str):
            _add(_add(element, "Descriptor"), "DescriptorValue", value)


def _serialise(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _read_back(root: ET.Element, priorities: int) -> dict[str, Any]:
    """Return the plain data that the StratML *root* reads back as, without a residue."""
    written = _parse(_serialise(root), "<written>", Limits(max_depth=256, max_nodes=10**8))
    if isinstance(written, Problem):  # pragma: no cover - a bug, not a document
        raise AssertionError(f"the writer wrote XML that does not parse: {written}")
    parsed, where = written
    reader = _Reader("<written>", where)
    return reader.restore(reader.plan(parsed), {"priorities": priorities}, parsed)


def _set_other_information(root: ET.Element, text: str) -> None:
    found = root.find("OtherInformation")
    if found is None:
        found = ET.Element("OtherInformation")
        root.insert(2 if root.find("Description") is not None else 1, found)
        found.text = text
    else:
        found.text = f"{found.text}\n\n{text}"


def write(strategy: Strategy) -> str:
    """Return *strategy* as a StratML Part 2 document (``Type="Strategic_Plan"``).

    What StratML has no place for is written as a residue in the root
    ``OtherInformation``, so that :func:`read` gives back the same strategy.
    Anything that JSON cannot hold either is left out with a
    :class:`~orgstrategy.StrategyWarning` (code ``stratml-dropped``).
    """
    full = {"orgstrategy": FORMAT_VERSION, **plain(strategy)}
    priorities = len(full.get("priorities", []))
    root = _Writer().plan(full)
    patch = _changes(full, _read_back(root, priorities))
    if patch is not _SAME or priorities:
        residue = _compact(
            {
                "priorities": priorities or None,
                "patch": None if patch is _SAME else _portable(patch, ()),
            }
        )
        encoded = json.dumps(residue, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
        _set_other_information(root, RESIDUE_MARKER + encoded)
    return _serialise(root)


def read(text: str | bytes, *, file: str, limits: Limits) -> tuple[Strategy | None, list[Problem]]:
    """Return the strategy in the StratML (Part 1 or 2) document *text*, and the problems found.

    Args:
        text: The XML document.
        file: The name to give in problems' locations.
        limits: Bounds on the number of XML elements and attributes, their depth, and
            the number of elements of the strategy they stand for.

    Returns:
        The strategy (``None`` if the document is not one) and every problem:
        errors, and warnings of what was repaired on the way.
    """
    parsed = _parse(text, file, limits)
    if isinstance(parsed, Problem):
        return None, [parsed]
    root, where = parsed
    reader = _Reader(file, where, limits)
    try:
        data = reader.document(root)
    except _Refused as refused:
        return None, [_error(refused.message, refused.code, file, *refused.where)]
    repairs = [*reader.problems, *reader.repairs_counted()]
    if data is None:
        return None, repairs
    strategy, found = structure(data, file, Positions(values=reader.positions), limits)
    return strategy, sorted([*repairs, *found], key=Problem.sort_key)
