"""The command line: output, exit codes, and no traceback whatever the input."""

from __future__ import annotations

import gc
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import orgstrategy
import orgstrategy._cli
from conftest import EXAMPLES, EXAMPLES_CHECKED, MINIMAL
from orgstrategy._cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(MINIMAL + "title: 5\nvisoin: x\n")
    return path


class TestValidate:
    """`orgstrategy validate`."""

    def test_examples_are_valid(self, capsys):
        code, out, err = run(capsys, "validate", EXAMPLES)
        assert (code, out) == (0, "")
        assert err == EXAMPLES_CHECKED

    def test_invalid_file(self, capsys, bad):
        code, out, err = run(capsys, "validate", bad)
        assert code == 1
        assert out.splitlines() == [
            f"{bad}:4:8: error type: title: expected text, got the number 5; quote it to keep it as text: '5'",
            f"{bad}:5:1: error unknown-key: visoin: unknown key 'visoin'; did you mean 'vision'?",
        ]
        assert err == "1 file checked: 0 valid, 1 invalid\n"

    def test_json_output(self, capsys, bad):
        code, out, _ = run(capsys, "validate", "--format", "json", bad, EXAMPLES / "here.yaml")
        report = json.loads(out)
        assert code == 1
        assert report["summary"] == {
            "files": 2,
            "valid": 1,
            "invalid": 1,
            "unreadable": 0,
            "skipped": 0,
        }
        first = report["files"][0]
        assert (first["file"], first["valid"]) == (str(bad), False)
        assert first["problems"][0] == {
            "message": "expected text, got the number 5; quote it to keep it as text: '5'",
            "code": "type",
            "file": str(bad),
            "line": 4,
            "column": 8,
            "path": "title",
            "severity": "error",
        }

    def test_folders_and_globs(self, capsys, tmp_path):
        (tmp_path / "a").mkdir()
        (tmp_path / "a" / "one.yml").write_text(MINIMAL)
        (tmp_path / "a" / "two.json").write_text(
            json.dumps({"orgstrategy": "1.0", "organisation": {"name": "X"}})
        )
        (tmp_path / "a" / "notes.txt").write_text("not a strategy")
        (tmp_path / ".hidden").mkdir()
        (tmp_path / ".hidden" / "x.yaml").write_text("broken: [")
        assert run(capsys, "validate", tmp_path)[2] == "2 files checked: 2 valid\n"
        assert run(capsys, "validate", f"{tmp_path}/a/*.yml")[2] == "1 file checked: 1 valid\n"
        assert run(capsys, "validate", f"{tmp_path}/**/*.json")[2] == "1 file checked: 1 valid\n"
        assert run(capsys, "validate", f"{tmp_path}/a*")[2] == "2 files checked: 2 valid\n"

    def test_missing_file_is_exit_2_and_the_rest_go_on(self, capsys, tmp_path, bad):
        code, out, err = run(capsys, "validate", tmp_path / "nope.yaml", bad)
        assert code == 2
        assert "cannot read" in err
        assert "No such file or directory" in err
        assert err.endswith("2 files checked: 0 valid, 1 invalid, 1 not readable\n")
        assert "unknown key" in out

    def test_glob_matching_nothing(self, capsys, tmp_path):
        code, _, err = run(capsys, "validate", f"{tmp_path}/*.yaml")
        assert code == 2
        assert "no file matches" in err

    def test_empty_folder(self, capsys, tmp_path):
        code, _, err = run(capsys, "validate", tmp_path)
        assert code == 2
        assert err == "0 files checked: 0 valid\n"

    def test_unknown_extension(self, capsys, tmp_path):
        path = tmp_path / "s.txt"
        path.write_text(MINIMAL)
        code, _, err = run(capsys, "validate", path)
        assert code == 2
        assert "cannot tell the format" in err

    def test_unreadable_in_json_output(self, capsys, tmp_path):
        code, out, _ = run(capsys, "validate", "--format", "json", tmp_path / "nope.yaml")
        assert code == 2
        assert json.loads(out)["files"][0]["error"].startswith("cannot read")

    @pytest.mark.parametrize(
        "content",
        [
            b"",
            b"\xff\xfe\x00",
            b"- a\n",
            b"a: [\n",
            b"\x00",
            "é".encode("latin-1"),
            b"a: *b\n",
            b"!!python/object:x {}",
        ],
    )
    def test_broken_files_are_invalid_not_crashes(self, capsys, tmp_path, content):
        path = tmp_path / "broken.yaml"
        path.write_bytes(content)
        code, out, _ = run(capsys, "validate", path)
        assert code == 1
        assert out.startswith(f"{path}:")


