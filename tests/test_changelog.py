"""The diff as an officer's changelog (issue 19): content matching, one count, groups,
results by period, the organisation's words, --stat, and warnings as validate prints them."""

from __future__ import annotations

import json

import pytest

import orgstrategy
from orgstrategy import Goal, Objective, Value, _changelog
from orgstrategy._cli import main
from orgstrategy._diff import SIMILARITY, Change, diff, similarity

HEAD = 'orgstrategy: "1.1"\norganisation: {name: Scottish Government}\n'


def load(text: str) -> orgstrategy.Strategy:
    return orgstrategy.loads(HEAD + text)


def ops(found: orgstrategy.Diff) -> list[tuple[str, str]]:
    return [(change.op, change.path) for change in found.changes]


class TestContentMatching:
    """Leftover elements are paired by name, description and children together."""

    def test_a_renamed_value_with_the_same_description_is_one_change(self):
        old = load("values: [{name: Openness and transparency, description: We publish.}]\n")
        new = load("values: [{name: Open and transparent, description: We publish.}]\n")
        found = diff(old, new)
        # the names alone share one word in three (1/3): the description makes it 2/3
        assert ops(found) == [("changed", "/values/openness-and-transparency/name")]
        assert _changelog.text(found) == (
            "Value *Openness and transparency* renamed to *Open and transparent*\n"
        )
        assert found.apply(old) == new

    @pytest.mark.parametrize(
        ("old_name", "new_name", "score", "matched"),
        [
            # names 2 * 1 / 10 and the same description: (0.2 + 1) / 2, at the threshold
            ("a b c d e", "a x y z w", 0.6, True),
            # names 2 * 1 / 12: (1/6 + 1) / 2, just below
            ("a b c d e f", "a x y z w v", 7 / 12, False),
        ],
    )
    def test_the_threshold(self, old_name, new_name, score, matched):
        before = Value(name=old_name, description="Same words here")
        after = Value(name=new_name, description="Same words here")
        assert similarity(before, after) == pytest.approx(score)
        assert (similarity(before, after) >= SIMILARITY) is matched
        old = load(f"values: [{{name: {old_name}, description: Same words here}}]\n")
        new = load(f"values: [{{name: {new_name}, description: Same words here}}]\n")
        expected = ["changed"] if matched else ["removed", "added"]
        assert [change.op for change in diff(old, new).changes] == expected

    def test_children_count(self):
        objectives = [Objective(name=name) for name in ("Exports", "Wages", "Jobs")]
        before = Goal(name="Economy", description="A strong economy", objectives=tuple(objectives))
        after = Goal(
            name="Prosperity", description="A strong economy", objectives=tuple(objectives)
        )
        # names 0, descriptions 1, children 1
        assert similarity(before, after) == pytest.approx(2 / 3)
        alone = Goal(name="Prosperity", description="A strong economy")
        assert similarity(before, alone) == pytest.approx(1 / 3)  # no children in common
        assert similarity(Goal(name="A"), Goal(name="B")) == 0.0

    def test_an_explicit_id_that_changed_is_one_change_with_the_name(self):
        old = load("goals: [{id: g1, name: Health, description: We are healthy and active.}]\n")
        new = load(
            "goals: [{id: healthy, name: Health and wellbeing,"
            " description: We are healthy and active.}]\n"
        )
        found = diff(old, new)
        (change,) = found.changes
        assert (change.op, change.path, change.old, change.new) == (
            "changed",
            "/goals/g1/name",
            "Health",
            "Health and wellbeing",
        )
        assert change.parts == (Change(op="changed", path="/goals/g1/id", old="g1", new="healthy"),)
        assert _changelog.text(found) == "Goal *Health* renamed to *Health and wellbeing*\n"
        assert found.apply(old) == new
        assert orgstrategy.to_data(found.apply(old)) == orgstrategy.to_data(new)

    def test_changes_inside_a_renamed_element_are_at_its_new_id(self):
        # names 0.5, descriptions 8/9, children 4/5: 0.73
        old = load("goals: [{name: Care, description: We care for people, objectives: [A, B]}]\n")
        new = load(
            "goals: [{name: Care for all, description: We care for all people,"
            " objectives: [A, B, C]}]\n"
        )
        found = diff(old, new)
        assert ops(found) == [
            ("changed", "/goals/care/name"),
            ("changed", "/goals/care-for-all/description"),
            ("added", "/goals/care-for-all/objectives/c"),
        ]
        assert found.apply(old) == new
        patched = orgstrategy.from_data(
            __import__("jsonpatch").apply_patch(orgstrategy.to_data(old), found.to_json_patch())
        )
        assert patched == new


