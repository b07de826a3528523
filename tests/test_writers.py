"""The writers for people and spreadsheets: Markdown, HTML, Mermaid and CSV."""

from __future__ import annotations

import csv
import html
import html.parser
import io
import itertools
import re

import pytest
from hypothesis import given, settings
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


class TestMermaid:
    def test_full(self, full):
        chart = orgstrategy.dumps(full, "mermaid")
        lines = chart.splitlines()
        assert lines[0] == "flowchart TB"
        assert '    n_mission(["Mission: Care *for* #lt;all#gt; | 100%"]):::statement' in lines
        assert '    n_vision(["Vision: - a list?; 1. a number?"]):::statement' in lines
        assert '    subgraph goals["Our aims"]' in lines
        assert "    n_mission --> goals" in lines
        assert "    n_vision --> priorities" in lines
        assert "    n_goals_0 --> n_goals_0_objectives_0" in lines
        assert '    n_goals_0_objectives_0("Open two clinics"):::objective' in lines
        assert (
            '    n_goals_0_objectives_0_measures_0[/"Clinics open: 2 by 2026-03-31"/]:::measure'
            in lines
        )
        assert '    n_goals_0_measures_1[/"Seen on time: 95%"/]:::measure' in lines
        assert '        n_values_0{{"Kindness"}}:::value' in lines
        assert '        n_principles_0{{"Openness"}}:::principle' in lines

    def test_label(self):
        assert (
            _mermaid.label('a "b" #1 `c` & <d>')
            == "a #quot;b#quot; #35;1 #96;c#96; #amp; #lt;d#gt;"
        )
        assert _mermaid.label("x" * 100) == "x" * 79 + "…"
        long = "word " * 30
        assert _mermaid.label(long) == ("word " * 15).strip() + "…"

    @settings(max_examples=50 * settings.default.max_examples // 100)
    @given(strategies(max_elements=3))
    def test_structure(self, strategy):
        lines = orgstrategy.dumps(strategy, "mermaid").splitlines()
        nodes = [re.match(r"\s+(n_\w+)[\[({]", line) for line in lines]
        names = [match.group(1) for match in nodes if match]
        assert len(names) == len(set(names))
        for line in lines[1:]:
            label = re.search(r'"(.*)"', line)
            if label:
                assert '"' not in label.group(1)
                assert not re.search(r"[<>`]", label.group(1))
                shown = re.sub(
                    r"#(?:\d+|[a-z]+);", "x", label.group(1)
                )  # one entity, one character
                assert len(shown) <= _mermaid.MAX_LABEL


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
