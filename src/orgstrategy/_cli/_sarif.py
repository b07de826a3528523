"""SARIF 2.1.0 logs of problems, in the form GitHub code scanning takes as it is.

Every result names its file by a URI relative to a source root (the git top level
of the working folder, else the working folder), under the base id ``%SRCROOT%``
that the run maps to the root's absolute ``file:`` URI; files outside the root keep
an absolute URI. Each result has a fingerprint that does not change when the
problem moves to another line, and every rule a result points at, whether a lint
rule or a problem code (:mod:`orgstrategy._codes`), is described in full.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote

from orgstrategy._cli._report import FileReport
from orgstrategy._codes import CODES, Code
from orgstrategy._errors import Problem, Severity
from orgstrategy._lint_types import Rule

__all__ = ["SOURCE_ROOT", "sarif", "source_root"]

#: The base id that results' relative URIs are resolved against (GitHub's choice).
SOURCE_ROOT: Final = "%SRCROOT%"

_SCHEMA: Final = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS: Final[dict[Severity, str]] = {"error": "error", "warning": "warning", "info": "note"}
# The key of our fingerprint; a new way of computing it gets a new version.
_FINGERPRINT: Final = "orgstrategy/v1"
# What a message may say that changes when the document's lines move.
_LINE_REFERENCE: Final = re.compile(r" \(line [0-9]+\)")
# GitHub shows at most this many characters of a rule's short and full descriptions.
_DESCRIPTION_LIMIT: Final = 1024
# How long to wait for git to name the top level before doing without it.
_GIT_TIMEOUT: Final = 10.0
# Semantic Versioning 2.0.0, as semver.org suggests checking it.
_SEMANTIC_VERSION: Final = re.compile(
    r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
    r"(?:-(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)"
    r"(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?"
    r"(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?\Z"
)


def source_root() -> Path:
    """Return the folder that SARIF URIs are relative to when none is given.

    That is the top level of the git working tree the working folder is in, or,
    when git is not installed, does not answer in time or the folder is in no
    repository, the working folder itself.
    """
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=_GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return Path.cwd()
    top = os.fsdecode(done.stdout.rstrip(b"\r\n"))
    return Path(top) if done.returncode == 0 and top else Path.cwd()


def _real(path: str | os.PathLike[str]) -> Path:
    """Return *path* made absolute, with symbolic links resolved (as GitHub needs)."""
    return Path(os.path.realpath(path))


def _names_no_file(name: str) -> bool:
    """Whether *name* stands for text from no file, like ``<stdin>`` or ``<string>``."""
    return name.startswith("<") and name.endswith(">")


def _artifact(name: str, root: Path) -> dict[str, str]:
    """Return the SARIF ``artifactLocation`` of the document *name*."""
    if _names_no_file(name):
        return {"uri": quote(name, safe="")}
    path = _real(name)
    try:
        relative = path.relative_to(root)
    except ValueError:  # outside the root (or on another drive)
        return {"uri": path.as_uri()}
    return {"uri": quote(relative.as_posix(), safe="/"), "uriBaseId": SOURCE_ROOT}


def _folder_uri(folder: Path) -> str:
    uri = folder.as_uri()
    return uri if uri.endswith("/") else f"{uri}/"


def _within(text: str, limit: int = _DESCRIPTION_LIMIT) -> str:
    """Return *text*, cut at a word and marked with an ellipsis if longer than *limit*."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def _help(explanation: str, bad: str, good: str) -> dict[str, str]:
    if not bad:
        return {"text": explanation, "markdown": explanation}
    return {
        "text": f"{explanation}\n\nBad:\n{bad}\nGood:\n{good}",
        "markdown": f"{explanation}\n\nBad:\n\n```yaml\n{bad}```\n\nGood:\n\n```yaml\n{good}```\n",
    }


def _descriptor(
    name: str,
    summary: str,
    explanation: str,
    severity: Severity,
    *,
    bad: str = "",
    good: str = "",
    properties: dict[str, Any],
) -> dict[str, Any]:
    return {
        "id": name,
        "name": name,
        "shortDescription": {"text": _within(summary)},
        "fullDescription": {"text": _within(explanation)},
        "help": _help(explanation, bad, good),
        "defaultConfiguration": {"level": _LEVELS[severity]},
        "properties": properties,
    }


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    return _descriptor(
        rule.name,
        rule.summary,
        rule.explanation,
        rule.severity,
        bad=rule.bad,
        good=rule.good,
        properties={"package": rule.package, "tags": ["lint"]},
    )


