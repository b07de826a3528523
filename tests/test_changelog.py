"""The diff as an officer's changelog (issue 19): content matching, one count, groups,
results by period, the organisation's words, --stat, and warnings as validate prints them."""

from __future__ import annotations

import json

import attrs
import jsonpatch
import pytest
from hypothesis import given
from hypothesis import strategies as st

import orgstrategy
from orgstrategy import Goal, Objective, Value, _changelog
from orgstrategy._cli import main
from orgstrategy._diff import SIMILARITY, Change, diff, primitive, similarity

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


MERGE_OLD = """labels: {goals: National outcomes}
goals:
  - name: Economy
    objectives: [Productivity, Business growth]
  - name: Fair work and business
    objectives: [Living wage, Employee voice]
  - name: Health
    objectives: [Healthy life expectancy]
"""
MERGE_NEW = """labels: {goals: National outcomes}
goals:
  - name: Health
    objectives: [Healthy life expectancy]
  - name: Wellbeing economy, fair work and business
    objectives: [Productivity, Living wage, Employee voice, Carbon]
"""


class TestMergesAndSplits:
    """Two old elements in one new are one ``merged``; one old in two new, one ``split``."""

    def test_a_merge_is_one_change_naming_all_with_the_children_that_moved(self):
        old, new = load(MERGE_OLD), load(MERGE_NEW)
        found = diff(old, new)
        merged = "/goals/wellbeing-economy-fair-work-and-business"
        assert ops(found) == [("merged", merged)]  # Health stays: the others went
        (change,) = found.changes
        assert change.old == ("economy", "fair-work-and-business")
        assert change.new == "wellbeing-economy-fair-work-and-business"
        assert (change.from_index, change.to_index) == (None, 1)
        assert [(part.op, part.path, part.from_index, part.to_index) for part in change.parts] == [
            ("removed", "/goals/economy", 0, None),
            ("removed", "/goals/fair-work-and-business", 1, None),
            ("added", merged, None, 1),
        ]
        assert _changelog.text(found).splitlines()[0] == (
            "National outcomes *Economy* and *Fair work and business* merged into"
            " *Wellbeing economy, fair work and business*, with objectives *Productivity*,"
            " *Living wage* and *Employee voice*; objective *Carbon* added;"
            " objective *Business growth* removed"
        )
        assert found.apply(old) == new
        patched = jsonpatch.apply_patch(orgstrategy.to_data(old), found.to_json_patch())
        assert patched == orgstrategy.to_data(new)

    def test_a_split_is_the_merge_reversed(self):
        old, new = load(MERGE_NEW), load(MERGE_OLD)
        found = diff(old, new)
        assert [change.op for change in found.changes] == ["split"]
        (change,) = found.changes
        assert change.path == "/goals/wellbeing-economy-fair-work-and-business"
        assert change.old == "wellbeing-economy-fair-work-and-business"
        assert change.new == ("economy", "fair-work-and-business")
        assert (change.from_index, change.to_index) == (1, None)
        assert change == diff(new, old).changes[0].reverse()
        assert change.reverse().reverse() == change
        assert _changelog.text(found).splitlines()[0] == (
            "National outcome *Wellbeing economy, fair work and business* split into"
            " *Economy* (with objective *Productivity*) and *Fair work and business*"
            " (with objectives *Living wage* and *Employee voice*);"
            " objective *Business growth* added; objective *Carbon* removed"
        )
        assert found.apply(old) == new
        patched = jsonpatch.apply_patch(orgstrategy.to_data(old), found.to_json_patch())
        assert patched == orgstrategy.to_data(new)

    def test_markdown_json_and_stat_agree(self, tmp_path, capsys):
        (tmp_path / "a.yaml").write_text(HEAD + MERGE_OLD, encoding="utf-8")
        (tmp_path / "b.yaml").write_text(HEAD + MERGE_NEW, encoding="utf-8")
        paths = [str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")]
        assert main(["diff", "--format", "markdown", *paths]) == 1
        lines = capsys.readouterr().out.splitlines()
        assert lines[2:5] == [
            "## National outcomes",
            "",
            "- National outcomes *Economy* and *Fair work and business* merged into"
            " *Wellbeing economy, fair work and business*, with objectives *Productivity*,"
            " *Living wage* and *Employee voice*; objective *Carbon* added;"
            " objective *Business growth* removed",
        ]
        assert main(["diff", "--format", "json", *paths]) == 1
        changes = json.loads(capsys.readouterr().out)["changes"]
        assert [change["op"] for change in changes] == ["merged"]
        assert changes[0]["old"] == ["economy", "fair-work-and-business"]
        assert [part["op"] for part in changes[0]["parts"]] == ["removed", "removed", "added"]
        assert main(["diff", "--stat", *paths]) == 1
        assert capsys.readouterr().out.splitlines()[0] == " goals | 1 merged"

    def test_nested_and_without_children(self):
        old = load("goals: [{name: Care, objectives: [Quick care, Safe care, Homes]}]\n")
        new = load("goals: [{name: Care, objectives: [Quick and safe care, Homes]}]\n")
        found = diff(old, new)
        assert [change.op for change in found.changes] == ["merged"]
        assert _changelog.text(found) == (
            "Goal *Care*: objectives *Quick care* and *Safe care* merged into"
            " *Quick and safe care*\n"
        )
        assert found.apply(old) == new

    @pytest.mark.parametrize(
        ("names", "merged"),
        [
            # each old name three fifths in the new one, and the new one made of them
            (("a b c x y", "d e f x y", "a b c d e f"), True),
            # two fifths of the first: not in it
            (("a b x y z", "d e f x y", "a b d e f"), False),
            # each one all in it, but the new one only half made of them: 2/4 < 0.6
            (("a", "b", "a b c d"), False),
            # three fifths made of them
            (("a", "b c", "a b c d e"), True),
        ],
    )
    def test_the_thresholds(self, names, merged):
        first, second, into = names
        old = load(f"values: [{first}, {second}]\n")
        new = load(f"values: [{into}]\n")
        found = [change.op for change in diff(old, new).changes]
        assert (found == ["merged"]) is merged

    def test_the_additions_join_the_lists_other_placements(self):
        # the merged goal's addition is placed with the move and the addition after it
        old = load("goals: [Economy, Fair work, Health, Homes]\n")
        new = load("goals: [Homes, Economy and fair work, Health, Schools]\n")
        found = diff(old, new)
        assert [change.op for change in found.changes] == ["merged", "moved", "added"]
        assert [change.op for change in primitive(found.changes)] == [
            "removed",
            "removed",
            "added",  # the merged goal, in the run of the list's placements
            "moved",
            "added",
        ]
        assert found.apply(old) == new
        patched = jsonpatch.apply_patch(orgstrategy.to_data(old), found.to_json_patch())
        assert patched == orgstrategy.to_data(new)


WORDS = ("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel")


@st.composite
def merges(draw: st.DrawFn) -> tuple[orgstrategy.Strategy, orgstrategy.Strategy, tuple[str, ...]]:
    """Goals of distinct words, and the same with two (or three) merged, the rest shuffled."""
    names = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6, unique=True))
    goals = [
        Goal(
            name=name,
            objectives=tuple(
                Objective(name=f"{name} task {n}") for n in range(draw(st.integers(0, 3)))
            ),
        )
        for name in names
    ]
    count = draw(st.integers(2, min(3, len(goals))))
    chosen = draw(st.permutations(range(len(goals))))[:count]
    parts = [goals[i] for i in sorted(chosen)]
    into = Goal(
        name=" and ".join(goal.name for goal in parts),
        objectives=tuple(objective for goal in parts for objective in goal.objectives),
    )
    rest = [goal for i, goal in enumerate(goals) if i not in chosen]
    if draw(st.booleans()):
        rest = list(draw(st.permutations(rest)))
    if draw(st.booleans()):
        rest.insert(draw(st.integers(0, len(rest))), Goal(name="Zulu"))
    rest.insert(draw(st.integers(0, len(rest))), into)
    base = load("goals: []\n")
    old = attrs.evolve(base, goals=tuple(goals))
    new = attrs.evolve(base, goals=tuple(rest))
    return old, new, tuple(goal.id for goal in parts)