def _die(*_: object, **__: object) -> None:
    """Stop the process at once, as the kernel's out-of-memory killer would."""
    os._exit(3)


class TestJobs:
    """`--jobs N` for `validate` and `lint`: the same report, in the same order."""

    @pytest.fixture
    def many(self, tmp_path: Path) -> list[Path]:
        """Twelve documents, every third one invalid, named out of alphabetical order."""
        paths = []
        for number in range(12):
            path = tmp_path / f"{(number * 7) % 12:02d}.yaml"
            broken = "visoin: x\n" if number % 3 == 0 else ""
            path.write_text(MINIMAL + f"title: Plan {number}\n" + broken + "goals: [Care, Cure]\n")
            paths.append(path)
        return paths

    @pytest.mark.parametrize("command", ["validate", "lint"])
    @pytest.mark.parametrize("report", ["text", "json", "github", "sarif"])
    def test_the_same_as_one_job(self, capsys, many, command, report):
        alone = run(capsys, command, "--format", report, *many)
        assert alone[0] == 1
        assert run(capsys, command, "--format", report, "--jobs", "3", *many) == alone
        assert run(capsys, command, "--format", report, "-j", "0", *many) == alone

    def test_folders_too(self, capsys, many):
        alone = run(capsys, "validate", many[0].parent, EXAMPLES)
        assert run(capsys, "validate", "-j", "2", many[0].parent, EXAMPLES) == alone
        examples = len(list(EXAMPLES.rglob("*.yaml")))
        assert alone[2] == f"{12 + examples} files checked: {8 + examples} valid, 4 invalid\n"

    def test_standard_input_is_read_here(self, capsys, monkeypatch, many):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(MINIMAL.encode())))
        code, out, err = run(capsys, "validate", "-j", "2", many[1], "-")
        assert (code, out, err) == (0, "", "2 files checked: 2 valid\n")

    def test_more_jobs_than_files(self, capsys, many):
        assert run(capsys, "validate", "-j", "64", many[1]) == (0, "", "1 file checked: 1 valid\n")

    @pytest.mark.parametrize("jobs", ["-1", "two", "1.5"])
    def test_not_a_number_of_jobs(self, capsys, many, jobs):
        code, out, err = run(capsys, "validate", "--jobs", jobs, many[1])
        assert (code, out) == (2, "")
        assert f"argument -j/--jobs: {jobs!r} is not a number of jobs (0 or more)" in err

    def test_a_process_that_dies(self, capsys, monkeypatch, many):
        from orgstrategy._cli import _checks

        monkeypatch.setattr(_checks, "_check_one", _die)
        code, out, err = run(capsys, "validate", "-j", "2", *many)
        assert (code, out) == (2, "")
        assert err.startswith(
            "orgstrategy: error: a process checking files stopped before it finished"
        )

    def test_a_process_started_without_plugins(self, monkeypatch):
        """Where processes start afresh (no fork), --no-plugins is passed on to them."""
        from orgstrategy import _registry
        from orgstrategy._cli import _checks

        monkeypatch.setattr(_registry._PLUGINS, "disabled", 0)
        _checks._start(False)
        assert _registry._PLUGINS.disabled == 0
        _checks._start(True)
        gc.collect()
        assert _registry._PLUGINS.disabled == 1
        assert orgstrategy.plugins.failures() == ()
        _checks._FOR_GOOD.close()
        assert _registry._PLUGINS.disabled == 0

    def test_without_plugins(self, capsys, many):
        alone = run(capsys, "--no-plugins", "lint", *many)
        assert run(capsys, "--no-plugins", "lint", "-j", "2", *many) == alone


