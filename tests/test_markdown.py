"""The Markdown writer as GitHub shows it: no empty heading, measures in tables, text as text."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

import orgstrategy
from conftest import MINIMAL, example_files
from orgstrategy._presentation import quantity
from orgstrategy.testing import strategies
from test_writers_hostile import HOSTILE, hostile_texts, inlines

#: GitHub's flavour: tables, strikethrough, raw HTML on, and bare URLs made links.
GFM = MarkdownIt("gfm-like", {"html": True})

#: The blocks that are something to read under a heading.
_CONTENT = {
    "paragraph_open",
    "bullet_list_open",
    "ordered_list_open",
    "table_open",
    "fence",
    "code_block",
    "blockquote_open",
}


def empty_headings(page: str) -> list[str]:
    """Return every heading of *page* with nothing to read before the next of its level or above.

    A page that is nothing but its title (a strategy with an organisation alone) is not counted.
    """
    tokens = GFM.parse(page)
    open_: list[tuple[int, str, bool]] = []  # level, text, whether anything came under it
    empty: list[str] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            level = int(token.tag[1])
            while open_ and open_[-1][0] >= level:
                _, text, filled = open_.pop()
                empty += [] if filled else [text]
            open_.append((level, tokens[index + 1].content, False))
        elif token.type in _CONTENT:
            open_ = [(level, text, True) for level, text, _ in open_]
    empty += [text for _, text, filled in open_ if not filled]
    only_a_title = [token.type for token in tokens] == ["heading_open", "inline", "heading_close"]
    return [] if only_a_title else empty


def tables(page: str) -> list[list[list[str]]]:
    """Return each table of *page* as GFM reads it: rows of cells' text, the head first."""
    found: list[list[list[str]]] = []
    cell = False
    for token in GFM.parse(page):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            found[-1].append([])
        elif token.type in ("th_open", "td_open", "th_close", "td_close"):
            cell = token.nesting == 1
        elif token.type == "inline" and cell:
            found[-1][-1].append(_text(token))
    return found


def _text(token: Token) -> str:
    return "".join(
        child.content for child in token.children or () if child.type in ("text", "code_inline")
    )


def made(tokens: list[Token]) -> list[Token]:
    """Return what a page holds that is not text: raw HTML, links, images."""
    return [
        token
        for token in inlines(tokens)
        if token.type in ("html_inline", "html_block", "link_open", "image")
    ]


def load(data: dict[str, Any]) -> orgstrategy.Strategy:
    return orgstrategy.loads(json.dumps(data), "json")


