"""Semantic diff: matching, apply, JSON Patch, reverse, and what people read."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import jsonpatch
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orgstrategy
from conftest import EXAMPLES, MINIMAL
from orgstrategy import Goal, Priority, Statement, diff, to_data
from orgstrategy._cli import main
from orgstrategy._diff import _stable
from orgstrategy.testing import strategies

HEAD = 'orgstrategy: "1.0"\norganisation: {name: NHS North East London}\n'

V1 = (
    HEAD
    + """\
vision: Everyone is proud of the difference we make
priorities:
  - {id: employment, name: Employment and workforce}
  - {id: long-term-conditions, name: Long term conditions, description: Live longer}
  - {id: children, name: Children and young people}
  - {id: effectiveness, name: Effectiveness}
"""
)
V2 = (
    HEAD
    + """\
vision: Everyone is proud of the care we give and the difference we make
priorities:
  - {id: long-term-conditions, name: Long term conditions, description: "Live longer, healthier lives"}
  - {id: employment, name: Employment and workforce}
  - {id: children, name: Children and young people}
  - {id: mental-health, name: Mental health}
"""
)


def ops(found: orgstrategy.Diff) -> list[tuple[str, str]]:
    return [(change.op, change.path) for change in found.changes]


class TestTheFiveEdits:
    """A reworded vision, a removed and an added priority, a swap and a changed description."""

    def test_exactly_those(self):
        found = diff(orgstrategy.loads(V1), orgstrategy.loads(V2))
        assert ops(found) == [
            ("changed", "/vision"),
            ("removed", "/priorities/effectiveness"),
            ("changed", "/priorities/long-term-conditions/description"),
            ("moved", "/priorities/long-term-conditions"),
            ("added", "/priorities/mental-health"),
        ]

    def test_text(self, capsys, tmp_path):
        old, new = tmp_path / "v1.yaml", tmp_path / "v2.yaml"
        old.write_text(V1)
        new.write_text(V2)
        assert main(["diff", str(old), str(new)]) == 1
        assert capsys.readouterr().out.splitlines() == [
            "Vision changed: Everyone is proud of the [+care we give and the+] difference we make",
            "Priority *Effectiveness* removed",
            "Priority *Long term conditions*: description changed: Live [-longer-] [+longer, healthier lives+]",
            "Priority *Long term conditions* moved from position 2 to 1",
            "Priority *Mental health* added at position 4",
        ]

    @pytest.mark.parametrize("format", ["markdown", "json", "json-patch"])
    def test_other_formats_carry_the_same_five(self, capsys, tmp_path, format):
        old, new = tmp_path / "v1.yaml", tmp_path / "v2.yaml"
        old.write_text(V1)
        new.write_text(V2)
        assert main(["diff", "--format", format, str(old), str(new)]) == 1
        out = capsys.readouterr().out
        if format == "markdown":
            assert out.count("\n- ") == 5
            assert "**care we give and the**" in out
        elif format == "json":
            assert [c["op"] for c in json.loads(out)["changes"]] == [
                "changed",
                "removed",
                "changed",
                "moved",
                "added",
            ]
        else:
            patched = jsonpatch.apply_patch(to_data(orgstrategy.loads(V1)), json.loads(out))
            assert patched == to_data(orgstrategy.loads(V2))

    def test_equal_files_exit_0(self, capsys, tmp_path):
        path = tmp_path / "v1.yaml"
        path.write_text(V1)
        assert main(["diff", str(path), str(path)]) == 0
        assert capsys.readouterr().out == ""

    def test_invalid_input_exit_2(self, capsys, tmp_path):
        path = tmp_path / "bad.yaml"
        path.write_text(HEAD + "visoin: x\n")
        assert main(["diff", str(path), str(path)]) == 2
        assert "unknown key 'visoin'" in capsys.readouterr().err

    def test_missing_file_exit_2(self, capsys, tmp_path):
        assert main(["diff", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")]) == 2


class TestMatching:
    """Ids first, then similarity among leftovers with derived ids; fewest moves."""

    def test_reworded_value_is_one_change(self):
        old = orgstrategy.loads(HEAD + "values: [Value for money, Kind]\n")
        new = orgstrategy.loads(HEAD + "values: [Value for money and efficiency, Kind]\n")
        found = diff(old, new)
        assert ops(found) == [
            ("changed", "/values/value-for-money/name"),
            ("changed", "/values/value-for-money/id"),
        ]
        assert orgstrategy._changelog.text(found) == (
            "Value *Value for money*: name changed: Value for money [+and efficiency+]\n"
        )
        assert found.apply(old) == new

    def test_dissimilar_names_are_removed_and_added(self):
        old = orgstrategy.loads(HEAD + "values: [Kind]\n")
        new = orgstrategy.loads(HEAD + "values: [Brave]\n")
        assert [c.op for c in diff(old, new).changes] == ["removed", "added"]

    def test_explicit_ids_are_not_matched_by_name(self):
        old = orgstrategy.loads(HEAD + "values: [{id: a, name: Kind}]\n")
        new = orgstrategy.loads(HEAD + "values: [{id: b, name: Kind}]\n")
        assert [c.op for c in diff(old, new).changes] == ["removed", "added"]

    def test_swap_of_neighbours_is_one_move(self):
        old = orgstrategy.loads(HEAD + "values: [A, B, C, D]\n")
        new = orgstrategy.loads(HEAD + "values: [A, C, B, D]\n")
        assert [c.op for c in diff(old, new).changes] == ["moved"]

    def test_reversal_moves_all_but_one(self):
        old = orgstrategy.loads(HEAD + "values: [A, B, C, D]\n")
        new = orgstrategy.loads(HEAD + "values: [D, C, B, A]\n")
        found = diff(old, new)
        assert [c.op for c in found.changes] == ["moved"] * 3
        assert found.apply(old) == new

    def test_stable_is_a_longest_increasing_subsequence(self):
        assert _stable([0, 2, 1, 3]) in ({0, 1, 3}, {0, 2, 3})
        assert _stable([]) == set()

    def test_field_level_changes_in_nested_elements(self):
        old = orgstrategy.loads(
            HEAD + "goals:\n  - id: access\n    objectives:\n      - id: backlog\n        name: B\n"
            "        measures: [{id: rtt-18, name: RTT, target: 92}]\n    name: Access\n"
        )
        new = orgstrategy.loads(
            HEAD + "goals:\n  - id: access\n    objectives:\n      - id: backlog\n        name: B\n"
            "        measures: [{id: rtt-18, name: RTT, target: 95}]\n    name: Access\n"
        )
        (change,) = diff(old, new).changes
        assert (change.op, change.path, change.old, change.new) == (
            "changed",
            "/goals/access/objectives/backlog/measures/rtt-18/target",
            92,
            95,
        )
        assert orgstrategy._changelog.text(diff(old, new)) == (
            "Goal *Access* > Objective *B* > Measure *RTT*: target changed: 92 → 95\n"
        )

    def test_statement_points(self):
        old = orgstrategy.loads(HEAD + "purpose: {points: [a, b]}\n")
        new = orgstrategy.loads(HEAD + "purpose: {text: T, points: [a]}\n")
        found = diff(old, new)
        assert ops(found) == [("changed", "/purpose"), ("removed", "/purpose/points/1")]
        assert found.apply(old) == new
        assert diff(new, old).apply(new) == old

    def test_labels_and_extensions(self):
        old = orgstrategy.loads(HEAD + "labels: {goals: Aims}\nextensions: {x: 1, y: null}\n")
        new = orgstrategy.loads(HEAD + "labels: {values: Ours}\nextensions: {x: 2, z: null}\n")
        found = diff(old, new)
        assert found.apply(old) == new
        assert orgstrategy._changelog.text(found).splitlines() == [
            "Label of *goals* removed (was: Aims)",
            "Label of *values* added: Ours",
            "Extension *x* changed: 1 → 2",
            "Extension *y* removed (was: None)",
            "Extension *z* added: None",
        ]


def test_the_example_changelog_is_up_to_date(capsys):
    versions = EXAMPLES / "versions"
    main(
        [
            "diff",
            "--format",
            "markdown",
            str(versions / "staffordshire-as-published.yaml"),
            str(versions / "staffordshire-tidied.yaml"),
        ]
    )
    assert capsys.readouterr().out == (versions / "CHANGELOG.md").read_text(encoding="utf-8")


def test_markdown_of_no_changes():
    strategy = orgstrategy.load(EXAMPLES / "here.yaml")
    assert orgstrategy._changelog.markdown(diff(strategy, strategy)).endswith("No changes.\n")


@st.composite
def edited(draw: st.DrawFn) -> tuple[orgstrategy.Strategy, orgstrategy.Strategy, list[str]]:
    """A strategy, the same with random edits to its priorities, and the edits' ops."""
    base = draw(strategies())
    names = draw(st.lists(st.sampled_from("ABCDEFGHIJ"), min_size=3, max_size=8, unique=True))
    priorities = [Priority(name=f"Priority {name}", id=f"p-{name.lower()}") for name in names]
    old = attrs.evolve(base, priorities=tuple(priorities))
    edit = draw(st.sampled_from(["reword", "swap", "add", "remove", "describe", "vision"]))
    index = draw(st.integers(0, len(priorities) - 2))
    if edit == "swap":
        priorities[index], priorities[index + 1] = priorities[index + 1], priorities[index]
        expected = ["moved"]
    elif edit == "add":
        priorities.insert(index, Priority(name="New one", id="p-new"))
        expected = ["added"]
    elif edit == "remove":
        del priorities[index]
        expected = ["removed"]
    elif edit == "describe":
        priorities[index] = attrs.evolve(priorities[index], description="Now described")
        expected = ["added"]  # a description that was not there is added at its field
    elif edit == "reword":
        priorities[index] = attrs.evolve(
            priorities[index], name=priorities[index].name + " and more"
        )
        expected = ["changed"]
    else:
        new_vision = Statement(text="A vision nobody had before")
        return (
            old,
            attrs.evolve(old, priorities=tuple(priorities), vision=new_vision),
            (
                ["added"]
                if old.vision is None
                else ["changed"]
                if old.vision.points == () and not old.vision.meanings
                else None  # type: ignore[return-value]
            ),
        )
    return old, attrs.evolve(old, priorities=tuple(priorities)), expected


