"""The three-way merge (issue 19): element by element, conflicts marked as data and
reported by validate at their lines, and git's merge driver in real repositories."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orgstrategy
from conftest import EXAMPLES, Git
from orgstrategy import Goal, Objective, Priority
from orgstrategy._cli import main
from orgstrategy._conflicts import BASE, OURS, THEIRS, marker
from orgstrategy._merge import _order, merge
from orgstrategy.testing import strategies

HEAD = 'orgstrategy: "1.1"\norganisation: {name: North Trust}\n'
TEES = EXAMPLES / "tees-esk-and-wear-valleys.yaml"


def load(text: str) -> orgstrategy.Strategy:
    return orgstrategy.loads(HEAD + text)


def names(strategy: orgstrategy.Strategy | None, section: str = "goals") -> list[str]:
    assert strategy is not None
    return [element.name for element in getattr(strategy, section)]


class TestMerge:
    def test_both_add_at_the_end_ours_first(self):
        merged = merge(
            load("goals: [Care, Homes]"),
            load("goals: [Care, Homes, Jobs]"),
            load("goals: [Care, Homes, Schools]"),
        )
        assert merged.conflicts == ()
        assert names(merged.strategy) == ["Care", "Homes", "Jobs", "Schools"]

    def test_additions_go_before_what_they_came_before(self):
        merged = merge(
            load("goals: [Care, Homes]"),
            load("goals: [Care, Jobs, Homes]"),
            load("goals: [Homes, Schools, Care]"),  # reordered, and one added before Care
        )
        # Jobs came before Homes, Schools before Care
        assert names(merged.strategy) == ["Jobs", "Homes", "Schools", "Care"]

    def test_one_reorders_the_other_rewords(self):
        # the rewording changes the derived id: still the same priority on both sides
        merged = merge(
            load("priorities: [Care, Homes, Jobs]"),
            load("priorities: [Jobs, Care, Homes]"),
            load("priorities: [Care, Better homes, Jobs]"),
        )
        assert merged.conflicts == ()
        assert names(merged.strategy, "priorities") == ["Jobs", "Care", "Better homes"]

    def test_both_reorder_ours_wins(self):
        merged = merge(load("goals: [A, B, C]"), load("goals: [C, A, B]"), load("goals: [B, A, C]"))
        assert names(merged.strategy) == ["C", "A", "B"]

    def test_different_fields_of_one_element(self):
        base = load("goals: [{id: care, name: Care, objectives: [Quick, Safe]}]")
        ours = load("goals: [{id: care, name: Better care, objectives: [Quick, Safe]}]")
        theirs = load(
            "goals: [{id: care, name: Care, description: For all, objectives: [Quick, Kind]}]"
        )
        merged = merge(base, ours, theirs)
        assert merged.conflicts == ()
        assert merged.strategy is not None
        (goal,) = merged.strategy.goals
        assert (goal.id, goal.name, goal.description) == ("care", "Better care", "For all")
        assert [objective.name for objective in goal.objectives] == ["Quick", "Kind"]

    def test_an_explicit_id_changed_on_one_side(self):
        base = load("values: [{id: open, name: Open}]")
        ours = load("values: [{id: openness, name: Open}]")
        theirs = load("values: [{id: open, name: Open, description: We publish}]")
        merged = merge(base, ours, theirs)
        assert merged.strategy is not None
        assert merged.strategy.values[0].id == "openness"
        assert merged.strategy.values[0].description == "We publish"

    def test_an_explicit_id_changed_on_the_other_side(self):
        base = load("values: [{id: open, name: Open}]")
        theirs = load("values: [{id: openness, name: Open}]")
        ours = load("values: [{id: open, name: Open, description: We publish}]")
        merged = merge(base, ours, theirs)
        assert merged.strategy is not None
        assert merged.strategy.values[0].id == "openness"

    def test_an_explicit_id_changed_differently_on_both_sides(self):
        merged = merge(
            load("values: [{id: open, name: Open}]"),
            load("values: [{id: openness, name: Open}]"),
            load("values: [{id: candour, name: Open}]"),
        )
        assert merged.conflicts == (("values", 0, "id"),)

    def test_a_field_removed_on_one_side(self):
        merged = merge(
            load("goals: [{id: care, name: Care, description: Old}]"),
            load("goals: [{id: care, name: Care}]"),
            load("goals: [{id: care, name: Better care, description: Old}]"),
        )
        assert merged.strategy is not None
        assert (merged.strategy.goals[0].name, merged.strategy.goals[0].description) == (
            "Better care",
            None,
        )

    def test_the_same_change_on_both_sides_is_made_once(self):
        base, both = load("vision: Care"), load("vision: Care for all")
        assert merge(base, both, both).strategy == both

    def test_the_same_field_changed_differently_is_a_conflict(self):
        merged = merge(
            load("goals: [{name: Care, description: Old}]"),
            load("goals: [{name: Care, description: Ours}]"),
            load("goals: [{name: Care, description: Theirs}]"),
        )
        assert merged.strategy is None
        assert merged.conflicts == (("goals", 0, "description"),)
        # the rest is written canonically, the element written out to hold the conflict
        assert merged.data["goals"] == [
            {"name": "Care", "description": marker("Ours", "Old", "Theirs")}
        ]

    def test_removed_on_one_side_changed_on_the_other(self):
        merged = merge(
            load("goals: [Care, Homes]"),
            load("goals: [Care]"),
            load("goals: [Care, {name: Homes, description: More}]"),
        )
        assert merged.conflicts == (("goals", 1),)
        conflict = merged.data["goals"][1]
        assert conflict[OURS] is None
        assert conflict[THEIRS] == {"name": "Homes", "id": "homes", "description": "More"}
        assert conflict[BASE] == {"name": "Homes", "id": "homes"}

    def test_both_rename_one_conflict_not_two(self):
        merged = merge(
            load("goals: [Care]"), load("goals: [Good care]"), load("goals: [Kind care]")
        )
        assert merged.conflicts == (("goals", 0, "name"),)

    def test_a_statement_written_short_is_written_out(self):
        merged = merge(
            load("vision: Care\ngoals: [Homes]"),
            load("vision: Care for all\ngoals: [Homes]"),
            load("vision: Care for everyone\ngoals: [Homes]"),
        )
        # the text is the place that changed
        assert merged.data["vision"] == {
            "text": marker("Care for all", "Care", "Care for everyone")
        }

    def test_extensions_conflict_as_a_whole(self):
        merged = merge(
            load("extensions: {x: {a: 1}}"),
            load("extensions: {x: {a: 2}}"),
            load("extensions: {x: {a: 3}}"),
        )
        assert merged.conflicts == (("extensions",),)

    def test_numbers_are_not_booleans(self):
        base = load("goals: [{name: Care, measures: [{name: Waits, target: 1}]}]")
        ours = load("goals: [{name: Care, measures: [{name: Waits, target: 1.0}]}]")
        merged = merge(base, ours, base)
        assert merged.strategy == ours

    def test_changes_that_make_no_strategy_together(self):
        # each side moves one end of the period: together, it ends before it starts
        merged = merge(
            load("period: {start: 2019, end: 2025}"),
            load("period: {start: 2022, end: 2025}"),
            load("period: {start: 2019, end: 2021}"),
        )
        assert merged.strategy is None
        assert merged.conflicts == ()
        assert merged.data["period"] == {"start": 2022, "end": 2021}
        problems = orgstrategy.validate(orgstrategy._yaml.dump(merged.data).encode())
        assert [problem.code for problem in problems] == ["period-order"]


@pytest.mark.parametrize(
    ("base", "sides", "expected"),
    [
        (["a", "b"], [["a", "b", "x"], ["a", "b", "y"]], ["a", "b", "x", "y"]),
        (["a", "b"], [["b", "a"], ["a", "b"]], ["b", "a"]),
        (["a", "b"], [["a", "b"], ["b", "a"]], ["b", "a"]),
        (["a", "b"], [["x", "a", "b"], ["y", "a", "b"]], ["x", "y", "a", "b"]),
        (["a", "b"], [["a"], ["a", "b"]], ["a", "b"]),  # removed: merge() drops it
    ],
)
def test_order(base, sides, expected):
    assert _order(base, sides) == expected


class TestProperties:
    @settings(max_examples=30)
    @given(strategies(max_elements=2), strategies(max_elements=2))
    def test_one_side_unchanged_gives_the_other(self, base, other):
        assert merge(base, other, base).strategy == other
        assert merge(base, base, other).strategy == other
        assert merge(base, other, other).strategy == other

    @settings(max_examples=30)
    @given(strategies(max_elements=2), st.data())
    def test_edits_of_different_elements_both_land(self, base, data):
        names = data.draw(st.lists(st.sampled_from("ABCDEFGH"), min_size=2, unique=True))
        base = attrs.evolve(base, priorities=tuple(Priority(name=name) for name in names))
        ours_at, theirs_at = data.draw(st.permutations(range(len(names))))[:2]

        def edited(at: int, words: str) -> orgstrategy.Strategy:
            changed = list(base.priorities)
            changed[at] = attrs.evolve(changed[at], description=words)
            return attrs.evolve(base, priorities=tuple(changed))

        merged = merge(base, edited(ours_at, "ours"), edited(theirs_at, "theirs"))
        assert merged.strategy is not None
        described = [priority.description for priority in merged.strategy.priorities]
        assert described[ours_at] == "ours"
        assert described[theirs_at] == "theirs"
        assert sum(d is not None for d in described) == 2


class TestValidateReportsConflicts:
    def test_at_the_line_of_the_place(self):
        merged = merge(
            load("goals: [Care]\nvision: Care"),
            load("goals: [Care]\nvision: Care for all"),
            load("goals: [Care]\nvision: Care for everyone"),
        )
        text = orgstrategy._yaml.dump(merged.data)
        problems = orgstrategy.validate(text.encode(), file="s.yaml")
        (problem,) = problems
        assert problem.code == "merge-conflict"
        assert problem.path == "vision.text"
        assert problem.line == text.splitlines().index("  text:") + 2
        assert problem.message == (
            "merge conflict between ours the text 'Care for all', theirs the text "
            "'Care for everyone', base the text 'Care': keep one version as the value "
            "here and delete the others"
        )
        resolved = text.replace(text[text.index("vision:") :], "vision: Care for all\n")
        assert orgstrategy.validate(resolved.encode()) == []

    def test_the_rest_is_checked_too(self):
        text = HEAD + f'vision: {{"{OURS}": A, "{BASE}": B, "{THEIRS}": C}}\nvalues: [1]\n'
        codes = [problem.code for problem in orgstrategy.validate(text.encode())]
        assert codes == ["merge-conflict", "type"]

    def test_in_extensions_not_a_namespace(self):
        text = HEAD + f'extensions: {{"{OURS}": {{}}, "{BASE}": null, "{THEIRS}": {{}}}}\n'
        codes = [problem.code for problem in orgstrategy.validate(text.encode())]
        assert codes == ["merge-conflict"]


# git's merge driver --------------------------------------------------------------------


@pytest.fixture
def merging(tmp_path: Path, git: Git) -> Git:
    """Return *git* in a repository whose YAML files orgstrategy merges, holding TEES."""
    (tmp_path / ".gitattributes").write_text("*.yaml merge=orgstrategy\n")
    driver = f"{sys.executable} -m orgstrategy merge-driver %O %A %B %P"
    git("config", "merge.orgstrategy.driver", driver)
    shutil.copy(TEES, tmp_path / "strategy.yaml")
    git("add", ".")
    git("commit", "-qm", "base")
    return git


def branches(root: Path, git: Git, ours: Callable[[str], str], theirs: Callable[[str], str]):
    """Commit *theirs*'s edit on a branch and *ours*'s on main; return the merge's result."""
    path = root / "strategy.yaml"
    original = path.read_text(encoding="utf-8")
    ours_branch = git("rev-parse", "--abbrev-ref", "HEAD").stdout.strip()
    git("checkout", "-qb", "theirs")
    path.write_text(theirs(original), encoding="utf-8")
    git("commit", "-qam", "theirs")
    git("checkout", "-q", ours_branch)
    path.write_text(ours(original), encoding="utf-8")
    git("commit", "-qam", "ours")
    return git("merge", "--no-edit", "theirs", check=False)


