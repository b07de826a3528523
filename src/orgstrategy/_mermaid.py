r"""The Mermaid writer: a strategy map as a flowchart that GitHub and Sphinx render.

The statements (mission, vision, purpose, ambition) lead to the goals and the
priorities, each aim to its outcomes, objectives and measures, and each
objective to its measures; values and principles stand beside, unconnected.
Labels are shortened to :data:`MAX_LABEL` characters, kept on one line, quoted,
and escaped with Mermaid's entity codes (``#quot;``, ``#35;``), so no text can
break the diagram or become Mermaid markup: not a quote, ``#``, ``&``, ``<``, ``>``
(HTML), a backtick (a Markdown string) or a backslash (``\n``, a line break in
some renderers), and not the second character of ``%%`` (a directive such as
``%%{init: ...}%%``, or a comment), of ``$$`` (maths) or the colon of ``fa:fa-``
(an icon). Mermaid decodes the codes only when it draws the label, as text.
"""

from __future__ import annotations

import re
from typing import Final

from orgstrategy._links import links
from orgstrategy._model import Aim, Element, Measure, Strategy
from orgstrategy._positions import Path
from orgstrategy._presentation import (
    Layout,
    day,
    heading,
    kind,
    parts,
    quantity,
    sections,
    statements,
)

__all__ = ["MAX_LABEL", "label", "write"]

#: The longest label, in characters, before it is shortened with an ellipsis.
MAX_LABEL: Final = 80
# The characters a label holds as entity codes, wherever they stand.
_ENTITIES: Final = {
    "#": "#35;",
    '"': "#quot;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
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
_SHAPES: Final = {
    "statement": '(["{}"])',
    "aim": '["{}"]',
    "outcome": '("{}")',
    "objective": '("{}")',
    "measure": '[/"{}"/]',
    "value": '{{{{"{}"}}}}',
    "principle": '{{{{"{}"}}}}',
}
# The sections a map shows: the aims, linked from the statements, and the lists
# of elements as groups (the compact and the stakeholders are not on the map).
_SHOWN: Final[frozenset[Layout]] = frozenset({"aims", "articles", "items"})
_STYLES: Final = (
    "classDef statement fill:#e8f0fe,stroke:#1a56db,color:#111",
    "classDef aim fill:#fef3c7,stroke:#b45309,color:#111",
    "classDef outcome fill:#ecfdf5,stroke:#047857,color:#111",
    "classDef objective fill:#f0fdf4,stroke:#15803d,color:#111",
    "classDef measure fill:#f5f3ff,stroke:#6d28d9,color:#111",
    "classDef value fill:#fdf2f8,stroke:#be185d,color:#111",
    "classDef principle fill:#f1f5f9,stroke:#334155,color:#111",
)


def label(text: str) -> str:
    """Return *text* as a Mermaid label: one line, shortened, every special character escaped.

    >>> label('Reduce "did not attend" rates <10%')
    'Reduce #quot;did not attend#quot; rates #lt;10%'
    >>> label("%%{init: {'theme': 'dark'}}%% $$x$$ fa:fa-car")
    "%#37;{init: {'theme': 'dark'}}%#37; $#36;x$#36; fa#58;fa-car"
    """
    text = _SPACE.sub(" ", text).strip()
    if len(text) > MAX_LABEL:
        cut = text[: MAX_LABEL - 1]
        text = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"
    return _ENTITY.sub(lambda match: _ENTITIES.get(match.group()) or _MARKUP[match.group()], text)


def _node_id(path: Path) -> str:
    return "n_" + "_".join(str(step) for step in path)


#: The shape of each kind of element that has none of its own.
_LIKE: Final = {"action": "objective", "enabler": "aim"}


def _shape(kind: str) -> str:
    return kind if kind in _SHAPES else _LIKE.get(kind, "principle")


class _Map:
    def __init__(self, strategy: Strategy) -> None:
        self.strategy = strategy
        self.lines = ["flowchart TB"]
        self.drawn: set[Path] = set()

    def node(self, path: Path, text: str, shape: str, indent: int = 1) -> str:
        node = _node_id(path)
        shape = _shape(shape)
        self.lines.append(f"{'    ' * indent}{node}{_SHAPES[shape].format(label(text))}:::{shape}")
        self.drawn.add(path)
        return node

    def contributions(self) -> None:
        """Draw what each element drawn contributes to, where that is drawn too."""
        for link in links(self.strategy):
            if link.target is not None and {link.source, link.target} <= self.drawn:
                self.lines.append(
                    f"    {_node_id(link.source)} -. contributes to .-> {_node_id(link.target)}"
                )

    def edge(self, start: str, end: str) -> None:
        self.lines.append(f"    {start} --> {end}")

    def measure(self, path: Path, measure: Measure, parent: str) -> None:
        text = measure.name
        target = quantity(measure.target, measure.unit)
        if target:
            text += f": {target}"
        if measure.due is not None:
            text += f" by {day(measure.due)}"
        self.edge(parent, self.node(path, text, "measure"))

    def aim(self, path: Path, aim: Element) -> None:
        """Link *aim* to what it holds: outcomes, steps (with theirs) and measures."""
        node = _node_id(path)
        for part in parts(aim):
            for index, element in enumerate(part.content):
                here = (*path, part.key, index)
                if isinstance(element, Measure):
                    self.measure(here, element, node)
                else:
                    self.edge(node, self.node(here, element.name, kind(element)))
                    if part.layout == "steps":
                        self.aim(here, element)

    def group(self, section: str, elements: tuple[Element, ...], shape: str) -> None:
        self.lines.append(f'    subgraph {section}["{label(heading(self.strategy, section))}"]')
        for index, element in enumerate(elements):
            self.node((section, index), element.name, shape, indent=2)
        self.lines.append("    end")


def write(strategy: Strategy) -> str:
    """Return the strategy map of *strategy* as a Mermaid flowchart."""
    chart = _Map(strategy)
    starts = []
    for key, statement in statements(strategy):
        text = statement.text or "; ".join(statement.points)
        starts.append(chart.node((key,), f"{heading(strategy, key)}: {text}", "statement"))
    shown = [section for section in sections(strategy) if section.layout in _SHOWN]
    for section in shown:
        if section.layout == "aims":
            aims: tuple[Aim, ...] = section.content
            chart.group(section.key, aims, "aim")
            chart.lines.extend(f"    {start} --> {section.key}" for start in starts)
            for index, aim in enumerate(aims):
                chart.aim((section.key, index), aim)
    for section in shown:
        if section.layout != "aims":
            chart.group(section.key, section.content, section.item.__name__.lower())
    chart.contributions()
    chart.lines.extend(f"    {style}" for style in _STYLES)
    return "\n".join(chart.lines) + "\n"
