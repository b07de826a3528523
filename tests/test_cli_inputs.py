"""What the commands read, and how they report it: folders as users have them,
standard input, strategies among other YAML, one line layout, closed pipes."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, MINIMAL
from orgstrategy._cli import main

BROKEN = "foo: 1\n"  # two missing keys and one unknown: three problems


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository as users have it: strategies beside a venv, node_modules, build output."""
    (tmp_path / ".git").mkdir()
    for folder in (".venv/lib", "node_modules/pkg", "build", "docs", "strategies/drafts"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "x.yaml").write_text(BROKEN)
    (tmp_path / "strategies" / "ours.yaml").write_text(MINIMAL)
    (tmp_path / ".gitignore").write_text("node_modules/\n/build\n")
    (tmp_path / "strategies" / ".gitignore").write_text("drafts/*\n!drafts/keep.yaml\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


class TestProblemsOnce:
    """Each problem is reported exactly once, in every output."""

    @pytest.mark.parametrize("command", ["validate", "lint"])
    def test_text(self, capsys, tmp_path, command):
        path = tmp_path / "one.yaml"
        path.write_text(BROKEN)
        code, out, _ = run(capsys, command, path)
        assert code == 1
        assert out.splitlines() == [
            f"{path}:1:1: error missing-key: missing required key 'orgstrategy'",
            f"{path}:1:1: error missing-key: missing required key 'organisation'",
            f"{path}:1:1: error unknown-key: foo: unknown key 'foo'",
        ]

    @pytest.mark.parametrize("command", ["validate", "lint"])
    def test_every_format(self, capsys, tmp_path, command):
        path = tmp_path / "one.yaml"
        path.write_text("a: 1\nb: 2\nc: 3\n")  # 2 missing keys, 3 unknown ones
        _, out, _ = run(capsys, command, "--format", "json", path)
        assert len(json.loads(out)["files"][0]["problems"]) == 5
        _, out, _ = run(capsys, command, "--format", "github", path)
        assert sum(line.startswith("::error file=") for line in out.splitlines()) == 5
        _, out, _ = run(capsys, command, "--format", "sarif", path)
        assert len(json.loads(out)["runs"][0]["results"]) == 5


class TestLineLayout:
    """`validate` and `lint` write a problem as the same line."""

    def test_the_same_line_from_both(self, capsys, tmp_path):
        path = tmp_path / "s.yaml"
        path.write_text(MINIMAL + "status: dratf\n")
        validated = run(capsys, "validate", path)[1]
        linted = run(capsys, "lint", path)[1]
        assert validated == linted
        assert validated.startswith(f"{path}:4:9: error enum: status: 'dratf' is not one of ")

    def test_quiet_leaves_out_the_summary(self, capsys, tmp_path):
        path = tmp_path / "s.yaml"
        path.write_text(BROKEN)
        for command in ("validate", "lint"):
            code, out, err = run(capsys, command, "--quiet", path)
            assert (code, len(out.splitlines()), err) == (1, 3, "")
            assert run(capsys, command, "-q", EXAMPLES / "here.yaml") == (0, "", "")

    def test_dash_capital_v(self, capsys):
        code, out, _ = run(capsys, "-V")
        assert code == 0
        assert out.startswith("orgstrategy ")
        assert run(capsys, "--version")[1] == out

    @pytest.mark.parametrize("command", ["validate", "lint"])
    def test_report_to_a_file(self, capsys, tmp_path, command):
        path, report = tmp_path / "s.yaml", tmp_path / "report.json"
        path.write_text(BROKEN)
        code, out, _ = run(capsys, command, "--format", "json", "-o", report, path)
        assert (code, out) == (1, "")
        assert json.loads(report.read_text())["files"][0]["file"] == str(path)
        assert [p.name for p in tmp_path.iterdir()] == sorted(["s.yaml", "report.json"]) or {
            p.name for p in tmp_path.iterdir()
        } == {"s.yaml", "report.json"}


class TestFolders:
    """A folder stands for its documents, as ruff and git see them."""

    def test_hidden_and_git_ignored_are_left_out(self, capsys, tree):
        code, out, err = run(capsys, "validate", ".")
        assert code == 1  # docs/x.yaml is broken and neither hidden nor ignored
        assert {line.split(":")[0] for line in out.splitlines()} == {"docs/x.yaml"}
        assert err == "2 files checked: 1 valid, 1 invalid\n"

    def test_a_negated_pattern_in_a_nested_gitignore(self, capsys, tree):
        (tree / "strategies" / "drafts" / "keep.yaml").write_text(MINIMAL)
        _, _, err = run(capsys, "validate", "strategies")
        assert err == "2 files checked: 2 valid\n"

    def test_a_gitignore_above_the_folder_counts(self, capsys, tree):
        (tree / "docs" / "build").mkdir()
        (tree / "docs" / "build" / "y.yaml").write_text(BROKEN)
        (tree / ".gitignore").write_text("node_modules/\nbuild/\n")
        code, _, err = run(capsys, "validate", "docs", "--exclude", "x.yaml")
        assert (code, err) == (2, "0 files checked: 0 valid\n")

    def test_exclude(self, capsys, tree):
        assert run(capsys, "validate", ".", "--exclude", "docs")[0] == 0
        assert run(capsys, "validate", ".", "--exclude", "/docs/")[0] == 0
        assert (
            run(capsys, "validate", ".", "--exclude", "*.yaml")[2] == "0 files checked: 0 valid\n"
        )
        # a pattern anchored elsewhere leaves docs/ in
        assert run(capsys, "validate", ".", "--exclude", "/strategies/docs")[0] == 1

    def test_exclude_applies_to_named_files(self, capsys, tree):
        code, _, err = run(
            capsys, "lint", "docs/x.yaml", "strategies/ours.yaml", "--exclude", "docs"
        )
        assert (code, err) == (0, "1 file linted: no problems\n")

    def test_named_files_are_checked_even_if_git_ignores_them(self, capsys, tree):
        code, out, _ = run(capsys, "validate", "build/x.yaml")
        assert code == 1
        assert out.startswith("build/x.yaml:1:1: error missing-key")

    def test_a_file_named_twice_is_checked_once(self, capsys, tree):
        assert run(capsys, "validate", "docs", "docs/x.yaml", "./docs/x.yaml")[2].startswith(
            "1 file checked"
        )

    def test_outside_a_repository_gitignore_files_still_count(self, capsys, tmp_path):
        (tmp_path / "out").mkdir()
        (tmp_path / "out" / "x.yaml").write_text(BROKEN)
        (tmp_path / "ours.yaml").write_text(MINIMAL)
        (tmp_path / ".gitignore").write_text("out/\n")
        assert run(capsys, "validate", tmp_path) == (0, "", "1 file checked: 1 valid\n")

    def test_an_unreadable_folder_is_an_error(self, capsys, tree, monkeypatch):
        real = os.scandir

        def scandir(path: object = ".") -> object:
            if os.fspath(path).endswith("docs"):  # type: ignore[call-overload]
                raise PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[call-overload]
            return real(path)  # type: ignore[call-overload]

        monkeypatch.setattr(os, "scandir", scandir)
        code, _, err = run(capsys, "validate", ".")
        assert code == 2
        assert "orgstrategy: error: cannot read docs: Permission denied\n" in err
        assert "internal" not in err

    def test_an_unreadable_folder_for_real(self, tmp_path):
        """Root reads every folder, so as root the command runs without that right (setpriv)."""
        (tmp_path / "docs").mkdir()
        (tmp_path / "docs" / "x.yaml").write_text(MINIMAL)
        (tmp_path / "ours.yaml").write_text(MINIMAL)
        tmp_path.chmod(0o755)
        command = [sys.executable, "-m", "orgstrategy", "validate", "."]
        if os.geteuid() == 0:
            if shutil.which("setpriv") is None:
                pytest.skip("no setpriv to drop root's rights")
            command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
        (tmp_path / "docs").chmod(0)
        try:
            checked = subprocess.run(
                command, cwd=tmp_path, capture_output=True, text=True, check=False
            )
        finally:
            (tmp_path / "docs").chmod(0o755)
        if "No module named" in checked.stderr or "Permission denied: '/" in checked.stderr:
            pytest.skip("the unprivileged user cannot run this Python")  # pragma: no cover
        assert checked.stderr == (
            "orgstrategy: error: cannot read docs: Permission denied\n1 file checked: 1 valid\n"
        )
        assert checked.returncode == 2

    def test_an_unreadable_file_is_an_error(self, capsys, tree, monkeypatch):
        import orgstrategy._files as files

        real = open

        def refuse(path, *args, **kwargs):
            if str(path).endswith("ours.yaml"):
                raise PermissionError(13, "Permission denied", str(path))
            return real(path, *args, **kwargs)

        monkeypatch.setattr(files, "open", refuse, raising=False)
        code, _, err = run(capsys, "lint", "strategies")
        assert code == 2
        assert "cannot read strategies/ours.yaml: Permission denied" in err


class TestOnlyStrategies:
    """`--only-strategies` skips YAML and JSON that is not a strategy."""

    @pytest.fixture
    def repository(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        (tmp_path / ".github" / "workflows").mkdir(parents=True)
        (tmp_path / ".github" / "workflows" / "ci.yml").write_text("on: push\njobs: {}\n")
        (tmp_path / "docker-compose.yml").write_text("services:\n  web: {image: x}\n")
        (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
        (tmp_path / "package.json").write_text('{"name": "x"}\n')
        (tmp_path / "strategy.yaml").write_text(MINIMAL)
        (tmp_path / "strategy.json").write_text(
            '{"orgstrategy": "1.0", "organisation": {"name": "X"}}'
        )
        monkeypatch.chdir(tmp_path)
        return tmp_path

    FILES = (
        ".github/workflows/ci.yml",
        "docker-compose.yml",
        ".pre-commit-config.yaml",
        "package.json",
        "strategy.yaml",
        "strategy.json",
    )

    @pytest.mark.parametrize("command", ["validate", "lint"])
    def test_other_yaml_is_skipped(self, capsys, repository, command):
        code, out, err = run(capsys, command, "--only-strategies", *self.FILES)
        assert (code, out) == (0, "")
        assert err.endswith(", 4 skipped (not strategies)\n")

    def test_without_it_a_non_strategy_fails_naming_the_key(self, capsys, repository):
        code, out, _ = run(capsys, "validate", ".github/workflows/ci.yml")
        assert code == 1
        assert (
            ".github/workflows/ci.yml:1:1: error missing-key: missing required key 'orgstrategy'"
            in out
        )

    def test_a_broken_strategy_is_still_checked(self, capsys, repository):
        Path("strategy.yaml").write_text('orgstrategy: "1.0"\norganisation: [\n')
        code, out, _ = run(capsys, "validate", "--only-strategies", *self.FILES)
        assert code == 1
        assert out.startswith("strategy.yaml:3:1: error yaml-syntax:")

    def test_a_broken_other_file_is_skipped(self, capsys, repository):
        Path("docker-compose.yml").write_text("services: [\n")
        assert run(capsys, "validate", "--only-strategies", "docker-compose.yml")[0] == 0

    def test_a_mapping_that_only_mentions_it_is_skipped(self, capsys, repository):
        Path("notes.yaml").write_text("text: orgstrategy is a tool\n")
        assert run(capsys, "lint", "--only-strategies", "notes.yaml")[0] == 0

    def test_only_non_strategies_is_not_an_error(self, capsys, repository):
        code, _, err = run(capsys, "validate", "--only-strategies", "docker-compose.yml")
        assert (code, err) == (0, "0 files checked: 0 valid, 1 skipped (not strategies)\n")


class TestStandardInput:
    """`-` reads standard input."""

    def test_validate(self, capsys, monkeypatch):
        stdin(monkeypatch, BROKEN.encode())
        code, out, err = run(capsys, "validate", "-")
        assert code == 1
        assert (
            out.splitlines()[0]
            == "<stdin>:1:1: error missing-key: missing required key 'orgstrategy'"
        )
        assert err == "1 file checked: 0 valid, 1 invalid\n"

    def test_stdin_filename_names_it_and_gives_the_format(self, capsys, monkeypatch):
        stdin(monkeypatch, b'{"orgstrategy": "1.0", "organisation": {"name": 5}}')
        code, out, _ = run(capsys, "lint", "-", "--stdin-filename", "plans/ours.json")
        assert code == 1
        assert out == (
            "plans/ours.json:1:49: error type: organisation.name: expected text, got the "
            "number 5; quote it to keep it as text: '5'\n"
        )

    def test_from_says_the_format(self, capsys, monkeypatch):
        stdin(monkeypatch, b'{"orgstrategy": "1.0", "organisation": {"name": "X"}}')
        assert run(capsys, "validate", "--from", "json", "-")[0] == 0

    def test_yaml_by_default(self, capsys, monkeypatch):
        stdin(monkeypatch, MINIMAL.encode())
        assert run(capsys, "validate", "-") == (0, "", "1 file checked: 1 valid\n")

    def test_convert(self, capsys, monkeypatch):
        stdin(monkeypatch, (EXAMPLES / "here.yaml").read_bytes())
        code, out, _ = run(capsys, "convert", "-", "--to", "json")
        assert code == 0
        assert json.loads(out)["organisation"]["name"]

    def test_convert_names_stdin_in_problems(self, capsys, monkeypatch):
        stdin(monkeypatch, b"foo: 1\n")
        code, _, err = run(capsys, "convert", "-", "--to", "json")
        assert code == 1
        assert err.startswith("<stdin>:1:1: error missing-key")

    def test_diff(self, capsys, monkeypatch):
        old = EXAMPLES / "versions" / "staffordshire-as-published.yaml"
        new = EXAMPLES / "versions" / "staffordshire-tidied.yaml"
        expected = run(capsys, "diff", old, new)
        stdin(monkeypatch, old.read_bytes())
        assert run(capsys, "diff", "-", new) == expected

    def test_diff_of_stdin_with_itself_is_a_usage_error(self, capsys):
        code, _, err = run(capsys, "diff", "-", "-")
        assert code == 2
        assert "only one of OLD and NEW can be -" in err

    def test_a_real_pipe(self):
        checked = subprocess.run(
            [sys.executable, "-m", "orgstrategy", "validate", "-"],
            input=(EXAMPLES / "here.yaml").read_bytes(),
            capture_output=True,
            check=False,
        )
        assert (checked.returncode, checked.stderr) == (0, b"1 file checked: 1 valid\n")


class TestClosedPipe:
    """The exit status reflects the documents, whatever happens to the output."""

    @pytest.mark.parametrize("command", ["validate", "lint"])
    def test_piped_into_head(self, tmp_path, command):
        for number in range(200):
            (tmp_path / f"bad{number:03}.yaml").write_text(BROKEN)
        script = (
            f"set -o pipefail; {sys.executable} -m orgstrategy {command} '{tmp_path}' | head -1"
        )
        checked = subprocess.run(
            ["bash", "-c", script], capture_output=True, text=True, check=False
        )
        assert checked.returncode == 1
        assert checked.stdout.startswith(f"{tmp_path}/bad000.yaml:1:1: error missing-key")
        assert len(checked.stdout.splitlines()) == 1
        assert "Traceback" not in checked.stderr
        assert checked.stderr.endswith("200 invalid\n" if command == "validate" else "600 errors\n")

    def test_valid_documents_still_exit_0(self):
        script = f"set -o pipefail; {sys.executable} -m orgstrategy lint --format json '{EXAMPLES}' | head -c 10"
        checked = subprocess.run(
            ["bash", "-c", script], capture_output=True, text=True, check=False
        )
        assert (checked.returncode, checked.stdout) == (0, '{\n  "files')


class TestReportOverAnInput:
    """A report is never written over a document it is about."""

    @pytest.mark.parametrize("command", ["validate", "lint"])
    def test_refused(self, capsys, tmp_path, command):
        path = tmp_path / "s.yaml"
        path.write_text(MINIMAL)
        code, _, err = run(capsys, command, tmp_path, "-o", path)
        assert code == 2
        assert (
            err == f"orgstrategy: error: cannot write {path}: it is the input; name another file\n"
        )
        assert path.read_text() == MINIMAL
