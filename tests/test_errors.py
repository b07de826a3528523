"""Every problem a user can meet: its message, its code and its location."""

from __future__ import annotations

from unittest import mock

import pytest

import orgstrategy
from orgstrategy import Problem, ValidationError
from orgstrategy.plugins import Plugin


def problems(text: str, format: str = "yaml") -> list[Problem]:
    return orgstrategy.validate(text.encode("utf-8"), format=format)


def only(text: str, format: str = "yaml") -> Problem:
    found = problems(text, format)
    assert len(found) == 1, found
    return found[0]


HEAD = 'orgstrategy: "1.0"\norganisation:\n  name: Here\n'


class TestTheFourAtOnce:
    """A wrong type, a typo'd key, a duplicate key and a duplicate id: all four, located."""

    TEXT = (
        'orgstrategy: "1.0"\n'  # 1
        "organisation:\n"  # 2
        "  name: Here\n"  # 3
        "  kind: social-enterprise\n"  # 4
        "  kind: charity\n"  # 5  duplicate key
        "title: 2025\n"  # 6  wrong type
        "visoin: Exceptional care, for everyone.\n"  # 7  typo'd key
        "goals:\n"  # 8
        "  - id: care\n"  # 9
        "    name: Exceptional care\n"  # 10
        "  - id: care\n"  # 11 duplicate id
        "    name: For everyone\n"  # 12
    )

    def test_all_four_problems_with_their_lines(self):
        found = problems(self.TEXT)
        assert [(p.line, p.column, p.code) for p in found] == [
            (5, 3, "duplicate-key"),
            (6, 8, "type"),
            (7, 1, "unknown-key"),
            (11, 9, "duplicate-id"),
        ]
        assert all(p.severity == "error" and p.file == "<string>" for p in found)

    def test_load_raises_with_all_of_them(self, tmp_path):
        path = tmp_path / "here.yaml"
        path.write_text(self.TEXT, encoding="utf-8")
        with pytest.raises(ValidationError) as caught:
            orgstrategy.load(path)
        assert len(caught.value.errors) == 4
        assert str(caught.value).splitlines()[0] == "4 problems found"
        assert (
            f"{path}:7:1: error unknown-key: visoin: unknown key 'visoin'; did you mean 'vision'?"
            in str(caught.value)
        )


