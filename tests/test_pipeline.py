"""One pipeline for every reader: parsers, ``from_data``, and the plugins in effect as an argument."""

from __future__ import annotations

import pytest

import orgstrategy
from orgstrategy import Error, ValidationError, formats, lint, plugins
from orgstrategy._positions import Positions

HEAD = 'orgstrategy: "1.0"\norganisation:\n  name: Here\n'
WARD = plugins.Plugin(name="ward", schema={"type": "string"}, applies_to="goal")


def _pairs(text, *, file, limits):
    """A parser of ``key=value`` lines: each value a goal, placed on its line."""
    lines = (text.decode() if isinstance(text, bytes) else text).splitlines()
    goals = [line.split("=", 1)[1] for line in lines]
    data = {"orgstrategy": "1.0", "organisation": {"name": "Here"}, "goals": goals}

    def locate(wanted):
        found = {(): (1, 1)}
        for index in range(len(goals)):
            found["goals", index] = (index + 1, 6)
        return Positions(values=found)

    return formats.Parsed(data, [], locate)


PAIRS = formats.Format(name="pairs", extensions=(".pairs",), parser=_pairs)


class TestParsers:
    def test_a_parsed_document_is_checked_and_located_as_yaml_is(self):
        strategy, problems = PAIRS.read(b"goal=Care\ngoal=Teach\n")
        assert [goal.name for goal in strategy.goals] == ["Care", "Teach"]
        _, problems = PAIRS.read(b"goal=Care\ngoal= \n")
        assert [(p.code, p.steps, p.line, p.column) for p in problems] == [
            ("empty", ("goals", 1), 2, 6)
        ]

    def test_lint_places_findings_through_the_parser(self):
        with formats.registered(PAIRS):
            found = lint.lint(
                b"goal=Care\ngoal=Teach\n", format="pairs", select=["aim-without-outcome"]
            )
        assert [(p.code, p.line, p.column) for p in found] == [
            ("aim-without-outcome", 1, 6),
            ("aim-without-outcome", 2, 6),
        ]

    def test_a_parser_that_returns_something_else_is_named(self):
        odd = formats.Format(name="odd", parser=lambda text, **_: {}, package="orgstrategy-odd")
        with pytest.raises(Error, match="the parser of format 'odd' from orgstrategy-odd returned"):
            odd.read(b"x")

    def test_a_reader_and_a_parser_are_one_too_many(self):
        with pytest.raises(ValueError, match="has a reader and a parser"):
            formats.Format(name="both", parser=_pairs, reader=lambda *_, **__: (None, []))

    def test_text_over_the_size_limit_never_reaches_the_parser(self):
        def refuse(text, **_):
            raise AssertionError("the parser was called")

        big = formats.Format(name="big", parser=refuse)
        limits = orgstrategy.Limits(max_bytes=10)
        assert [p.code for p in big.read(b"x" * 11, limits=limits)[1]] == ["too-large"]
        text = (HEAD + "title: " + "x" * 20).encode()
        assert [p.code for p in lint.lint(text, limits=limits)] == ["too-large"]

    def test_a_format_with_no_parser_cannot_parse(self):
        with pytest.raises(Error, match="format 'csv' has no parser"):
            formats.get("csv").parse(b"")


class TestFromData:
    def test_the_inverse_of_to_data(self):
        strategy = orgstrategy.loads(HEAD + "goals: [Care, {name: Teach, id: t}]\n")
        assert orgstrategy.from_data(orgstrategy.to_data(strategy)) == strategy

    def test_every_problem_by_its_path(self):
        data = {"orgstrategy": "1.0", "organisation": {"name": "Here"}, "goals": [{"name": 7}]}
        with pytest.raises(ValidationError) as caught:
            orgstrategy.from_data(data)
        [problem] = caught.value.errors
        assert (problem.code, problem.steps, problem.path, problem.file) == (
            "type",
            ("goals", 0, "name"),
            "goals[0].name",
            "<data>",
        )

    def test_strict_makes_warnings_errors(self):
        data = {"orgstrategy": "1.0", "organisation": {"name": "Here"}, "extensions": {"x": 1}}
        assert orgstrategy.from_data(data).extensions["x"] == 1
        with pytest.raises(ValidationError):
            orgstrategy.from_data(data, strict=True)


class TestPluginsAsAnArgument:
    """A plugin passed in is in effect for that call alone: nothing is registered."""

    TEXT = HEAD + "goals:\n  - name: Care\n    extensions: {ward: North}\n"

    def test_passed_to_validate_and_load(self):
        assert [p.code for p in orgstrategy.validate(self.TEXT.encode())] == ["unknown-extension"]
        with_ward = (*plugins.available(), WARD)
        assert orgstrategy.validate(self.TEXT.encode(), plugins=with_ward) == []
        goal = orgstrategy.loads(self.TEXT, plugins=with_ward).goals[0]
        assert goal.extensions["ward"] == "North"
        assert WARD not in plugins.available()

    def test_its_schema_checks_its_section(self):
        bad = self.TEXT.replace("North", "[1]")
        [problem] = orgstrategy.validate(bad.encode(), plugins=(WARD,))
        assert (problem.code, problem.path, problem.line) == (
            "extension",
            "goals[0].extensions.ward",
            6,
        )

    def test_passed_to_lint(self):
        with_ward = (*plugins.available(), WARD)
        found = lint.lint(self.TEXT.encode(), select=["aim-without-outcome"], plugins=with_ward)
        assert [(p.code, p.line) for p in found] == [("aim-without-outcome", 5)]
        unclaimed = lint.lint(self.TEXT.encode(), select=["aim-without-outcome"], plugins=())
        assert [p.code for p in unclaimed] == ["aim-without-outcome", "unknown-extension"]

    def test_no_plugins_at_all_is_the_core_alone(self):
        stratml = HEAD + "extensions: {stratml: {type: Strategic_Plan}}\n"
        assert orgstrategy.validate(stratml.encode()) == []
        assert [p.code for p in orgstrategy.validate(stratml.encode(), plugins=())] == [
            "unknown-extension"
        ]

    def test_the_schema_composes_what_is_passed(self):
        assert "plugin-ward" not in orgstrategy.schema()["$defs"]
        assert "plugin-ward" in orgstrategy.schema(plugins=(WARD,))["$defs"]
