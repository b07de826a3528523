"""Linting with the library: `orgstrategy.lint` rules, findings, options and configuration.

The `orgstrategy lint` and `orgstrategy rules` commands are tested in test_lint_cli.py,
the text, JSON and GitHub report formats in test_report_formats.py, SARIF in
test_sarif.py, and the pre-commit hooks and the GitHub Action in test_ci_files.py.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

import orgstrategy
from _documents import ACCEPTANCE, ACCEPTANCE_LINES, TODAY, rule, write_acceptance
from conftest import EXAMPLES, MINIMAL, example_files
from orgstrategy import formats, lint
from orgstrategy.testing import strategies

__all__ = ["ACCEPTANCE", "TODAY"]  # test_sarif.py reads them from here


@pytest.fixture
def acceptance(tmp_path: Path) -> Path:
    return write_acceptance(tmp_path)


class TestRule:
    """`Rule` and `Finding` check what they are given."""

    def test_finding_path_is_a_tuple(self):
        assert lint.Finding(path=["goals", 0], message="x").path == ("goals", 0)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"name": "No_Title"}, "name 'No_Title' is not lower-case kebab-case, like 'my-rule'"),
            ({"severity": "fatal"}, "severity 'fatal' is not one of error, warning, info"),
            ({"summary": "two\nlines"}, "summary must be one line of text"),
            ({"summary": " "}, "summary must be one line of text"),
            ({"options": {"today": 1}}, "option 'today' must be kebab-case and not 'today'"),
            ({"options": {"Max": 1}}, "option 'Max' must be kebab-case and not 'today'"),
        ],
    )
    def test_invalid(self, changes, message):
        with pytest.raises(ValueError, match="^" + message.replace("(", r"\(") + "$"):
            rule(**changes)

    def test_options_are_read_only(self):
        options = {"max-words": 3}
        made = rule(options=options)
        options["max-words"] = 4
        assert made.options == {"max-words": 3}
        with pytest.raises(TypeError):
            made.options["max-words"] = 5  # type: ignore[index]


class TestRegistry:
    """Registering rules, as plugins and tests do."""

    def test_built_in_rules_come_first(self):
        with lint.registered(rule()):
            names = [r.name for r in lint.rules()]
        assert names[:3] == ["duplicate-statement", "near-duplicate-statement", "long-statement"]
        assert names[-1] == "no-title"
        assert "no-title" not in [r.name for r in lint.rules()]

    def test_a_registered_rule_runs(self):
        with lint.registered(rule()):
            problems = lint.lint(MINIMAL.encode())
        assert [(p.code, p.severity, p.message, p.line) for p in problems] == [
            ("no-title", "info", "add a title", 1)
        ]

    def test_clash(self):
        clash = rule(name="long-statement", package="plugin")
        with pytest.raises(
            orgstrategy.Error,
            match=r"^lint rule 'long-statement' from plugin clashes with the lint rule of that name"
            r" from orgstrategy$",
        ):
            lint.register(clash)
        again = lint.get("long-statement")
        assert lint.register(again) is again

    def test_unknown(self):
        with pytest.raises(
            orgstrategy.Error,
            match=r"^unknown lint rule 'long-statment'; did you mean 'long-statement'\?"
            r" \(`orgstrategy rules` lists them\)$",
        ):
            lint.get("long-statment")
        with pytest.raises(orgstrategy.Error, match=r"^unknown lint rule 'zzz' \("):
            lint.selected(["zzz"])

    def test_selected(self):
        assert lint.selected([], []) == ()
        names = [r.name for r in lint.selected(ignore=["long-statement"])]
        assert "long-statement" not in names
        assert len(names) == len(lint.rules()) - 1
        twice = lint.selected(["missing-source", "missing-source"])
        assert [r.name for r in twice] == ["missing-source"]


class TestLint:
    """`lint.lint`: findings located, selected, configured and silenced."""

    def test_acceptance(self, acceptance):
        problems = lint.lint(acceptance, today=TODAY)
        assert [str(p) for p in problems] == [f"{acceptance}:{line}" for line in ACCEPTANCE_LINES]

    def test_bytes(self):
        problems = lint.lint(ACCEPTANCE.encode(), select=["duplicate-statement"])
        assert [(p.file, p.line) for p in problems] == [("<string>", 13)]

    def test_json_is_located(self, tmp_path):
        data = yaml.safe_load(ACCEPTANCE)
        path = tmp_path / "ours.json"
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
        problems = lint.lint(path, select=["duplicate-statement", "long-statement"])
        assert [(p.code, p.line, p.column) for p in problems] == [
            ("long-statement", 12, 14),
            ("duplicate-statement", 23, 5),
        ]

    def test_invalid_document_gives_its_validation_errors(self):
        problems = lint.lint(MINIMAL.encode() + b"title: 5\nvisoin: x\n")
        assert [(p.code, p.severity, p.line) for p in problems] == [
            ("type", "error", 4),
            ("unknown-key", "error", 5),
        ]

    def test_select_and_ignore(self):
        codes = {p.code for p in lint.lint(ACCEPTANCE.encode(), ignore=["aim-without-outcome"])}
        assert codes == {"long-statement", "measure-without-target", "duplicate-statement"}
        selected = lint.lint(ACCEPTANCE.encode(), select=["long-statement", "missing-source"])
        assert [p.code for p in selected] == ["long-statement"]

    def test_options(self):
        options = {"long-statement": {"max-sentences": 3}}
        assert lint.lint(ACCEPTANCE.encode(), select=["long-statement"], options=options) == []

    def test_options_of_rules_not_run_are_checked(self):
        with pytest.raises(orgstrategy.Error, match="has no option 'max'"):
            lint.lint(MINIMAL.encode(), select=[], options={"long-statement": {"max": 1}})
        assert (
            lint.lint(MINIMAL.encode(), select=[], options={"long-statement": {"max-words": 1}})
            == []
        )

    @pytest.mark.parametrize(
        ("options", "message"),
        [
            (
                {"long-statement": {"max": 1}},
                "lint rule 'long-statement' has no option 'max' (its options: max-words,"
                " max-sentences)",
            ),
            (
                {"missing-source": {"max": 1}},
                "lint rule 'missing-source' has no option 'max' (its options: none)",
            ),
            (
                {"long-statement": {"max-words": "40"}},
                "option 'max-words' of lint rule 'long-statement' must be int, like 40, not '40'",
            ),
            (
                {"long-statement": {"max-words": True}},
                "option 'max-words' of lint rule 'long-statement' must be int, like 40, not True",
            ),
            (
                {"near-duplicate-statement": {"min-similarity": "high"}},
                "option 'min-similarity' of lint rule 'near-duplicate-statement' must be float,"
                " like 0.9, not 'high'",
            ),
            ({"nope": {}}, "unknown lint rule 'nope' (`orgstrategy rules` lists them)"),
        ],
    )
    def test_bad_options(self, options, message):
        with pytest.raises(orgstrategy.Error) as raised:
            lint.lint(MINIMAL.encode(), options=options)
        assert str(raised.value) == message

    def test_inline_ignore(self):
        text = ACCEPTANCE.replace(
            "  - Improve outcomes in population health\n",
            "  - Improve outcomes in population health  #orgstrategy: ignore[ duplicate-statement ,"
            "aim-without-outcome]\n",
        ).replace("We do it with kindness.", "We do it with kindness.  # orgstrategy: ignore[nope]")
        problems = lint.lint(text.encode(), today=TODAY)
        assert [(p.code, p.line) for p in problems] == [
            ("long-statement", 7),
            ("measure-without-target", 11),
        ]

    def test_inline_ignore_silences_warnings_from_reading(self):
        text = MINIMAL.replace("  name: Here\n", "  name: Here\n  extensions: {nope: 1}\n")
        assert [p.code for p in lint.lint(text.encode())] == ["unknown-extension"]
        text = text.replace("{nope: 1}", "{nope: 1}  # orgstrategy: ignore[unknown-extension]")
        assert lint.lint(text.encode()) == []

    def test_inline_ignore_needs_a_comment(self):
        text = MINIMAL + "goals: [Care, 'Care#orgstrategy: ignore[duplicate-statement]']\n"
        assert (
            len(
                lint.lint(text.encode(), select=["near-duplicate-statement", "duplicate-statement"])
            )
            == 0
        )
        text = MINIMAL + "goals: [Care, Care]#orgstrategy: ignore[duplicate-statement]\n"
        assert [p.code for p in lint.lint(text.encode(), select=["duplicate-statement"])] == [
            "duplicate-statement"
        ]

    def test_json_has_no_comments(self, tmp_path):
        path = tmp_path / "a.json"
        path.write_text(
            '{"orgstrategy": "1.0", "organisation": {"name": "H"},\n'
            ' "goals": ["A b c", "A b c"], "title": "x # orgstrategy: ignore[duplicate-statement]"}\n'
        )
        problems = lint.lint(path, select=["duplicate-statement"])
        assert [(p.code, p.line) for p in problems] == [("duplicate-statement", 2)]

    def test_a_format_without_positions(self):
        def reader(text: Any, *, file: str, limits: Any) -> Any:
            return orgstrategy.loads(MINIMAL + "values: [Respect]\n"), []

        with formats.registered(
            formats.Format(name="plain", extensions=(".plain",), reader=reader)
        ):
            problems = lint.lint(b"anything", format="plain")
        assert [(p.code, p.line, p.column, p.path) for p in problems] == [
            ("value-without-behaviours", 1, 1, "values[0].name")
        ]

    def test_missing_file(self, tmp_path):
        with pytest.raises(orgstrategy.FileError, match="cannot read"):
            lint.lint(tmp_path / "nope.yaml")

    def test_examples_are_lint_clean(self):
        for path in example_files():
            problems = lint.lint(path)
            assert [p for p in problems if p.severity != "info"] == [], path

    def test_staffordshire_as_published_repeats_each_aim(self):
        path = EXAMPLES / "versions" / "staffordshire-as-published.yaml"
        assert lint.lint(path, select=["duplicate-statement"]) == []  # ignored, line by line
        text = path.read_text(encoding="utf-8")
        without = text.replace("  # orgstrategy: ignore[duplicate-statement]", "")
        problems = lint.lint(without.encode(), select=["duplicate-statement"])
        assert [(p.line, p.path) for p in problems] == [
            (23, "goals[1].name"),
            (25, "goals[3].name"),
            (27, "goals[5].name"),
            (29, "goals[7].name"),
        ]


class TestStatementsAreCompared:
    """Both duplicate-statement rules read the statements' text and points, not only names."""

    RULES = ("duplicate-statement", "near-duplicate-statement")

    def found(self, text: str) -> list[tuple[str, str, int, int, str]]:
        problems = lint.lint((MINIMAL + text).encode(), select=self.RULES)
        return [(p.code, p.path, p.line, p.column, p.message) for p in problems]

    def test_a_statement_repeating_another(self):
        assert self.found("mission: Care for everyone\nvision: care for everyone.\n") == [
            (
                "duplicate-statement",
                "vision.text",
                5,
                9,
                '"care for everyone." repeats mission.text',
            )
        ]

    def test_a_name_repeating_a_statement(self):
        assert self.found("mission: Care for everyone\ngoals: [Care for everyone]\n") == [
            (
                "duplicate-statement",
                "goals[0].name",
                5,
                9,
                '"Care for everyone" repeats mission.text',
            )
        ]

    def test_a_statement_repeating_a_point(self):
        text = "mission:\n  points: [Care for all, Kind care]\npurpose:\n  text: Kind care\n"
        assert self.found(text) == [
            ("duplicate-statement", "purpose.text", 7, 9, '"Kind care" repeats mission.points[1]')
        ]

    def test_a_statement_nearly_repeating_another(self):
        text = (
            "vision: Improve outcomes in population health\n"
            "ambition: Improve outcome in population health\n"
        )
        assert self.found(text) == [
            (
                "near-duplicate-statement",
                "ambition.text",
                5,
                11,
                '"Improve outcome in population health" nearly repeats vision.text (99% the same)',
            )
        ]

    def test_a_point_nearly_repeating_its_statement(self):
        text = (
            "mission:\n  text: Improve outcomes in population health\n"
            "  points: [Improve outcome in population health]\n"
        )
        assert self.found(text) == [
            (
                "near-duplicate-statement",
                "mission.points[0]",
                6,
                12,
                '"Improve outcome in population health" nearly repeats mission.text (99% the same)',
            )
        ]


