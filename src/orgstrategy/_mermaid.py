r"""The Mermaid writer: a strategy map as a flowchart that GitHub and Sphinx render.

The map draws the whole strategy, each section in a cluster named with the
organisation's own label for it (``labels``): the statements (mission, vision,
purpose, ambition), each with its text and every one of its points, lead to the
first section of aims (goals, priorities, enablers). Each element that holds lists
(an aim its outcomes, objectives and measures, a value its behaviours, a theme of
the compact its commitments) stands in a box of its own with an edge to a cluster
of each list, named with its label too. The other sections follow one below the
other: the values, principles, headline measures and the leadership compact, then
the stakeholders, then the partners, mandates and the plans the strategy aligns
to. Each ``contributes_to`` reference (format 1.1) is a dotted edge, to an element
of this document or to the plan of ``aligns_to`` it names (or a node in that plan
for the element named); where every element of one list contributes to every
element of another, one edge joins the two clusters instead of one for each pair,
and a section that contributes to another is drawn above it.

Mermaid orders what is not linked as it likes, so the document's order is kept
by invisible links (``~~~``) from each element to the next: a column (``TB``),
or a row (``LR``) of boxes; and from each section to the next.

Labels are never shortened: each text is wrapped at spaces into lines of at most
:data:`WIDTH` characters (a longer word has a line of its own, never cut), joined
with ``<br/>``, so that the lines are the same in every renderer and fit the width
Mermaid gives a node; a cluster's title is one line (see :func:`title`). Each line
is escaped with Mermaid's entity codes (``#quot;``, ``#35;``), so no text can end
its label, break the diagram or become Mermaid markup: not a quote, ``#``, ``&``,
``<``, ``>`` (HTML), ``;`` (the end of a statement), a backtick (a Markdown string)
or a backslash (``\n``, a line break in some renderers), and not the second
character of ``%%`` (a directive such as ``%%{init: ...}%%``, or a comment), of
``$$`` (maths) or the colon of ``fa:fa-`` (an icon). White space, line breaks
included, is one space, so no text starts a line of its own (``click``, ``end``).
Mermaid decodes the codes only when it draws the label, as text; the ``<br/>``
between lines is the only markup a label holds.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from typing import Any, Final

from orgstrategy._links import Link, links
from orgstrategy._model import Compact, Element, Measure, Statement, Strategy
from orgstrategy._positions import Path
from orgstrategy._presentation import (
    Part,
    Section,
    day,
    entries,
    heading,
    kind,
    parts,
    quantity,
    sections,
    statements,
)

__all__ = ["BREAK", "WIDTH", "label", "lines", "title", "write"]

#: The longest line of a label, in characters: what fits the 200 pixels that
#: Mermaid gives a node's text, so that it does not wrap the lines again.
WIDTH: Final = 20
#: What joins the lines of a label.
BREAK: Final = "<br/>"
# The characters a label holds as entity codes, wherever they stand.
_ENTITIES: Final = {
    "#": "#35;",
    '"': "#quot;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    ";": "#59;",
    "`": "#96;",
    "\\": "#92;",
}
# Those it holds as codes where they would start markup: "%%", "$$", "fa:fa-".
_MARKUP: Final = {"%": "#37;", "$": "#36;", ":": "#58;"}
_ENTITY: Final = re.compile(
    "[" + re.escape("".join(_ENTITIES)) + "]"
    r"|(?<=%)%|(?<=\$)\$|(?:(?<=fa)|(?<=fa[bklrs])):(?=fa-)",
    re.IGNORECASE,
)
_SPACE: Final = re.compile(r"\s+")
#: The bullet before each point of a statement.
_POINT: Final = "• "
#: How each class of node is drawn: its shape, around its label.
_SHAPES: Final = {
    "statement": '("{}")',
    "meaning": '("{}")',
    "aim": '["{}"]',
    "outcome": '("{}")',
    "objective": '("{}")',
    "measure": '[/"{}"/]',
    "value": '{{{{"{}"}}}}',
    "behaviour": '("{}")',
    "principle": '{{{{"{}"}}}}',
    "compact": '("{}")',
    "commitment": '["{}"]',
    "theme": '[["{}"]]',
    "entry": '["{}"]',
}
#: The class of node of each kind of element that has none of its own.
_LIKE: Final = {"goal": "aim", "priority": "aim", "enabler": "aim", "action": "objective"}
_STYLES: Final = {
    "statement": "fill:#e8f0fe,stroke:#1a56db,color:#111",
    "meaning": "fill:#f8fafc,stroke:#1a56db,color:#111",
    "aim": "fill:#fef3c7,stroke:#b45309,color:#111",
    "outcome": "fill:#ecfdf5,stroke:#047857,color:#111",
    "objective": "fill:#f0fdf4,stroke:#15803d,color:#111",
    "measure": "fill:#f5f3ff,stroke:#6d28d9,color:#111",
    "value": "fill:#fdf2f8,stroke:#be185d,color:#111",
    "behaviour": "fill:#fff7fb,stroke:#be185d,color:#111",
    "principle": "fill:#f1f5f9,stroke:#334155,color:#111",
    "compact": "fill:#ffedd5,stroke:#c2410c,color:#111",
    "commitment": "fill:#fff7ed,stroke:#c2410c,color:#111",
    "theme": "fill:#ffedd5,stroke:#c2410c,color:#111",
    "entry": "fill:#f8fafc,stroke:#475569,color:#111",
}
#: The title of a cluster that only holds things together.
_UNTITLED: Final = " "
#: The words on a ``contributes_to`` edge.
_CONTRIBUTES: Final = "contributes to"


def lines(text: str, width: int = WIDTH) -> list[str]:
    """Return *text* as the lines of a label: wrapped at spaces, none longer than *width*.

    A word longer than *width* has a line of its own; no word is cut.

    >>> lines("Working with you to make Staffordshire and Stoke-on-Trent the healthiest")
    ['Working with you to', 'make Staffordshire', 'and Stoke-on-Trent', 'the healthiest']
    """
    return textwrap.wrap(
        _SPACE.sub(" ", text).strip(),
        width,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _escape(line: str) -> str:
    return _ENTITY.sub(lambda match: _ENTITIES.get(match.group()) or _MARKUP[match.group()], line)


def label(*texts: str) -> str:
    """Return *texts* as one Mermaid label: each wrapped into lines, every line escaped.

    >>> label('Reduce "did not attend" rates <10%')
    'Reduce #quot;did not<br/>attend#quot; rates #lt;10%'
    >>> label("%%{init: {'theme': 'dark'}}%%")
    "%#37;{init: {'theme':<br/>'dark'}}%#37;"
    >>> label("Our purpose:", "• giving children the best start in life")
    'Our purpose:<br/>• giving children<br/>the best start in<br/>life'
    """
    return BREAK.join(_escape(line) for text in texts for line in lines(text))


def title(text: str) -> str:
    r"""Return *text* as the title of a cluster: one line, its spaces not to be broken at, escaped.

    Mermaid leaves room for one line of a cluster's title, so the title is kept
    on one line, with no-break spaces (U+00A0), and the cluster is made as wide.

    >>> title("Our  leadership\ncompact")
    'Our\xa0leadership\xa0compact'
    """
    return _escape(" ".join(lines(text)).replace(" ", "\u00a0"))


def _node_id(path: Path) -> str:
    return "n_" + "_".join(str(step) for step in path)


def _cluster_id(path: Path) -> str:
    return "s_" + "_".join(str(step) for step in path)


def _class(kind: str) -> str:
    return kind if kind in _SHAPES else _LIKE.get(kind, "entry")


def _text(element: Any) -> str:
    """Return what the node of *element* says: its name, and a measure's target and date."""
    if not isinstance(element, Measure):
        name: str = element.name
        return name
    text = element.name
    target = quantity(element.target, element.unit)
    if target:
        text += f": {target}"
    if element.due is not None:
        text += f" by {day(element.due)}"
    return text


