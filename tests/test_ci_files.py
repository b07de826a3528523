"""The CI integrations, run for real: `.pre-commit-hooks.yaml`, `action.yml`, their how-to.

GitHub cannot be reached from here, so `ActionRunner` plays the runner's part for the
composite action: it reads action.yml, evaluates each step's `if:` and fills in the
`${{ }}` expressions with a small evaluator that fails on anything it does not know,
and runs each `run:` script with bash the way the runner does (`bash --noprofile
--norc -eo pipefail`), with the env the step declares and files for
`$GITHUB_OUTPUT`, `$GITHUB_ENV` and `$GITHUB_PATH`. The one `uses:` step,
actions/setup-python, is played too: it reports this interpreter's path, and only
with `update-environment: false`, so that it cannot change the workflow's Python.

The slow tests install orgstrategy for real, as the action and pre-commit do, from a
git repository made of this working tree's package files: pip and pre-commit build it
and fetch its dependencies as they would for a user.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import MINIMAL, ROOT
from orgstrategy import lint
from orgstrategy._cli import main

HOW_TO = ROOT / "docs" / "how-to" / "validate-in-ci.md"

# A broken strategy: three validation errors, each at its own place.
BROKEN = 'orgstrategy: "1.0"\norganisation:\n  nam: Here\ngoals: 5\n'
BROKEN_ERRORS = [
    ("3", "3", "missing-key"),
    ("3", "3", "unknown-key"),
    ("4", "8", "type"),
]
# A valid strategy with lint findings: a repeated goal (a warning), two goals with no
# outcomes (infos).
REPEATED = MINIMAL + "goals:\n  - Improve outcomes\n  - Improve outcomes\n"
REPEATED_FINDINGS = [
    ("notice", "5", "5", "aim-without-outcome"),
    ("notice", "6", "5", "aim-without-outcome"),
    ("warning", "6", "5", "duplicate-statement"),
]
JSON_STRATEGY = '{"orgstrategy": "1.0", "organisation": {"name": "There"}}\n'
BROKEN_JSON = '{"orgstrategy": "1.0", "organisation": {}}\n'
# Files a repository has that are not strategies.
NOT_STRATEGIES = {
    ".github/workflows/ci.yml": "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
    "    steps:\n      - run: echo hi\n",
    "docker-compose.yml": "services:\n  web:\n    image: nginx\n",
    "settings.json": '{"editor.tabSize": 2}\n',
}


def _git(folder: Path, *args: str) -> str:
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=folder,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def _write(folder: Path, files: Mapping[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class Published:
    """A git repository holding what a user's `uses:` or `repo:` gets of orgstrategy."""

    path: Path
    revision: str


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    """Commit the working tree's package files (not its other changes) to a scratch repo."""
    if shutil.which("git") is None:  # pragma: no cover - git is everywhere CI runs
        pytest.skip("git is not installed")
    folder = tmp_path_factory.mktemp("published") / "orgstrategy"
    shutil.copytree(ROOT / "src", folder / "src", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "action.yml"):
        shutil.copy2(ROOT / name, folder / name)
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-qm", "orgstrategy")
    return Published(folder, _git(folder, "rev-parse", "HEAD"))


# The Action, played


@dataclass
class StepResult:
    """What a step did: its outcome (success, failure or skipped), outputs and log."""

    outcome: str
    outputs: dict[str, str] = field(default_factory=dict)
    log: str = ""
    returncode: int | None = None


@dataclass
class ActionRun:
    """What a run of the action did: each step's result by id, in order, and more."""

    steps: dict[str, StepResult]
    outputs: dict[str, str]
    github_env: str
    github_path: str

    @property
    def log(self) -> str:
        """Return the log of every step that ran, in order."""
        return "".join(step.log for step in self.steps.values())

    @property
    def failed(self) -> bool:
        """Return whether the action failed (a step of it did)."""
        return any(step.outcome == "failure" for step in self.steps.values())


_REFERENCE = re.compile(r"[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+")
_EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)
_COMPARISON = re.compile(r"(?P<left>[\w.-]+)\s*(?P<op>==|!=)\s*'(?P<right>[^']*)'")