END_OF_GOALS = "      - Offer training, job and career opportunities\n"


def goal_added(name: str) -> Callable[[str], str]:
    return lambda text: text.replace(END_OF_GOALS, f"{END_OF_GOALS}  - name: {name}\n")


class TestGitMergeDriver:
    def test_both_add_a_goal_at_the_end(self, tmp_path, merging):
        done = branches(tmp_path, merging, goal_added("Use money well"), goal_added("Green care"))
        assert done.returncode == 0, done.stderr
        merged = orgstrategy.load(tmp_path / "strategy.yaml")
        assert names(merged)[-2:] == ["Use money well", "Green care"]
        # the comments at the top of ours are kept
        assert (tmp_path / "strategy.yaml").read_text().startswith("# Tees, Esk and Wear")
        # which a line merge could not do
        merging("checkout", "-q", "HEAD~1")
        shown = [
            merging("show", f"{rev}:strategy.yaml").stdout for rev in ("HEAD~1", "HEAD", "theirs")
        ]
        for name, text in zip(("base", "ours", "theirs"), shown, strict=True):
            (tmp_path / name).write_text(text)
        lines = merging("merge-file", "-p", "ours", "base", "theirs", check=False)
        assert lines.returncode == 1  # one conflict

    def test_one_reorders_values_the_other_rewords_one(self, tmp_path, merging):
        def reordered(text: str) -> str:
            start, end = text.index("  - id: respect"), text.index("  - id: compassion")
            return text[:start] + text[end:] + text[start:end]

        def reworded(text: str) -> str:
            return text.replace("we will be a great employer", "we will be a great place to work")

        done = branches(tmp_path, merging, reordered, reworded)
        assert done.returncode == 0, done.stderr
        merged = orgstrategy.load(tmp_path / "strategy.yaml")
        assert names(merged, "values") == ["Compassion", "Responsibility", "Respect"]
        assert names(merged)[1] == "we will be a great place to work"

    def test_the_same_field_edited_on_both_is_a_reported_conflict(self, tmp_path, merging):
        def edit(words: str) -> Callable[[str], str]:
            return lambda text: text.replace("we will be a great employer", words)

        done = branches(tmp_path, merging, edit("we will be the best employer"), edit("a fine one"))
        assert done.returncode != 0
        assert "CONFLICT" in done.stdout
        problems = orgstrategy.validate(tmp_path / "strategy.yaml")
        assert [(p.code, p.path) for p in problems] == [("merge-conflict", "goals[1].name")]
        line = problems[0].line
        text = (tmp_path / "strategy.yaml").read_text().splitlines()
        assert text[line - 1].strip() == "<<<<<<< ours: we will be the best employer"
        assert f"strategy.yaml:{line}:" in done.stderr  # reported by the driver, at its line
        assert "merge-conflict" in done.stderr

    def test_a_side_that_is_no_strategy_is_merged_by_lines(self, tmp_path, merging):
        done = branches(
            tmp_path,
            merging,
            lambda text: text.replace("organisation:", "organisation: [", 1),
            lambda text: text.replace("Respect", "Regard"),
        )
        assert "merged by lines" in done.stderr
        assert "yaml-syntax" in done.stderr


