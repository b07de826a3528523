"""No document that passes the JSON Schema ever gets an `internal` problem.

An `internal` problem means the library refused a document but found no rule that
says why: the schema and the model disagree. Documents come from
:func:`orgstrategy.testing.documents`, changed by mutations that mostly keep them
valid against the schema (repeated ids, periods out of order, numbers, odd text,
extensions, keys left out); each mutation is kept only if the document still passes
the schema. For every such document, validating its JSON finds no `internal`
problem, and an error only where a rule the schema cannot say applies: an id
repeated within a list (`duplicate-id`), a time span ending before it starts
(`period-order`), or a reference (format 1.1) that a mutation left naming nothing
(`unknown-reference`, `unknown-document`). Each of those is checked against the
data itself.
"""

from __future__ import annotations

import copy
import datetime
import json
import warnings
from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

import orgstrategy
from orgstrategy._ids import parse_reference, slug
from orgstrategy._links import addresses
from orgstrategy._validator import validator
from orgstrategy.plugins import available
from orgstrategy.testing import documents, extensions, texts

Path = tuple[str | int, ...]


def _schema_validator() -> Any:
    """The validator `orgstrategy.validate` checks documents with, plugins in effect composed in."""
    return validator(available())


def nodes(data: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Yield every value in *data* (the root first) with its path."""
    yield path, data
    if isinstance(data, dict):
        for key, item in data.items():
            yield from nodes(item, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from nodes(item, (*path, index))


def without_references(doc: Any) -> orgstrategy.Strategy:
    """Return the strategy *doc* describes with every ``contributes_to`` left out."""
    bare = copy.deepcopy(doc)
    for _, value in nodes(bare):
        if isinstance(value, dict):
            value.pop("contributes_to", None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", orgstrategy.StrategyWarning)
        return orgstrategy.from_data(bare)


def outside_extensions(path: Path) -> bool:
    """Whether *path* is part of the strategy itself, not plugin data."""
    return "extensions" not in path and "labels" not in path


def lists_of_elements(doc: Any) -> list[list[Any]]:
    """Return every list in *doc* whose items are all elements (each a name or a mapping)."""
    return [
        value
        for path, value in nodes(doc)
        if path
        and outside_extensions(path)
        and isinstance(path[-1], str)
        and path[-1] not in ("sources", "points", "results")
        and isinstance(value, list)
        and value
        and all(isinstance(item, str | dict) for item in value)
    ]


def as_mapping(items: list[Any], index: int) -> dict[str, Any]:
    """Return item *index* of a list of elements as a mapping, in place."""
    if isinstance(items[index], str):
        items[index] = {"name": items[index]}
    return items[index]  # type: ignore[no-any-return]


def _point(draw: st.DrawFn) -> Any:
    year = draw(st.integers(1000, 9999))
    return draw(
        st.sampled_from(
            (
                year,
                f"{year:04d}-01-01",
                f"{year:04d}-12-31",
                float(year),  # not a year: the schema refuses it, so it is dropped
                year + 0.5,
            )
        )
    )


MUTATIONS = (
    "repeat-id",
    "copy-element",
    "id-of-another",
    "period",
    "result-span",
    "extension",
    "text",
    "quantity",
    "delete-optional",
)
QUANTITY_KEYS = ("baseline", "target", "actual")
REQUIRED = frozenset({"orgstrategy", "organisation", "name"})


def mutate(doc: dict[str, Any], draw: st.DrawFn) -> str:
    """Change *doc* in place by one drawn mutation; return the mutation's name."""
    kind = draw(st.sampled_from(MUTATIONS))
    everything = [(path, value) for path, value in nodes(doc) if outside_extensions(path)]
    lists = lists_of_elements(doc)
    if kind in ("repeat-id", "copy-element", "id-of-another") and not lists:
        doc["values"] = ["Kind", "Brave"]
        lists = [doc["values"]]
    if kind == "repeat-id":
        items = draw(st.sampled_from(lists))
        if len(items) < 2:
            items.append(copy.deepcopy(items[0]))
        first, second = draw(
            st.lists(st.integers(0, len(items) - 1), min_size=2, max_size=2, unique=True)
        )
        one, other = as_mapping(items, first), as_mapping(items, second)
        other["id"] = one.setdefault("id", draw(st.sampled_from(("dup", "kind", "g1", "x-2"))))
    elif kind == "copy-element":  # the same name, with or without its id, once more
        items = draw(st.sampled_from(lists))
        items.insert(
            draw(st.integers(0, len(items))),
            copy.deepcopy(items[draw(st.integers(0, len(items) - 1))]),
        )
    elif kind == "id-of-another":  # an explicit id that another's name would derive
        items = draw(st.sampled_from(lists))
        target = as_mapping(items, draw(st.integers(0, len(items) - 1)))
        source = items[draw(st.integers(0, len(items) - 1))]
        name = source if isinstance(source, str) else source["name"]
        suffix = draw(st.sampled_from(("", "-2", "-3")))
        target["id"] = slug(name) + suffix
    elif kind == "period":
        doc["period"] = {
            key: _point(draw)
            for key in draw(st.sampled_from((["start"], ["end"], ["start", "end"])))
        }
    elif kind == "result-span":
        results = [
            value
            for path, value in everything
            if len(path) >= 2 and path[-2] == "results" and isinstance(value, dict)
        ]
        if not results:
            return "nothing"
        result = draw(st.sampled_from(results))
        result["start"], result["end"] = _point(draw), _point(draw)
    elif kind == "extension":
        mappings = [doc, *(v for _, v in everything if isinstance(v, dict) and "name" in v)]
        mapping = draw(st.sampled_from(mappings))
        mapping.setdefault("extensions", {}).update(draw(extensions()))
    elif kind == "text":
        strings = [
            path
            for path, value in everything
            if isinstance(value, str) and path and path[-1] not in ("orgstrategy", "status", "id")
        ]
        if not strings:
            return "nothing"
        path = draw(st.sampled_from(strings))
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = draw(texts())
    elif kind == "quantity":
        measures = [
            value
            for path, value in everything
            if len(path) >= 2 and path[-2] == "measures" and isinstance(value, dict)
        ]
        if not measures:
            return "nothing"
        draw(st.sampled_from(measures))[draw(st.sampled_from(QUANTITY_KEYS[:2]))] = draw(
            st.one_of(
                st.integers(-(10**30), 10**30),
                st.floats(allow_nan=False, allow_infinity=False),
                texts(),
            )
        )
    else:
        mappings = [
            value for _, value in everything if isinstance(value, dict) and set(value) - REQUIRED
        ]
        if not mappings:
            return "nothing"
        mapping = draw(st.sampled_from(mappings))
        del mapping[draw(st.sampled_from(sorted(set(mapping) - REQUIRED)))]
    return kind


@st.composite
def schema_valid_documents(draw: st.DrawFn) -> tuple[dict[str, Any], list[str]]:
    """Draw a generated document with mutations, each kept only if the schema still passes."""
    doc: dict[str, Any] = draw(documents(max_elements=3))
    valid = _schema_validator()
    assert valid.is_valid(doc), "orgstrategy.testing made a document the schema refuses"
    kept: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        changed = copy.deepcopy(doc)
        kind = mutate(changed, draw)
        if valid.is_valid(changed):
            doc = changed
            kept.append(kind)
    return doc, kept


def at(data: Any, path: Path) -> Any:
    for step in path:
        data = data[step]
    return data


def steps(path: str) -> Path:
    """Turn a problem's path, such as ``goals[0].measures[1].id``, into steps."""
    found: list[str | int] = []
    for part in path.replace("[", ".[").split("."):
        if part:
            found.append(int(part[1:-1]) if part.startswith("[") else part)
    return tuple(found)


def first_day(value: Any) -> datetime.date:
    return datetime.date(value, 1, 1) if type(value) is int else datetime.date.fromisoformat(value)


def last_day(value: Any) -> datetime.date:
    return (
        datetime.date(value, 12, 31) if type(value) is int else datetime.date.fromisoformat(value)
    )


def check_semantic(doc: dict[str, Any], problem: orgstrategy.Problem) -> None:
    """Check that an error the schema cannot find is true of the data."""
    path = steps(problem.path)
    if problem.code == "duplicate-id":
        assert path[-1] == "id"
        items, index = at(doc, path[:-2]), path[-2]
        repeated = at(doc, path)
        earlier = [item for item in items[:index] if isinstance(item, dict)]
        assert repeated in [item.get("id") for item in earlier], problem
    elif problem.code in ("unknown-reference", "unknown-document"):
        assert path[-2] == "contributes_to", problem
        reference = parse_reference(at(doc, path))
        if problem.code == "unknown-document":
            aliases = [entry["id"] for entry in doc.get("aligns_to", [])]
            assert reference.document not in aliases, problem
        else:  # a mutation changed or repeated the id it names
            assert reference.document is None, problem
            assert reference.steps not in addresses(without_references(doc)), problem
    else:
        assert problem.code == "period-order", problem
        assert path[-1] == "end"
        span = at(doc, path[:-1])
        assert last_day(span["end"]) < first_day(span["start"]), problem


@settings(
    max_examples=50 * settings.default.max_examples // 100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(schema_valid_documents())
def test_a_document_the_schema_accepts_is_never_an_internal_problem(drawn):
    doc, kept = drawn
    for kind in kept:
        event(f"mutation: {kind}")
    text = json.dumps(doc)
    note(text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", orgstrategy.StrategyWarning)
        problems = orgstrategy.validate(text.encode(), format="json")
        try:
            orgstrategy.loads(text, "json")
        except orgstrategy.ValidationError:
            loads = False
        else:
            loads = True
    note(f"problems: {problems}")
    assert all(problem.code != "internal" for problem in problems), problems
    errors = [problem for problem in problems if problem.severity == "error"]
    event(f"errors: {', '.join(sorted({problem.code for problem in errors})) or 'none'}")
    for problem in errors:
        check_semantic(doc, problem)
    assert loads == (errors == [])
