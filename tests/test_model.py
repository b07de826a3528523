from __future__ import annotations

import ast
import datetime
import inspect
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import orgstrategy
from orgstrategy import (
    Behaviour,
    Commitment,
    Compact,
    Goal,
    Meaning,
    Measure,
    Objective,
    Organisation,
    Outcome,
    Period,
    Principle,
    Priority,
    Result,
    Source,
    Stakeholder,
    Statement,
    Strategy,
    Theme,
    Value,
)


def strategy(**fields):
    return Strategy(organisation=Organisation(name="Here"), **fields)


class TestElements:
    """Elements derive their id, freeze their lists and refuse blank names."""

    def test_id_is_derived_from_the_name(self):
        assert Goal(name="Great employer").id == "great-employer"

    def test_lists_are_refused(self):
        with pytest.raises(TypeError, match="'outcomes' must be <class 'tuple'>"):
            Goal(name="G", outcomes=[Outcome(name="O")])  # type: ignore[arg-type]

    def test_frozen(self):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            Goal(name="G").name = "H"  # type: ignore[misc]

    def test_evolve(self):
        goal = Goal(name="G")
        assert attrs.evolve(goal, description="d").description == "d"

    @pytest.mark.parametrize("name", ["", "   "])
    def test_blank_name(self, name):
        with pytest.raises(ValueError, match="name must not be empty"):
            Goal(name=name)

    def test_bad_id(self):
        with pytest.raises(ValueError, match="'id' must match regex"):
            Goal(name="G", id="has space")

    def test_duplicate_ids(self):
        with pytest.raises(ValueError, match="id 'g' is used by items 0 and 1"):
            strategy(goals=(Goal(name="G"), Goal(name="g")))

    def test_hashable(self):
        assert hash(Goal(name="G")) == hash(Goal(name="G"))

    def test_extensions_are_deeply_frozen(self):
        goal = Goal(name="G", extensions={"nhs": {"codes": [1, 2]}})
        assert goal.extensions["nhs"]["codes"] == (1, 2)
        with pytest.raises(TypeError):
            goal.extensions["nhs"]["x"] = 1  # type: ignore[index]
        assert goal == Goal(name="G", extensions={"nhs": {"codes": [1, 2]}})


class TestDuplicateIdsInEveryList:
    """Every list of elements in the model refuses two elements with one id, naming both."""

    @pytest.mark.parametrize(
        ("build", "field"),
        [
            (lambda items: strategy(goals=items(Goal)), "goals"),
            (lambda items: strategy(priorities=items(Priority)), "priorities"),
            (lambda items: strategy(values=items(Value)), "values"),
            (lambda items: strategy(principles=items(Principle)), "principles"),
            (lambda items: strategy(stakeholders=items(Stakeholder)), "stakeholders"),
            (lambda items: Goal(name="G", outcomes=items(Outcome)), "outcomes"),
            (lambda items: Priority(name="P", objectives=items(Objective)), "objectives"),
            (lambda items: Goal(name="G", measures=items(Measure)), "measures"),
            (lambda items: Objective(name="O", measures=items(Measure)), "measures"),
            (lambda items: Value(name="V", behaviours=items(Behaviour)), "behaviours"),
            (lambda items: Compact(commitments=items(Commitment)), "commitments"),
            (lambda items: Compact(themes=items(Theme)), "themes"),
            (lambda items: Theme(name="T", commitments=items(Commitment)), "commitments"),
            (lambda items: Statement(text="S", meanings=items(Meaning)), "meanings"),
        ],
        ids=[
            "goals",
            "priorities",
            "values",
            "principles",
            "stakeholders",
            "aim-outcomes",
            "aim-objectives",
            "aim-measures",
            "objective-measures",
            "behaviours",
            "compact-commitments",
            "themes",
            "theme-commitments",
            "meanings",
        ],
    )
    def test_refused(self, build, field):
        def items(cls):
            return (cls(name="A"), cls(name="B", id="x"), cls(name="C", id="x"))

        with pytest.raises(ValueError, match=f"^{field}: id 'x' is used by items 1 and 2$"):
            build(items)

    def test_the_same_id_in_two_lists_is_allowed(self):
        made = strategy(values=(Value(name="Care"),), principles=(Principle(name="Care"),))
        assert (made.values[0].id, made.principles[0].id) == ("care", "care")


