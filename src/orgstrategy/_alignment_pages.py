"""An alignment report for people: Markdown, CSV (one row per link) and an HTML matrix.

Every text from the documents is data here as in the strategy writers: escaped
for Markdown by :func:`orgstrategy._markdown.inline`, kept from starting a
spreadsheet formula in CSV, and escaped by Jinja2's autoescaping in HTML (whose
page allows no script, as the one-pager's does).
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Mapping, Sequence
from typing import Final

import jinja2

from orgstrategy._alignment import AlignmentReport, Coverage, Place, Plan
from orgstrategy._csv import cell
from orgstrategy._html import page_environment
from orgstrategy._markdown import inline

__all__ = ["LINK_COLUMNS", "csv_report", "html_report", "markdown_report", "served"]

#: The columns of the CSV report, one row per reference from one document to another.
LINK_COLUMNS: Final = (
    "document",
    "kind",
    "reference",
    "name",
    "contributes_to",
    "target_document",
    "target_kind",
    "target_reference",
    "target_name",
)


def served(plan: Plan) -> str:
    """Return how much of *plan* others serve, in words: ``3 of 4 served, 1 gap``.

    >>> from orgstrategy._alignment import Plan
    >>> served(Plan(document="a.yaml", title="A", aligned_by=(), coverage=()))
    'nothing to serve'
    """
    total = len(plan.coverage)
    if not total:
        return "nothing to serve"
    gaps = len(plan.gaps)
    return f"{total - gaps} of {total} served, {gaps} gap{'s' if gaps != 1 else ''}"


def _what(place: Place) -> str:
    return f"{place.kind.capitalize()} *{inline(place.name)}*"


def _contributors(coverage: Coverage) -> str:
    if coverage.gap:
        return "**Gap**: nothing contributes"
    return "; ".join(
        f"{inline(place.document)}: {_what(place)}" for place in coverage.contributions
    )


def markdown_report(report: AlignmentReport) -> str:
    """Return *report* as Markdown: a table for each plan, then the unaligned aims."""
    lines = ["# Alignment", ""]
    if not report.plans:
        lines += ["No document of these aligns to another of them.", ""]
    for plan in report.plans:
        lines += [f"## {inline(plan.title)}", ""]
        followers = ", ".join(inline(name) for name in plan.aligned_by)
        lines += [f"{inline(plan.document)}, aligned to by {followers}: {served(plan)}.", ""]
        if plan.coverage:
            lines += ["| Element | Contributions |", "| --- | --- |"]
            for coverage in plan.coverage:
                lines.append(f"| {_what(coverage.target)} | {_contributors(coverage)} |")
            lines.append("")
    if report.unaligned:
        lines += ["## Unaligned", "", "Aims that serve nothing in the plans they align to:", ""]
        lines += [f"- {inline(place.document)}: {_what(place)}" for place in report.unaligned]
        lines.append("")
    if report.alone:
        lines += [
            "## Alone",
            "",
            "Aligned to no other document of these, nor they to them:",
            "",
        ]
        lines += [f"- {inline(name)}: {inline(report.titles[name])}" for name in report.alone]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def csv_report(report: AlignmentReport) -> str:
    """Return *report* as CSV: a header, then one row per reference to another document."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(LINK_COLUMNS)
    for link in report.links:
        source, target = link.source, link.target
        writer.writerow(
            [
                cell(source.document),
                cell(source.kind),
                cell(source.reference),
                cell(source.name),
                cell(link.reference),
                cell(link.document),
                cell(None if target is None else target.kind),
                cell(None if target is None else target.reference),
                cell(None if target is None else target.name),
            ]
        )
    return out.getvalue()


@functools.cache
def _template() -> jinja2.Template:
    environment = page_environment()
    environment.filters["served"] = served
    return environment.get_template("alignment.html.j2")


def html_report(
    report: AlignmentReport,
    *,
    lang: str = "en-GB",
    plans: Sequence[Plan] | None = None,
    links: Mapping[str, str] | None = None,
    home: str | None = None,
) -> str:
    """Return *report* as one HTML page: for each plan, a matrix of what serves it.

    A row is an element of the plan, a column a document that aligns to it, and
    a cell the elements of that document that contribute; an element nothing
    serves is marked "Gap" in words, not only in colour.

    Args:
        report: The report.
        lang: The page's language.
        plans: The plans to show (by default, all of the report's), and only
            them: the unaligned aims and the documents alone are left out.
        links: The page of each document, by its name, to link its name to.
        home: The page to link back to, as "All strategies".
    """
    return _template().render(
        report=report,
        lang=lang,
        plans=report.plans if plans is None else plans,
        whole=plans is None,
        links=links or {},
        home=home,
    )
