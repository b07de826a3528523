"""Reading XML, bounded and located: the element tree and where each element starts.

The document is refused, with a located problem, when it is not well-formed, uses
an XML feature that could be abused (entities, a DTD; refused by defusedxml), or
passes :class:`~orgstrategy.Limits` on elements, attributes or depth. Nothing here
knows StratML.

Imports: defusedxml, and orgstrategy's problems and limits.
"""

from __future__ import annotations

import codecs
import functools
import re
import xml.etree.ElementTree as ET
from typing import Any, Final

from defusedxml import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from orgstrategy._errors import Problem
from orgstrategy._limits import Limits, exceeded

__all__ = ["Refused", "Where", "error", "forbidden", "parse", "split_tag"]

#: Where each element starts: its 1-based line and column.
Where = dict[ET.Element, tuple[int, int]]


class Refused(Exception):
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
        self.where: Where = {}

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
                raise Refused(_too_many_nodes(self.limits), "too-large", here)
            if depth > max_depth:
                message = f"the document is nested more than {max_depth} levels deep"
                raise Refused(message, "too-deep", here)
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


def forbidden(error: DefusedXmlException) -> str:
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


def parse(text: str | bytes, file: str, limits: Limits) -> tuple[ET.Element, Where] | Problem:
    """Return the root element and where each element starts, or the problem parsing it."""
    past = _past_nodes(text, limits)
    if past is not None:
        return error(_too_many_nodes(limits), "too-large", file, *past)
    builder = _LocatedBuilder(limits)
    parser = DefusedXMLParser(target=builder, forbid_dtd=False)
    builder.listen(parser.parser)
    try:
        parser.feed(text)
        root: ET.Element = parser.close()
    except ParseError as failure:
        line, column = failure.position
        message = _EXPAT_POSITION.sub("", str(failure.msg))  # the problem says where
        message = f"the XML is not well-formed: {message}"
        return error(message, "xml-syntax", file, line, column + 1)
    except DefusedXmlException as refusal:
        where = (builder.expat.CurrentLineNumber, builder.expat.CurrentColumnNumber + 1)
        return error(forbidden(refusal), "xml-forbidden", file, *where)
    except Refused as refused:
        return error(refused.message, refused.code, file, *refused.where)
    return root, builder.where


def error(message: str, code: str, file: str, line: int, column: int) -> Problem:
    """Return the error *message* with *code*, at *line* and *column* of *file*."""
    return Problem(message=message, code=code, file=file, line=line, column=column)


@functools.lru_cache(maxsize=4096)
def split_tag(tag: str) -> tuple[str, str]:
    """Return the namespace and local name of an element's tag."""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag
