"""Reporting problems the way CI systems read them: plain lines, GitHub annotations, JSON.

``validate`` and ``lint`` share these, and write a problem as the same line
(:meth:`orgstrategy.Problem.__str__`), so one problem matcher reads both.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from orgstrategy._cli._terminal import printable
from orgstrategy._errors import SEVERITIES, Problem, Severity

__all__ = [
    "FORMATS",
    "FileReport",
    "counts",
    "github",
    "json_report",
    "problem_data",
    "text_report",
]

#: The ways ``validate`` and ``lint`` report.
FORMATS: Final = ("text", "json", "github", "sarif")

_GITHUB_COMMANDS: Final[dict[Severity, str]] = {
    "error": "error",
    "warning": "warning",
    "info": "notice",
}


@attrs.frozen(kw_only=True)
class FileReport:
    """What was found in one file, or why it could not be read.

    Attributes:
        file: The file's name as given.
        problems: What was found, in document order.
        error: Why the file could not be read, if it could not.
    """

    file: str
    problems: tuple[Problem, ...] = ()
    error: str | None = None


def text_report(reports: Iterable[FileReport]) -> str:
    r"""Return the text report: every problem on a line of its own, safe to print.

    >>> report = FileReport(file="a.yaml", problems=(Problem(message="unknown key 'x\ny'",
    ...     code="unknown-key", file="a.yaml", line=2, column=1, path="x\ny"),))
    >>> print(text_report([report]), end="")
    a.yaml:2:1: error unknown-key: x\ny: unknown key 'x\ny'
    """
    return "".join(
        f"{printable(str(problem))}\n" for report in reports for problem in report.problems
    )


def _escape_data(text: str) -> str:
    return printable(text).replace("%", "%25")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(reports: Iterable[FileReport], errors: Iterable[str]) -> str:
    """Return GitHub Actions workflow commands for every problem, each after its plain line.

    GitHub shows at most 10 annotations of each kind per step, so every problem is
    also written to the log as the line the text output has.

    >>> report = FileReport(file="a.yaml", problems=(Problem(message="too long: 3",
    ...     code="long-statement", file="a.yaml", line=4, column=10, severity="info"),))
    >>> print(github([report], []), end="")
    a.yaml:4:10: info long-statement: too long: 3
    ::notice file=a.yaml,line=4,col=10,title=long-statement::too long: 3
    """
    lines: list[str] = []
    for message in errors:
        lines.append(f"::error title=orgstrategy::{_escape_data(message)}")
    for report in reports:
        if report.error is not None:
            lines.append(
                f"::error file={_escape_property(report.file)},title=orgstrategy::"
                f"{_escape_data(report.error)}"
            )
        for problem in report.problems:
            where = f"{problem.path}: " if problem.path else ""
            lines.append(printable(str(problem)))
            lines.append(
                f"::{_GITHUB_COMMANDS[problem.severity]} file={_escape_property(problem.file)},"
                f"line={problem.line},col={problem.column},title={_escape_property(problem.code)}"
                f"::{_escape_data(where + problem.message)}"
            )
    return "".join(f"{text}\n" for text in lines)


def counts(reports: Iterable[FileReport]) -> dict[str, int]:
    """Return how many problems of each severity *reports* hold."""
    found: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
    for report in reports:
        for problem in report.problems:
            found[problem.severity] += 1
    return found


def problem_data(problem: Problem) -> dict[str, object]:
    """Return *problem* as the JSON reports give it: its fields, the path as text."""
    return attrs.asdict(problem, filter=lambda field, _: field.name != "steps")


def json_report(reports: Sequence[FileReport], errors: Sequence[str]) -> str:
    """Return ``lint``'s JSON report: each file's problems, the errors and a summary."""
    files = [
        {
            "file": report.file,
            "error": report.error,
            "problems": [problem_data(problem) for problem in report.problems],
        }
        for report in reports
    ]
    summary = {
        "files": len(files),
        "unreadable": sum(report.error is not None for report in reports),
        **counts(reports),
    }
    report = {"files": files, "errors": list(errors), "summary": summary}
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
