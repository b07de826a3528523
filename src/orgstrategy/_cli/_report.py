"""Reporting problems the way CI systems read them: plain lines, GitHub annotations, SARIF.

``validate`` and ``lint`` share these; each writes its own text line for a problem
(``validate`` keeps its ``[code]`` form, ``lint`` leads with the rule's name).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from orgstrategy._errors import SEVERITIES, Problem, Severity
from orgstrategy._rule import Rule

__all__ = [
    "FORMATS",
    "FileReport",
    "counts",
    "github",
    "json_report",
    "lint_line",
    "sarif",
]

#: The ways ``validate`` and ``lint`` report.
FORMATS: Final = ("text", "json", "github", "sarif")

_GITHUB_COMMANDS: Final[dict[Severity, str]] = {
    "error": "error",
    "warning": "warning",
    "info": "notice",
}
_SARIF_LEVELS: Final[dict[Severity, str]] = {"error": "error", "warning": "warning", "info": "note"}
_SARIF_SCHEMA: Final = "https://json.schemastore.org/sarif-2.1.0.json"
_INFORMATION: Final = "https://pypi.org/project/orgstrategy/"


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


def lint_line(problem: Problem) -> str:
    """Return *problem* as ``file:line:col: severity rule-name: message``.

    >>> lint_line(Problem(message="no target", code="measure-without-target",
    ...     file="a.yaml", line=3, column=7, path="goals[0].measures[0].name",
    ...     severity="warning"))
    'a.yaml:3:7: warning measure-without-target: goals[0].measures[0].name: no target'
    """
    where = f"{problem.path}: " if problem.path else ""
    return (
        f"{problem.file}:{problem.line}:{problem.column}: {problem.severity} {problem.code}:"
        f" {where}{problem.message}"
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(
    reports: Iterable[FileReport], errors: Iterable[str], line: Callable[[Problem], str]
) -> str:
    """Return GitHub Actions workflow commands for every problem, each after its plain line.

    GitHub shows at most 10 annotations of each kind per step, so every problem is
    also written as a plain *line* to the log.

    >>> report = FileReport(file="a.yaml", problems=(Problem(message="too long: 3",
    ...     code="long-statement", file="a.yaml", line=4, column=10, severity="info"),))
    >>> print(github([report], [], lint_line), end="")
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
            lines.append(line(problem))
            lines.append(
                f"::{_GITHUB_COMMANDS[problem.severity]} file={_escape_property(problem.file)},"
                f"line={problem.line},col={problem.column},title={_escape_property(problem.code)}"
                f"::{_escape_data(where + problem.message)}"
            )
    return "".join(f"{text}\n" for text in lines)


def _uri(file: str) -> str:
    path = Path(file)
    return path.as_uri() if path.is_absolute() else path.as_posix()


def _descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.name,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation},
        "help": {
            "text": f"{rule.explanation}\n\nBad:\n{rule.bad}\nGood:\n{rule.good}",
            "markdown": f"{rule.explanation}\n\nBad:\n\n```yaml\n{rule.bad}```\n\n"
            f"Good:\n\n```yaml\n{rule.good}```\n",
        },
        "defaultConfiguration": {"level": _SARIF_LEVELS[rule.severity]},
        "properties": {"package": rule.package},
    }


def _result(problem: Problem, index: int) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(problem.file)},
            "region": {"startLine": problem.line, "startColumn": problem.column},
        }
    }
    if problem.path:
        location["logicalLocations"] = [{"fullyQualifiedName": problem.path}]
    return {
        "ruleId": problem.code,
        "ruleIndex": index,
        "level": _SARIF_LEVELS[problem.severity],
        "message": {"text": problem.message},
        "locations": [location],
    }


def sarif(
    reports: Sequence[FileReport], errors: Iterable[str], rules: Sequence[Rule], version: str
) -> str:
    """Return a SARIF 2.1.0 log of every problem, with the *rules* that were run.

    Problems whose code is not a rule's (a document's validation errors) get a
    rule entry of their own, so that every result points at a rule.
    """
    descriptors = [_descriptor(rule) for rule in rules]
    index = {rule.name: number for number, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for report in reports:
        for problem in report.problems:
            if problem.code not in index:
                index[problem.code] = len(descriptors)
                descriptors.append(
                    {
                        "id": problem.code,
                        "name": problem.code,
                        "shortDescription": {"text": f"Validation: {problem.code}."},
                    }
                )
            results.append(_result(problem, index[problem.code]))
    notifications = [
        {"level": "error", "message": {"text": message}}
        for message in [*errors, *(r.error for r in reports if r.error is not None)]
    ]
    run = {
        "tool": {
            "driver": {
                "name": "orgstrategy",
                "version": version,
                "informationUri": _INFORMATION,
                "rules": descriptors,
            }
        },
        "invocations": [
            {
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
            }
        ],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    log = {"$schema": _SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def counts(reports: Iterable[FileReport]) -> dict[str, int]:
    """Return how many problems of each severity *reports* hold."""
    found: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
    for report in reports:
        for problem in report.problems:
            found[problem.severity] += 1
    return found


def json_report(reports: Sequence[FileReport], errors: Sequence[str]) -> str:
    """Return ``lint``'s JSON report: each file's problems, the errors and a summary."""
    files = [
        {
            "file": report.file,
            "error": report.error,
            "problems": [attrs.asdict(problem) for problem in report.problems],
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
