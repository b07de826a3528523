"""The JSON reader: strict JSON, located problems, the same bounds as YAML."""

from __future__ import annotations

import json

import pytest

import orgstrategy
from orgstrategy import Limits

DOC = {"orgstrategy": "1.0", "organisation": {"name": "Here"}}


def found(text: str, **limits: int) -> list[tuple[str, int, int]]:
    problems = orgstrategy.validate(text.encode("utf-8"), format="json", limits=Limits(**limits))
    return [(p.code, p.line, p.column) for p in problems]


class TestJson:
    """JSON documents read like YAML ones, with JSON's own types."""

    def test_valid(self):
        assert orgstrategy.loads(json.dumps(DOC), "json").organisation.name == "Here"

    def test_numbers_are_json_numbers(self):
        doc = {**DOC, "goals": [{"name": "G", "measures": [{"name": "M", "target": 1e3}]}]}
        assert orgstrategy.loads(json.dumps(doc), "json").goals[0].measures[0].target == 1000.0

    def test_problems_are_located(self):
        text = '{\n  "orgstrategy": "1.0",\n  "organisation": {"name": "Here"},\n  "visoin": "x",\n  "title": 5\n}\n'
        assert found(text) == [("unknown-key", 4, 3), ("type", 5, 12)]

    def test_duplicate_key(self):
        text = '{"orgstrategy": "1.0",\n "organisation": {"name": "Here", "name": "There"}}'
        assert found(text) == [("duplicate-key", 2, 35)]

    def test_nan(self):
        assert found('{"orgstrategy": "1.0", "organisation": {"name": "Here"}, "x": NaN}') == [
            ("json-syntax", 1, 63)
        ]

    def test_deep_nesting(self):
        problems = found('{"a": ' + "[" * 5_000 + "]" * 5_000 + "}")
        assert problems[0][0] == "too-deep"

    def test_deeper_than_the_limit(self):
        assert found('{"a": [[[1]]]}', max_depth=3)[0][0] == "too-deep"

    def test_node_limit(self):
        assert (
            found(json.dumps({**DOC, "goals": ["a", "b", "c"]}), max_nodes=5)[0][0] == "too-large"
        )

    def test_number_too_large_for_a_float(self):
        text = (
            '{"orgstrategy": "1.0", "organisation": {"name": "Here"}, "extensions": {"x": 1e400}}'
        )
        problems = orgstrategy.validate(text.encode(), format="json")
        assert [(p.message, p.line, p.column) for p in problems] == [
            ("the number 1e400 is too large", 1, 78)
        ]

    def test_huge_number(self):
        assert found('{"a": ' + "9" * 5_000 + "}")[0][0] == "json-syntax"

    def test_lone_surrogate_escape(self):
        assert found(json.dumps({**DOC, "title": "a\ud800"})) == [("encoding", 1, 69)]

    def test_surrogate_pair_escape_is_fine(self):
        text = json.dumps({**DOC, "title": "\U0001f600"})
        assert orgstrategy.loads(text, "json").title == "\U0001f600"

    def test_located_after_a_surrogate_pair_escape(self):
        """Two escapes are one character to YAML, which gives positions: columns stay right."""
        pair = "\\ud83d\\ude00"  # what json.dumps writes for an emoji
        text = f'{{"orgstrategy": "1.0", "organisation": {{"name": "H{pair}{pair}"}}, '
        bad = text + '"goals": [{"name": 5}]}'
        assert found(bad) == [("type", 1, bad.index("5}") + 1)]
        twice = text + '"goals": [{"name": "a", "name": "b"}]}'
        assert found(twice) == [("duplicate-key", 1, twice.rindex('"name"') + 1)]
        on_a_line = f'{{"orgstrategy": "1.0", "organisation": {{"name": "{pair}"}},\n"x": 1}}'
        assert found(on_a_line) == [("unknown-key", 2, 1)]

    @pytest.mark.parametrize("character", ["\x7f", "\x86", "\x9f", "\ufffe"])
    def test_located_after_what_json_allows_and_yaml_does_not(self, character):
        text = f'{{"orgstrategy": "1.0", "organisation": {{"name": "H{character}"}},\n"x": 1}}'
        assert found(text) == [("unknown-key", 2, 1)]
        assert found("\t\n\t" + text) == [("unknown-key", 3, 1)]  # tabs YAML reads as indents

    def test_empty(self):
        assert found("  \n") == [("empty-document", 1, 1)]

    def test_not_an_object(self):
        assert found("[1, 2]") == [("type", 1, 1)]

    def test_dump_is_indented_and_unicode(self):
        text = orgstrategy.dumps(
            orgstrategy.loads(json.dumps({**DOC, "title": "Café"}), "json"), "json"
        )
        assert text.startswith('{\n  "orgstrategy": "1.0",')
        assert "Café" in text
        assert text.endswith("}\n")

    @pytest.mark.parametrize("text", ['{"a": 1} x', "{'a': 1}", '{"a": tru}'])
    def test_syntax(self, text):
        assert found(text)[0][0] == "json-syntax"


def test_lone_surrogate_escape_in_a_key():
    text = '{"orgstrategy": "1.0", "organisation": {"name": "Here"}, "extensions": {"\\ud800": 1}}'
    problems = orgstrategy.validate(text.encode(), format="json")
    assert [p.code for p in problems] == ["encoding"]