def _text(value: Any) -> str:
    """Return a YAML value as the runner passes it: booleans as true/false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    assert isinstance(value, (str, int, float)), value
    return str(value)


def _read_outputs(text: str) -> dict[str, str]:
    """Parse a $GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` blocks."""
    outputs: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        name, equals, value = line.partition("=")
        if "<<" in name or not equals:
            name, _, delimiter = line.partition("<<")
            assert delimiter, f"not an output line: {line!r}"
            block = []
            for block_line in lines:
                if block_line == delimiter:
                    break
                block.append(block_line)
            else:
                raise AssertionError(f"no closing {delimiter!r} for output {name!r}")
            value = "\n".join(block)
        outputs[name] = value
    return outputs


class ActionRunner:
    """Run action.yml's steps the way GitHub's runner runs a composite action."""

    def __init__(self, action_path: Path, workspace: Path, temp: Path) -> None:
        self.action_path = action_path
        self.workspace = workspace
        self.temp = temp
        self.action = yaml.safe_load((action_path / "action.yml").read_text(encoding="utf-8"))
        assert self.action["runs"]["using"] == "composite"
        self.step_ids = [step["id"] for step in self.action["runs"]["steps"] if "id" in step]
        self.shims = temp / "shims"
        self.shims.mkdir(parents=True, exist_ok=True)
        for name in ("orgstrategy", "pip", "pip3"):
            shim = self.shims / name
            shim.write_text(
                f'#!/bin/sh\necho "the caller\'s {name} was run: $*" >&2\nexit 97\n',
                encoding="utf-8",
            )
            shim.chmod(0o755)

    def environment(self) -> dict[str, str]:
        """Return the environment a step starts from, with shims for the caller's tools.

        `orgstrategy` and `pip` on PATH stand for what the workflow installed in its
        own Python; running one of them fails the step, so the action must use its own.
        """
        environment = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("GITHUB_", "RUNNER_", "INPUT_", "COV_CORE_"))
            and name not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")
        }
        environment["PATH"] = f"{self.shims}{os.pathsep}{os.environ.get('PATH', '')}"
        environment.update(
            CI="true",
            GITHUB_ACTIONS="true",
            GITHUB_WORKSPACE=str(self.workspace),
            GITHUB_ACTION_PATH=str(self.action_path),
            RUNNER_TEMP=str(self.temp),
        )
        return environment

    def run(
        self,
        inputs: Mapping[str, str],
        *,
        env: Mapping[str, str] | None = None,
        replay: Mapping[str, StepResult] | None = None,
    ) -> ActionRun:
        """Run every step in order; *replay* gives results to reuse for steps by id."""
        declared = self.action["inputs"]
        unknown = set(inputs) - set(declared)
        assert not unknown, f"the action has no inputs {sorted(unknown)}"
        values = {name: _text(spec.get("default", "")) for name, spec in declared.items()}
        values.update(inputs)
        for name, spec in declared.items():
            assert not spec.get("required") or name in inputs, f"{name} is required"
        replay = dict(replay or {})
        assert set(replay) <= set(self.step_ids), replay
        base = {**self.environment(), **(env or {})}
        files = {}
        for name in ("GITHUB_ENV", "GITHUB_PATH"):
            handle, path = tempfile.mkstemp(prefix=name.lower(), dir=self.temp)
            os.close(handle)
            files[name] = Path(path)
            base[name] = path
        results: dict[str, StepResult] = {}
        for index, step in enumerate(self.action["runs"]["steps"]):
            key = step.get("id", f"__{index}")
            failed = any(result.outcome == "failure" for result in results.values())
            if key in replay:
                results[key] = replay.pop(key)
                continue
            context = _Context(self, values, results)
            if not context.condition(step.get("if", "success()"), failed=failed):
                results[key] = StepResult("skipped")
                continue
            if "uses" in step:
                results[key] = self._uses(step, context)
            else:
                results[key] = self._run(step, context, base, index)
        assert not replay, f"steps to replay that are not in the action: {sorted(replay)}"
        context = _Context(self, values, results)
        outputs = {
            name: context.substitute(_text(spec["value"]))
            for name, spec in self.action.get("outputs", {}).items()
        }
        return ActionRun(
            steps=results,
            outputs=outputs,
            github_env=files["GITHUB_ENV"].read_text(encoding="utf-8"),
            github_path=files["GITHUB_PATH"].read_text(encoding="utf-8"),
        )

    def _uses(self, step: Mapping[str, Any], context: _Context) -> StepResult:
        uses = step["uses"]
        assert re.fullmatch(r"actions/setup-python@v\d+", uses), f"cannot play {uses}"
        given = {name: context.substitute(_text(v)) for name, v in step["with"].items()}
        assert set(given) <= {"python-version", "update-environment"}, given
        assert given.get("update-environment") == "false", "it would change the caller's Python"
        assert given["python-version"], "setup-python needs a version"
        return StepResult("success", {"python-path": sys.executable})

    def _run(
        self, step: Mapping[str, Any], context: _Context, base: Mapping[str, str], index: int
    ) -> StepResult:
        assert step.get("shell") == "bash", step
        script = step["run"]
        # Inputs reach a script only through env: an expression in it could inject code.
        assert "${{" not in script, f"an expression in the script of {step.get('name')}"
        environment = dict(base)
        for name, value in step.get("env", {}).items():
            environment[name] = context.substitute(_text(value))
        script_file = self.temp / f"step-{index}.sh"
        script_file.write_text(script, encoding="utf-8")
        output_file = self.temp / f"output-{index}"
        output_file.write_text("", encoding="utf-8")
        environment["GITHUB_OUTPUT"] = str(output_file)
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script_file)],
            cwd=self.workspace,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
            timeout=600,
        )
        return StepResult(
            "success" if done.returncode == 0 else "failure",
            _read_outputs(output_file.read_text(encoding="utf-8")),
            done.stdout,
            done.returncode,
        )


class _Context:
    """The expressions action.yml may use, strictly: anything else fails the test."""

    def __init__(
        self, runner: ActionRunner, inputs: Mapping[str, str], steps: Mapping[str, StepResult]
    ) -> None:
        self.runner = runner
        self.inputs = inputs
        self.steps = steps

    def value(self, reference: str) -> str:
        """Return what *reference* (such as `inputs.paths`) stands for."""
        assert _REFERENCE.fullmatch(reference), f"not a plain reference: {reference!r}"
        match reference.split("."):
            case ["inputs", name]:
                assert name in self.inputs, f"no input {name!r}"
                return self.inputs[name]
            case ["github", "action_path"]:
                return str(self.runner.action_path)
            case ["github", "workspace"]:
                return str(self.runner.workspace)
            case ["runner", "temp"]:
                return str(self.runner.temp)
            case ["steps", step, "outcome"]:
                assert step in self.runner.step_ids, f"no step {step!r}"
                return self.steps[step].outcome if step in self.steps else ""
            case ["steps", step, "outputs", name]:
                assert step in self.runner.step_ids, f"no step {step!r}"
                return self.steps[step].outputs.get(name, "") if step in self.steps else ""
        raise AssertionError(f"an expression the test does not know: {reference!r}")

    def substitute(self, text: str) -> str:
        """Fill in every `${{ reference }}` of *text*."""
        return _EXPRESSION.sub(lambda m: self.value(m[1].strip()), text)

    def condition(self, text: str, *, failed: bool) -> bool:
        """Evaluate an `if:`: terms joined by &&, with success() implied as GitHub does."""
        text = text.strip()
        if whole := re.fullmatch(r"\$\{\{(.*)\}\}", text, re.DOTALL):
            text = whole[1].strip()
        assert "||" not in text, f"a condition the test does not know: {text!r}"
        results = []
        status = False
        for term in (part.strip() for part in text.split("&&")):
            if term in ("always()", "!cancelled()", "success()", "failure()", "cancelled()"):
                status = True
                results.append(
                    {"success()": not failed, "failure()": failed, "cancelled()": False}.get(
                        term, True
                    )
                )
            elif comparison := _COMPARISON.fullmatch(term):
                # GitHub compares strings ignoring case.
                equal = self.value(comparison["left"]).casefold() == comparison["right"].casefold()
                results.append(equal if comparison["op"] == "==" else not equal)
            else:
                raise AssertionError(f"a condition the test does not know: {term!r}")
        return all(results) and (status or not failed)


def _annotations(log: str) -> list[tuple[str, str, str, str, str]]:
    """Return the log's file annotations as (kind, file, line, column, title)."""
    return re.findall(
        r"^::(error|warning|notice) file=([^,]*),line=(\d+),col=(\d+),title=([^:]+)::",
        log,
        re.MULTILINE,
    )


# Fast: the steps' command lines, with stand-ins for Python, pip and orgstrategy


FAKE_ORGSTRATEGY = """\
import json, os, sys
arguments = sys.argv[1:]
with open(os.environ["FAKE_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(arguments) + "\\n")
if "--output" in arguments:
    if os.environ.get("FAKE_CANNOT_WRITE"):
        sys.exit(2)
    with open(arguments[arguments.index("--output") + 1], "w", encoding="utf-8") as out:
        out.write("{}")
sys.exit(int(os.environ.get("FAKE_EXIT", "0")))
"""


@pytest.fixture
def fake(tmp_path: Path) -> tuple[ActionRunner, dict[str, StepResult], Path]:
    """An action runner whose install step is replayed with a stand-in orgstrategy."""
    workspace = tmp_path / "work space"
    workspace.mkdir()
    # Files a shell glob would match, were one expanded.
    _write(workspace, {"a.yaml": MINIMAL, "b.yaml": MINIMAL})
    program = tmp_path / "fake-orgstrategy"
    program.write_text(f"#!{sys.executable}\n{FAKE_ORGSTRATEGY}", encoding="utf-8")
    program.chmod(0o755)
    runner = ActionRunner(ROOT, workspace, tmp_path / "runner temp")
    replay = {
        "python": StepResult("success", {"python-path": sys.executable}),
        "install": StepResult("success", {"orgstrategy": str(program)}),
    }
    return runner, replay, tmp_path / "calls.jsonl"


def _calls(log: Path) -> list[list[str]]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


class TestCheckStepArguments:
    """How the check step turns the inputs into orgstrategy's arguments."""

    @pytest.mark.parametrize(
        ("paths", "expected"),
        [
            ("a.yaml b.yaml", ["a.yaml", "b.yaml"]),
            ("  a.yaml\tb.yaml  ", ["a.yaml", "b.yaml"]),
            ("one folder/\n", ["one folder/"]),
            (
                "my strategies/a.yaml\n  other one.json \t\n\n strategies/\n",
                ["my strategies/a.yaml", "other one.json", "strategies/"],
            ),
            ("x.yaml\r\ny z.yaml\r\n", ["x.yaml", "y z.yaml"]),
            ("*.yaml", ["*.yaml"]),
            ("*.yaml\nb?yaml\n[ab].yaml\n", ["*.yaml", "b?yaml", "[ab].yaml"]),
            ("-a.yaml --help", ["-a.yaml", "--help"]),
            ("$HOME `id` $(id) ;id", ["$HOME", "`id`", "$(id)", ";id"]),
            ("$HOME x\n'quoted' \"too\"\n", ["$HOME x", "'quoted' \"too\""]),
        ],
    )
    def test_paths(self, fake, paths, expected):
        runner, replay, log = fake
        run = runner.run({"paths": paths}, env={"FAKE_LOG": str(log)}, replay=replay)
        assert not run.failed, run.log
        assert _calls(log) == [["lint", "--format", "github", "--", *expected]]

    @pytest.mark.parametrize(
        ("inputs", "expected"),
        [
            ({}, ["lint", "--format", "github"]),
            ({"lint": "false"}, ["validate", "--format", "github"]),
            ({"lint": "False", "fail-on": "error"}, ["validate", "--format", "github"]),
            ({"fail-on": "error"}, ["lint", "--fail-on", "error", "--format", "github"]),
            (
                {"only-strategies": "true"},
                ["lint", "--only-strategies", "--format", "github"],
            ),
            (
                {"lint": "false", "only-strategies": "TRUE"},
                ["validate", "--only-strategies", "--format", "github"],
            ),
        ],
    )
    def test_options(self, fake, inputs, expected):
        runner, replay, log = fake
        run = runner.run({"paths": "a.yaml", **inputs}, env={"FAKE_LOG": str(log)}, replay=replay)
        assert not run.failed, run.log
        assert _calls(log) == [[*expected, "--", "a.yaml"]]
        assert run.outputs == {"sarif-file": ""}

    @pytest.mark.parametrize("code", [0, 1, 2])
    def test_exit_code_is_the_check_s(self, fake, code):
        runner, replay, log = fake
        run = runner.run(
            {"paths": "a.yaml", "sarif": "out.sarif"},
            env={"FAKE_LOG": str(log), "FAKE_EXIT": str(code)},
            replay=replay,
        )
        assert run.steps["check"].returncode == code
        assert run.failed is (code != 0)
        assert _calls(log) == [
            ["lint", "--format", "github", "--", "a.yaml"],
            ["lint", "--format", "sarif", "--quiet", "--output", "out.sarif", "--", "a.yaml"],
        ]
        assert run.outputs == {"sarif-file": "out.sarif"}

    def test_sarif_that_cannot_be_written_fails_the_step(self, fake):
        runner, replay, log = fake
        (runner.workspace / "old.sarif").write_text("stale", encoding="utf-8")
        run = runner.run(
            {"paths": "a.yaml", "sarif": "old.sarif"},
            env={"FAKE_LOG": str(log), "FAKE_CANNOT_WRITE": "1"},
            replay=replay,
        )
        assert run.steps["check"].returncode == 2
        assert "::error title=orgstrategy::could not write the SARIF report to old.sarif" in run.log
        assert not (runner.workspace / "old.sarif").exists()  # not left to be uploaded
        assert run.outputs == {"sarif-file": ""}

    @pytest.mark.parametrize(
        ("inputs", "message"),
        [
            ({"paths": " \n \t\n"}, "the paths input names no file, folder or pattern"),
            ({"paths": ""}, "the paths input names no file, folder or pattern"),
            ({"paths": "a.yaml", "lint": "yes"}, "the lint input must be true or false, not 'yes'"),
            (
                {"paths": "a.yaml", "only-strategies": ""},
                "the only-strategies input must be true or false, not ''",
            ),
            ({"paths": "a.yaml", "sarif": "a\nb"}, "the sarif input must be one line"),
        ],
    )
    def test_bad_inputs(self, fake, inputs, message):
        runner, replay, log = fake
        run = runner.run(inputs, env={"FAKE_LOG": str(log)}, replay=replay)
        assert run.steps["check"].returncode == 2
        assert f"::error title=orgstrategy::{message}\n" in run.log
        if "sarif" not in inputs:
            assert _calls(log) == []

    def test_the_check_needs_the_install(self, fake):
        runner, replay, log = fake
        for outcome in ("failure", "skipped"):
            replay["install"] = StepResult(outcome)
            run = runner.run({"paths": "a.yaml"}, env={"FAKE_LOG": str(log)}, replay=dict(replay))
            assert run.steps["check"].outcome == "skipped"
            assert _calls(log) == []

    def test_setup_python_leaves_the_caller_s_python(self, fake):
        runner, replay, log = fake
        del replay["python"]
        run = runner.run({"paths": "a.yaml"}, env={"FAKE_LOG": str(log)}, replay=replay)
        assert run.steps["python"].outputs == {"python-path": sys.executable}
        run = runner.run(
            {"paths": "a.yaml", "python-version": ""}, env={"FAKE_LOG": str(log)}, replay=replay
        )
        assert run.steps["python"].outcome == "skipped"
        assert run.steps["check"].outcome == "success"
        changing = ActionRunner(ROOT, runner.workspace, runner.temp)
        del changing.action["runs"]["steps"][0]["with"]["update-environment"]
        with pytest.raises(AssertionError, match="change the caller's Python"):
            changing.run({"paths": "a.yaml"}, env={"FAKE_LOG": str(log)}, replay=replay)

    def test_scripts_take_inputs_through_env_only(self, fake):
        runner, replay, log = fake
        injected = ActionRunner(ROOT, runner.workspace, runner.temp)
        injected.action["runs"]["steps"][-1]["run"] += "echo ${{ inputs.paths }}\n"
        with pytest.raises(AssertionError, match="an expression in the script"):
            injected.run({"paths": "a.yaml"}, env={"FAKE_LOG": str(log)}, replay=replay)

    def test_the_evaluator_knows_only_what_it_is_told(self, fake):
        runner, _, _ = fake
        context = _Context(runner, {"lint": "true"}, {})
        assert context.condition("inputs.lint == 'TRUE'", failed=False)
        assert not context.condition("inputs.lint == 'true'", failed=True)
        assert context.condition("${{ !cancelled() && inputs.lint != 'x' }}", failed=True)
        for unknown in ("github.token", "secrets.X", "inputs.nope", "steps.nope.outcome"):
            with pytest.raises(AssertionError):
                context.substitute("${{ " + unknown + " }}")
        for unknown in ("contains(inputs.lint, 'x')", "inputs.lint || always()"):
            with pytest.raises(AssertionError):
                context.condition(unknown, failed=False)
        with pytest.raises(AssertionError, match="no inputs"):
            runner.run({"path": "a.yaml"})


FAKE_PYTHON = """\
import json, os, shutil, sys
arguments = sys.argv[1:]
with open(os.environ["FAKE_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps([sys.argv[0], *arguments]) + "\\n")
if arguments[:2] == ["-m", "venv"]:
    bin = os.path.join(arguments[-1], "bin")
    os.makedirs(bin)
    shutil.copy(sys.argv[0], os.path.join(bin, "python"))
elif "--version" in arguments:  # pip --python PYTHON --version: does pip take --python?
    sys.exit(0 if os.environ.get("FAKE_PIP_TAKES_PYTHON") else 2)
elif "install" in arguments:
    sys.exit(int(os.environ.get("FAKE_PIP_EXIT", "0")))
"""


class TestInstallStepArguments:
    """How the install step makes its venv and what it asks pip to install there."""

    @pytest.fixture
    def python(self, tmp_path: Path) -> Path:
        program = tmp_path / "setup python" / "python"
        program.parent.mkdir()
        program.write_text(f"#!{sys.executable}\n{FAKE_PYTHON}", encoding="utf-8")
        program.chmod(0o755)
        return program

    @pytest.mark.parametrize(
        ("inputs", "requirements"),
        [
            ({}, ["{action}"]),
            ({"package": "wheels/orgstrategy 1.whl"}, ["wheels/orgstrategy 1.whl"]),
            (
                {"extra-packages": " orgstrategy-nhs  other>=1\n third\n"},
                ["{action}", "orgstrategy-nhs", "other>=1", "third"],
            ),
            ({"package": "orgstrategy", "extra-packages": "*"}, ["orgstrategy", "*"]),
        ],
    )
    @pytest.mark.parametrize("takes_python", [True, False])
    def test_install(self, fake, python, inputs, requirements, takes_python):
        runner, _, log = fake
        venv = runner.temp / "orgstrategy-venv"
        run = runner.run(
            {"paths": "a.yaml", **inputs},
            env={"FAKE_LOG": str(log), "FAKE_PIP_TAKES_PYTHON": "1" if takes_python else ""},
            replay={"python": StepResult("success", {"python-path": str(python)})},
        )
        install = run.steps["install"]
        assert install.outcome == "success", install.log
        assert install.outputs == {"orgstrategy": f"{venv}/bin/orgstrategy"}
        wanted = [r.format(action=ROOT) for r in requirements]
        if takes_python:
            pip = [str(python), "-m", "pip", "--python", str(venv)]
            venv_options = ["--clear", "--without-pip"]
        else:
            pip = [f"{venv}/bin/python", "-m", "pip"]
            venv_options = ["--clear"]
        assert _calls(log) == [
            [str(python), "-m", "pip", "--python", str(python), "--version"],
            [str(python), "-m", "venv", *venv_options, str(venv)],
            [*pip, "install", "--disable-pip-version-check", *wanted],
        ]

    def test_failure(self, fake, python):
        runner, _, log = fake
        run = runner.run(
            {"paths": "a.yaml"},
            env={"FAKE_LOG": str(log), "FAKE_PIP_EXIT": "1"},
            replay={"python": StepResult("success", {"python-path": str(python)})},
        )
        assert run.steps["install"].returncode == 1
        assert run.steps["install"].outputs == {}
        assert run.steps["install"].log.endswith(
            "::endgroup::\n::error title=orgstrategy::could not install"
            f" {ROOT} (pip's output is in the group above)\n"
        )
        assert run.steps["check"].outcome == "skipped"


# Slow: the action as a user gets it, installed for real


WORKSPACE_FILES = {
    "my strategies/ours.yaml": BROKEN,
    "my strategies/repeated.yaml": REPEATED,
    "my strategies/here.yaml": MINIMAL,
    "plan.json": JSON_STRATEGY,
    **NOT_STRATEGIES,
}
ALL_PATHS = "my strategies/\nplan.json\n"


def _caller_packages(runner: ActionRunner) -> list[str]:
    """Return `pip list` of the workflow's `python3` and of the one setup-python gave."""
    environment = runner.environment()
    python = shutil.which("python3", path=environment["PATH"])
    assert python is not None
    return [
        subprocess.run(
            [executable, "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check"],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for executable in (python, sys.executable)
    ]


@dataclass(frozen=True)
class Installed:
    runner: ActionRunner
    run: ActionRun
    caller_before: list[str]
    caller_after: list[str]


@pytest.fixture(scope="module")
def installed(published: Published, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Run the whole action once, installing orgstrategy from its own copy, as by default."""
    base = tmp_path_factory.mktemp("action")
    workspace = base / "work space"
    workspace.mkdir()
    _write(workspace, WORKSPACE_FILES)
    runner = ActionRunner(published.path, workspace, base / "runner temp")
    before = _caller_packages(runner)
    run = runner.run({"paths": ALL_PATHS, "sarif": "orgstrategy.sarif"})
    return Installed(runner, run, before, _caller_packages(runner))


def _replay(installed: Installed) -> dict[str, StepResult]:
    return {key: installed.run.steps[key] for key in ("python", "install")}


@pytest.mark.slow
class TestAction:
    """The action installed and run as on GitHub, on paths with spaces."""

    def test_install(self, installed):
        run = installed.run
        install = run.steps["install"]
        assert install.outcome == "success", install.log
        venv = installed.runner.temp / "orgstrategy-venv"
        assert install.outputs == {"orgstrategy": f"{venv}/bin/orgstrategy"}
        # pip's output is in a group of its own.
        assert install.log.startswith(f"::group::Install orgstrategy into {venv}\n")
        group, end, after = install.log.partition("::endgroup::\n")
        assert end == "::endgroup::\n"
        assert "Successfully installed" in group
        assert after == ""
        # The workflow's Python, PATH and environment are as they were.
        assert installed.caller_after == installed.caller_before
        assert run.github_env == run.github_path == ""
        assert "was run" not in run.log  # no shim: not the caller's orgstrategy or pip

    def test_each_problem_once(self, installed):
        run = installed.run
        check = run.steps["check"]
        assert check.returncode == 1, check.log
        assert run.failed
        expected = [
            ("error", "my strategies/ours.yaml", line, column, code)
            for line, column, code in BROKEN_ERRORS
        ] + [
            (kind, "my strategies/repeated.yaml", line, column, code)
            for kind, line, column, code in REPEATED_FINDINGS
        ]
        assert sorted(_annotations(check.log)) == sorted(expected)
        for _, file, line, column, code in expected:
            plain = re.findall(
                rf"^{re.escape(file)}:{line}:{column}: \w+ {re.escape(code)}: ",
                check.log,
                re.MULTILINE,
            )
            assert len(plain) == 1, check.log
        assert check.log.count(" linted: ") == 1  # one summary line: the SARIF run is quiet

    def test_sarif(self, installed):
        run = installed.run
        assert run.outputs == {"sarif-file": "orgstrategy.sarif"}
        sarif = json.loads(
            (installed.runner.workspace / "orgstrategy.sarif").read_text(encoding="utf-8")
        )
        assert sarif["version"] == "2.1.0"
        results = sarif["runs"][0]["results"]
        found = sorted(
            (
                result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                result["ruleId"],
            )
            for result in results
        )
        assert found == sorted(
            [("my%20strategies/ours.yaml", code) for _, _, code in BROKEN_ERRORS]
            + [("my%20strategies/repeated.yaml", code) for *_, code in REPEATED_FINDINGS]
        )

    def test_validate_only(self, installed):
        run = installed.runner.run({"paths": ALL_PATHS, "lint": "false"}, replay=_replay(installed))
        check = run.steps["check"]
        assert check.returncode == 1, check.log
        assert sorted(_annotations(check.log)) == sorted(
            ("error", "my strategies/ours.yaml", line, column, code)
            for line, column, code in BROKEN_ERRORS
        )
        assert run.outputs == {"sarif-file": ""}

    def test_valid_documents_pass(self, installed):
        run = installed.runner.run(
            # One line, split at spaces: a pattern (orgstrategy's) for the path with one.
            {"paths": "plan.json my*/here.yaml", "sarif": "clean.sarif"},
            replay=_replay(installed),
        )
        assert not run.failed, run.log
        assert _annotations(run.log) == []
        assert "2 files linted: no problems" in run.log
        sarif = json.loads((installed.runner.workspace / "clean.sarif").read_text(encoding="utf-8"))
        assert sarif["runs"][0]["results"] == []

    def test_only_strategies(self, installed):
        """`.` holds other YAML and JSON: reported as invalid unless only-strategies."""
        replay = _replay(installed)
        every = installed.runner.run({"paths": ".", "lint": "false"}, replay=replay)
        assert every.steps["check"].returncode == 1
        named = {file for _, file, *_ in _annotations(every.log)}
        assert {"docker-compose.yml", "settings.json"} <= {Path(f).name for f in named}
        assert "missing required key 'orgstrategy'" in every.log
        only = installed.runner.run(
            {"paths": ".", "lint": "false", "only-strategies": "true"}, replay=replay
        )
        assert only.steps["check"].returncode == 1
        assert {Path(file).name for _, file, *_ in _annotations(only.log)} == {"ours.yaml"}
        assert "2 skipped (not strategies)" in only.log

    def test_failed_install_skips_the_check(self, installed, tmp_path):
        """A package that cannot be installed: the install fails, nothing is checked."""
        missing = tmp_path / "no such package"
        # A runner temp of its own: the install clears its venv before installing.
        runner = ActionRunner(
            installed.runner.action_path, installed.runner.workspace, tmp_path / "runner temp"
        )
        run = runner.run(
            {
                "paths": ALL_PATHS,
                "package": str(missing),
                "python-version": "",  # the runner's python3
                "sarif": "never.sarif",
            }
        )
        install = run.steps["install"]
        assert install.outcome == "failure"
        assert run.steps["python"].outcome == "skipped"
        assert run.steps["check"].outcome == "skipped"
        assert run.failed
        assert "::endgroup::\n::error title=orgstrategy::could not install" in install.log
        assert str(missing) in install.log
        assert _annotations(run.log) == []
        assert run.outputs == {"sarif-file": ""}
        assert not (runner.workspace / "never.sarif").exists()


# pre-commit


def _pre_commit() -> list[str] | None:
    """Return the command that runs pre-commit, or None where it is not installed."""
    try:
        import pre_commit  # noqa: F401
    except ImportError:  # pragma: no cover - the test extra has it
        executable = shutil.which("pre-commit")
        return None if executable is None else [executable]
    return [sys.executable, "-m", "pre_commit"]


def _documented_block(start: str) -> str:
    """Return the how-to's code block that starts with the line *start*."""
    page = HOW_TO.read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```", page, re.MULTILINE | re.DOTALL)
    found = [block for block in blocks if block.startswith(start + "\n")]
    assert len(found) == 1, f"the how-to has {len(found)} blocks starting {start!r}"
    return found[0]