class TestMergeProperties:
    @given(merges())
    def test_a_merge_is_found_applied_patched_and_reversed_as_a_split(self, case):
        old, new, merged = case
        for before, after, op in ((old, new, "merged"), (new, old, "split")):
            found = diff(before, after)
            (grouped,) = [change for change in found.changes if change.op in ("merged", "split")]
            assert grouped.op == op
            assert (grouped.old if op == "merged" else grouped.new) == merged
            assert found.apply(before) == after
            data = orgstrategy.to_data(before)
            patched = jsonpatch.apply_patch(data, found.to_json_patch())
            assert patched == orgstrategy.to_data(after)
            assert grouped.reverse().reverse() == grouped


def test_an_element_in_two_merges_is_in_the_best_one():
    old = load("values: [Alpha, Bravo]\n")
    new = load("values: [Alpha and Bravo, Alpha Bravo Charlie]\n")
    found = diff(old, new)
    assert [(change.op, change.path) for change in found.changes] == [
        ("merged", "/values/alpha-and-bravo"),
        ("added", "/values/alpha-bravo-charlie"),
    ]
    assert found.apply(old) == new


class TestWordsFromRealPairs:
    """What real version pairs showed (examples/versions/): each pinned."""

    def test_a_move_that_keeps_its_position_says_where_it_is_now(self):
        old = load("goals: [A, Health, Rights, Z]\n")
        new = load("goals: [A, Rights, Health, Z]\n")
        assert _changelog.text(diff(old, new)) == "Goal *Rights* moved from position 3 to 2\n"
        # the NPF's Equality and Human Rights: ninth in both, now before Health
        old = load("goals: [Economy, Fair work, Health, Rights]\n")
        new = load("goals: [Care, Rights, Health]\n")
        moved = Change(op="moved", path="/goals/rights", from_index=1, to_index=1)
        assert _changelog.describe(moved, old, new) == "Goal *Rights* moved to after *Care*"
        top = Change(op="moved", path="/goals/care", from_index=0, to_index=0)
        assert _changelog.describe(top, old, new) == "Goal *Care* moved to the top"
        nowhere = Change(op="moved", path="/goals/none", from_index=5, to_index=5)
        assert _changelog.describe(nowhere, old, new) == "Goal *none* moved"

    def test_years_have_no_thousands_separator(self):
        found = diff(
            load("period: {start: 2018, end: 2030}\n"), load("period: {start: 2023, end: 2030}\n")
        )
        assert _changelog.text(found) == "Period: start changed from 2018 to 2023\n"

    def test_a_period_removed_in_words(self):
        found = diff(load("period: {start: 2019, end: 2024}\n"), load(""))
        assert _changelog.text(found) == "Period removed (was 2019 to 2024)\n"

    def test_a_date_added_in_words(self):
        found = diff(load(""), load("published: 2024-05-01\n"))
        assert _changelog.text(found) == "Publication date added: 1 May 2024\n"

    def test_sources_are_matched_by_url_and_named_as_they_were(self):
        old = load(
            "sources: [{title: Old page, url: 'https://a.example/1'},"
            " {title: Kept, url: 'https://a.example/2'}]\n"
        )
        new = load(
            "sources: [{title: Kept, url: 'https://a.example/2', note: Read again},"
            " {title: New page, url: 'https://a.example/3'}]\n"
        )
        found = diff(old, new)
        assert _changelog.text(found) == (
            "Source *Old page* removed\n"
            "Source *New page* added\n"
            'Source *Kept*: note added: "Read again"\n'
        )
        assert found.apply(old) == new

    def test_a_group_names_as_many_as_fit(self):
        long = [f"Objective number {n} " + "with a long name " * 8 for n in range(5)]
        goals = ", ".join(f"{{name: '{name}', due: 2023-03-31}}" for name in long)
        old = load(f"goals: [{{name: G, objectives: [{goals}]}}]\n")
        new = load(f"goals: [{{name: G, objectives: [{goals.replace('2023', '2024')}]}}]\n")
        (line,) = _changelog.text(diff(old, new)).splitlines()
        assert line.endswith(f"on 5 objectives: *{long[0]}* and 4 more")