class TestInvariants:
    """What every strategy object holds true."""

    def test_statement_needs_text_or_points(self):
        with pytest.raises(ValueError, match="text or points"):
            Statement()
        assert Statement(points=("a",)).points == ("a",)

    def test_blank_point(self):
        with pytest.raises(ValueError, match="points must not be empty"):
            Statement(points=(" ",))

    def test_source_needs_title_or_url(self):
        with pytest.raises(ValueError, match="title or a url"):
            Source(author="Someone")

    def test_period_needs_an_end(self):
        with pytest.raises(ValueError, match="start or an end"):
            Period()

    @pytest.mark.parametrize(
        ("start", "end"),
        [(2025, 2025), (2025, datetime.date(2025, 1, 1)), (datetime.date(2025, 12, 31), 2025)],
    )
    def test_period_in_order(self, start, end):
        assert Period(start=start, end=end).end == end

    @pytest.mark.parametrize(
        ("start", "end"),
        [(2026, 2025), (datetime.date(2025, 2, 1), datetime.date(2025, 1, 31))],
    )
    def test_period_out_of_order(self, start, end):
        with pytest.raises(ValueError, match="before start"):
            Period(start=start, end=end)

    def test_year_range(self):
        with pytest.raises(ValueError, match="between 1000 and 9999"):
            Period(start=99)

    def test_result_order(self):
        with pytest.raises(ValueError, match="before start"):
            Result(start=2025, end=2024)

    @pytest.mark.parametrize("target", [float("nan"), float("inf"), " "])
    def test_quantity(self, target):
        with pytest.raises(ValueError, match="target must"):
            Measure(name="M", target=target)

    def test_labels_name_sections(self):
        with pytest.raises(ValueError, match="'goal' is not a section"):
            strategy(labels={"goal": "Our aims"})
        with pytest.raises(ValueError, match="must not be empty"):
            strategy(labels={"goals": " "})

    def test_status(self):
        with pytest.raises(ValueError, match="status"):
            strategy(status="final")  # type: ignore[arg-type]

    def test_compact_themes(self):
        compact = Compact(themes=(Theme(name="System first", commitments=(Commitment(name="x"),)),))
        assert compact.themes[0].id == "system-first"


class TestPublicApi:
    """The front door exports a sorted, documented API."""

    def test_all_is_sorted_and_importable(self):
        def isort_style(name: str) -> tuple[bool, bool, str]:
            return (not name.isupper(), not name[0].isupper(), name)

        assert list(orgstrategy.__all__) == sorted(orgstrategy.__all__, key=isort_style)
        for name in orgstrategy.__all__:
            assert getattr(orgstrategy, name) is not None

    def test_what_type_checkers_see_is_what_loads(self):
        """The imports for type checkers name each public name where it is loaded from."""
        tree = ast.parse(Path(orgstrategy.__file__).read_text(encoding="utf-8"))
        guarded = next(node for node in tree.body if isinstance(node, ast.If))
        seen = {
            alias.name: node.module
            for node in guarded.body
            if isinstance(node, ast.ImportFrom) and node.module.startswith("orgstrategy.")
            for alias in node.names
        }
        assert seen == orgstrategy._PUBLIC
        assert set(seen) == set(orgstrategy.__all__)

    def test_importing_builds_nothing(self):
        """``import orgstrategy`` alone loads no module of the package (names load when used)."""
        code = (
            "import sys, orgstrategy;"
            "print(sorted(m for m in sys.modules if m.startswith('orgstrategy.')))"
        )
        found = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert found.stdout == "[]\n"

    def test_unknown_names(self):
        with pytest.raises(AttributeError, match="module 'orgstrategy' has no attribute 'lod'"):
            orgstrategy.lod  # noqa: B018
        assert {"load", "formats", "lint", "Strategy"} <= set(dir(orgstrategy))

    def test_every_public_name_has_a_docstring(self):
        for name in orgstrategy.__all__:
            value = getattr(orgstrategy, name)
            if isinstance(value, type) or inspect.isfunction(value):
                assert value.__doc__, name

    def test_errors_are_a_hierarchy(self):
        assert issubclass(orgstrategy.ValidationError, orgstrategy.Error)
        assert issubclass(orgstrategy.FileError, orgstrategy.Error)
        assert issubclass(orgstrategy.FileError, OSError)


class TestYearsInMemory:
    """A year is a whole number in memory as in documents: what dumps writes, validate reads."""

    @pytest.mark.parametrize("value", [2025.0, True, "2025"])
    def test_not_a_whole_number_nor_a_date(self, value):
        with pytest.raises(TypeError, match="is neither a year"):
            Period(start=value)

    def test_a_year_and_a_date(self):
        assert (Period(start=2025).start, Period(end=datetime.date(2026, 3, 31)).end) == (
            2025,
            datetime.date(2026, 3, 31),
        )


def test_the_lists_of_elements_and_their_kinds():
    """Read from the classes; a new list of elements shows here first."""
    from orgstrategy._model import ELEMENT_KINDS

    assert ELEMENT_KINDS == {
        "goals": "goal",
        "priorities": "priority",
        "values": "value",
        "principles": "principle",
        "stakeholders": "stakeholder",
        "meanings": "meaning",
        "outcomes": "outcome",
        "objectives": "objective",
        "measures": "measure",
        "behaviours": "behaviour",
        "commitments": "commitment",
        "themes": "theme",
        # format 1.1
        "mandates": "mandate",
        "enablers": "enabler",
        "actions": "action",
    }


def test_the_statements_and_which_are_one_sentence():
    """Read from the classes; the ``long-statement`` rule checks the brief ones."""
    from orgstrategy._model import BRIEF_STATEMENTS, STATEMENT_SECTIONS

    assert STATEMENT_SECTIONS == ("mission", "vision", "purpose", "ambition")
    assert BRIEF_STATEMENTS == ("mission", "vision", "purpose")