class TestConfig:
    """`[tool.orgstrategy.lint]` in pyproject.toml."""

    def write(self, folder: Path, text: str) -> Path:
        path = folder / "pyproject.toml"
        path.write_text(text, encoding="utf-8")
        return path

    def test_no_table(self, tmp_path):
        path = self.write(tmp_path, "[tool.ruff]\nline-length = 100\n")
        assert lint.read_config(path) == lint.Config(file=str(path))

    def test_everything(self, tmp_path):
        path = self.write(
            tmp_path,
            "[tool.orgstrategy.lint]\nselect = ['long-statement', 'missing-source']\n"
            "ignore = ['missing-source']\nfail-on = 'info'\n"
            "[tool.orgstrategy.lint.long-statement]\nmax-words = 30\n",
        )
        assert lint.read_config(path) == lint.Config(
            select=("long-statement", "missing-source"),
            ignore=("missing-source",),
            fail_on="info",
            options={"long-statement": {"max-words": 30}},
            file=str(path),
        )

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("[tool.orgstrategy]\nlint = 5\n", "tool.orgstrategy.lint must be a table"),
            (
                "[tool.orgstrategy.lint]\nselect = 'long-statement'\n",
                "[tool.orgstrategy.lint] select must be a list of rule names",
            ),
            (
                "[tool.orgstrategy.lint]\nignore = [1]\n",
                "[tool.orgstrategy.lint] ignore must be a list of rule names",
            ),
            (
                "[tool.orgstrategy.lint]\nfail-on = 'never'\n",
                "[tool.orgstrategy.lint] fail-on must be one of error, warning, info, not 'never'",
            ),
            (
                "[tool.orgstrategy.lint]\nfail_on = 'error'\n",
                "[tool.orgstrategy.lint] has no setting 'fail_on' (settings: select, ignore,"
                " fail-on, and a table of options for each rule)",
            ),
            ("[tool.orgstrategy.lint]\nignore = ['nope']\n", None),
            ("[tool.orgstrategy.lint.nope]\nmax = 1\n", None),
            ("[tool.orgstrategy.lint.long-statement]\nmax = 1\n", None),
            ("[tool.orgstrategy.lint\n", None),
        ],
    )
    def test_invalid(self, tmp_path, text, message):
        path = self.write(tmp_path, text)
        with pytest.raises(orgstrategy.Error) as raised:
            lint.read_config(path)
        if message is not None:
            assert str(raised.value) == f"{path}: {message}"

    def test_not_utf8(self, tmp_path):
        path = tmp_path / "pyproject.toml"
        path.write_bytes(b"[tool]\nx = '\xff'\n")
        with pytest.raises(orgstrategy.Error, match="not valid TOML"):
            lint.read_config(path)

    def test_not_toml_message(self, tmp_path):
        path = self.write(tmp_path, "[tool\n")
        with pytest.raises(orgstrategy.Error, match=f"^{path}: not valid TOML: "):
            lint.read_config(path)

    def test_nearest(self, tmp_path, monkeypatch):
        path = self.write(tmp_path, "[tool.orgstrategy.lint]\nfail-on = 'error'\n")
        deep = tmp_path / "a" / "b"
        deep.mkdir(parents=True)
        assert lint.find_config(deep).fail_on == "error"
        monkeypatch.chdir(deep)
        assert lint.find_config().file == str(path.resolve())

    def test_none(self, monkeypatch):
        root = Path(os.path.abspath(os.sep))
        if (root / "pyproject.toml").exists():  # pragma: no cover - an odd machine
            pytest.skip("a pyproject.toml at the root of the file system")
        assert lint.find_config(root) == lint.Config()


