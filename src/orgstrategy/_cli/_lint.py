"""``orgstrategy lint PATH...``: what valid strategies could do better, by rule."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from orgstrategy import lint
from orgstrategy._cli._output import EXIT_INVALID, EXIT_OK, EXIT_USAGE, expand_paths
from orgstrategy._cli._report import (
    FORMATS,
    FileReport,
    counts,
    github,
    json_report,
    lint_line,
    sarif,
)
from orgstrategy._errors import SEVERITIES, Error

__all__ = ["add_parser", "run", "summary_line"]


def add_parser(commands: Any) -> None:
    """Add the ``lint`` command to *commands*."""
    parser = commands.add_parser(
        "lint",
        help="find what valid strategies could do better (repeated aims, long statements, ...)",
        description="Check strategy documents against the lint rules (`orgstrategy rules` "
        "lists them) and report each finding as file:line:col: severity rule-name: message. "
        "Settings come from [tool.orgstrategy.lint] in the nearest pyproject.toml; the "
        "options here override them, and a YAML comment `# orgstrategy: ignore[rule-name]` "
        "on a finding's line silences it. Exit 0 when nothing at or above --fail-on is "
        "found, 1 otherwise, 2 on a usage error or a file that cannot be read.",
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files, folders (searched for .yaml, .yml and .json files) or glob patterns",
    )
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
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="how to report (default: text)"
    )
    parser.set_defaults(run=run)


def _names(values: list[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


def summary_line(reports: list[FileReport]) -> str:
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
    return text + (f", {unreadable} not readable" if unreadable else "")


def _lint_each(
    files: list[Path], chosen: tuple[lint.Rule, ...], config: lint.Config
) -> list[FileReport]:
    names = [rule.name for rule in chosen]
    reports: list[FileReport] = []
    for path in files:
        try:
            problems = lint.lint(path, select=names, options=config.options)
        except Error as error:
            reports.append(FileReport(file=str(path), error=str(error)))
        else:
            reports.append(FileReport(file=str(path), problems=tuple(problems)))
    return reports


def run(args: argparse.Namespace) -> int:
    """Lint every file named in *args*; return the exit code."""
    config = lint.find_config()
    select, ignore = _names(args.select), _names(args.ignore)
    chosen = lint.selected(
        config.select if select is None else select, config.ignore if ignore is None else ignore
    )
    files, errors = expand_paths(args.paths)
    reports = _lint_each(files, chosen, config)
    if args.format == "text":
        for message in [*errors, *(r.error for r in reports if r.error is not None)]:
            print(f"orgstrategy: error: {message}", file=sys.stderr)
        sys.stdout.write("".join(f"{lint_line(p)}\n" for r in reports for p in r.problems))
    elif args.format == "github":
        sys.stdout.write(github(reports, errors, lint_line))
    elif args.format == "json":
        sys.stdout.write(json_report(reports, errors))
    else:
        from orgstrategy._cli import _version

        sys.stdout.write(sarif(reports, errors, chosen, _version()))
    if args.format in ("text", "github"):
        print(summary_line(reports), file=sys.stderr)
    if errors or not reports or any(report.error is not None for report in reports):
        return EXIT_USAGE
    least = SEVERITIES.index(args.fail_on or config.fail_on)
    found = (problem for report in reports for problem in report.problems)
    return EXIT_INVALID if any(SEVERITIES.index(p.severity) <= least for p in found) else EXIT_OK
