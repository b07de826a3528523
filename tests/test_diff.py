"""Semantic diff: matching, apply, JSON Patch, reverse, and what people read."""

from __future__ import annotations

import contextlib
import copy
import difflib
import itertools
import json
import pickle
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import jsonpatch
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orgstrategy
from conftest import EXAMPLES, MINIMAL
from orgstrategy import Change, Element, Goal, Priority, Statement, _changelog, diff, to_data
from orgstrategy._cli import main
from orgstrategy._diff import SIMILARITY, _stable
from orgstrategy._ids import slug
from orgstrategy._patch import PatchError, Pointer, apply
from orgstrategy.plugins import Plugin
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
            'Vision changed from "Everyone is proud of the difference we make"'
            ' to "Everyone is proud of the care we give and the difference we make"',
            "Priority *Effectiveness* removed",
            'Priority *Long term conditions*: description changed from "Live longer"'
            ' to "Live longer, healthier lives"',
            "Priority *Long term conditions* moved from position 2 to 1",
            "Priority *Mental health* added",
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


def _fewest_moves(size: int) -> dict[tuple[int, ...], int]:
    """Return, for every order of *size* items, the fewest moves that make it (breadth first).

    A move takes one item out and puts it back anywhere else.
    """
    start = tuple(range(size))
    fewest = {start: 0}
    frontier = [start]
    while frontier:
        following = []
        for order in frontier:
            for source, target in itertools.permutations(range(size), 2):
                items = list(order)
                items.insert(target, items.pop(source))
                reached = tuple(items)
                if reached not in fewest:
                    fewest[reached] = fewest[order] + 1
                    following.append(reached)
        frontier = following
    return fewest


