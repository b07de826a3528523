"""Bounds: every document is refused where it crosses a limit, in words that name the limit.

How fast the full-size hostile inputs are answered is measured by
``benchmarks/bounds.py``, never here: these tests pin what is said, and where.
"""

from __future__ import annotations

import codecs
import json
from typing import Any

import pytest
from defusedxml import DTDForbidden, ExternalReferenceForbidden, NotSupportedError
from hypothesis import given
from hypothesis import strategies as st

import orgstrategy
from conftest import example_files
from orgstrategy import Limits
from orgstrategy import _stratml as stratml
from orgstrategy._json import _scan
from orgstrategy._stratml import _parse as stratml_parse
from orgstrategy._yaml import _Reader

HEAD = 'orgstrategy: "1.0"\norganisation: {name: Here}\n'
JSON_HEAD = '{"orgstrategy": "1.0", "organisation": {"name": "Here"}, '
PART1 = stratml.PART1
STRATML_HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<StrategicPlan xmlns="{PART1}">'
PLAN = STRATML_HEAD + "<Name>Plan</Name><StrategicPlanCore>"
PLAN_END = "</StrategicPlanCore></StrategicPlan>\n"
PLAN2 = (
    f'<PerformancePlanOrReport xmlns="{stratml.PART2}" Type="Strategic_Plan">'
    "<Name>Plan</Name><StrategicPlanCore>"
)
PLAN2_END = "</StrategicPlanCore></PerformancePlanOrReport>\n"
ORG = "<Organization><Name>Here</Name></Organization>"
TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=3)
#: The values before ``extensions.x``'s first item in HEAD + "extensions: {x: [...]}":
#: 7 in the head, then the key, the mapping, its key and the list.
BEFORE_ITEMS = 11
VALUES = "the document has more than 200,000 values; raise Limits(max_nodes=...) if it is genuine"
ELEMENTS = (
    "the document has more than 20,000 elements (goals, objectives, measures, results, "
    "values, ...); raise Limits(max_elements=...) if it is genuine"
)
XML_NODES = (
    "the document has more than 200,000 XML elements and attributes; "
    "raise Limits(max_nodes=...) if it is genuine"
)


