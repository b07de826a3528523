"""The `orgstrategy lint` and `orgstrategy rules` commands, as a user runs them.

What they print, their exit codes, and how pyproject.toml, flags and inline comments
change what `lint` reports. The library API is tested in test_lint.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from _documents import ACCEPTANCE, ACCEPTANCE_LINES, rule, run, write_acceptance
from conftest import EXAMPLES, MINIMAL, example_files
from orgstrategy import lint


@pytest.fixture
def acceptance(tmp_path: Path) -> Path:
    return write_acceptance(tmp_path)


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in an empty folder with no pyproject.toml above it that sets anything."""
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


class TestLintCommand:
    """`orgstrategy lint`."""

    def test_acceptance(self, capsys, cwd, acceptance):
        code, out, err = run(capsys, "lint", acceptance)
        assert code == 1
        assert out.splitlines() == [f"{acceptance}:{line}" for line in ACCEPTANCE_LINES]
        assert err == "1 file linted: 3 warnings, 1 info\n"

    def test_github(self, capsys, cwd, acceptance):
        code, out, err = run(capsys, "lint", "--format", "github", acceptance)
        assert code == 1
        lines = out.splitlines()
        assert lines[0::2] == [f"{acceptance}:{line}" for line in ACCEPTANCE_LINES]
        assert lines[1] == (
            f"::warning file={acceptance},line=7,col=10,title=long-statement::purpose.text: the"
            " purpose is 3 sentences: a purpose is one short sentence; move the rest to points,"
            " meanings or goals"
        )
        assert lines[5].startswith(
            f"::notice file={acceptance},line=13,col=5,title=aim-without-outcome::"
        )
        assert err == "1 file linted: 3 warnings, 1 info\n"

    def test_json(self, capsys, cwd, acceptance):
        code, out, _ = run(capsys, "lint", "--format", "json", acceptance)
        report = json.loads(out)
        assert code == 1
        assert report["summary"] == {
            "files": 1,
            "unreadable": 0,
            "error": 0,
            "warning": 3,
            "info": 1,
        }
        assert report["errors"] == []
        (file,) = report["files"]
        assert (file["file"], file["error"]) == (str(acceptance), None)
        assert file["problems"][0] == {
            "message": "the purpose is 3 sentences: a purpose is one short sentence; move the rest"
            " to points, meanings or goals",
            "code": "long-statement",
            "file": str(acceptance),
            "line": 7,
            "column": 10,
            "path": "purpose.text",
            "severity": "warning",
        }

    def test_pyproject_ignore_silences_one(self, capsys, cwd, acceptance):
        (cwd / "pyproject.toml").write_text(
            "[tool.orgstrategy.lint]\nignore = ['duplicate-statement']\n", encoding="utf-8"
        )
        code, out, _ = run(capsys, "lint", acceptance)
        assert code == 1
        assert [line.split(": ")[1] for line in out.splitlines()] == [
            "warning long-statement",
            "warning measure-without-target",
            "info aim-without-outcome",
        ]

    def test_pyproject_options_and_fail_on(self, capsys, cwd, acceptance):
        (cwd / "pyproject.toml").write_text(
            "[tool.orgstrategy.lint]\nfail-on = 'error'\n"
            "[tool.orgstrategy.lint.long-statement]\nmax-sentences = 3\n",
            encoding="utf-8",
        )
        code, out, _ = run(capsys, "lint", acceptance)
        assert code == 0
        assert "long-statement" not in out
        assert run(capsys, "lint", "--fail-on", "warning", acceptance)[0] == 1

    def test_flags_override_the_configuration(self, capsys, cwd, acceptance):
        (cwd / "pyproject.toml").write_text(
            "[tool.orgstrategy.lint]\nselect = ['duplicate-statement']\nignore = ['long-statement']\n",
            encoding="utf-8",
        )
        assert run(capsys, "lint", acceptance)[1].count("\n") == 1
        code, out, _ = run(
            capsys,
            "lint",
            "--select",
            "long-statement, aim-without-outcome",
            "--select",
            "missing-source",
            acceptance,
        )
        assert code == 0
        assert [line.split(": ")[1] for line in out.splitlines()] == ["info aim-without-outcome"]
        code, out, _ = run(
            capsys,
            "lint",
            "--select",
            "long-statement,aim-without-outcome",
            "--ignore",
            "",
            acceptance,
        )
        assert code == 1
        assert [line.split(": ")[1] for line in out.splitlines()] == [
            "warning long-statement",
            "info aim-without-outcome",
        ]
        _, out, _ = run(capsys, "lint", "--ignore", "", acceptance)
        assert [line.split(": ")[1] for line in out.splitlines()] == ["warning duplicate-statement"]

    def test_inline_comment_silences_one(self, capsys, cwd, tmp_path):
        path = tmp_path / "ours.yaml"
        path.write_text(
            ACCEPTANCE.replace(
                "  - Improve outcomes in population health\n",
                "  - Improve outcomes in population health  # orgstrategy: ignore[duplicate-statement]\n",
            ),
            encoding="utf-8",
        )
        code, out, _ = run(capsys, "lint", path)
        assert code == 1
        assert "duplicate-statement" not in out
        assert "13:5: info aim-without-outcome" in out

    @pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 0), ("info", 1)])
    def test_fail_on(self, capsys, cwd, tmp_path, fail_on, code):
        path = tmp_path / "a.yaml"
        path.write_text(MINIMAL + "values: [Respect]\n", encoding="utf-8")
        assert run(capsys, "lint", "--fail-on", fail_on, path)[0] == code

    def test_default_fail_on_is_warning(self, capsys, cwd, tmp_path):
        path = tmp_path / "a.yaml"
        path.write_text(MINIMAL + "values: [Respect]\n", encoding="utf-8")
        code, _, err = run(capsys, "lint", path)
        assert (code, err) == (0, "1 file linted: 1 info\n")
        path.write_text(MINIMAL, encoding="utf-8")
        assert run(capsys, "lint", path) == (0, "", "1 file linted: no problems\n")

    def test_invalid_document(self, capsys, cwd, tmp_path):
        path = tmp_path / "bad.yaml"
        path.write_text(MINIMAL + "title: 5\n", encoding="utf-8")
        code, out, err = run(capsys, "lint", "--fail-on", "error", path)
        assert code == 1
        assert out == (
            f"{path}:4:8: error type: title: expected text, got the number 5; quote it to keep"
            " it as text: '5'\n"
        )
        assert err == "1 file linted: 1 error\n"

    def test_unknown_rule_is_a_usage_error(self, capsys, cwd, acceptance):
        code, out, err = run(capsys, "lint", "--select", "long-statment", acceptance)
        assert (code, out) == (2, "")
        assert err == (
            "orgstrategy: error: unknown lint rule 'long-statment'; did you mean"
            " 'long-statement'? (`orgstrategy rules` lists them)\n"
        )

    def test_bad_configuration_is_a_usage_error(self, capsys, cwd, acceptance):
        (cwd / "pyproject.toml").write_text("[tool.orgstrategy.lint]\nfail-on = 1\n")
        code, _, err = run(capsys, "lint", acceptance)
        assert code == 2
        assert err.startswith("orgstrategy: error: ")
        assert "fail-on must be one of" in err

    def test_bad_flag_is_a_usage_error(self, capsys, cwd, acceptance):
        code, _, err = run(capsys, "lint", "--fail-on", "never", acceptance)
        assert code == 2
        assert "invalid choice: 'never'" in err

    def test_unreadable_files_are_exit_2_and_the_rest_go_on(
        self, capsys, cwd, tmp_path, acceptance
    ):
        notes = tmp_path / "notes.txt"
        notes.write_text("x")
        code, out, err = run(
            capsys, "lint", tmp_path / "nope.yaml", f"{tmp_path}/*.xyz", notes, acceptance
        )
        assert code == 2
        assert out.splitlines() == [f"{acceptance}:{line}" for line in ACCEPTANCE_LINES]
        lines = err.splitlines()
        assert lines[0] == f"orgstrategy: error: no file matches '{tmp_path}/*.xyz'"
        assert lines[1].startswith(f"orgstrategy: error: cannot read {tmp_path / 'nope.yaml'}: ")
        assert lines[2].startswith(f"orgstrategy: error: cannot tell the format of '{notes}'")
        assert lines[3] == "3 files linted: 3 warnings, 1 info, 2 not readable"

    def test_unreadable_files_in_ci_formats(self, capsys, cwd, tmp_path):
        code, out, err = run(
            capsys, "lint", "--format", "github", tmp_path / "nope.yaml", f"{tmp_path}/*.xyz"
        )
        assert code == 2
        lines = out.splitlines()
        assert lines[0] == f"::error title=orgstrategy::no file matches '{tmp_path}/*.xyz'"
        assert lines[1].startswith(
            f"::error file={tmp_path / 'nope.yaml'},title=orgstrategy::cannot read"
        )
        assert err == "1 file linted: no problems, 1 not readable\n"

    def test_no_files(self, capsys, cwd, tmp_path):
        (tmp_path / "empty").mkdir()
        assert run(capsys, "lint", tmp_path / "empty") == (2, "", "0 files linted: no problems\n")

    def test_examples(self, capsys, cwd):
        code, out, err = run(capsys, "lint", *example_files())
        assert code == 0
        assert {line.split(": ")[1] for line in out.splitlines()} == {"info aim-without-outcome"}
        assert err == "6 files linted: 14 info\n"

    def test_python_m(self, acceptance):
        result = subprocess.run(
            [sys.executable, "-m", "orgstrategy", "lint", "--format", "github", str(acceptance)],
            capture_output=True,
            text=True,
            check=False,
            cwd=acceptance.parent,
        )
        assert result.returncode == 1
        assert "::warning file=" in result.stdout
        assert "Traceback" not in result.stderr


