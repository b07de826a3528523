"""``orgstrategy site``: a static site of many strategies, built whole or not at all."""

from __future__ import annotations

import html.parser
import json
import os
import urllib.parse
from pathlib import Path

import pytest

import orgstrategy
from orgstrategy import _site
from orgstrategy._cli import main

ROOT = Path(__file__).parent.parent
SYSTEMS = ROOT / "examples" / "systems"
WELSH = ROOT / "examples" / "public-health-wales.yaml"


class _Page(html.parser.HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "a" and "href" in found:
            self.links.append(found["href"] or "")
        if tag == "script":
            self.scripts.append(found)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


def build(capsys, tmp_path: Path, *paths: Path | str) -> tuple[int, Path, str]:
    site = tmp_path / "site"
    code = main(["site", *map(str, paths), "-o", str(site)])
    return code, site, capsys.readouterr().err


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("built") / "site"
    assert main(["site", str(SYSTEMS), str(WELSH), "-o", str(site), "-q"]) == 0
    return site


def test_the_files_of_the_site(built: Path):
    files = sorted(
        path.relative_to(built).as_posix() for path in built.rglob("*") if path.is_file()
    )
    assert files == [
        "alignment/nenc-better-health-and-wellbeing-for-all.html",
        "index.html",
        "search.html",
        "search.json",
        "site.js",
        "strategies/cntw-with-you-in-mind.html",
        "strategies/gateshead-health-corporate-strategy.html",
        "strategies/nenc-better-health-and-wellbeing-for-all.html",
        "strategies/public-health-wales.cy.html",
        "strategies/public-health-wales.html",
    ]


def test_every_link_within_the_site_resolves(built: Path):
    checked = 0
    for page in built.rglob("*.html"):
        for href in _Page(page.read_text(encoding="utf-8")).links:
            parts = urllib.parse.urlsplit(href)
            if parts.scheme or href.startswith("#"):
                continue
            assert (page.parent / parts.path).resolve().is_file(), f"{page.name}: {href}"
            checked += 1
    assert checked > 20


def test_pages_link_both_ways(built: Path):
    member = (built / "strategies" / "cntw-with-you-in-mind.html").read_text(encoding="utf-8")
    plan = (built / "strategies" / "nenc-better-health-and-wellbeing-for-all.html").read_text(
        encoding="utf-8"
    )
    assert '<a href="../strategies/nenc-better-health-and-wellbeing-for-all.html">' in member
    assert '<a href="../strategies/cntw-with-you-in-mind.html">With you in mind</a>' in plan
    assert '<a href="../alignment/nenc-better-health-and-wellbeing-for-all.html">' in plan


def test_each_language_has_its_page_and_a_switch(built: Path):
    welsh = (built / "strategies" / "public-health-wales.cy.html").read_text(encoding="utf-8")
    english = (built / "strategies" / "public-health-wales.html").read_text(encoding="utf-8")
    assert welsh.startswith('<!DOCTYPE html>\n<html lang="cy">')
    assert "Iechyd Cyhoeddus Cymru" in welsh
    assert 'href="../strategies/public-health-wales.html" hreflang="en" lang="en"' in welsh
    assert 'href="../strategies/public-health-wales.cy.html" hreflang="cy" lang="cy"' in english


def test_the_index_lists_every_strategy_with_what_filters_need(built: Path):
    index = (built / "index.html").read_text(encoding="utf-8")
    assert index.count('<tr data-kind="') == 4
    assert '<option value="integrated-care-board">' in index
    assert '<option value="superseded">' in index
    assert '<div id="filters" class="filters" hidden>' in index  # shown by the script


def test_the_search_index_holds_every_page_and_its_text(built: Path):
    pages = json.loads((built / "search.json").read_text(encoding="utf-8"))
    assert [page["page"] for page in pages] == [
        "strategies/cntw-with-you-in-mind.html",
        "strategies/gateshead-health-corporate-strategy.html",
        "strategies/nenc-better-health-and-wellbeing-for-all.html",
        "strategies/public-health-wales.html",
        "strategies/public-health-wales.cy.html",
    ]
    assert "Giving our children the best start in live" in pages[2]["text"]
    assert pages[4]["language"] == "cy"
    assert "Iechyd Cyhoeddus Cymru" in pages[4]["organisation"]


def test_only_the_index_and_search_run_a_script_and_only_the_sites(built: Path):
    for page in built.rglob("*.html"):
        parsed = _Page(page.read_text(encoding="utf-8"))
        expected = [{"src": "site.js", "defer": None}] if page.parent == built else []
        assert parsed.scripts == expected, page.name
        assert parsed.handlers == []


def test_hostile_names_are_text(capsys, tmp_path: Path):
    name = json.dumps('<script>alert(1)</script>"><img src=x onerror=alert(1)>')
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        f'orgstrategy: "1.1"\norganisation: {{name: {name}, kind: {name}}}\ntitle: {name}\n'
        f"priorities: [{{name: {name}, id: p}}]\n",
        encoding="utf-8",
    )
    member = tmp_path / "member.yaml"
    member.write_text(
        f'orgstrategy: "1.1"\norganisation: {{name: {name}}}\n'
        "aligns_to: [{id: plan, title: Plan, file: plan.yaml}]\n"
        f'goals: [{{name: {name}, contributes_to: ["plan:priorities/p"]}}]\n',
        encoding="utf-8",
    )
    code, site, _ = build(capsys, tmp_path, plan, member)
    assert code == 0
    for page in site.rglob("*.html"):
        parsed = _Page(page.read_text(encoding="utf-8"))
        assert all(script.get("src") == "site.js" for script in parsed.scripts), page.name
        assert parsed.handlers == [], page.name
    index = json.loads((site / "search.json").read_text(encoding="utf-8"))
    assert index[0]["organisation"] == json.loads(name)