class TestSchemaProblems:
    """Each schema rule gives a plain message at the offending key or value."""

    def test_unknown_key_with_a_hint(self):
        problem = only(HEAD + "visoin: x\n")
        assert problem.message == "unknown key 'visoin'; did you mean 'vision'?"
        assert (problem.line, problem.column, problem.path) == (4, 1, "visoin")

    def test_unknown_key_without_a_hint(self):
        problem = only(HEAD + "budget: 5\n")
        assert problem.message == "unknown key 'budget'"

    def test_unknown_key_in_an_element(self):
        problem = only(HEAD + "goals:\n  - name: G\n    due: 2025-01-01\n")
        assert (problem.path, problem.line, problem.column) == ("goals[0].due", 6, 5)

    def test_missing_required_key(self):
        problem = only('orgstrategy: "1.0"\norganisation:\n  kind: nhs-trust\n')
        assert problem.message == "missing required key 'name'"
        assert (problem.path, problem.line, problem.column, problem.code) == (
            "organisation",
            3,
            3,
            "missing-key",
        )

    def test_missing_organisation(self):
        problem = only('orgstrategy: "1.0"\ntitle: T\n')
        assert problem.message == "missing required key 'organisation'"
        assert (problem.line, problem.column) == (1, 1)

    def test_missing_version(self):
        problem = only("organisation: {name: Here}\n")
        assert problem.message == "missing required key 'orgstrategy'"

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ('"2.0"', "unsupported format version '2.0'; this library reads '1.0', '1.1'"),
            (
                "1.0",
                "unsupported format version 1.0; this library reads '1.0', '1.1'; quote it to keep it as text: '1.0'",
            ),
        ],
    )
    def test_version(self, value, message):
        problem = only(f"orgstrategy: {value}\norganisation: {{name: Here}}\n")
        assert (problem.message, problem.code, problem.line, problem.column) == (
            message,
            "version",
            1,
            14,
        )

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("2.5", "expected text, got the number 2.5; quote it to keep it as text: '2.5'"),
            ("true", "expected text, got the boolean true; quote it if you mean the text"),
            ("", "expected text, got nothing (null); write a value, or leave the key out"),
            ("[a, b]", "expected text, got a list"),
            ("{a: b}", "expected text, got a mapping"),
        ],
    )
    def test_wrong_type_for_text(self, value, message):
        problem = only(HEAD + f"title: {value}\n")
        assert (problem.message, problem.code, problem.path) == (message, "type", "title")

    @pytest.mark.parametrize(
        ("extra", "path", "message"),
        [
            (
                "goals: [{name: g, measures: [{name: m, target: [1]}]}]",
                "goals[0].measures[0].target",
                "expected a number or text, got a list",
            ),
            (
                "goals: [{name: g, measures: [{name: m, baseline: true}]}]",
                "goals[0].measures[0].baseline",
                "expected a number or text, got the boolean true; quote it if you mean the text",
            ),
            ("sources: x", "sources", "expected a list, got the text 'x'"),
            ("labels: x", "labels", "expected a mapping, got the text 'x'"),
            ("extensions: [1]", "extensions", "expected a mapping, got a list"),
            (
                "vision: {points: [1]}",
                "vision.points[0]",
                "expected text, got the number 1; quote it to keep it as text: '1'",
            ),
        ],
    )
    def test_wrong_types_elsewhere(self, extra, path, message):
        problem = only(HEAD + extra + "\n")
        assert (problem.path, problem.message, problem.code) == (path, message, "type")

    def test_wrong_type_for_a_list(self):
        problem = only(HEAD + "goals: Access\n")
        assert problem.message == "expected a list, got the text 'Access'"

    def test_wrong_type_for_an_element(self):
        problem = only(HEAD + "goals: [5]\n")
        assert problem.message == (
            "expected text or a mapping, got the number 5; quote it to keep it as text: '5'"
        )
        assert problem.path == "goals[0]"

    def test_wrong_type_for_a_year(self):
        problem = only(HEAD + "period: {start: 2025.5}\n")
        assert (
            problem.message == "expected a year or a date written YYYY-MM-DD, got the number 2025.5"
        )

    def test_long_text_is_shortened(self):
        problem = only(HEAD + "goals: " + "x" * 60 + "\n")
        assert problem.message == "expected a list, got the text '" + "x" * 37 + "...'"

    @pytest.mark.parametrize(
        ("length", "shown"), [(40, "x" * 40), (41, "x" * 37 + "...")], ids=["40", "41"]
    )
    def test_text_is_shortened_past_40_characters(self, length, shown):
        problem = only(HEAD + "goals: " + "x" * length + "\n")
        assert problem.message == f"expected a list, got the text '{shown}'"

    def test_the_document_is_not_a_mapping(self):
        problem = only("- a\n- b\n")
        assert problem.message.startswith("a strategy document is a mapping with keys such as")
        assert problem.message.endswith("but this one is a list")
        assert (problem.code, problem.path, problem.line, problem.column) == ("type", "", 1, 1)

    def test_the_document_is_null(self):
        assert only("---\n...\n").message.endswith("but this one is nothing (null)")

    def test_status(self):
        problem = only(HEAD + "status: publshed\n")
        assert problem.message == (
            "'publshed' is not one of draft, consultation, published, superseded;"
            " did you mean 'published'?"
        )
        assert (problem.code, problem.line, problem.column) == ("enum", 4, 9)

    def test_label_for_no_section(self):
        problem = only(HEAD + "labels:\n  goal: Our aims\n")
        assert (
            problem.message
            == "'goal' is not a section that can have a label; did you mean 'goals'?"
        )
        assert (problem.line, problem.column, problem.path) == (5, 3, "labels.goal")
        assert problem.code == "unknown-key"

    @pytest.mark.parametrize("value", ['""', '"  "'])
    def test_blank_text(self, value):
        problem = only(HEAD + f"title: {value}\n")
        assert (problem.message, problem.code) == ("must not be empty", "empty")

    def test_bad_id(self):
        problem = only(HEAD + "goals:\n  - id: Great employer\n    name: G\n")
        assert problem.message == (
            "'Great employer' is not a valid id: use letters, digits, '.', '_' and '-', "
            "starting with a letter or digit"
        )
        assert (problem.code, problem.path, problem.line) == ("id", "goals[0].id", 5)

    def test_date_form(self):
        problem = only(HEAD + "published: 2025-1-1\n")
        assert (problem.message, problem.code) == (
            "'2025-1-1' is not a date written YYYY-MM-DD",
            "date",
        )

    def test_unreal_date(self):
        problem = only(HEAD + "published: 2025-02-30\n")
        assert (problem.message, problem.code, problem.column) == (
            "'2025-02-30' is not a real calendar date",
            "date",
            12,
        )

    def test_year_range(self):
        problem = only(HEAD + "period: {start: 99}\n")
        assert (problem.message, problem.code) == (
            "the year 99 is not between 1000 and 9999",
            "year",
        )

    def test_year_past_9999(self):
        problem = only(HEAD + "period: {start: 10000}\n")
        assert (problem.message, problem.code, problem.path, problem.column) == (
            "the year 10000 is not between 1000 and 9999",
            "year",
            "period.start",
            17,
        )

    def test_empty_period(self):
        problem = only(HEAD + "period: {}\n")
        assert (problem.message, problem.code, problem.path) == (
            "a period needs a start or an end",
            "missing-key",
            "period",
        )

    def test_statement_needs_text_or_points(self):
        problem = only(HEAD + "vision:\n  meanings: [a]\n")
        assert problem.message == "a statement needs 'text' or at least one of 'points'"
        assert problem.path == "vision"

    def test_statement_with_no_points(self):
        assert only(HEAD + "vision:\n  points: []\n").code == "missing-key"

    def test_source_needs_title_or_url(self):
        problem = only(HEAD + "sources:\n  - author: Rich Taunt\n")
        assert problem.message == "a source needs a 'title' or a 'url'"
        assert (problem.path, problem.code) == ("sources[0]", "missing-key")

    def test_merge_key(self):
        problem = only(HEAD + "<<: {title: T}\n")
        assert (problem.message, problem.code, problem.path, problem.line, problem.column) == (
            "unknown key '<<'; YAML merge keys are not supported: write the keys out",
            "unknown-key",
            "<<",
            4,
            1,
        )

    @pytest.mark.parametrize(
        ("key", "hint"),
        [
            # 21 characters against 9 (retrieved): the ratio can be 2 * 9 / 30 = 0.6, enough
            ("retrievedxxxxxxxxxxxx", "; did you mean 'retrieved'?"),
            ("retrievedxxxxxxxxxxxxx", ""),  # 22: at most 18 / 31, too far
        ],
        ids=["21", "22"],
    )
    def test_a_key_at_the_longest_that_can_be_close(self, key, hint):
        problem = only(HEAD + f"sources:\n  - {{title: T, {key}: 1}}\n")
        assert (problem.message, problem.path) == (
            f"unknown key {key!r}{hint}",
            f"sources[0].{key}",
        )