class _Map:
    """A flowchart being drawn: its lines, and what of the strategy each node shows."""

    def __init__(self, strategy: Strategy) -> None:
        self.strategy = strategy
        self.links = links(strategy)
        #: The elements of other plans that references name, by the plan's alias.
        self.named = _named(self.links)
        self.lines = ["flowchart TB"]
        #: The node or cluster that shows each place of the document drawn.
        self.drawn: dict[Path, str] = {}
        #: The cluster each node and cluster is drawn in.
        self.within: dict[str, str] = {}
        #: The nodes and clusters of each cluster that shows one list of elements alone.
        self.lists: dict[str, list[str]] = {}
        #: The clusters open, each with the line that gives its direction.
        self.clusters: list[tuple[str, int]] = []
        #: Every cluster drawn so far.
        self.boxes: set[str] = set()
        #: The classes of node drawn, each styled once at the end.
        self.classes: list[str] = []
        #: The node drawn last, and the one drawn last in each section.
        self.latest = ""
        self.last: dict[str, str] = {}

    def add(self, line: str) -> None:
        self.lines.append("    " * (len(self.clusters) + 1) + line)

    def place(self, path: Path, drawn: str) -> None:
        self.drawn[path] = drawn
        if self.clusters:
            self.within[drawn] = self.clusters[-1][0]

    def node(self, path: Path, text: str, kind: str) -> str:
        node = _node_id(path)
        shape = _class(kind)
        self.add(f"{node}{_SHAPES[shape].format(text)}:::{shape}")
        self.place(path, node)
        self.latest = node
        if shape not in self.classes:
            self.classes.append(shape)
        return node

    def open(self, cluster: str, named: str, path: Path | None = None) -> None:
        """Open a cluster titled *named*, in which what follows is drawn until :meth:`close`.

        *path* is the place of the document it shows, if it shows one element.
        """
        if path is not None:
            self.place(path, cluster)
        elif self.clusters:
            self.within[cluster] = self.clusters[-1][0]
        self.add(f'subgraph {cluster}["{named}"]')
        self.clusters.append((cluster, len(self.lines)))
        self.add("direction TB")
        self.boxes.add(cluster)

    def close(self) -> None:
        self.clusters.pop()
        self.add("end")

    def chain(self, drawn: list[str]) -> None:
        """Keep *drawn*, what the open cluster holds, in order: a row of clusters, or a column.

        Mermaid keeps the order of what is linked, so they are linked in order by
        invisible links (``~~~``), each to the next, which Mermaid lays out from
        the top (``TB``), or from the left (``LR``) where they are clusters.
        """
        if len(drawn) < 2:
            return
        self.add(" ~~~ ".join(drawn))
        if self.clusters and self.boxes.intersection(drawn):
            line = self.clusters[-1][1]
            self.lines[line] = self.lines[line].replace("direction TB", "direction LR")

    def elements(self, path: Path, content: Iterable[Element]) -> list[str]:
        """Draw *content*, the list at *path*, in order; return what shows each element.

        An element is a node; one that holds lists is drawn in a cluster of its
        own without a title, with an edge from it to the cluster of each list.
        """
        found = []
        for index, element in enumerate(content):
            here = (*path, index)
            held = _lists(element)
            if not held:
                found.append(self.node(here, label(_text(element)), kind(element)))
                continue
            box = _cluster_id((*here, "box"))
            self.open(box, _UNTITLED)
            node = self.node(here, label(_text(element)), kind(element))
            for part, cluster in zip(held, self.parts(here, held), strict=True):
                self.add(f"{node} --> {self.entry(part, cluster, (*here, part.key))}")
            self.close()
            found.append(box)
        self.chain(found)
        return found

    def entry(self, part: Part, cluster: str, path: Path) -> str:
        """Return where an edge to the *cluster* of a list ends: the cluster, or its first node.

        Mermaid fails to lay out an edge to a cluster that holds a row of boxes
        linked to each other (dagre: "Cannot set properties of undefined"), so
        such an edge ends at the first element's node.
        """
        if any(_lists(element) for element in part.content):
            first: Path = (*path, 0)
            return self.drawn[first]
        return cluster

    def parts(self, path: Path, held: list[Part]) -> list[str]:
        """Draw the lists of what stands at *path*, each a cluster named with its label."""
        found = []
        for part in held:
            here = (*path, part.key)
            cluster = _cluster_id(here)
            self.open(cluster, title(heading(self.strategy, part.key)))
            self.lists[cluster] = self.elements(here, part.content)
            self.close()
            found.append(cluster)
        return found

    def statement(self, key: str, statement: Statement) -> str:
        """Draw a statement with its text and every point, then its meanings; return its node."""
        texts = [f"{heading(self.strategy, key)}:"]
        if statement.text is not None:
            texts.append(statement.text)
        texts.extend(_POINT + point for point in statement.points)
        node = self.node((key,), label(*texts), "statement")
        if statement.meanings:
            path = (key, "meanings")
            cluster = _cluster_id(path)
            self.open(cluster, title(heading(self.strategy, "meanings")))
            self.lists[cluster] = self.elements(path, statement.meanings)
            self.close()
            self.add(f"{node} --> {cluster}")
        return node

    def section(self, section: Section) -> None:
        """Draw a section after the statements in a cluster named with its label."""
        path = (section.key,)
        if section.layout == "compact":
            compact: Compact = section.content
            named = heading(self.strategy, section.key)
            if compact.name is not None:
                named += f": {compact.name}"
            self.open(section.key, title(named))
            held = _lists(compact)
            words = compact.description or (None if held else compact.name or named)
            found = [] if words is None else [self.node(path, label(words), "compact")]
            found.extend(self.parts(path, held))
            self.chain(found)
        else:
            self.open(section.key, title(heading(self.strategy, section.key)))
            if section.layout in ("links", "people"):
                self.lists[section.key] = self.entries(section)
            else:
                self.lists[section.key] = self.elements(path, section.content)
        self.close()
        self.last[section.key] = self.latest

    def entries(self, section: Section) -> list[str]:
        """Draw the named things of a section; a plan with elements referred to holds them."""
        named = self.named if section.key == "aligns_to" else {}
        found = []
        for index, entry in enumerate(entries(section)):
            text = entry.name if entry.aside is None else f"{entry.name} ({entry.aside})"
            path = (section.key, index)
            referred = named.get(getattr(section.content[index], "id", ""), [])
            if not referred:
                found.append(self.node(path, label(text), "entry"))
                continue
            cluster = _cluster_id(path)
            self.open(cluster, title(text), path)
            nodes = [
                self.node((*path, "references", number), label(reference), "entry")
                for number, reference in enumerate(referred)
            ]
            self.chain(nodes)
            self.close()
            found.append(cluster)
        self.chain(found)
        return found

    def target(self, document: str | None, reference: str, target: Path | None) -> str | None:
        """Return the node or cluster that shows what a reference names, if it is drawn."""
        if document is None:
            return None if target is None else self.drawn.get(target)
        aliases = [alignment.id for alignment in self.strategy.aligns_to]
        if document not in aliases:
            return None
        index = aliases.index(document)
        local = reference.partition(":")[2]
        if not local:
            return self.drawn[("aligns_to", index)]
        number = self.named[document].index(local)
        return self.drawn[("aligns_to", index, "references", number)]

    def contributions(self) -> list[tuple[str, str]]:
        """Draw what each element contributes to, one edge for a whole list where it can.

        Returns:
            The start and end of each edge drawn.
        """
        pairs: dict[tuple[str, str], None] = {}
        for link in self.links:
            end = self.target(link.document, link.reference, link.target)
            start = self.drawn.get(link.source)
            if start is not None and end is not None:
                pairs[start, end] = None
        drawn = _gathered(list(pairs), self.lists, self.within)
        for start, end in drawn:
            self.add(f"{start} -. {_CONTRIBUTES} .-> {end}")
        return drawn

    def top(self, drawn: str) -> str:
        """Return the section cluster that *drawn* is in (or a statement's node)."""
        while drawn in self.within:
            drawn = self.within[drawn]
        return drawn


