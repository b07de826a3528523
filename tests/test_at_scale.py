"""Validating many strategies: the Dask how-to's script finds what validate finds."""

from __future__ import annotations

import json
import runpy
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, EXAMPLES_CHECKED, MINIMAL, ROOT
from orgstrategy._cli import main

dask = pytest.importorskip("dask")

SCRIPT = ROOT / "docs" / "how-to" / "validate_with_dask.py"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "bad.yaml").write_text(MINIMAL + "visoin: x\ntitle: 5\n")
    return tmp_path


@pytest.mark.parametrize("scheduler", ["synchronous", "threads", "processes"])
def test_the_same_problems_as_validate(capsys, folder, scheduler):
    script = runpy.run_path(str(SCRIPT))
    code = script["main"]([str(folder), scheduler])
    found = capsys.readouterr()
    assert code == 1
    assert found.err == "7 files checked: 6 valid\n"
    assert main(["validate", "--format", "json", str(folder)]) == 1
    report = json.loads(capsys.readouterr().out)
    expected = [problem for file in report["files"] for problem in file["problems"]]
    assert [json.loads(line) for line in found.out.splitlines()] == expected
    assert len(expected) == 2


def test_a_hostile_key_stays_data(capsys, tmp_path):
    (tmp_path / "bad.yaml").write_text(MINIMAL + '"\\e[2J\\u202e::error::x": 1\n')
    script = runpy.run_path(str(SCRIPT))
    assert script["main"]([str(tmp_path), "synchronous"]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert json.loads(out)["path"] == "\x1b[2J\u202e::error::x"


def test_all_valid(capsys):
    script = runpy.run_path(str(SCRIPT))
    assert script["main"]([str(EXAMPLES), "synchronous"]) == 0
    assert capsys.readouterr().err == EXAMPLES_CHECKED
