"""Format 1.1: what it adds, how a 1.0 document stays 1.0, and references between elements."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import jsonschema
import pytest
import yaml
from hypothesis import given, settings

import orgstrategy
from conftest import example_files
from orgstrategy._cli import main
from orgstrategy.testing import strategies

#: A validator of format 1.0's schema, built once.
FORMAT_1_0 = jsonschema.Draft202012Validator(orgstrategy.schema(version="1.0"))

HEAD_1_0 = 'orgstrategy: "1.0"\norganisation: {name: Here}\n'
HEAD = 'orgstrategy: "1.1"\norganisation: {name: Here}\n'

TRUST = """\
orgstrategy: "1.1"
organisation: {name: North Trust}
aligns_to:
  - {id: ics, title: North ICS plan, file: ics.yaml}
priorities: [Waits]
goals:
  - name: Better care
    contributes_to: [ics:priorities/mental-health, priorities/waits, "ics:"]
"""
ICS = """\
orgstrategy: "1.1"
organisation: {name: North ICS}
priorities: [Mental health, Prevention]
"""


def problems(text: str) -> list[tuple[str, str, int, int]]:
    return [
        (problem.code, problem.message, problem.line, problem.column)
        for problem in orgstrategy.validate(text.encode())
    ]


class TestVersions:
    """Every 1.0 document stays 1.0; what 1.1 adds needs a document that says 1.1."""

    @pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
    def test_each_example_says_the_lowest_version_that_holds_it(self, path):
        declared = yaml.safe_load(path.read_text(encoding="utf-8"))["orgstrategy"]
        strategy = orgstrategy.load(path)
        assert orgstrategy.to_data(strategy)["orgstrategy"] == declared
        assert orgstrategy.format_version(strategy) == declared

    @pytest.mark.parametrize(
        ("text", "key", "line", "column"),
        [
            ("partners: [{name: ICS}]\n", "partners", 3, 1),
            ("language: cy\n", "language", 3, 1),
            ("goals: [{name: Care, owner: Chief nurse}]\n", "owner", 3, 22),
            ("goals: [{name: Care, status: on-track}]\n", "status", 3, 22),
            ("goals: [{name: Care, objectives: [{name: O, actions: [A]}]}]\n", "actions", 3, 45),
            (
                "goals: [{name: Care, measures: [{name: M, direction: increase}]}]\n",
                "direction",
                3,
                43,
            ),
            (
                "organisation: {name: Here, translations: {cy: {name: Yma}}}\n",
                "translations",
                3,
                28,
            ),
        ],
    )
    def test_a_1_1_key_in_a_1_0_document_is_located_and_says_what_to_write(
        self, text, key, line, column
    ):
        document = 'orgstrategy: "1.0"\n' + (
            text if text.startswith("organisation") else "organisation: {name: Here}\n" + text
        )
        if text.startswith("organisation"):
            line -= 1
        assert problems(document) == [
            (
                "version",
                f"{key!r} came in format 1.1, but this document says it is in format 1.0: "
                'write orgstrategy: "1.1" at the top',
                line,
                column,
            )
        ]

    def test_a_label_for_a_1_1_section_in_a_1_0_document(self):
        assert problems(HEAD_1_0 + "labels: {enablers: Foundations}\n") == [
            (
                "version",
                "the section 'enablers' came in a later format version than this document's "
                '1.0: write orgstrategy: "1.1" at the top',
                3,
                10,
            )
        ]
        assert problems(HEAD + "labels: {enablers: Foundations}\n") == []

    def test_the_same_keys_in_a_1_1_document_are_valid(self):
        strategy = orgstrategy.loads(
            HEAD + "language: cy\nenablers: [{name: Digital, owner: CIO, status: at-risk}]\n"
        )
        assert strategy.language == "cy"
        assert strategy.enablers[0].owner == "CIO"
        assert strategy.enablers[0].status == "at-risk"

    def test_dumps_writes_the_lowest_version_that_holds_the_strategy(self):
        strategy = orgstrategy.loads(HEAD + "goals: [Care]\n")
        assert orgstrategy.dumps(strategy).startswith("orgstrategy: '1.0'\n")
        owned = attrs.evolve(
            strategy, goals=(attrs.evolve(strategy.goals[0], owner="Chief nurse"),)
        )
        assert orgstrategy.dumps(owned).startswith("orgstrategy: '1.1'\n")
        labelled = orgstrategy.loads(HEAD + "labels: {enablers: Foundations}\n")
        assert orgstrategy.format_version(labelled) == "1.1"

    def test_a_diff_that_needs_1_1_changes_the_version_in_json_patch(self):
        old = orgstrategy.loads(HEAD_1_0 + "goals: [Care]\n")
        new = orgstrategy.loads(HEAD + "goals: [{name: Care, owner: Chief nurse}]\n")
        patch = orgstrategy.diff(old, new).to_json_patch()
        assert patch[0] == {"op": "replace", "path": "/orgstrategy", "value": "1.1"}
        assert orgstrategy.diff(new, old).to_json_patch()[0]["value"] == "1.0"

    @settings(max_examples=50 * settings.default.max_examples // 100)
    @given(strategies(max_elements=3))
    def test_the_version_is_1_1_exactly_when_something_of_1_1_is_there(self, strategy):
        plain = orgstrategy.to_data(strategy)
        valid_as_1_0 = FORMAT_1_0.is_valid({**plain, "orgstrategy": "1.0"})
        assert (plain["orgstrategy"] == "1.0") == valid_as_1_0

    @settings(max_examples=50 * settings.default.max_examples // 100)
    @given(strategies(max_elements=3, format_version="1.0"))
    def test_strategies_of_1_0_are_1_0(self, strategy):
        assert orgstrategy.format_version(strategy) == "1.0"

    def test_strategies_of_an_unknown_version_are_refused(self):
        with pytest.raises(ValueError, match=r"format_version must be one of 1\.0, 1\.1"):
            strategies(format_version="2.0")


class TestSchemas:
    """Each version has its schema; the latest accepts documents of every version."""

    def test_the_latest_accepts_1_0_and_1_1_documents(self):
        latest = jsonschema.Draft202012Validator(orgstrategy.schema())
        for path in example_files():
            assert latest.is_valid(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert latest.is_valid(yaml.safe_load(TRUST))

    def test_1_0_refuses_what_1_1_added(self):
        first = jsonschema.Draft202012Validator(orgstrategy.schema(version="1.0"))
        assert not first.is_valid(yaml.safe_load(TRUST.replace('"1.1"', '"1.0"')))

    def test_translations_name_only_text_fields(self):
        schema = orgstrategy.schema()
        translation = schema["$defs"]["goal"]["properties"]["translations"]
        assert translation["propertyNames"]["pattern"].startswith("^")
        assert sorted(translation["additionalProperties"]["properties"]) == [
            "description",
            "name",
            "owner",
        ]
        points = schema["$defs"]["statement"]["properties"]["translations"]
        assert points["additionalProperties"]["properties"]["points"]["type"] == "array"


class TestTranslations:
    """Text in other languages: only text fields, under language tags."""

    def test_a_strategy_in_another_language_falls_back_field_by_field(self):
        strategy = orgstrategy.loads(
            HEAD
            + "title: Our plan\ntranslations: {cy: {title: Ein cynllun}}\n"
            + "vision: {text: Healthier, translations: {cy: {text: Iachach}}}\n"
            + "goals:\n  - name: Care\n    description: Good care\n"
            + "    translations: {cy: {name: Gofal}}\n"
        )
        welsh = strategy.translated("cy")
        assert (welsh.title, welsh.vision.text, welsh.goals[0].name) == (
            "Ein cynllun",
            "Iachach",
            "Gofal",
        )
        assert welsh.goals[0].description == "Good care"  # no translation: as written
        assert welsh.goals[0].id == "care"  # ids do not change with the language
        assert welsh.language == "cy"
        assert strategy.translated("fr") == attrs.evolve(strategy, language="fr")

    @pytest.mark.parametrize(
        ("text", "code", "message"),
        [
            (
                "goals: [{name: Care, translations: {cy: {title: Gofal}}}]\n",
                "unknown-key",
                "unknown key 'title'",
            ),
            (
                "goals: [{name: Care, translations: {en_GB: {name: Care}}}]\n",
                "language",
                "'en_GB' is not a language tag such as 'en', 'cy' or 'en-GB'",
            ),
            ("language: english_uk\n", "language", "'english_uk' is not a language tag"),
            (
                "vision: {points: [A], translations: {cy: {points: []}}}\n",
                "type",
                "",
            ),
        ],
    )
    def test_what_is_not_a_translation_is_located(self, text, code, message):
        found = orgstrategy.validate((HEAD + text).encode())
        assert found
        assert all(problem.line == 3 for problem in found)
        assert code in {problem.code for problem in found} or code == "type"
        assert any(message in problem.message for problem in found)

    @pytest.mark.parametrize("to", ["markdown", "html"])
    def test_writers_render_the_language_asked_for(self, to):
        strategy = orgstrategy.loads(
            HEAD
            + "goals:\n  - name: Healthier people\n    translations: {cy: {name: Pobl iachach}}\n"
        )
        page = orgstrategy.dumps(strategy, to, language="cy")
        assert "Pobl iachach" in page
        assert "Healthier people" not in page
        if to == "html":
            assert '<html lang="cy">' in page
        assert "Healthier people" in orgstrategy.dumps(strategy, to)

    def test_untranslated_points_can_be_marked(self):
        strategy = orgstrategy.loads(
            HEAD + "vision: {points: [Care, Homes], translations: {fr: {text: Soins}}}\n"
        )
        vision = strategy.translated("fr", untranslated=str.upper).vision
        assert (vision.text, vision.points) == ("Soins", ("CARE", "HOMES"))
        assert strategy.translated("cy", untranslated=str.upper).organisation.name == "HERE"

    def test_a_page_in_another_language_marks_what_is_not_in_it(self):
        strategy = orgstrategy.loads(
            HEAD
            + "language: en\ntitle: Our <plan>\n"
            + "labels: {goals: Our goals}\n"
            + "vision: {text: Healthier, translations: {cy: {text: Iachach}}}\n"
            + "goals:\n  - name: Healthier people\n    status: on-track\n"
            + '    description: "Better care.\\n\\nCloser to home."\n'
            + "    translations: {cy: {name: Pobl iachach}}\n"
            + "sources: [{title: The plan, note: Read in 2025}]\n"
        )
        page = orgstrategy.dumps(strategy, "html", language="cy")
        assert '<html lang="cy">' in page
        assert "<title>Our &lt;plan&gt; \N{EN DASH} Here</title>" in page  # no markup in the title
        assert '<h1><span lang="en">Our &lt;plan&gt;</span></h1>' in page
        assert "<p>Iachach</p>" in page  # translated: in the page's language
        assert '<h3 id="goals-healthier-people-heading">Pobl iachach</h3>' in page
        assert '<p><span lang="en">Better care.</span></p>' in page  # each paragraph
        assert '<p><span lang="en">Closer to home.</span></p>' in page
        assert '<h2 id="goals-heading"><span lang="en">Our goals</span></h2>' in page  # a label
        assert '<h2 id="vision-heading"><span lang="en">Vision</span></h2>' in page  # ours
        assert (
            '<span class="visually-hidden"><span lang="en">Status</span>: </span>'
            '<span lang="en">On track</span>'
        ) in page
        assert '<li><span lang="en">The plan</span></li>' in page  # no curator's note
        noted = orgstrategy.dumps(strategy, "html", language="cy", notes=True)
        assert (
            '<span lang="en">The plan</span><br><span class="note"><span lang="en">Read in 2025'
        ) in noted
        # In English, or in the document's own language, nothing needs marking.
        for english in (
            orgstrategy.dumps(strategy, "html"),
            orgstrategy.dumps(strategy, "html", language="en-GB"),
        ):
            assert english.count("lang=") == 1

    def test_a_welsh_document_in_english_marks_the_welsh(self):
        strategy = orgstrategy.loads(
            HEAD
            + "language: cy\nvision: {text: Iachach, translations: {en: {text: Healthier}}}\n"
            + "goals: [Gofal]\n"
        )
        page = orgstrategy.dumps(strategy, "html", language="en")
        assert '<html lang="en">' in page
        assert "<p>Healthier</p>" in page
        assert '<h3 id="goals-gofal-heading"><span lang="cy">Gofal</span></h3>' in page
        assert '<h2 id="goals-heading">Goals</h2>' in page  # our words are English

    def test_the_lang_option_alone_says_what_the_text_is_in(self):
        strategy = orgstrategy.loads(HEAD + "goals: [Gofal]\n")  # no language, no translation
        page = orgstrategy.dumps(strategy, "html", lang="cy")
        assert '<h3 id="goals-gofal-heading">Gofal</h3>' in page  # the document's: in Welsh
        assert '<h2 id="goals-heading"><span lang="en">Goals</span></h2>' in page  # ours

    def test_a_language_option_that_is_no_tag_is_refused(self):
        strategy = orgstrategy.loads(HEAD)
        for to in ("markdown", "html"):
            with pytest.raises(orgstrategy.Error, match="option language"):
                orgstrategy.dumps(strategy, to, language="not a tag")


class TestReferences:
    """contributes_to: references that resolve, in this document and in the ones it aligns to."""

    def test_local_references_resolve_and_are_listed(self):
        strategy = orgstrategy.loads(
            HEAD
            + "priorities: [Mental health]\n"
            + "goals:\n  - name: Quality\n    objectives:\n      - name: Waits\n"
            + "        contributes_to: [priorities/mental-health]\n"
            + "  - name: Access\n    contributes_to: [goals/quality/objectives/waits]\n"
        )
        assert [
            (link.source, link.reference, link.target, link.path)
            for link in orgstrategy.links(strategy)
        ] == [
            (
                ("goals", 0, "objectives", 0),
                "priorities/mental-health",
                ("priorities", 0),
                ("goals", 0, "objectives", 0, "contributes_to", 0),
            ),
            (
                ("goals", 1),
                "goals/quality/objectives/waits",
                ("goals", 0, "objectives", 0),
                ("goals", 1, "contributes_to", 0),
            ),
        ]
        assert orgstrategy.resolve(strategy, "goals/quality/objectives/waits").name == "Waits"
        assert orgstrategy.resolve(strategy, "goals/quality/objectives/wait") is None

    def test_a_reference_to_nothing_is_located_with_a_suggestion(self):
        text = (
            HEAD
            + "priorities: [Mental health]\ngoals:\n  - name: Care\n    contributes_to: [priorities/mental]\n"
        )
        assert problems(text) == [
            (
                "unknown-reference",
                "'priorities/mental' names no element of this document; "
                "did you mean 'priorities/mental-health'?",
                6,
                22,
            )
        ]

    def test_an_alias_not_in_aligns_to(self):
        text = (
            HEAD
            + "aligns_to: [{id: ics, title: ICS plan}]\ngoals:\n  - name: Care\n    contributes_to: ['nhs:']\n"
        )
        assert problems(text) == [
            (
                "unknown-document",
                "'nhs' is not the id of a document in aligns_to (those are: 'ics')",
                6,
                22,
            )
        ]

    def test_a_reference_that_is_not_one(self):
        found = problems(HEAD + "goals: [{name: Care, contributes_to: [Mental health]}]\n")
        assert [(code, line) for code, _, line, _ in found] == [("reference", 3)]
        assert "is not a reference: write SECTION/ID" in found[0][1]

    def test_without_a_file_references_into_another_document_are_not_checked(self):
        text = (
            HEAD
            + "aligns_to: [{id: ics, title: ICS plan}]\ngoals: [{name: Care, contributes_to: ['ics:goals/x']}]\n"
        )
        assert problems(text) == []

    def test_two_documents(self, tmp_path: Path):
        (tmp_path / "ics.yaml").write_text(ICS, encoding="utf-8")
        trust = tmp_path / "trust.yaml"
        trust.write_text(TRUST, encoding="utf-8")
        assert orgstrategy.validate(trust) == []
        strategy = orgstrategy.load(trust)
        assert [link.document for link in orgstrategy.links(strategy)] == ["ics", None, "ics"]
        trust.write_text(TRUST.replace("mental-health", "mental-helth"), encoding="utf-8")
        (problem,) = orgstrategy.validate(trust)
        assert (problem.code, problem.file, problem.line, problem.column) == (
            "unknown-reference",
            str(trust),
            8,
            22,
        )
        assert problem.message == (
            "'ics:priorities/mental-helth': ics.yaml has no element "
            "'priorities/mental-helth'; did you mean 'priorities/mental-health'?"
        )
        with pytest.raises(orgstrategy.ValidationError):
            orgstrategy.load(trust)

    def test_an_unreadable_file_is_a_warning_and_with_strict_an_error(self, tmp_path: Path):
        trust = tmp_path / "trust.yaml"
        trust.write_text(TRUST, encoding="utf-8")
        (problem,) = orgstrategy.validate(trust)
        assert (problem.code, problem.severity, problem.line) == (
            "unresolved-document",
            "warning",
            4,
        )
        assert "its file 'ics.yaml' cannot be read" in problem.message
        (strict,) = orgstrategy.validate(trust, strict=True)
        assert strict.severity == "error"
        (tmp_path / "ics.yaml").write_text(
            HEAD_1_0 + "goals: 7\nsecret: s3cr3t\n", encoding="utf-8"
        )
        (invalid,) = orgstrategy.validate(trust)
        assert invalid.message.endswith("'ics.yaml' is not a valid strategy (type at line 3)")
        assert "s3cr3t" not in invalid.message  # the other file's text is not repeated

    def test_only_a_regular_file_is_read(self, tmp_path: Path):
        trust = tmp_path / "trust.yaml"
        trust.write_text(TRUST, encoding="utf-8")
        (tmp_path / "ics.yaml").mkdir()
        (problem,) = orgstrategy.validate(trust)
        assert problem.message.endswith("its file 'ics.yaml' cannot be read (not a regular file)")

    def test_the_other_file_is_read_once(self, tmp_path: Path, monkeypatch):
        (tmp_path / "ics.yaml").write_text(ICS, encoding="utf-8")
        read = []
        original = orgstrategy.formats._other

        def counting(target, limits, plugins):
            read.append(target)
            return original(target, limits, plugins)

        monkeypatch.setattr(orgstrategy.formats, "_other", counting)
        trust = tmp_path / "trust.yaml"
        trust.write_text(
            TRUST.replace("priorities/waits", "ics:priorities/prevention"), encoding="utf-8"
        )
        assert orgstrategy.validate(trust) == []
        assert len(read) == 1

    def test_the_cli_checks_both_files_and_lint_too(self, tmp_path: Path, capsys):
        (tmp_path / "ics.yaml").write_text(ICS, encoding="utf-8")
        trust = tmp_path / "trust.yaml"
        trust.write_text(TRUST.replace("mental-health", "mental-helth"), encoding="utf-8")
        for command in ("validate", "lint"):
            assert main([command, str(trust)]) == 1
            out = capsys.readouterr().out
            assert f"{trust}:8:22: error unknown-reference" in out
            assert "ics.yaml has no element" in out

    @pytest.mark.parametrize("to", ["markdown", "html"])
    def test_pages_say_what_an_element_contributes_to(self, to):
        strategy = orgstrategy.loads(
            HEAD
            + "aligns_to: [{id: ics, title: North ICS plan}]\npriorities: [Mental health]\n"
            + "goals:\n  - name: Care\n    owner: Chief nurse\n    status: at-risk\n"
            + "    contributes_to: [priorities/mental-health, 'ics:', 'ics:priorities/waits']\n"
        )
        page = orgstrategy.dumps(strategy, to)
        assert "Owner: Chief nurse" in page
        if to == "html":  # a badge, labelled for screen readers
            assert '<span class="visually-hidden">Status: </span>At risk</span>' in page
        else:
            assert "Status: At risk" in page
        if to == "html":  # elements of another plan, by plan
            assert (
                "Contributes to: Mental health; North ICS plan; North ICS plan (priorities: waits)"
                in page
            )
        else:
            assert (
                "Contributes to: Mental health; North ICS plan; priorities/waits in North ICS plan"
                in page
            )

    def test_pages_list_mandates_partners_plans_and_stakeholders_with_their_details(self):
        strategy = orgstrategy.loads(
            HEAD
            + "mandates:\n  - name: Health and Care Act 2022\n    provision: section 14Z52\n"
            + "    url: https://www.legislation.gov.uk/ukpga/2022/31\n"
            + "    description: The duty to prepare a joint forward plan.\n"
            + "partners: [{name: Council, role: co-author}]\n"
            + "aligns_to: [{id: ics, title: ICS plan, publisher: The ICB, url: 'javascript:x'}]\n"
            + "stakeholders: [{name: Carers, role: partners in care}]\n"
        )
        markdown = orgstrategy.dumps(strategy, "markdown").splitlines()
        assert (
            "- [Health and Care Act 2022](<https://www.legislation.gov.uk/ukpga/2022/31>)"
            " (section 14Z52): The duty to prepare a joint forward plan."
        ) in markdown
        assert "- **Council** (co-author)" in markdown
        assert "- **ICS plan**, The ICB" in markdown  # no link to an unsafe URL
        assert "- **Carers** (partners in care)" in markdown
        page = orgstrategy.dumps(strategy, "html")
        assert (
            '<li><a href="https://www.legislation.gov.uk/ukpga/2022/31">Health and Care Act'
            " 2022</a> (section 14Z52): The duty to prepare a joint forward plan.</li>"
        ) in page
        assert "<li><strong>Council</strong> (co-author)</li>" in page
        assert "<li><strong>ICS plan</strong>, The ICB</li>" in page
        assert "<li><strong>Carers</strong> (partners in care)</li>" in page

    def test_the_map_draws_contributions(self):
        strategy = orgstrategy.loads(
            HEAD
            + "priorities: [Mental health]\ngoals: [{name: Care, contributes_to: [priorities/mental-health]}]\n"
        )
        chart = orgstrategy.dumps(strategy, "mermaid")
        assert "    n_goals_0 -. contributes to .-> n_priorities_0" in chart.splitlines()


def test_the_1_1_schema_file_is_what_the_model_gives():
    written = Path(__file__).parent.parent / "schemas" / "orgstrategy-1.1.schema.json"
    assert json.loads(written.read_text(encoding="utf-8")) == orgstrategy.schema(version="1.1")


def test_a_whole_document_reference_left_unquoted_in_yaml_says_to_quote_it():
    """``- alias:`` in a YAML block list is a mapping; the message says how to keep it text."""
    text = HEAD + "aligns_to: [{id: nhs-plan, title: Plan}]\ngoals:\n  - name: Care\n"
    text += "    contributes_to:\n      - nhs-plan:\n"
    assert problems(text) == [
        (
            "type",
            "expected text, got a mapping; quote it to keep it as text: 'nhs-plan:'",
            7,
            9,
        )
    ]
    assert problems(text.replace("- nhs-plan:", "- 'nhs-plan:'")) == []