class TestMoreWords:
    def test_a_merge_with_a_list_of_children_all_new(self):
        old = load("goals: [{name: Jobs, objectives: [A]}, {name: Pay, objectives: [B]}]\n")
        new = load("goals: [{name: Jobs and pay, objectives: [A, B], measures: [{name: Wages}]}]\n")
        assert _changelog.text(diff(old, new)) == (
            "Goals *Jobs* and *Pay* merged into *Jobs and pay*, with objectives *A* and *B*;"
            " measure *Wages* added\n"
        )
        assert _changelog.text(diff(new, old)) == (
            "Goal *Jobs and pay* split into *Jobs* (with objective *A*) and *Pay*"
            " (with objective *B*); measure *Wages* removed\n"
        )

    def test_a_split_with_a_list_of_children_all_new(self):
        old = load("goals: [{name: Jobs and pay, objectives: [A, B]}]\n")
        new = load(
            "goals: [{name: Jobs, objectives: [A]},"
            " {name: Pay, objectives: [B], measures: [{name: M}]}]\n"
        )
        assert _changelog.text(diff(old, new)) == (
            "Goal *Jobs and pay* split into *Jobs* (with objective *A*) and *Pay*"
            " (with objective *B*); measure *M* added\n"
        )

    def test_a_field_removed(self):
        old = load("goals: [{name: Care, description: For all}]\n")
        assert _changelog.text(diff(old, load("goals: [Care]\n"))) == (
            'Goal *Care*: description removed (was "For all")\n'
        )

    def test_the_same_field_added_or_removed_on_several_is_one_line(self):
        old = load("goals: [{name: G, objectives: [A, B, C]}]\n")
        owned = "goals: [{name: G, objectives: [{name: A, owner: Board}, {name: B, owner: Board}, C]}]\n"
        assert _changelog.text(diff(old, load(owned))) == (
            'Owner added: "Board" on 2 objectives: *A*, *B*\n'
        )
        assert _changelog.text(diff(load(owned), old)) == (
            'Owner removed (was "Board") on 2 objectives: *A*, *B*\n'
        )

    def test_results_without_a_period_are_matched_by_their_time(self):
        measure = "goals: [{name: G, measures: [{name: M, results: [%s]}]}]\n"
        old = load(measure % "{start: 2022, end: 2023, actual: 5}")
        new = load(measure % "{start: 2022, end: 2023, actual: 6}, {start: 2023, actual: 7}")
        assert _changelog.text(diff(old, new)).splitlines() == [
            "Goal *G* > Measure *M*: result added, from 2023: 7",
            "Goal *G* > Measure *M* > result 2022 to 2023: actual changed from 5 to 6",
        ]