class TestBuiltWhole:
    """A site is put in place whole: the old one stays until the new one is ready."""

    def test_a_site_already_there_is_replaced(self, capsys, tmp_path: Path):
        site = tmp_path / "site"
        site.mkdir()
        (site / "old.html").write_text("old", encoding="utf-8")
        code, site, err = build(capsys, tmp_path, SYSTEMS)
        assert code == 0
        assert not (site / "old.html").exists()
        assert (site / "index.html").is_file()
        assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]  # nothing left over
        assert err == f"site of 3 strategies built in {site}: 8 files\n"
        assert oct((site).stat().st_mode & 0o777) == "0o755"

    def test_a_build_that_fails_leaves_the_old_site(self, monkeypatch, tmp_path: Path):
        site = tmp_path / "site"
        site.mkdir()
        (site / "old.html").write_text("old", encoding="utf-8")
        original = Path.write_text
        written = []

        def failing(self, text, *args, **kwargs):
            if written:
                raise OSError(28, "No space left on device")
            written.append(self)
            return original(self, text, *args, **kwargs)

        monkeypatch.setattr(Path, "write_text", failing)
        with pytest.raises(OSError, match="No space left"):
            _site.write_site(site, {"index.html": "new", "search.html": "new"})
        monkeypatch.undo()
        assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]
        assert [path.name for path in site.iterdir()] == ["old.html"]

    def test_a_failure_while_swapping_puts_the_old_site_back(self, monkeypatch, tmp_path):
        site = tmp_path / "site"
        site.mkdir()
        (site / "old.html").write_text("old", encoding="utf-8")
        original = os.replace
        calls = []

        def second_fails(source, target):
            calls.append(target)
            if len(calls) == 2:
                raise OSError(5, "Input/output error")
            return original(source, target)

        monkeypatch.setattr(os, "replace", second_fails)
        with pytest.raises(OSError, match="Input/output"):
            _site.write_site(site, {"index.html": "new"})
        monkeypatch.undo()
        assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]
        assert [path.name for path in site.iterdir()] == ["old.html"]

    def test_a_file_in_the_way_is_an_io_error(self, capsys, tmp_path: Path):
        (tmp_path / "site").write_text("not a folder", encoding="utf-8")
        code, _, err = build(capsys, tmp_path, SYSTEMS)
        assert code == 2
        assert "is a file, not a folder for the site" in err

    def test_no_site_from_documents_with_errors(self, capsys, tmp_path: Path):
        bad = tmp_path / "bad.yaml"
        bad.write_text('orgstrategy: "1.1"\norganisation: {name: Here}\nstatus: nearly\n')
        code, site, err = build(capsys, tmp_path, bad)
        assert code == 1
        assert "error enum" in err
        assert "no site built" in err
        assert not site.exists()

    def test_nothing_to_build_is_a_usage_error(self, capsys, tmp_path: Path):
        code, _, err = build(capsys, tmp_path, tmp_path / "missing.yaml")
        assert code == 2
        assert "missing.yaml" in err


def test_pages_is_the_api_of_the_build():
    strategy = orgstrategy.loads('orgstrategy: "1.1"\norganisation: {name: Here}\n')
    files = _site.pages({"a/here.yaml": strategy, "b/here.yaml": strategy}, orgstrategy.align({}))
    assert "strategies/here.html" in files
    assert "strategies/here-2.html" in files  # two files of one name
