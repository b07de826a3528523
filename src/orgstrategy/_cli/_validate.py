"""``orgstrategy validate PATH...``: check documents, report every problem."""

from __future__ import annotations

import argparse
import json
from typing import Any

import attrs

from orgstrategy import formats
from orgstrategy._cli._checks import (
    Checked,
    add_check_arguments,
    check_all,
    finish,
    skipped_text,
    usage_failed,
)
from orgstrategy._cli._output import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from orgstrategy._cli._report import github, problem_data, text_report
from orgstrategy._cli._sarif import sarif
from orgstrategy._cli._version import version
from orgstrategy._errors import Problem
from orgstrategy._limits import Limits

__all__ = ["add_parser", "run"]

_LIMITS = Limits()


def add_parser(commands: Any) -> None:
    """Add the ``validate`` command to *commands*."""
    parser = commands.add_parser(
        "validate",
        help="check strategy documents and report every problem with its line",
        description="Check strategy documents (YAML or JSON) and report every problem "
        "on one line: file, line and column, severity, code, path and message. Exit 0 when "
        "all are valid, 1 "
        "when any is invalid, 2 when a file cannot be read or an argument is wrong.",
    )
    add_check_arguments(parser)
    parser.add_argument("--strict", action="store_true", help="treat every warning as an error")
    parser.set_defaults(run=run)


def _valid(problems: tuple[Problem, ...]) -> bool:
    return not any(problem.severity == "error" for problem in problems)


def _summary(checked: Checked) -> dict[str, int]:
    readable = [report for report in checked.reports if report.error is None]
    valid = sum(_valid(report.problems) for report in readable)
    return {
        "files": len(checked.reports),
        "valid": valid,
        "invalid": len(readable) - valid,
        "unreadable": len(checked.reports) - len(readable),
        "skipped": checked.skipped,
    }


def _summary_line(summary: dict[str, int], checked: Checked) -> str:
    files = summary["files"]
    text = f"{files} file{'s' if files != 1 else ''} checked: {summary['valid']} valid"
    if summary["invalid"]:
        text += f", {summary['invalid']} invalid"
    if summary["unreadable"]:
        text += f", {summary['unreadable']} not readable"
    return text + skipped_text(checked.skipped)


def _report(args: argparse.Namespace, checked: Checked, summary: dict[str, int]) -> str:
    if args.format == "json":
        files = [
            {
                "file": report.file,
                "valid": report.error is None and _valid(report.problems),
                "error": report.error,
                "problems": [problem_data(problem) for problem in report.problems],
            }
            for report in checked.reports
        ]
        document = {"files": files, "errors": list(checked.errors), "summary": summary}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if args.format == "sarif":
        return sarif(list(checked.reports), checked.errors, (), version())
    if args.format == "github":
        return github(checked.reports, checked.errors)
    return text_report(checked.reports)


@attrs.frozen
class _Validate:
    """Validates one document (a class, not a closure, so that ``--jobs`` can send it)."""

    strict: bool

    def __call__(self, data: bytes, file: str, reader: formats.Format) -> list[Problem]:
        documents = formats.beside(file, limits=_LIMITS)
        return reader.read(
            data, file=file, limits=_LIMITS, strict=self.strict, documents=documents
        )[1]


def run(args: argparse.Namespace) -> int:
    """Validate every document named in *args*; return the exit code."""
    checked = check_all(args, _Validate(args.strict))
    summary = _summary(checked)
    finish(args, checked, _report(args, checked, summary), _summary_line(summary, checked))
    if usage_failed(checked):
        return EXIT_USAGE
    return EXIT_INVALID if summary["invalid"] else EXIT_OK