class TestAmongValidElements:
    """Elements valid on their own are left out of schema checking; paths still count them."""

    TEXT = HEAD + (
        "goals:\n"  # 4
        "  - {id: care, name: Care}\n"  # 5
        "  - {name: 7}\n"  # 6: goals[1]
        "  - {name: Teach, description: D}\n"  # 7
        "  - name: Learn\n"  # 8: goals[3], invalid within
        "    objectives:\n"  # 9
        "      - Read\n"  # 10
        "      - {name: Write}\n"  # 11
        "      - {name: Count, colour: red}\n"  # 12: goals[3].objectives[2]
        "  - {id: care, name: Again}\n"  # 13: valid alone, but its id repeats goals[0]'s
    )

    def test_problems_keep_the_documents_indexes(self):
        assert [(p.code, p.path, p.line, p.column) for p in problems(self.TEXT)] == [
            ("type", "goals[1].name", 6, 12),
            ("unknown-key", "goals[3].objectives[2].colour", 12, 23),
            ("duplicate-id", "goals[4].id", 13, 10),
        ]

    def test_the_repeated_id_names_the_first(self):
        assert problems(self.TEXT)[-1].message == (
            "the id 'care' is already used by goals[0] (line 5); ids must be unique within a list"
        )


class TestTooManyProblems:
    """A thousand problems are explained; the next is named, and explaining stops there."""

    def test_the_thousand_and_first(self):
        goals = "".join(f"  - {{name: G{n}, descripton: D}}\n" for n in range(1_500))
        found = problems(HEAD + "goals:\n" + goals)
        assert len(found) == 1_001
        assert {p.code for p in found[:-1]} == {"unknown-key"}
        last = found[-1]
        assert (last.code, last.path, last.line, last.column) == (
            "too-many-problems",
            "goals[1000].descripton",
            1005,
            19,  # at the key, as an unknown key is
        )
        assert last.message == (
            "more problems than the 1,000 reported; the next is here: unknown key "
            "'descripton'; did you mean 'description'?"
        )

    def test_the_first_past_a_thousand_repeated_ids_is_named(self):
        values = "".join(f"  - name: V{n}\n    id: same\n" for n in range(1_003))
        found = problems(HEAD + "values:\n" + values)
        assert len(found) == 1_001
        repeated = (
            "the id 'same' is already used by values[0] (line 6); ids must be unique within a list"
        )
        assert [(p.code, p.path, p.line, p.column, p.message) for p in found[-2:]] == [
            ("duplicate-id", "values[1000].id", 2006, 9, repeated),
            (
                "too-many-problems",
                "values[1001].id",  # the first not reported, not the last
                2008,
                9,
                "more problems than the 1,000 reported; the next is here: " + repeated,
            ),
        ]

    def test_a_thousand_is_not_too_many(self):
        goals = "".join(f"  - {{name: G{n}, descripton: D}}\n" for n in range(1_000))
        assert {p.code for p in problems(HEAD + "goals:\n" + goals)} == {"unknown-key"}

    def test_no_close_match_is_looked_for_a_key_too_long_to_be_close(self):
        """Past 7/3 of the longest key (stakeholders: 12), none can be close: none is sought."""
        assert only(HEAD + "stakeholdersxxxxxxxxxxxxxxx: 1\n").message.endswith(
            "did you mean 'stakeholders'?"
        )  # 27 characters: 2 * 12 / (27 + 12) > 0.6
        with mock.patch("difflib.get_close_matches", side_effect=AssertionError):
            problem = only(HEAD + "stakeholdersxxxxxxxxxxxxxxxxx: 1\n")
        assert problem.message == "unknown key 'stakeholdersxxxxxxxxxxxxxxxxx'"


