from __future__ import annotations

import datetime
import inspect

import attrs
import pytest

import orgstrategy
from orgstrategy import (
    Commitment,
    Compact,
    Goal,
    Measure,
    Organisation,
    Outcome,
    Period,
    Result,
    Source,
    Statement,
    Strategy,
    Theme,
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
        with pytest.raises(ValueError, match="not a valid id"):
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

    def test_every_public_name_has_a_docstring(self):
        for name in orgstrategy.__all__:
            value = getattr(orgstrategy, name)
            if isinstance(value, type) or inspect.isfunction(value):
                assert value.__doc__, name

    def test_errors_are_a_hierarchy(self):
        assert issubclass(orgstrategy.ValidationError, orgstrategy.Error)
        assert issubclass(orgstrategy.FileError, orgstrategy.Error)
        assert issubclass(orgstrategy.FileError, OSError)
