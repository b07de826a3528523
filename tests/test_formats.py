"""The format registry, the API that goes through it, and the convert and formats commands."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

import orgstrategy
from conftest import MINIMAL, example_files
from orgstrategy import Problem, StrategyWarning, formats
from orgstrategy._cli import main

BUILT_IN = ("yaml", "json", "stratml", "markdown", "html", "pdf", "mermaid", "csv")
WRITERS = ("yaml", "json", "markdown", "html", "mermaid", "csv", "stratml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def warning_reader(text, *, file, limits):
    strategy = orgstrategy.loads(text)
    return strategy, [
        Problem(message="repaired", code="test-repair", file=file, severity="warning")
    ]


def lossy_writer(strategy, **options):
    warnings.warn(
        StrategyWarning(
            Problem(message="dropped the compact", code="test-loss", severity="warning")
        ),
        stacklevel=2,
    )
    return "text\n"


WARNING_FORMAT = formats.Format(
    name="warning-test",
    description="reads YAML and repairs it",
    extensions=(".warn",),
    reader=warning_reader,
    writer=lossy_writer,
    package="test-package",
)


class TestRegistry:
    def test_built_in_formats_come_first(self):
        assert tuple(f.name for f in formats.available())[: len(BUILT_IN)] == BUILT_IN

    def test_get(self):
        assert formats.get("html").media_type == "text/html"

    def test_get_unknown(self):
        with pytest.raises(
            orgstrategy.Error, match=r"unknown format 'docx' \(available: yaml, json, "
        ):
            formats.get("docx")

    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("a.yaml", "yaml"),
            ("A.YML", "yaml"),
            ("x/plan.xml", "stratml"),
            ("s.md", "markdown"),
            ("s.htm", "html"),
            ("s.mmd", "mermaid"),
            ("s.csv", "csv"),
            ("s.json", "json"),
        ],
    )
    def test_for_path(self, name, expected):
        assert formats.for_path(name).name == expected

    def test_for_path_reading_skips_writers_only(self):
        with pytest.raises(
            orgstrategy.Error,
            match=r"cannot tell the format of 's\.csv' from its extension \(\.json, \.stratml, \.xml, \.yaml, \.yml\): give the format",
        ):
            formats.for_path("s.csv", reading=True)

    def test_registered_adds_and_removes(self):
        with formats.registered(WARNING_FORMAT):
            assert formats.get("warning-test") is WARNING_FORMAT
            assert formats.for_path("x.warn") is WARNING_FORMAT
            formats.register(WARNING_FORMAT)  # the same format again is fine
        assert "warning-test" not in [f.name for f in formats.available()]

    def test_name_clash_names_both_packages(self):
        clash = formats.Format(name="html", writer=lossy_writer, package="orgstrategy-pdf")
        with pytest.raises(
            orgstrategy.Error,
            match="format 'html' from orgstrategy-pdf clashes with the format of that name from orgstrategy",
        ):
            formats.register(clash)

    def test_unregister_unknown_is_quiet(self):
        before = formats.available()
        assert formats.unregister("never-registered") is None
        assert formats.available() == before
        assert [f.name for f in formats.built_in()] == list(BUILT_IN)

    @pytest.mark.parametrize("name", ["HTML", "my_format", "-x", "", "two--dashes"])
    def test_bad_names(self, name):
        with pytest.raises(ValueError, match="is not lower-case kebab-case"):
            formats.Format(name=name, writer=lossy_writer)

    def test_bad_extension(self):
        with pytest.raises(ValueError, match="extension 'docx' must start with a dot"):
            formats.Format(name="docx", extensions=("docx",), writer=lossy_writer)

    def test_extensions_are_lower_case(self):
        assert formats.Format(
            name="docx", extensions=[".DOCX"], writer=lossy_writer
        ).extensions == (".docx",)

    def test_needs_a_reader_or_writer(self):
        with pytest.raises(ValueError, match="format 'nothing' needs a reader, a writer or both"):
            formats.Format(name="nothing")

    def test_read_a_write_only_format(self):
        with pytest.raises(orgstrategy.Error, match="format 'csv' can be written but not read"):
            orgstrategy.loads("x", format="csv")

    def test_write_a_read_only_format(self):
        read_only = formats.Format(name="read-only", reader=warning_reader)
        with (
            formats.registered(read_only),
            pytest.raises(
                orgstrategy.Error, match="format 'read-only' can be read but not written"
            ),
        ):
            orgstrategy.dumps(orgstrategy.loads(MINIMAL), format="read-only")

    def test_unknown_option(self):
        with pytest.raises(
            orgstrategy.Error,
            match=r"format 'markdown' has no option 'mpa' \(its options: language, map\)",
        ):
            orgstrategy.dumps(orgstrategy.loads(MINIMAL), format="markdown", mpa=True)

    def test_an_option_the_format_does_not_have(self):
        with pytest.raises(
            orgstrategy.Error, match=r"format 'csv' has no option 'x' \(its options: bom\)"
        ):
            orgstrategy.dumps(orgstrategy.loads(MINIMAL), format="csv", x=1)

    def test_too_large_for_any_reader(self):
        strategy, problems = formats.get("yaml").read(
            MINIMAL, limits=orgstrategy.Limits(max_bytes=10)
        )
        assert strategy is None
        assert [p.code for p in problems] == ["too-large"]
        assert "larger than the limit of 10 characters" in problems[0].message


class TestWarnings:
    def test_loads_issues_reader_warnings(self):
        with (
            formats.registered(WARNING_FORMAT),
            pytest.warns(StrategyWarning, match="repaired") as caught,
        ):
            strategy = orgstrategy.loads(MINIMAL, format="warning-test")
        assert strategy.organisation.name == "Here"
        assert caught[0].message.problem.code == "test-repair"

    def test_strict_makes_warnings_errors(self):
        with (
            formats.registered(WARNING_FORMAT),
            pytest.raises(orgstrategy.ValidationError) as raised,
        ):
            orgstrategy.loads(MINIMAL, format="warning-test", strict=True)
        assert [(p.code, p.severity) for p in raised.value.errors] == [("test-repair", "error")]

    def test_validate_returns_warnings(self, tmp_path):
        path = tmp_path / "s.warn"
        path.write_text(MINIMAL)
        with formats.registered(WARNING_FORMAT):
            assert [p.severity for p in orgstrategy.validate(path)] == ["warning"]
            assert [p.severity for p in orgstrategy.validate(path, strict=True)] == ["error"]
            assert [
                p.severity for p in orgstrategy.validate(MINIMAL.encode(), format="warning-test")
            ] == ["warning"]

    def test_load_by_extension(self, tmp_path):
        path = tmp_path / "s.warn"
        path.write_text(MINIMAL)
        with formats.registered(WARNING_FORMAT), pytest.warns(StrategyWarning):
            assert orgstrategy.load(path).organisation.name == "Here"

    def test_writer_warnings_reach_the_caller(self):
        with (
            formats.registered(WARNING_FORMAT),
            pytest.warns(StrategyWarning, match="dropped the compact"),
        ):
            assert orgstrategy.dumps(orgstrategy.loads(MINIMAL), format="warning-test") == "text\n"


class TestDump:
    @pytest.mark.parametrize(
        ("name", "start"),
        [
            ("s.md", "# Here"),
            ("s.html", "<!DOCTYPE html>"),
            ("s.csv", "\ufeffpath,reference,parent,kind"),
        ],
    )
    def test_by_extension(self, tmp_path, name, start):
        path = tmp_path / name
        orgstrategy.dump(orgstrategy.loads(MINIMAL), path)
        assert path.read_text(encoding="utf-8").startswith(start)

    def test_with_options(self, tmp_path):
        path = tmp_path / "s.txt"
        orgstrategy.dump(
            orgstrategy.loads(MINIMAL + "mission: Care\n"), path, format="markdown", map=True
        )
        assert "```mermaid" in path.read_text(encoding="utf-8")


class TestConvertCommand:
    @pytest.mark.parametrize("example", example_files(), ids=lambda path: path.stem)
    @pytest.mark.parametrize("target", WRITERS)
    def test_every_example_to_every_format(self, capsys, example, target):
        code, out, err = run(capsys, "convert", str(example), "--to", target)
        assert (code, err) == (0, "")
        assert out.endswith("\n")
        # The command line names the input in the page's footer.
        named = {"source": example.name} if "source" in formats.get(target).options else {}
        assert out == orgstrategy.dumps(orgstrategy.load(example), target, **named)

    def test_output_file_by_extension(self, capsys, tmp_path):
        out = tmp_path / "s.html"
        assert run(capsys, "convert", str(example_files()[0]), "-o", str(out)) == (0, "", "")
        assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

    def test_options(self, capsys):
        code, out, _ = run(
            capsys, "convert", str(example_files()[0]), "--to", "markdown", "-O", "map"
        )
        assert code == 0
        assert "```mermaid\nflowchart TB\n" in out
        code, out, _ = run(
            capsys, "convert", str(example_files()[0]), "--to", "markdown", "-O", "map=no"
        )
        assert "mermaid" not in out
        code, out, _ = run(
            capsys, "convert", str(example_files()[0]), "--to", "html", "-O", "lang=cy"
        )
        assert '<html lang="cy">' in out

    def test_unknown_option(self, capsys):
        code, _, err = run(capsys, "convert", str(example_files()[0]), "--to", "csv", "-O", "map")
        assert code == 2
        assert err == "orgstrategy: error: format 'csv' has no option 'map' (its options: bom)\n"

    def test_unknown_format(self, capsys):
        code, out, err = run(capsys, "convert", str(example_files()[0]), "--to", "docx")
        assert (code, out) == (2, "")
        assert err.startswith("orgstrategy: error: unknown format 'docx' (available: yaml, json,")

    def test_from(self, capsys, tmp_path):
        path = tmp_path / "strategy.txt"
        path.write_text(MINIMAL)
        assert run(capsys, "convert", str(path), "--from", "yaml", "--to", "json")[0] == 0
        code, _, err = run(capsys, "convert", str(path), "--to", "json")
        assert code == 2
        assert "cannot tell the format of" in err

    def test_reader_and_writer_warnings_go_to_stderr(self, capsys, tmp_path):
        path = tmp_path / "s.warn"
        path.write_text(MINIMAL)
        with formats.registered(WARNING_FORMAT):
            code, out, err = run(capsys, "convert", str(path), "--to", "warning-test")
            assert (code, out) == (0, "text\n")
            assert (
                err
                == f"{path}:1:1: warning test-repair: repaired\n<string>:1:1: warning test-loss: dropped the compact\n"
            )
            code, out, err = run(capsys, "convert", str(path), "--to", "yaml", "--strict")
        assert (code, out) == (1, "")
        assert err == f"{path}:1:1: error test-repair: repaired\n"

    def test_to_stdout_needs_a_format(self, capsys):
        code, _, err = run(capsys, "convert", str(example_files()[0]))
        assert code == 2
        assert err == "orgstrategy: error: say which format to write with --to, e.g. --to html\n"


class TestFormatsCommand:
    def test_text(self, capsys):
        code, out, _ = run(capsys, "formats")
        assert code == 0
        lines = out.splitlines()
        assert lines[0].split()[:3] == ["yaml", "read", "write"]
        assert any(line.split()[:2] == ["csv", "write"] for line in lines)
        assert any("option map: add the strategy map" in line for line in lines)

    def test_plugin_package_is_named(self, capsys):
        with formats.registered(WARNING_FORMAT):
            _, out, _ = run(capsys, "formats")
        assert out.splitlines()[-1].endswith("(.warn) [test-package]")

    def test_json(self, capsys):
        code, out, _ = run(capsys, "formats", "--format", "json")
        listed = json.loads(out)
        assert code == 0
        assert [entry["name"] for entry in listed] == list(BUILT_IN)
        assert listed[4] == {
            "name": "html",
            "description": "a self-contained, printable one-page web page",
            "read": False,
            "write": True,
            "extensions": [".html", ".htm"],
            "options": {
                "lang": "the language of the text, a BCP 47 tag (default: the document's "
                "language, or en-GB)",
                "language": "write the text in this language, from the document's translations",
                "theme": "a theme file (TOML) with the logo, colours, font and footer text",
                "notes": "show the sources' curator notes and retrieval dates (default: false)",
                "footer": "end the page with a footer (default: true)",
                "source": "the document's name, for the footer (default: the input file's name)",
                "date": "the date the page was made, for the footer: YYYY-MM-DD or today",
            },
            "media_type": "text/html",
            "package": "orgstrategy",
        }


def test_format_of_names_the_format(tmp_path: Path) -> None:
    assert orgstrategy.format_of(tmp_path / "plan.xml") == "stratml"
