"""The strategy maps drawn by Mermaid itself: mermaid-cli (``mmdc``) in headless Chromium.

``.ci/run`` installs ``@mermaid-js/mermaid-cli`` into ``.ci/node`` (without
Puppeteer's own browser) and Debian's chromium, so CI runs these; elsewhere, where
either is missing, they skip. Each example's map must render, show every word of
every statement's points, and end no label in a word cut short; hostile text must
stay text in the drawing.
"""

from __future__ import annotations

import html.parser
import json
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

import orgstrategy
from conftest import BROWSER, EXAMPLES, ROOT
from orgstrategy._presentation import HEADINGS, statements
from orgstrategy.testing import strategies
from test_writers_hostile import hostile

MMDC = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "mmdc"
pytestmark = [
    pytest.mark.browser,
    # A browser is an integration: these run in the slow step (pytest -m slow).
    pytest.mark.slow,
    pytest.mark.skipif(BROWSER is None, reason="no headless Chromium installed"),
    pytest.mark.skipif(not MMDC.exists(), reason="no mermaid-cli in .ci/node"),
]
MAPS = sorted([*EXAMPLES.glob("*.yaml"), *(EXAMPLES / "systems").glob("*.yaml")])
#: A word as the test reads one, in a document and in a drawing.
WORD = re.compile(r"[\w\u2019'./&-]+")


def render(tmp_path: Path, chart: str) -> str:
    """Return the SVG that mermaid-cli draws of *chart*."""
    config = tmp_path / "puppeteer.json"
    config.write_text(
        json.dumps({"executablePath": BROWSER, "args": ["--no-sandbox"]}), encoding="utf-8"
    )
    source, drawing = tmp_path / "map.mmd", tmp_path / "map.svg"
    source.write_text(chart, encoding="utf-8")
    done = subprocess.run(
        [str(MMDC), "--quiet", "-p", str(config), "-i", str(source), "-o", str(drawing)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, f"{done.stderr.splitlines()[:2]}\n{chart}"
    return drawing.read_text(encoding="utf-8")


class Labels(html.parser.HTMLParser):
    """The tags of a drawing, and the text of each label: its lines, as drawn."""

    def __init__(self, drawing: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.labels: list[list[str]] = []
        self.wrapped: list[list[str]] = []  # labels whose lines Mermaid wrapped again
        self._depth = 0
        self._rewrap = False
        self.feed(drawing)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "foreignobject":
            self._depth += 1
            self.labels.append([""])
            self._rewrap = False
        elif self._depth and tag == "br":
            self.labels[-1].append("")
        elif self._depth and tag == "div" and "break-spaces" in (dict(attrs).get("style") or ""):
            self._rewrap = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "foreignobject":
            self._depth -= 1
            if self._rewrap:
                self.wrapped.append(self.labels[-1])

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.labels[-1][-1] += data

    def text(self) -> str:
        """All the labels' text, each line a run of words."""
        return " ".join(" ".join(line.split()) for label in self.labels for line in label)


@pytest.mark.parametrize("example", MAPS, ids=lambda path: path.stem)
def test_every_example_map_renders_whole(tmp_path, example):
    strategy = orgstrategy.load(example)
    drawn = Labels(render(tmp_path, orgstrategy.dumps(strategy, "mermaid")))
    shown = drawn.text()
    for _, statement in statements(strategy):
        for text in (statement.text, *statement.points):
            if text is not None:
                assert " ".join(text.split()) in shown
    written = set(WORD.findall(example.read_text(encoding="utf-8")))
    written |= set(WORD.findall(" ".join(HEADINGS.values()))) | {"contributes", "to"}
    labels = [" ".join(" ".join(label).split()) for label in drawn.labels]
    for label in filter(None, labels):
        assert not label.endswith(("…", "...")), label
        assert WORD.findall(label)[-1] in written, label  # a whole word of the document
    # Mermaid draws the lines as the writer wrapped them; it wraps a line again only
    # when it is one word too long for a node (a reference such as priorities/x-y-z).
    for label in drawn.wrapped:
        assert any(" " not in line.strip() for line in label), label


@pytest.mark.parametrize(
    "name",
    [
        "<img src=x onerror=alert(document.cookie)>",
        "</div><script>alert(1)</script>",
        "%%{init: {'theme':'dark'}}%%",
        'a"]:::aim\n    click n_goals_0 call alert(1)\n    evil["x',
        "x\nend\nsubgraph evil\n",
        "<br/>a & b; c #35; `d`",
    ],
)
def test_hostile_text_is_drawn_as_text(tmp_path, name):
    drawn = Labels(render(tmp_path, orgstrategy.dumps(hostile(name), "mermaid")))
    assert not {"script", "img", "iframe", "object", "a"} & drawn.tags
    assert " ".join(name.split()) in drawn.text()


# Each example renders in seconds: a few, not shrunk (a failure prints its strategy).
@settings(
    max_examples=10,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(strategies(max_elements=3))
def test_any_strategy_map_renders(strategy):
    """Mermaid lays out every map the writer draws: clusters, boxes and edges between them."""
    with tempfile.TemporaryDirectory() as folder:
        drawn = Labels(render(Path(folder), orgstrategy.dumps(strategy, "mermaid")))
    assert not {"script", "img", "iframe", "object", "a"} & drawn.tags
    assert len(drawn.labels) >= len(list(statements(strategy)))
