"""A static site of many strategies: an index, each strategy's page, alignment pages, a search.

:func:`pages` returns every file of the site, by its path, as text; nothing here
writes (see :func:`write_site` for that, which builds the site in a temporary
folder and puts it in place whole). The site needs no server code: any web
server, or a folder, serves it.

- ``index.html``: the organisations and their strategies (kind, area, period,
  status, languages), with filters that a small script adds;
- ``strategies/NAME.html``: each strategy's one-pager, with what it aligns to and
  what contributes to it, both ways, and ``strategies/NAME.LANG.html`` for each
  language its translations have, with a language switch;
- ``alignment/NAME.html``: for each plan that others align to, its matrix;
- ``search.html``, ``search.json`` and ``site.js``: a search of every page's text
  in the browser, from the index the build writes.

Text from the documents is data: every page is escaped by Jinja2's autoescaping,
``search.json`` is JSON, and the script puts text on the page as text only
(``textContent``), never as markup. Strategy and alignment pages allow no script;
the index and the search page allow only ``site.js``, from the site itself.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import attrs
import jinja2

from orgstrategy import _presentation
from orgstrategy._alignment import AlignmentReport, Plan
from orgstrategy._alignment_pages import html_report
from orgstrategy._html import SiteLinks, page_environment
from orgstrategy._html import write as write_html
from orgstrategy._ids import slug
from orgstrategy._model import Strategy, text_fields, walk

__all__ = ["pages", "write_site"]

#: The page's language when a document does not say: that of the one-pager.
_DEFAULT_LANGUAGE: Final = "en-GB"


@attrs.frozen
class _Entry:
    """A document of the site: its name, strategy, file stem, and the languages it has."""

    name: str
    strategy: Strategy
    stem: str
    languages: tuple[str, ...]

    @property
    def page(self) -> str:
        return f"strategies/{self.stem}.html"

    def page_in(self, language: str) -> str:
        return f"strategies/{self.stem}.{language}.html"

    @property
    def title(self) -> str:
        return _presentation.title(self.strategy)


def _languages(strategy: Strategy) -> tuple[str, ...]:
    """Return the languages of *strategy*'s translations, in the order first met."""
    found: dict[str, None] = {}
    for _, node in walk(strategy):
        for language in getattr(node, "translations", {}):
            found.setdefault(language, None)
    return tuple(found)


def _entries(strategies: Mapping[str, Strategy]) -> list[_Entry]:
    entries, stems = [], set()
    for name, strategy in strategies.items():
        base = slug(Path(name).stem) or "strategy"
        stem, number = base, 2
        while stem in stems:
            stem, number = f"{base}-{number}", number + 1
        stems.add(stem)
        entries.append(_Entry(name, strategy, stem, _languages(strategy)))
    return entries


@functools.cache
def _environment() -> jinja2.Environment:
    environment = page_environment()
    environment.filters["period"] = _presentation.period
    return environment


def _texts(strategy: Strategy) -> Iterator[str]:
    """Yield every text of *strategy* that a reader could search for."""
    for _, node in walk(strategy):
        cls: type = type(node)
        for name, many in text_fields(cls).items():
            value = getattr(node, name)
            if many:
                yield from value
            elif value is not None:
                yield value


def pages(strategies: Mapping[str, Strategy], report: AlignmentReport) -> dict[str, str]:
    """Return every file of the site of *strategies*, by its path in the site, as text.

    Args:
        strategies: The documents, by the name of their file.
        report: How they line up (:func:`orgstrategy.align` of them).
    """
    entries = _entries(strategies)
    by_name = {entry.name: entry for entry in entries}
    plans = {plan.document: plan for plan in report.plans}
    found: dict[str, str] = {}
    for entry in entries:
        found.update(_strategy_pages(entry, by_name, plans, report))
    for plan in report.plans:
        if plan.document in by_name:
            found[f"alignment/{by_name[plan.document].stem}.html"] = _alignment_page(
                plan, report, by_name
            )
    found["index.html"] = (
        _environment()
        .get_template("site-index.html.j2")
        .render(
            entries=entries,
            plans=[by_name[plan.document] for plan in report.plans if plan.document in by_name],
            kinds=sorted({e.strategy.organisation.kind for e in entries} - {None}),
            statuses=sorted({e.strategy.status for e in entries} - {None}),
        )
    )
    found["search.html"] = _environment().get_template("site-search.html.j2").render()
    found["search.json"] = _search_index(entries)
    found["site.js"] = (Path(__file__).parent / "templates" / "site.js").read_text(encoding="utf-8")
    return found


def _strategy_pages(
    entry: _Entry,
    by_name: Mapping[str, _Entry],
    plans: Mapping[str, Plan],
    report: AlignmentReport,
) -> dict[str, str]:
    aligned_to = []
    for plan in report.plans:
        if entry.name in plan.aligned_by and plan.document in by_name:
            other = by_name[plan.document]
            aligned_to.append((other.title, f"../{other.page}"))
    contributors: list[tuple[str, str]] = []
    own = plans.get(entry.name)
    if own is not None:
        contributors = [
            (by_name[name].title, f"../{by_name[name].page}")
            for name in own.aligned_by
            if name in by_name
        ]
    versions = [(entry.strategy.language or _DEFAULT_LANGUAGE, entry.page)]
    versions += [(language, entry.page_in(language)) for language in entry.languages]
    found = {}
    for language, path in versions:
        links = SiteLinks(
            home="../index.html",
            search="../search.html",
            alignment=None if own is None else f"../alignment/{entry.stem}.html",
            aligned_to=tuple(aligned_to),
            contributed_by=tuple(contributors),
            versions=tuple(
                (other, f"../{other_path}") for other, other_path in versions if other_path != path
            ),
        )
        translated = None if path == entry.page else language
        found[path] = write_html(entry.strategy, language=translated, site=links)
    return found


def _alignment_page(plan: Plan, report: AlignmentReport, by_name: Mapping[str, _Entry]) -> str:
    links = {name: f"../{entry.page}" for name, entry in by_name.items()}
    return html_report(report, plans=(plan,), links=links, home="../index.html")


def _search_index(entries: list[_Entry]) -> str:
    index: list[dict[str, Any]] = []
    for entry in entries:
        versions = [(entry.strategy.language or _DEFAULT_LANGUAGE, entry.strategy, entry.page)]
        versions += [
            (language, entry.strategy.translated(language), entry.page_in(language))
            for language in entry.languages
        ]
        for language, strategy, page in versions:
            index.append(
                {
                    "title": _presentation.title(strategy),
                    "organisation": strategy.organisation.name,
                    "language": language,
                    "page": page,
                    "text": "\n".join(_texts(strategy)),
                }
            )
    return json.dumps(index, ensure_ascii=False, indent=1) + "\n"


def write_site(folder: str | os.PathLike[str], files: Mapping[str, str]) -> None:
    """Write the site's *files* as the folder *folder*, whole or not at all.

    The site is written into a new folder beside *folder*, then put in its place
    (a site already there is replaced, and removed only once the new one is in
    place), so that a build that fails leaves the old site as it was and no
    half-written files behind.

    Raises:
        OSError: A file or folder could not be written, or *folder* is a file.
    """
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(f"{target} is a file, not a folder for the site")
    parent = target.parent if str(target.parent) else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    old: Path | None = None
    try:
        for path, text in files.items():
            file = building / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")
        os.chmod(building, 0o755)  # mkdtemp makes it private; a site is to be read
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=parent))
            os.replace(target, old / "site")
        os.replace(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        if old is not None and not target.exists():
            os.replace(old / "site", target)  # the old site back where it was
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
