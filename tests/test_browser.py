"""The HTML one-pager in a real browser: headless Chromium, where one is installed.

``.ci/run`` installs Debian's chromium and chromium-driver, and axe-core from npm, so
CI runs these; elsewhere they skip. axe-core checks every example's page, in English
and (for the bilingual example) in Welsh, at a desktop and a phone's width.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import shutil
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import orgstrategy
from conftest import BROWSER, EXAMPLES, ROOT

AXE = ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
DRIVER = shutil.which("chromedriver")
THEME = EXAMPLES / "themes" / "riverside.toml"
#: Every example's page: (file, options), the bilingual one in Welsh too, one with a theme.
PAGES = [
    *((path, {}) for path in sorted(EXAMPLES.glob("*.yaml"))),
    *((path, {}) for path in sorted((EXAMPLES / "systems").glob("*.yaml"))),
    (EXAMPLES / "public-health-wales.yaml", {"language": "cy"}),
    (EXAMPLES / "here.yaml", {"theme": THEME}),
]
MEASURES = """\
orgstrategy: "1.1"
organisation: {name: Riverside NHS Trust, short_name: RNT}
title: Our plan
status: published
goals:
  - name: Shorter waits
    status: at-risk
    measures:
      - name: Patients waiting over 52 weeks
        unit: patients
        baseline: 1450
        target: 0
        due: 2026-03-31
        direction: decrease
        status: off-track
        results:
          - {period: 2023/24, target: 1000, actual: 1310}
          - {period: 2024/25, target: 500, actual: 980, description: Industrial action}
    objectives:
      - name: Open a diagnostic centre
        status: achieved
        measures: [{name: Scans a week, baseline: 300, target: 900, due: 2027-03-31}]
"""

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


def _page_id(page: tuple[Path, dict[str, object]]) -> str:
    path, options = page
    return "-".join([path.stem, *(str(value) for key, value in options.items() if key != "theme")])


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    """Write every example's page, and one of measures with charts, into one folder."""
    folder = tmp_path_factory.mktemp("pages")
    for page in PAGES:
        path, options = page
        text = orgstrategy.dumps(orgstrategy.load(path), "html", **options)  # type: ignore[arg-type]
        (folder / f"{_page_id(page)}.html").write_text(text, encoding="utf-8")
    charted = orgstrategy.dumps(orgstrategy.loads(MEASURES), "html")
    (folder / "measures.html").write_text(charted, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def driver(tmp_path_factory) -> Iterator[object]:
    webdriver = pytest.importorskip("selenium.webdriver")
    if DRIVER is None:
        pytest.skip("no chromedriver installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--disable-background-networking", "--disable-sync",
                     "--allow-file-access-from-files", "--hide-scrollbars",
                     f"--user-data-dir={tmp_path_factory.mktemp('profile')}"):  # fmt: skip
        options.add_argument(argument)
    browser = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    browser.set_page_load_timeout(30)
    try:
        yield browser
    finally:
        with contextlib.suppress(Exception):
            browser.quit()


def _open(driver, page: Path, width: int) -> None:
    driver.set_window_size(width, 900)
    # The window's outer size includes no frame in headless mode; make the viewport exact.
    inner = driver.execute_script("return window.innerWidth")
    if inner != width:
        driver.set_window_size(2 * width - inner, 900)
    driver.get(page.as_uri())


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not installed in .ci/node")
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("page", [*map(_page_id, PAGES), "measures"])
def test_axe_finds_no_violations(driver, pages, page, width):
    """axe-core, with every rule it runs by default (WCAG 2.x A and AA and best practice)."""
    _open(driver, pages / f"{page}.html", width)
    # WebDriver runs scripts outside the page's Content-Security-Policy, which forbids them.
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    found = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then("
        "  r => done(r.violations.map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' '))])),"
        "  e => done([['axe failed', String(e), []]]));"
    )
    assert found == []


@pytest.mark.parametrize("width", [1280, 768, 390])
@pytest.mark.parametrize("page", [*map(_page_id, PAGES), "measures"])
def test_the_layout_fits_and_reads(driver, pages, page, width):
    """Nothing is wider than the screen; headings nest; the masthead spans the window."""
    _open(driver, pages / f"{page}.html", width)
    facts = driver.execute_script(
        "const d = document.documentElement, header = document.querySelector('.masthead');"
        "return {scroll: d.scrollWidth, client: d.clientWidth,"
        " header: header.getBoundingClientRect().width,"
        " levels: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]"
        "   .map(h => Number(h.tagName[1])),"
        " lang: d.lang, styled: getComputedStyle(header).backgroundColor,"
        " main: document.querySelector('main').getBoundingClientRect().width};"
    )
    assert facts["scroll"] <= facts["client"] == width
    assert facts["header"] == width  # edge to edge: no rule wider than the text
    levels = facts["levels"]
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels))
    assert facts["lang"] in ("en-GB", "en", "cy")
    assert facts["styled"] != "rgba(0, 0, 0, 0)"  # the stylesheet applies, by its hash
    assert facts["main"] > width / 2 or width >= 1024  # the text has the room on a phone


def test_the_skip_link_and_focus_are_visible(driver, pages):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(driver, pages / "measures.html", 1280)
    skip = driver.find_element(By.CSS_SELECTOR, "a.skip")
    assert driver.execute_script("return arguments[0].getBoundingClientRect().bottom", skip) < 0
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    focused = driver.switch_to.active_element
    assert focused.get_attribute("href").endswith("#main")
    seen = driver.execute_script(
        "const s = getComputedStyle(arguments[0]), r = arguments[0].getBoundingClientRect();"
        "return [r.top >= 0, s.outlineStyle, s.backgroundColor];",
        focused,
    )
    assert seen == [True, "solid", "rgb(255, 184, 28)"]  # on screen, outlined, on the accent
    focused.send_keys(Keys.ENTER)
    assert driver.execute_script("return location.hash") == "#main"


def test_charts_are_images_with_their_numbers_in_tables(driver, pages):
    _open(driver, pages / "measures.html", 390)
    charts = driver.execute_script(
        "return [...document.querySelectorAll('svg.chart')].map(svg => {"
        " const box = svg.getBoundingClientRect();"
        " return [svg.getAttribute('role'), svg.querySelector('title').textContent,"
        "   box.width > 200, box.right <= window.innerWidth,"
        "   !!svg.closest('figure').querySelector('table') || svg.closest('figure').id === ''];});"
    )
    assert charts == [
        ["img", "Patients waiting over 52 weeks", True, True, True],
        ["img", "Scans a week", True, True, True],
    ]
    badges = driver.execute_script(
        "return [...document.querySelectorAll('.badge')].map(b => b.textContent);"
    )
    assert badges[:3] == ["Status: At risk", "Status: Achieved", "Status: Off track"]