def _lists(element: Element | Compact) -> list[Part]:
    """Return the lists of elements that *element* holds (not a measure's results)."""
    return [part for part in parts(element) if issubclass(part.item, Element)]


def _named(found: list[Link]) -> dict[str, list[str]]:
    """Return the elements of other plans that *found* name, by the plan's alias, in order."""
    named: dict[str, list[str]] = {}
    for link in found:
        if link.document is not None:
            local = link.reference.partition(":")[2]
            referred = named.setdefault(link.document, [])
            if local and local not in referred:
                referred.append(local)
    return named


def _inside(drawn: str, cluster: str, within: dict[str, str]) -> bool:
    """Whether *drawn* is *cluster* or is drawn in it, at any depth."""
    while drawn != cluster:
        if drawn not in within:
            return False
        drawn = within[drawn]
    return True


def _gathered(
    pairs: list[tuple[str, str]], lists: dict[str, list[str]], within: dict[str, str]
) -> list[tuple[str, str]]:
    """Return *pairs* of start and end with each set that joins one to a whole list as one.

    First an edge from one node to every node of a list of two or more becomes an
    edge to the list's cluster; then an edge from every node of a list to the same
    end becomes one from the list's cluster. A cluster never joins what it holds.
    """
    for ends in (True, False):
        for cluster, nodes in lists.items():
            if len(nodes) < 2:
                continue
            others = {pair[0] if ends else pair[1] for pair in pairs}
            for other in others:
                joined = [(other, node) if ends else (node, other) for node in nodes]
                if _inside(other, cluster, within) or _inside(cluster, other, within):
                    continue
                if not set(joined) <= set(pairs):
                    continue
                first = min(pairs.index(pair) for pair in joined)
                kept = [pair for pair in pairs if pair not in joined]
                kept.insert(first, (other, cluster) if ends else (cluster, other))
                pairs = kept
    return pairs


