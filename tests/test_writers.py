"""The writers for people and spreadsheets: Markdown, HTML, Mermaid and CSV."""

from __future__ import annotations

import csv
import html
import html.parser
import io
import itertools
import re
from collections import Counter

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import orgstrategy
from conftest import MINIMAL, example_files
from orgstrategy import _mermaid
from orgstrategy._presentation import (
    elements,
    heading_case,
    measure_rows,
    parts,
    sections,
    statements,
)
from orgstrategy.testing import strategies

FULL = """\
orgstrategy: "1.0"
organisation: {name: North Trust, short_name: NT, url: "https://nt.example/", description: "Runs care.\\n\\nAnd more."}
title: Better care 2025
status: published
version: "2"
published: 2024-04-01
period: {start: 2024, end: 2029}
labels: {goals: Our aims, measures: How we will know, behaviours: We are}
mission: "Care *for* <all> | 100%"
vision: {points: ["- a list?", "1. a number?"], meanings: [{name: Quality, description: Good care}]}
goals:
  - name: Shorter waits
    description: People wait less.
    outcomes: [Faster help]
    objectives:
      - name: Open two clinics
        due: 2026-03-31
        measures:
          - {name: Clinics open, baseline: 0, target: 2, due: 2026-03-31}
    measures:
      - {name: Waiting time, unit: weeks, baseline: 18, target: 12, due: 2027-03-31}
      - {name: Seen on time, unit: "%", target: 95}
  - Safer care
priorities: [Prevention]
values:
  - {name: Kindness, behaviours: [Listening, {name: Helping, description: Going further}]}
principles: [{name: Openness, description: We publish what we do}]
stakeholders: [{name: Patients, role: users, description: People we care for}]
compact:
  name: Our compact
  description: How leaders work.
  commitments: [We will listen]
  themes: [{name: Honesty, commitments: [We will be open]}]
sources:
  - {title: Strategy page, url: "https://nt.example/strategy", retrieved: 2024-05-01, author: NT, note: The web page}
  - {title: Bad link, url: "javascript:alert(1)"}
  - {title: Leaflet}
"""


@pytest.fixture
def full() -> orgstrategy.Strategy:
    return orgstrategy.loads(FULL)


def test_sections_in_reading_order(full):
    """Every writer lays out these sections, in this order, read from the model."""
    assert [(section.key, section.layout) for section in sections(full)] == [
        ("goals", "aims"),
        ("priorities", "aims"),
        ("values", "articles"),
        ("principles", "items"),
        ("compact", "compact"),
        ("stakeholders", "people"),
    ]
    assert sections(orgstrategy.loads(MINIMAL)) == []


def test_an_aims_lists_laid_out_by_what_they_hold(full):
    """Inside an aim, the layout of each list is read from the model too."""
    goal, other = full.goals
    assert [(part.key, part.layout, len(part.content)) for part in parts(goal)] == [
        ("outcomes", "items", 1),
        ("objectives", "steps", 1),
        ("measures", "table", 2),
    ]
    assert parts(other) == []
    # The aim's own measures first, then each step's, named by the step.
    assert [(step, measure.name) for step, measure in measure_rows(goal)] == [
        ("", "Waiting time"),
        ("", "Seen on time"),
        ("Open two clinics", "Clinics open"),
    ]


@pytest.mark.parametrize("to", ["markdown", "html"])
def test_pages_show_the_sections_in_reading_order(full, to):
    page = orgstrategy.dumps(full, to).partition('<main id="main">')[2 if to == "html" else 0]
    found = [
        page.index(text)
        for text in (
            "Our aims",
            "Prevention",
            "Kindness",
            "We are",
            "Openness",
            "Our compact",
            "Patients",
            "Leaflet",
        )
    ]
    assert found == sorted(found)


def words(text: str) -> str:
    return " ".join(text.split())


def every_text(strategy: orgstrategy.Strategy) -> list[str]:
    texts = [placed.element.name for placed in elements(strategy)]
    for _, statement in statements(strategy):
        texts.extend(statement.points)
        if statement.text is not None:
            texts.append(statement.text)
    return [words(text) for text in texts]


