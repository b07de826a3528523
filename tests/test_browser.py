"""The HTML one-pager in a real browser: headless Chromium, where one is installed.

``.ci/run`` installs Debian's chromium, so CI runs these; elsewhere they skip.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

import orgstrategy
from conftest import EXAMPLES

BROWSER = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)
pytestmark = [
    pytest.mark.browser,
    # A browser is an integration: these run in the slow step (pytest -m slow).
    pytest.mark.slow,
    pytest.mark.skipif(BROWSER is None, reason="no headless Chromium installed"),
]

LONG_WORDS = """\
orgstrategy: "1.0"
organisation: {name: Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch Community Health Council}
mission: "Supercalifragilisticexpialidociousandantidisestablishmentarianismcareforeveryoneeverywhere"
goals:
  - name: "Measure <b>everything</b> & \\"nothing\\""
    measures:
      - {name: A measure with a very long name that goes on and on and on and on, baseline: "a baseline in words that is long", target: "a target in words that is also long", due: 2030-03-31}
    objectives:
      - name: Objective
        measures: [{name: Inner, target: 5}]
"""


def chromium(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    return subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            *arguments,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshot(tmp_path, width):
    page = tmp_path / "strategy.html"
    orgstrategy.dump(orgstrategy.load(EXAMPLES / "tees-esk-and-wear-valleys.yaml"), page)
    shot = tmp_path / "shot.png"
    chromium(
        tmp_path,
        "--hide-scrollbars",
        f"--window-size={width},1600",
        f"--screenshot={shot}",
        page.as_uri(),
    )
    assert png_size(shot) == (width, 1600)
    assert shot.stat().st_size > 20_000  # a page of text, not a blank one


@pytest.mark.parametrize("width", [360, 1024])
def test_no_sideways_scrolling(tmp_path, width):
    """On a phone the page fits the screen's width, even with long words and wide tables."""
    page = tmp_path / "strategy.html"
    page.write_text(orgstrategy.dumps(orgstrategy.loads(LONG_WORDS), "html"), encoding="utf-8")
    probe = tmp_path / "probe.html"
    probe.write_text(
        f'<!DOCTYPE html><iframe id="f" src="{page.name}" style="width:{width}px;height:800px;border:0"></iframe>'
        '<pre id="out">pending</pre><script>'
        'document.getElementById("f").onload = () => {'
        ' const d = document.getElementById("f").contentDocument;'
        ' document.getElementById("out").textContent ='
        "  [d.documentElement.scrollWidth, d.documentElement.clientWidth, d.title,"
        '   d.querySelectorAll("b").length].join(" | "); };'
        "</script>",
        encoding="utf-8",
    )
    dom = chromium(
        tmp_path,
        "--allow-file-access-from-files",
        "--virtual-time-budget=5000",
        "--dump-dom",
        probe.as_uri(),
    ).stdout
    found = re.search(r'<pre id="out">(.*?)</pre>', dom)
    assert found, dom
    scroll, client, title, bold = found.group(1).split(" | ")
    assert int(scroll) <= int(client)  # nothing wider than the screen
    assert width - 20 <= int(client) <= width  # less a vertical scroll bar
    assert (
        title
        == "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch Community Health Council"
    )
    assert bold == "0"  # the <b> in a name is text, not markup


def test_prints(tmp_path):
    page = tmp_path / "strategy.html"
    orgstrategy.dump(orgstrategy.load(EXAMPLES / "staffordshire-and-stoke-on-trent.yaml"), page)
    pdf = tmp_path / "strategy.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert re.search(rb"/Type\s*/Page[^s]", data)