def _documented_pre_commit_config(published: Published) -> str:
    """Return the how-to's .pre-commit-config.yaml, pointed at *published*."""
    config = _documented_block("# .pre-commit-config.yaml")
    assert "repo: https://github.com/OWNER/orgstrategy" in config
    assert "rev: <commit-sha>" in config
    return config.replace("https://github.com/OWNER/orgstrategy", str(published.path)).replace(
        "<commit-sha>", published.revision
    )


@dataclass(frozen=True)
class PreCommitRepo:
    """A scratch git repository to run pre-commit in."""

    path: Path
    command: list[str]
    environment: dict[str, str]

    def run(self, *args: str) -> tuple[int, str]:
        """Run `pre-commit run --all-files`; return its exit code and output."""
        done = subprocess.run(
            [*self.command, "run", "--all-files", "--color", "never", *args],
            cwd=self.path,
            env=self.environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
            timeout=600,
        )
        return done.returncode, done.stdout

    def commit(self, files: Mapping[str, str]) -> None:
        """Write *files* and stage them (pre-commit --all-files checks what git tracks)."""
        _write(self.path, files)
        _git(self.path, "add", "-A")


@pytest.fixture(scope="module")
def pre_commit(published: Published, tmp_path_factory: pytest.TempPathFactory) -> PreCommitRepo:
    """A repository with strategies and the files every repository has, set up as documented."""
    command = _pre_commit()
    if command is None:  # pragma: no cover - the test extra has pre-commit
        pytest.skip("pre-commit is not installed")
    base = tmp_path_factory.mktemp("pre-commit")
    repo = base / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PRE_COMMIT", "COV_CORE_", "GIT_")) and name != "VIRTUAL_ENV"
    }
    # A cache of its own: the hooks' environment is installed here, once for the module.
    environment.update(PRE_COMMIT_HOME=str(base / "cache"), GIT_CONFIG_NOSYSTEM="1")
    result = PreCommitRepo(repo, command, environment)
    result.commit(
        {
            ".pre-commit-config.yaml": _documented_pre_commit_config(published),
            "strategies/ours.yaml": MINIMAL,
            "strategies/plan.json": JSON_STRATEGY,
            **NOT_STRATEGIES,
        }
    )
    return result