class TestProperties:
    """diff/apply, JSON Patch and reverse hold for any two strategies."""

    @settings(max_examples=60)
    @given(strategies(), strategies())
    def test_apply_and_patch(self, a, b):
        found = diff(a, b)
        assert found.apply(a) == b
        assert jsonpatch.apply_patch(to_data(a), found.to_json_patch()) == to_data(b)
        assert bool(found) == (a != b)

    @settings(max_examples=40)
    @given(strategies())
    def test_no_change(self, a):
        assert not diff(a, a)
        assert diff(a, a).to_json_patch() == []

    @settings(max_examples=60)
    @given(strategies(), strategies())
    def test_reverse_mirrors(self, a, b):
        forward, backward = diff(a, b), diff(b, a)
        assert backward.apply(b) == a
        assert forward.reverse().changes == backward.changes
        count = {
            op: [c.op for c in forward.changes].count(op) for op in ("added", "removed", "moved")
        }
        assert [c.op for c in backward.changes].count("removed") == count["added"]
        assert [c.op for c in backward.changes].count("added") == count["removed"]
        assert [c.op for c in backward.changes].count("moved") == count["moved"]
        for change in forward.changes:
            assert change.reverse().reverse() == change

    @settings(max_examples=80)
    @given(edited())
    def test_random_edits_are_found_as_those_edits(self, case):
        old, new, expected = case
        found = diff(old, new)
        if expected is not None:
            assert [c.op for c in found.changes] == expected
        assert found.apply(old) == new