class TestSemanticProblems:
    """Rules the schema cannot say."""

    def test_duplicate_id(self):
        problem = only(HEAD + "values:\n  - {id: kind, name: Kind}\n  - {id: kind, name: Kinder}\n")
        assert problem.message == (
            "the id 'kind' is already used by values[0] (line 5); ids must be unique within a list"
        )
        assert (problem.path, problem.line, problem.column) == ("values[1].id", 6, 10)

    def test_duplicate_id_names_the_line_of_the_first_id(self):
        text = HEAD + "values:\n  - name: Kind\n    id: kind\n  - name: Kinder\n    id: kind\n"
        problem = only(text)
        assert problem.message == (
            "the id 'kind' is already used by values[0] (line 6); ids must be unique within a list"
        )
        assert (problem.path, problem.line, problem.column) == ("values[1].id", 8, 9)

    def test_duplicate_id_that_looks_like_a_line(self):
        """The line is given at the last "(line ?)": an id may hold those words (and be refused)."""
        text = HEAD + 'values:\n  - {id: "a (line ?)", name: A}\n  - {id: "a (line ?)", name: B}\n'
        assert [(p.code, p.path, p.message) for p in problems(text)] == [
            (
                "id",
                "values[0].id",
                "'a (line ?)' is not a valid id: use letters, digits, '.', '_' and '-', "
                "starting with a letter or digit",
            ),
            (
                "duplicate-id",
                "values[1].id",
                "the id 'a (line ?)' is already used by values[0] (line 5); ids must be unique "
                "within a list",
            ),
            (
                "id",
                "values[1].id",
                "'a (line ?)' is not a valid id: use letters, digits, '.', '_' and '-', "
                "starting with a letter or digit",
            ),
        ]

    def test_duplicate_ids_in_nested_lists(self):
        text = HEAD + (
            "goals:\n"
            "  - name: G\n"
            "    objectives:\n"
            "      - name: O\n"
            "        measures: [{id: m, name: A}, {id: m, name: B}]\n"
        )
        assert only(text).path == "goals[0].objectives[0].measures[1].id"

    def test_same_names_without_ids_are_fine(self):
        text = HEAD + "goals: [Access, Access]\n"
        assert problems(text) == []
        assert [g.id for g in orgstrategy.loads(text).goals] == ["access", "access-2"]

    def test_period_order(self):
        problem = only(HEAD + "period:\n  start: 2026\n  end: 2025-12-31\n")
        assert problem.message == "the end (2025-12-31) is before the start (2026)"
        assert (problem.code, problem.path, problem.line, problem.column) == (
            "period-order",
            "period.end",
            6,
            8,
        )

    def test_a_period_of_one_day(self):
        """An end on the day of the start is in order, also when the document is explained."""
        text = HEAD + "period: {start: 2025-06-01, end: 2025-06-01}\n"
        assert problems(text) == []
        problem = only(text + "title: 5\n")
        assert (problem.code, problem.path) == ("type", "title")

    @pytest.mark.parametrize(
        ("period", "message"),
        [
            ("{start: 1000, end: 0999-12-31}", "the end (0999-12-31) is before the start (1000)"),
            ("{start: 9999, end: 9998-12-31}", "the end (9998-12-31) is before the start (9999)"),
        ],
        ids=["1000", "9999"],
    )
    def test_period_order_at_the_first_and_last_years(self, period, message):
        problem = only(HEAD + f"period: {period}\n")
        assert (problem.code, problem.path, problem.message) == (
            "period-order",
            "period.end",
            message,
        )

    def test_measures_written_short_are_fine_when_explaining(self):
        """A document with a problem is explained whole, with its measures written as text."""
        problem = only(HEAD + "title: 5\ngoals: [{name: G, measures: [M]}]\n")
        assert (problem.code, problem.path) == ("type", "title")

    def test_result_order(self):
        text = (
            HEAD
            + "goals:\n  - name: G\n    measures:\n      - name: M\n        results: [{start: 2025, end: 2024}]\n"
        )
        assert only(text).path == "goals[0].measures[0].results[0].end"


