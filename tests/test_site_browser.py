"""The site of many strategies in a real browser: headless Chromium driven by Selenium.

``.ci/run`` installs Debian's chromium and chromium-driver, and axe-core from npm
(into ``.ci/node``), so CI runs these; where any is absent they skip. The site is
served over HTTP from a local server, as a web server would, so that the search
can read its index; nothing reaches the network.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import BROWSER
from orgstrategy._cli import main

ROOT = Path(__file__).parent.parent
AXE = ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
DRIVER = shutil.which("chromedriver")
webdriver = pytest.importorskip("selenium.webdriver")
pytestmark = [
    pytest.mark.browser,
    # A browser is an integration: these run in the slow step (pytest -m slow).
    pytest.mark.slow,
    pytest.mark.skipif(BROWSER is None or DRIVER is None, reason="no Chromium and chromedriver"),
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[str]:
    """Build the site of the examples' system and the bilingual example; serve it."""
    site = tmp_path_factory.mktemp("served") / "site"
    paths = [ROOT / "examples" / "systems", ROOT / "examples" / "public-health-wales.yaml"]
    assert main(["site", *map(str, paths), "-o", str(site), "-q"]) == 0
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator[object]:
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--disable-background-networking", "--disable-sync",
                     "--window-size=1280,900",
                     f"--user-data-dir={tmp_path_factory.mktemp('profile')}"):  # fmt: skip
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        with contextlib.suppress(Exception):
            driver.quit()


def _wait(driver, condition, timeout: float = 10.0):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def test_every_link_of_every_page_resolves(browser, served):
    from selenium.webdriver.common.by import By

    seen, waiting = set(), [served + "index.html"]
    while waiting:
        page = waiting.pop()
        if page in seen:
            continue
        seen.add(page)
        browser.get(page)
        assert "404" not in browser.title, page
        assert "Error response" not in browser.page_source, page
        for link in browser.find_elements(By.CSS_SELECTOR, "a[href]"):
            href = link.get_attribute("href").partition("#")[0]
            if href.startswith(served) and href not in seen:
                waiting.append(href)
    assert len(seen) == 8  # the index, search, five strategy pages and one alignment page


def test_search_finds_a_known_phrase(browser, served):
    from selenium.webdriver.common.by import By

    browser.get(served + "search.html")
    count = browser.find_element(By.ID, "search-count")
    _wait(browser, lambda _: "pages to search" in count.text)
    browser.find_element(By.ID, "search-text").send_keys("children the best start")
    _wait(browser, lambda _: "found" in count.text)
    results = browser.find_elements(By.CSS_SELECTOR, "#search-results a")
    assert [result.text for result in results] == ["Better health and wellbeing for all"]
    assert results[0].get_attribute("href") == (
        served + "strategies/nenc-better-health-and-wellbeing-for-all.html"
    )
    field = browser.find_element(By.ID, "search-text")
    field.clear()
    field.send_keys("Iechyd")
    _wait(browser, lambda _: count.text == "1 page found")
    (result,) = browser.find_elements(By.CSS_SELECTOR, "#search-results li")
    assert result.get_attribute("lang") == "cy"


def test_a_filter_narrows_the_index(browser, served):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(served + "index.html")
    rows = browser.find_elements(By.CSS_SELECTOR, "#strategies tbody tr")
    assert len([row for row in rows if row.is_displayed()]) == 4
    Select(browser.find_element(By.ID, "filter-kind")).select_by_value("integrated-care-board")
    shown = [row.find_element(By.TAG_NAME, "th").text for row in rows if row.is_displayed()]
    assert shown == ["NHS North East and North Cumbria Integrated Care Board"]
    assert browser.find_element(By.ID, "filter-count").text == "1 of 4 shown"
    Select(browser.find_element(By.ID, "filter-kind")).select_by_value("")
    browser.find_element(By.ID, "filter-text").send_keys("Wales")
    assert len([row for row in rows if row.is_displayed()]) == 1


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not installed in .ci/node")
@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "search.html",
        "alignment/nenc-better-health-and-wellbeing-for-all.html",
        "strategies/cntw-with-you-in-mind.html",
        "strategies/public-health-wales.cy.html",
    ],
)
def test_no_serious_accessibility_violations(browser, served, page):
    browser.get(served + page)
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    found = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document).then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.length])));"
    )
    serious = [violation for violation in found if violation[1] in ("serious", "critical")]
    assert serious == [], serious