class TestNoEmptyHeadings:
    """A heading always has something under it: what has only a name is an item of a list."""

    def test_the_check_finds_an_empty_heading(self):
        assert empty_headings("# T\n\n## A\n\n### B\n\n## C\n\ntext\n") == ["B", "A"]
        assert empty_headings("# T\n\n## A\n\n### B\n\ntext\n") == []
        assert empty_headings("# T\n") == []

    @pytest.mark.parametrize("example", example_files(), ids=lambda path: path.stem)
    @pytest.mark.parametrize("options", [{}, {"map": True}])
    def test_examples(self, example, options):
        page = orgstrategy.dumps(orgstrategy.load(example), "markdown", **options)
        assert empty_headings(page) == []

    @settings(max_examples=100 * settings.default.max_examples // 100)
    @given(strategies(max_elements=3))
    def test_any_strategy(self, strategy):
        assert empty_headings(orgstrategy.dumps(strategy, "markdown")) == []

    def test_aims_with_names_alone_are_a_list(self):
        strategy = orgstrategy.loads(MINIMAL + "goals: [Care, Work]\n")
        assert orgstrategy.dumps(strategy, "markdown") == "# Here\n\n## Goals\n\n- Care\n- Work\n"

    def test_one_aim_with_a_name_alone_makes_the_section_a_list(self):
        strategy = orgstrategy.loads(
            MINIMAL + "priorities:\n  - {name: Care, description: Good care.}\n  - Work\n"
        )
        assert orgstrategy.dumps(strategy, "markdown") == (
            "# Here\n\n## Priorities\n\n- **Care**: Good care.\n- Work\n"
        )

    def test_aims_that_all_have_content_are_headings(self):
        strategy = orgstrategy.loads(
            MINIMAL + "goals:\n  - {name: Care, description: Good care.}\n"
            "  - {name: Work, outcomes: [Jobs]}\n"
        )
        assert orgstrategy.dumps(strategy, "markdown") == (
            "# Here\n\n## Goals\n\n### Care\n\nGood care.\n\n### Work\n\n*Outcomes*\n\n- Jobs\n"
        )

    def test_a_list_keeps_what_each_aim_holds(self):
        strategy = orgstrategy.loads(
            'orgstrategy: "1.1"\norganisation: {name: Here}\n'
            "goals:\n  - Work\n  - name: Care\n    owner: Board\n"
            "    objectives:\n      - name: Waits\n        due: 2026-03-31\n"
            "        actions: [{name: Open a clinic, status: achieved}]\n"
            "        measures: [{name: Weeks, target: 12}]\n"
        )
        assert orgstrategy.dumps(strategy, "markdown") == (
            "# Here\n\n## Goals\n\n- Work\n- Care · Owner: Board\n  - *Objectives*\n"
            "    - Waits (due 2026-03-31)\n      - *Actions*\n"
            "        - Open a clinic · Status: Achieved\n\n"
            "*Measures: Care*\n\n"
            "| Measure | Objective | Baseline | Target | Due |\n|---|---|---|---|---|\n"
            "| Weeks | Waits |  | 12 |  |\n"
        )

    def test_values_and_themes(self):
        strategy = orgstrategy.loads(
            MINIMAL + "values: [Respect, {name: Care, behaviours: [Kind]}]\n"
            "compact: {themes: [Honesty, {name: Trust, commitments: [We will listen]}]}\n"
        )
        assert orgstrategy.dumps(strategy, "markdown") == (
            "# Here\n\n## Values\n\n- Respect\n- Care\n  - *Behaviours*\n    - Kind\n\n"
            "## Compact\n\n- Honesty\n- Trust\n  - *Commitments*\n    - We will listen\n"
        )

    def test_themes_that_all_have_content_are_headings(self):
        strategy = orgstrategy.loads(
            MINIMAL + "compact:\n  name: Our charter\n  themes:\n"
            "    - {name: Honesty, description: We say what we know.}\n"
            "    - {name: Trust, commitments: [We will listen]}\n"
        )
        assert orgstrategy.dumps(strategy, "markdown") == (
            "# Here\n\n## Our charter\n\n### Honesty\n\nWe say what we know.\n\n"
            "### Trust\n\n- We will listen\n"
        )

    def test_a_compact_with_a_name_alone(self):
        strategy = orgstrategy.loads(MINIMAL + "compact: {name: Our charter}\n")
        assert orgstrategy.dumps(strategy, "markdown") == "# Here\n\n## Compact\n\nOur charter\n"

    def test_an_empty_compact_has_no_section(self):
        strategy = orgstrategy.Strategy(
            organisation=orgstrategy.Organisation(name="Here"), compact=orgstrategy.Compact()
        )
        assert orgstrategy.dumps(strategy, "markdown") == "# Here\n"

    def test_a_name_that_reads_as_a_list_in_a_list(self):
        strategy = orgstrategy.loads(MINIMAL + "goals: ['1. Care', '- Work']\n")
        page = orgstrategy.dumps(strategy, "markdown")
        assert page.endswith("- 1\\. Care\n- \\- Work\n")
        items = [token for token in GFM.parse(page) if token.type == "list_item_open"]
        assert len(items) == 2


MEASURED = {
    "orgstrategy": "1.1",
    "organisation": {"name": "Here"},
    "goals": [
        {
            "id": "g",
            "name": "Shorter waits",
            "measures": [
                {
                    "id": "m",
                    "name": "Waiting time",
                    "unit": "weeks",
                    "baseline": 18,
                    "target": 12,
                    "due": "2027-03-31",
                    "status": "on-track",
                    "results": [
                        {"period": "2024/25", "target": 16, "actual": 17},
                        {"start": "2025-04-01", "end": "2026-03-31", "target": 14},
                    ],
                },
                {"id": "n", "name": "Seen on time", "unit": "%", "target": 95},
            ],
        }
    ],
}


class TestMeasureTables:
    """Measures are GFM tables: name, baseline, target, due, status; results by period after."""

    def test_exact(self):
        assert orgstrategy.dumps(load(MEASURED), "markdown") == (
            "# Here\n\n## Goals\n\n### Shorter waits\n\n*Measures*\n\n"
            "| Measure | Baseline | Target | Due | Status |\n|---|---|---|---|---|\n"
            "| Waiting time | 18 weeks | 12 weeks | 2027-03-31 | On track |\n"
            "| Seen on time |  | 95% |  |  |\n\n"
            "*Results: Waiting time*\n\n"
            "| Period | Target | Actual | Note |\n|---|---|---|---|\n"
            "| 2024/25 | 16 weeks | 17 weeks |  |\n"
            "| 2025-04-01 to 2026-03-31 | 14 weeks |  |  |\n"
        )

    def test_they_parse_as_tables(self):
        found = tables(orgstrategy.dumps(load(MEASURED), "markdown"))
        assert [[len(row) for row in table] for table in found] == [[5, 5, 5], [4, 4, 4]]
        assert found[0][1] == ["Waiting time", "18 weeks", "12 weeks", "2027-03-31", "On track"]

    def test_the_strategy_s_own_measures(self):
        strategy = load(
            {
                "orgstrategy": "1.1",
                "organisation": {"name": "Here"},
                "labels": {"measures": "How we will know"},
                "measures": [{"id": "m", "name": "Deaths", "baseline": 10, "target": 5}],
            }
        )
        assert orgstrategy.dumps(strategy, "markdown") == (
            "# Here\n\n## How we will know\n\n"
            "| Measure | Baseline | Target | Due |\n|---|---|---|---|\n| Deaths | 10 | 5 |  |\n"
        )

    @pytest.mark.parametrize("text", HOSTILE)
    def test_hostile_cells_are_text(self, text):
        page = orgstrategy.dumps(load(self.hostile(lambda: text)), "markdown")
        self.assert_cells(page, text)

    @settings(max_examples=100 * settings.default.max_examples // 100)
    @given(hostile_texts())
    def test_any_cell_is_text(self, text):
        page = orgstrategy.dumps(load(self.hostile(lambda: text)), "markdown")
        self.assert_cells(page, text)

    def hostile(self, text: Any) -> dict[str, Any]:
        return {
            "orgstrategy": "1.1",
            "organisation": {"name": "Here"},
            "goals": [
                {
                    "id": "g",
                    "name": "Goal",
                    "objectives": [
                        {
                            "id": "o",
                            "name": text(),
                            "measures": [{"id": "n", "name": text(), "target": text()}],
                        }
                    ],
                    "measures": [
                        {
                            "id": "m",
                            "name": text(),
                            "unit": text(),
                            "baseline": text(),
                            "status": "at-risk",
                            "results": [
                                {"period": text(), "actual": 3, "description": text()},
                            ],
                        }
                    ],
                }
            ],
        }

    def assert_cells(self, page: str, text: str) -> None:
        def shown(value: str) -> str:
            return " ".join(value.split()).replace("\0", "\ufffd")

        found = tables(page)
        assert [[len(row) for row in table] for table in found] == [[6, 6, 6], [4, 4]]
        measures, results = found
        assert measures[1] == [shown(text), "", shown(quantity(text, text)), "", "", "At risk"]
        assert measures[2] == [shown(text), shown(text), "", shown(text), "", ""]
        assert results[1] == [shown(text), "", shown(quantity(3, text)), shown(text)]
        assert made(GFM.parse(page)) == []


class TestText:
    """Nothing in a document becomes HTML or a link on GitHub: only the sources' URLs are links."""

    @pytest.mark.parametrize(
        "text",
        [
            "see https://evil.example/x now",
            "www.evil.com",
            "write to someone@evil.com",
            "evil.com and x.co.uk",
            "mailto:a@evil.com",
            "ftp://files.evil.com/",
            "<b>bold</b> &amp; <!-- c -->",
        ],
    )
    def test_no_link_or_html(self, text):
        strategy = load(
            {
                "orgstrategy": "1.1",
                "organisation": {"name": text, "description": text},
                "mission": text,
                "goals": [
                    {"id": "g", "name": text, "description": text},
                    {"id": "h", "name": text},
                ],
                "sources": [{"title": text, "url": "https://example.org/"}],
            }
        )
        tokens = GFM.parse(orgstrategy.dumps(strategy, "markdown"))
        assert [token.attrs.get("href") for token in made(tokens)] == ["https://example.org/"]
        shown = [_text(token) for token in tokens if token.type == "inline"]
        assert shown.count(text) >= 4  # title, description, mission, a goal

    @settings(max_examples=50 * settings.default.max_examples // 100)
    @given(st.lists(hostile_texts(), min_size=3, max_size=3))
    def test_any_text(self, texts):
        name, description, other = texts
        strategy = load(
            {
                "orgstrategy": "1.1",
                "organisation": {"name": name, "description": description},
                "priorities": [{"id": "p", "name": name, "description": description}],
                "goals": [
                    {"id": "g", "name": other, "measures": [{"id": "m", "name": name}]},
                    {"id": "h", "name": name},
                ],
            }
        )
        page = orgstrategy.dumps(strategy, "markdown")
        tokens = GFM.parse(page)
        assert made(tokens) == []
        assert empty_headings(page) == []
        # The goals are a list (one has nothing but its name), their measures' table titled after.
        (title,) = [
            token
            for token in tokens
            if token.type == "inline" and token.content.startswith("*Measures")
        ]
        children = [child.type for child in title.children or ()]
        assert (children[0], children[-1], children.count("em_open")) == ("em_open", "em_close", 1)
        assert _text(title) == "Measures: " + " ".join(other.split()).replace("\0", "\ufffd")
        assert [len(table) for table in tables(page)] == [2]
