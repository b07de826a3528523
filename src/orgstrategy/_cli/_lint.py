"""``orgstrategy lint PATH...``: what valid strategies could do better, by rule."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

import attrs

from orgstrategy import formats, lint
from orgstrategy._cli._checks import (
    Checked,
    add_check_arguments,
    check_all,
    finish,
    skipped_text,
    usage_failed,
)
from orgstrategy._cli._output import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from orgstrategy._cli._report import FileReport, counts, github, json_report, text_report
from orgstrategy._cli._sarif import sarif
from orgstrategy._cli._version import version
from orgstrategy._errors import SEVERITIES, Problem

__all__ = ["add_parser", "run", "summary_line"]


def add_parser(commands: Any) -> None:
    """Add the ``lint`` command to *commands*."""
    parser = commands.add_parser(
        "lint",
        help="find what valid strategies could do better (repeated aims, long statements, ...)",
        description="Check strategy documents against the lint rules (`orgstrategy rules` "
        "lists them) and report each finding on one line (file, line and column, severity, rule, "
        "path and message), "
        "as validate reports problems; an invalid document's validation problems are "
        "reported too, so lint alone reports every problem once. "
        "Settings come from [tool.orgstrategy.lint] in the nearest pyproject.toml; the "
        "options here override them, and a YAML comment `# orgstrategy: ignore[rule-name]` "
        "on a finding's line silences it. Exit 0 when nothing at or above --fail-on is "
        "found, 1 otherwise, 2 on a usage error or a file that cannot be read.",
    )
    add_check_arguments(parser)
    parser.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="run only these rules (comma-separated; default: all)",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        metavar="RULES",
        help="do not run these rules (comma-separated)",
    )
    parser.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        help="the least severity that makes the exit code 1 (default: warning)",
    )
    parser.set_defaults(run=run)


def _names(values: list[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


def summary_line(reports: list[FileReport], skipped: int = 0) -> str:
    """Return the one-line summary: how many files, and what was found in them.

    >>> summary_line([FileReport(file="a.yaml"), FileReport(file="b.yaml", error="gone")])
    '2 files linted: no problems, 1 not readable'
    """
    files = len(reports)
    parts = [
        f"{number} {severity}{'s' if number != 1 and severity != 'info' else ''}"
        for severity, number in counts(reports).items()
        if number
    ]
    unreadable = sum(report.error is not None for report in reports)
    text = f"{files} file{'s' if files != 1 else ''} linted: {', '.join(parts) or 'no problems'}"
    text += f", {unreadable} not readable" if unreadable else ""
    return text + skipped_text(skipped)


def _report(args: argparse.Namespace, checked: Checked, chosen: tuple[lint.Rule, ...]) -> str:
    if args.format == "github":
        return github(checked.reports, checked.errors)
    if args.format == "json":
        return json_report(checked.reports, checked.errors)
    if args.format == "sarif":
        return sarif(list(checked.reports), checked.errors, chosen, version())
    return text_report(checked.reports)


@attrs.frozen
class _Lint:
    """Lints one document (a class, not a closure, so that ``--jobs`` can send it)."""

    names: tuple[str, ...]
    options: Mapping[str, Mapping[str, Any]]

    def __call__(self, data: bytes, file: str, reader: formats.Format) -> list[Problem]:
        return lint.lint(
            data,
            format=reader.name,
            file=file,
            select=self.names,
            options=self.options,
            documents=formats.beside(file),
        )


def run(args: argparse.Namespace) -> int:
    """Lint every document named in *args*; return the exit code."""
    config = lint.find_config()
    select, ignore = _names(args.select), _names(args.ignore)
    chosen = lint.selected(
        config.select if select is None else select, config.ignore if ignore is None else ignore
    )
    names = tuple(rule.name for rule in chosen)
    options = {rule: dict(values) for rule, values in config.options.items()}
    checked = check_all(args, _Lint(names, options))
    reports = list(checked.reports)
    finish(args, checked, _report(args, checked, chosen), summary_line(reports, checked.skipped))
    if usage_failed(checked):
        return EXIT_USAGE
    if any(p.code == lint.RULE_FAILED for report in reports for p in report.problems):
        return EXIT_USAGE  # a rule is broken: the findings are not the whole story
    least = SEVERITIES.index(args.fail_on or config.fail_on)
    found = (problem for report in reports for problem in report.problems)
    return EXIT_INVALID if any(SEVERITIES.index(p.severity) <= least for p in found) else EXIT_OK