class TestRulesCommand:
    """`orgstrategy rules`."""

    def test_list(self, capsys):
        code, out, err = run(capsys, "rules")
        assert (code, err) == (0, "")
        lines = out.splitlines()
        assert len(lines) == len(lint.rules())
        assert lines[0] == (
            "duplicate-statement         warning  Two elements or statements say the same thing."
        )
        assert lines[8] == "measure-without-baseline    info     A measure has no baseline."

    def test_explain(self, capsys):
        code, out, _ = run(capsys, "rules", "long-statement")
        assert code == 0
        assert out == (
            "long-statement (warning)\n\n"
            "A mission, vision or purpose is more than one sentence, or too many words.\n\n"
            "A purpose is a single sentence which defines why an organisation exists; a mission"
            " and a\nvision are as short. A statement of several sentences, or of more than"
            " max-words words\n(40 by default), is hard to remember and usually mixes in goals or"
            " values: keep one\nsentence and move the rest to the statement's points or meanings,"
            " or to goals. The\noptions max-words and max-sentences set the limits.\n\n"
            "Options, with their defaults ([tool.orgstrategy.lint.long-statement]):\n"
            "    max-words = 40\n    max-sentences = 1\n\n"
            "Bad:\n\n"
            '    orgstrategy: "1.0"\n    organisation:\n      name: Here\n    purpose: >-\n'
            "      We exist to care. We care for everyone in our area.\n"
            "      We do it with kindness.\n\n"
            "Good:\n\n"
            '    orgstrategy: "1.0"\n    organisation:\n      name: Here\n'
            "    purpose: Exceptional care, for everyone.\n"
        )

    def test_plugin_rule(self, capsys):
        with lint.registered(rule(package="orgstrategy-extra")):
            code, out, _ = run(capsys, "rules", "no-title")
        assert code == 0
        assert out.startswith("no-title (info)\n\nThe strategy has no title.\n")
        assert "Options" not in out
        assert out.endswith("\nFrom the package orgstrategy-extra.\n")

    def test_unknown(self, capsys):
        code, out, err = run(capsys, "rules", "dupe-statement")
        assert (code, out) == (2, "")
        assert err == (
            "orgstrategy: error: unknown lint rule 'dupe-statement'; did you mean"
            " 'duplicate-statement'? (`orgstrategy rules` lists them)\n"
        )

    def test_no_rules(self, capsys, monkeypatch):
        monkeypatch.setattr(lint, "rules", tuple)
        assert run(capsys, "rules") == (0, "", "")


def test_every_example_is_lint_clean(capsys):
    """The seeds and their versions pass at the default --fail-on, with justified ignores."""
    code, out, _ = run(capsys, "lint", EXAMPLES)
    assert code == 0
    assert "warning" not in out