class TestDriverCommand:
    def write(self, tmp_path: Path, **texts: str) -> list[str]:
        for name, text in texts.items():
            (tmp_path / name).write_text(HEAD + text, encoding="utf-8")
        return [str(tmp_path / name) for name in texts]

    def test_usage(self, capsys):
        assert main(["merge-driver", "one", "two"]) == 2
        assert "git passes BASE OURS THEIRS" in capsys.readouterr().err
        assert main(["merge-driver", "--help"]) == 0
        assert "%O %A %B %P" in capsys.readouterr().out

    def test_unreadable(self, tmp_path, capsys):
        assert main(["merge-driver", *(str(tmp_path / n) for n in "abc"), "s.yaml"]) == 2
        assert "cannot read" in capsys.readouterr().err

    def test_json_is_written_as_json(self, tmp_path):
        head = '{"orgstrategy": "1.0", "organisation": {"name": "N"}, "goals": '
        for name, goals in (("base", '["A"]'), ("ours", '["A", "B"]'), ("theirs", '["A", "C"]')):
            (tmp_path / name).write_text(head + goals + "}")
        files = [str(tmp_path / name) for name in ("base", "ours", "theirs")]
        assert main(["merge-driver", *files, "strategy.json"]) == 0
        merged = orgstrategy.loads((tmp_path / "ours").read_bytes(), "json")
        assert names(merged) == ["A", "B", "C"]

    def test_a_clean_line_merge_of_the_same_strategy_is_kept(self, tmp_path, git):
        text = "vision: V    # Kept.\n\n\n\ngoals:\n  - A    # a comment, kept too\n"
        files = self.write(
            tmp_path,
            base=text,
            ours=text.replace("V ", "Care "),
            theirs=text.replace("A    #", "A\n  - B    #"),
        )
        assert main(["merge-driver", *files, "s.yaml"]) == 0
        merged = (tmp_path / "ours").read_text()
        assert "vision: Care    # Kept." in merged
        assert "# a comment, kept too" in merged
        assert names(orgstrategy.load(tmp_path / "ours", format="yaml")) == ["A", "B"]

    def test_a_clean_line_merge_that_is_no_strategy_is_not_kept(self, tmp_path, git):
        # both add the goal with id x, at different places: the lines merge, into two
        files = self.write(
            tmp_path,
            base="goals:\n  - A\n  - B\n",
            ours="goals:\n  - {id: x, name: X}\n  - A\n  - B\n",
            theirs="goals:\n  - A\n  - B\n  - {id: x, name: X}\n",
        )
        assert main(["merge-driver", *files, "s.yaml"]) == 0
        assert names(orgstrategy.load(tmp_path / "ours", format="yaml")) == ["X", "A", "B"]

    def test_an_invalid_side_merged_cleanly_by_lines(self, tmp_path, capsys, git):
        files = self.write(
            tmp_path,
            base="goals:\n  - A\n\n\n\nvision: V\n",
            ours="goals:\n  - A\n\n\n\nvision: V\nvisoin: typo\n",
            theirs="goals:\n  - B\n\n\n\nvision: V\n",
        )
        assert main(["merge-driver", *files, "s.yaml"]) == 0
        assert "unknown-key" in capsys.readouterr().err
        assert "  - B\n" in (tmp_path / "ours").read_text()

    def test_a_path_of_no_known_format_is_merged_by_lines(self, tmp_path, capsys, git):
        files = self.write(tmp_path, base="goals: [A]", ours="goals: [A]", theirs="goals: [B]")
        assert main(["merge-driver", *files, "plan.txt"]) == 0
        assert "cannot tell the format" in capsys.readouterr().err

    def test_git_merge_file_failing(self, tmp_path):
        from orgstrategy._cli._merge import _line_merge

        missing = [str(tmp_path / name) for name in ("a", "b", "c")]
        assert _line_merge(missing, "s.yaml") is None

    def test_hostile_text_is_data_on_the_terminal(self, tmp_path, capsys):
        files = self.write(
            tmp_path,
            base='vision: "Care"',
            ours='vision: "Care\\e[31m\\n::error::forged"',
            theirs='vision: "Care for all"',
        )
        assert main(["merge-driver", *files, "s.yaml"]) == 1
        err = capsys.readouterr().err
        assert "\x1b" not in err
        assert "\n::error::" not in err

    def test_no_git_no_line_merge(self, tmp_path, capsys, monkeypatch):
        monkeypatch.setenv("PATH", str(tmp_path))
        files = self.write(tmp_path, base="goals: [A]", ours="goals: [", theirs="goals: [B]")
        assert main(["merge-driver", *files]) == 1
        assert "the merge is left to you" in capsys.readouterr().err


def test_a_merge_of_objectives_within_goals():
    base = load("goals: [{id: g, name: G, objectives: [A, B]}]")
    ours = attrs.evolve(
        base,
        goals=(
            Goal(
                id="g",
                name="G",
                objectives=(Objective(name="A"), Objective(name="B"), Objective(name="C")),
            ),
        ),
    )
    theirs = attrs.evolve(base, goals=(Goal(id="g", name="G", objectives=(Objective(name="B"),)),))
    merged = merge(base, ours, theirs)
    assert merged.strategy is not None
    assert [o.name for o in merged.strategy.goals[0].objectives] == ["B", "C"]