@pytest.mark.slow
class TestPreCommit:
    """The documented .pre-commit-config.yaml in a repository with more than strategies."""

    def test_valid_strategies_pass(self, pre_commit):
        code, output = pre_commit.run()
        assert code == 0, output
        assert re.search(r"^orgstrategy lint\.+Passed$", output, re.MULTILINE), output

    def test_each_problem_once(self, pre_commit):
        pre_commit.commit({"strategies/ours.yaml": BROKEN, "strategies/plan.json": BROKEN_JSON})
        try:
            code, output = pre_commit.run()
            assert code == 1, output
            assert "- hook id: orgstrategy-lint" in output
            found = re.findall(r"^(\S[^:\n]*):(\d+):(\d+): error ([\w-]+): ", output, re.MULTILINE)
            assert sorted(found) == sorted(
                [("strategies/ours.yaml", *place) for place in BROKEN_ERRORS]
                + [("strategies/plan.json", "1", "40", "missing-key")]
            ), output
            # One process (require_serial): one summary; the other files were skipped.
            assert output.count(" linted: ") == 1, output
            # ci.yml, docker-compose.yml, settings.json, .pre-commit-config.yaml
            assert "4 skipped (not strategies)" in output, output
            for name in NOT_STRATEGIES:
                assert name not in output

            # The validate-only hook, for those who choose it instead, says the same.
            config = pre_commit.path / "validate-only.yaml"
            config.write_text(
                (pre_commit.path / ".pre-commit-config.yaml")
                .read_text(encoding="utf-8")
                .replace("id: orgstrategy-lint", "id: orgstrategy-validate"),
                encoding="utf-8",
            )
            _git(pre_commit.path, "add", "-A")
            code, output = pre_commit.run("--config", str(config))
            assert code == 1, output
            assert "- hook id: orgstrategy-validate" in output
            again = re.findall(r"^(\S[^:\n]*):(\d+):(\d+): error ([\w-]+): ", output, re.MULTILINE)
            assert sorted(again) == sorted(found), output
        finally:
            (pre_commit.path / "validate-only.yaml").unlink(missing_ok=True)
            pre_commit.commit(
                {"strategies/ours.yaml": MINIMAL, "strategies/plan.json": JSON_STRATEGY}
            )