class TestSyntaxProblems:
    """Broken files: clear problems, never a traceback."""

    def test_empty_file(self):
        problem = only("")
        assert (problem.message, problem.code, problem.line) == (
            "the file is empty",
            "empty-document",
            1,
        )

    def test_only_comments(self):
        assert only("# nothing here\n").code == "empty-document"

    def test_two_documents(self):
        problem = only(HEAD + "---\n" + HEAD)
        assert problem.code == "multiple-documents"
        assert problem.line == 4

    def test_yaml_syntax(self):
        problem = only(HEAD + "title: [unclosed\n")
        assert problem.code == "yaml-syntax"
        assert problem.message.startswith("YAML syntax: ")
        assert problem.line == 5

    def test_tab_indentation(self):
        assert only(HEAD + "goals:\n\t- x\n").code == "yaml-syntax"

    def test_binary_garbage(self):
        found = orgstrategy.validate(bytes(range(256)))
        assert [p.code for p in found] == ["encoding"]
        assert "not UTF-8" in found[0].message

    def test_latin1(self):
        found = orgstrategy.validate((HEAD + "title: Caf\xe9\n").encode("latin-1"))
        assert [(p.code, p.line, p.column) for p in found] == [("encoding", 4, 11)]

    def test_nul(self):
        problem = only(HEAD + "title: a\x00b\n")
        assert problem.code == "yaml-syntax"
        assert (problem.line, problem.column) == (4, 9)

    def test_json_syntax(self):
        problem = only('{"orgstrategy": "1.0",\n "organisation": }', format="json")
        assert (problem.code, problem.line, problem.column) == ("json-syntax", 2, 18)


