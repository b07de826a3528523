"""git: `diff --git` on committed versions, and `git-diff`, git's external diff driver."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import orgstrategy._cli._diff
from conftest import Git
from orgstrategy import Limits
from orgstrategy._cli import main
from test_diff import V1, V2

#: The seven arguments git passes after the path, for files OLD and NEW.
HEXES = ("1" * 40, "100644")


@pytest.fixture
def repo(tmp_path: Path, git: Git) -> Path:
    """Return a repository with two commits of strategy.yaml: V1, then V2."""
    (tmp_path / "strategy.yaml").write_text(V1)
    git("add", ".")
    git("commit", "-qm", "v1")
    (tmp_path / "strategy.yaml").write_text(V2)
    git("commit", "-qam", "v2")
    return tmp_path


@pytest.fixture
def driver(repo: Path, git: Git) -> Path:
    """Return *repo* with orgstrategy as the diff driver of its YAML files."""
    (repo / ".gitattributes").write_text("*.yaml diff=orgstrategy\n")
    git("config", "diff.orgstrategy.command", f"{sys.executable} -m orgstrategy git-diff")
    return repo


def driver_args(path: str, old: Path | str, new: Path | str, *renamed: str) -> list[str]:
    return ["git-diff", path, str(old), *HEXES, str(new), *HEXES, *renamed]


class TestDiffGit:
    """`orgstrategy diff --git OLD NEW FILE` compares committed versions."""

    def test_diff_git_revisions(self, capsys, repo, monkeypatch):
        monkeypatch.chdir(repo)
        assert main(["diff", "--git", "HEAD~1", "HEAD", "strategy.yaml"]) == 1
        assert "Priority *Mental health* added\n" in capsys.readouterr().out

    def test_unknown_revision(self, capsys, repo, monkeypatch):
        monkeypatch.chdir(repo)
        assert main(["diff", "--git", "nope", "HEAD", "strategy.yaml"]) == 2
        assert "cannot read strategy.yaml at nope" in capsys.readouterr().err

    def test_git_usage(self, capsys):
        assert main(["diff", "--git", "a", "b"]) == 2
        assert main(["diff", "a.yaml", "b.yaml", "c.yaml"]) == 2


class TestArgumentInjection:
    """A revision is never taken by git for an option (issue 14, item 11)."""

    @pytest.mark.parametrize(
        "revisions", [("--output=pwned", "HEAD"), ("HEAD", "--output=pwned"), ("-p", "HEAD")]
    )
    def test_a_revision_starting_with_a_dash_is_refused(self, capsys, repo, monkeypatch, revisions):
        monkeypatch.chdir(repo)
        assert main(["diff", "--git", "--", *revisions, "strategy.yaml"]) == 2
        err = capsys.readouterr().err
        assert err.endswith("a revision cannot start with -\n")
        assert sorted(path.name for path in repo.iterdir()) == [".git", "strategy.yaml"]

    def test_revisions_come_after_end_of_options(self, repo, monkeypatch):
        monkeypatch.chdir(repo)
        commands: list[list[str]] = []
        run = subprocess.run

        def spy(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
            commands.append(command)
            return run(command, **kwargs)  # type: ignore[call-overload, no-any-return]

        monkeypatch.setattr(subprocess, "run", spy)
        assert main(["diff", "--git", "HEAD~1", "HEAD", "strategy.yaml"]) == 1
        assert commands == [
            ["git", "show", "--end-of-options", "HEAD~1:strategy.yaml"],
            ["git", "show", "--end-of-options", "HEAD:strategy.yaml"],
        ]

    def test_a_path_starting_with_a_dash_is_only_a_path(self, capsys, tmp_path, git, monkeypatch):
        (tmp_path / "-s.yaml").write_text(V1)
        git("add", "--", "-s.yaml")
        git("commit", "-qm", "v1")
        (tmp_path / "-s.yaml").write_text(V2)
        git("commit", "-qam", "v2")
        monkeypatch.chdir(tmp_path)
        assert main(["diff", "--git", "HEAD~1", "HEAD", "--", "-s.yaml"]) == 1
        assert "Priority *Effectiveness* removed" in capsys.readouterr().out


class TestDriver:
    """`orgstrategy git-diff` as git runs it: `git diff`, `git log -p`."""

    def test_git_diff_and_log(self, driver, git):
        shown = git("diff", "HEAD~1", "HEAD")
        assert shown.stdout.startswith("diff --orgstrategy a/strategy.yaml b/strategy.yaml\n")
        assert "Priority *Effectiveness* removed" in shown.stdout
        log = git("log", "-p", "--ext-diff", "-1")
        assert "Priority *Mental health* added\n" in log.stdout

    def test_a_renamed_file(self, driver, git):
        """git passes nine arguments for a rename (issue 14, item 10)."""
        git("mv", "strategy.yaml", "renamed.yaml")
        (driver / "renamed.yaml").write_text(V2.replace("Mental health", "Mental wellbeing"))
        git("commit", "-qam", "renamed")
        for command in (("diff", "-M", "HEAD~1", "HEAD"), ("log", "-p", "-M", "--ext-diff", "-1")):
            shown = git(*command, check=False)
            assert (shown.returncode, shown.stderr) == (0, "")
            assert "diff --orgstrategy a/strategy.yaml b/renamed.yaml\n" in shown.stdout
            assert "rename from strategy.yaml\nrename to renamed.yaml\n" in shown.stdout
            assert "Priority *Mental health* renamed to *Mental wellbeing*" in shown.stdout

    def test_a_side_that_is_not_a_strategy(self, driver, git):
        """The line diff, labelled a/ and b/, after a note (issue 14, item 10)."""
        (driver / "strategy.yaml").write_text(V2 + "broken: [\n")
        git("commit", "-qam", "broken")
        shown = git("diff", "HEAD~1", "HEAD", check=False)
        assert shown.returncode == 0
        header, note, *diff = shown.stdout.splitlines()
        assert header == "diff --orgstrategy a/strategy.yaml b/strategy.yaml"
        assert note.startswith("not a valid strategy, so the lines are compared: b/strategy.yaml:")
        assert "YAML syntax" in note
        assert diff[:2] == ["--- a/strategy.yaml", "+++ b/strategy.yaml"]
        assert diff[-1] == "+broken: ["
        assert "git-blob" not in shown.stdout

    def test_new_and_broken_files(self, capsys, tmp_path):
        path = tmp_path / "s.yaml"
        path.write_text(V1)
        assert main(driver_args("s.yaml", "/dev/null", path)) == 0
        assert capsys.readouterr().out.endswith("strategy added: s.yaml\n")
        assert main(driver_args("s.yaml", path, "/dev/null")) == 0
        assert capsys.readouterr().out.endswith("strategy removed: s.yaml\n")
        path.write_text("broken: [")
        assert main(driver_args("s.yaml", path, path)) == 0
        assert "YAML syntax" in capsys.readouterr().out
        path.write_text(V1)
        assert main(driver_args("s.yaml", path, path)) == 0
        assert capsys.readouterr().out.endswith("no semantic changes\n")

    def test_problems_name_the_side_not_the_temporary_file(self, capsys, tmp_path):
        old, new = tmp_path / "old", tmp_path / "new"
        old.write_text(V1)
        new.write_text(V1 + "visoin: x\n")
        assert main(driver_args("s.yaml", old, new)) == 0
        out = capsys.readouterr().out
        assert "b/s.yaml:9:1: error unknown-key: visoin: unknown key 'visoin'" in out
        assert str(tmp_path) not in out
        assert out.endswith("+visoin: x\n")

    def test_a_new_file_that_is_not_a_strategy(self, capsys, tmp_path):
        path = tmp_path / "s.yaml"
        path.write_text("a: 1\nb: 2")
        assert main(driver_args("s.yaml", "/dev/null", path)) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[2:] == [
            "--- /dev/null",
            "+++ b/s.yaml",
            "@@ -0,0 +1,2 @@",
            "+a: 1",
            "+b: 2",
            "\\ No newline at end of file",
        ]

    def test_a_file_of_no_known_format(self, capsys, tmp_path):
        old, new = tmp_path / "old", tmp_path / "new"
        old.write_text("one\n")
        new.write_text("two\n")
        assert main(driver_args("notes.txt", old, new)) == 0
        out = capsys.readouterr().out
        assert "not a valid strategy, so the lines are compared: a/notes.txt:" in out
        assert out.endswith("-one\n+two\n")

    def test_a_side_too_large_to_compare(self, capsys, tmp_path, monkeypatch):
        monkeypatch.setattr(orgstrategy._cli._diff, "_LIMITS", Limits(max_bytes=len(V1)))
        old, new = tmp_path / "old", tmp_path / "new"
        old.write_text(V1)
        new.write_text(V1 + "# more\n")
        assert main(driver_args("s.yaml", old, new)) == 0
        _, note = capsys.readouterr().out.splitlines()
        assert note.startswith("not a valid strategy, so the lines are compared: b/s.yaml:")
        assert "larger than the limit" in note

    def test_binary_files(self, capsys, tmp_path):
        old, new = tmp_path / "old", tmp_path / "new"
        old.write_bytes(b"\0\1")
        new.write_bytes(b"\0\2")
        assert main(driver_args("s.yaml", old, new)) == 0
        assert capsys.readouterr().out.endswith("Binary files a/s.yaml and b/s.yaml differ\n")

    def test_nine_arguments(self, capsys, tmp_path):
        old, new = tmp_path / "old", tmp_path / "new"
        old.write_text(V1)
        new.write_text(V2)
        header = "similarity index 90%\nrename from a.yaml\nrename to b.yaml\n"
        assert main(driver_args("a.yaml", old, new, "b.yaml", header)) == 0
        out = capsys.readouterr().out
        assert out.startswith(f"diff --orgstrategy a/a.yaml b/b.yaml\n{header}")
        assert "Priority *Effectiveness* removed" in out

    def test_a_path_starting_with_a_dash(self, capsys, tmp_path):
        path = tmp_path / "s.yaml"
        path.write_text(V1)
        assert main(driver_args("-s.yaml", path, path)) == 0
        assert (
            capsys.readouterr().out
            == "diff --orgstrategy a/-s.yaml b/-s.yaml\nno semantic changes\n"
        )

    def test_an_unmerged_path(self, capsys):
        assert main(["git-diff", "s.yaml"]) == 0
        assert capsys.readouterr().out == "* Unmerged path s.yaml\n"

    @pytest.mark.parametrize("count", [0, 2, 6, 8, 10])
    def test_other_numbers_of_arguments(self, capsys, count):
        assert main(["git-diff", *["x"] * count]) == 2
        assert "git passes 1, 7 or 9 arguments" in capsys.readouterr().err

    @pytest.mark.parametrize("option", ["-h", "--help"])
    def test_help(self, capsys, option):
        assert main(["git-diff", option]) == 0
        assert capsys.readouterr().out.startswith("usage: orgstrategy git-diff [ARG ...]")