def test_goal_and_priority_are_different_kinds():
    assert Goal(name="A") != Priority(name="A")


class TestARealStrategy:
    """The issue's scenario on the NHS North East London example: five edits, five changes."""

    @pytest.fixture
    def versions(self, tmp_path: Path) -> tuple[Path, Path]:
        text = (EXAMPLES / "nhs-north-east-london.yaml").read_text(encoding="utf-8")
        blocks = text.split("  - id: ")
        head, employment, conditions, children, mental, *rest = blocks
        mental_and_principles = mental.split("principles:")
        edited = (
            head.replace("meaningful improvements in health", "lasting improvements in health")
            + "  - id: "
            + conditions
            + "  - id: "
            + employment
            + "  - id: "
            + children.replace("the best place to grow up", "the best place in England to grow up")
            + "  - id: health-inequalities\n    name: Health inequalities\n"
            + "principles:"
            + mental_and_principles[1]
            + "".join("  - id: " + block for block in rest)
        )
        old, new = tmp_path / "v1.yaml", tmp_path / "v2.yaml"
        old.write_text(text, encoding="utf-8")
        new.write_text(edited, encoding="utf-8")
        return old, new

    def test_five_changes_in_every_format(self, capsys, versions):
        old, new = (str(path) for path in versions)
        assert main(["diff", old, new]) == 1
        assert capsys.readouterr().out.splitlines() == [
            "Ambition changed: We will work with and for all the people of north east London to"
            " create [-meaningful-] [+lasting+] improvements in health, wellbeing and equity",
            "Priority *Mental health* removed",
            "Priority *Children and young people*: description changed: to make north east London"
            " the best place [+in England+] to grow up, through early support when it is needed"
            " and the delivery of accessible and responsive services.",
            "Priority *Long term conditions* moved from position 2 to 1",
            "Priority *Health inequalities* added at position 4",
        ]
        assert main(["diff", "--format", "json", old, new]) == 1
        assert len(json.loads(capsys.readouterr().out)["changes"]) == 5
        assert main(["diff", "--format", "markdown", old, new]) == 1
        markdown = capsys.readouterr().out
        assert markdown.count("\n- ") == 5
        assert "## Joint action areas" in markdown
        assert main(["diff", "--format", "json-patch", old, new]) == 1
        patch = json.loads(capsys.readouterr().out)
        before, after = (to_data(orgstrategy.load(path)) for path in versions)
        assert jsonpatch.apply_patch(before, patch) == after


class TestNullValues:
    """In extensions, null is a value: a change to or from it is 'changed', not added or removed."""

    def test_a_value_becoming_null(self):
        old = orgstrategy.loads(MINIMAL + "extensions: {x: [], y: [1, null, 2]}\n")
        new = orgstrategy.loads(MINIMAL + "extensions: {x: null, y: [1, 3, null, 4]}\n")
        found = orgstrategy.diff(old, new)
        assert [(c.op, c.path, c.old, c.new) for c in found.changes] == [
            ("changed", "/extensions/x", [], None),
            ("changed", "/extensions/y/1", None, 3),
            ("changed", "/extensions/y/2", 2, None),
            ("added", "/extensions/y/3", None, 4),
        ]
        assert found.apply(old) == new
        assert found.reverse().apply(new) == old
