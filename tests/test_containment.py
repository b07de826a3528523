"""Hostile text and broken plugins: the command line prints data, never commands,
and one broken plugin is reported by name while the rest of the run goes on."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

import orgstrategy
from conftest import MINIMAL
from orgstrategy import _registry, formats, lint, plugins
from orgstrategy._cli import main
from orgstrategy._cli._terminal import printable
from test_plugins import make_distribution

FORGED = "a\n::error file=src/app.py,line=1::Hard-coded credential\n::stop-commands::abc"
ANSI = "\x1b]0;title\x07\x1b[2J\x1b[31mred"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def hostile(tmp_path: Path, key: str) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(MINIMAL + json.dumps(key) + ": 1\n")
    return path


class TestPrintable:
    """`printable` escapes every character that could break a line or steer a terminal."""

    def test_every_control_and_separator(self):
        for code in range(0x3000):
            character = chr(code)
            category = unicodedata.category(character)
            shown = printable(f"x{character}y")
            if category in ("Cc", "Zl", "Zp"):
                assert shown.startswith("x\\"), repr(character)
                assert shown.endswith("y"), repr(character)
                assert character not in shown
            elif character not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
                assert shown == f"x{character}y"

    def test_bidirectional_controls(self):
        assert printable("a\u202eb\u2066c") == "a\\u202eb\\u2066c"

    def test_no_line_starts_a_workflow_command(self):
        assert not printable("::warning::x").startswith("::")
        assert printable(":a") == ":a"


class TestHostileText:
    """Text from a document cannot forge a line, an annotation or a terminal sequence."""

    @pytest.mark.parametrize("command", ["validate", "lint"])
    @pytest.mark.parametrize("output", ["text", "github"])
    def test_forged_workflow_commands(self, capsys, tmp_path, command, output):
        path = hostile(tmp_path, FORGED + ANSI)
        code, out, err = run(capsys, command, "--format", output, path)
        assert code == 1
        lines = out.splitlines()
        assert len(lines) == (1 if output == "text" else 2)
        assert lines[0].startswith(f"{path}:4:1: error unknown-key: a\\n::error file=")
        if output == "github":
            assert lines[1].startswith("::error file=")
        assert not any(line.startswith("::stop-commands") for line in lines)
        assert "\x1b" not in out + err
        assert "\x07" not in out + err

    def test_a_hostile_file_name(self, capsys, tmp_path):
        folder = tmp_path / "::warning::x\x1b[2J"
        folder.mkdir()
        (folder / "s.yaml").write_text("foo: 1\n")
        code, out, err = run(capsys, "validate", "--format", "github", folder)
        assert code == 1
        assert "\x1b" not in out + err
        for line in out.splitlines():
            assert not line.startswith("::warning")

    @pytest.mark.parametrize("output", ["text", "markdown"])
    def test_diff(self, capsys, tmp_path, output):
        old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
        old.write_text(MINIMAL + "goals: [Care]\n")
        new.write_text(
            MINIMAL + "goals: [" + json.dumps("Care" + ANSI + "\u2028::error::x") + "]\n"
        )
        code, out, _ = run(capsys, "diff", "--format", output, old, new)
        assert code == 1
        assert "\x1b" not in out
        assert "\u2028" not in out
        assert "\\x1b" in out  # shown, not obeyed
        assert not any(line.startswith("::") for line in out.splitlines())

    def test_git_diff_driver(self, capsys, tmp_path):
        old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
        old.write_text(MINIMAL + "goals: [Care]\n")
        new.write_text(MINIMAL + "goals: [" + json.dumps("Care" + ANSI) + "]\n")
        args = ["git-diff", "s.yaml", old, "0" * 40, "100644", new, "1" * 40, "100644"]
        code, out, _ = run(capsys, *args)
        assert code == 0
        assert out.startswith("diff --orgstrategy a/s.yaml b/s.yaml\n")
        assert "\x1b" not in out
        new.write_text("goals: [" + json.dumps(ANSI) + "\n")  # not a strategy: lines compared
        code, out, _ = run(capsys, *args)
        assert "\x1b" not in out
        assert "not a valid strategy, so the lines are compared" in out

    def test_errors_on_standard_error(self, capsys, tmp_path):
        code, _, err = run(capsys, "validate", tmp_path / "gone\x1b[2J\n::error::x.yaml")
        assert code == 2
        assert "\x1b" not in err
        assert len([line for line in err.splitlines() if line.startswith("orgstrategy:")]) == 1


def exiting_plugin(site: Path) -> None:
    """Install a plugin that calls `sys.exit(3)` when it is imported."""
    make_distribution(
        site,
        "orgstrategy-exits",
        "exiting_plugin",
        "import sys\nsys.exit(3)\n",
        {"exits": "exiting_plugin:P"},
    )


@pytest.fixture
def broken_plugins(tmp_path, monkeypatch):
    """Plugins that end the process, interrupt it, or fail in their writers and rules."""
    site = tmp_path / "site"
    site.mkdir()
    exiting_plugin(site)
    make_distribution(
        site,
        "orgstrategy-interrupts",
        "interrupting_plugin",
        "raise KeyboardInterrupt\n",
        {"interrupts": "interrupting_plugin:P"},
    )
    make_distribution(
        site,
        "orgstrategy-bad-parts",
        "bad_parts_plugin",
        """
        from orgstrategy import formats, lint
        from orgstrategy.plugins import Plugin

        def raising(strategy, **options):
            raise ValueError("no ink")

        def returns_none(strategy, **options):
            return None

        def returns_bytes(strategy, **options):
            return b"bytes"

        def bad_reader(text, *, file, limits):
            return "not a pair"

        def failing_check(strategy, options):
            raise RuntimeError("rule bug")

        P = Plugin(
            name="badparts",
            schema={},
            formats=[
                formats.Format(name="raising", extensions=[".rai"], writer=raising),
                formats.Format(name="none-out", writer=returns_none),
                formats.Format(name="bytes-out", writer=returns_bytes),
                formats.Format(name="odd-in", extensions=[".odd"], reader=bad_reader),
            ],
            rules=[
                lint.Rule(
                    name="broken-rule",
                    severity="warning",
                    summary="always fails",
                    explanation="It is broken.",
                    good="",
                    bad="",
                    check=failing_check,
                ),
            ],
        )
        """,
        {"badparts": "bad_parts_plugin:P"},
    )
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delenv(plugins.DISABLE_VARIABLE, raising=False)
    registry = _registry._PLUGINS  # rediscover: the state the registry keeps
    monkeypatch.setattr(registry, "installed", None)
    monkeypatch.setattr(registry, "failures", ())
    yield site
    for module in ("exiting_plugin", "interrupting_plugin", "bad_parts_plugin"):
        sys.modules.pop(module, None)


class TestPluginsAreContained:
    """A broken plugin is named, with its distribution, and the rest goes on."""

    def test_exit_and_interrupt_at_import(self, broken_plugins):
        plugins.load_plugins()
        failures = {f.package: str(f) for f in plugins.failures()}
        assert failures["orgstrategy-exits"] == (
            "plugin 'exits' from orgstrategy-exits was skipped: it called sys.exit(3) when imported"
        )
        assert failures["orgstrategy-interrupts"] == (
            "plugin 'interrupts' from orgstrategy-interrupts was skipped: it raised "
            "KeyboardInterrupt when imported"
        )

    def test_the_command_line_goes_on(self, broken_plugins, capsys, tmp_path):
        path = tmp_path / "s.yaml"
        path.write_text(MINIMAL)
        code, _, err = run(capsys, "validate", path)
        assert code == 0
        assert "orgstrategy-exits was skipped: it called sys.exit(3)" in err
        assert "Traceback" not in err

    @pytest.mark.parametrize(
        ("format", "message"),
        [
            (
                "raising",
                "the writer of format 'raising' from orgstrategy-bad-parts failed: "
                "ValueError: no ink",
            ),
            (
                "none-out",
                "the writer of format 'none-out' from orgstrategy-bad-parts returned "
                "NoneType, not text",
            ),
            (
                "bytes-out",
                "the writer of format 'bytes-out' from orgstrategy-bad-parts returned "
                "bytes, not text",
            ),
        ],
    )
    def test_a_broken_writer(self, broken_plugins, capsys, tmp_path, format, message):
        path = tmp_path / "s.yaml"
        path.write_text(MINIMAL)
        with pytest.raises(orgstrategy.Error, match="^" + message.replace("(", r"\(")):
            orgstrategy.dumps(orgstrategy.load(path), format=format)
        code, out, err = run(capsys, "convert", path, "--to", format)
        assert (code, out) == (2, "")
        assert err.endswith(f"orgstrategy: error: {message}\n")

    def test_a_broken_reader(self, broken_plugins, capsys, tmp_path):
        path = tmp_path / "s.odd"
        path.write_text("x")
        code, _, err = run(capsys, "validate", path)
        assert code == 2
        assert "the reader of format 'odd-in' from orgstrategy-bad-parts returned str" in err
        assert "internal" not in err

    def test_a_broken_rule_is_a_finding_and_exit_2(self, broken_plugins, capsys, tmp_path):
        path = tmp_path / "s.yaml"
        path.write_text(MINIMAL + "purpose: Care. Kindness. Courage. Joy.\n")
        found = lint.lint(path)
        failed = [p for p in found if p.code == lint.RULE_FAILED]
        assert [p.message for p in failed] == [
            "lint rule 'broken-rule' from orgstrategy-bad-parts failed: RuntimeError: rule bug"
        ]
        assert any(p.code != lint.RULE_FAILED for p in found)  # the other rules ran
        code, out, _ = run(capsys, "lint", path)
        assert code == 2
        assert f"{path}:1:1: error rule-failed: lint rule 'broken-rule'" in out

    def test_built_in_formats_are_not_wrapped(self):
        assert formats.get("yaml").package == "orgstrategy"


def test_a_plugin_exit_does_not_end_a_real_process(tmp_path):
    """In a real process too: `sys.exit()` in a plugin leaves the exit code to the documents."""
    site = tmp_path / "site"
    site.mkdir()
    exiting_plugin(site)
    path = tmp_path / "s.yaml"
    path.write_text(MINIMAL)
    checked = subprocess.run(
        [sys.executable, "-m", "orgstrategy", "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
    )
    assert checked.returncode == 0
    assert "orgstrategy-exits was skipped: it called sys.exit(3) when imported" in checked.stderr


class TestWordsAndOptions:
    """Messages in words, and options as users write them."""

    def test_an_element_kind_in_the_plural(self):
        found = orgstrategy.validate(
            b'orgstrategy: "1.0"\norganisation: {name: x}\n'
            b"priorities: [{name: a, extensions: {zz: 1}}]\n"
        )
        assert [p.message for p in found] == [
            "no installed plugin claims the namespace 'zz' on priorities"
        ]

    @pytest.mark.parametrize(("value", "expected"), [("0", False), ("1", True), ("off", False)])
    def test_option_values(self, value, expected):
        from orgstrategy._cli._convert import parse_option

        assert parse_option(f"map={value}") == ("map", expected)

    def test_map_0_means_no_map(self, capsys, tmp_path):
        path = tmp_path / "s.yaml"
        path.write_text(MINIMAL + "goals: [Care]\n")
        with_map = run(capsys, "convert", path, "--to", "markdown", "-O", "map=1")[1]
        without = run(capsys, "convert", path, "--to", "markdown", "-O", "map=0")[1]
        assert "mermaid" in with_map
        assert "mermaid" not in without


class TestWrongArguments:
    """Wrong argument types are a clear TypeError, never an error from deep inside."""

    def test_diff_of_none(self):
        with pytest.raises(TypeError, match=r"diff\(\) compares two Strategy objects; old is None"):
            orgstrategy.diff(None, None)  # type: ignore[arg-type]

    @pytest.mark.parametrize("call", ["load", "validate-path", "dump"])
    def test_a_bytes_path(self, tmp_path, call):
        path = bytes(tmp_path / "s.yaml")
        strategy = orgstrategy.loads(MINIMAL)
        calls = {
            "load": lambda: orgstrategy.load(path),  # type: ignore[arg-type]
            "dump": lambda: orgstrategy.dump(strategy, path),  # type: ignore[arg-type]
            "validate-path": lambda: orgstrategy.validate(_BytesPath(path)),  # type: ignore[arg-type]
        }
        with pytest.raises(
            TypeError, match=r"a path is a str or an os\.PathLike of str, not bytes"
        ):
            calls[call]()


class _BytesPath:
    """An os.PathLike whose path is bytes."""

    def __init__(self, path: bytes) -> None:
        self.path = path

    def __fspath__(self) -> bytes:
        return self.path


class TestLimits:
    """`Limits` refuses what it cannot honour when it is made, in words."""

    @pytest.mark.parametrize(
        ("given", "message"),
        [
            (
                {"max_depth": 10**30},
                "Limits(max_depth=10" + "0" * 29 + ") is out of range: "
                "give a whole number from 1 to 256",
            ),
            (
                {"max_bytes": 0},
                "Limits(max_bytes=0) is out of range: give a whole number from 1 to 1,073,741,824",
            ),
            ({"max_nodes": -5}, "Limits(max_nodes=-5) is out of range"),
        ],
    )
    def test_out_of_range(self, given, message):
        with pytest.raises(orgstrategy.Error, match="^" + re.escape(message)):
            orgstrategy.Limits(**given)

    @pytest.mark.parametrize("value", [1.5, True, "10", None])
    def test_not_a_whole_number(self, value):
        with pytest.raises(TypeError, match=r"Limits\(max_bytes=\.\.\.\) takes a whole number"):
            orgstrategy.Limits(max_bytes=value)

    def test_positional(self):
        with pytest.raises(TypeError):
            orgstrategy.Limits(0)  # type: ignore[misc]

    def test_the_maxima_are_accepted(self):
        limits = orgstrategy.Limits(max_bytes=1 << 30, max_depth=256, max_nodes=100_000_000)
        assert (limits.max_depth, limits.max_nodes) == (256, 100_000_000)
