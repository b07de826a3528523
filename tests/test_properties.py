"""Properties over generated strategies: round trips, canonical form, and schema-model agreement.

The documents come from :mod:`orgstrategy.testing`; the invalid ones are those
documents with one random mutation (a wrong type, an unknown key, a missing key,
a bad status, a duplicate id, a period that ends before it starts, a blank
string, a bad date, a bad id, or a null).
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, note, settings
from hypothesis import strategies as st

import orgstrategy
from orgstrategy import _explain, _json, _yaml
from orgstrategy._document import _fast_structure as _structure
from orgstrategy._explain import explain
from orgstrategy._limits import Limits
from orgstrategy._model import ELEMENT_KINDS
from orgstrategy._positions import Path, Positions
from orgstrategy._validator import validator
from orgstrategy.plugins import available
from orgstrategy.testing import TRICKY_TEXTS, documents, extensions, strategies, texts

FORMATS = ("yaml", "json")

# Each test sets its own number of examples, for 100 and scaled by the profile
# (conftest.py): 40 % of it in "ci", the default, 20 times in "long".


def examples(count: int) -> settings:
    return settings(
        max_examples=count * settings.default.max_examples // 100,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def typed(value: Any) -> Any:
    """Return *value* with the type of every scalar beside it: 1, 1.0 and True differ."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return (type(value).__name__, repr(value))


def same_data(left: Any, right: Any) -> bool:
    """Return whether two documents are equal, types, key order and all."""
    return repr(typed(left)) == repr(typed(right))


# --- Mutations ---------------------------------------------------------------------------

#: The lists of elements: the model says which (tests/test_model.py pins them).
ELEMENT_LISTS = frozenset(ELEMENT_KINDS)
DATE_KEYS = frozenset({"published", "retrieved", "due", "start", "end"})
WRONG_VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    7,
    2025,
    -1,
    10**20,
    1.5,
    2025.0,
    -0.0,
    "",
    " ",
    "x",
    "2025",
    "draft",
    [],
    ["x"],
    [{"name": "x"}],
    {},
    {"x": 1},
    {"name": "x"},
    {"text": "x"},
)
# Not written by any reader, but a JSON number too large for a float reads as one.
NON_FINITE: tuple[Any, ...] = (math.inf, -math.inf)
UNKNOWN_KEYS = ("unknown", "Name", "ids", "extension", "<<", "2025", "orgstrategy", "status")
BAD_STATUSES: tuple[Any, ...] = ("Draft", "final", "", "published ", "PUBLISHED", 1, True, None)
BLANKS = ("", " ", "\t", "\n", "  \n ", "\u3000", "\u00a0", "\u2028", "\x85", "\x1c", "\u200b")
BAD_DATES: tuple[Any, ...] = (
    "2025-02-30",
    "2025-13-01",
    "2025-00-10",
    "0000-01-01",
    "2025-1-1",
    "25-01-01",
    "2025/01/01",
    "2025-01-01\n",
    " 2025-01-01",
    "2025-01-01T00:00:00",
    "\uff12025-01-01",
    "2025",
    "9999-12-31",
    "0001-01-01",
    999,
    10000,
    0,
    -2025,
    2025.0,
    True,
)
BAD_IDS: tuple[Any, ...] = ("", " ", "-x", ".x", "_x", "a b", "é", "x/y", "x\n", "\nx", "x:y", 5)