class TestOneCount:
    """JSON and text describe the same changes; a derived id is never a change of its own."""

    def test_a_renamed_value_is_one_change_in_every_format(self, tmp_path, capsys):
        old, new = tmp_path / "a.yaml", tmp_path / "b.yaml"
        old.write_text(HEAD + "values: [Value for money, Kind]\n", encoding="utf-8")
        new.write_text(HEAD + "values: [Best value for money, Kind]\n", encoding="utf-8")
        assert main(["diff", "--format", "json", str(old), str(new)]) == 1
        (change,) = json.loads(capsys.readouterr().out)["changes"]
        assert change["path"] == "/values/value-for-money/name"
        assert change["group"] is None
        assert change["parts"] == [
            {
                "op": "changed",
                "path": "/values/value-for-money/id",
                "old": "value-for-money",
                "new": "best-value-for-money",
                "from_index": None,
                "to_index": None,
                "parts": [],
            }
        ]
        assert main(["diff", str(old), str(new)]) == 1
        assert capsys.readouterr().out == (
            "Value *Value for money* renamed to *Best value for money*\n"
        )


ROLLED = """\
labels: {{goals: National Outcomes, objectives: Milestones}}
goals:
  - name: Economy
    objectives:
{objectives}
"""


def rolled(due: str, count: int) -> orgstrategy.Strategy:
    lines = "".join(f"      - {{name: Milestone {n}, due: {due}}}\n" for n in range(1, count + 1))
    return load(ROLLED.format(objectives=lines))


class TestGroups:
    """The same change on several elements is one line; the JSON keeps every change."""

    def test_rolled_forward_due_dates_are_one_line(self):
        found = diff(rolled("2023-03-31", 3), rolled("2024-03-31", 3))
        assert len(found.changes) == 3
        assert _changelog.groups(found.changes) == [0, 0, 0]
        assert _changelog.text(found) == (
            "Due date changed from 31 March 2023 to 31 March 2024 on 3 milestones:"
            " *Milestone 1*, *Milestone 2*, *Milestone 3*\n"
        )
        assert (
            "- Due date changed from ~~31 March 2023~~ to **31 March 2024** on 3 milestones:"
            " *Milestone 1*, *Milestone 2*, *Milestone 3*\n"
        ) in _changelog.markdown(found)

    @pytest.mark.parametrize(("count", "more"), [(10, ""), (11, " and 1 more")])
    def test_names_are_listed_up_to_ten(self, count, more):
        found = diff(rolled("2023-03-31", count), rolled("2024-03-31", count))
        (line,) = _changelog.text(found).splitlines()
        assert line.endswith("*Milestone 10*" + more)

    def test_a_change_alone_is_not_grouped(self):
        old = load(
            "goals: [{name: A, objectives: [{name: X, due: 2023-03-31}, {name: Y, due: 2023-03-31}]}]"
        )
        new = load(
            "goals: [{name: A, objectives: [{name: X, due: 2024-03-31}, {name: Y, due: 2025-03-31}]}]"
        )
        found = diff(old, new)
        assert _changelog.groups(found.changes) == [None, None]
        assert _changelog.text(found).splitlines() == [
            "Goal *A* > Objective *X*: due date changed from 31 March 2023 to 31 March 2024",
            "Goal *A* > Objective *Y*: due date changed from 31 March 2023 to 31 March 2025",
        ]


