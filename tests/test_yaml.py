"""The YAML reader: text as written, safe tags, bounded aliases and depth."""

from __future__ import annotations

import pytest

import orgstrategy
from orgstrategy import Limits, _yaml
from orgstrategy._yaml import dump, read, resolve_plain

HEAD = 'orgstrategy: "1.0"\norganisation:\n  name: Here\n'


def codes(text: str, **limits: int) -> list[tuple[str, int, int]]:
    found = orgstrategy.validate(text.encode("utf-8"), limits=Limits(**limits))
    found = [problem for problem in found if problem.severity == "error"]
    return [(p.code, p.line, p.column) for p in found]


class TestTextAsWritten:
    """Plain scalars keep their text unless they are unambiguous null, booleans or numbers."""

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("95", 95),
            ("-3", -3),
            ("0", 0),
            ("2.5", 2.5),
            ("1.0e+16", 1e16),
            ("1e+16", "1e+16"),
            ("1000000000000000000000", 10**21),
            ("true", True),
            ("false", False),
            ("null", None),
            ("~", None),
            ("2.10", "2.10"),
            ("007", "007"),
            ("1_000", "1_000"),
            ("NO", "NO"),
            ("Yes", "Yes"),
            ("on", "on"),
            ("True", "True"),
            ("NULL", "NULL"),
            (".inf", ".inf"),
            ("nan", "nan"),
            ("1e3", "1e3"),
            ("2025-03-31", "2025-03-31"),
            ("0x1F", "0x1F"),
            ("9" * 4_001, "9" * 4_001),
        ],
    )
    def test_resolve_plain(self, text, value):
        resolved = resolve_plain(text)
        assert resolved == value
        assert type(resolved) is type(value)

    def test_strings_stay_strings(self):
        strategy = orgstrategy.loads(
            HEAD.replace("name: Here", "name: Here\n  short_name: NO")
            + "version: 2.10\nvision: Yes\n"
        )
        assert strategy.organisation.short_name == "NO"
        assert strategy.version == "2.10"
        assert strategy.vision is not None
        assert strategy.vision.text == "Yes"

    def test_quoted_numbers_are_text(self):
        assert orgstrategy.loads(HEAD + "version: '2025'\n").version == "2025"

    def test_numbers_in_measures(self):
        text = (
            HEAD
            + "goals:\n  - name: G\n    measures:\n      - {name: M, baseline: 80, target: 92.5, unit: '%'}\n"
        )
        measure = orgstrategy.loads(text).goals[0].measures[0]
        assert (measure.baseline, measure.target, measure.unit) == (80, 92.5, "%")

    def test_keys_are_text(self):
        strategy = orgstrategy.loads(HEAD + "extensions:\n  x: {2025: a, true: b}\n")
        assert dict(strategy.extensions["x"]) == {"2025": "a", "true": "b"}

    def test_str_tag(self):
        assert orgstrategy.loads(HEAD + "version: !!str 2025\n").version == "2025"