def errors(
    data: str | bytes, format: str = "yaml", limits: Limits | None = None
) -> list[tuple[str, int, int, str, str]]:
    """Return each error's code, line, column, path and message."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    found = orgstrategy.validate(data, format=format, limits=limits or Limits())
    return [(p.code, p.line, p.column, p.path, p.message) for p in found if p.severity == "error"]


class TestDefaults:
    """The defaults bound what reading costs, far above real strategies."""

    def test_values(self):
        assert (Limits().max_nodes, Limits().max_elements) == (200_000, 20_000)

    def test_every_real_strategy_is_far_within(self, shared):
        tight = Limits(max_nodes=50_000, max_elements=5_000)  # a quarter of the defaults
        for path in [*shared.glob("corpus/stratml/samples/*/*.xml"), *example_files()]:
            assert not [
                p for p in orgstrategy.validate(path, limits=tight) if p.severity == "error"
            ]


class TestValues:
    """YAML and JSON are refused at the value that passes ``max_nodes``, and not read on."""

    def test_a_yaml_list(self):
        text = HEAD + "extensions: {x: [" + "0," * 250_000 + "]}\n"
        index = 200_000 - BEFORE_ITEMS
        column = len("extensions: {x: [") + 2 * index + 1
        assert errors(text) == [("too-large", 3, column, f"extensions.x[{index}]", VALUES)]

    def test_a_json_list(self):
        prefix = JSON_HEAD + '"extensions": {"x": ['
        text = prefix + "0," * 250_000 + "0]}}"
        index = 200_000 - BEFORE_ITEMS
        column = len(prefix) + 2 * index + 1
        assert errors(text, "json") == [("too-large", 1, column, f"extensions.x[{index}]", VALUES)]

    def test_a_json_list_of_mappings(self):
        # the costliest values to build: refused before any is
        prefix = JSON_HEAD + '"extensions": {"x": ['
        text = prefix + "{}," * 250_000 + "{}]}}"
        index = 200_000 - BEFORE_ITEMS
        column = len(prefix) + 3 * index + 1
        assert errors(text, "json") == [("too-large", 1, column, f"extensions.x[{index}]", VALUES)]

    def test_commas_in_strings_are_not_values(self):
        text = JSON_HEAD + '"title": "' + "," * 300_000 + '"}'
        assert errors(text, "json") == []

    def test_an_alias_bomb_says_how_aliases_count(self):
        text = HEAD + "extensions:\n  a: &a [" + ", ".join(["x"] * 1_000) + "]\n"
        text += "  b: [" + ", ".join(["*a"] * 300) + "]\n"
        [(code, line, _, path, message)] = errors(text)
        # 13 values, then the list of 1,001 each alias stands for: the 199th is too many
        assert (code, line, path) == ("too-large", 5, "extensions.b[198]")
        assert message == (
            "the document has more than 200,000 values (counting every use of an alias as a"
            " copy of what it names); raise Limits(max_nodes=...) if it is genuine"
        )

    def test_the_located_reader_says_the_same(self):
        # it reads documents whose fast reading failed first for another reason
        text = HEAD + "title: a\ntitle: b\nextensions: {x: [" + "0," * 20 + "]}\n"
        found = errors(text, limits=Limits(max_nodes=20))
        assert found[0][:4] == ("duplicate-key", 4, 1, "title")
        assert found[1][:4] == ("too-large", 5, 28, "extensions.x[5]")
        assert found[1][4].startswith("the document has more than 20 values; raise Limits(")

    @given(
        st.recursive(
            st.none() | st.booleans() | st.integers() | TEXT,
            lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
            max_leaves=20,
        )
    )
    def test_json_and_yaml_count_alike(self, value: Any):
        text = json.dumps({"x": value}, ensure_ascii=False)
        reader = _Reader(text, "<string>", Limits())
        reader.read()
        assert _scan(text, Limits(max_nodes=reader.nodes)) is None
        if reader.nodes > 1:
            over = _scan(text, Limits(max_nodes=reader.nodes - 1))
            assert over is not None
            assert over.code == "too-large"


class TestElements:
    """Documents are refused at the element that passes ``max_elements``."""

    def test_goals(self):
        text = HEAD + "goals:\n" + "".join(f"- Goal {n}\n" for n in range(20_001))
        assert errors(text) == [("too-large", 20_004, 3, "goals[20000]", ELEMENTS)]

    def test_goals_in_json(self):
        text = JSON_HEAD + '"goals": [\n' + ",\n".join(f'"Goal {n}"' for n in range(20_001))
        text += "\n]}"
        assert errors(text, "json") == [("too-large", 20_002, 1, "goals[20000]", ELEMENTS)]

    def test_elements_within_elements_count(self):
        text = HEAD + "goals:\n- name: A\n  objectives: [B, C]\n"
        [(code, line, column, path, message)] = errors(text, limits=Limits(max_elements=2))
        assert (code, line, column, path) == ("too-large", 5, 19, "goals[0].objectives[1]")
        assert message.startswith("the document has more than 2 elements (goals, objectives,")

    def test_results_count(self):
        text = HEAD + "goals:\n- name: A\n  measures:\n  - {name: M, results: [{target: 1}]}\n"
        assert errors(text, limits=Limits(max_elements=3)) == []
        assert (
            errors(text, limits=Limits(max_elements=2))[0][3] == "goals[0].measures[0].results[0]"
        )

    def test_extensions_do_not_count(self):
        text = HEAD + "extensions: {x: {goals: [a, b, c]}}\n"
        assert errors(text, limits=Limits(max_elements=1)) == []

    def test_an_invalid_document_is_not_explained_past_the_limit(self):
        text = HEAD + "visoin: x\ngoals: [a, b, c]\n"
        assert [e[0] for e in errors(text, limits=Limits(max_elements=2))] == ["too-large"]

    def test_stratml_goals(self):
        goals = "".join(f"\n<Goal><Name>Goal {n}</Name></Goal>" for n in range(4))
        text = PLAN + ORG + goals + PLAN_END
        assert errors(text, "stratml", Limits(max_elements=4)) == []
        [(code, line, column, _, message)] = errors(text, "stratml", Limits(max_elements=3))
        assert (code, line, column) == ("too-large", 6, 1)
        assert "more than 3 elements" in message

    def test_stratml_counts_as_the_document_it_reads_as(self):
        measure = (
            "<PerformanceIndicator><MeasurementDimension>M</MeasurementDimension>"
            "<MeasurementInstance><TargetResult><NumberOfUnits>1</NumberOfUnits></TargetResult>"
            "<ActualResult><NumberOfUnits>2</NumberOfUnits></ActualResult>"
            "</MeasurementInstance></PerformanceIndicator>"
        )
        goal = f"<Goal><Name>G</Name><Objective><Name>O</Name>{measure}</Objective></Goal>"
        text = PLAN2 + ORG + "<Value><Name>V</Name></Value>" + goal + PLAN2_END
        # a goal, an objective, a measure, its result and a value
        assert errors(text, "stratml", Limits(max_elements=5)) == []
        assert errors(text, "stratml", Limits(max_elements=4))[0][0] == "too-large"


class TestIds:
    """Derived ids of repeated names take the next free suffix, in linear time."""

    def test_ten_thousand_goals_named_a(self):  # 20,000 of them: benchmarks/bounds.py
        text = HEAD + "goals:\n" + "- a\n" * 10_000
        strategy = orgstrategy.loads(text)
        assert [goal.id for goal in strategy.goals] == ["a", *(f"a-{n}" for n in range(2, 10_001))]

    def test_a_taken_suffix_is_skipped(self):
        text = HEAD + "goals: [a, {name: B, id: a-3}, a, a, A 2, a]\n"
        ids = [goal.id for goal in orgstrategy.loads(text).goals]
        assert ids == ["a", "a-3", "a-2", "a-4", "a-2-2", "a-5"]


class TestXmlNodes:
    """StratML is refused at the element or attribute that passes ``max_nodes``."""

    def test_elements(self):
        text = STRATML_HEAD + "<a/>" * 200_001 + "</StrategicPlan>"
        column = len(STRATML_HEAD.split("\n")[1]) + 4 * 199_999 + 1
        assert errors(text, "stratml") == [("too-large", 2, column, "", XML_NODES)]

    def test_attributes(self):
        attributes = "".join(f' a{n}="{n}"' for n in range(250_000))
        text = STRATML_HEAD + f"<Name{attributes}>Plan</Name></StrategicPlan>"
        column = len(STRATML_HEAD.split("\n")[1]) + 1
        assert errors(text, "stratml") == [("too-large", 2, column, "", XML_NODES)]

    @pytest.mark.parametrize("scan", [True, False], ids=["scanned", "parsed"])
    def test_scanning_and_parsing_agree(self, scan, monkeypatch):
        # counted before parsing, and again as expat parses, for what the scan cannot see
        if not scan:
            monkeypatch.setattr(stratml_parse, "_past_nodes", lambda text, limits: None)
        text = (
            STRATML_HEAD + '\n<Name a="1" b="x=y" xmlns:c="urn:c">P</Name>\n<Name/></StrategicPlan>'
        )
        found = [e[:3] for e in errors(text, "stratml", Limits(max_nodes=3))]
        assert found == [("too-large", 3, 1)]  # the root, then Name and its two attributes

    def test_equals_signs_in_text_are_not_attributes(self):
        text = PLAN + ORG + "<Goal><Name>" + "=" * 300 + "</Name></Goal>" + PLAN_END
        assert errors(text, "stratml", Limits(max_nodes=20)) == []

    @pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
    def test_wide_encodings_are_scanned_as_text(self, encoding):
        text = STRATML_HEAD.replace("UTF-8", encoding.upper()) + "<a/>" * 20 + "</StrategicPlan>"
        found = errors(text.encode(encoding), "stratml", Limits(max_nodes=10))
        column = len(STRATML_HEAD.split("\n")[1]) + 4 * 9 + 1
        assert [e[:3] for e in found] == [("too-large", 2, column)]


class TestMixedContent:
    """Markup inside StratML text keeps all the text, with a warning."""

    def test_a_name_with_bold(self):
        text = PLAN + ORG + "<Goal><Name>before<b>bold</b>after</Name></Goal>" + PLAN_END
        strategy, problems = stratml.read(text, file="plan.xml", limits=Limits())
        assert strategy is not None
        assert strategy.goals[0].name == "beforeboldafter"
        [problem] = [p for p in problems if p.code == "stratml-repaired"]
        assert problem.message == (
            "Name holds markup (<b>), which StratML has no place for; the markup was left"
            " out and all of its text kept"
        )
        assert (problem.line, problem.column) == (2, text.split("\n")[1].index("<Name>b") + 1)

    def test_a_line_break(self):
        description = "<Description> One<br/>two <i>and <b>three</b></i> </Description>"
        text = PLAN + ORG + f"<Goal><Name>G</Name>{description}</Goal>" + PLAN_END
        strategy, _ = stratml.read(text, file="plan.xml", limits=Limits())
        assert strategy is not None
        assert strategy.goals[0].description == "One\ntwo and three"

    def test_text_only_after_markup_is_not_a_placeholder(self):
        text = PLAN + ORG + "<Goal><Name><b/>Care</Name></Goal>" + PLAN_END
        strategy, _ = stratml.read(text, file="plan.xml", limits=Limits())
        assert strategy is not None
        assert [goal.name for goal in strategy.goals] == ["Care"]


class TestXmlRefusals:
    """What XML refuses for safety is said in words, where it is."""

    def test_an_entity(self):
        text = '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n]>\n<lolz/>'
        assert errors(text, "stratml") == [
            (
                "xml-forbidden",
                3,
                15,
                "",
                "the XML declares an entity 'lol', which is refused for safety (entities can"
                " make a small file expand without bound): write out the text it stands for",
            )
        ]

    def test_an_external_entity(self):
        text = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<x/>'
        [(code, line, _, _, message)] = errors(text, "stratml")
        assert (code, line) == ("xml-forbidden", 2)
        assert message == (
            "the XML declares an entity 'e' that stands for the external resource"
            " 'file:///etc/passwd', which is refused for safety: nothing is fetched"
        )

    @pytest.mark.parametrize(
        ("error", "message"),
        [
            (
                ExternalReferenceForbidden(None, None, "http://example.com/x.dtd", None),
                "the XML refers to the external resource 'http://example.com/x.dtd', which is"
                " refused for safety: nothing is fetched",
            ),
            (
                DTDForbidden("plan", None, None),
                "the XML has a document type declaration (<!DOCTYPE plan>), which is refused"
                " for safety",
            ),
            (NotSupportedError(), "the XML uses a feature that is refused for safety"),
        ],
    )
    def test_the_others(self, error, message):
        # defusedxml refuses these only when told to, or when an entity came first
        assert stratml_parse.forbidden(error) == message

    def test_syntax_says_where_once(self):
        assert errors("<x>&nope;</x>", "stratml") == [
            ("xml-syntax", 1, 4, "", "the XML is not well-formed: undefined entity")
        ]


class TestWideEncodings:
    """UTF-16 and UTF-32 documents with a byte order mark are named, not misread."""

    @pytest.mark.parametrize("format", ["yaml", "json"])
    @pytest.mark.parametrize(
        ("mark", "name"),
        [
            (codecs.BOM_UTF16_LE, "UTF-16"),
            (codecs.BOM_UTF16_BE, "UTF-16"),
            (codecs.BOM_UTF32_LE, "UTF-32"),
            (codecs.BOM_UTF32_BE, "UTF-32"),
        ],
    )
    def test_named(self, format, mark, name):
        codec = {"UTF-16": "utf-16", "UTF-32": "utf-32"}[name]
        codec += "-le" if mark in (codecs.BOM_UTF16_LE, codecs.BOM_UTF32_LE) else "-be"
        data = mark + (JSON_HEAD[:-2] + "}" if format == "json" else HEAD).encode(codec)
        message = f"the file is {name} (it starts with a {name} byte order mark); save it as UTF-8"
        assert errors(data, format) == [("encoding", 1, 1, "", message)]

    def test_stratml_in_utf16_is_read(self):
        text = PLAN.replace("UTF-8", "UTF-16") + ORG + PLAN_END
        strategy, problems = stratml.read(text.encode("utf-16"), file="plan.xml", limits=Limits())
        assert strategy is not None
        assert [p for p in problems if p.severity == "error"] == []


class TestJsonLocated:
    """JSON nested too deeply, or with a number too long, is located where it is."""

    @pytest.mark.parametrize("depth", [70, 100_000], ids=["over-the-limit", "past-python"])
    def test_too_deep(self, depth):
        prefix = JSON_HEAD + '\n"extensions": {"x": '
        text = prefix + "[" * depth + "]" * depth + "}}"
        column = len(prefix.split("\n")[1]) + 62 + 1  # the 65th level: x's 63rd list
        assert errors(text, "json") == [
            (
                "too-deep",
                2,
                column,
                "extensions.x" + "[0]" * 62,
                "the document is nested more than 64 levels deep",
            )
        ]

    def test_a_huge_integer(self):
        prefix = JSON_HEAD + '\n"extensions": {"x": [1, 2,\n  '
        text = prefix + "9" * 10_000 + "]}}"
        assert errors(text, "json") == [
            (
                "json-syntax",
                3,
                3,
                "extensions.x[2]",
                "the number 99999999\u202699999999 has 10,000 digits, more than the 4,300 a"
                " number may have; write it as text if it is genuine",
            )
        ]

    def test_a_negative_huge_integer_in_a_key_s_value(self):
        text = '{"orgstrategy": "1.0",\n "a": -' + "1" * 5_000 + "}"
        [(code, line, column, path, _)] = errors(text, "json")
        assert (code, line, column, path) == ("json-syntax", 2, 7, "a")
