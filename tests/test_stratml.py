"""StratML: lenient import of Part 1 and Part 2, schema-valid Part 2 export, lossless round trip."""

from __future__ import annotations

import datetime
import json
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings

import orgstrategy
from conftest import example_files, samples
from orgstrategy import Limits, Problem, StrategyWarning
from orgstrategy._model import (
    Alignment,
    Enabler,
    Goal,
    Measure,
    Objective,
    Organisation,
    Partner,
    Period,
    Principle,
    Priority,
    Result,
    Source,
    Stakeholder,
    Statement,
    Strategy,
)
from orgstrategy._stratml import PART1, PART2, RESIDUE_MARKER, SHOWN_REPAIRS, read, write
from orgstrategy.testing import strategies

LIMITS = Limits()
#: The marker of the residue before it was a JSON Patch, as documents written then have it.
RESIDUE_1_0 = "[orgstrategy 1.0 residue] "

#: Per corpus file: goals, objectives, values, the first goal's name, the last objective's name.
CORPUS_FILES = {
    "part1/PMOAI_WhiteHouse_OfficeOfAmericanInnovation.xml": (
        1,
        5,
        6,
        "Establishment",
        "Information, Ideas & Experiences",
    ),
    "part2/Albania_HumanFreedomIndex_PerformancePlan.xml": (
        2,
        12,
        7,
        "HUMAN FREEDOM",
        "Regulation",
    ),
    "part2/HHIOP20200304_HiltonHeadIsland_OurPlan_CoreValues.xml": (
        41,
        386,  # one has only its Identifier (and an empty stakeholder): it is named "Objective 386"
        23,
        "IDEALS OF EXCELLENCE",
        "Action Plan",
    ),
    "part2/HHISAP2025_HiltonHeadIsland_StrategicActionPlan_FY2026-28.xml": (
        10,
        67,
        7,
        "Growth Management",
        "Park Design",
    ),
    "part2/OECD_AI_About_StrategicPlan.xml": (3, 3, 0, "Multidisciplinarity", "Objective 1"),
    "part2/SMLC2011_StratMLCommittee_PerformanceReport.xml": (
        3,
        10,
        5,
        "Strategic Plans",
        "Other Elements",
    ),
    "part2/SMLC2023_StratMLCommunity_PerformanceReport.xml": (
        3,
        13,
        5,
        "Strategic Plans",
        "ANSI/AIIM Publication",
    ),
    "part2/US_Assistance_to_Albania_PerformancePlan.xml": (
        8,
        20,
        0,
        "Education",
        "Program Design and Learning",
    ),
}


def plan(core: str = "", *, head: str = "<Name>Plan</Name>", tail: str = "", part: int = 2) -> str:
    """Return a StratML document around the children of its StrategicPlanCore."""
    if part == 1:
        return f'<StrategicPlan xmlns="{PART1}">{head}<StrategicPlanCore>{core}</StrategicPlanCore>{tail}</StrategicPlan>'
    return (
        f'<PerformancePlanOrReport xmlns="{PART2}" Type="Strategic_Plan">{head}'
        f"<StrategicPlanCore>{core}</StrategicPlanCore>{tail}</PerformancePlanOrReport>"
    )


ORG = "<Organization><Name>Here</Name></Organization>"


def repairs(problems: list[Problem]) -> list[Problem]:
    """Return the problems but the warnings about extensions that no plugin claims.

    Those come from the shared structuring step (the YAML reader gives them too),
    not from StratML.
    """
    return [problem for problem in problems if problem.code != "unknown-extension"]


def load(text: str | bytes) -> tuple[Strategy, list[str]]:
    strategy, problems = read(text, file="plan.xml", limits=LIMITS)
    problems = repairs(problems)
    assert strategy is not None, problems
    assert all(problem.severity == "warning" for problem in problems)
    return strategy, [problem.message for problem in problems]


def fail(text: str | bytes, limits: Limits = LIMITS) -> list[tuple[str, int, int]]:
    strategy, problems = read(text, file="plan.xml", limits=limits)
    assert strategy is None
    return [(problem.code, problem.line, problem.column) for problem in problems]


def round_trip(strategy: Strategy) -> Strategy:
    back, problems = read(write(strategy), file="out.xml", limits=LIMITS)
    assert repairs(problems) == []
    assert back is not None
    return back


class TestCorpus:
    """Every real document imports with its goals and objectives, and survives export."""

    @pytest.mark.parametrize("name", samples(CORPUS_FILES))
    def test_import(self, shared: Path, name: str):
        path = shared / "corpus" / "stratml" / "samples" / name
        strategy, problems = read(path.read_bytes(), file=name, limits=LIMITS)
        assert strategy is not None
        assert {problem.severity for problem in problems} <= {"warning"}
        goals, objectives, values, first_goal, last_objective = CORPUS_FILES[name]
        assert len(strategy.goals) == goals
        assert sum(len(goal.objectives) for goal in strategy.goals) == objectives
        assert len(strategy.values) == values
        assert strategy.goals[0].name == first_goal
        assert strategy.goals[-1].objectives[-1].name == last_objective
        assert orgstrategy.loads(orgstrategy.dumps(strategy, "yaml")) == strategy

    @pytest.mark.parametrize("name", samples(CORPUS_FILES))
    def test_export(self, shared: Path, name: str, part2_schema):
        path = shared / "corpus" / "stratml" / "samples" / name
        strategy, _ = load(path.read_bytes())
        part2_schema.validate(write(strategy))
        assert round_trip(strategy) == strategy

    def test_part1_details(self, shared: Path):
        path = (
            shared / "corpus/stratml/samples/part1/PMOAI_WhiteHouse_OfficeOfAmericanInnovation.xml"
        )
        strategy, messages = load(path.read_bytes())
        assert strategy.organisation.short_name == "DJT"
        assert strategy.mission is not None
        assert strategy.mission.text is not None
        assert strategy.mission.text.startswith("To implement policies")
        assert strategy.period == Period(start=datetime.date(2017, 3, 27))
        assert strategy.published == datetime.date(2017, 4, 12)
        assert strategy.sources[0].url is not None
        assert strategy.sources[0].url.startswith("https://www.whitehouse.gov/")
        goal = strategy.goals[0]
        assert goal.id == "c5f17c94-1fe8-11e7-b80e-50d26551e223"
        assert goal.extensions["stratml"]["stakeholders"][1]["name"] == "Jared Kushner"
        assert goal.extensions["stratml"]["stakeholders"][1]["extensions"] == {
            "stratml": {"type": "Person"}
        }
        assert goal.objectives[1].extensions["stratml"]["sequence"] == "1"
        assert messages.count("an empty stakeholder (a placeholder) was left out") == 5

    def test_measures(self, shared: Path):
        path = shared / "corpus/stratml/samples/part2/Albania_HumanFreedomIndex_PerformancePlan.xml"
        strategy, _ = load(path.read_bytes())
        measure = strategy.goals[0].objectives[0].measures[0]
        assert measure.name == "Procedural Justice"
        assert measure.unit == "Score"
        assert measure.results[0] == Result(
            start=datetime.date(2022, 1, 1),
            end=datetime.date(2022, 12, 31),
            target=6.82,
            description="Procedural Justice: International Average",
        )
        assert measure.results[1].actual == 6.02
        # the target's descriptor and the actual's own description, apart
        assert measure.extensions["stratml"]["results"][0] == {
            "target": {"descriptor": {"name": "Status", "value": "Annual Baseline"}},
            "actual": {"description": "..."},
        }

    def test_located_repairs(self, shared: Path):
        name = "part2/SMLC2011_StratMLCommittee_PerformanceReport.xml"
        _, problems = read(
            (shared / "corpus/stratml/samples" / name).read_bytes(), file=name, limits=LIMITS
        )
        deprecated = [p for p in problems if "IndicatorType is deprecated" in p.message]
        assert len(deprecated) == 11
        assert {p.code for p in deprecated} == {"stratml-repaired"}
        assert (deprecated[0].line, deprecated[0].column) == (2, 8515)

    def test_strict_makes_repairs_errors(self, shared: Path):
        path = shared / "corpus/stratml/samples/part2/OECD_AI_About_StrategicPlan.xml"
        strategy, problems = orgstrategy.formats.get("stratml").read(path.read_bytes(), strict=True)
        assert strategy is None
        assert problems
        assert {problem.severity for problem in problems} == {"error"}