def test_non_finite_numbers_in_plain_data():
    """Plain data built in Python (never parsed text) may hold inf; it is reported."""
    from orgstrategy._explain import explain
    from orgstrategy._positions import Positions
    from orgstrategy.plugins import available

    doc = {"orgstrategy": "1.0", "organisation": {"name": "x"}, "extensions": {"a": [float("nan")]}}
    (problem,) = explain(doc, "f", available()).located(Positions())
    assert (problem.message, problem.path, problem.code) == (
        "nan is not a finite number",
        "extensions.a[0]",
        "type",
    )


_CODE = Plugin(name="code", schema={"type": "string", "pattern": "^[A-Z]+$"}, applies_to=("goal",))
_NEST = Plugin(
    name="nest",
    schema={
        "type": "object",
        "properties": {"extensions": {"type": "object", "properties": {"x": {"type": "integer"}}}},
    },
)


class TestPluginSections:
    """A plugin's section is checked against its schema, in its words, naming the plugin."""

    @pytest.mark.parametrize(
        ("text", "plugin", "path", "line", "column", "message"),
        [
            (
                # the goal is otherwise valid: it is checked with the plugins in effect
                HEAD + "goals:\n  - name: Care\n    extensions: {code: care}\n",
                _CODE,
                "goals[0].extensions.code",
                6,
                24,
                "'care' does not match '^[A-Z]+$' (plugin 'code')",
            ),
            (
                HEAD + "extensions:\n  nest: [1]\n",  # the section itself
                _NEST,
                "extensions.nest",
                5,
                9,
                "[1] is not of type 'object' (plugin 'nest')",
            ),
            (
                HEAD + "extensions:\n  nest:\n    extensions: {x: a}\n",  # its own 'extensions'
                _NEST,
                "extensions.nest.extensions.x",
                6,
                21,
                "'a' is not of type 'integer' (plugin 'nest')",
            ),
        ],
        ids=["in-a-goal", "the-section", "nested-extensions"],
    )
    def test_located_and_naming_the_plugin(self, text, plugin, path, line, column, message):
        found = orgstrategy.validate(text.encode(), plugins=[plugin])
        assert [(p.code, p.path, p.line, p.column, p.message) for p in found] == [
            ("extension", path, line, column, message)
        ]


@pytest.mark.parametrize(
    ("extra", "code"),
    [('values: [{name: Kind, id: "kind\\n"}]', "id"), ('published: "2025-01-01\\n"', "date")],
)
def test_a_final_newline_is_not_allowed_in_ids_and_dates(extra, code):
    """Python's `$` matches before a final newline; the patterns refuse it everywhere."""
    (problem,) = problems(HEAD + extra + "\n")
    assert problem.code == code


def _two_with_one_id(indent: int) -> str:
    """Two elements in block style, both with the id 'dup', the first item at *indent*."""
    pad = " " * indent
    return f"{pad}- id: dup\n{pad}  name: First\n{pad}- id: dup\n{pad}  name: Second\n"