# The files themselves, and the how-to


def test_hooks():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [(h["id"], h["entry"]) for h in hooks] == [
        ("orgstrategy-lint", "orgstrategy lint --only-strategies"),
        ("orgstrategy-validate", "orgstrategy validate --only-strategies"),
    ]
    for hook in hooks:
        assert hook["language"] == "python"
        assert hook["types_or"] == ["yaml", "json"]
        assert "types" not in hook  # types is ANDed with types_or: it would narrow it
        assert hook["require_serial"] is True
        assert hook.get("pass_filenames", True) is True
        assert "args" not in hook  # a config's args would replace --only-strategies
        assert "not both" in hook["description"]


def test_only_strategies_skips_what_is_not_a_strategy(tmp_path, capsys, monkeypatch):
    """What the hooks rely on: plain validate still fails on a file that is not one."""
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"ci.yml": NOT_STRATEGIES[".github/workflows/ci.yml"], "ours.yaml": MINIMAL})
    assert main(["validate", "ci.yml"]) == 1
    assert "missing required key 'orgstrategy'" in capsys.readouterr().out
    for command in ("validate", "lint"):
        assert main([command, "--only-strategies", "ci.yml", "ours.yaml"]) == 0
        out, err = capsys.readouterr()
        assert out == ""
        assert "1 skipped (not strategies)" in err


