"""The report formats `orgstrategy validate` and `orgstrategy lint` share: text, JSON, GitHub.

GitHub workflow commands (``::error file=...``) are what a CI log shows as annotations;
every format carries the same findings at the same places. SARIF is tested in
test_sarif.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import orgstrategy
from _documents import ACCEPTANCE, TODAY, run
from conftest import MINIMAL
from orgstrategy import Problem, formats, lint
from orgstrategy._cli._report import FileReport, github, json_report
from orgstrategy.testing import strategies


class TestValidateFormats:
    """`orgstrategy validate` in the CI formats, and `--strict`."""

    @pytest.fixture
    def bad(self, tmp_path: Path) -> Path:
        path = tmp_path / "bad.yaml"
        path.write_text(MINIMAL + "title: 5\nvisoin: x\n")
        return path

    def test_github(self, capsys, bad):
        code, out, err = run(capsys, "validate", "--format", "github", bad)
        assert code == 1
        assert out.splitlines() == [
            f"{bad}:4:8: error type: title: expected text, got the number 5; quote it to keep it as text: '5'",
            f"::error file={bad},line=4,col=8,title=type::title: expected text, got the number 5; quote it to keep it as text: '5'",
            f"{bad}:5:1: error unknown-key: visoin: unknown key 'visoin'; did you mean 'vision'?",
            f"::error file={bad},line=5,col=1,title=unknown-key::visoin: unknown key 'visoin'; did you mean 'vision'?",
        ]
        assert err == "1 file checked: 0 valid, 1 invalid\n"

    def test_strict(self, capsys, tmp_path):
        def reader(text: Any, *, file: str, limits: Any) -> Any:
            warning = Problem(message="a repair", code="repaired", file=file, severity="warning")
            return orgstrategy.loads(MINIMAL), [warning]

        path = tmp_path / "a.warned"
        path.write_text("x")
        with formats.registered(
            formats.Format(name="warned", extensions=(".warned",), reader=reader)
        ):
            assert run(capsys, "validate", path)[0] == 0
            code, out, _ = run(capsys, "validate", "--strict", path)
        assert code == 1
        assert out == f"{path}:1:1: error repaired: a repair\n"

    def test_text_and_json_are_unchanged(self, capsys, bad):
        assert run(capsys, "validate", bad)[1].count("\n") == 2
        assert json.loads(run(capsys, "validate", "--format", "json", bad)[1])["summary"] == {
            "files": 1,
            "valid": 0,
            "invalid": 1,
            "unreadable": 0,
            "skipped": 0,
        }


class TestReport:
    """The renderers that validate and lint share."""

    def test_github_escapes(self):
        problem = Problem(
            message="100% sure\nsecond line", code="x-y", file="a,b:c.yaml", line=2, column=3
        )
        text = github([FileReport(file="a,b:c.yaml", problems=(problem,))], ["50%\r"])
        # a line break from a document is shown, never written: no line can be forged
        assert text.splitlines()[0] == "::error title=orgstrategy::50%25\\r"
        assert text.splitlines()[1] == "a,b:c.yaml:2:3: error x-y: 100% sure\\nsecond line"
        assert (
            text.splitlines()[-1]
            == "::error file=a%2Cb%3Ac.yaml,line=2,col=3,title=x-y::100%25 sure\\nsecond line"
        )


def _carried(problems: list[Problem], file: str) -> dict[str, set[tuple[Any, ...]]]:
    reports = [FileReport(file=file, problems=tuple(problems))]
    key = {(p.file, p.line, p.column, p.severity, p.code) for p in problems}
    text = {
        tuple(line.split(": ")[0].split(":")) + tuple(line.split(": ")[1].split(" "))
        for line in map(str, problems)
    }
    from_json = {
        (p["file"], p["line"], p["column"], p["severity"], p["code"])
        for f in json.loads(json_report(reports, []))["files"]
        for p in f["problems"]
    }
    levels = {"error": "error", "warning": "warning", "notice": "info"}
    from_github = set()
    for line in github(reports, []).splitlines():
        if line.startswith("::"):
            command, rest = line[2:].split(" ", 1)
            fields = dict(item.split("=") for item in rest.split("::")[0].split(","))
            from_github.add(
                (
                    fields["file"],
                    int(fields["line"]),
                    int(fields["col"]),
                    levels[command],
                    fields["title"],
                )
            )
    return {
        "problems": key,
        "text": {(t[0], int(t[1]), int(t[2]), t[3], t[4]) for t in text},
        "json": from_json,
        "github": from_github,
    }


class TestEveryFormatCarriesTheSameFindings:
    """Text, JSON and GitHub annotations carry the same findings, each located the same."""

    @settings(
        max_examples=30 * settings.default.max_examples // 100,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(strategies())
    def test_every_format_carries_the_same_findings(self, strategy):
        problems = [
            attrs.evolve(problem, file="strategies/ours.yaml")
            for problem in lint.lint(orgstrategy.dumps(strategy).encode(), today=TODAY)
        ]
        carried = _carried(problems, "strategies/ours.yaml")
        assert carried["text"] == carried["problems"]
        assert carried["json"] == carried["problems"]
        assert carried["github"] == carried["problems"]

    def test_acceptance_in_every_format(self):
        problems = lint.lint(ACCEPTANCE.encode(), today=TODAY)
        carried = _carried(problems, "<string>")
        assert len(carried["problems"]) == 4
        assert all(found == carried["problems"] for found in carried.values())
