"""Plugins: discovery through entry points, schema composition, sections in documents."""

from __future__ import annotations

import datetime
import json
import sys
import textwrap
from pathlib import Path

import attrs
import jsonschema
import pytest

import orgstrategy
from conftest import MINIMAL
from orgstrategy import _registry, formats, plugins
from orgstrategy._cli import main
from orgstrategy.plugins import Plugin

RATING_SCHEMA = {
    "type": "object",
    "properties": {"stars": {"enum": [1, 2, 3]}, "since": {"type": "string", "format": "date"}},
    "required": ["stars"],
    "additionalProperties": False,
}


@attrs.frozen(kw_only=True)
class Rating:
    stars: int
    since: datetime.date | None = None


RATING = Plugin(name="rating", schema=RATING_SCHEMA, applies_to="organisation", model=Rating)
CODE = Plugin(
    name="code", schema={"type": "string", "pattern": "^[A-Z]+$"}, applies_to=("goal", "measure")
)

DOCUMENT = """\
orgstrategy: "1.0"
organisation:
  name: Here
  extensions:
    rating: {stars: 3, since: 2024-01-31}
goals:
  - name: Care
    extensions: {code: CARE}
    measures:
      - name: Waits
        extensions: {code: WAIT}
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


class TestPlugin:
    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"name": "Rating"}, "plugin name 'Rating' is not lower-case"),
            ({"name": "goals"}, "plugin name 'goals' is a key of the core format"),
            ({"name": "name"}, "plugin name 'name' is a key of the core format"),
            (
                {"applies_to": "board"},
                "applies_to: 'board' is not one of strategy, organisation, partner, mandate, goal,",
            ),
            ({"applies_to": ()}, "applies_to needs at least one place"),
            ({"model": dict}, "model <class 'dict'> is not an attrs class"),
        ],
    )
    def test_invalid(self, fields, message):
        with pytest.raises(ValueError, match=message):
            Plugin(**{"name": "rating", "schema": {}, **fields})

    def test_schema_must_be_a_mapping(self):
        with pytest.raises(TypeError, match="schema must be a JSON Schema: a mapping"):
            Plugin(name="rating", schema=["no"])

    def test_defaults(self):
        plugin = Plugin(name="rating", schema={})
        assert plugin.applies_to == ("strategy",)
        assert (plugin.model, plugin.formats, plugin.rules, plugin.package) == (None, (), (), None)
        assert plugin.uri == "urn:orgstrategy:plugin:rating"


class TestRegistered:
    def test_in_effect_only_inside(self):
        with plugins.registered(RATING) as added:
            assert added[0].name == "rating"
            assert added[0].package == "<registered>"
            assert "rating" in [p.name for p in plugins.available()]
        assert "rating" not in [p.name for p in plugins.available()]

    def test_invalid_schema(self):
        bad = Plugin(name="bad", schema={"type": "nonsense"})
        with (
            pytest.raises(
                orgstrategy.Error,
                match="its schema is not valid JSON Schema: 'nonsense' is not valid",
            ),
            plugins.registered(bad),
        ):
            pass  # pragma: no cover

    def test_name_taken(self):
        twin = attrs.evolve(RATING, package="other-package")
        with (
            pytest.raises(
                orgstrategy.Error,
                match=r"plugin name 'rating' is claimed by both <registered> and other-package",
            ),
            plugins.registered(RATING, twin),
        ):
            pass  # pragma: no cover

    def test_format_clash(self):
        clash = Plugin(
            name="pdf",
            schema={},
            formats=(formats.Format(name="html", writer=lambda s: ""),),
            package="orgstrategy-pdf",
        )
        message = "format 'html' from orgstrategy-pdf clashes with the format of that name from orgstrategy"
        with pytest.raises(orgstrategy.Error, match=message), plugins.registered(clash):
            pass  # pragma: no cover

    def test_rule_clash(self):
        from orgstrategy import lint

        rule = attrs.evolve(lint.get("long-statement"))
        clash = Plugin(name="long", schema={}, rules=(rule,), package="orgstrategy-long")
        message = "lint rule 'long-statement' from orgstrategy-long clashes with the lint rule of that name from orgstrategy"
        with pytest.raises(orgstrategy.Error, match=message), plugins.registered(clash):
            pass  # pragma: no cover

    def test_rules_are_added(self):
        from orgstrategy import lint

        rule = attrs.evolve(lint.get("long-statement"), name="longer-statement")
        with plugins.registered(Plugin(name="long", schema={}, rules=(rule,))):
            assert lint.get("longer-statement") is rule
        assert "longer-statement" not in [r.name for r in lint.rules()]

    def test_formats_are_added(self):
        report = formats.Format(name="stars", writer=lambda strategy: "***\n")
        plugin = Plugin(name="stars", schema={}, formats=(report,), package="orgstrategy-stars")
        with plugins.registered(plugin):
            assert formats.get("stars").package == "orgstrategy-stars"
            assert orgstrategy.dumps(orgstrategy.loads(MINIMAL), "stars") == "***\n"
        with pytest.raises(orgstrategy.Error, match="unknown format 'stars'"):
            formats.get("stars")


class TestDocuments:
    def test_sections_are_checked_and_structured(self):
        with plugins.registered(RATING, CODE):
            strategy = orgstrategy.loads(DOCUMENT)
            assert strategy.organisation.extensions["rating"] == Rating(
                stars=3, since=datetime.date(2024, 1, 31)
            )
            assert strategy.goals[0].extensions["code"] == "CARE"
            assert orgstrategy.loads(orgstrategy.dumps(strategy)) == strategy
            assert "rating:\n      stars: 3\n      since: '2024-01-31'\n" in orgstrategy.dumps(
                strategy
            )

    @pytest.mark.parametrize(
        ("old", "new", "expected"),
        [
            (
                "stars: 3",
                "stars: 4",
                "<string>:5:21: error extension: organisation.extensions.rating.stars: 4 is not one of [1, 2, 3] (plugin 'rating')",
            ),
            (
                "stars: 3, ",
                "",
                "<string>:5:13: error extension: organisation.extensions.rating: 'stars' is a required property (plugin 'rating')",
            ),
            (
                "code: CARE",
                "code: care",
                "<string>:8:24: error extension: goals[0].extensions.code: 'care' does not match '^[A-Z]+$' (plugin 'code')",
            ),
            (
                "code: WAIT",
                "code: [W]",
                "<string>:11:28: error extension: goals[0].measures[0].extensions.code: ['W'] is not of type 'string' (plugin 'code')",
            ),
        ],
    )
    def test_errors_are_located(self, old, new, expected):
        with plugins.registered(RATING, CODE), pytest.raises(orgstrategy.ValidationError) as raised:
            orgstrategy.loads(DOCUMENT.replace(old, new))
        assert [str(problem) for problem in raised.value.errors] == [expected]

    def test_unclaimed_namespaces_warn_and_round_trip(self):
        with pytest.warns(orgstrategy.StrategyWarning) as caught:
            strategy = orgstrategy.loads(DOCUMENT)
        assert [str(w.message) for w in caught] == [
            "<string>:5:5: warning unknown-extension: organisation.extensions.rating: no installed plugin claims the namespace 'rating' on the organisation",
            "<string>:8:18: warning unknown-extension: goals[0].extensions.code: no installed plugin claims the namespace 'code' on goals",
            "<string>:11:22: warning unknown-extension: goals[0].measures[0].extensions.code: no installed plugin claims the namespace 'code' on measures",
        ]
        assert strategy.organisation.extensions["rating"] == {"stars": 3, "since": "2024-01-31"}
        with pytest.warns(orgstrategy.StrategyWarning):
            assert orgstrategy.loads(orgstrategy.dumps(strategy)) == strategy

    def test_strict_makes_unclaimed_an_error(self):
        with pytest.raises(orgstrategy.ValidationError) as raised:
            orgstrategy.loads(DOCUMENT, strict=True)
        assert {(p.code, p.severity) for p in raised.value.errors} == {
            ("unknown-extension", "error")
        }

    def test_a_namespace_in_the_wrong_place_is_unclaimed(self):
        with plugins.registered(CODE):
            problems = orgstrategy.validate(
                DOCUMENT.replace("extensions: {code: CARE}", "extensions: {rating: 1}").encode()
            )
        assert [(p.path, p.severity) for p in problems] == [
            ("organisation.extensions.rating", "warning"),
            ("goals[0].extensions.rating", "warning"),
        ]

    def test_invalid_documents_report_warnings_too(self):
        problems = orgstrategy.validate(DOCUMENT.replace("name: Care", "name: ''").encode())
        assert sorted(p.severity for p in problems) == ["error", "warning", "warning", "warning"]


class TestSchema:
    def test_composed(self):
        with plugins.registered(RATING, CODE):
            composed = orgstrategy.schema()
        assert composed["$defs"]["plugin-rating"] == {
            "$id": "urn:orgstrategy:plugin:rating",
            **RATING_SCHEMA,
        }

        def refs(place):
            return {name: ref["$ref"] for name, ref in place["extensions"]["properties"].items()}

        stratml = {"stratml": "urn:orgstrategy:plugin:stratml"}  # built in, everywhere
        organisation = composed["properties"]["organisation"]["properties"]
        assert refs(organisation) == {**stratml, "rating": "urn:orgstrategy:plugin:rating"}
        measure = composed["$defs"]["measure"]["properties"]
        assert refs(measure) == {**stratml, "code": "urn:orgstrategy:plugin:code"}
        assert refs(composed["$defs"]["value"]["properties"]) == stratml
        assert organisation["extensions"]["properties"]["rating"]["title"] == "rating"

    def test_composed_schema_works_in_any_validator(self):
        """The printed schema is self-contained: a plain validator finds the same error."""
        with plugins.registered(RATING, CODE):
            composed = orgstrategy.schema()
        validator = jsonschema.Draft202012Validator(composed)
        import yaml

        assert (
            list(
                validator.iter_errors(
                    yaml.safe_load(DOCUMENT.replace("2024-01-31", "'2024-01-31'"))
                )
            )
            == []
        )
        bad = yaml.safe_load(
            DOCUMENT.replace("stars: 3", "stars: 4").replace("2024-01-31", "'2024-01-31'")
        )
        assert [list(e.absolute_path) for e in validator.iter_errors(bad)] == [
            ["organisation", "extensions", "rating", "stars"]
        ]

    def test_without_plugins_it_is_the_core_schema(self):
        for version in orgstrategy.SUPPORTED_VERSIONS:
            written = (
                Path(__file__).parent.parent / "schemas" / f"orgstrategy-{version}.schema.json"
            )
            assert orgstrategy.schema(version=version) == json.loads(written.read_text())

    @pytest.mark.parametrize(
        "ref",
        ["https://example.com/schema.json", "other.json#/x", "urn:orgstrategy:plugin:nothing"],
    )
    def test_nothing_is_fetched(self, ref):
        remote = Plugin(name="remote", schema={"properties": {"x": {"$ref": ref}}})
        message = f"its schema refers to {ref!r}: a plugin's schema may refer only to itself, the core schema and other plugins"
        with pytest.raises(orgstrategy.Error, match=message), plugins.registered(remote):
            pass  # pragma: no cover

    def test_references_within_and_between_plugins(self):
        inner = Plugin(
            name="inner", schema={"$defs": {"code": {"type": "string"}}, "$ref": "#/$defs/code"}
        )
        outer = Plugin(name="outer", schema={"items": {"$ref": "urn:orgstrategy:plugin:inner"}})
        with plugins.registered(inner, outer):
            problems = orgstrategy.validate(
                b'orgstrategy: "1.0"\norganisation: {name: Here}\nextensions: {inner: a, outer: [b, 1]}\n'
            )
            assert (
                orgstrategy.validate(
                    b'orgstrategy: "1.0"\norganisation: {name: Here}\nextensions: {inner: a, outer: [b]}\n'
                )
                == []
            )
        assert [p.message for p in problems] == ["1 is not of type 'string' (plugin 'outer')"]


def make_distribution(
    site: Path, name: str, module: str, source: str, entry_points: dict[str, str]
) -> None:
    (site / f"{module}.py").write_text(textwrap.dedent(source))
    info = site / f"{name.replace('-', '_')}-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.2.3\n")
    points = "".join(f"{key} = {value}\n" for key, value in entry_points.items())
    (info / "entry_points.txt").write_text(f"[orgstrategy.plugins]\n{points}")


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """Install fake plugin packages on sys.path, and forget what was discovered before and after."""
    site = tmp_path / "site"
    site.mkdir()
    make_distribution(
        site,
        "orgstrategy-good",
        "good_plugin",
        """
        from orgstrategy.plugins import Plugin
        WARD = Plugin(name="ward", schema={"enum": ["north", "south"]}, description="council wards")
    """,
        {"ward": "good_plugin:WARD"},
    )
    make_distribution(
        site,
        "orgstrategy-other",
        "broken_plugin",
        """
        from orgstrategy.plugins import Plugin
        NOT_A_PLUGIN = "ward"
        BAD_SCHEMA = Plugin(name="bad", schema={"type": 7})
        TWIN = Plugin(name="ward", schema={})
        raise_on_import = None
    """,
        {
            "missing": "broken_plugin:NOTHING",
            "string": "broken_plugin:NOT_A_PLUGIN",
            "schema": "broken_plugin:BAD_SCHEMA",
            "twin": "broken_plugin:TWIN",
            "gone": "no_such_module:X",
        },
    )
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delenv(plugins.DISABLE_VARIABLE, raising=False)
    registry = _registry._PLUGINS  # rediscover: the state the registry keeps
    monkeypatch.setattr(registry, "installed", None)
    monkeypatch.setattr(registry, "failures", ())
    yield site
    for module in ("good_plugin", "broken_plugin"):
        sys.modules.pop(module, None)


class TestDiscovery:
    def test_good_and_broken(self, installed):
        found = [
            p
            for p in plugins.load_plugins()
            if p.package in ("orgstrategy-good", "orgstrategy-other")
        ]
        assert [(p.name, p.package, p.version) for p in found] == [
            ("ward", "orgstrategy-good", "1.2.3")
        ]
        failures = {
            f.entry_point: str(f) for f in plugins.failures() if f.package == "orgstrategy-other"
        }
        assert failures == {
            "missing": "plugin 'missing' from orgstrategy-other was skipped: AttributeError: module 'broken_plugin' has no attribute 'NOTHING'",
            "string": "plugin 'string' from orgstrategy-other was skipped: broken_plugin:NOT_A_PLUGIN is not an orgstrategy.plugins.Plugin",
            "schema": "plugin 'schema' from orgstrategy-other was skipped: its schema is not valid JSON Schema: 7 is not valid under any of the given schemas",
            "twin": "plugin 'twin' from orgstrategy-other was skipped: plugin name 'ward' is claimed by both orgstrategy-good and orgstrategy-other",
            "gone": "plugin 'gone' from orgstrategy-other was skipped: ModuleNotFoundError: No module named 'no_such_module'",
        }
        assert plugins.load_plugins() is plugins.load_plugins()  # discovered once

    def test_the_rest_keeps_working(self, installed, capsys):
        document = installed / "s.yaml"
        document.write_text(MINIMAL + "extensions: {ward: east}\n")
        code, out, err = run(capsys, "validate", str(document))
        assert code == 1
        assert (
            f"{document}:4:20: error extension: extensions.ward: 'east' is not one of ['north', 'south'] (plugin 'ward')"
            in out
        )
        assert "orgstrategy: warning: plugin 'gone' from orgstrategy-other was skipped" in err

    def test_disabled_by_environment(self, installed, monkeypatch):
        monkeypatch.setenv(plugins.DISABLE_VARIABLE, "1")
        assert plugins.load_plugins() == ()
        assert plugins.failures() == ()

    def test_disabled_by_flag(self, installed, capsys):
        document = installed / "s.yaml"
        document.write_text(MINIMAL + "extensions: {ward: east}\n")
        code, out, err = run(capsys, "--no-plugins", "validate", str(document))
        assert code == 0
        assert "no installed plugin claims the namespace 'ward' on the strategy" in out
        assert "skipped" not in err
        assert run(capsys, "validate", str(document))[0] == 1  # only for that run

    def test_disabled_context(self, installed):
        with plugins.disabled():
            assert "ward" not in [p.name for p in plugins.available()]
        assert "ward" in [p.name for p in plugins.available()]

    def test_plugins_command(self, installed, capsys):
        code, out, err = run(capsys, "plugins")
        assert code == 2  # some were skipped
        assert (
            "ward  (orgstrategy-good 1.2.3)\n    council wards\n    adds extensions.ward on: strategy\n"
            in out
        )
        assert "orgstrategy: error: plugin 'twin' from orgstrategy-other was skipped" in err
        code, out, _ = run(capsys, "plugins", "--format", "json")
        listed = json.loads(out)
        ward = next(p for p in listed["plugins"] if p["name"] == "ward")
        assert ward == {
            "name": "ward",
            "package": "orgstrategy-good",
            "version": "1.2.3",
            "description": "council wards",
            "applies_to": ["strategy"],
            "model": None,
            "formats": [],
            "rules": [],
        }
        assert {
            s["entry_point"] for s in listed["skipped"] if s["package"] == "orgstrategy-other"
        } == {"missing", "string", "schema", "twin", "gone"}

    def test_schema_command_includes_installed_plugins(self, installed, capsys):
        _, out, _ = run(capsys, "schema")
        extensions = json.loads(out)["properties"]["extensions"]["properties"]
        assert extensions["ward"]["$ref"] == "urn:orgstrategy:plugin:ward"
        _, out, _ = run(capsys, "--no-plugins", "schema")
        assert list(json.loads(out)["properties"]["extensions"]["properties"]) == ["stratml"]


def test_plugins_command_without_plugins(capsys, monkeypatch):
    monkeypatch.setenv(plugins.DISABLE_VARIABLE, "1")
    code, out, err = run(capsys, "plugins")
    assert (code, err) == (0, "")
    assert out.startswith("stratml  (orgstrategy)\n    StratML details kept for round trips\n")


def test_listing_a_plugin_with_everything(capsys, monkeypatch):
    monkeypatch.setenv(plugins.DISABLE_VARIABLE, "1")
    report = formats.Format(name="stars", writer=lambda strategy: "")
    plugin = Plugin(
        name="stars",
        schema={},
        formats=(report,),
        model=Rating,
        description="",
        version="2.0",
        package="orgstrategy-stars",
    )
    with plugins.registered(plugin):
        code, out, _ = run(capsys, "plugins")
    assert code == 0
    assert out.endswith(
        "\nstars  (orgstrategy-stars 2.0)\n    adds extensions.stars on: strategy\n    formats: stars\n"
    )


class TestHypothesisStrategies:
    def test_sections_are_drawn_at_their_places(self):
        from hypothesis import given, settings
        from hypothesis import strategies as st

        from orgstrategy._presentation import elements
        from orgstrategy.testing import strategies

        seen: set[str] = set()
        with plugins.registered(RATING, CODE):
            ratings = st.fixed_dictionaries({"stars": st.sampled_from([1, 2, 3])})

            @settings(max_examples=40 * settings.default.max_examples // 100, database=None)
            @given(strategies(sections={"rating": ratings, "code": st.sampled_from(["A", "BC"])}))
            def check(strategy):
                rating = strategy.organisation.extensions.get("rating")
                assert rating is None or isinstance(rating, Rating)
                for placed in elements(strategy):
                    code = placed.element.extensions.get("code")
                    if code is not None:
                        seen.add(type(placed.element).__name__)
                        assert code in ("A", "BC")
                assert "rating" not in strategy.extensions
                assert orgstrategy.loads(orgstrategy.dumps(strategy)) == strategy

            check()
        assert seen <= {"Goal", "Measure"}

    def test_claimed_namespaces_are_never_drawn_at_random(self):
        from hypothesis import given, settings

        from orgstrategy.testing import documents

        nhs = Plugin(name="nhs", schema={"type": "string"})  # "nhs" is a key the generator likes
        with plugins.registered(nhs):

            @settings(max_examples=60 * settings.default.max_examples // 100, database=None)
            @given(documents(max_elements=2))
            def check(document):
                assert "nhs" not in document.get("extensions", {})

            check()

    def test_unknown_section(self):
        from orgstrategy.testing import strategies

        with pytest.raises(ValueError, match="sections: no plugin in effect is called 'nope'"):
            strategies(sections={"nope": None})
