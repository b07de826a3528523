"""Hostile text in every writer and in the diff: it stays data, never markup, a directive or a line.

Each writer escapes what a document says (issue 14): the Markdown writer and the
Markdown changelog, the Mermaid map, the CSV rows and the HTML page. A document
here is hostile: names that are HTML, Markdown blocks, Mermaid directives or
spreadsheet formulas, and URLs that try to leave their link or run a script.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import html.parser
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

import orgstrategy
from orgstrategy import _changelog
from orgstrategy._cli import main
from orgstrategy._diff import split_path
from orgstrategy._presentation import link
from orgstrategy.testing import texts

#: A reader of GitHub's flavour: CommonMark with raw HTML on, tables, strikethrough, and
#: links made of bare URLs, ``www.`` names and e-mail addresses (linkify, which is bolder).
MARKDOWN = MarkdownIt("gfm-like", {"html": True})

#: Names that are markup in one writer or another.
HOSTILE = (
    "<img src=x onerror=alert(document.cookie)>",
    "<script>alert(1)</script>",
    "x\n# Injected heading\n<script>alert(1)</script>",
    "para\n\n<div onclick=alert(1)>block HTML</div>",
    "a\n\n---\n\nb",
    "Title\n=====",
    "```\nfenced\n```",
    "~~~js\nfenced\n~~~",
    "    indented code",
    "<https://evil.example/>",
    "<mailto:a@evil.example>",
    "[click](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "[ref]: https://evil.example/",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x&#62;",
    "- item",
    "+ item",
    "* item",
    "1. item",
    "2) item",
    "> quote",
    "# heading",
    "| a | b |\n|---|---|\n| c | d |",
    "line  \nbreak",
    "back\\\nslash break",
    "[-deleted-] and [+inserted+]",
    "%%{init: {'theme':'dark'}}%%",
    "%% a comment",
    "$$\\href{javascript:alert(1)}{x}$$",
    "fa:fa-car fab:fa-github",
    "`**markdown string**`",
    'a"]:::aim\n    evil["x',
    "a\\nb",
    "</style><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    "<svg onload=alert(1)>",
    "<!-- comment -->",
    '=HYPERLINK("https://evil.example","x")',
    "\t=1+1",
    "\r=1+1",
)

#: Pieces that hypothesis strings together into hostile text.
_PIECES = (
    *"<>&#*_`~|[]()!\\\"'=+-@%$:{}\n\r\t ",
    "\n\n",
    "\u2028",
    "\x85",
    "\x00",
    "img",
    "script",
    " src=x onerror=alert(1)",
    "amp;",
    "#60;",
    "%%",
    "{init:",
    "}%%",
    "$$",
    "fa:fa-car",
    "- ",
    "1. ",
    "> ",
    "# ",
    "```",
    "---",
    "===",
    "](",
    "<https://evil.example/>",
    "javascript:",
    "[-",
    "-]",
    "[+",
    "+]",
    "word",
    "www.",
    "https://",
    "evil.com",
    "@example.org",
)


def hostile_texts() -> st.SearchStrategy[str]:
    """Text for any field: realistic, tricky, hostile, or hostile pieces strung together."""
    return st.one_of(
        texts(),
        st.sampled_from(HOSTILE),
        st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12).map("".join),
    ).filter(str.strip)


def hostile_urls() -> st.SearchStrategy[str]:
    """Web URLs with hostile pieces in their path."""
    pieces = st.lists(st.sampled_from(_PIECES), max_size=8).map("".join)
    return pieces.map(lambda path: "https://example.org/" + path)


def outline(text: Callable[[], str], url: str = "https://example.org/") -> dict[str, Any]:
    """Return a document with every field a writer shows, each text from *text*."""
    return {
        "orgstrategy": "1.0",
        "organisation": {
            "name": text(),
            "short_name": text(),
            "url": url,
            "description": text(),
        },
        "title": text(),
        "version": text(),
        "labels": {"goals": text(), "measures": text()},
        "mission": text(),
        "vision": {
            "points": [text()],
            "meanings": [{"id": "m", "name": text(), "description": text()}],
        },
        "goals": [
            {
                "id": "g",
                "name": text(),
                "description": text(),
                "outcomes": [{"id": "o", "name": text()}],
                "objectives": [
                    {
                        "id": "j",
                        "name": text(),
                        "description": text(),
                        "measures": [{"id": "jm", "name": text(), "target": text()}],
                    }
                ],
                "measures": [
                    {"id": "gm", "name": text(), "unit": text(), "baseline": text(), "target": 5}
                ],
            }
        ],
        "priorities": [{"id": "p", "name": text()}],
        "values": [
            {
                "id": "v",
                "name": text(),
                "description": text(),
                "behaviours": [{"id": "b", "name": text()}],
            }
        ],
        "principles": [{"id": "r", "name": text(), "description": text()}],
        "compact": {
            "name": text(),
            "description": text(),
            "commitments": [{"id": "c", "name": text()}],
            "themes": [{"id": "t", "name": text(), "commitments": [{"id": "tc", "name": text()}]}],
        },
        "stakeholders": [{"id": "s", "name": text(), "role": text(), "description": text()}],
        "sources": [
            {"title": text(), "url": url + "page", "author": text(), "note": text()},
            {"title": text(), "url": "javascript:alert(1)"},
        ],
    }


def _count_texts() -> int:
    count = 0

    def text() -> str:
        nonlocal count
        count += 1
        return "x"

    outline(text)
    return count


#: How many texts an outline holds.
SLOTS = _count_texts()
#: The headings of an outline in Markdown, by level: the title; nine sections; a goal, a value
#: and a theme (the priority, with nothing but a name, is an item of a list, not an empty heading).
HEADINGS = {"h1": 1, "h2": 9, "h3": 3}


def load(data: dict[str, Any]) -> orgstrategy.Strategy:
    return orgstrategy.loads(json.dumps(data), "json")


def filled(values: list[str], url: str = "https://example.org/") -> orgstrategy.Strategy:
    """Return the outline with *values* as its texts, in order."""
    given_texts = iter(values)
    return load(outline(lambda: next(given_texts), url))


def plain(url: str = "https://example.org/") -> orgstrategy.Strategy:
    """Return the outline with plain words as its texts."""
    numbers = iter(range(SLOTS))
    return load(outline(lambda: f"Plain words {next(numbers)}", url))


def hostile(name: str, url: str = "https://example.org/") -> orgstrategy.Strategy:
    """Return the outline with *name* as every text."""
    return filled([name] * SLOTS, url)


def one_goal(name: str) -> orgstrategy.Strategy:
    return load(
        {
            "orgstrategy": "1.0",
            "organisation": {"name": "Here"},
            "goals": [{"id": "g", "name": name}],
        }
    )


def inlines(tokens: list[Token]) -> Iterator[Token]:
    """Yield every token, and the children of each inline token after it."""
    for token in tokens:
        yield token
        yield from token.children or ()


#: A paragraph, as :func:`markup` shows it.
_PARAGRAPH = [("paragraph_open", "p"), ("inline", ""), ("paragraph_close", "p")]


def markup(tokens: list[Token]) -> list[tuple[str, str]]:
    """Return what Markdown made of a page, without its text: the structure a reader sees.

    Paragraphs in a row count as one: a description's blank lines separate paragraphs.
    """
    found: list[tuple[str, str]] = []
    for token in inlines(tokens):
        if token.type != "text":
            found.append((token.type, token.tag))
            if found[-6:] == _PARAGRAPH * 2:
                del found[-3:]
    return found


def headings(tokens: list[Token]) -> Counter[str]:
    return Counter(token.tag for token in tokens if token.type == "heading_open")


def links(tokens: list[Token]) -> list[str]:
    return [str(token.attrs["href"]) for token in inlines(tokens) if token.type == "link_open"]


class _Tags(html.parser.HTMLParser):
    """The tags and attributes of a page, and its text."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(name for name, _ in attrs)))
        self.attributes.extend((tag, name, value or "") for name, value in attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def structure(self) -> list[tuple[str, tuple[str, ...]]]:
        """Return the tags with their attributes' names, paragraphs in a row as one."""
        return [
            tag
            for index, tag in enumerate(self.tags)
            if tag[0] != "p" or self.tags[index - 1] != tag
        ]

    def names(self) -> set[str]:
        return {tag for tag, _ in self.tags}

    def hrefs(self) -> list[str]:
        return [value for _, name, value in self.attributes if name == "href"]

    def handlers(self) -> list[str]:
        return [name for _, name, _ in self.attributes if name.startswith("on")]


#: Every tag the Markdown writer's output renders to.
MARKDOWN_TAGS = {
    *(f"h{level}" for level in (1, 2, 3)),
    *("p", "ul", "li", "strong", "em", "a", "pre", "code"),
    *("table", "thead", "tbody", "tr", "th", "td"),
}
#: URLs that must never be a link, however they are written.
UNSAFE_URLS = (
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/",
    "/relative",
)


class TestMarkdownWriter:
    """A hostile document's Markdown renders to the writer's structure and nothing else."""

    def render(self, strategy: orgstrategy.Strategy, **options: Any) -> list[Token]:
        return MARKDOWN.parse(orgstrategy.dumps(strategy, "markdown", **options))

    def test_a_link_cannot_leave_its_destination(self):
        strategy = hostile("S", url="https://example.org/>)<img src=x onerror=alert(1)>")
        page = orgstrategy.dumps(strategy, "markdown")
        assert "<https://example.org/%3E)%3Cimg%20src=x%20onerror=alert(1)%3Epage>" in page
        rendered = _Tags(MARKDOWN.render(page))
        assert "img" not in rendered.names()
        assert rendered.hrefs() == [
            "https://example.org/%3E)%3Cimg%20src=x%20onerror=alert(1)%3Epage"
        ]

    @pytest.mark.parametrize(
        ("url", "href"),
        [
            ("https://example.org/a b\n<c>", "https://example.org/a%20b%3Cc%3E"),
            ('https://example.org/"quoted"', "https://example.org/%22quoted%22"),
            ("https://example.org/back\\slash>", "https://example.org/back%5Cslash%3E"),
            ("https://example.org/?a=1&amp;b=2", "https://example.org/?a=1&amp;b=2"),
            (" https://example.org/x \n", "https://example.org/x"),
        ],
    )
    def test_a_destination_is_encoded(self, url, href):
        strategy = load(
            {
                "orgstrategy": "1.0",
                "organisation": {"name": "Here"},
                "sources": [{"title": "S", "url": url}],
            }
        )
        assert links(self.render(strategy)) == [href]

    @pytest.mark.parametrize(
        "url",
        [
            "https://nt.example/strategy",
            "https://en.wikipedia.org/wiki/Care_(health)",
            "HTTPS://example.org/a?b=1&c=2#d",
            "mailto:team@example.org?subject=Hi%20there",
            "http://example.org/~user/it's",
        ],
    )
    def test_valid_urls_are_written_as_they_are(self, url):
        strategy = load(
            {
                "orgstrategy": "1.0",
                "organisation": {"name": "Here"},
                "sources": [{"title": "S", "url": url}],
            }
        )
        assert f"- [S](<{url}>)\n" in orgstrategy.dumps(strategy, "markdown")

    @pytest.mark.parametrize("url", UNSAFE_URLS)
    def test_unsafe_urls_are_text(self, url):
        strategy = load(
            {"orgstrategy": "1.0", "organisation": {"name": "Here"}, "sources": [{"url": url}]}
        )
        tokens = self.render(strategy)
        assert links(tokens) == []
        assert "html_inline" not in {token.type for token in inlines(tokens)}

    @pytest.mark.parametrize("name", ["---", "***", "- x", "+ x", "1. x", "2) x", "> x", "=== x"])
    def test_the_subtitle_cannot_start_a_block(self, name):
        strategy = load({"orgstrategy": "1.0", "organisation": {"name": name}, "title": "T"})
        tokens = self.render(strategy)
        assert [token.type for token in tokens] == [
            "heading_open",
            "inline",
            "heading_close",
            "paragraph_open",
            "inline",
            "paragraph_close",
        ]
        assert tokens[4].content.replace("\\", "") == name

    @pytest.mark.parametrize("name", HOSTILE)
    def test_hostile_names(self, name):
        for options in ({}, {"map": True}):
            tokens = self.render(hostile(name), **options)
            assert markup(tokens) == markup(self.render(plain(), **options))
            assert headings(tokens) == HEADINGS

    def test_the_command_line(self, tmp_path, capsys):
        path = tmp_path / "strategy.json"
        url = "https://example.org/>)<img src=x onerror=alert(1)>"
        path.write_text(json.dumps(outline(lambda: HOSTILE[2], url)), encoding="utf-8")
        assert main(["convert", str(path), "--to", "markdown"]) == 0
        page = capsys.readouterr().out
        tokens = MARKDOWN.parse(page)
        assert markup(tokens) == markup(self.render(plain()))
        assert links(tokens) == ["https://example.org/%3E)%3Cimg%20src=x%20onerror=alert(1)%3Epage"]
        assert not {"img", "script"} & _Tags(MARKDOWN.render(page)).names()

    @settings(max_examples=100 * settings.default.max_examples // 100)
    @given(st.lists(hostile_texts(), min_size=SLOTS, max_size=SLOTS), hostile_urls())
    def test_arbitrary_names_add_no_markup(self, values, url):
        page = orgstrategy.dumps(filled(values, url), "markdown", map=True)
        tokens = MARKDOWN.parse(page)
        assert markup(tokens) == markup(self.render(plain(), map=True))
        assert headings(tokens) == HEADINGS
        (href,) = links(tokens)
        assert href.startswith("https://example.org/")
        assert href.endswith("page")
        rendered = _Tags(MARKDOWN.render(page))
        assert rendered.names() <= MARKDOWN_TAGS
        assert rendered.handlers() == []


#: The older version of the diffs: one goal.
OLD: Final[dict[str, Any]] = {
    "orgstrategy": "1.0",
    "organisation": {"name": "Here"},
    "goals": [{"id": "a", "name": "Access"}],
}


class TestChangelog:
    """The diff in Markdown escapes every name as the writer does; in text, a change is a line."""

    def changes(self, *names: str, **fields: Any) -> orgstrategy.Diff:
        goals = [{"id": f"g{index}", "name": name} for index, name in enumerate(names)]
        new = {"orgstrategy": "1.0", "organisation": {"name": "Here"}, "goals": goals} | fields
        return orgstrategy.diff(load(OLD), load(new))

    def rendered(self, found: orgstrategy.Diff) -> list[Token]:
        return MARKDOWN.parse(_changelog.markdown(found))

    def test_html_in_a_name_is_text(self):
        found = orgstrategy.diff(
            load(OLD),
            load(
                OLD | {"goals": [{"id": "a", "name": "<img src=x onerror=alert(document.cookie)>"}]}
            ),
        )
        changelog = _changelog.markdown(found)
        assert "<img" not in MARKDOWN.render(changelog)
        assert (
            "- Goal *Access* renamed to *\\<img src=x onerror=alert(document\\.cookie)\\>*\n"
            in changelog
        )
        (item,) = [token for token in self.rendered(found) if token.type == "inline"][2:]
        assert item.children is not None
        assert "".join(child.content for child in item.children) == (
            "Goal Access renamed to <img src=x onerror=alert(document.cookie)>"
        )

    def test_a_name_with_line_breaks_adds_no_heading_or_script(self):
        found = self.changes("x\n# Injected\n<script>alert(1)</script>")
        tokens = self.rendered(found)
        assert headings(tokens) == {"h1": 1, "h2": 1}
        assert not {"html_block", "html_inline", "softbreak"} & {t.type for t in inlines(tokens)}
        assert "<script" not in MARKDOWN.render(_changelog.markdown(found))

    def test_a_name_with_line_breaks_is_one_line_of_text(self):
        found = self.changes("x\n# Injected\r\n<script>alert(1)</script>\u2028end")
        assert _changelog.text(found).splitlines() == [
            "Goal *Access* removed",
            "Goal *x # Injected <script>alert(1)</script> end* added",
        ]

    def test_diff_markers_in_a_name_are_text(self):
        found = orgstrategy.diff(
            load(OLD),
            load(OLD | {"goals": [{"id": "a", "name": "Access [-old-] **and** [+new+]"}]}),
        )
        types = Counter(token.type for token in inlines(self.rendered(found)))
        assert types["s_open"] == 0
        assert types["strong_open"] == 0
        assert types["em_open"] == 2  # the old name and the new, and only they

    @pytest.mark.parametrize(
        "heading", ["<script>alert(1)</script>", "x\n# y", "*em* [l](https://x)"]
    )
    def test_a_label_is_a_heading_as_written(self, heading):
        found = self.changes("Access", labels={"goals": heading})
        tokens = self.rendered(found)
        assert headings(tokens) == {"h1": 1, "h2": 2}
        assert not {"html_inline", "html_block", "link_open"} & {
            token.type for token in inlines(tokens)
        }
        titles = [
            tokens[index + 1] for index, token in enumerate(tokens) if token.type == "heading_open"
        ]
        assert {child.type for title in titles for child in title.children or ()} == {"text"}
        assert titles[-1].children is not None
        assert titles[-1].children[0].content.lower() == " ".join(heading.split()).lower()

    def test_the_title_and_organisation_are_escaped(self):
        old = load(
            {"orgstrategy": "1.0", "organisation": {"name": "<b>Org</b>"}, "title": "*T*\n# x"}
        )
        tokens = MARKDOWN.parse(_changelog.markdown(orgstrategy.diff(old, old)))
        assert headings(tokens) == {"h1": 1}
        assert tokens[1].content == "Changes to \\*T\\* \\# x (\\<b\\>Org\\</b\\>)"

    def test_keys_are_escaped(self):
        old = load({"orgstrategy": "1.0", "organisation": {"name": "Here"}})
        new = load(
            {
                "orgstrategy": "1.0",
                "organisation": {"name": "Here"},
                "extensions": {"<img src=x>": {"a\n# b": 1}},
            }
        )
        changelog = _changelog.markdown(orgstrategy.diff(old, new))
        assert "<img" not in MARKDOWN.render(changelog)
        assert headings(MARKDOWN.parse(changelog)) == {"h1": 1, "h2": 1}

    def test_a_point_is_shown_by_its_index(self):
        head = {"orgstrategy": "1.0", "organisation": {"name": "Here"}}
        old = load(head | {"purpose": {"points": ["a", "b"]}})
        new = load(head | {"purpose": {"points": ["a", "<b>c</b>"]}})
        found = orgstrategy.diff(old, new)
        assert _changelog.text(found) == 'Purpose > Point *1* changed from "b" to "<b>c</b>"\n'
        assert (
            "- Purpose > Point *1* changed from ~~b~~ to **\\<b\\>c\\</b\\>**\n"
            in _changelog.markdown(found)
        )

    def test_the_command_line(self, tmp_path, capsys):
        old, new = tmp_path / "old.json", tmp_path / "new.json"
        old.write_text(json.dumps(OLD), encoding="utf-8")
        new.write_text(
            json.dumps(
                OLD
                | {"goals": [{"id": "a", "name": "x\n# Injected\n<img src=x onerror=alert(1)>"}]}
            ),
            encoding="utf-8",
        )
        assert main(["diff", "--format", "markdown", str(old), str(new)]) == 1
        changelog = capsys.readouterr().out
        assert headings(MARKDOWN.parse(changelog)) == {"h1": 1, "h2": 1}
        assert "<img" not in MARKDOWN.render(changelog)

    @settings(max_examples=50 * settings.default.max_examples // 100)
    @given(st.lists(hostile_texts(), min_size=SLOTS, max_size=SLOTS))
    def test_arbitrary_names_add_no_markup(self, values):
        old, new = plain(), filled(values)
        for found in (orgstrategy.diff(old, new), orgstrategy.diff(new, old)):
            lines = _changelog.text(found).splitlines()
            sections = {
                split_path(change.path)[0]
                for change in found.changes
                if _changelog.describe(change, found.old, found.new) is not None
            }
            tokens = self.rendered(found)
            assert headings(tokens) == Counter({"h1": 1, "h2": len(sections)})
            assert sum(token.type == "list_item_open" for token in tokens) == len(lines)
            types = {token.type for token in inlines(tokens)}
            assert types <= {
                *("heading_open", "heading_close", "paragraph_open", "paragraph_close"),
                *("bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close"),
                *("inline", "text", "em_open", "em_close", "strong_open", "strong_close"),
                *("s_open", "s_close"),
            }
            assert _Tags(MARKDOWN.render(_changelog.markdown(found))).handlers() == []


def labels(chart: str) -> list[str]:
    """Return the text of every quoted label in a Mermaid chart, its lines joined by a space."""
    return [text.replace("<br/>", " ") for text in re.findall(r'"([^"]*)"', chart)]


def shape(chart: str) -> list[str]:
    """Return the chart's lines with their labels emptied: what Mermaid reads as the diagram."""
    return [re.sub(r'"[^"]*"', '""', line) for line in chart.splitlines()]


#: What a line of a map the writer draws starts with (after its indent).
MAP_LINE = re.compile(
    r"(?:flowchart TB|direction (?:TB|LR)|end|classDef \w+ [\w:#,]+"
    r'|subgraph \w+\["[^"]*"\]'
    r'|\w+(?:\(\["|\["|\("|\[/"|\{\{"|\[\["|)[^"]*(?:"\]\)|"\]|"\)|"/\]|"\}\}|"\]\]|):::\w+'
    r"|\w+(?: ~~~ \w+)+|\w+ --> \w+|\w+ -\. contributes to \.-> \w+)"
)


class TestMermaid:
    """No label in the map is a directive, a comment, HTML, Markdown, maths or an icon."""

    @pytest.mark.parametrize(
        ("name", "written"),
        [
            ("%%{init: {'theme':'dark'}}%%", "%#37;{init:<br/>{'theme':'dark'}}%#37;"),
            ("%%{ init : {} }%%", "%#37;{ init : {} }%#37;"),
            ("%% comment", "%#37; comment"),
            ("%%%", "%#37;#37;"),
            ("$$\\href{javascript:alert(1)}{x}$$", "$#36;#92;href{javascript:alert(1)}{x}$#36;"),
            ("fa:fa-car and FAB:fa-github", "fa#58;fa-car and<br/>FAB#58;fa-github"),
            ("a\\nb", "a#92;nb"),
            ("`**bold**`", "#96;**bold**#96;"),
            ('a"]:::aim', "a#quot;]:::aim"),
            ("<br>x", "#lt;br#gt;x"),
            ("<br/>x", "#lt;br/#gt;x"),
            ("a;b", "a#59;b"),
            ("a\n  end\nclick a call alert()", "a end click a call<br/>alert()"),
            ("95% of 100%, $5 and $10", "95% of 100%, $5 and<br/>$10"),
        ],
    )
    def test_markup_is_neutralised(self, name, written):
        chart = orgstrategy.dumps(one_goal(name), "mermaid")
        assert f'n_goals_0["{written}"]:::aim' in chart
        assert "%%" not in chart
        assert "$$" not in chart

    @pytest.mark.parametrize("name", HOSTILE)
    def test_hostile_names(self, name):
        chart = orgstrategy.dumps(hostile(name), "mermaid")
        assert shape(chart) == shape(orgstrategy.dumps(plain(), "mermaid"))
        self.assert_inert(chart)

    def assert_inert(self, chart: str) -> None:
        """No text adds markup, and every line is one the writer draws: none is text's own."""
        assert "%%" not in chart
        assert "$$" not in chart
        for text in labels(chart):
            assert not re.search(r"[<>`\\]|fa[bklrs]?:fa-", text, re.IGNORECASE), text
            assert ";" not in re.sub(r"#(?:\d+|[a-z]+);", "", text), text
        for line in chart.splitlines():
            assert MAP_LINE.fullmatch(line.strip()), line

    def test_a_map_line_is_only_what_the_writer_draws(self):
        for line in ("click n_goals_0 call alert()", "%%{init: {}}%%", "end end", "style x"):
            assert not MAP_LINE.fullmatch(line)

    @settings(max_examples=100 * settings.default.max_examples // 100)
    @given(st.lists(hostile_texts(), min_size=SLOTS, max_size=SLOTS))
    def test_arbitrary_names_add_no_markup(self, values):
        chart = orgstrategy.dumps(filled(values), "mermaid")
        assert shape(chart) == shape(orgstrategy.dumps(plain(), "mermaid"))
        self.assert_inert(chart)
        page = orgstrategy.dumps(filled(values), "markdown", map=True)
        fences = [token for token in MARKDOWN.parse(page) if token.type == "fence"]
        assert [fence.content for fence in fences] == [chart.replace("\0", "\ufffd")]


#: What starts a spreadsheet formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def rows(text: str) -> list[dict[str, str]]:
    """Return the rows of a CSV file's text, read as a spreadsheet reads it (its BOM left out)."""
    assert text.startswith("\ufeffpath,")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


class TestCsv:
    """No cell starts a formula: text that would is written with a leading quote."""

    @pytest.mark.parametrize(
        ("name", "cell"),
        [
            ('=HYPERLINK("https://evil.example","x")', '\'=HYPERLINK("https://evil.example","x")'),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+1+1", "'+1+1"),
            ("-1+1", "'-1+1"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "'\r=1+1"),
            ("\r\n=1+1", "'\r\n=1+1"),
            ("-inf", "'-inf"),
            ("-1_000", "'-1_000"),
            ("-5", "-5"),
            ("+1.5e3", "+1.5e3"),
            ("-.5", "-.5"),
            ("a=1", "a=1"),
        ],
    )
    def test_formulas_are_text(self, name, cell):
        strategy = load(
            {
                "orgstrategy": "1.0",
                "organisation": {"name": "Here"},
                "goals": [
                    {
                        "id": "g",
                        "name": name,
                        "description": name,
                        "measures": [
                            {"id": "m", "name": "M", "unit": name, "baseline": name, "target": name}
                        ],
                    }
                ],
            }
        )
        goal, measure = rows(orgstrategy.dumps(strategy, "csv"))
        assert (goal["name"], goal["description"]) == (cell, cell)
        assert (measure["unit"], measure["baseline"], measure["target"]) == (cell, cell, cell)

    def test_numbers_are_written_as_they_are(self):
        strategy = load(
            {
                "orgstrategy": "1.0",
                "organisation": {"name": "Here"},
                "goals": [
                    {
                        "id": "g",
                        "name": "G",
                        "measures": [{"id": "m", "name": "M", "baseline": -5, "target": -0.5}],
                    }
                ],
            }
        )
        measure = rows(orgstrategy.dumps(strategy, "csv"))[-1]
        assert (measure["baseline"], measure["target"]) == ("-5", "-0.5")

    @settings(max_examples=100 * settings.default.max_examples // 100)
    @given(st.lists(hostile_texts(), min_size=SLOTS, max_size=SLOTS))
    def test_no_cell_starts_a_formula(self, values):
        found = rows(orgstrategy.dumps(filled(values), "csv"))
        assert [row["path"] for row in found] == [
            row["path"] for row in rows(orgstrategy.dumps(plain(), "csv"))
        ]
        for row in found:
            for cell in row.values():
                if cell.startswith(FORMULA_STARTS):
                    assert re.fullmatch(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", cell), (
                        cell
                    )


class TestHtml:
    """Every hostile name is text on the page, no URL but a web or mail one is a link, no script runs."""

    def page(self, strategy: orgstrategy.Strategy) -> _Tags:
        return _Tags(orgstrategy.dumps(strategy, "html"))

    def test_a_content_security_policy_forbids_scripts(self):
        page = orgstrategy.dumps(plain(), "html")
        head = page[: page.index("<style>")]
        (policy,) = re.findall(
            r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', head
        )
        directives = dict(part.strip().split(" ", 1) for part in html.unescape(policy).split(";"))
        assert directives["default-src"] == directives["script-src"] == "'none'"
        # The page's own <style>, by the hash of its text: no other style applies.
        style = page[page.index("<style>") + len("<style>") : page.index("</style>")]
        digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        assert directives["style-src"] == f"'sha256-{digest}'"
        assert directives["base-uri"] == directives["form-action"] == "'none'"
        assert "img-src" not in directives  # no logo: no image
        assert head.index("Content-Security-Policy") < head.index("<title>")
        assert " style=" not in page  # no inline style attribute the policy would block

    @pytest.mark.parametrize("name", HOSTILE)
    def test_hostile_names_are_text(self, name):
        page = self.page(hostile(name))
        assert page.structure() == self.page(plain()).structure()
        assert page.handlers() == []
        assert not {"script", "img", "svg", "iframe", "object"} & page.names()
        assert [tag for tag, _ in page.tags].count("style") == 1
        shown = " ".join("".join(page.text).split())
        assert " ".join(name.split()) in shown

    @pytest.mark.parametrize("name", HOSTILE)
    def test_hostile_names_in_another_language_are_text(self, name):
        # Asked for Welsh, every text (none translated) is marked as English in a <span>.
        def welsh(strategy: orgstrategy.Strategy) -> _Tags:
            return _Tags(orgstrategy.dumps(strategy, "html", language="cy"))

        def unmarked(page: _Tags) -> list[tuple[str, tuple[str, ...]]]:
            tags = [tag for tag in page.tags if tag != ("span", ("lang",))]
            return [tag for i, tag in enumerate(tags) if tag[0] != "p" or tags[i - 1] != tag]

        page = welsh(hostile(name))
        assert unmarked(page) == unmarked(welsh(plain()))
        assert ("span", ("lang",)) in page.tags
        assert page.handlers() == []
        assert not {"script", "img", "svg", "iframe", "object"} & page.names()
        shown = " ".join("".join(page.text).split())
        assert " ".join(name.split()) in shown

    @pytest.mark.parametrize("url", UNSAFE_URLS)
    def test_unsafe_urls_are_not_links(self, url):
        page = self.page(hostile("N", url=url))
        assert [href for href in page.hrefs() if not href.startswith("#")] == []

    @pytest.mark.parametrize(
        "url",
        [
            'https://example.org/" onmouseover="alert(1)',
            "https://example.org/' onmouseover='alert(1)",
            "https://example.org/><script>alert(1)</script>",
        ],
    )
    def test_a_url_cannot_leave_its_attribute(self, url):
        page = self.page(hostile("N", url=url))
        assert page.handlers() == []
        assert "script" not in page.names()
        assert [href for href in page.hrefs() if not href.startswith("#")] == [url + "page", url]

    def test_a_link_is_the_url_browsers_read(self):
        page = self.page(hostile("N", url=" https://example.org/\n"))
        assert [href for href in page.hrefs() if not href.startswith("#")] == [
            "https://example.org/page",
            "https://example.org/",
        ]

    @settings(max_examples=100 * settings.default.max_examples // 100)
    @given(st.lists(hostile_texts(), min_size=SLOTS, max_size=SLOTS), hostile_urls())
    def test_arbitrary_names_add_no_markup(self, values, url):
        page = self.page(filled(values, url))
        assert page.structure() == self.page(plain()).structure()
        assert page.handlers() == []
        assert [href for href in page.hrefs() if not href.startswith("#")] == [
            link(url + "page"),
            link(url),
        ]


def test_the_docs_say_what_each_writer_escapes():
    docs = Path(__file__).resolve().parent.parent / "docs" / "how-to" / "render-a-one-pager.md"
    text = docs.read_text(encoding="utf-8")
    assert "(writer-escaping)=\n## What each writer escapes\n" in text
    for words in ("Content-Security-Policy", "`%%`", "formula", "`http`, `https` and `mailto`"):
        assert words in text
