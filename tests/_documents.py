"""Documents and helpers that the lint tests share (the library, the CLI, the report formats).

``test_lint`` imports these names too, so ``from test_lint import ACCEPTANCE, TODAY``
keeps working for the files that read them from there.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

import orgstrategy
from conftest import MINIMAL
from orgstrategy import lint
from orgstrategy._cli import main

__all__ = ["ACCEPTANCE", "ACCEPTANCE_LINES", "TODAY", "rule", "run", "write_acceptance"]

#: The day the date rules are run on, so that their findings do not change with the calendar.
TODAY = datetime.date(2025, 6, 1)

# The document of the issue: a repeated aim, a purpose of three sentences, a measure
# with no target.
ACCEPTANCE = """\
orgstrategy: "1.0"
organisation:
  name: Here
status: published
sources:
  - title: Our page
purpose: We exist to care. We care for everyone in our area. We do it with kindness.
goals:
  - name: Improve outcomes in population health
    measures:
      - name: Waiting times
        baseline: 12
  - Improve outcomes in population health
"""
#: What linting ACCEPTANCE finds, each line as ``str(Problem)`` gives it after the file name.
ACCEPTANCE_LINES = [
    "7:10: warning long-statement: purpose.text: the purpose is 3 sentences: a purpose is one"
    " short sentence; move the rest to points, meanings or goals",
    "11:15: warning measure-without-target: goals[0].measures[0].name: measure"
    ' "Waiting times" has no target: say what it should reach (target) and by when (due)',
    "13:5: info aim-without-outcome: goals[1].name: goal"
    ' "Improve outcomes in population health" has no outcomes, objectives or measures:'
    " say how anyone will know it is achieved",
    "13:5: warning duplicate-statement: goals[1].name:"
    ' "Improve outcomes in population health" repeats goals[0].name',
]


def run(capsys: pytest.CaptureFixture[str], *args: Any) -> tuple[int, str, str]:
    """Run the command line with *args*; return its exit code, stdout and stderr."""
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def rule(name: str = "no-title", **changes: Any) -> lint.Rule:
    """Return a lint rule that asks for a title, with *changes* to its fields."""

    def no_title(strategy: orgstrategy.Strategy, options: Any) -> list[lint.Finding]:
        return [] if strategy.title else [lint.Finding(path=["title"], message="add a title")]

    fields: dict[str, Any] = {
        "name": name,
        "severity": "info",
        "summary": "The strategy has no title.",
        "explanation": "A title says which strategy it is.",
        "good": MINIMAL + "title: Ours\n",
        "bad": MINIMAL,
        "check": no_title,
        **changes,
    }
    return lint.Rule(**fields)


def write_acceptance(folder: Path) -> Path:
    """Write ACCEPTANCE to ``ours.yaml`` in *folder*; return its path."""
    path = folder / "ours.yaml"
    path.write_text(ACCEPTANCE, encoding="utf-8")
    return path
