"""``orgstrategy validate PATH...``: check documents, report every problem."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import attrs

from orgstrategy._cli._output import EXIT_INVALID, EXIT_OK, EXIT_USAGE, expand_paths
from orgstrategy._cli._report import FORMATS, FileReport, github, sarif
from orgstrategy._errors import Error, Problem
from orgstrategy._load import validate

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Add the ``validate`` command to *commands*."""
    parser = commands.add_parser(
        "validate",
        help="check strategy documents and report every problem with its line",
        description="Check strategy documents (YAML or JSON) and report every problem "
        "with its file, line and column. Exit 0 when all are valid, 1 when any is "
        "invalid, 2 when a file cannot be read.",
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files, folders (searched for .yaml, .yml and .json files) or glob patterns",
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="how to report (default: text)"
    )
    parser.add_argument("--strict", action="store_true", help="treat every warning as an error")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Validate every file named in *args*; return the exit code."""
    files, errors = expand_paths(args.paths)
    for message in errors:
        print(f"orgstrategy: error: {message}", file=sys.stderr)
    results: list[dict[str, Any]] = []
    reports: list[FileReport] = []
    for path in files:
        problems: list[Problem] = []
        failure = None
        try:
            problems = validate(path, strict=args.strict)
        except Error as error:
            failure = str(error)
            if args.format == "text":
                print(f"orgstrategy: error: {failure}", file=sys.stderr)
        if args.format == "text":
            for problem in problems:
                print(problem)
        reports.append(FileReport(file=str(path), problems=tuple(problems), error=failure))
        results.append(
            {
                "file": str(path),
                "valid": failure is None and not any(p.severity == "error" for p in problems),
                "error": failure,
                "problems": [attrs.asdict(problem) for problem in problems],
            }
        )
    unreadable = sum(result["error"] is not None for result in results)
    valid = sum(result["valid"] for result in results)
    summary = {
        "files": len(results),
        "valid": valid,
        "invalid": len(results) - valid - unreadable,
        "unreadable": unreadable,
    }
    if args.format == "json":
        json.dump({"files": results, "errors": errors, "summary": summary}, sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif args.format == "sarif":
        from orgstrategy._cli import _version

        sys.stdout.write(sarif(reports, errors, (), _version()))
    else:
        if args.format == "github":
            sys.stdout.write(github(reports, errors, str))
        print(_summary_line(summary), file=sys.stderr)
    if unreadable or errors or not results:
        return EXIT_USAGE
    return EXIT_INVALID if summary["invalid"] else EXIT_OK


def _summary_line(summary: dict[str, int]) -> str:
    files = summary["files"]
    text = f"{files} file{'s' if files != 1 else ''} checked: {summary['valid']} valid"
    if summary["invalid"]:
        text += f", {summary['invalid']} invalid"
    if summary["unreadable"]:
        text += f", {summary['unreadable']} not readable"
    return text