class TestConvert:
    """`orgstrategy convert`."""

    def test_to_json_on_stdout(self, capsys):
        code, out, _ = run(capsys, "convert", EXAMPLES / "here.yaml", "--to", "json")
        assert code == 0
        assert orgstrategy.loads(out, "json") == orgstrategy.load(EXAMPLES / "here.yaml")

    def test_to_a_file_by_extension(self, capsys, tmp_path):
        out = tmp_path / "here.json"
        assert run(capsys, "convert", EXAMPLES / "here.yaml", "-o", out) == (0, "", "")
        assert orgstrategy.load(out) == orgstrategy.load(EXAMPLES / "here.yaml")

    def test_formatting_is_idempotent(self, capsys, tmp_path):
        first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
        assert run(capsys, "convert", EXAMPLES / "here.yaml", "--to", "yaml", "-o", first)[0] == 0
        assert run(capsys, "convert", first, "--to", "yaml", "-o", second)[0] == 0
        assert second.read_text() == first.read_text()

    def test_invalid_input(self, capsys, bad, tmp_path):
        out = tmp_path / "out.yaml"
        out.write_text("keep me")
        code, stdout, err = run(capsys, "convert", bad, "--to", "yaml", "-o", out)
        assert (code, stdout) == (1, "")
        assert "unknown key 'visoin'" in err
        assert out.read_text() == "keep me"

    def test_needs_a_target(self, capsys):
        code, _, err = run(capsys, "convert", EXAMPLES / "here.yaml")
        assert code == 2
        assert err == "orgstrategy: error: say which format to write with --to, e.g. --to html\n"

    def test_bad_output_extension(self, capsys, tmp_path):
        code, _, err = run(capsys, "convert", EXAMPLES / "here.yaml", "-o", tmp_path / "x.txt")
        assert code == 2
        assert "cannot tell the format" in err

    def test_missing_input(self, capsys, tmp_path):
        code, _, err = run(capsys, "convert", tmp_path / "nope.yaml", "--to", "json")
        assert code == 2
        assert err.startswith("orgstrategy: error: cannot read")

    def test_unwritable_output(self, capsys, tmp_path):
        code, _, err = run(
            capsys, "convert", EXAMPLES / "here.yaml", "-o", tmp_path / "no" / "x.yaml"
        )
        assert code == 2
        assert "cannot write" in err


class TestSchemaCommand:
    """`orgstrategy schema`."""

    def test_prints_the_schema(self, capsys):
        code, out, _ = run(capsys, "schema")
        assert code == 0
        assert json.loads(out) == orgstrategy.schema()

    def test_writes_a_file(self, capsys, tmp_path):
        run(capsys, "schema", "-o", tmp_path / "s.json")
        assert json.loads((tmp_path / "s.json").read_text()) == orgstrategy.schema()


class TestUsage:
    """Help, version and usage errors."""

    @pytest.mark.parametrize("command", [[], ["validate"], ["convert"], ["schema"]])
    def test_help(self, capsys, command):
        code, out, _ = run(capsys, *command, "--help")
        assert code == 0
        assert out.startswith("usage: orgstrategy")

    def test_the_parser(self):
        parser = orgstrategy._cli.build_parser()
        assert parser.prog == "orgstrategy"
        assert parser.parse_args(["validate", "-j", "0", "x.yaml"]).jobs == 0

    def test_version(self, capsys):
        code, out, _ = run(capsys, "--version")
        assert code == 0
        assert out.startswith("orgstrategy ")

    def test_version_imports_no_command(self):
        """``--version`` is answered before the commands, the model or the readers load."""
        code = (
            "import sys; from orgstrategy._cli import main; code = main(['-V']);"
            "print(code, sorted(m for m in sys.modules if m.startswith('orgstrategy.')))"
        )
        found = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        version, result = found.stdout.splitlines()
        assert version.startswith("orgstrategy ")
        assert (
            result
            == "0 ['orgstrategy._cli', 'orgstrategy._cli._installed_version', 'orgstrategy._cli._version']"
        )

    def test_version_with_standard_output_full(self, capsys, monkeypatch):
        class Full(io.StringIO):
            def write(self, text: str) -> int:
                raise OSError(28, "No space left on device")

        monkeypatch.setattr("sys.stdout", Full())
        code = main(["--version"])
        assert code == 2
        assert capsys.readouterr().err == (
            "orgstrategy: error: cannot write standard output: No space left on device\n"
        )

    def test_version_of_a_copy_not_installed(self, monkeypatch):
        from importlib import metadata

        from orgstrategy._cli import _version

        def missing(name: str) -> object:
            raise ImportError(name)

        monkeypatch.setattr(_version.importlib, "import_module", missing)
        assert _version.version() == metadata.version("orgstrategy")

    @pytest.mark.parametrize(
        "args", [[], ["nope"], ["validate"], ["validate", "--format", "xml", "x"]]
    )
    def test_usage_errors(self, capsys, args):
        code, _, err = run(capsys, *args)
        assert code == 2
        assert "usage:" in err

    def test_python_m(self, tmp_path):
        result = subprocess.run(
            [sys.executable, "-m", "orgstrategy", "validate", str(EXAMPLES)],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONWARNINGS": "error"},
        )
        assert (result.returncode, result.stderr) == (0, EXAMPLES_CHECKED)


def test_main_module(monkeypatch, capsys):
    """`python -m orgstrategy` runs the same main()."""
    import runpy

    monkeypatch.setattr(sys, "argv", ["orgstrategy", "validate", str(EXAMPLES)])
    with pytest.raises(SystemExit) as caught:
        runpy.run_module("orgstrategy", run_name="__main__")
    assert caught.value.code == 0
    assert capsys.readouterr().err == EXAMPLES_CHECKED