#: Where each layout of section stands on the map, top first: the aims, what the
#: strategy lives and works by, who it is for, then what it is part of.
_RANKS: Final = {"aims": 0, "people": 2, "links": 3}


def _order(keys: list[str], joined: set[tuple[str, str]]) -> list[str]:
    """Return *keys* with each before those it contributes to, else in the order given.

    *joined* holds each pair of keys of which the first contributes to the second;
    where they contribute to each other, the order given stands.
    """
    placed: list[str] = []
    while len(placed) < len(keys):
        left = [key for key in keys if key not in placed]
        free = [key for key in left if not any((other, key) in joined for other in left)]
        placed.append((free or left)[0])
    return placed


def write(strategy: Strategy) -> str:
    """Return the strategy map of *strategy* as a Mermaid flowchart."""
    chart = _Map(strategy)
    starts = [chart.statement(key, statement) for key, statement in statements(strategy)]
    shown = sorted(sections(strategy), key=lambda section: _RANKS.get(section.layout, 1))
    for section in shown:
        chart.section(section)
    edges = chart.contributions()
    joined = {(chart.top(start), chart.top(end)) for start, end in edges}
    # Mermaid draws a cluster that an edge leaves or enters as part of the chart
    # around it, and a link to the cluster as a link to one of its nodes: the next
    # section is kept below such a one by a link from its last node.
    leaving = {
        cluster
        for cluster in chart.lists
        for start, end in edges
        if _inside(start, cluster, chart.within) != _inside(end, cluster, chart.within)
    }
    aims = {section.key for section in shown if section.layout == "aims"}
    before, previous = starts[-1:], ""
    for key in _order([section.key for section in shown], joined):
        if key in aims and starts:
            chart.lines.extend(f"    {start} --> {key}" for start in starts)
            starts = []
        elif (previous, key) not in joined:
            chart.lines.extend(f"    {start} ~~~ {key}" for start in before)
        previous, before = key, [chart.last[key] if key in leaving else key]
    chart.lines.extend(f"    classDef {name} {_STYLES[name]}" for name in chart.classes)
    return "\n".join(chart.lines) + "\n"