class TestRoundTrip:
    """Writing then reading gives back the same strategy, and the output is schema-valid."""

    @settings(max_examples=30 * settings.default.max_examples // 100)
    @given(strategies())
    def test_generated(self, strategy: Strategy):
        assert round_trip(strategy) == strategy

    @pytest.mark.parametrize("path", example_files(), ids=lambda path: path.name)
    def test_examples(self, path: Path, part2_schema):
        strategy = orgstrategy.loads(path.read_text(encoding="utf-8"))
        written = write(strategy)
        part2_schema.validate(written)
        assert round_trip(strategy) == strategy

    @settings(max_examples=15 * settings.default.max_examples // 100)
    @given(strategy=strategies(max_elements=3))
    def test_generated_is_valid(self, strategy: Strategy, part2_schema):
        part2_schema.validate(write(strategy))

    def test_an_id_that_reads_as_a_placeholder_is_kept(self):
        # Found by Hypothesis: "placeholder" was written as the Identifier, which
        # reading takes for an editor's placeholder and leaves out.
        objective = Objective(name="PLACEHOLDER", id="placeholder")
        goal = Goal(name="Care", id="placeholder-1", objectives=(objective,))
        strategy = Strategy(organisation=Organisation(name="Here"), goals=(goal,))
        assert "<Identifier>_placeholder</Identifier>" in write(strategy)
        assert round_trip(strategy) == strategy

    def test_through_the_registry(self):
        strategy = Strategy(organisation=Organisation(name="Here"), goals=(Goal(name="Care"),))
        text = orgstrategy.dumps(strategy, "stratml")
        assert orgstrategy.loads(text, format="stratml") == strategy

    def test_native_places(self):
        strategy = Strategy(
            organisation=Organisation(name="Here", short_name="H", description="Care."),
            title="Our plan",
            period=Period(start=datetime.date(2025, 4, 1), end=datetime.date(2030, 3, 31)),
            published=datetime.date(2025, 1, 2),
            sources=(Source(url="https://example.org/plan"),),
            mission=Statement(text="We care."),
            goals=(
                Goal(
                    name="Care",
                    id="2025",
                    objectives=(
                        Objective(
                            name="Faster",
                            measures=(
                                Measure(
                                    name="Waits",
                                    unit="weeks",
                                    baseline=20,
                                    target="18 weeks",
                                    due=datetime.date(2026, 3, 31),
                                    results=(Result(actual=19.5),),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
            stakeholders=(Stakeholder(name="Patients", role="Beneficiaries"),),
        )
        written = write(strategy)
        assert RESIDUE_MARKER not in written
        assert written.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
        assert "<Identifier>_2025</Identifier>" in written
        assert "<DescriptorName>Baseline</DescriptorName>" in written
        assert "<Role>\n" in written
        assert round_trip(strategy) == strategy

    def test_deterministic(self):
        strategy = orgstrategy.loads(example_files()[0].read_text(encoding="utf-8"))
        assert write(strategy) == write(strategy)

    def test_priorities_are_goals(self):
        strategy = Strategy(
            organisation=Organisation(name="Here"),
            priorities=(Priority(name="Mental health", id="care"),),
            goals=(Goal(name="Care", id="care", objectives=(Objective(name="x", id="care"),)),),
        )
        written = write(strategy)
        assert written.count("<Goal>") == 2
        assert "<Identifier>care_2</Identifier>" in written
        assert '"priorities":1' in written
        assert round_trip(strategy) == strategy

    def test_no_goals(self):
        strategy = Strategy(organisation=Organisation(name="Here"))
        written = write(strategy)
        assert "<Name>No goals</Name>" in written
        assert round_trip(strategy) == strategy

    def test_awkward_text(self):
        strategy = Strategy(
            organisation=Organisation(name=" bell\x07\r\n", url="example.org/a b"),
            sources=(Source(url="example.org/a b"),),
            vision=Statement(points=("One", "Two")),
            goals=(Goal(name="Care"),),
            extensions={"stratml": {"other_information": "Notes", "x": None}},
        )
        written = write(strategy)
        assert "\x07" not in written
        assert "<Source>" not in written
        assert round_trip(strategy) == strategy

    def test_other_information_and_residue(self):
        strategy = Strategy(
            organisation=Organisation(name="Here", kind="nhs-trust"),
            goals=(Goal(name="Care"),),
            extensions={"stratml": {"other_information": "Notes", "description": "About"}},
        )
        written = write(strategy)
        assert "<OtherInformation>Notes\n\n" + RESIDUE_MARKER in written
        assert round_trip(strategy) == strategy

    def test_residue_follows_description(self):
        strategy = Strategy(
            organisation=Organisation(name="Here", kind="nhs-trust"),
            goals=(Goal(name="Care"),),
            extensions={"stratml": {"description": "About"}},
        )
        written = write(strategy)
        assert written.index("<Description>About") < written.index("<OtherInformation>")
        assert round_trip(strategy) == strategy

    def test_stratml_extensions_written_natively(self):
        stakeholders = [
            {"name": "Council", "extensions": {"stratml": {"type": "Organization"}}},
            {
                "name": "Residents",
                "extensions": {
                    "stratml": {
                        "roles": [{"name": "Users", "types": ["Beneficiary", "Other"]}, "bad"]
                    }
                },
            },
            {"description": "no name"},
            {},  # nothing to say: left out
            {"extensions": {"stratml": {"type": "Person", "roles": ["bad", {"types": ["Boss"]}]}}},
        ]
        measure = Measure(
            name="Parks",
            extensions={
                "stratml": {
                    "sequence": "1.1",
                    "value_chain_stage": "Output",
                    "indicator_type": "Qualitative",
                    "other_information": "More",
                }
            },
        )
        strategy = Strategy(
            organisation=Organisation(name="Here"),
            goals=(
                Goal(
                    name="Care",
                    objectives=(Objective(name="Parks", measures=(measure,)),),
                    extensions={"stratml": {"sequence": "1", "stakeholders": stakeholders}},
                ),
            ),
        )
        written = write(strategy)
        assert 'StakeholderTypeType="Organization"' in written
        assert 'ValueChainStage="Output"' in written
        assert "<RoleType>Beneficiary</RoleType>" in written
        assert written.count("<Stakeholder") == 3
        assert round_trip(strategy) == strategy

    def test_plan_details_written_natively(self, part2_schema):
        strategy = Strategy(
            organisation=Organisation(name="Here", extensions={"stratml": {"identifier": "o1"}}),
            goals=(Goal(name="Care", id="o1"),),
            extensions={
                "stratml": {
                    "type": "Performance_Report",
                    "submitter": {"given_name": "Owen", "email": "owen@example.org", "x": 1},
                }
            },
        )
        written = write(strategy)
        part2_schema.validate(written)
        assert 'Type="Performance_Report"' in written
        assert "<Identifier>o1</Identifier>" in written
        assert "<Identifier>o1_2</Identifier>" in written  # the goal's: an xsd:ID is unique
        assert "<GivenName>Owen</GivenName>" in written
        assert round_trip(strategy) == strategy

    @pytest.mark.parametrize(
        ("stratml", "organisation"),
        [
            ({"type": "Annual_Report", "submitter": {"x": 1}}, {"identifier": "1x"}),
            ({"type": "Strategic_Plan", "submitter": "Owen"}, {"identifier": ["o1"]}),
        ],
    )
    def test_plan_details_that_stratml_cannot_hold(self, stratml, organisation, part2_schema):
        strategy = Strategy(
            organisation=Organisation(name="Here", extensions={"stratml": organisation}),
            goals=(Goal(name="Care"),),
            extensions={"stratml": stratml},
        )
        written = write(strategy)
        part2_schema.validate(written)
        assert 'Type="Strategic_Plan"' in written
        assert "<Submitter>" not in written
        assert written.count("<Identifier>") == 1
        assert round_trip(strategy) == strategy

    def test_results(self):
        results = (
            Result(start=2025, end=2026, target=1e16, actual=-0.0),
            Result(actual="good"),
            Result(),
            Result(target="95%", description="Note"),
        )
        strategy = Strategy(
            organisation=Organisation(name="Here"),
            goals=(
                Goal(
                    name="Care",
                    objectives=(
                        Objective(name="O", measures=(Measure(name="M", results=results),)),
                    ),
                ),
            ),
        )
        assert round_trip(strategy) == strategy

    def test_extension_changes(self):
        strategy = Strategy(
            organisation=Organisation(name="Here", extensions={"stratml": {"x": 3}, "other": [1]}),
            goals=(Goal(name="Care", extensions={"stratml": {"sequence": 7}, "nhs": 1}),),
        )
        assert round_trip(strategy) == strategy

    def test_what_json_cannot_hold_is_dropped(self):
        strategy = Strategy(
            organisation=Organisation(
                name="Here", extensions={"x": {"y": object(), "z": math.nan}}
            ),
            goals=(Goal(name="Care"),),
        )
        with pytest.warns(StrategyWarning) as caught:
            written = write(strategy)
        paths = [warning.message.problem.path for warning in caught]  # type: ignore[union-attr]
        assert paths == ["organisation.extensions.x.y", "organisation.extensions.x.z"]
        assert all(w.message.problem.code == "stratml-dropped" for w in caught)  # type: ignore[union-attr]
        back, _ = read(written, file="x", limits=LIMITS)
        assert back is not None
        assert back.organisation.extensions == {"x": {"y": None, "z": None}}


def _tree(element: ET.Element) -> tuple[object, ...]:
    """Return *element* as its local name, its attributes, its text and its children, compared."""
    name = element.tag.rpartition("}")[2]
    text = (element.text or "").strip()
    return (name, dict(element.attrib), text, tuple(_tree(child) for child in element))


def _instances(text: str) -> list[tuple[object, ...]]:
    """Return the measurement instances of the document *text*, as :func:`_tree` compares them."""
    return [
        _tree(element)
        for element in ET.fromstring(text).iter()
        if element.tag.rpartition("}")[2] == "MeasurementInstance"
    ]


def _indicator(instances: str) -> str:
    return plan(
        ORG + "<Goal><Name>G</Name><Objective><Name>O</Name><PerformanceIndicator>"
        "<MeasurementDimension>M</MeasurementDimension><UnitOfMeasurement>%</UnitOfMeasurement>"
        f"{instances}</PerformanceIndicator></Objective></Goal>"
    )


#: Measurement instances as real reports have them: a target with several actuals, actual
#: results on their own, descriptors beside numbers, each result with its own description
#: and dates. Each child is in schema order, so that what is written is the same.
INSTANCES = (
    "<MeasurementInstance>"
    "<TargetResult><StartDate>2020-01-01</StartDate><EndDate>2020-12-31</EndDate>"
    "<NumberOfUnits>5</NumberOfUnits><Descriptor><DescriptorName>Status</DescriptorName>"
    "<DescriptorValue>Annual Baseline</DescriptorValue></Descriptor>"
    "<Description>Aim</Description></TargetResult>"
    "<TargetResult><Descriptor><DescriptorName>Stage</DescriptorName>"
    "<DescriptorValue>Publication</DescriptorValue></Descriptor></TargetResult>"
    "<ActualResult><EndDate>2021-03-01</EndDate><NumberOfUnits>4.5</NumberOfUnits>"
    "<Description>Reported</Description></ActualResult>"
    "<ActualResult><Description>Only said</Description></ActualResult>"
    "<ActualResult><StartDate>2022-01-01</StartDate><Descriptor>"
    "<DescriptorValue>Done</DescriptorValue></Descriptor></ActualResult>"
    "</MeasurementInstance>"
    "<MeasurementInstance><TargetResult><StartDate>2023-01-01</StartDate></TargetResult>"
    "<ActualResult><Description>Late</Description></ActualResult></MeasurementInstance>"
    "<MeasurementInstance><ActualResult><StartDate>2024-01-01</StartDate>"
    "<EndDate>2024-12-31</EndDate><NumberOfUnits>7</NumberOfUnits></ActualResult>"
    "</MeasurementInstance>"
    "<MeasurementInstance><ActualResult><Descriptor><DescriptorName>Status</DescriptorName>"
    "</Descriptor></ActualResult></MeasurementInstance>"
    "<MeasurementInstance><TargetResult><NumberOfUnits>1</NumberOfUnits><Descriptor>"
    "<DescriptorValue>about one</DescriptorValue></Descriptor><Description>One</Description>"
    "</TargetResult><ActualResult><StartDate>2025-01-01</StartDate><EndDate>2024-01-01"
    "</EndDate><Description>Two</Description></ActualResult></MeasurementInstance>"
)


class TestResults:
    """A measure's results are written back as the document had them: target and actual apart."""

    def test_as_the_document_has_them(self, part2_schema):
        text = _indicator(INSTANCES)
        strategy, messages = load(text)
        measure = strategy.goals[0].objectives[0].measures[0]
        day = datetime.date
        assert measure.results == (
            Result(start=day(2020, 1, 1), end=day(2020, 12, 31), target=5, actual=4.5,
                   description="Aim"),
            Result(target="Publication", description="Only said"),
            Result(start=day(2022, 1, 1), actual="Done"),
            Result(start=day(2023, 1, 1), description="Late"),
            Result(start=day(2024, 1, 1), end=day(2024, 12, 31), actual=7),
            Result(),
            Result(start=day(2025, 1, 1), target=1, description="One"),
        )  # fmt: skip
        assert measure.extensions["stratml"]["results"] == (
            {
                "target": {"descriptor": {"name": "Status", "value": "Annual Baseline"}},
                "actual": {"start": None, "end": "2021-03-01", "description": "Reported"},
            },
            {
                "joined": True,
                "target": {"descriptor": {"name": "Stage"}, "description": None},
                "actual": {},
            },
            {"joined": True, "target": None},
            {"target": {"description": None}, "actual": {"start": None}},
            {"target": None},
            {"actual": {"descriptor": {"name": "Status"}}},
            {
                "target": {"start": None, "descriptor": {"value": "about one"}},
                "actual": {"description": "Two"},
            },
        )
        # the actual's end before its start is left out, as in a result
        assert messages == [
            "the end date 2024-01-01 is before the start date 2025-01-01; it was left out"
        ]
        written = write(strategy)
        part2_schema.validate(written)
        assert RESIDUE_MARKER not in written
        expected = _instances(text)
        expected[-1] = _instances(text.replace("<EndDate>2024-01-01</EndDate>", ""))[-1]
        assert _instances(written) == expected
        assert round_trip(strategy) == strategy

    def test_a_result_of_the_model_is_written_as_before(self):
        """Without an entry, a result is a target result and, if reported, an actual result."""
        strategy = Strategy(
            organisation=Organisation(name="Here"),
            goals=(
                Goal(
                    name="G",
                    objectives=(
                        Objective(
                            name="O",
                            measures=(
                                Measure(
                                    name="M",
                                    results=(Result(start=2025, actual=3, description="Note"),),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        )
        assert _instances(write(strategy)) == [
            (
                "MeasurementInstance",
                {},
                "",
                (
                    (
                        "TargetResult",
                        {},
                        "",
                        (("StartDate", {}, "2025-01-01", ()), ("Description", {}, "Note", ())),
                    ),
                    (
                        "ActualResult",
                        {},
                        "",
                        (("StartDate", {}, "2025-01-01", ()), ("NumberOfUnits", {}, "3", ())),
                    ),
                ),
            )
        ]

    def test_an_instance_that_says_nothing_readable(self):
        strategy, messages = load(
            _indicator(
                "<MeasurementInstance><TargetResult><StartDate>FY2026</StartDate></TargetResult>"
                "<ActualResult><NumberOfUnits>1</NumberOfUnits></ActualResult>"
                "</MeasurementInstance><MeasurementInstance><ActualResult><EndDate>soon"
                "</EndDate></ActualResult></MeasurementInstance>"
            )
        )
        measure = strategy.goals[0].objectives[0].measures[0]
        assert measure.results == (Result(actual=1),)
        assert "stratml" not in measure.extensions
        assert len(messages) == 2
        assert round_trip(strategy) == strategy

    @pytest.mark.parametrize(
        "entries",
        [
            "not a list",
            ["not a mapping", {"joined": "yes"}],
            [{"target": "x", "actual": 3}, {"target": {"start": 2025, "end": "2025-02-30"}}],
            [
                {"target": {"descriptor": ["x"], "description": 7}},
                {"joined": True, "actual": {"descriptor": {"name": " ", "value": 1}}},
                {"joined": True, "target": None, "actual": None},
            ],
        ],
        ids=["not-a-list", "not-mappings", "wrong-types", "wrong-inner-types"],
    )
    def test_entries_that_are_not_as_written(self, entries, part2_schema):
        """An extension holds whatever its author put there: what does not fit is not used."""
        results = (
            Result(start=2025, target=1, description="A"),
            Result(actual="good"),
            Result(end=datetime.date(2026, 3, 31)),
        )
        measure = Measure(name="M", results=results, extensions={"stratml": {"results": entries}})
        strategy = Strategy(
            organisation=Organisation(name="Here"),
            goals=(Goal(name="G", objectives=(Objective(name="O", measures=(measure,)),)),),
        )
        part2_schema.validate(write(strategy))
        assert round_trip(strategy) == strategy


def _residue_of(written: str) -> dict[str, object]:
    """Return the residue's JSON in the document *written*, or an empty mapping."""
    other = ET.fromstring(written).find(f"{{{PART2}}}OtherInformation")
    text = "" if other is None or other.text is None else other.text
    found: dict[str, object] = json.loads(text.partition(RESIDUE_MARKER)[2] or "{}")
    return found


class TestFormat11InStratML:
    """Partners and references (format 1.1) are written in StratML's own places."""

    def test_partners_are_stakeholders_of_the_organisation(self, part2_schema):
        strategy = Strategy(
            organisation=Organisation(name="Here"),
            title="Plan",
            partners=(
                Partner(name="Council", role="co-author", short_name="C", url="example.org"),
                Partner(name="Patients", description="Who we serve."),
            ),
            stakeholders=(Stakeholder(name="Patients", role="users"),),
            goals=(Goal(name="Care"),),
        )
        written = write(strategy)
        part2_schema.validate(written)
        organisation = ET.fromstring(written).find(f".//{{{PART2}}}Organization")
        assert organisation is not None
        stakeholders = organisation.findall(f"{{{PART2}}}Stakeholder")
        assert [s.get("StakeholderTypeType") for s in stakeholders] == [
            None,
            "Organization",
            "Organization",
        ]
        assert [s.findtext(f"{{{PART2}}}Role/{{{PART2}}}Name") for s in stakeholders] == [
            "users",
            "co-author",
            None,
        ]
        residue = _residue_of(written)
        assert residue["partners"] == 2
        # only what a stakeholder has no place for is in the residue
        assert residue["patch"] == [
            {"op": "add", "path": "/partners/0/short_name", "value": "C"},
            {"op": "add", "path": "/partners/0/url", "value": "example.org"},
        ]
        back = round_trip(strategy)
        assert back == strategy
        assert [stakeholder.name for stakeholder in back.stakeholders] == ["Patients"]

    def test_partners_alone(self):
        strategy = Strategy(
            organisation=Organisation(name="Here"),
            title="Plan",
            partners=(Partner(name="Council", role="host"),),
            goals=(Goal(name="Care"),),
        )
        written = write(strategy)
        assert RESIDUE_MARKER + '{"partners":1}<' in written
        assert round_trip(strategy) == strategy

    @pytest.mark.parametrize("count", ["2", 2, -1, True])
    def test_a_partner_count_that_does_not_fit(self, count):
        other = f'<OtherInformation>{RESIDUE_MARKER}{{"partners": {json.dumps(count)}}}</OtherInformation>'
        strategy, messages = load(
            plan(
                "<Organization><Name>Here</Name><Stakeholder><Name>A</Name></Stakeholder>"
                "</Organization><Goal><Name>G</Name></Goal>",
                head="<Name>P</Name>" + other,
            )
        )
        assert messages == [f"the residue's partner count {count!r} does not fit; it was ignored"]
        assert [stakeholder.name for stakeholder in strategy.stakeholders] == ["A"]
        assert strategy.partners == ()

    def test_partners_as_an_edited_document_has_them(self):
        other = f'<OtherInformation>{RESIDUE_MARKER}{{"partners": 2}}</OtherInformation>'
        strategy, messages = load(
            plan(
                "<Organization><Name>Here</Name><Stakeholder><Name>A</Name></Stakeholder>"
                '<Stakeholder StakeholderTypeType="Person"><Name>B</Name></Stakeholder>'
                "<Stakeholder><Name>C</Name></Stakeholder></Organization>"
                "<Goal><Name>G</Name></Goal>",
                head="<Name>P</Name>" + other,
            )
        )
        assert messages == []
        assert [stakeholder.name for stakeholder in strategy.stakeholders] == ["A"]
        assert strategy.partners == (
            Partner(name="B", extensions={"stratml": {"type": "Person"}}),
            Partner(name="C"),
        )

    @pytest.mark.parametrize(
        "relationships",
        [
            "not a list",
            [
                "not a mapping",
                {"identifier": "r1"},  # says nothing more: left out
                {"referents": ["a", " ", 3], "type": "Sideways", "identifier": "1x"},
                {"name": "N", "identifier": "r2", "type": "Peer_To"},
                {"description": "D", "identifier": "r2"},  # r2 is taken
                {"referents": "a", "name": "M"},
            ],
        ],
        ids=["not-a-list", "entries"],
    )
    def test_relationships_that_are_not_as_read(self, relationships, part2_schema):
        """An extension holds whatever its author put there: what does not fit is not used."""
        measure = Measure(name="M", extensions={"stratml": {"relationships": relationships}})
        strategy = Strategy(
            organisation=Organisation(name="Here"),
            goals=(Goal(name="G", objectives=(Objective(name="O", measures=(measure,)),)),),
        )
        part2_schema.validate(write(strategy))
        assert round_trip(strategy) == strategy

    def test_references_of_measures_are_relationships(self, part2_schema):
        references = (
            "goals/care",
            "priorities/2025",
            "goals/care/objectives/o2",
            "nel:priorities/x",  # another document's: the residue
            "goals/care/objectives/o1/measures/beds",
            "enablers/digital",  # not written in StratML: the residue
        )
        measures = (
            Measure(name="Waits", contributes_to=references),
            Measure(name="Beds", extensions={"stratml": {"relationships": [
                {"identifier": "r1", "referents": ["x"], "name": "Peer", "type": "Peer_To"}
            ]}}),
        )  # fmt: skip
        strategy = Strategy(
            organisation=Organisation(name="Here"),
            title="Plan",
            aligns_to=(Alignment(id="nel", title="NEL"),),
            goals=(
                Goal(
                    name="Care",
                    objectives=(
                        Objective(name="O1", measures=measures),
                        Objective(name="O2", contributes_to=("goals/care",)),
                    ),
                ),
            ),
            priorities=(Priority(name="Twenty", id="2025"),),
            enablers=(Enabler(name="Digital"),),
        )
        written = write(strategy)
        part2_schema.validate(written)
        indicators = ET.fromstring(written).findall(f".//{{{PART2}}}PerformanceIndicator")
        found = [
            (
                relationship.get("RelationshipType"),
                [r.text for r in relationship.findall(f"{{{PART2}}}ReferentIdentifier")],
            )
            for relationship in indicators[0].findall(f"{{{PART2}}}Relationship")
        ]
        assert found == [
            ("Narrower_Than", ["care"]),
            ("Narrower_Than", ["_2025"]),
            ("Narrower_Than", ["o2"]),
            ("Narrower_Than", ["beds"]),
        ]
        assert [child.tag.rpartition("}")[2] for child in indicators[1]] == [
            "MeasurementDimension",
            "UnitOfMeasurement",
            "Identifier",
            "Relationship",
        ]
        paths = [operation["path"] for operation in _residue_of(written)["patch"]]  # type: ignore[index]
        assert "/goals/0/objectives/0/measures/0/contributes_to" in paths  # two are not there
        assert "/goals/0/objectives/1/contributes_to" in paths  # StratML has no place there
        assert not any("measures/1" in path for path in paths)
        assert round_trip(strategy) == strategy

    def test_all_references_in_relationships(self):
        strategy = Strategy(
            organisation=Organisation(name="Here"),
            title="Plan",
            goals=(
                Goal(
                    name="Care",
                    objectives=(
                        Objective(
                            name="O", measures=(Measure(name="M", contributes_to=("goals/care",)),)
                        ),
                    ),
                ),
            ),
        )
        written = write(strategy)
        assert RESIDUE_MARKER not in written
        assert round_trip(strategy) == strategy

    def test_relationships_read_as_references(self):
        def indicator(relationships: str, head: str = "") -> str:
            return (
                f"<PerformanceIndicator>{head}<MeasurementDimension>M</MeasurementDimension>"
                f"<UnitOfMeasurement/>{relationships}</PerformanceIndicator>"
            )

        serves = '<Relationship RelationshipType="Narrower_Than"><ReferentIdentifier>{}'
        serves += "</ReferentIdentifier></Relationship>"
        strategy, messages = load(
            plan(
                ORG + "<Goal><Name>G</Name><Identifier>g1</Identifier><Objective><Name>O</Name>"
                "<Identifier>_o1</Identifier>"
                + indicator(
                    serves.format("g1")
                    + serves.format("p1")
                    + serves.format("twice")
                    + serves.format("nowhere")
                    + '<Relationship RelationshipType="Narrower_Than"><Identifier>r1</Identifier>'
                    "<ReferentIdentifier>g1</ReferentIdentifier></Relationship>"
                    + serves.format("_o1")
                )
                + "</Objective></Goal>"
                "<Goal><Name>Twice</Name><Identifier>twice</Identifier></Goal>"
                "<Goal><Name>Again</Name><Identifier>twice</Identifier></Goal>"
                "<Goal><Name>P</Name><Identifier>p1</Identifier>"
                "<Objective><Name>Q</Name>"
                + indicator(serves.format("g1"), "<SequenceIndicator>1</SequenceIndicator>")
                + "</Objective></Goal>",
                head=f"<Name>Plan</Name><OtherInformation>{RESIDUE_MARKER}"
                '{"priorities": 1}</OtherInformation>',
            )
        )
        measure = strategy.goals[0].objectives[0].measures[0]
        assert measure.contributes_to == ("goals/g1", "priorities/p1", "goals/g1/objectives/o1")
        assert [r.get("referents") for r in measure.extensions["stratml"]["relationships"]] == [
            ("twice",),  # two goals have that Identifier
            ("nowhere",),
            ("g1",),  # a relationship with an Identifier of its own is not only a reference
        ]
        assert strategy.priorities[0].objectives[0].measures[0].contributes_to == ("goals/g1",)
        assert strategy.priorities[0].objectives[0].measures[0].extensions == {
            "stratml": {"sequence": "1"}
        }
        assert messages == ["the identifier 'twice' is used more than once"]


class TestSafety:
    """Malformed, hostile or wrong documents give located problems, never tracebacks."""

    def test_syntax(self):
        assert fail("<a>\n<b></a>") == [("xml-syntax", 2, 6)]

    def test_wrong_root(self):
        assert fail("<html/>") == [("stratml-root", 1, 1)]

    def test_wrong_namespace(self):
        strategy, problems = read(
            '<StrategicPlan xmlns="http://www.stratml.net"/>', file="x", limits=LIMITS
        )
        assert strategy is None
        assert "in namespace http://www.stratml.net" in problems[0].message

    def test_billion_laughs(self):
        text = (
            '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
            ' <!ENTITY lol2 "&lol;&lol;&lol;">\n]>\n<lolz>&lol2;</lolz>'
        )
        assert fail(text)[0][0] == "xml-forbidden"

    def test_external_entity(self):
        text = (
            '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
            "<x>&e;</x>"
        )
        [(code, line, _)] = fail(text)
        assert (code, line) == ("xml-forbidden", 2)

    def test_too_many_elements(self):
        # the root, its Type attribute and Name: the StrategicPlanCore is one too many
        assert fail(plan(ORG), Limits(max_nodes=3)) == [("too-large", 1, 128)]

    def test_too_many_nodes_are_counted_while_parsing_too(self, monkeypatch):
        import orgstrategy._stratml._parse as parsing

        # without the count made before parsing, expat's count stops at the same place
        monkeypatch.setattr(parsing, "_past_nodes", lambda text, limits: None)
        assert fail(plan(ORG), Limits(max_nodes=3)) == [("too-large", 1, 128)]
        # the root, Name and its attribute (not the namespace declaration), then one too many
        root = f'<StrategicPlan xmlns="{PART1}">'
        text = root + '\n<Name a="x=y" xmlns:c="urn:c">P</Name>\n<Name/></StrategicPlan>'
        assert fail(text, Limits(max_nodes=3)) == [("too-large", 3, 1)]

    def test_too_many_attributes_in_the_last_tag(self):
        text = f'<StrategicPlan xmlns="{PART1}" a="1" b="2"/>'
        assert fail(text, Limits(max_nodes=2)) == [("too-large", 1, 1)]

    def test_too_deep(self):
        assert fail("<a><b><c/></b></a>", Limits(max_depth=2)) == [("too-deep", 1, 7)]

    def test_bytes_with_declared_encoding(self):
        text = plan(ORG + "<Goal><Name>Caf\xe9</Name></Goal>")
        data = b'<?xml version="1.0" encoding="ISO-8859-1"?>' + text.encode("latin-1")
        strategy, _ = load(data)
        assert strategy.goals[0].name == "Caf\xe9"

    @pytest.mark.parametrize(
        "residue",
        [
            RESIDUE_MARKER
            + '{"patch": [{"op": "add", "path": "/goals/0/id", "value": "not an id"}]}',
            RESIDUE_1_0 + '{"patch": {"goals": {"0": {"id": "not an id"}}}}',
        ],
        ids=["json-patch", "1.0"],
    )
    def test_invalid_strategy_is_located(self, residue):
        text = plan(
            ORG + "\n<Goal><Name>A</Name></Goal>",
            head=f"<Name>P</Name><OtherInformation>{residue}</OtherInformation>",
        )
        strategy, problems = read(text, file="x", limits=LIMITS)
        assert strategy is None
        assert [(p.path, p.line, p.column, p.severity) for p in repairs(problems)] == [
            ("goals[0].id", 2, 1, "error")
        ]


class TestRepairs:
    """Each deviation from the schema is read anyway and reported where it is."""

    def test_placeholders(self):
        _, messages = load(
            plan(
                "<Organization><Name>Here</Name><Stakeholder><Name/><Description/>"
                "</Stakeholder></Organization><Value><Name/></Value>"
                "<Goal><Name>A</Name><Objective><Identifier>PLACEHOLDER_1</Identifier></Objective>"
                "</Goal>"
            )
        )
        assert messages == [
            "an empty stakeholder (a placeholder) was left out",
            "an empty value (a placeholder) was left out",
            "an empty objective (a placeholder) was left out",
        ]

    @pytest.mark.parametrize("count", [SHOWN_REPAIRS, SHOWN_REPAIRS + 1])
    def test_repairs_of_a_kind_up_to_the_shown_and_one_more_are_each_reported(self, count):
        _, problems = read(plan(ORG + "<Goal/>" * count), file="plan.xml", limits=LIMITS)
        assert [p.message for p in repairs(problems)] == [
            "an empty goal (a placeholder) was left out"
        ] * count

    def test_more_repairs_of_a_kind_are_counted_in_one(self):
        """Each of the first ten at its place; then one for the rest, at the first of them."""
        text = plan(ORG + "<Value/>" + "<Goal/>" * 13)
        _, problems = read(text, file="plan.xml", limits=LIMITS)
        found = [(p.column, p.message) for p in repairs(problems)]
        first_goal = text.index("<Goal/>") + 1
        assert found == [
            (first_goal - 8, "an empty value (a placeholder) was left out"),
            *(
                (first_goal + 7 * n, "an empty goal (a placeholder) was left out")
                for n in range(10)
            ),
            (
                first_goal + 70,
                "an empty goal (a placeholder) was left out; so were 2 more like it after this "
                f"one, up to line 1, column {first_goal + 84}",
            ),
        ]

    def test_markup_read_twice_is_reported_once(self):
        strategy, messages = load(
            plan(ORG + "<Goal><SequenceIndicator>1<b>a</b></SequenceIndicator></Goal>")
        )
        assert strategy.goals[0].name == "Goal 1a"
        assert strategy.goals[0].extensions["stratml"]["sequence"] == "1a"
        assert [message for message in messages if "markup" in message] == [
            "SequenceIndicator holds markup (<b>), which StratML has no place for; the markup"
            " was left out and all of its text kept"
        ]

    def test_placeholder_identifier(self):
        strategy, messages = load(
            plan(ORG + "<Goal><Name>A</Name><Identifier>PLACEHOLDER_1</Identifier></Goal>")
        )
        assert messages == ["the placeholder identifier 'PLACEHOLDER_1' was left out"]
        assert strategy.goals[0].id == "a"

    def test_identifiers(self):
        strategy, messages = load(
            plan(
                ORG + "<Goal><Name>A</Name><Identifier>1x</Identifier></Goal>"
                "<Goal><Name>B</Name><Identifier>1x</Identifier></Goal>"
                "<Goal><Name>C</Name><Identifier>a:b</Identifier></Goal>"
            )
        )
        assert messages == [
            "the identifier '1x' is not an NCName, as xsd:ID requires",
            "the identifier '1x' is not an NCName, as xsd:ID requires",
            "the identifier '1x' is used more than once",
            "the identifier 'a:b' is not an NCName, as xsd:ID requires",
            "the identifier 'a:b' cannot be an id; one was derived",
        ]
        assert [goal.id for goal in strategy.goals] == ["1x", "b", "c"]

    def test_order_unknown_and_repeated(self):
        strategy, messages = load(
            plan(
                ORG
                + '<Goal><Description>D</Description><Name>A</Name><Name>B</Name><x:Extra xmlns:x="urn:x"/>'
                "<Bogus/></Goal>"
            )
        )
        assert messages == [
            "the children of Goal are not in schema order (Name, Description, Identifier,"
            " SequenceIndicator, Stakeholder, OtherInformation, Objective); they were read in"
            " any order",
            "Goal has more than one Name; the first is read",
            "Goal may not contain Extra; it was left out",
            "Goal may not contain Bogus; it was left out",
        ]
        assert strategy.goals[0].name == "A"

    def test_part1_schema(self):
        _, messages = load(
            plan(
                ORG,
                part=1,
                tail="<AdministrativeInformation><Identifier>x</Identifier>"
                "<Submitter><GivenName>Owen</GivenName></Submitter></AdministrativeInformation>",
            )
        )
        assert messages == [
            "AdministrativeInformation may not contain Identifier; it was left out",
        ]

    def test_missing_names(self):
        long = "word " * 30
        strategy, messages = load(
            plan(
                ORG + "<Value><Description>Be kind. Always.</Description></Value>"
                f"<Goal><Description>{long}</Description><Objective><SequenceIndicator>2"
                "</SequenceIndicator><OtherInformation>x</OtherInformation></Objective>"
                "<Objective><Description>" + "x" * 100 + "</Description></Objective>"
                "<Objective><OtherInformation>y</OtherInformation><PerformanceIndicator>"
                "<UnitOfMeasurement>%</UnitOfMeasurement></PerformanceIndicator></Objective>"
                "</Goal><Goal><OtherInformation>z</OtherInformation></Goal>"
            )
        )
        assert strategy.values[0].name == "Be kind."
        assert strategy.goals[0].name == "word " * 15 + "word\u2026"
        assert [o.name for o in strategy.goals[0].objectives] == [
            "Objective 2",
            "x" * 80 + "\u2026",
            "Objective 3",
        ]
        assert strategy.goals[0].objectives[2].measures[0].name == "Performance indicator 1"
        assert strategy.goals[1].name == "Goal 2"
        assert messages[0] == "the value has no name; it was named 'Be kind.'"
        assert "the performance indicator has no MeasurementDimension;" in messages[-2]

    def test_organisation(self):
        strategy, messages = load(plan("<Goal><Name>A</Name></Goal>"))
        assert strategy.organisation.name == "Plan"
        assert messages == ["the plan names no organisation; it was named 'Plan'"]
        strategy, messages = load(plan("<Goal><Name>A</Name></Goal>", head="<Name/>"))
        assert strategy.organisation.name == "Unnamed organisation"
        strategy, messages = load(
            plan(
                "<Organization><Acronym>H</Acronym></Organization>"
                "<Organization><Name>Two</Name></Organization><Goal><Name>A</Name></Goal>"
            )
        )
        assert strategy.organisation.name == "H"
        assert messages == [
            "the organisation has no name; it was named 'H'",
            "only the first Organization is read; this one was left out",
        ]

    def test_statements(self):
        strategy, messages = load(
            plan(
                ORG
                + "<Vision><Identifier>v</Identifier></Vision><Mission><Description> Do. </Description></Mission>"
            )
        )
        assert strategy.vision is None
        assert strategy.mission == Statement(text="Do.")
        assert messages == ["the Vision has no description; it was left out"]

    def test_stakeholders(self):
        strategy, messages = load(
            plan(
                '<Organization><Name>Here</Name><Stakeholder StakeholderTypeType="Alien">'
                "<Name>A</Name><Role><Name>Chair</Name><RoleType>Performer</RoleType>"
                "<RoleType>Boss</RoleType></Role><Role><Name>Member</Name></Role></Stakeholder>"
                "<Stakeholder><Role><Name>Lead</Name></Role></Stakeholder>"
                "<Stakeholder><Description>Residents.</Description><Role><RoleType>Performer"
                "</RoleType></Role><Role><Name/></Role></Stakeholder></Organization>"
            )
        )
        first, second, third = strategy.stakeholders
        assert first.role == "Chair; Member"
        assert first.extensions["stratml"]["type"] == "Alien"
        assert first.extensions["stratml"]["roles"][0] == {
            "name": "Chair",
            "types": ("Performer", "Boss"),
        }
        assert (second.name, second.role) == ("Lead", "Lead")
        assert (third.name, third.role) == ("Residents.", None)
        assert third.extensions["stratml"]["roles"] == ({"types": ("Performer",)},)
        assert messages == [
            "StakeholderTypeType 'Alien' is not one the schema allows",
            "RoleType 'Boss' is not one the schema allows",
            "the stakeholder has no name; it was named 'Lead'",
            "the stakeholder has no name; it was named 'Residents.'",
            "an empty role (a placeholder) was left out",
        ]

    def test_an_aims_stakeholders_are_as_the_document_has_them(self):
        """A nameless performer is kept, nameless: an aim's stakeholders are plain data."""
        performer = (
            "<Stakeholder><Name/><Description/><Role><Name/><Description/>"
            "<RoleType>Performer</RoleType><RoleType>Beneficiary</RoleType></Role></Stakeholder>"
        )
        strategy, messages = load(
            plan(
                ORG + f"<Goal><Name>G</Name>{performer}<Stakeholder><Description>Residents."
                "</Description></Stakeholder><Stakeholder><Name/></Stakeholder></Goal>"
            )
        )
        assert strategy.goals[0].extensions["stratml"]["stakeholders"] == (
            {"extensions": {"stratml": {"roles": ({"types": ("Performer", "Beneficiary")},)}}},
            {"description": "Residents."},
        )
        assert messages == ["an empty stakeholder (a placeholder) was left out"]
        written = write(strategy)
        assert "<Stakeholder>\n        <Name />\n        <Description>Residents." in written
        assert written.count("<Stakeholder>") == 2
        assert round_trip(strategy) == strategy

    def test_dates(self):
        strategy, messages = load(
            plan(
                ORG,
                tail="<AdministrativeInformation><StartDate>FY2026</StartDate>"
                "<EndDate>2025-02-30</EndDate><PublicationDate>2025-01-01</PublicationDate>"
                "</AdministrativeInformation>",
            )
        )
        assert strategy.published == datetime.date(2025, 1, 1)
        assert strategy.period is None
        assert messages == [
            "StartDate 'FY2026' is not a date (YYYY-MM-DD); it was left out",
            "EndDate '2025-02-30' is not a date (YYYY-MM-DD); it was left out",
        ]
        strategy, messages = load(
            plan(
                ORG,
                tail="<AdministrativeInformation><StartDate>2026-01-01</StartDate>"
                "<EndDate>2025-01-01</EndDate></AdministrativeInformation>",
            )
        )
        assert strategy.period == Period(start=datetime.date(2026, 1, 1))
        assert messages == [
            "the end date 2025-01-01 is before the start date 2026-01-01; it was left out"
        ]

    def test_indicators(self):
        indicator = (
            '<PerformanceIndicator ValueChainStage="Sideways" IndicatorType="Quantitative">'
            "<MeasurementDimension>M</MeasurementDimension><UnitOfMeasurement/>"
            '<Relationship RelationshipType="Peer_To"><Identifier>r1</Identifier>'
            "<ReferentIdentifier>g1</ReferentIdentifier><Name>Peer</Name></Relationship>"
            "<MeasurementInstance><TargetResult><NumberOfUnits>1,000</NumberOfUnits>"
            "</TargetResult><TargetResult><Descriptor><DescriptorName>Status</DescriptorName>"
            "<DescriptorValue>Done</DescriptorValue></Descriptor></TargetResult>"
            "<ActualResult><NumberOfUnits>5</NumberOfUnits><Descriptor><DescriptorValue>ok"
            "</DescriptorValue></Descriptor><Description>Said</Description></ActualResult>"
            "</MeasurementInstance>"
            "<MeasurementInstance><TargetResult><Descriptor><DescriptorName>Baseline"
            "</DescriptorName></Descriptor><EndDate>2025-01-01</EndDate></TargetResult>"
            "</MeasurementInstance>"
            "<MeasurementInstance><TargetResult><NumberOfUnits>3</NumberOfUnits><Descriptor>"
            "<DescriptorName>Baseline</DescriptorName></Descriptor></TargetResult>"
            "</MeasurementInstance>"
            "<MeasurementInstance><TargetResult><NumberOfUnits>4</NumberOfUnits><Descriptor>"
            "<DescriptorName>Baseline</DescriptorName></Descriptor></TargetResult>"
            "</MeasurementInstance>"
            "</PerformanceIndicator>"
        )
        strategy, messages = load(
            plan(
                ORG + f"<Goal><Name>G</Name><Objective><Name>O</Name>{indicator}</Objective></Goal>"
            )
        )
        measure = strategy.goals[0].objectives[0].measures[0]
        assert measure.baseline == 3
        assert measure.results == (
            Result(target="1,000", actual=5, description="Said"),
            Result(target="Done"),
            Result(end=datetime.date(2025, 1, 1)),  # a baseline has no date: a result
            Result(target=4),  # a second baseline: a result
        )
        assert measure.extensions["stratml"] == {
            "value_chain_stage": "Sideways",
            "indicator_type": "Quantitative",
            "relationships": (
                {"identifier": "r1", "referents": ("g1",), "name": "Peer", "type": "Peer_To"},
            ),
            # what each result's target and actual results say that the result does not
            "results": (
                {"target": {"description": None}, "actual": {"descriptor": {"value": "ok"}}},
                {"joined": True, "target": {"descriptor": {"name": "Status"}}},
                {"target": {"descriptor": {"name": "Baseline"}}},
                {"target": {"descriptor": {"name": "Baseline"}}},
            ),
        }
        assert messages == [
            "ValueChainStage 'Sideways' is not one the schema allows (Outcome, Output_Processing,"
            " Output, Input_Processing, Input)",
            "IndicatorType is deprecated; it was read as PerformanceIndicatorType",
            "NumberOfUnits '1,000' is not a decimal number; it was read as text",
            "the children of TargetResult are not in schema order (StartDate, EndDate,"
            " NumberOfUnits, Descriptor, Description); they were read in any order",
        ]

    def test_results_end_before_start(self):
        indicator = (
            "<PerformanceIndicator><MeasurementDimension>M</MeasurementDimension>"
            "<UnitOfMeasurement/><MeasurementInstance><ActualResult><StartDate>2026-01-01"
            "</StartDate><EndDate>2025-01-01</EndDate><NumberOfUnits>1.5</NumberOfUnits>"
            "</ActualResult></MeasurementInstance></PerformanceIndicator>"
        )
        strategy, messages = load(
            plan(
                ORG + f"<Goal><Name>G</Name><Objective><Name>O</Name>{indicator}</Objective></Goal>"
            )
        )
        assert strategy.goals[0].objectives[0].measures[0].results == (
            Result(start=datetime.date(2026, 1, 1), actual=1.5),
        )
        assert len(messages) == 1

    @staticmethod
    def with_residue(residue: str, marker: str = RESIDUE_MARKER) -> str:
        other = f"<OtherInformation>{marker}{residue}</OtherInformation>"
        return plan(ORG + "<Goal><Name>A</Name></Goal>", head="<Name>P</Name>" + other)

    @pytest.mark.parametrize("marker", [RESIDUE_MARKER, RESIDUE_1_0], ids=["json-patch", "1.0"])
    def test_residue_that_is_not_an_object(self, marker):
        strategy, messages = load(self.with_residue("[1]", marker))
        assert messages == [
            "the orgstrategy residue in OtherInformation is not a JSON object; it was read as text"
        ]
        assert strategy.extensions["stratml"]["other_information"] == marker + "[1]"
        _, messages = load(self.with_residue("{", marker))
        assert len(messages) == 1
        strategy, messages = load(self.with_residue('{"priorities": 5}', marker))
        assert messages == ["the residue's priority count 5 does not fit; it was ignored"]
        assert len(strategy.goals) == 1

    def test_residue_problems(self):
        operations = [
            {"op": "replace", "path": "/goals/7/name", "value": "B"},
            {"op": "bogus", "path": "/goals"},
            {"op": "replace", "path": "/goals/0/name", "value": "C"},
            {"op": "replace", "path": "", "value": [1]},
            {"op": "add", "path": "/title"},
        ]
        strategy, messages = load(self.with_residue(json.dumps({"patch": operations})))
        assert strategy.goals[0].name == "C"
        assert messages == [
            "the residue's operation 1 does not apply (there is no item 7 in a list of 1);"
            " it was ignored",
            "the residue's operation 2 does not apply ('bogus' is not a JSON Patch operation);"
            " it was ignored",
            "the residue's operation 4 replaces the plan whole; it was ignored",
            "the residue's operation 5 does not apply (the 'add' operation needs a value);"
            " it was ignored",
        ]
        _, messages = load(self.with_residue('{"patch": {"goals": {}}}'))
        assert messages == [
            "the residue's patch is not a list of JSON Patch operations; it was ignored"
        ]

    def test_residue_1_0_problems(self):
        strategy, messages = load(
            self.with_residue(
                '{"patch": {"goals": {"7": {"name": "B"}, "x": 1, "0": {"name": "C"}}}}',
                RESIDUE_1_0,
            )
        )
        assert strategy.goals[0].name == "C"
        assert messages == [
            "the residue patches item '7' of a list of 1; it was ignored",
            "the residue patches item 'x' of a list of 1; it was ignored",
        ]

    @pytest.mark.parametrize(
        "residue",
        [
            RESIDUE_MARKER + '{"patch": [{"op": "add", "path": "/status", "value": "lost"}]}',
            RESIDUE_1_0 + '{"patch": {"status": "lost"}}',
        ],
        ids=["json-patch", "1.0"],
    )
    def test_residue_cannot_make_an_invalid_strategy_valid(self, residue):
        other = f"<OtherInformation>{residue}</OtherInformation>"
        strategy, problems = read(
            plan(ORG + "<Goal><Name>A</Name></Goal>", head="<Name>P</Name>" + other),
            file="x",
            limits=LIMITS,
        )
        assert strategy is None
        assert [problem.path for problem in repairs(problems)] == ["status"]

    def test_extensions_from_stratml(self):
        strategy, _ = load(
            plan(
                ORG,
                head="<Name>P</Name><Description>About</Description>",
                tail="<Submitter><GivenName>Owen</GivenName></Submitter>",
            ).replace('Type="Strategic_Plan"', 'Type="Performance_Report"')
        )
        assert strategy.extensions["stratml"] == {
            "type": "Performance_Report",
            "description": "About",
            "submitter": {"given_name": "Owen"},
        }
        assert strategy.organisation.extensions == {}


#: A document written before the residue was a JSON Patch (by orgstrategy's writer then).
WRITTEN_WITH_RESIDUE_1_0 = """\
<?xml version="1.0" encoding="UTF-8"?>
<PerformancePlanOrReport xmlns="urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport" \
Type="Strategic_Plan">
  <Name>Here</Name>
  <OtherInformation>[orgstrategy 1.0 residue] {"priorities":1,"patch":{"organisation":\
{"kind":"nhs-trust","extensions":{"replace":{"stratml":{"x":null},"nhs":[1,2]}}},"labels":\
{"goals":"Aims"},"vision":{"points":["One","Two"],"text":null},"goals":{"0":{"description":\
"  spaced  ","extensions":{"stratml":{"sequence":7}}}},"principles":[{"name":"Open","id":"open"}],\
"title":null}}</OtherInformation>
  <StrategicPlanCore>
    <Organization>
      <Name>Here</Name>
    </Organization>
    <Vision>
      <Description>One
Two</Description>
    </Vision>
    <Goal>
      <Name>Care</Name>
      <Description>  spaced  </Description>
      <Identifier>c1</Identifier>
    </Goal>
    <Goal>
      <Name>Mental health</Name>
      <Description />
      <Identifier>mental-health</Identifier>
    </Goal>
  </StrategicPlanCore>
</PerformancePlanOrReport>
"""
WRITTEN_STRATEGY = Strategy(
    organisation=Organisation(
        name="Here", kind="nhs-trust", extensions={"stratml": {"x": None}, "nhs": [1, 2]}
    ),
    labels={"goals": "Aims"},
    vision=Statement(points=("One", "Two")),
    priorities=(Priority(name="Mental health"),),
    goals=(
        Goal(
            name="Care", id="c1", description="  spaced  ", extensions={"stratml": {"sequence": 7}}
        ),
    ),
    principles=(Principle(name="Open"),),
)


class TestResidue:
    """What StratML has no place for is a JSON Patch; residues written before still read."""

    def test_a_document_with_a_residue_1_0_reads_as_before(self):
        assert load(WRITTEN_WITH_RESIDUE_1_0) == (WRITTEN_STRATEGY, [])

    def test_the_residue_is_a_json_patch(self):
        written = write(WRITTEN_STRATEGY)
        assert RESIDUE_1_0 not in written
        other = written.split("<OtherInformation>")[1].split("</OtherInformation>")[0]
        assert other.startswith(RESIDUE_MARKER)
        residue = json.loads(other.removeprefix(RESIDUE_MARKER))
        assert residue["priorities"] == 1
        assert {"op": "add", "path": "/labels", "value": {"goals": "Aims"}} in residue["patch"]
        assert {"op": "remove", "path": "/vision/text"} in residue["patch"]
        # only the residue differs from what was written before
        before, after = WRITTEN_WITH_RESIDUE_1_0.split("\n"), written.split("\n")
        assert [line for line in after if "residue]" not in line] == [
            line for line in before if "residue]" not in line
        ]
        assert round_trip(WRITTEN_STRATEGY) == WRITTEN_STRATEGY

    @pytest.mark.parametrize("marker", [RESIDUE_MARKER, RESIDUE_1_0], ids=["json-patch", "1.0"])
    def test_markers_in_the_text_are_text(self, marker):
        strategy = Strategy(
            organisation=Organisation(name="Here"),
            principles=(Principle(name=f"{marker}{{}}"),),
            extensions={"stratml": {"other_information": f"Notes {marker}{{}}"}},
        )
        written = write(strategy)
        assert written.count(marker) == 1 + (marker == RESIDUE_MARKER)
        assert round_trip(strategy) == strategy

    def test_priorities_alone(self):
        strategy = Strategy(
            organisation=Organisation(name="Here"), title="Plan", priorities=(Priority(name="A"),)
        )
        written = write(strategy)
        assert RESIDUE_MARKER + '{"priorities":1}<' in written
        assert round_trip(strategy) == strategy

    def test_the_writer_does_not_parse_what_it_wrote(self, monkeypatch):
        import orgstrategy._stratml._parse as parsing
        import orgstrategy._stratml._read as reading

        def refuse(*_: object) -> None:
            raise AssertionError("parsed")

        monkeypatch.setattr(parsing, "parse", refuse)
        monkeypatch.setattr(reading, "parse", refuse)
        assert RESIDUE_MARKER in write(WRITTEN_STRATEGY)