class TestMatching:
    """Ids first, then similarity among leftovers with derived ids; fewest moves."""

    def test_reworded_value_is_one_change(self):
        old = orgstrategy.loads(HEAD + "values: [Value for money, Kind]\n")
        new = orgstrategy.loads(HEAD + "values: [Value for money and efficiency, Kind]\n")
        found = diff(old, new)
        # The id is derived from the name: its change is a part of the name's, not a change.
        assert ops(found) == [("changed", "/values/value-for-money/name")]
        assert found.changes[0].parts == (
            Change(
                op="changed",
                path="/values/value-for-money/id",
                old="value-for-money",
                new="value-for-money-and-efficiency",
            ),
        )
        assert _changelog.text(found) == (
            "Value *Value for money* renamed to *Value for money and efficiency*\n"
        )
        assert found.apply(old) == new

    def test_dissimilar_names_are_removed_and_added(self):
        old = orgstrategy.loads(HEAD + "values: [Kind]\n")
        new = orgstrategy.loads(HEAD + "values: [Brave]\n")
        assert [c.op for c in diff(old, new).changes] == ["removed", "added"]

    def test_an_explicit_id_that_changed_is_one_change(self):
        old = orgstrategy.loads(HEAD + "values: [{id: a, name: Kind}]\n")
        new = orgstrategy.loads(HEAD + "values: [{id: b, name: Kind}]\n")
        found = diff(old, new)
        assert found.changes == (Change(op="changed", path="/values/a/id", old="a", new="b"),)
        assert _changelog.text(found) == 'Value *Kind*: id changed from "a" to "b"\n'
        assert found.apply(old) == new

    def test_swap_of_neighbours_is_one_move(self):
        old = orgstrategy.loads(HEAD + "values: [A, B, C, D]\n")
        new = orgstrategy.loads(HEAD + "values: [A, C, B, D]\n")
        # Of the two longest runs that stay (A, B, D and A, C, D), the one with the
        # earlier old positions does: C is the one moved.
        assert [(c.op, c.path, c.from_index, c.to_index) for c in diff(old, new).changes] == [
            ("moved", "/values/c", 2, 1)
        ]

    def test_reversal_moves_all_but_one(self):
        old = orgstrategy.loads(HEAD + "values: [A, B, C, D]\n")
        new = orgstrategy.loads(HEAD + "values: [D, C, B, A]\n")
        found = diff(old, new)
        assert [c.op for c in found.changes] == ["moved"] * 3
        assert found.apply(old) == new

    def test_stable_is_a_longest_increasing_subsequence(self):
        # Ties go to the run with the smaller positions (the patience sort keeps the
        # smallest tail of each length).
        assert _stable([0, 2, 1, 3]) == {0, 1, 3}
        assert _stable([1, 0]) == {0}
        assert _stable([]) == set()

    @pytest.mark.parametrize("size", range(1, 7))
    def test_fewest_moves_for_every_order(self, size):
        names = "ABCDEF"[:size]
        fewest = _fewest_moves(size)
        old = orgstrategy.loads(HEAD + f"values: [{', '.join(names)}]\n")
        for order in itertools.permutations(range(size)):
            new = orgstrategy.loads(HEAD + f"values: [{', '.join(names[i] for i in order)}]\n")
            found = diff(old, new)
            assert [c.op for c in found.changes] == ["moved"] * fewest[order], order
            assert found.apply(old) == new

    def test_the_last_to_the_top_is_one_move(self):
        old = orgstrategy.loads(HEAD + "values: [B, C, D, A]\n")
        new = orgstrategy.loads(HEAD + "values: [A, B, C, D]\n")
        assert [(c.op, c.path, c.from_index, c.to_index) for c in diff(old, new).changes] == [
            ("moved", "/values/a", 3, 0)
        ]

    @pytest.mark.parametrize(
        ("old", "new", "score", "matched"),
        [
            # 2 * 3 words in common / (5 + 5): at the threshold, the same value
            ("a b c d e", "a b c x y", 0.6, True),
            # 2 * 4 / (6 + 7): just above
            ("a b c d e f", "a b c d x y z", 8 / 13, True),
            # 2 * 5 / (8 + 9): just below
            ("a b c d e f g h", "a b c d e x y z w", 10 / 17, False),
        ],
    )
    def test_similarity_at_the_threshold(self, old, new, score, matched):
        matcher = difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False)
        assert matcher.ratio() == pytest.approx(score)
        assert (score >= SIMILARITY) is matched
        before = orgstrategy.loads(HEAD + f"values: [{old}]\n")
        after = orgstrategy.loads(HEAD + f"values: [{new}]\n")
        ops = [c.op for c in diff(before, after).changes]
        assert ops == (["changed"] if matched else ["removed", "added"])

    def test_a_numbered_derived_id_is_matched_by_name(self):
        old = orgstrategy.loads(HEAD + "values: [Kind, Kind]\n")  # kind, kind-2
        new = orgstrategy.loads(HEAD + "values: [Kind, Kind people]\n")
        assert diff(old, new).changes == (
            Change(
                op="changed",
                path="/values/kind-2/name",
                old="Kind",
                new="Kind people",
                parts=(
                    Change(op="changed", path="/values/kind-2/id", old="kind-2", new="kind-people"),
                ),
            ),
        )

    def test_an_explicit_id_left_for_a_derived_one_is_one_change(self):
        old = orgstrategy.loads(HEAD + "goals: [{id: goal-12, name: Care}]\n")
        new = orgstrategy.loads(HEAD + "goals: [Care]\n")
        assert ops(diff(old, new)) == [("changed", "/goals/goal-12/id")]
        assert diff(old, new).apply(old) == new

    def test_the_most_similar_name_is_taken(self):
        old = orgstrategy.loads(HEAD + "values: [Access to care]\n")
        new = orgstrategy.loads(
            HEAD + "values: [Access to care for all people, Access to care today]\n"
        )
        assert diff(old, new).changes[0] == Change(
            op="changed",
            path="/values/access-to-care/name",
            old="Access to care",
            new="Access to care today",  # 6/7 alike, where the other is 6/9
            parts=(
                Change(
                    op="changed",
                    path="/values/access-to-care/id",
                    old="access-to-care",
                    new="access-to-care-today",
                ),
            ),
        )
        assert ops(diff(old, new))[1:] == [("added", "/values/access-to-care-for-all-people")]

    def test_long_names_are_compared_word_for_word(self):
        """No word is junk, however often it comes (difflib's autojunk is off)."""
        old = orgstrategy.loads(HEAD + "values: [x" + " care" * 200 + "]\n")
        new = orgstrategy.loads(HEAD + "values: [y" + " care" * 200 + "]\n")
        assert [c.op for c in diff(old, new).changes] == ["changed"]

    @pytest.mark.parametrize(("size", "matched"), [(2, True), (3, False)])
    def test_names_are_compared_up_to_a_number_of_pairs(self, monkeypatch, size, matched):
        """Past MAX_COMPARED_PAIRS leftover pairs (here 4), no two names are compared."""
        monkeypatch.setattr(orgstrategy._diff, "MAX_COMPARED_PAIRS", 4)
        old = orgstrategy.loads(HEAD + f"values: [{', '.join(['Kind'] * size)}]\n")
        new = orgstrategy.loads(HEAD + f"values: [{', '.join(['Kind people'] * 2)}]\n")
        found = [c.op for c in diff(old, new).changes]
        assert found.count("removed") == (size - 2 if matched else size)
        assert found.count("added") == (0 if matched else 2)

    def test_a_quarter_of_a_million_pairs_at_most(self):
        old = orgstrategy.loads(HEAD + "values:\n" + "".join(f"  - V{n}\n" for n in range(501)))
        new = orgstrategy.loads(
            HEAD + "values:\n" + "".join(f"  - V{n} more\n" for n in range(501))
        )
        found = [c.op for c in diff(old, new).changes]
        assert (found.count("removed"), found.count("added")) == (501, 501)

    def test_names_are_compared_lower_cased(self):
        """Word similarity is over lower-cased words: "ß" is not "ss" (as upper-casing has it)."""
        old = orgstrategy.loads(HEAD + "values: [Straße]\n")
        new = orgstrategy.loads(HEAD + "values: [Strasse]\n")
        assert ops(diff(old, new)) == [("removed", "/values/strae"), ("added", "/values/strasse")]
        upper = orgstrategy.loads(HEAD + "values: [KIND]\n")
        assert ops(diff(orgstrategy.loads(HEAD + "values: [Kind]\n"), upper)) == [
            ("changed", "/values/kind/name")
        ]

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
        assert _changelog.text(diff(old, new)) == (
            "Goal *Access* > Objective *B* > Measure *RTT*: target changed from 92 to 95\n"
        )

    def test_a_field_of_a_nested_object_is_the_change(self):
        old = orgstrategy.loads(HEAD + "period: {start: 2025, end: 2030}\n")
        new = orgstrategy.loads(
            HEAD.replace("NHS North East London", "NHS North London")
            + "period: {start: 2025, end: 2031}\n"
        )
        assert diff(old, new).changes == (
            Change(
                op="changed",
                path="/organisation/name",
                old="NHS North East London",
                new="NHS North London",
            ),
            Change(op="changed", path="/period/end", old=2030, new=2031),
        )

    def test_a_list_in_extensions_becoming_a_number(self):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", orgstrategy.StrategyWarning)  # no plugin claims x
            old = orgstrategy.loads(HEAD + "extensions: {x: [1]}\n")
            new = orgstrategy.loads(HEAD + "extensions: {x: 5}\n")
        assert diff(old, new).changes == (
            Change(op="changed", path="/extensions/x", old=[1], new=5),
        )
        assert diff(new, old).changes == (
            Change(op="changed", path="/extensions/x", old=5, new=[1]),
        )

    @pytest.mark.parametrize(
        ("old", "new", "message"),
        [
            (None, "x", "diff() compares two Strategy objects; old is NoneType"),
            ("strategy", "x", "diff() compares two Strategy objects; new is str"),
        ],
        ids=["old", "new"],
    )
    def test_only_strategies(self, old, new, message):
        strategy = orgstrategy.loads(MINIMAL)
        with pytest.raises(TypeError) as raised:
            diff(strategy if old == "strategy" else old, new)
        assert str(raised.value) == message

    def test_a_removed_field_keeps_its_value(self):
        old = orgstrategy.loads(HEAD + "goals: [{name: Care, description: D}]\n")
        new = orgstrategy.loads(HEAD + "goals: [Care]\n")
        assert diff(old, new).changes == (
            Change(op="removed", path="/goals/care/description", old="D"),
        )

    def test_removed_points_keep_their_value_and_index(self):
        old = orgstrategy.loads(HEAD + "vision: {text: V, points: [a, b, c]}\n")
        new = orgstrategy.loads(HEAD + "vision: {text: V, points: [a]}\n")
        assert diff(old, new).changes == (
            Change(op="removed", path="/vision/points/2", old="c", from_index=2),
            Change(op="removed", path="/vision/points/1", old="b", from_index=1),
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
        assert _changelog.text(found).splitlines() == [
            'Label of *goals* removed (was "Aims")',
            'Label of *values* added: "Ours"',
            "Extension *x* changed from 1 to 2",
            "Extension *y* removed (was None)",
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
    assert _changelog.markdown(diff(strategy, strategy)).endswith("No changes.\n")


@st.composite
def edited(draw: st.DrawFn) -> tuple[orgstrategy.Strategy, orgstrategy.Strategy, list[str]]:
    """A strategy, the same with random edits to its priorities, and the edits' ops."""
    base = draw(strategies(max_elements=3))
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
        if old.vision is None:
            expected = ["added"]
        else:  # the text changes, and the points, meanings and translations are removed
            expected = ["changed"] if old.vision.text != new_vision.text else []
            expected += ["removed"] * (
                len(old.vision.points) + len(old.vision.meanings) + len(old.vision.translations)
            )
        return old, attrs.evolve(old, priorities=tuple(priorities), vision=new_vision), expected
    return old, attrs.evolve(old, priorities=tuple(priorities)), expected


def _between(draw: st.DrawFn, old: Any, new: Any, depth: int = 0) -> Any:
    """Return a value made of *old* and *new*: each field, list and element from one or the other.

    Lists of elements keep some of *old*'s (renamed, re-described or as they are),
    take some of *new*'s and come in a new order, so that the versions share
    elements: the moves, renames and nested changes a diff is for.
    """
    if depth > 4 or draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from([old, new]))
    if attrs.has(type(old)) and type(old) is type(new):
        fields = {
            field.name: _between(
                draw, getattr(old, field.name), getattr(new, field.name), depth + 1
            )
            for field in attrs.fields(type(old))
        }
        try:
            return type(old)(**fields)
        except (TypeError, ValueError):  # e.g. an end before the start
            return old
    if isinstance(old, tuple) and all(isinstance(e, Element) for e in (*old, *new)):
        items = []
        for element in old:
            action = draw(st.sampled_from(["keep", "keep", "drop", "edit", "rename"]))
            if action == "drop":
                continue
            others = [other for other in new if type(other) is type(element)]
            if action == "edit" and others:
                other = attrs.evolve(draw(st.sampled_from(others)), id=element.id)
                element = _between(draw, element, other, depth + 1)
            elif action == "rename":
                suffix = draw(st.sampled_from(["", " and more", "s"]))
                derived = draw(st.booleans())
                given = {"id": slug(element.name + suffix)} if derived else {}
                with contextlib.suppress(TypeError, ValueError):  # an id that cannot be
                    element = attrs.evolve(element, name=element.name + suffix, **given)
            items.append(element)
        for element in new:
            if draw(st.integers(0, 2)) == 0:
                items.insert(draw(st.integers(0, len(items))), element)
        shuffle = draw(st.integers(0, 2)) > 0
        ordered: Sequence[Element] = draw(st.permutations(items)) if shuffle else items
        unique = {}
        for element in ordered:
            unique.setdefault(element.id, element)
        return tuple(unique.values())
    return draw(st.sampled_from([old, new]))


@st.composite
def versions(draw: st.DrawFn) -> tuple[orgstrategy.Strategy, orgstrategy.Strategy]:
    """Two versions of a strategy: a generated one, and one made of it and another."""
    old, other = draw(strategies(max_elements=2)), draw(strategies(max_elements=2))
    return old, _between(draw, old, other)


def exactly(data: Any) -> str:
    """Return *data* as JSON text, so that ``1`` and ``1.0``, ``True`` and ``1`` differ."""
    return json.dumps(data, sort_keys=True, allow_nan=False)


class TestProperties:
    """diff/apply, JSON Patch and reverse hold for any two strategies."""

    @settings(max_examples=60 * settings.default.max_examples // 100)
    @given(strategies(max_elements=2), strategies(max_elements=2))
    def test_apply_and_patch(self, a, b):
        found = diff(a, b)
        assert found.apply(a) == b
        patch = found.to_json_patch()
        assert exactly(jsonpatch.apply_patch(to_data(a), patch)) == exactly(to_data(b))
        assert exactly(apply(to_data(a), patch)) == exactly(to_data(b))
        assert bool(found) == (a != b)

    @settings(max_examples=40 * settings.default.max_examples // 100)
    @given(strategies(max_elements=3))
    def test_no_change(self, a):
        assert not diff(a, a)
        assert diff(a, a).to_json_patch() == []

    @settings(max_examples=60 * settings.default.max_examples // 100)
    @given(strategies(max_elements=2), strategies(max_elements=2))
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

    @settings(max_examples=80 * settings.default.max_examples // 100)
    @given(edited())
    def test_random_edits_are_found_as_those_edits(self, case):
        old, new, expected = case
        found = diff(old, new)
        assert [c.op for c in found.changes] == expected
        assert found.apply(old) == new


class TestJsonPatch:
    """to_json_patch() is the changes, on the documents' canonical data."""

    @settings(max_examples=100 * settings.default.max_examples // 100)
    @given(versions())
    def test_applying_the_patch_to_the_old_data_gives_the_new(self, pair):
        old, new = pair
        found = diff(old, new)
        patch = found.to_json_patch()
        assert exactly(apply(to_data(old), patch)) == exactly(to_data(new))
        assert exactly(jsonpatch.apply_patch(to_data(old), patch)) == exactly(to_data(new))
        assert found.apply(old) == new
        assert bool(patch) == bool(found)

    def test_the_operations_follow_the_changes(self):
        old = orgstrategy.loads(HEAD + "goals: [Care, Work]\n")
        new = orgstrategy.loads(HEAD + "goals: [Work, {name: Care, description: Better}, Homes]\n")
        assert ops(diff(old, new)) == [
            ("added", "/goals/care/description"),
            ("moved", "/goals/work"),
            ("added", "/goals/homes"),
        ]
        assert diff(old, new).to_json_patch() == [
            # an element written short is written whole when it changes
            {
                "op": "replace",
                "path": "/goals/0",
                "value": {"name": "Care", "description": "Better"},
            },
            {"op": "move", "from": "/goals/1", "path": "/goals/0"},
            {"op": "add", "path": "/goals/2", "value": "Homes"},
        ]

    def test_ids_that_are_no_longer_derived_are_written(self):
        old = orgstrategy.loads(HEAD + "goals: [Care, Care]\n")  # care and care-2
        new = orgstrategy.loads(HEAD + "goals: [{id: care-2, name: Care}]\n")
        assert ops(diff(old, new)) == [("removed", "/goals/care")]
        assert diff(old, new).to_json_patch() == [
            {"op": "remove", "path": "/goals/0"},
            {"op": "replace", "path": "/goals/0", "value": {"id": "care-2", "name": "Care"}},
        ]

    def test_ids_that_become_derived_are_left_out(self):
        old = orgstrategy.loads(HEAD + "goals: [{id: care-2, name: Care, description: D}]\n")
        new = orgstrategy.loads(HEAD + "goals: [Care, {id: care-2, name: Care, description: D}]\n")
        assert diff(old, new).to_json_patch() == [
            {"op": "add", "path": "/goals/0", "value": "Care"},
            {"op": "remove", "path": "/goals/1/id"},
        ]
        assert diff(new, old).to_json_patch() == [
            {"op": "remove", "path": "/goals/0"},
            {"op": "add", "path": "/goals/0/id", "value": "care-2"},
        ]

    def test_an_addition_before_a_move_to_the_end_is_the_added_element(self):
        """N is added at 3 while A is still at 0: its value is N's, read where N ends up."""
        old = orgstrategy.loads(HEAD + "goals: [A, B, C]\n")
        new = orgstrategy.loads(HEAD + "goals: [B, C, N, A]\n")
        assert ops(diff(old, new)) == [("added", "/goals/n"), ("moved", "/goals/a")]
        assert diff(old, new).to_json_patch() == [
            {"op": "add", "path": "/goals/3", "value": "N"},
            {"op": "move", "from": "/goals/0", "path": "/goals/3"},
        ]

    def test_elements_are_removed_from_the_last(self):
        old = orgstrategy.loads(HEAD + "goals: [A, B, C]\n")
        new = orgstrategy.loads(HEAD + "goals: [C]\n")
        assert diff(old, new).changes == (
            Change(op="removed", path="/goals/a", old={"name": "A", "id": "a"}, from_index=0),
            Change(op="removed", path="/goals/b", old={"name": "B", "id": "b"}, from_index=1),
        )
        assert diff(old, new).to_json_patch() == [
            {"op": "remove", "path": "/goals/1"},
            {"op": "remove", "path": "/goals/0"},
        ]

    @pytest.mark.parametrize(
        ("before", "after", "patch"),
        [
            ("{x: {id: a}}", "{x: 5}", [{"op": "replace", "path": "/extensions/x", "value": 5}]),
            (
                "{x: {id: a}}",
                "{y: 1}",
                [
                    {"op": "remove", "path": "/extensions/x"},
                    {"op": "add", "path": "/extensions/y", "value": 1},
                ],
            ),
        ],
        ids=["changed", "removed"],
    )
    def test_a_mapping_with_an_id_in_extensions_is_not_an_element(self, before, after, patch):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", orgstrategy.StrategyWarning)  # no plugin claims x
            old = orgstrategy.loads(HEAD + f"extensions: {before}\n")
            new = orgstrategy.loads(HEAD + f"extensions: {after}\n")
        assert diff(old, new).apply(old) == new
        assert diff(old, new).to_json_patch() == patch

    def test_a_derived_id_that_changes_is_not_written(self):
        old = orgstrategy.loads(HEAD + "goals: [{name: Access to care, description: D}]\n")
        new = orgstrategy.loads(HEAD + "goals: [{name: Access to good care, description: D}]\n")
        assert ops(diff(old, new)) == [("changed", "/goals/access-to-care/name")]
        assert [(part.op, part.path) for part in diff(old, new).changes[0].parts] == [
            ("changed", "/goals/access-to-care/id")
        ]
        assert diff(old, new).to_json_patch() == [
            {"op": "replace", "path": "/goals/0/name", "value": "Access to good care"},
        ]

    def test_an_id_that_stops_being_derived_is_added(self):
        old = orgstrategy.loads(HEAD + "goals: [{name: Access to care, description: D}]\n")
        new = orgstrategy.loads(
            HEAD
            + "goals: [{name: Access to good care, id: access-to-good-care-2, description: D}]\n"
        )
        assert diff(old, new).to_json_patch() == [
            {"op": "replace", "path": "/goals/0/name", "value": "Access to good care"},
            {"op": "add", "path": "/goals/0/id", "value": "access-to-good-care-2"},
        ]

    def test_the_only_item_replaced_keeps_its_list(self):
        old = orgstrategy.loads(HEAD + "goals: [Care]\n")
        new = orgstrategy.loads(HEAD + "goals: [Homes]\n")
        assert diff(old, new).to_json_patch() == [
            {"op": "remove", "path": "/goals/0"},
            {"op": "add", "path": "/goals/0", "value": "Homes"},
        ]

    def test_ids_in_nested_lists_are_settled_in_them(self):
        """The inner list is settled first: its element's id goes, not the whole goal."""
        old = orgstrategy.loads(
            HEAD + "goals: [{name: G, objectives: [{id: o-2, name: O, description: D}]}]\n"
        )
        new = orgstrategy.loads(
            HEAD + "goals: [{name: G, objectives: [O, {id: o-2, name: O, description: D}]}]\n"
        )
        assert diff(old, new).to_json_patch() == [
            {"op": "add", "path": "/goals/0/objectives/0", "value": "O"},
            {"op": "remove", "path": "/goals/0/objectives/1/id"},
        ]

    def test_empty_lists_and_mappings_are_left_out(self):
        old = orgstrategy.loads(HEAD + "goals: [{name: Care, extensions: {x: 1}}]\n")
        new = orgstrategy.loads(HEAD + "values: [Kind]\ngoals: [{name: Care, id: c}]\n")
        patch = diff(old, new).to_json_patch()
        assert {"op": "add", "path": "/values", "value": ["Kind"]} in patch
        assert jsonpatch.apply_patch(to_data(old), patch) == to_data(new)
        assert diff(new, old).to_json_patch()[-1] == {"op": "remove", "path": "/values"}

    def test_statements(self):
        old = orgstrategy.loads(HEAD + "vision: A\nmission: {text: M, points: [x]}\n")
        new = orgstrategy.loads(HEAD + "vision: {text: B, points: [y]}\nmission: M\n")
        assert diff(old, new).to_json_patch() == [
            {"op": "replace", "path": "/mission", "value": "M"},
            {"op": "replace", "path": "/vision", "value": {"text": "B", "points": ["y"]}},
        ]


class TestEngine:
    """The one JSON Patch engine applies RFC 6902 as written (its appendix A, and its errors)."""

    @pytest.mark.parametrize(
        ("document", "operations", "result"),
        [
            ({"foo": "bar"}, [{"op": "add", "path": "/baz", "value": "qux"}], None),
            ({"foo": ["bar", "baz"]}, [{"op": "add", "path": "/foo/1", "value": "qux"}], None),
            ({"foo": [1]}, [{"op": "add", "path": "/foo/-", "value": 2}], {"foo": [1, 2]}),
            ({"baz": "qux", "foo": "bar"}, [{"op": "remove", "path": "/baz"}], None),
            ({"foo": ["bar", "qux", "baz"]}, [{"op": "remove", "path": "/foo/1"}], None),
            ({"baz": "qux"}, [{"op": "replace", "path": "/baz", "value": "boo"}], None),
            ({"a": {"b": 1}, "c": {}}, [{"op": "move", "from": "/a/b", "path": "/c/d"}], None),
            ({"l": [1, 2, 3, 4]}, [{"op": "move", "from": "/l/1", "path": "/l/3"}], None),
            ({"a": [1]}, [{"op": "copy", "from": "/a", "path": "/b"}], {"a": [1], "b": [1]}),
            ({"/": 9, "m~n": 8}, [{"op": "test", "path": "/m~0n", "value": 8}], None),
            ({"/": 9}, [{"op": "replace", "path": "/~1", "value": 1}], {"/": 1}),
            ({"foo": "bar"}, [{"op": "add", "path": "/child", "value": {"g": [1]}}], None),
            ({"a": 1}, [{"op": "replace", "path": "", "value": [1]}], [1]),
        ],
    )
    def test_operations(self, document, operations, result):
        expected = jsonpatch.apply_patch(document, operations) if result is None else result
        # apply() changes the document in place: a copy keeps the parameters for a rerun
        assert apply(copy.deepcopy(document), operations) == expected

    @pytest.mark.parametrize(
        ("operation", "reason"),
        [
            ({"op": "add", "path": "/x/y", "value": 1}, "there is no /x"),
            ({"op": "add", "path": "/l/3", "value": 1}, "there is no item 3 in a list of 1"),
            ({"op": "add", "path": "/l/01", "value": 1}, "'01' is not an index of a list"),
            ({"op": "remove", "path": "/l/-"}, "'-' is not an index of a list"),
            ({"op": "replace", "path": "/y", "value": 1}, "there is no /y to replace"),
            ({"op": "remove", "path": "/y"}, "there is no /y"),
            ({"op": "remove", "path": "/s/x"}, "'x' is a step into str, not a container"),
            ({"op": "remove", "path": ""}, "the root cannot be removed"),
            ({"op": "move", "from": "/a", "path": "/a/b"}, "a value cannot be moved into itself"),
            ({"op": "copy", "path": "/b"}, "an operation needs a 'from' that is a JSON Pointer"),
            ({"op": "test", "path": "/s", "value": "t"}, "the value at /s is not the one tested"),
            ({"op": "add", "path": "x", "value": 1}, "a JSON Pointer starts with '/': 'x'"),
            ({"op": "add", "path": "/x"}, "the 'add' operation needs a value"),
            ({"op": "copy", "from": "/q", "path": "/b"}, "there is no /q"),
            ({"path": "/x"}, "None is not a JSON Patch operation"),
            ("add", "an operation needs a 'path' that is a JSON Pointer"),
            ({"op": "replace", "path": "/s"}, "the 'replace' operation needs a value"),
            ({"op": "test", "path": "/s"}, "the 'test' operation needs a value"),
            (["op", "add"], "an operation needs a 'path' that is a JSON Pointer"),
        ],
    )
    def test_errors(self, operation, reason):
        with pytest.raises(PatchError, match="^" + re.escape(reason)):
            apply({"a": {}, "l": [1], "s": "s"}, [operation])

    @pytest.mark.parametrize(
        ("operation", "reason"),
        [
            ({"op": "remove", "path": "/l/1"}, "there is no item 1 in a list of 1"),
            ({"op": "add", "path": "/l/2", "value": 1}, "there is no item 2 in a list of 1"),
            ({"op": "add", "path": "/a/x/y", "value": 1}, "there is no /a/x"),
            ({"op": "add", "path": "/a/x/y/z", "value": 1}, "there is no /a/x"),
            ({"op": "remove", "path": "/a/x"}, "there is no /a/x"),
        ],
    )
    def test_the_reason_names_the_first_missing_step(self, operation, reason):
        with pytest.raises(PatchError) as raised:
            apply({"a": {}, "l": [1], "s": "s"}, [operation])
        assert str(raised.value) == reason

    def test_a_copy_is_not_shared(self):
        document = apply(
            {"a": {"b": [1]}},
            [
                {"op": "copy", "from": "/a", "path": "/c"},
                {"op": "add", "path": "/c/b/-", "value": 2},
            ],
        )
        assert document == {"a": {"b": [1]}, "c": {"b": [1, 2]}}

    def test_values_are_copied(self):
        value = {"x": [1]}
        document = apply({}, [{"op": "add", "path": "/a", "value": value}])
        document["a"]["x"].append(2)
        assert value == {"x": [1]}

    def test_pointers_keep_their_steps(self):
        pointer = Pointer(("a/b", "~", 0))
        assert pointer == "/a~1b/~0/0"
        assert pickle.loads(pickle.dumps(pointer)).steps == ("a/b", "~", 0)
        assert Pointer.parse("") == ""
        assert Pointer.parse("").steps == ()
        change = diff(
            orgstrategy.loads(MINIMAL), orgstrategy.loads(MINIMAL + "values: [Kind]\n")
        ).changes[0]
        assert pickle.loads(pickle.dumps(change)).steps == ("values", "kind")
        assert copy.deepcopy(change) == change


@attrs.frozen(kw_only=True)
class _Rating:
    stars: int


_RATING = Plugin(
    name="rating",
    schema={"type": "object", "properties": {"stars": {"enum": [1, 2, 3]}}, "required": ["stars"]},
    applies_to="organisation",
    model=_Rating,
)


class TestApply:
    """apply() makes the changes on any strategy, with the plugins given, and keeps the diff."""

    def test_to_a_strategy_without_the_place_changed(self):
        found = diff(
            orgstrategy.loads(HEAD + "goals: [{name: A, description: old}]\n"),
            orgstrategy.loads(HEAD + "goals: [{name: A, description: new}]\n"),
        )
        with pytest.raises(orgstrategy.Error) as raised:
            found.apply(orgstrategy.loads(HEAD + "goals: [Z]\n"))
        assert str(raised.value) == (
            "the diff does not apply to this strategy:"
            " the change at /goals/a/description does not fit: no 'a'"
        )

    def test_when_the_result_is_not_a_strategy(self):
        found = diff(
            orgstrategy.loads(HEAD + "goals: [A]\n"),
            orgstrategy.loads(HEAD + "goals: [A, B]\n"),
        )
        with pytest.raises(orgstrategy.Error) as raised:
            found.apply(orgstrategy.loads(HEAD + "goals: [A, {name: C, id: b}]\n"))
        assert str(raised.value) == (
            "the diff does not apply to this strategy: goals: id 'b' is used by items 1 and 2"
        )

    def test_to_a_strategy_with_fewer_elements(self):
        found = diff(
            orgstrategy.loads(HEAD + "goals: [A, B, C]\n"),
            orgstrategy.loads(HEAD + "goals: [A, B, C, N, M]\n"),
        )
        applied = found.apply(orgstrategy.loads(HEAD + "goals: [A]\n"))
        assert [goal.id for goal in applied.goals] == ["a", "n", "m"]

    def test_with_the_plugins_given(self):
        def read(stars: int) -> orgstrategy.Strategy:
            text = HEAD.replace("{name: ", f"{{extensions: {{rating: {{stars: {stars}}}}}, name: ")
            return orgstrategy.loads(text, plugins=[_RATING])

        old, new = read(1), read(2)
        applied = diff(old, new).apply(old, plugins=[_RATING])
        assert applied.organisation.extensions["rating"] == _Rating(stars=2)
        assert applied == new

    def test_an_element_is_found_by_its_new_id(self):
        """After a change of an element's id, later changes find it by that id."""
        old = orgstrategy.loads(HEAD + "goals: [A, {id: c, name: C}]\n")
        changes = (
            Change(op="changed", path="/goals/a/id", old="a", new="b"),
            Change(op="changed", path="/goals/b/name", old="A", new="B"),
        )
        applied = orgstrategy.Diff(changes=changes, old=old, new=old).apply(old)
        assert [(goal.id, goal.name) for goal in applied.goals] == [("b", "B"), ("c", "C")]

    @pytest.mark.parametrize(
        ("document", "path", "to_index", "section", "applied"),
        [
            ("title: T\n", "/extensions/y", None, "y", {"a": (5,)}),
            ("extensions: {x: [0]}\n", "/extensions/x/1", 1, "x", (0, {"a": (5,)})),
        ],
        ids=["in-a-mapping", "in-a-list"],
    )
    def test_the_changes_are_not_changed(self, document, path, to_index, section, applied):
        """A change inside a value another change adds leaves that change's value as it was."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", orgstrategy.StrategyWarning)  # no plugin claims x
            base = orgstrategy.loads(HEAD + document)
        first = Change(op="added", path=path, new={"a": []}, to_index=to_index)
        inner = Change(op="added", path=path + "/a/0", new=5, to_index=0)
        result = orgstrategy.Diff(changes=(first, inner), old=base, new=base).apply(base)
        assert result.extensions[section] == applied
        assert first.new == {"a": []}


class TestChange:
    """A change's reverse undoes it: an addition is a removal, and back."""

    @pytest.mark.parametrize(
        ("change", "reverse"),
        [
            (
                Change(op="added", path="/values/kind", new="Kind", to_index=0),
                Change(op="removed", path="/values/kind", old="Kind", from_index=0),
            ),
            (
                Change(op="removed", path="/values/kind", old="Kind", from_index=2),
                Change(op="added", path="/values/kind", new="Kind", to_index=2),
            ),
            (
                Change(op="changed", path="/title", old="A", new="B"),
                Change(op="changed", path="/title", old="B", new="A"),
            ),
            (
                Change(op="moved", path="/values/kind", from_index=0, to_index=3),
                Change(op="moved", path="/values/kind", from_index=3, to_index=0),
            ),
        ],
        ids=["added", "removed", "changed", "moved"],
    )
    def test_reverse(self, change, reverse):
        assert change.reverse() == reverse


class TestPaths:
    """A change's path is its steps, written as a JSON Pointer once."""

    KEYS = MINIMAL + "extensions: {'a/b': {'c~d': 1, '~1': [1]}, x: {y: 1}}\n"

    def test_keys_with_slashes_and_tildes(self):
        old = orgstrategy.loads(self.KEYS)
        new = orgstrategy.loads(
            MINIMAL + "extensions: {'a/b': {'c~d': 2, '~1': [1, 2]}, x: {y: 1}, '/': 0}\n"
        )
        found = diff(old, new)
        assert [(c.op, c.path, c.steps) for c in found.changes] == [
            ("changed", "/extensions/a~1b/c~0d", ("extensions", "a/b", "c~d")),
            ("added", "/extensions/a~1b/~01/1", ("extensions", "a/b", "~1", 1)),
            ("added", "/extensions/~1", ("extensions", "/")),
        ]
        assert found.to_json_patch() == [
            {"op": "replace", "path": "/extensions/a~1b/c~0d", "value": 2},
            {"op": "add", "path": "/extensions/a~1b/~01/1", "value": 2},
            {"op": "add", "path": "/extensions/~1", "value": 0},
        ]
        assert jsonpatch.apply_patch(to_data(old), found.to_json_patch()) == to_data(new)
        assert found.apply(old) == new
        assert found.reverse().apply(new) == old

    @pytest.mark.parametrize(
        ("before", "after"), [("{y: 1}", "3"), ("3", "{y: [1, {}]}"), ("{y: 1}", "null")]
    )
    def test_a_mapping_becoming_a_scalar_and_back(self, before, after):
        old = orgstrategy.loads(MINIMAL + f"extensions: {{x: {before}}}\n")
        new = orgstrategy.loads(MINIMAL + f"extensions: {{x: {after}}}\n")
        found = diff(old, new)
        assert [(c.op, c.steps) for c in found.changes] == [("changed", ("extensions", "x"))]
        assert found.to_json_patch() == [
            {"op": "replace", "path": "/extensions/x", "value": to_data(new)["extensions"]["x"]}
        ]
        assert found.apply(old) == new
        assert found.reverse().apply(new) == old

    def test_the_path_is_still_a_string(self):
        (change,) = diff(
            orgstrategy.loads(MINIMAL), orgstrategy.loads(MINIMAL + "values: [Kind]\n")
        ).changes
        assert change.path == "/values/kind"
        assert isinstance(change.path, str)
        assert change.steps == ("values", "kind")
        assert attrs.asdict(change)["path"] == "/values/kind"
        assert json.loads(json.dumps(attrs.asdict(change)))["path"] == "/values/kind"
        assert repr(change).startswith("Change(op='added', path='/values/kind', ")

    def test_a_change_made_from_a_string(self):
        change = Change(op="changed", path="/extensions/a~1b/0", old=1, new=2)
        assert change.steps == ("extensions", "a/b", "0")
        assert change == Change(op="changed", path="/extensions/a~1b/0", old=1, new=2)
        assert change.reverse().path == "/extensions/a~1b/0"
        old = orgstrategy.loads(MINIMAL + "extensions: {'a/b': [1]}\n")
        new = orgstrategy.loads(MINIMAL + "extensions: {'a/b': [2]}\n")
        assert orgstrategy.Diff(changes=(change,), old=old, new=new).apply(old) == new


def test_goal_and_priority_are_different_kinds():
    assert Goal(name="A") != Priority(name="A")


class TestARealStrategy:
    """The issue's scenario on the NHS North East London example: five edits, five changes."""

    @pytest.fixture
    def versions(self, tmp_path: Path) -> tuple[Path, Path]:
        text = (EXAMPLES / "nhs-north-east-london.yaml").read_text(encoding="utf-8")
        before, priorities = text.split("\npriorities:\n")
        blocks = priorities.split("  - id: ")
        head, employment, conditions, children, mental, *rest = blocks
        head = before + "\npriorities:\n" + head
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
            'Ambition changed from "We will work with and for all the people of north east London'
            ' to create meaningful improvements in health, wellbeing and equity" to "We will work'
            " with and for all the people of north east London to create lasting improvements in"
            ' health, wellbeing and equity"',
            # the organisation's label for its priorities, made singular
            "Joint action area *Mental health* removed",
            "Joint action area *Children and young people*: description changed from"
            ' "to make north east London the best place to grow up, through early support when it'
            ' is needed and the delivery of accessible and responsive services." to "to make north'
            " east London the best place in England to grow up, through early support when it is"
            ' needed and the delivery of accessible and responsive services."',
            "Joint action area *Long term conditions* moved from position 2 to 1",
            "Joint action area *Health inequalities* added",
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


class TestFormat11Changes:
    """What format 1.1 added reads as an officer would write it, and still applies."""

    HEAD = 'orgstrategy: "1.1"\norganisation: {name: North Trust}\n'
    BASE = (
        "aligns_to: [{id: ics, title: North ICS plan}]\npriorities: [Waits, Mental health]\n"
        "goals:\n  - name: Better care\n"
    )

    def changes(self, before: str, after: str) -> tuple[list[str], orgstrategy.Diff]:
        old = orgstrategy.loads(self.HEAD + self.BASE + before)
        new = orgstrategy.loads(self.HEAD + self.BASE + after)
        found = diff(old, new)
        assert found.apply(old) == new
        assert exactly(apply(to_data(old), found.to_json_patch())) == exactly(to_data(new))
        return _changelog.text(found).splitlines(), found

    def test_references_are_added_and_removed(self):
        lines, found = self.changes(
            "    contributes_to: [priorities/waits, 'ics:']\n",
            "    contributes_to: ['ics:', priorities/mental-health, 'ics:priorities/x']\n",
        )
        assert lines == [
            "Goal *Better care* no longer contributes to priority *Waits*",
            "Goal *Better care* now contributes to priority *Mental health*",
            "Goal *Better care* now contributes to priorities/x in *North ICS plan*",
        ]
        assert [(c.op, c.path) for c in found.changes] == [
            ("removed", "/goals/better-care/contributes_to/0"),
            ("added", "/goals/better-care/contributes_to/1"),
            ("added", "/goals/better-care/contributes_to/2"),
        ]

    def test_references_in_another_order_are_compared_by_position(self):
        lines, _ = self.changes(
            "    contributes_to: [priorities/waits, priorities/mental-health]\n",
            "    contributes_to: [priorities/mental-health, priorities/waits]\n",
        )
        assert lines == [
            "Goal *Better care* contributes to priority *Mental health* instead of priority *Waits*",
            "Goal *Better care* contributes to priority *Waits* instead of priority *Mental health*",
        ]

    def test_a_whole_plan_and_an_unknown_name(self):
        lines, _ = self.changes("", "    contributes_to: ['ics:']\n")
        assert lines == ["Goal *Better care* now contributes to *North ICS plan*"]

    def test_status_in_words_and_translations_by_language(self):
        lines, _ = self.changes(
            "    status: on-track\n    translations: {cy: {name: Gofal gwell}}\n",
            "    status: at-risk\n    translations: {cy: {name: Gofal gwell iawn}, ga: {name: Cúram}}\n",
        )
        assert lines == [
            "Goal *Better care*: status changed from on track to at risk",
            'Goal *Better care*: name (cy) changed from "Gofal gwell" to "Gofal gwell iawn"',
            "Goal *Better care*: translation (ga) added: Cúram",
        ]

    def test_results_are_named_by_their_period(self):
        lines, _ = self.changes(
            "    measures: [{name: Seen, results: [{period: 2023/24, actual: 15000}]}]\n",
            "    measures: [{name: Seen, results: [{period: 2023/24, actual: 15765}]}]\n",
        )
        assert lines == [
            "Goal *Better care* > Measure *Seen* > result 2023/24: actual changed from 15,000 to 15,765"
        ]


def test_a_changed_alias_of_aligns_to_is_a_change():
    """aligns_to entries are not elements: their id is compared like any field."""
    head = 'orgstrategy: "1.1"\norganisation: {name: Here}\n'
    old = orgstrategy.loads(head + "aligns_to: [{id: ics, title: ICS plan}]\n")
    new = orgstrategy.loads(head + "aligns_to: [{id: nel-ics, title: ICS plan}]\n")
    found = diff(old, new)
    assert [(c.op, c.path, c.old, c.new) for c in found.changes] == [
        ("changed", "/aligns_to/0/id", "ics", "nel-ics")
    ]
    assert found.apply(old) == new