class TestResults:
    """Results are matched by period and read as an officer writes them."""

    MEASURE = "goals: [{{name: A, measures: [{{name: Referrals, results: [{results}]}}]}}]\n"

    def versions(self, old: str, new: str) -> orgstrategy.Diff:
        return diff(load(self.MEASURE.format(results=old)), load(self.MEASURE.format(results=new)))

    def test_a_result_added_for_a_year(self):
        found = self.versions(
            "{period: 2022/23, actual: 14000}",
            "{period: 2022/23, actual: 14000}, {period: 2023/24, actual: 15765, target: 14000}",
        )
        assert _changelog.text(found) == (
            "Goal *A* > Measure *Referrals*: result added, 2023/24: 15,765 (target 14,000)\n"
        )

    def test_a_period_and_a_name_with_the_separator_in_them(self):
        found = diff(
            load('goals: [{name: "A > B", measures: [{name: M, results: []}]}]\n'),
            load(
                'goals: [{name: "A > B", measures: [{name: M, results: [{period: "Q1 > Q2", actual: 5}]}]}]\n'
            ),
        )
        assert _changelog.text(found) == "Goal *A > B* > Measure *M*: result added, Q1 > Q2: 5\n"

    def test_results_in_a_new_order_are_matched_by_period(self):
        found = self.versions(
            "{period: 2022/23, actual: 1}, {period: 2023/24, actual: 2}",
            "{period: 2021/22, actual: 0}, {period: 2022/23, actual: 1}, "
            "{period: 2023/24, actual: 3}",
        )
        assert [(c.op, c.path) for c in found.changes] == [
            ("added", "/goals/a/measures/referrals/results/0"),
            ("changed", "/goals/a/measures/referrals/results/2/actual"),
        ]
        assert _changelog.text(found).splitlines() == [
            "Goal *A* > Measure *Referrals*: result added, 2021/22: 0",
            "Goal *A* > Measure *Referrals* > result 2023/24: actual changed from 2 to 3",
        ]
        assert found.apply(found.old) == found.new

    def test_a_period_twice_is_compared_by_position(self):
        found = self.versions(
            "{period: Q1, actual: 1}, {period: Q1, actual: 2}", "{period: Q1, actual: 2}"
        )
        assert [c.op for c in found.changes] == ["changed", "removed"]
        assert found.apply(found.old) == found.new

    def test_results_by_time(self):
        assert _changelog.result_words({"start": 2023, "end": 2024, "actual": 3}) == (
            "2023 to 2024: 3"
        )
        assert _changelog.result_words({"description": "Not reported"}) == "Not reported"


class TestTheOrganisationsWords:
    def test_a_label_names_each_item(self):
        old = load("labels: {goals: National Outcomes}\ngoals: [Economy, Health]\n")
        new = load("labels: {goals: National Outcomes}\ngoals: [Health]\n")
        assert _changelog.text(diff(old, new)) == "National outcome *Economy* removed\n"

    @pytest.mark.parametrize(
        ("label", "one"),
        [
            ("National Outcomes", "National outcome"),
            ("Areas of focus", "Area of focus"),
            ("Priorities for 2025", "Priority for 2025"),
            ("NHS priorities", "NHS priority"),
            ("Businesses", "Business"),
            ("Our focus", "Our focus"),
            ("KPIS", "KPIS"),
            ("Ambitions", "Ambition"),
        ],
    )
    def test_singular(self, label, one):
        assert _changelog.singular(label) == one

    def test_a_long_statement_that_changed_a_lot_is_shown_whole_in_markdown(self):
        old = load("vision: Everyone is proud of the care we give every day\n")
        new = load("vision: A healthier Scotland for all of us\n")
        markdown = _changelog.markdown(diff(old, new))
        assert (
            "- Vision changed from ~~Everyone is proud of the care we give every day~~"
            " to **A healthier Scotland for all of us**\n"
        ) in markdown

    def test_a_long_statement_with_a_word_changed_is_shown_word_by_word_in_markdown(self):
        old = load("vision: Everyone is proud of the care we give every day\n")
        new = load("vision: Everyone is proud of the care we give every single day\n")
        assert (
            "- Vision changed: Everyone is proud of the care we give every **single** day\n"
        ) in _changelog.markdown(diff(old, new))


class TestStat:
    def test_one_line_a_section(self, tmp_path, capsys):
        old, new = tmp_path / "a.yaml", tmp_path / "b.yaml"
        old.write_text(HEAD + "values: [Kind, Fair]\ngoals: [A, B]\n", encoding="utf-8")
        new.write_text(
            HEAD + "values: [Fair, Kind, Brave]\ngoals: [{name: A, description: D}]\n",
            encoding="utf-8",
        )
        assert main(["diff", "--stat", str(old), str(new)]) == 1
        assert capsys.readouterr().out == (
            " goals  | 1 added, 1 removed\n values | 1 added, 1 moved\n 4 changes in 2 sections\n"
        )

    def test_no_changes(self, tmp_path, capsys):
        old = tmp_path / "a.yaml"
        old.write_text(HEAD, encoding="utf-8")
        assert main(["diff", "--stat", str(old), str(old)]) == 0
        assert capsys.readouterr().out == "no changes\n"


def test_warnings_print_as_validate_prints_them(tmp_path, capsys):
    old, new = tmp_path / "a.yaml", tmp_path / "b.yaml"
    old.write_text(HEAD + "extensions: {x: 1}\nvalues: [Kind]\n", encoding="utf-8")
    new.write_text(HEAD + "extensions: {x: 1}\nvalues: [Kind, Fair]\n", encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"{path}:3:14: warning unknown-extension: extensions.x: no installed plugin claims"
        " the namespace 'x' on the strategy"
        for path in (old, new)
    ]