#: (document after HEAD, path of the repeated id, its line and column, the first, its line)
_DUPLICATE_IDS = [
    ("goals:\n" + _two_with_one_id(2), "goals[1].id", 7, 9, "goals[0]", 5),
    ("priorities:\n" + _two_with_one_id(2), "priorities[1].id", 7, 9, "priorities[0]", 5),
    ("values:\n" + _two_with_one_id(2), "values[1].id", 7, 9, "values[0]", 5),
    (
        "values:\n  - name: Kind\n    behaviours:\n" + _two_with_one_id(6),
        "values[0].behaviours[1].id",
        9,
        13,
        "values[0].behaviours[0]",
        7,
    ),
    ("principles:\n" + _two_with_one_id(2), "principles[1].id", 7, 9, "principles[0]", 5),
    (
        "stakeholders:\n" + _two_with_one_id(2),
        "stakeholders[1].id",
        7,
        9,
        "stakeholders[0]",
        5,
    ),
    (
        "compact:\n  commitments:\n" + _two_with_one_id(4),
        "compact.commitments[1].id",
        8,
        11,
        "compact.commitments[0]",
        6,
    ),
    (
        "compact:\n  themes:\n" + _two_with_one_id(4),
        "compact.themes[1].id",
        8,
        11,
        "compact.themes[0]",
        6,
    ),
    (
        "compact:\n  themes:\n    - name: System first\n      commitments:\n" + _two_with_one_id(8),
        "compact.themes[0].commitments[1].id",
        10,
        15,
        "compact.themes[0].commitments[0]",
        8,
    ),
    (
        "goals:\n  - name: Care\n    outcomes:\n" + _two_with_one_id(6),
        "goals[0].outcomes[1].id",
        9,
        13,
        "goals[0].outcomes[0]",
        7,
    ),
    (
        "goals:\n  - name: Care\n    objectives:\n" + _two_with_one_id(6),
        "goals[0].objectives[1].id",
        9,
        13,
        "goals[0].objectives[0]",
        7,
    ),
    (
        "goals:\n  - name: Care\n    measures:\n" + _two_with_one_id(6),
        "goals[0].measures[1].id",
        9,
        13,
        "goals[0].measures[0]",
        7,
    ),
    (
        "goals:\n  - name: Care\n    objectives:\n      - name: Open\n        measures:\n"
        + _two_with_one_id(10),
        "goals[0].objectives[0].measures[1].id",
        11,
        17,
        "goals[0].objectives[0].measures[0]",
        9,
    ),
    (
        "priorities:\n  - name: Care\n    objectives:\n" + _two_with_one_id(6),
        "priorities[0].objectives[1].id",
        9,
        13,
        "priorities[0].objectives[0]",
        7,
    ),
    (
        "priorities:\n  - name: Care\n    measures:\n" + _two_with_one_id(6),
        "priorities[0].measures[1].id",
        9,
        13,
        "priorities[0].measures[0]",
        7,
    ),
    (
        "priorities:\n  - name: Care\n    objectives:\n      - name: Open\n"
        "        measures:\n" + _two_with_one_id(10),
        "priorities[0].objectives[0].measures[1].id",
        11,
        17,
        "priorities[0].objectives[0].measures[0]",
        9,
    ),
    (
        "mission:\n  text: Care\n  meanings:\n" + _two_with_one_id(4),
        "mission.meanings[1].id",
        9,
        11,
        "mission.meanings[0]",
        7,
    ),
    (
        "vision:\n  text: Care\n  meanings:\n" + _two_with_one_id(4),
        "vision.meanings[1].id",
        9,
        11,
        "vision.meanings[0]",
        7,
    ),
    (
        "purpose:\n  text: Care\n  meanings:\n" + _two_with_one_id(4),
        "purpose.meanings[1].id",
        9,
        11,
        "purpose.meanings[0]",
        7,
    ),
    (
        "ambition:\n  text: Care\n  meanings:\n" + _two_with_one_id(4),
        "ambition.meanings[1].id",
        9,
        11,
        "ambition.meanings[0]",
        7,
    ),
]