# Properties


def _resolve(data: Any, path: tuple[str | int, ...]) -> bool:
    """Whether *path* is in *data*, or leads into a value written more briefly (a string)."""
    for step in path:
        if isinstance(data, str):
            return True
        in_mapping = isinstance(data, dict) and isinstance(step, str) and step in data
        in_list = isinstance(data, list) and isinstance(step, int) and step < len(data)
        if not (in_mapping or in_list):
            return False
        data = data[step]
    return True


def _steps(path: str) -> tuple[str | int, ...]:
    steps: list[str | int] = []
    for part in path.replace("[", ".[").split("."):
        if part:
            steps.append(int(part[1:-1]) if part.startswith("[") else part)
    return tuple(steps)


class TestProperties:
    """Lint never crashes, locates every finding, and finds the same in YAML and JSON."""

    @settings(
        max_examples=60 * settings.default.max_examples // 100,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(strategies(max_elements=3))
    def test_findings_are_in_the_document(self, strategy):
        text = orgstrategy.dumps(strategy)
        problems = lint.lint(text.encode(), today=TODAY)
        data = orgstrategy.to_data(strategy)
        names = {r.name for r in lint.rules()}
        lines = text.count("\n") + 1
        for problem in problems:
            assert 1 <= problem.line <= lines
            assert problem.severity != "error"
            if problem.code in names:  # not a warning from reading (an unclaimed extension, say)
                assert _resolve(data, _steps(problem.path)), problem

    @settings(
        max_examples=30 * settings.default.max_examples // 100,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(strategies())
    def test_json_documents_give_the_same_findings(self, strategy):
        from_yaml = lint.lint(orgstrategy.dumps(strategy).encode(), today=TODAY)
        from_json = lint.lint(
            orgstrategy.dumps(strategy, "json").encode(), format="json", today=TODAY
        )
        assert sorted((p.code, p.path, p.message) for p in from_yaml) == sorted(
            (p.code, p.path, p.message) for p in from_json
        )
