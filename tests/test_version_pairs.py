"""Real version pairs (examples/versions/*/): the changelog an officer would write.

Each folder holds two real publications of one organisation's strategy, a
README.md that lists what changed as the sources say it, and the changelog
orgstrategy writes: changelog.txt (text) and CHANGELOG.md (Markdown), which the
tests pin. Regenerate them, after a change that is meant, with::

    cd examples/versions && for d in */; do set -- "$d"*.yaml; \\
      orgstrategy diff "$1" "$2" > "$d"changelog.txt; \\
      orgstrategy diff --format markdown "$1" "$2" > "$d"CHANGELOG.md; done
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import orgstrategy
from conftest import EXAMPLES
from orgstrategy._changelog import groups
from orgstrategy._cli import main

PAIRS = sorted(path for path in (EXAMPLES / "versions").iterdir() if path.is_dir())


def pair(folder: Path) -> list[str]:
    old, new = sorted(folder.glob("*.yaml"))
    return [str(old), str(new)]


@pytest.mark.parametrize("folder", PAIRS, ids=lambda path: path.name)
class TestEveryPair:
    def test_text_and_markdown_are_as_pinned(self, folder, capsys):
        assert main(["diff", *pair(folder)]) == 1
        assert capsys.readouterr().out == (folder / "changelog.txt").read_text(encoding="utf-8")
        assert main(["diff", "--format", "markdown", *pair(folder)]) == 1
        assert capsys.readouterr().out == (folder / "CHANGELOG.md").read_text(encoding="utf-8")

    def test_json_and_text_agree_in_count(self, folder, capsys):
        assert main(["diff", "--format", "json", *pair(folder)]) == 1
        changes = json.loads(capsys.readouterr().out)["changes"]
        lines = (folder / "changelog.txt").read_text(encoding="utf-8").splitlines()
        alone = [change for change in changes if change["group"] is None]
        grouped = {change["group"] for change in changes if change["group"] is not None}
        assert len(alone) + len(grouped) == len(lines)

    def test_the_diff_applies(self, folder):
        old, new = (orgstrategy.load(path) for path in pair(folder))
        found = orgstrategy.diff(old, new)
        assert found.apply(old) == new
        assert groups(found.changes)  # every pair has changes


def lines(name: str) -> list[str]:
    return (EXAMPLES / "versions" / name / "changelog.txt").read_text(encoding="utf-8").splitlines()


def markdown(name: str) -> list[str]:
    return (EXAMPLES / "versions" / name / "CHANGELOG.md").read_text(encoding="utf-8").splitlines()


def test_two_national_outcomes_merged_is_one_line():
    # "This Outcome brings together the former Economy and Fair Work and Business Outcomes"
    merged = (
        "National Outcomes *Economy* and *Fair Work and Business* merged into"
        " *Wellbeing Economy and Fair Work*"
    )
    assert merged in lines("scotland-npf")
    assert f"- {merged}" in markdown("scotland-npf")
    assert "National outcome *Education* renamed to *Education and Learning*" in lines(
        "scotland-npf"
    )
    assert "## National Outcomes" in markdown("scotland-npf")


def test_due_dates_rolled_forward_are_one_line_each_kind():
    found = lines("notts-fire")
    assert (
        "Due date changed from 31 March 2023 to 31 March 2024 on 4 measures: *Safe and Well"
        " Visits*, *Fire safety audits*, *Business safety checks*, *Average response time to"
        " incidents*"
    ) in found
    assert sum(line.startswith("Due date changed") for line in found) == 2
    assert not any(line.endswith("due date changed") for line in found)


def test_results_for_a_year_read_as_an_officer_writes_them():
    found = lines("notts-fire")
    assert (
        "Strategic goal *We will help people stay safe from fires and other emergencies* >"
        " Measure *Safe and Well Visits*: result added, 2023/24: 15,765 (target 14,000)"
    ) in found
    assert (
        "Strategic goal *We will improve fire safety in the buildings people live and work in*"
        " > Measure *Business safety checks*: result added, 2023/24: 1,039 (target 1,000)"
    ) in found


def test_a_renamed_value_is_one_line():
    assert "Our value *Caring* renamed to *We are Caring*" in lines("gloucestershire-hospitals")


def test_a_restructure_that_is_no_split_is_not_called_one():
    # Public Health Wales's 2018-30 priority on infection and environmental threats
    # became part of two 2023-35 priorities that share few of its words: removed, added
    found = lines("public-health-wales")
    assert not any("split into" in line for line in found)
    assert (
        "Our priority *Protecting the public from infection and environmental threats to"
        " health* removed"
    ) in found


def test_a_value_renamed_with_its_statement_kept_close_is_one_line():
    # Leeds City Council: "working with communities - I'm proud to make a difference"
    # became "working with all communities - I make a difference"
    found = lines("leeds-values")
    assert "Our value *Working with communities* renamed to *Working with all communities*" in found
    assert not any("Working with communities* removed" in line for line in found)