def test_how_to_lists_every_rule():
    page = HOW_TO.read_text(encoding="utf-8")
    for built_in in lint.rules():
        assert f"| `{built_in.name}` | {built_in.severity} |" in page
    for heading in ("## GitHub Actions", "## GitLab CI", "## pre-commit"):
        assert heading in page


def test_how_to_uses_the_action_as_it_is():
    """Every `uses:` of the action in the how-to pins a commit and gives real inputs."""
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    page = HOW_TO.read_text(encoding="utf-8")
    assert set(re.findall(r"OWNER/orgstrategy@(\S+)", page)) == {"<commit-sha>"}
    blocks = re.findall(r"^```yaml\n(.*?)^```", page, re.MULTILINE | re.DOTALL)
    steps = [
        step
        for block in blocks
        if "OWNER/orgstrategy@" in block
        for step in _steps_using(yaml.safe_load(block), "OWNER/orgstrategy@<commit-sha>")
    ]
    assert len(steps) == page.count("uses: OWNER/orgstrategy@") >= 2
    for step in steps:
        assert set(step["with"]) <= set(action["inputs"]), step
        assert "paths" in step["with"]


def _steps_using(data: Any, uses: str) -> list[dict[str, Any]]:
    if isinstance(data, dict):
        if data.get("uses") == uses:
            return [data]
        return [s for value in data.values() for s in _steps_using(value, uses)]
    if isinstance(data, list):
        return [s for value in data for s in _steps_using(value, uses)]
    return []