class TestDuplicateIdsInEveryList:
    """A repeated id is a located `duplicate-id` in every list of elements, naming the first.

    The repeat is reported at its id's value (the second ``- id: dup``: column = indent
    of the dash + 7), and the message gives the path and line of the first.
    """

    @pytest.mark.parametrize(
        ("text", "path", "line", "column", "first", "first_line"),
        _DUPLICATE_IDS,
        ids=[case[1] for case in _DUPLICATE_IDS],
    )
    def test_located_and_naming_the_first(self, text, path, line, column, first, first_line):
        found = orgstrategy.validate((HEAD + text).encode(), format="yaml")
        assert [(p.code, p.path, p.line, p.column, p.severity) for p in found] == [
            ("duplicate-id", path, line, column, "error")
        ]
        assert found[0].message == (
            f"the id 'dup' is already used by {first} (line {first_line});"
            " ids must be unique within a list"
        )
        assert all(p.code != "internal" for p in found)

    def test_every_repeat_names_the_first(self):
        text = (
            HEAD
            + "values:\n  - {id: kind, name: A}\n  - {id: kind, name: B}\n  - {id: kind, name: C}\n"
        )
        found = orgstrategy.validate(text.encode(), format="yaml")
        assert [(p.code, p.path, p.line, p.column, p.message) for p in found] == [
            (
                "duplicate-id",
                "values[1].id",
                6,
                10,
                "the id 'kind' is already used by values[0] (line 5); ids must be unique within a list",
            ),
            (
                "duplicate-id",
                "values[2].id",
                7,
                10,
                "the id 'kind' is already used by values[0] (line 5); ids must be unique within a list",
            ),
        ]

    def test_the_same_id_in_two_lists_is_not_a_repeat(self):
        text = HEAD + "values: [{id: care, name: Care}]\nprinciples: [{id: care, name: Care}]\n"
        assert orgstrategy.validate(text.encode(), format="yaml") == []

    def test_in_json(self):
        text = (
            '{"orgstrategy": "1.0", "organisation": {"name": "Here"},\n'
            ' "principles": [{"id": "p", "name": "A"},\n'
            '                {"id": "p", "name": "B"}]}\n'
        )
        found = orgstrategy.validate(text.encode(), format="json")
        assert [(p.code, p.path, p.line, p.column, p.message) for p in found] == [
            (
                "duplicate-id",
                "principles[1].id",
                3,
                24,
                "the id 'p' is already used by principles[0] (line 2); ids must be unique within a list",
            )
        ]


class TestYearsAreWholeNumbers:
    """A year is a whole number written without a fraction: `2025`, never `2025.0`."""

    @pytest.mark.parametrize(
        ("text", "format", "path", "line", "column", "number"),
        [
            (HEAD + "period: {start: 2025.0}\n", "yaml", "period.start", 4, 17, "2025.0"),
            (HEAD + "period: {start: 2020, end: 2030.0}\n", "yaml", "period.end", 4, 28, "2030.0"),
            (
                '{"orgstrategy": "1.0", "organisation": {"name": "Here"},\n'
                ' "period": {"start": 2025.0}}\n',
                "json",
                "period.start",
                2,
                22,
                "2025.0",
            ),
            (
                HEAD + "goals:\n  - name: Care\n    measures:\n      - name: Waits\n"
                "        results:\n          - {start: 2025.0, target: 5}\n",
                "yaml",
                "goals[0].measures[0].results[0].start",
                9,
                21,
                "2025.0",
            ),
        ],
        ids=["start", "end", "json", "result"],
    )
    def test_a_year_with_a_fraction_is_refused(self, text, format, path, line, column, number):
        found = orgstrategy.validate(text.encode(), format=format)
        assert [(p.code, p.path, p.line, p.column, p.message, p.severity) for p in found] == [
            (
                "type",
                path,
                line,
                column,
                f"expected a year or a date written YYYY-MM-DD, got the number {number}",
                "error",
            )
        ]
        with pytest.raises(ValidationError):
            orgstrategy.loads(text, format)

    def test_a_whole_year_is_accepted(self):
        text = HEAD + "period: {start: 2025, end: 2030}\n"
        assert orgstrategy.validate(text.encode(), format="yaml") == []
        period = orgstrategy.loads(text).period
        assert period == orgstrategy.Period(start=2025, end=2030)
        assert type(period.start) is int