class TestSafety:
    """Nothing is constructed or expanded beyond the limits."""

    @pytest.mark.parametrize(
        "tag",
        [
            "!!python/object/apply:os.system ['echo hi']",
            "!!binary aGVsbG8=",
            "!custom x",
            "!!set {a}",
        ],
    )
    def test_tags_are_refused(self, tag):
        found = codes(HEAD + f"title: {tag}\n")
        assert ("yaml-tag", 4, 8) in found

    def test_anchors_and_aliases_work(self):
        text = HEAD + "goals:\n  - &g {id: a, name: A}\nvalues:\n  - *g\n"
        strategy = orgstrategy.loads(text)
        assert strategy.values[0].name == strategy.goals[0].name == "A"

    def test_undefined_alias(self):
        assert codes(HEAD + "title: *nowhere\n") == [("undefined-alias", 4, 8)]

    def test_undefined_alias_in_a_list_is_left_out(self):
        assert codes(HEAD + "goals: [*nothing, a]\n") == [("undefined-alias", 4, 9)]

    def test_alias_of_a_list_as_key(self):
        assert ("bad-key", 5, 14) in codes(HEAD + "k: &k [a]\nextensions: {*k : 1}\n")

    def test_recursive_alias(self):
        assert codes(HEAD + "extensions: &x {a: *x}\n")[0][0] == "undefined-alias"

    def test_merge_keys_are_unknown_keys(self):
        found = orgstrategy.validate((HEAD + "vision:\n  <<: {text: X}\n").encode())
        assert "unknown key '<<'; YAML merge keys are not supported: write the keys out" in [
            p.message for p in found
        ]

    def test_billion_laughs_fails(self):  # how fast: benchmarks/bounds.py
        lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
            lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        text = "\n".join(lines) + "\n"
        found = codes(text)
        assert found[0][0] == "too-large"
        assert "counting every use of an alias" in orgstrategy.validate(text.encode())[0].message

    def test_deep_nesting_fails(self):  # how fast: benchmarks/bounds.py
        text = "a: " + "[" * 10_000 + "]" * 10_000 + "\n"
        found = orgstrategy.validate(text.encode())
        assert [p.code for p in found] == ["too-deep"]
        assert found[0].message == "the document is nested more than 64 levels deep"
        # located where the 65th level opens, whatever libyaml's own bound
        assert (found[0].line, found[0].column) == (1, 67)
        assert found[0].path == "a" + "[0]" * 63

    @pytest.mark.parametrize("style", ["flow", "block"])
    def test_deep_nesting_is_too_deep_under_any_libyaml(self, style):
        # libyaml in PyYAML >= 6.0.2 stops flow nesting at 1,000 levels with a syntax
        # error of its own, looking ahead of the events our bound counts.
        if style == "flow":
            text = "a: " + "{b: " * 5_000 + "c" + "}" * 5_000 + "\n"
        else:
            text = "a:\n" + "".join("  " * depth + "- \n" for depth in range(1, 2_000))
        found = orgstrategy.validate(text.encode())
        assert [(p.code, p.line) for p in found] == [("too-deep", 1 if style == "flow" else 65)]

    def test_the_deepest_bound_allowed(self):
        text = "a: " + "[" * 1_200 + "]" * 1_200 + "\n"
        found = orgstrategy.validate(text.encode(), limits=Limits(max_depth=256))
        assert [(p.code, p.line, p.column) for p in found] == [("too-deep", 1, 259)]
        ok = "extensions: {a: " + "[" * 250 + "]" * 250 + "}\n"
        assert codes(HEAD + ok, max_depth=256) == []

    def test_depth_limit_is_configurable(self):
        assert codes(HEAD + "extensions: {a: {b: {c: 1}}}\n", max_depth=3)[0][0] == "too-deep"
        assert codes(HEAD + "extensions: {a: {b: {c: 1}}}\n", max_depth=4) == []

    def test_size_limit(self):
        found = orgstrategy.validate(
            (HEAD + "title: " + "x" * 200 + "\n").encode(), limits=Limits(max_bytes=100)
        )
        assert [(p.code, p.message) for p in found] == [
            ("too-large", "the document is larger than the limit of 100 bytes")
        ]

    def test_size_limit_for_text(self):
        with pytest.raises(orgstrategy.ValidationError, match="limit of 10 characters"):
            orgstrategy.loads(HEAD, limits=Limits(max_bytes=10))

    def test_node_limit(self):
        assert codes(HEAD + "goals: [a, b, c, d]\n", max_nodes=8)[0][0] == "too-large"

    def test_limits_must_be_positive(self):
        with pytest.raises(orgstrategy.Error, match=r"Limits\(max_depth=0\) is out of range"):
            Limits(max_depth=0)

    def test_bad_keys(self):
        found = codes(HEAD + "extensions:\n  ? [a]\n  : b\n  ? *k\n")
        assert found[0] == ("bad-key", 5, 5)

    def test_alias_as_key(self):
        text = HEAD + "x: &k title\nextensions: {*k : y}\n"
        assert {code for code, _, _ in codes(text)} == {"unknown-key"}

    def test_mapping_as_key_of_a_flow_mapping(self):
        assert codes(HEAD + "extensions: {{a: b}: c}\n")[0][0] == "bad-key"

    def test_lone_surrogate_in_text(self):
        with pytest.raises(orgstrategy.ValidationError) as caught:
            orgstrategy.loads(HEAD + "title: a\ud800b\n")
        assert [(p.code, p.line, p.column) for p in caught.value.errors] == [("encoding", 4, 9)]

    def test_byte_order_mark(self):
        assert orgstrategy.validate(("\ufeff" + HEAD).encode("utf-8")) == []
        assert orgstrategy.loads("\ufeff" + HEAD).organisation.name == "Here"

    def test_fast_read_reports_failure_only(self):
        assert read("a: [", Limits()) == (False, None)
        assert read("a: 1", Limits()) == (True, {"a": 1})