def test_how_to_hooks_are_real():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = yaml.safe_load(_documented_block("# .pre-commit-config.yaml"))
    (repo,) = config["repos"]
    assert [hook["id"] for hook in repo["hooks"]] == ["orgstrategy-lint"]
    assert {hook["id"] for hook in repo["hooks"]} <= {hook["id"] for hook in hooks}


def test_no_version_that_does_not_exist():
    """Docs, README, examples and the CI files name only versions that are git tags."""
    tags: set[str] = set()
    if shutil.which("git") and (ROOT / ".git").exists():
        tags = set(_git(ROOT, "tag", "--list").split())
    pattern = re.compile(
        r"orgstrategy@(?!<commit-sha>)(\S+)|^\s*rev:\s*(?!<commit-sha>)(\S+)", re.MULTILINE
    )
    files = [ROOT / "README.md", ROOT / "action.yml", ROOT / ".pre-commit-hooks.yaml"]
    for folder in ("docs", "examples"):
        files += [
            path
            for path in (ROOT / folder).rglob("*")
            if path.suffix in (".md", ".rst", ".yml", ".yaml", ".toml")
            and "_build" not in path.parts
        ]
    named = {
        (path.relative_to(ROOT).as_posix(), ref or rev)
        for path in files
        for ref, rev in pattern.findall(path.read_text(encoding="utf-8"))
    }
    assert {(file, version) for file, version in named if version not in tags} == set()