class TestMarkdown:
    def render(self, markdown: str) -> str:
        """Return the text a reader sees, lines joined by spaces."""
        parsed = MarkdownIt("commonmark").enable("table").parse(markdown)
        seen = []
        for token in parsed:
            if token.type == "inline":
                seen.extend(
                    child.content
                    for child in token.children or ()
                    if child.type in ("text", "code_inline")
                )
                seen.append("\n")
        return " ".join("".join(seen).split())

    def test_full(self, full):
        text = orgstrategy.dumps(full, "markdown")
        assert text.startswith(
            "# Better care 2025\n\nNorth Trust (NT) · 2024 to 2029 · Published · Version 2 · Published 2024-04-01\n"
        )
        assert (  # a list, as Safer care has nothing to put under a heading
            "## Our aims\n\n- **Shorter waits**: People wait less.\n  - *Outcomes*\n"
            "    - Faster help\n  - *Objectives*\n    - Open two clinics (due 2026-03-31)\n"
            "- Safer care\n\n"
        ) in text
        assert "Care \\*for\\* \\<all\\> \\| 100%" in text
        assert "- \\- a list?\n- 1\\. a number?" in text
        assert (
            "*How we will know: Shorter waits*\n\n"
            "| Measure | Objective | Baseline | Target | Due |\n|---|---|---|---|---|\n" in text
        )
        assert "| Waiting time |  | 18 weeks | 12 weeks | 2027-03-31 |" in text
        assert "| Clinics open | Open two clinics | 0 | 2 | 2026-03-31 |" in text
        assert "| Seen on time |  |  | 95% |  |" in text
        assert "*We are*\n\n- Listening\n- **Helping**: Going further\n" in text
        assert (
            "## Our compact\n\nHow leaders work.\n\n- We will listen\n\n### Honesty\n\n- We will be open\n"
            in text
        )
        assert (
            "- [Strategy page](<https://nt.example/strategy>); NT; retrieved 2024-05-01; The web page"
            in text
        )
        assert "- Bad link\n- Leaflet\n" in text
        assert "Runs care.\n\nAnd more." in text
        assert text.endswith("\n")
        assert not text.endswith("\n\n")

    def test_measures_without_objectives_have_no_objective_column(self):
        strategy = orgstrategy.loads(
            MINIMAL + "goals: [{name: A, measures: [{name: M, target: 1}]}]\n"
        )
        assert "| Measure | Baseline | Target | Due |\n" in orgstrategy.dumps(strategy, "markdown")

    def test_minimal(self):
        assert orgstrategy.dumps(orgstrategy.loads(MINIMAL), "markdown") == "# Here\n"

    def test_map_option(self, full):
        text = orgstrategy.dumps(full, "markdown", map=True)
        assert "```mermaid\n" + orgstrategy.dumps(full, "mermaid") + "```\n\n## Our aims" in text

    @settings(max_examples=50 * settings.default.max_examples // 100)
    @given(strategies(max_elements=3))
    def test_every_text_reads_as_written(self, strategy):
        text = orgstrategy.dumps(strategy, "markdown")
        assert text == orgstrategy.dumps(strategy, "markdown")
        rendered = self.render(text)
        for expected in every_text(strategy):
            assert expected.replace("\0", "\ufffd") in rendered  # as CommonMark says


class _Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.headings: list[int] = []
        self.text: list[str] = []
        self.links: list[str] = []
        self.attributes: dict[str, list[dict[str, str | None]]] = {}

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.setdefault(tag, []).append(dict(attrs))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "a":
            self.links.append(dict(attrs)["href"] or "")

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


class TestHtml:
    def test_full(self, full):
        page = orgstrategy.dumps(full, "html")
        parsed = parse(page)
        assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">\n')
        assert parsed.headings.count(1) == 1
        assert {"header", "nav", "main", "footer", "table", "caption", "thead", "time"} <= set(
            parsed.tags
        )
        assert "script" not in parsed.tags
        assert "link" not in parsed.tags
        assert "Care *for* <all> | 100%" in parsed.text
        assert "Care *for* &lt;all&gt; | 100%" in page
        assert "javascript:" not in " ".join(parsed.links)
        assert "https://nt.example/strategy" in parsed.links
        assert "#goals" in parsed.links
        assert "@media print" in page
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
        assert [a.get("scope") for a in parsed.attributes["th"]][:5] == ["col"] * 5

    def test_headings_never_skip_a_level(self, full):
        levels = parse(orgstrategy.dumps(full, "html")).headings
        assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels))

    def test_ids_are_unique(self, full):
        ids = [
            a["id"]
            for tag in parse(orgstrategy.dumps(full, "html")).attributes.values()
            for a in tag
            if "id" in a
        ]
        assert len(ids) == len(set(ids))

    def test_language(self, full):
        assert orgstrategy.dumps(full, "html", lang="cy").startswith(
            '<!DOCTYPE html>\n<html lang="cy">'
        )

    @pytest.mark.parametrize("lang", ["", "en GB", '"><script>', 7])
    def test_bad_language(self, full, lang):
        with pytest.raises(
            orgstrategy.Error,
            match=r"option lang: .* is not a language tag such as 'en-GB' or 'cy'",
        ):
            orgstrategy.dumps(full, "html", lang=lang)

    def test_unsafe_organisation_url_is_not_a_link(self):
        strategy = orgstrategy.loads(MINIMAL + "  url: 'javascript:alert(1)'\n")
        parsed = parse(orgstrategy.dumps(strategy, "html"))
        assert [link for link in parsed.links if not link.startswith("#")] == []
        assert any("javascript:alert(1)" in text for text in parsed.text)

    @settings(max_examples=50 * settings.default.max_examples // 100)
    @given(strategies(max_elements=3))
    def test_every_text_is_escaped_and_shown(self, strategy):
        page = orgstrategy.dumps(strategy, "html")
        parsed = parse(page)
        shown = " ".join(" ".join(parsed.text).split())
        assert parsed.headings.count(1) == 1
        assert "script" not in parsed.tags
        for expected in every_text(strategy):  # a heading starts with a capital
            assert expected in shown or heading_case(expected) in shown


def chart_of(text: str) -> str:
    return orgstrategy.dumps(orgstrategy.loads(text), "mermaid")


class Drawn:
    """What a Mermaid map draws: its nodes, what each is drawn in, its contribution edges."""

    def __init__(self, chart: str) -> None:
        self.nodes: Counter[str] = Counter()
        self.within: dict[str, str] = {}
        self.edges: list[tuple[str, str]] = []
        self.labels: dict[str, str] = {}
        open_: list[str] = []
        for line in chart.splitlines()[1:]:
            text = line.strip()
            if found := re.fullmatch(r'subgraph (\w+)\["([^"]*)"\]', text):
                if open_:
                    self.within[found.group(1)] = open_[-1]
                open_.append(found.group(1))
            elif text == "end":
                open_.pop()
            elif found := re.fullmatch(r"(\w+) -\. contributes to \.-> (\w+)", text):
                self.edges.append((found.group(1), found.group(2)))
            elif found := re.match(r'(n_\w+)[\[({]+/?"([^"]*)"', text):
                self.nodes[found.group(1)] += 1
                self.labels[found.group(1)] = found.group(2)
                if open_:
                    self.within[found.group(1)] = open_[-1]
        assert not open_

    def around(self, drawn: str) -> list[str]:
        """Return *drawn* and every cluster it is drawn in."""
        found = [drawn]
        while found[-1] in self.within:
            found.append(self.within[found[-1]])
        return found


def node_of(path: tuple[str | int, ...]) -> str:
    return "n_" + "_".join(map(str, path))


STAFFORDSHIRE = """\
orgstrategy: "1.0"
organisation: {name: Here}
labels: {vision: Our vision, purpose: Our purpose, compact: Our leadership compact}
vision: Working with you to make Staffordshire and Stoke-on-Trent the healthiest places to live and work.
purpose:
  points: [giving children the best start in life, having the right services]
goals: [Improve outcomes]
compact:
  commitments: [We will be dependable]
  themes: [{name: System first, commitments: [We will present a united front to regulators]}]
"""


class TestMermaid:
    """The map: every statement, point, element and link drawn, in wrapped, escaped labels."""

    def test_staffordshire(self):
        assert chart_of(STAFFORDSHIRE) == (
            "flowchart TB\n"
            '    n_vision("Our vision:<br/>Working with you to<br/>make Staffordshire'
            "<br/>and Stoke-on-Trent<br/>the healthiest<br/>places to live and<br/>work."
            '"):::statement\n'
            '    n_purpose("Our purpose:<br/>• giving children<br/>the best start in'
            '<br/>life<br/>• having the right<br/>services"):::statement\n'
            '    subgraph goals["Goals"]\n'
            "        direction TB\n"
            '        n_goals_0["Improve outcomes"]:::aim\n'
            "    end\n"
            '    subgraph compact["Our\u00a0leadership\u00a0compact"]\n'
            "        direction LR\n"
            '        subgraph s_compact_commitments["Commitments"]\n'
            "            direction TB\n"
            '            n_compact_commitments_0["We will be<br/>dependable"]:::commitment\n'
            "        end\n"
            '        subgraph s_compact_themes["Themes"]\n'
            "            direction TB\n"
            '            subgraph s_compact_themes_0_box[" "]\n'
            "                direction TB\n"
            '                n_compact_themes_0[["System first"]]:::theme\n'
            '                subgraph s_compact_themes_0_commitments["Commitments"]\n'
            "                    direction TB\n"
            '                    n_compact_themes_0_commitments_0["We will present a<br/>'
            'united front to<br/>regulators"]:::commitment\n'
            "                end\n"
            "                n_compact_themes_0 --> s_compact_themes_0_commitments\n"
            "            end\n"
            "        end\n"
            "        s_compact_commitments ~~~ s_compact_themes\n"
            "    end\n"
            "    n_vision --> goals\n"
            "    n_purpose --> goals\n"
            "    goals ~~~ compact\n"
            "    classDef statement fill:#e8f0fe,stroke:#1a56db,color:#111\n"
            "    classDef aim fill:#fef3c7,stroke:#b45309,color:#111\n"
            "    classDef commitment fill:#fff7ed,stroke:#c2410c,color:#111\n"
            "    classDef theme fill:#ffedd5,stroke:#c2410c,color:#111\n"
        )

    def test_full(self, full):
        lines = orgstrategy.dumps(full, "mermaid").splitlines()
        assert lines[0] == "flowchart TB"
        assert (
            '    n_mission("Mission:<br/>Care *for* #lt;all#gt; |<br/>100%"):::statement' in lines
        )
        assert '    n_vision("Vision:<br/>• - a list?<br/>• 1. a number?"):::statement' in lines
        assert '        n_vision_meanings_0("Quality"):::meaning' in lines
        assert "    n_vision --> s_vision_meanings" in lines
        assert '    subgraph goals["Our\u00a0aims"]' in lines
        assert "    n_mission --> goals" in lines
        assert "    goals ~~~ priorities" in lines
        assert "            n_goals_0 --> n_goals_0_objectives_0" in lines  # a row of boxes
        assert '                    n_goals_0_objectives_0("Open two clinics"):::objective' in lines
        assert (
            '                        n_goals_0_objectives_0_measures_0[/"Clinics open: 2 by<br/>'
            '2026-03-31"/]:::measure'
        ) in lines
        assert '                n_goals_0_measures_1[/"Seen on time: 95%"/]:::measure' in lines
        assert '            subgraph s_values_0_behaviours["We\u00a0are"]' in lines
        assert '            n_values_0{{"Kindness"}}:::value' in lines
        assert '        n_principles_0{{"Openness"}}:::principle' in lines
        assert '    subgraph compact["Compact:\u00a0Our\u00a0compact"]' in lines
        assert '        n_compact("How leaders work."):::compact' in lines
        assert '        n_stakeholders_0["Patients (users)"]:::entry' in lines

    def test_a_compact_without_lists_shows_its_name_or_heading(self):
        named = chart_of(MINIMAL + "compact: {name: Our charter}\n")
        assert '        n_compact("Our charter"):::compact' in named.splitlines()
        assert 'subgraph compact["Compact:\u00a0Our\u00a0charter"]' in named
        bare = orgstrategy.dumps(
            attrs.evolve(orgstrategy.loads(MINIMAL), compact=orgstrategy.Compact()), "mermaid"
        )
        assert '        n_compact("Compact"):::compact' in bare.splitlines()

    def test_lines(self):
        assert _mermaid.lines("x" * 30) == ["x" * 30]  # a long word whole, on its own line
        assert _mermaid.lines("a  b\n\tc") == ["a b c"]
        assert _mermaid.lines(f"short {'y' * 30} end") == ["short", "y" * 30, "end"]
        assert _mermaid.lines("Stoke-on-Trent-and-Staffordshire-together") == [
            "Stoke-on-Trent-and-Staffordshire-together"
        ]

    def test_label(self):
        assert (
            _mermaid.label('a "b" #1 `c` & <d>')
            == "a #quot;b#quot; #35;1 #96;c#96; #amp; #lt;d#gt;"
        )
        long = "word " * 30
        assert _mermaid.label(long) == "<br/>".join(["word word word word"] * 7 + ["word word"])
        assert _mermaid.WIDTH == 20
        assert _mermaid.label("Heading:", "• one", "• two") == "Heading:<br/>• one<br/>• two"

    @settings(max_examples=50 * settings.default.max_examples // 100)
    @given(st.text(st.sampled_from("ab- \n;#<&"), max_size=80))
    def test_a_label_keeps_every_word(self, text):
        """No word is cut or dropped: the lines, joined, are the text's words."""
        found = _mermaid.lines(text)
        assert " ".join(found).split() == text.split()
        for line in found:
            assert len(line) <= _mermaid.WIDTH or " " not in line

    @settings(max_examples=50 * settings.default.max_examples // 100)
    @given(strategies(max_elements=3))
    def test_every_element_once_and_every_link_an_edge(self, strategy):
        drawn = Drawn(orgstrategy.dumps(strategy, "mermaid"))
        for key, statement in statements(strategy):
            assert drawn.nodes[node_of((key,))] == 1
            shown = drawn.labels[node_of((key,))].replace("<br/>", " ")
            for point in statement.points:
                assert _mermaid.label("• " + point).replace("<br/>", " ") in shown
        placed = list(elements(strategy))
        assert {node_of(item.path) for item in placed} == {
            node for node in drawn.nodes if not node.startswith(("n_aligns_to", "n_partners"))
        } - {node_of((key,)) for key, _ in statements(strategy)} - {"n_compact"}
        for item in placed:
            assert drawn.nodes[node_of(item.path)] == 1
        joins = []  # each link: where it starts, and what may show where it ends
        for link in orgstrategy.links(strategy):
            starts = drawn.around(node_of(link.source))
            if link.document is None:
                assert link.target is not None
                ends = drawn.around(node_of(link.target))
            else:
                index = [alignment.id for alignment in strategy.aligns_to].index(link.document)
                plan = (f"n_aligns_to_{index}", f"s_aligns_to_{index}")
                ends = [node for node in drawn.within if node.startswith(plan)] + list(plan)
            assert any(start in starts and end in ends for start, end in drawn.edges), link
            joins.append((starts, ends))
        for start, end in drawn.edges:  # and no edge that no link gives
            assert any(start in starts and end in ends for starts, ends in joins)

    def test_contributions(self):
        chart = chart_of(
            'orgstrategy: "1.1"\norganisation: {name: Here}\n'
            "priorities: [Patients, People]\n"
            "goals: [{name: Care, contributes_to: [priorities/people]}]\n"
            "enablers:\n"
            "  - {name: Digital, contributes_to: [priorities/patients, priorities/people]}\n"
            "  - {name: Money, contributes_to: [priorities/patients, priorities/people]}\n"
        )
        lines = chart.splitlines()
        assert "    n_goals_0 -. contributes to .-> n_priorities_1" in lines
        assert "    enablers -. contributes to .-> priorities" in lines
        assert len([line for line in lines if "contributes to" in line]) == 2
        # The enablers are drawn above what they contribute to, without a link of order;
        # the goals, which an edge leaves, above the enablers by a link from its last node.
        assert "    n_goals_0 ~~~ enablers" in lines
        assert "    enablers ~~~ priorities" not in lines
        assert "    goals ~~~ enablers" not in lines

    def test_one_element_to_a_whole_list(self):
        lines = chart_of(
            'orgstrategy: "1.1"\norganisation: {name: Here}\n'
            "priorities: [Patients, People]\n"
            "goals:\n"
            "  - {name: Care, contributes_to: [priorities/patients, priorities/people]}\n"
            "  - {name: Homes, contributes_to: [goals/care]}\n"
        ).splitlines()
        assert "    n_goals_0 -. contributes to .-> priorities" in lines
        assert "    n_goals_1 -. contributes to .-> n_goals_0" in lines
        # A section that an edge leaves is kept above the next by a link from its last node.
        assert "    n_goals_1 ~~~ priorities" not in lines

    def test_links_to_other_plans(self):
        lines = chart_of(
            'orgstrategy: "1.1"\norganisation: {name: Here}\n'
            "aligns_to:\n"
            "  - {id: ics, title: ICS plan}\n"
            "  - {id: nhs, title: NHS plan}\n"
            "goals:\n"
            "  - {name: Care, contributes_to: ['ics:priorities/a', 'ics:priorities/b', 'ics:']}\n"
            "  - {name: Homes, contributes_to: ['nhs:', 'ics:priorities/a']}\n"
        ).splitlines()
        assert '        subgraph s_aligns_to_0["ICS\u00a0plan"]' in lines
        assert '            n_aligns_to_0_references_0["priorities/a"]:::entry' in lines
        assert '        n_aligns_to_1["NHS plan"]:::entry' in lines
        edges = [line.strip() for line in lines if "contributes to" in line]
        assert edges == [
            "goals -. contributes to .-> n_aligns_to_0_references_0",  # both goals
            "n_goals_0 -. contributes to .-> n_aligns_to_0_references_1",
            "n_goals_0 -. contributes to .-> s_aligns_to_0",  # the whole plan
            "n_goals_1 -. contributes to .-> n_aligns_to_1",
        ]
        assert not [line for line in lines if line.endswith("~~~ aligns_to")]  # edges order them

    def test_references_that_name_nothing_are_not_drawn(self):
        strategy = orgstrategy.Strategy(
            organisation=orgstrategy.Organisation(name="Here"),
            goals=(
                orgstrategy.Goal(name="Care", contributes_to=("goals/none", "elsewhere:goals/x")),
            ),
        )
        assert "contributes to" not in orgstrategy.dumps(strategy, "mermaid")

    def test_the_order_of_sections(self):
        assert _mermaid._order(["a", "b", "c"], set()) == ["a", "b", "c"]
        assert _mermaid._order(["a", "b", "c"], {("c", "b")}) == ["a", "c", "b"]
        assert _mermaid._order(["a", "b"], {("a", "b"), ("b", "a")}) == ["a", "b"]


class TestCsv:
    """The CSV of the full document: a row for each statement, point and element (see test_csv)."""

    def rows(self, text: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))

    def test_full(self, full):
        text = orgstrategy.dumps(full, "csv")
        rows = self.rows(text)
        assert text.startswith(
            "\ufeffpath,reference,parent,kind,point,id,name,description,provision,url,"
            "contributes_to,owner,status,unit,baseline,target,due,direction,source,role\r\n"
        )
        assert rows[0] == {
            "path": "mission",
            "reference": "",
            "parent": "",
            "kind": "mission",
            "point": "",
            "id": "",
            "name": "Care *for* <all> | 100%",
            "description": "",
            "provision": "",
            "url": "",
            "contributes_to": "",
            "owner": "",
            "status": "",
            "unit": "",
            "baseline": "",
            "target": "",
            "due": "",
            "direction": "",
            "source": "",
            "role": "",
        }
        assert [(row["path"], row["point"], row["name"]) for row in rows[1:4]] == [
            ("vision", "", ""),
            ("vision.points[0]", "1", "'- a list?"),  # no spreadsheet formula
            ("vision.points[1]", "2", "1. a number?"),
        ]
        by_path = {row["path"]: row for row in rows}
        assert (by_path["vision.meanings[0]"]["parent"], by_path["vision.meanings[0]"]["id"]) == (
            "vision",
            "quality",
        )
        measure = by_path["goals[0].objectives[0].measures[0]"]
        assert (measure["reference"], measure["parent"]) == (
            "goals/shorter-waits/objectives/open-two-clinics/measures/clinics-open",
            "goals/shorter-waits/objectives/open-two-clinics",
        )
        assert by_path["goals[0].objectives[0]"]["due"] == "2026-03-31"
        assert (
            by_path["goals[0].measures[0]"]["unit"],
            by_path["goals[0].measures[0]"]["baseline"],
            by_path["goals[0].measures[0]"]["target"],
        ) == ("weeks", "18", "12")
        assert (by_path["compact"]["name"], by_path["compact"]["description"]) == (
            "Our compact",
            "How leaders work.",
        )
        assert by_path["compact.themes[0].commitments[0]"]["kind"] == "commitment"
        assert by_path["compact.themes[0].commitments[0]"]["parent"] == "compact.themes[0]"
        assert (by_path["stakeholders[0]"]["kind"], by_path["stakeholders[0]"]["role"]) == (
            "stakeholder",
            "users",
        )

    def test_what_format_1_1_tracks(self):
        strategy = orgstrategy.loads(
            'orgstrategy: "1.1"\norganisation: {name: Here}\npriorities: [Mental health]\n'
            "goals:\n  - name: Care\n    owner: =Chief nurse\n    status: on-track\n"
            "    contributes_to: [priorities/mental-health]\n"
            "    objectives: [{name: O, actions: [{name: A, due: 2026-01-31}]}]\n"
        )
        by_path = {row["path"]: row for row in self.rows(orgstrategy.dumps(strategy, "csv"))}
        assert (
            by_path["goals[0]"]["owner"],
            by_path["goals[0]"]["status"],
            by_path["goals[0]"]["contributes_to"],
        ) == ("'=Chief nurse", "on-track", "priorities/mental-health")
        assert by_path["goals[0].objectives[0].actions[0]"]["due"] == "2026-01-31"
        assert by_path["goals[0].objectives[0].actions[0]"]["parent"] == "goals/care/objectives/o"
        assert by_path["priorities[0]"]["status"] == ""

    def test_formulas_are_neutralised(self):
        strategy = orgstrategy.loads(
            MINIMAL + "goals: ['=HYPERLINK(\"x\")', '@SUM(1)', '-5', '+call']\n"
        )
        names = [row["name"] for row in self.rows(orgstrategy.dumps(strategy, "csv"))]
        assert names == ['\'=HYPERLINK("x")', "'@SUM(1)", "-5", "'+call"]


@pytest.mark.parametrize("example", example_files(), ids=lambda path: path.stem)
def test_examples_deterministic(example):
    strategy = orgstrategy.load(example)
    for name in ("markdown", "html", "mermaid", "csv"):
        assert orgstrategy.dumps(strategy, name) == orgstrategy.dumps(
            orgstrategy.load(example), name
        )


def test_dates_in_period_text():
    strategy = orgstrategy.loads(MINIMAL + "period: {start: 2024-04-01}\n")
    assert "from 2024-04-01" in orgstrategy.dumps(strategy, "markdown")
    strategy = orgstrategy.loads(MINIMAL + "period: {end: 2030}\n")
    assert "until 2030" in orgstrategy.dumps(strategy, "markdown")