def nodes(data: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Yield every value in *data* (the root first) with its path."""
    yield path, data
    if isinstance(data, dict):
        for key, item in data.items():
            yield from nodes(item, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from nodes(item, (*path, index))


def replace(data: Any, path: Path, value: Any) -> Any:
    """Return *data* with the value at *path* replaced (changed in place below the root)."""
    if not path:
        return value
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return data


def element_list(doc: dict[str, Any], draw: st.DrawFn) -> list[Any]:
    """Return a list of elements in *doc* with two items or more, making one if need be."""
    found = [
        value
        for path, value in nodes(doc)
        if path and path[-1] in ELEMENT_LISTS and isinstance(value, list) and len(value) >= 2
    ]
    if found:
        return draw(st.sampled_from(found))  # type: ignore[no-any-return]
    doc["values"] = ["Kind", "Brave"]
    return doc["values"]  # type: ignore[no-any-return]


def as_mapping(items: list[Any], index: int) -> dict[str, Any]:
    """Return item *index* of a list of elements as a mapping, in place."""
    if isinstance(items[index], str):
        items[index] = {"name": items[index]}
    return items[index]  # type: ignore[no-any-return]


@st.composite
def mutated(draw: st.DrawFn, *, finite: bool = True) -> Any:
    """Draw a generated document with one random mutation (it may still be valid)."""
    doc: Any = draw(documents(max_elements=2))
    wrong = WRONG_VALUES if finite else WRONG_VALUES + NON_FINITE
    kind = draw(
        st.sampled_from(
            (
                "wrong-type",
                "unknown-key",
                "delete-key",
                "status",
                "duplicate-id",
                "period-order",
                "blank",
                "date",
                "id",
                "null",
            )
        )
    )
    note(f"mutation: {kind}")
    everything = list(nodes(doc))
    if kind == "wrong-type":
        path, _ = draw(st.sampled_from(everything))
        doc = replace(doc, path, copy.deepcopy(draw(st.sampled_from(wrong))))
    elif kind == "unknown-key":
        mappings = [value for _, value in everything if isinstance(value, dict)]
        key = draw(st.sampled_from(UNKNOWN_KEYS) | texts())
        draw(st.sampled_from(mappings))[key] = copy.deepcopy(draw(st.sampled_from(wrong)))
    elif kind == "delete-key":
        mappings = [value for _, value in everything if isinstance(value, dict) and value]
        mapping = draw(st.sampled_from(mappings))
        del mapping[draw(st.sampled_from(sorted(mapping)))]
    elif kind == "status":
        doc["status"] = draw(st.sampled_from(BAD_STATUSES))
    elif kind == "duplicate-id":
        items = element_list(doc, draw)
        first, second = draw(
            st.lists(st.integers(0, len(items) - 1), min_size=2, max_size=2, unique=True)
        )
        one, other = as_mapping(items, first), as_mapping(items, second)
        given_id = one.get("id") or draw(st.sampled_from(("dup", "kind", "g1")))
        one["id"] = other["id"] = given_id
    elif kind == "period-order":
        spans = [value for path, value in everything if len(path) >= 2 and path[-2] == "results"]
        year = draw(st.integers(1001, 9999))
        start, end = draw(
            st.sampled_from(
                (
                    (year, year - 1),
                    (f"{year}-06-02", f"{year}-06-01"),
                    (year, f"{year - 1}-12-31"),
                    (f"{year}-01-01", year - 1),
                    (f"{year}-12-31", year),  # valid: the end is the whole year
                    (year, f"{year}-01-01"),  # valid: the start is the whole year
                )
            )
        )
        if spans and draw(st.booleans()):
            draw(st.sampled_from(spans)).update(start=start, end=end)
        else:
            doc["period"] = {"start": start, "end": end}
    elif kind == "blank":
        strings = [path for path, value in everything if isinstance(value, str)]
        doc = replace(doc, draw(st.sampled_from(strings)), draw(st.sampled_from(BLANKS)))
    elif kind == "date":
        paths = [path for path, _ in everything if path and path[-1] in DATE_KEYS]
        path = draw(st.sampled_from(paths)) if paths else ("published",)
        doc = replace(doc, path, draw(st.sampled_from(BAD_DATES)))
    elif kind == "id":
        items = element_list(doc, draw)
        as_mapping(items, draw(st.integers(0, len(items) - 1)))["id"] = draw(
            st.sampled_from(BAD_IDS)
        )
    else:
        path, _ = draw(st.sampled_from(everything))
        doc = replace(doc, path, None)
    return doc


def texts_of(doc: Any) -> list[tuple[str, str]]:
    """Return *doc* written as YAML and as JSON (ASCII and UTF-8), with each format."""
    return [
        ("yaml", _yaml.dump(doc)),
        ("json", json.dumps(doc)),
        ("json", _json.dump(doc)),
    ]


# --- Tests -------------------------------------------------------------------------------


class TestGenerator:
    """The generator makes valid strategies and honours its bounds."""

    @examples(30)
    @given(strategies(max_elements=1))
    def test_small(self, strategy):
        assert len(strategy.goals) <= 1
        assert all(len(goal.objectives) <= 1 for goal in strategy.goals)

    def test_negative_bound(self):
        with pytest.raises(ValueError, match="negative"):
            strategies(max_elements=-1)

    @examples(200)
    @given(texts())
    def test_texts_are_not_blank(self, text):
        assert text.strip()
        text.encode("utf-8")

    @examples(50)
    @given(extensions())
    def test_extensions_are_plain_data(self, value):
        assert all(type(key) is str for key in value)
        assert same_data(json.loads(json.dumps(value)), value)

    def test_tricky_texts_are_not_blank(self):
        assert all(text.strip() for text in TRICKY_TEXTS)


CONTROLS = [chr(code) for code in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]]

# Documents that once showed a bug, checked on every run before the random ones.
BIG_NUMBERS = orgstrategy.Strategy(
    organisation=orgstrategy.Organisation(name="Here"),
    goals=(
        orgstrategy.Goal(
            name="Access",
            measures=(orgstrategy.Measure(name="Waits", baseline=10**18, target=1e16),),
        ),
    ),
)
MINIMAL: dict[str, Any] = {"orgstrategy": "1.0", "organisation": {"name": "Here"}}
DATE_WITH_NEWLINE = {**MINIMAL, "published": "2025-01-01\n"}
INFINITE_TARGET = {
    **MINIMAL,
    "goals": [{"name": "Access", "measures": [{"name": "Waits", "target": math.inf}]}],
}


class TestControlCharacters:
    """Every control character and line separator survives YAML, as the generator says."""

    @pytest.mark.parametrize("text", ["{}", "a{}", "a{}b", "a\n{}b", "{}a\nb", "a\nb{}", " a{} "])
    def test_round_trip(self, text):
        for control in CONTROLS:
            data = {"k": text.format(control), "l": [text.format(control)]}
            assert _yaml.read(_yaml.dump(data), Limits()) == (True, data)


class TestRoundTrip:
    """Writing a strategy and reading it back gives the same strategy, in both syntaxes."""

    @examples(40)
    @given(strategies())
    @example(BIG_NUMBERS)
    def test_yaml(self, strategy):
        text = orgstrategy.dumps(strategy, "yaml")
        note(text)
        back = orgstrategy.loads(text, "yaml")
        assert same_data(orgstrategy.to_data(back), orgstrategy.to_data(strategy))
        assert back == strategy

    @examples(40)
    @given(strategies())
    def test_json(self, strategy):
        text = orgstrategy.dumps(strategy, "json")
        back = orgstrategy.loads(text, "json")
        assert same_data(orgstrategy.to_data(back), orgstrategy.to_data(strategy))
        assert back == strategy


class TestCanonical:
    """What dumps writes is canonical: writing what it read gives the same text."""

    @examples(40)
    @given(strategies())
    @example(BIG_NUMBERS)
    def test_idempotent(self, strategy):
        for syntax in FORMATS:
            text = orgstrategy.dumps(strategy, syntax)
            note(text)
            assert orgstrategy.dumps(orgstrategy.loads(text, syntax), syntax) == text

    @examples(30)
    @given(strategies())
    def test_json_is_the_data(self, strategy):
        data = orgstrategy.to_data(strategy)
        assert same_data(json.loads(orgstrategy.dumps(strategy, "json")), data)


class TestValidData:
    """A generated strategy's data passes the schema, the semantic checks and the model."""

    @examples(40)
    @given(strategies())
    def test_schema_and_model_accept(self, strategy):
        data = orgstrategy.to_data(strategy)
        assert [error.message for error in validator(available()).iter_errors(data)] == []
        assert explain(data, "f", available()).located(Positions()) == []
        assert _structure(data, available()) == strategy


class TestAgreement:
    """Schema plus semantic checks accept a document exactly when the model does."""

    @examples(100)
    @given(mutated(finite=False))
    @example(DATE_WITH_NEWLINE)
    @example(INFINITE_TARGET)
    def test_data(self, doc):
        model_ok = _structure(doc, available()) is not None
        problems = explain(doc, "f", available()).located(Positions())
        note(f"model accepts: {model_ok}; problems: {problems}")
        assert model_ok == (problems == [])

    @examples(60)
    @given(mutated())
    @example(DATE_WITH_NEWLINE)
    def test_text(self, doc):
        model_ok = _structure(doc, available()) is not None
        for syntax, text in texts_of(doc):
            note(f"{syntax}:\n{text}")
            ok, read = (
                _json.read(text, Limits()) if syntax == "json" else _yaml.read(text, Limits())
            )
            assert ok
            assert same_data(read, doc), "the text does not read back as the data written"
            problems = orgstrategy.validate(text.encode("utf-8"), format=syntax)
            note(f"model accepts: {model_ok}; problems: {problems}")
            errors = [problem for problem in problems if problem.severity == "error"]
            assert (errors == []) == model_ok
            for problem in problems:
                assert problem.line >= 1
                assert problem.column >= 1
                assert problem.code != "internal"
                if problem.severity == "warning":
                    assert problem.code == "unknown-extension"


class TestExplainingFast:
    """The shortcuts of explaining change no problem: what is left out, what is located."""

    @examples(60)
    @given(mutated(finite=False))
    @example(DATE_WITH_NEWLINE)
    def test_valid_elements_left_out(self, doc):
        """Leaving out the elements valid alone gives the problems checking all would."""
        for syntax, text in texts_of(doc):
            reader = _json if syntax == "json" else _yaml
            _, positions, _ = reader.read_located(text, "f", Limits())
            shortened = explain(doc, "f", available()).located(positions)
            with mock.patch.object(_explain, "without_valid_elements", lambda data, *_: data):
                whole = explain(doc, "f", available()).located(positions)
            note(f"{syntax}:\n{text}")
            assert shortened == whole

    @examples(60)
    @given(mutated(), st.data())
    def test_locate_finds_what_reading_does(self, doc, data):
        """``locate`` finds each wanted path where the located read puts it."""
        for syntax, text in texts_of(doc):
            reader = _json if syntax == "json" else _yaml
            _, positions, _ = reader.read_located(text, "f", Limits())
            known = sorted(positions.values, key=repr)  # the top, at least
            wanted = set(data.draw(st.lists(st.sampled_from(known), max_size=4)))
            wanted.add(("no", "such", 0))  # located at its nearest ancestor, the top
            found = reader.locate(text, wanted)
            for path in wanted:
                assert found.locate(path) == positions.locate(path)
                assert found.locate(path, key=True) == positions.locate(path, key=True)


CORRUPTIONS = (
    "",
    "\t",
    ": ",
    "- ",
    "&a ",
    "*a",
    "*b ",
    "!!python/object/apply:os.system ['true'] ",
    "!tag ",
    "{",
    "}",
    "[",
    "]",
    '"',
    "'",
    ",",
    "\x00",
    "\ufeff",
    "\n---\n",
    "\n...\n",
    "? ",
    "%TAG ! x\n",
    "<<: *a\n",
    "\\u",
    "\\ud800",
    "1e400",
    "NaN",
    "\ud800",
    "\x85",
    "\n  ",
    "\r",
)


class TestNoCrash:
    """Reading any text fails only with orgstrategy.Error; validate agrees; what loads, writes."""

    @pytest.mark.parametrize("syntax", FORMATS)
    def test_lone_surrogate_in_text(self, syntax):
        text = '{"orgstrategy": "1.0", "organisation": {"name": "Here"}, "title": "x\ud800"}'
        with pytest.raises(orgstrategy.ValidationError) as caught:
            orgstrategy.loads(text, syntax)
        assert [problem.code for problem in caught.value.errors] == ["encoding"]

    @pytest.mark.parametrize("syntax", FORMATS)
    def test_number_too_large_for_a_float(self, syntax):
        text = (
            '{"orgstrategy": "1.0", "organisation": {"name": "Here"}, "extensions": {"x": 1e400}}'
        )
        problems = orgstrategy.validate(text.encode(), format=syntax)
        assert all(problem.code != "internal" for problem in problems)
        if not problems:
            strategy = orgstrategy.loads(text, syntax)
            assert orgstrategy.loads(orgstrategy.dumps(strategy, syntax), syntax) == strategy

    @examples(60)
    @given(mutated(), st.data())
    def test_corrupted_text(self, doc, data):
        for syntax, text in texts_of(doc):
            if data.draw(st.booleans()):
                start = data.draw(st.integers(0, len(text)))
                end = data.draw(st.integers(start, min(len(text), start + 20)))
                text = text[:start] + data.draw(st.sampled_from(CORRUPTIONS)) + text[end:]
            note(f"{syntax}:\n{text!r}")
            encoded = text.encode("utf-8", "surrogatepass")
            try:
                strategy = orgstrategy.loads(text, syntax)
            except orgstrategy.Error:
                strategy = None
            problems = orgstrategy.validate(encoded, format=syntax)
            errors = [problem for problem in problems if problem.severity == "error"]
            assert (strategy is not None) == (errors == [])
            for problem in problems:
                assert problem.line >= 1
                assert problem.column >= 1
                assert problem.code != "internal"
            if strategy is not None:  # what was read can be written, as UTF-8, and read back
                for other in FORMATS:
                    written = orgstrategy.dumps(strategy, other)
                    written.encode("utf-8")
                    assert orgstrategy.loads(written, other) == strategy
