"""The example plugin package, examples/plugins/orgstrategy-nhs, installed and used end to end.

It is installed with pip into a folder of its own (not into the test environment,
so the other tests run with the core alone) and the command line runs with that
folder on its path, the way an installed plugin is found: by its entry points.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES

PACKAGE = EXAMPLES / "plugins" / "orgstrategy-nhs"

DOCUMENT = """\
orgstrategy: "1.0"
organisation:
  name: Example NHS Foundation Trust
  extensions:
    nhs:
      ods_code: X1A
      cqc: {rating: Excellent, inspected: 2019-05-14}
status: published
goals:
  - name: Shorter waits
    measures:
      - name: Seen within 18 weeks
        target: 92%
        extensions: {rag: amber}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(PACKAGE),
        ],
        check=True,
        capture_output=True,
    )
    return target


def orgstrategy(site: Path, *args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "ORGSTRATEGY_NO_PLUGINS"}
    env["PYTHONPATH"] = os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-m", "orgstrategy", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "strategy.yaml"
    path.write_text(DOCUMENT)
    return path


def test_plugins_lists_it(site):
    listed = orgstrategy(site, "plugins")
    assert listed.returncode == 0, listed.stderr
    assert (
        "nhs  (orgstrategy-nhs 1.0.0)\n    ODS code and CQC rating of an NHS organisation\n    adds extensions.nhs on: organisation\n    lint rules: cqc-rating-old\n"
        in listed.stdout
    )
    assert "rag  (orgstrategy-nhs 1.0.0)\n" in listed.stdout
    assert "    formats: rag-report\n" in listed.stdout


def test_a_wrong_value_fails_at_its_line(site, document):
    checked = orgstrategy(site, "validate", str(document))
    assert checked.returncode == 1
    assert checked.stdout == (
        f"{document}:7:21: error extension: organisation.extensions.nhs.cqc.rating: "
        "'Excellent' is not one of "
        "['Outstanding', 'Good', 'Requires improvement', 'Inadequate'] (plugin 'nhs')\n"
    )


def test_without_the_plugin_it_is_a_warning(site, document):
    for checked in (
        orgstrategy(site, "--no-plugins", "validate", str(document)),
        orgstrategy(site, "validate", str(document), ORGSTRATEGY_NO_PLUGINS="1"),
    ):
        assert checked.returncode == 0, checked.stdout
        assert (
            f"{document}:5:5: warning unknown-extension: organisation.extensions.nhs: no installed plugin claims the namespace 'nhs' on the organisation"
            in checked.stdout
        )
    assert orgstrategy(site, "--no-plugins", "validate", "--strict", str(document)).returncode == 1


def test_schema_includes_it(site):
    printed = json.loads(orgstrategy(site, "schema").stdout)
    assert printed["$defs"]["plugin-nhs"]["properties"]["ods_code"]["pattern"] == "^[A-Z0-9]{3,6}$"
    measure = printed["$defs"]["measure"]["properties"]["extensions"]["properties"]
    assert measure["rag"] == {
        "title": "RAG status",
        "description": "red, amber or green status of a measure",
        "$ref": "urn:orgstrategy:plugin:rag",
    }


def test_its_format(site, document):
    document.write_text(DOCUMENT.replace("Excellent", "Good"))
    converted = orgstrategy(site, "convert", str(document), "--to", "rag-report")
    assert converted.returncode == 0, converted.stderr
    assert (
        converted.stdout
        == "| Aim | Measure | Target | RAG |\n|---|---|---|---|\n| Shorter waits | Seen within 18 weeks | 92% | amber |\n"
    )


def test_its_model_round_trips(site, document):
    document.write_text(DOCUMENT.replace("Excellent", "Good"))
    converted = orgstrategy(site, "convert", str(document), "--to", "json")
    assert json.loads(converted.stdout)["organisation"]["extensions"] == {
        "nhs": {"ods_code": "X1A", "cqc": {"rating": "Good", "inspected": "2019-05-14"}}
    }


def test_its_lint_rule(site, document):
    document.write_text(DOCUMENT.replace("Excellent", "Good"))
    linted = orgstrategy(site, "lint", str(document), "--select", "cqc-rating-old")
    assert linted.returncode == 1
    assert linted.stdout == (
        f"{document}:7:38: warning cqc-rating-old: organisation.extensions.nhs.cqc.inspected: "
        "the CQC inspection of 2019-05-14 is more than 3 years old: check for a newer rating\n"
    )
    explained = orgstrategy(site, "rules", "cqc-rating-old")
    assert explained.returncode == 0
    assert "The CQC rating comes from an inspection more than three years old." in explained.stdout