def _code_descriptor(code: Code) -> dict[str, Any]:
    return _descriptor(
        code.name,
        code.summary,
        code.explanation,
        code.severity,
        bad=code.bad,
        good=code.good,
        properties={"tags": [code.stage]},
    )


def _unknown_descriptor(name: str, severity: Severity) -> dict[str, Any]:
    explanation = (
        f"orgstrategy does not document the code `{name}`: it comes from an installed "
        "plugin or a registered format, whose documentation says what it means. The "
        "result's message says what is wrong and where; `orgstrategy plugins` lists "
        "the plugins installed."
    )
    summary = f"a problem reported by a plugin or a format: `{name}`"
    return _descriptor(name, summary, explanation, severity, properties={"tags": ["plugin"]})


def _problem_descriptor(problem: Problem) -> dict[str, Any]:
    code = CODES.get(problem.code)
    if code is None:
        return _unknown_descriptor(problem.code, problem.severity)
    return _code_descriptor(code)


def _fingerprint(problem: Problem, uri: str) -> str:
    """Return what identifies *problem* wherever in its file it moves to."""
    message = _LINE_REFERENCE.sub("", problem.message)
    identity = "\0".join((problem.code, uri, problem.path, message))
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]


def _result(
    problem: Problem, index: int, artifact: dict[str, str], fingerprint: str
) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": problem.line, "startColumn": problem.column},
        }
    }
    if problem.path:
        location["logicalLocations"] = [{"fullyQualifiedName": problem.path}]
    return {
        "ruleId": problem.code,
        "ruleIndex": index,
        "level": _LEVELS[problem.severity],
        "message": {"text": problem.message},
        "locations": [location],
        "partialFingerprints": {_FINGERPRINT: fingerprint},
    }


def sarif(
    reports: Sequence[FileReport],
    errors: Iterable[str],
    rules: Sequence[Rule],
    version: str,
    *,
    root: str | os.PathLike[str] | None = None,
) -> str:
    """Return a SARIF 2.1.0 log of every problem in *reports*, with the *rules* that were run.

    Problems whose code is not one of the *rules* (a document's validation errors,
    say) get a rule entry of their own, described from the table of problem codes,
    so that every result points at a described rule. Files that could not be read,
    and the *errors*, are the invocation's notifications.

    Args:
        reports: What was found in each file.
        errors: Problems with the arguments, such as a pattern that matched nothing.
        rules: The lint rules that were run (none for ``validate``).
        version: orgstrategy's version.
        root: The folder that results' URIs are relative to; by default the git
            top level of the working folder, else the working folder.

    Returns:
        The log as indented JSON, ending with a newline.
    """
    base = _real(source_root() if root is None else root)
    descriptors = [_rule_descriptor(rule) for rule in rules]
    index = {rule.name: number for number, rule in enumerate(rules)}
    artifacts: dict[str, dict[str, str]] = {}
    seen: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    for report in reports:
        for problem in report.problems:
            if problem.code not in index:
                index[problem.code] = len(descriptors)
                descriptors.append(_problem_descriptor(problem))
            if problem.file not in artifacts:
                artifacts[problem.file] = _artifact(problem.file, base)
            artifact = artifacts[problem.file]
            fingerprint = _fingerprint(problem, artifact["uri"])
            seen[fingerprint] = seen.get(fingerprint, 0) + 1
            results.append(
                _result(
                    problem, index[problem.code], artifact, f"{fingerprint}:{seen[fingerprint]}"
                )
            )
    notifications: list[dict[str, Any]] = [
        {"level": "error", "message": {"text": message}} for message in errors
    ]
    for report in reports:
        if report.error is not None:
            where = {"physicalLocation": {"artifactLocation": _artifact(report.file, base)}}
            notifications.append(
                {"level": "error", "message": {"text": report.error}, "locations": [where]}
            )
    driver: dict[str, Any] = {"name": "orgstrategy", "version": version}
    if _SEMANTIC_VERSION.match(version):
        driver["semanticVersion"] = version
    driver["rules"] = descriptors
    run = {
        "tool": {"driver": driver},
        "invocations": [
            {
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
            }
        ],
        "originalUriBaseIds": {SOURCE_ROOT: {"uri": _folder_uri(base)}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    log = {"$schema": _SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
