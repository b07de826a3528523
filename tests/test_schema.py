"""The JSON Schema: valid, written out, documented, and the same shape as the model."""

from __future__ import annotations

import json
from typing import Any

import attrs
import jsonschema
import pytest
import yaml

import orgstrategy
from conftest import EXAMPLES, ROOT, example_files
from orgstrategy import _model

SCHEMAS = ROOT / "schemas"


def subschemas(schema: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(schema, dict):
        found.append((where, schema))
        for key, value in schema.items():
            found.extend(subschemas(value, f"{where}/{key}"))
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            found.extend(subschemas(value, f"{where}/{index}"))
    return found


class TestSchema:
    """The schema itself."""

    def test_valid_against_the_metaschema(self):
        jsonschema.Draft202012Validator.check_schema(orgstrategy.schema())

    @pytest.mark.parametrize("version", orgstrategy.SUPPORTED_VERSIONS)
    def test_the_file_is_up_to_date(self, version):
        name = f"orgstrategy-{version}.schema.json"
        written = (SCHEMAS / name).read_text(encoding="utf-8")
        schema = orgstrategy.schema(version=version)
        assert written == json.dumps(schema, indent=2, ensure_ascii=False) + "\n", (
            f"run: orgstrategy schema --format-version {version} -o schemas/{name}"
        )

    def test_the_latest_by_default(self):
        assert orgstrategy.schema() == orgstrategy.schema(version=orgstrategy.FORMAT_VERSION)
        assert orgstrategy.FORMAT_VERSION == orgstrategy.SUPPORTED_VERSIONS[-1] == "1.1"
        with pytest.raises(orgstrategy.Error, match=r"unknown format version '0\.9'"):
            orgstrategy.schema(version="0.9")

    def test_the_latest_accepts_every_version_and_the_first_only_its_own(self):
        latest, first = orgstrategy.schema(), orgstrategy.schema(version="1.0")
        assert latest["properties"]["orgstrategy"]["enum"] == ["1.0", "1.1"]
        assert first["properties"]["orgstrategy"]["const"] == "1.0"
        assert "enablers" in latest["properties"]
        assert "enablers" not in first["properties"]
        assert "enabler" in latest["$defs"]
        assert "enabler" not in first["$defs"]

    def test_every_property_has_a_title_and_description(self):
        checked = 0
        for where, schema in subschemas(orgstrategy.schema()):
            if "/anyOf/" in where:  # a constraint on a property declared elsewhere
                continue
            for name, prop in schema.get("properties", {}).items():
                assert prop.get("title"), f"{where}/properties/{name}"
                assert prop.get("description"), f"{where}/properties/{name}"
                checked += 1
        assert checked > 100

    def test_a_copy_each_time(self):
        schema = orgstrategy.schema()
        schema["title"] = "changed"
        assert orgstrategy.schema()["title"] != "changed"

    @pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
    def test_examples_pass_a_plain_validator(self, path):
        """Third-party tools (check-jsonschema, editors) accept the examples."""
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(orgstrategy.schema()).validate(data)


DEFS = {
    "meaning": _model.Meaning,
    "outcome": _model.Outcome,
    "behaviour": _model.Behaviour,
    "principle": _model.Principle,
    "commitment": _model.Commitment,
    "result": _model.Result,
    "measure": _model.Measure,
    "objective": _model.Objective,
    "goal": _model.Goal,
    "priority": _model.Priority,
    "value": _model.Value,
    "stakeholder": _model.Stakeholder,
    "theme": _model.Theme,
    "statement": _model.Statement,
}


class TestSchemaMatchesModel:
    """Every class's fields are exactly the schema's properties."""

    @pytest.mark.parametrize(("name", "cls"), DEFS.items())
    def test_defs(self, name, cls):
        properties = orgstrategy.schema()["$defs"][name]["properties"]
        assert set(properties) == {field.name for field in attrs.fields(cls)}

    def test_strategy(self):
        properties = orgstrategy.schema()["properties"]
        assert set(properties) == {"orgstrategy"} | {f.name for f in attrs.fields(_model.Strategy)}

    @pytest.mark.parametrize(
        ("path", "cls"),
        [
            (("organisation",), _model.Organisation),
            (("period",), _model.Period),
            (("compact",), _model.Compact),
            (("sources", "items"), _model.Source),
        ],
    )
    def test_nested(self, path, cls):
        schema = orgstrategy.schema()["properties"]
        for step in path:
            schema = schema[step]
        assert set(schema["properties"]) == {field.name for field in attrs.fields(cls)}

    def test_statuses_and_sections(self):
        schema = orgstrategy.schema()["properties"]
        assert schema["status"]["enum"] == list(orgstrategy.STATUSES)
        assert schema["labels"]["propertyNames"]["enum"] == list(orgstrategy.SECTIONS)


def test_examples_folder_has_only_strategies_and_the_script():
    names = {path.name for path in EXAMPLES.iterdir() if path.is_file()}
    assert {name for name in names if not name.endswith(".yaml")} == {"inspect_strategy.py"}