class TestDump:
    """What the dumper writes reads back the same, here and in YAML 1.1 tools."""

    def test_quotes_what_would_read_as_something_else(self):
        text = dump(
            {"a": "2025", "b": "1.0e+16", "c": "NO", "d": "2025-01-01", "e": "true", "f": ""}
        )
        assert text == "a: '2025'\nb: '1.0e+16'\nc: 'NO'\nd: '2025-01-01'\ne: 'true'\nf: ''\n"

    def test_floats(self):
        assert dump({"a": 1e16, "b": 0.1, "c": -2.5e-7}) == "a: 1.0e+16\nb: 0.1\nc: -2.5e-07\n"

    def test_multi_line_text_is_a_literal_block(self):
        assert dump({"a": "one\ntwo"}) == "a: |-\n  one\n  two\n"

    @pytest.mark.parametrize("text", ["a\x85b", "a\u2028b", "x\ny\u2029z", " a\x85"])
    def test_unicode_line_breaks_are_escaped(self, text):
        written = dump({"k": text})
        assert written.startswith('k: "')
        assert read(written, Limits()) == (True, {"k": text})

    def test_lists_are_indented(self):
        assert dump({"a": [{"b": 1, "c": 2}]}) == "a:\n  - b: 1\n    c: 2\n"


class TestLocate:
    """``locate`` finds only what it is asked for, and no more of the text than it needs."""

    TEXT = "a: 1\nb:\n  - x\n  - {c: 2, d: [3]}\ne: 4\n"

    def test_wanted_and_their_ancestors_only(self):
        found = _yaml.locate(self.TEXT, {("b", 1, "d", 0)})
        assert found.values == {
            (): (1, 1),
            ("b",): (3, 3),
            ("b", 1): (4, 5),
            ("b", 1, "d"): (4, 15),
            ("b", 1, "d", 0): (4, 16),
        }
        assert found.keys == {("b",): (2, 1), ("b", 1, "d"): (4, 12)}

    def test_a_path_not_there_is_at_its_nearest_ancestor(self):
        assert _yaml.locate(self.TEXT, {("b", 7, "c")}).locate(("b", 7, "c")) == (3, 3)
        assert _yaml.locate(self.TEXT, set()).values == {}

    def test_stops_once_found(self):
        """Text past the last wanted path is not read: a syntax error there changes nothing."""
        broken = self.TEXT + "f: [unclosed\n"
        assert _yaml.locate(broken, {("a",)}).locate(("a",)) == (1, 4)

    def test_positions_before_a_syntax_error_are_kept(self):
        broken = self.TEXT + "f: ]\n"
        found = _yaml.locate(broken, {("e",), ("f", 0)})
        assert (found.locate(("e",)), found.locate(("f", 0))) == ((5, 4), (1, 1))

    def test_alias_as_a_key_is_passed_over(self):
        text = "k: &k name\nm:\n  *k : 1\n  z: 2\n"
        assert _yaml.locate(text, {("m", "z")}).locate(("m", "z")) == (4, 6)
