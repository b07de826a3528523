"""The documentation: the tutorial's commands print what it says they print, and the
table of problem codes is complete.

Building the site (``-W``), its doctests and its link check are steps of ``.ci/run``,
not tests here: they check the pages, and take a minute.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS / "_ext"))

pytest.importorskip("sphinx", reason="the docs extra is not installed")
pytest.importorskip("myst_parser", reason="the docs extra is not installed")
pytest.importorskip("furo", reason="the docs extra is not installed")

import error_codes  # noqa: E402
import tutorial_steps  # noqa: E402


def _normalise(text: str, folder: Path) -> str:
    text = text.replace(str(folder) + os.sep, "").replace(str(folder), ".")
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


class TestTutorial:
    """Every command of the tutorial, run in order in an empty folder, prints what it shows."""

    def test_steps_are_found(self) -> None:
        steps = tutorial_steps.steps()
        files = [step for step in steps if isinstance(step, tutorial_steps.File)]
        commands = [
            c for step in steps if isinstance(step, tutorial_steps.Commands) for c in step.commands
        ]
        assert len(files) >= 5
        assert any(command.startswith("orgstrategy lint") for command in commands)
        assert any(command.startswith("orgstrategy diff") for command in commands)
        assert any("--to html" in command for command in commands)

    def test_commands_print_what_the_tutorial_shows(self, tmp_path: Path) -> None:
        folder = tmp_path / "our-strategy"
        folder.mkdir()
        scripts = Path(sys.executable).parent
        if shutil.which("orgstrategy", path=str(scripts)) is None:  # pragma: no cover
            pytest.skip("the orgstrategy command is not installed next to this Python")
        env = {**os.environ, "ORGSTRATEGY_NO_PLUGINS": "1", "LC_ALL": "C.UTF-8"}
        env["PATH"] = str(scripts) + os.pathsep + env.get("PATH", "")
        for step in tutorial_steps.steps():
            if isinstance(step, tutorial_steps.File):
                path = folder / step.name
                before = path.read_text(encoding="utf-8") if path.exists() else ""
                path.write_text(step.apply(before), encoding="utf-8")
                continue
            printed = ""
            for command in step.commands:
                done = subprocess.run(
                    shlex.split(command),
                    cwd=folder,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                    encoding="utf-8",
                    check=False,
                )
                assert done.returncode in (0, 1), f"{command}\n{done.stdout}"
                printed += done.stdout
            assert _normalise(printed, folder) == _normalise(step.output, folder), "\n".join(
                step.commands
            )
        assert (folder / "strategy.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


_CODE = re.compile(r"[a-z]+(?:-[a-z]+)*\Z")


def _codes_in_source() -> set[str]:
    """Return the problem codes that the reading and validating code can report."""
    found: set[str] = set()
    reporters = {"add", "problem", "_Invalid", "error", "Refused", "Problem", "_Finding", "Finding"}
    for path in (ROOT / "src" / "orgstrategy").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {  # module-level NAME: Final = "text", so that code=NAME counts
            node.target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(node.value, ast.Constant)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name not in reporters:
                continue
            values = [keyword.value for keyword in node.keywords if keyword.arg == "code"]
            if name != "Problem" and len(node.args) > 1:
                values.append(node.args[1])
            for value in values:
                if isinstance(value, ast.Name) and value.id in constants:
                    value = ast.Constant(constants[value.id])
                if isinstance(value, ast.Constant) and _CODE.match(str(value.value)):
                    found.add(value.value)
    return found


class TestErrorCodes:
    """The table of problem codes names exactly the codes the source can report, and the page shows each."""

    def test_every_code_is_documented(self) -> None:
        from orgstrategy._codes import CODES

        assert _codes_in_source() == set(CODES)

    def test_the_page_shows_every_code(self) -> None:
        from orgstrategy._codes import CODES

        page = "\n".join(error_codes.render())
        for name in CODES:
            assert f"   * - ``{name}``" in page
            assert f".. _code-{name}:" in page
