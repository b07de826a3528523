"""``orgstrategy align`` and ``orgstrategy.align``: how documents read together line up."""

from __future__ import annotations

import csv
import html.parser
import io
import json
import shutil
from pathlib import Path

import pytest

import orgstrategy
from orgstrategy._alignment import identity
from orgstrategy._cli import main
from orgstrategy._markdown import inline

ROOT = Path(__file__).parent.parent
SYSTEMS = ROOT / "examples" / "systems"

ICS = """orgstrategy: "1.1"
organisation: {name: North ICS}
title: North plan
url: https://example.org/ics-plan
priorities: [Prevention, Waiting times, Workforce]
"""
TRUST = """orgstrategy: "1.1"
organisation: {name: A trust}
aligns_to:
  - {id: ics, title: North plan, file: ics.yaml}
goals:
  - name: Healthier lives
    contributes_to: ["ics:priorities/prevention"]
  - name: Shorter waits
    objectives:
      - {name: Clinics, contributes_to: ["ics:priorities/waiting-times"]}
  - Good employer
"""
OTHER = """orgstrategy: "1.1"
organisation: {name: Another trust}
aligns_to: [{id: north, title: North plan, url: "HTTPS://Example.org/ics-plan/"}]
priorities:
  - {name: Prevention first, contributes_to: ["north:priorities/prevention"]}
"""


def folder(tmp_path: Path, **documents: str) -> Path:
    for name, text in documents.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["align", *args])
    out, err = capsys.readouterr()
    return code, out, err


class TestApi:
    """orgstrategy.align: coverage, gaps, unaligned aims, broken references."""

    def test_coverage_gaps_and_unaligned(self):
        ics, trust, other = map(orgstrategy.loads, (ICS, TRUST, OTHER))
        report = orgstrategy.align({"ics.yaml": ics, "trust.yaml": trust, "other.yaml": other})
        (plan,) = report.plans
        assert (plan.document, plan.title, plan.aligned_by) == (
            "ics.yaml",
            "North plan",
            ("trust.yaml", "other.yaml"),
        )
        assert [
            (c.target.reference, [(p.document, p.reference) for p in c.contributions])
            for c in plan.coverage
        ] == [
            (
                "priorities/prevention",
                [
                    ("trust.yaml", "goals/healthier-lives"),
                    ("other.yaml", "priorities/prevention-first"),
                ],
            ),
            (
                "priorities/waiting-times",
                [("trust.yaml", "goals/shorter-waits/objectives/clinics")],
            ),
            ("priorities/workforce", []),
        ]
        assert [c.target.name for c in report.gaps] == ["Workforce"]
        # A goal is aligned when it or anything under it contributes.
        assert [(p.document, p.name) for p in report.unaligned] == [("trust.yaml", "Good employer")]
        assert report.broken == ()
        assert report.alone == ()

    def test_a_list_of_strategies_is_known_by_url_only(self):
        ics, trust, other = map(orgstrategy.loads, (ICS, TRUST, OTHER))
        report = orgstrategy.align([ics, trust, other])
        assert report.documents == ("<1>", "<2>", "<3>")
        (plan,) = report.plans
        assert plan.aligned_by == ("<3>",)  # the trust names it by file, which a list has not

    def test_a_reference_to_nothing_in_the_other_document_is_broken(self):
        ics = orgstrategy.loads(ICS)
        trust = orgstrategy.loads(TRUST.replace("waiting-times", "waits"))
        report = orgstrategy.align({"ics.yaml": ics, "trust.yaml": trust})
        (broken,) = report.broken
        assert (broken.document, broken.path, broken.code) == (
            "trust.yaml",
            ("goals", 1, "objectives", 0, "contributes_to", 0),
            "unknown-reference",
        )
        assert "ics.yaml has no element 'priorities/waits'" in broken.message
        assert report.errors == report.broken
        (link,) = [link for link in report.links if link.reference.endswith("waits")]
        assert (link.document, link.target) == ("ics.yaml", None)

    def test_a_whole_document_reference_serves_no_element(self):
        ics = orgstrategy.loads(ICS)
        trust = orgstrategy.loads(TRUST.replace('"ics:priorities/prevention"', '"ics:"'))
        report = orgstrategy.align({"ics.yaml": ics, "trust.yaml": trust})
        assert report.coverage[0].gap
        assert [p.name for p in report.unaligned] == ["Good employer"]  # it still serves

    @pytest.mark.parametrize(
        ("one", "other", "same"),
        [
            ("HTTPS://Example.org/Plan/", "https://example.org/Plan", True),
            ("https://example.org/plan#part", "https://example.org/plan", True),
            ("https://example.org/Plan", "https://example.org/plan", False),  # paths keep case
            ("https://example.org/plan?y=2025", "https://example.org/plan?y=2024", False),
            ("http://example.org/plan", "https://example.org/plan", False),
        ],
    )
    def test_identity(self, one, other, same):
        assert (identity(one) == identity(other)) is same


class TestCommand:
    """orgstrategy align PATH...: the report, the exit code, the located problems."""

    def test_the_real_system(self, capsys):
        code, out, err = run(capsys, str(SYSTEMS))
        assert code == 0
        nenc = str(SYSTEMS / "nenc-better-health-and-wellbeing-for-all.yaml")
        cntw = str(SYSTEMS / "cntw-with-you-in-mind.yaml")
        lines = out.splitlines()
        assert lines[0] == f"{nenc}: Better health and wellbeing for all"
        assert lines[1] == f"  aligned to by {cntw}: 4 of 4 served, 0 gaps"
        assert (
            f"    <- {cntw}: Goal 'Working with and for our communities' (goals/communities)"
            in lines
        )
        assert f"  {cntw}: Goal 'A great place to work' (goals/great-place-to-work)" in lines
        assert lines[-1] == f"  {SYSTEMS / 'gateshead-health-corporate-strategy.yaml'}"
        assert err == (
            "3 documents, 1 aligned to by others: 4 of 4 elements served, 0 gaps, "
            "4 unaligned, 0 errors\n"
        )

    def test_a_broken_reference_is_located_and_exits_1(self, capsys, tmp_path: Path):
        shutil.copytree(SYSTEMS, tmp_path / "systems")
        member = tmp_path / "systems" / "cntw-with-you-in-mind.yaml"
        text = member.read_text(encoding="utf-8")
        member.write_text(text.replace("nenc:priorities/fairer-outcomes", "nenc:priorities/fairer"))
        code, out, _ = run(capsys, str(tmp_path / "systems"))
        assert code == 1
        (problem,) = [line for line in out.splitlines() if " error " in line]
        line = 1 + text[: text.index("nenc:priorities/fairer-outcomes")].count("\n")
        assert problem.startswith(f"{member}:{line}:")
        assert "error unknown-reference" in problem
        assert "nenc-better-health-and-wellbeing-for-all.yaml has no element" in problem
        assert "did you mean 'priorities/fairer-outcomes'?" in problem
        assert "3 of 4 served, 1 gap" in out

    def test_a_file_named_by_aligns_to_joins_the_set(self, capsys, tmp_path: Path):
        folder(tmp_path, ics=ICS, trust=TRUST)
        code, out, _ = run(capsys, str(tmp_path / "trust.yaml"))
        assert code == 0
        assert out.splitlines()[0] == f"{tmp_path / 'ics.yaml'}: North plan"

    def test_documents_given_together_are_known_by_url(self, capsys, tmp_path: Path):
        folder(tmp_path, ics=ICS, other=OTHER)
        code, out, _ = run(capsys, str(tmp_path))
        assert code == 0
        assert "  aligned to by " + str(tmp_path / "other.yaml") + ": 1 of 3 served, 2 gaps" in out
        broken = OTHER.replace("north:priorities/prevention", "north:priorities/prevent")
        folder(tmp_path, other=broken)
        code, out, _ = run(capsys, str(tmp_path))
        assert code == 1
        assert "https://Example.org/ics-plan/ has no element 'priorities/prevent'" in out or (
            "HTTPS://Example.org/ics-plan/ has no element 'priorities/prevent'" in out
        )

    def test_gaps_fail_only_when_asked(self, capsys, tmp_path: Path):
        folder(tmp_path, ics=ICS, trust=TRUST)
        assert run(capsys, str(tmp_path))[0] == 0
        assert run(capsys, str(tmp_path), "--fail-on", "gaps")[0] == 1

    def test_an_unreadable_file_is_a_warning_and_an_error_when_strict(self, capsys, tmp_path):
        folder(tmp_path, trust=TRUST)
        code, out, _ = run(capsys, str(tmp_path / "trust.yaml"))
        assert code == 0
        assert "warning unresolved-document" in out
        assert "its file 'ics.yaml' not found" in out or "its file 'ics.yaml'" in out
        assert run(capsys, str(tmp_path / "trust.yaml"), "--strict")[0] == 1

    def test_an_invalid_document_is_reported_and_exits_1(self, capsys, tmp_path: Path):
        folder(tmp_path, ics=ICS + "status: nearly\n", trust=TRUST)
        code, out, _ = run(capsys, str(tmp_path))
        assert code == 1
        assert f"{tmp_path / 'ics.yaml'}:6:9: error enum: status" in out
        assert "warning unresolved-document" in out  # the trust's references are not checked

    def test_nothing_to_align_is_a_usage_error(self, capsys, tmp_path: Path):
        assert run(capsys, str(tmp_path / "missing.yaml"))[0] == 2

    def test_json(self, capsys):
        code, out, _ = run(capsys, str(SYSTEMS), "--format", "json")
        assert code == 0
        data = json.loads(out)
        assert set(data) == {
            "documents",
            "plans",
            "unaligned",
            "alone",
            "links",
            "problems",
            "summary",
        }
        (plan,) = data["plans"]
        assert plan["title"] == "Better health and wellbeing for all"
        assert [c["reference"] for c in plan["coverage"]] == [
            "priorities/longer-and-healthier-lives",
            "priorities/fairer-outcomes",
            "priorities/better-health-and-care-services",
            "priorities/best-start-in-life",
        ]
        assert data["summary"] == {
            "documents": 3,
            "plans": 1,
            "elements": 4,
            "gaps": 0,
            "unaligned": 4,
            "errors": 0,
            "warnings": 0,
        }

    def test_csv_has_a_row_for_each_link(self, capsys):
        code, out, _ = run(capsys, str(SYSTEMS), "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert code == 0
        assert len(rows) == 4
        assert {row["target_name"] for row in rows} == {
            "Longer and healthier lives",
            "Fairer outcomes",
            "Better health and care services",
            "Giving our children the best start in live",
        }

    def test_markdown_and_html(self, capsys, tmp_path: Path):
        folder(tmp_path, ics=ICS, trust=TRUST)
        markdown = run(capsys, str(tmp_path), "--format", "markdown")[1]
        assert "| Priority *Workforce* | **Gap**: nothing contributes |" in markdown
        page = run(capsys, str(tmp_path), "--format", "html", "-o", str(tmp_path / "a.html"))
        assert page[0] == 0
        text = (tmp_path / "a.html").read_text(encoding="utf-8")
        assert '<tr class="gap"><th scope="row">Priority: Workforce <span class="gap-word">' in text


class _Tags(html.parser.HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


class TestHostileText:
    """Names are data: no line forged in the terminal, no markup in Markdown or HTML."""

    HOSTILE = "<script>alert(1)</script>\n::error::forged\x1b[2J | *x* ="

    def documents(self, tmp_path: Path) -> Path:
        name = json.dumps(self.HOSTILE)
        ics = ICS.replace("[Prevention,", f"[{{name: {name}, id: p}},")
        trust = TRUST.replace("priorities/prevention", "priorities/p").replace(
            "name: Healthier lives", f"name: {name}"
        )
        return folder(tmp_path, ics=ics.replace("title: North plan", f"title: {name}"), trust=trust)

    def test_text(self, capsys, tmp_path: Path):
        code, out, _ = run(capsys, str(self.documents(tmp_path)))
        assert code == 0
        assert "\x1b" not in out
        lines = out.splitlines()
        assert not any(line.startswith("::") for line in lines)  # no workflow command
        assert all(line.startswith((str(tmp_path), "  ", "unaligned")) for line in lines)
        assert "\\n::error::forged" in out  # shown, escaped, in the line of its name

    def test_markdown_html_and_csv(self, capsys, tmp_path: Path):
        where = str(self.documents(tmp_path))
        markdown = run(capsys, where, "--format", "markdown")[1]
        assert "<script>" not in markdown
        assert "\\*x\\*" in markdown
        page = _Tags(run(capsys, where, "--format", "html")[1])
        assert "script" not in page.tags
        assert page.handlers == []
        rows = list(csv.reader(io.StringIO(run(capsys, where, "--format", "csv")[1])))
        assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_how_to_shows_what_the_command_prints(capsys, monkeypatch):
    page = (ROOT / "docs" / "how-to" / "align-a-system.md").read_text(encoding="utf-8")
    command = "$ orgstrategy align examples/systems/\n"
    shown = page.split("<!-- align-output -->\n```text\n" + command)[1].split("```")[0]
    monkeypatch.chdir(ROOT)
    assert run(capsys, "examples/systems/")[1] == shown


class TestEdges:
    """What is rarely there: no plan, files that are not strategies, invalid members."""

    def test_documents_that_align_to_nothing(self, capsys, tmp_path: Path):
        folder(tmp_path, ics=ICS)
        code, out, _ = run(capsys, str(tmp_path))
        assert (code, out) == (
            0,
            f"alone: aligned to no other document of these, and none aligns to them\n  {tmp_path / 'ics.yaml'}\n",
        )
        markdown = run(capsys, str(tmp_path), "--format", "markdown")[1]
        assert "No document of these aligns to another of them." in markdown
        assert "## Alone" in markdown

    def test_markdown_lists_the_unaligned_and_those_alone(self, capsys):
        markdown = run(capsys, str(SYSTEMS), "--format", "markdown")[1]
        assert (
            "- "
            + inline(str(SYSTEMS / "cntw-with-you-in-mind.yaml"))  # x\.yaml: no link on GitHub
            + ": Goal *A great place to work*"
            in markdown
        )
        assert "Gateshead Health NHS Foundation Trust" not in markdown  # its title is shown
        assert ": Corporate strategy" in markdown

    def test_only_strategies(self, capsys, tmp_path: Path):
        folder(tmp_path, ics=ICS, trust=TRUST, other="name: not a strategy\n")
        assert run(capsys, str(tmp_path))[0] == 1  # other.yaml is an invalid strategy
        assert run(capsys, str(tmp_path), "--only-strategies")[0] == 0

    def test_problems_go_to_standard_error_beside_a_page(self, capsys, tmp_path: Path):
        folder(tmp_path, ics=ICS, trust=TRUST.replace("waiting-times", "waits"))
        code, out, err = run(capsys, str(tmp_path), "--format", "markdown")
        assert code == 1
        assert "error unknown-reference" in err
        assert "error" not in out

    def test_a_member_known_by_url_that_is_invalid_names_nothing(self, capsys, tmp_path: Path):
        # Its url cannot be known, so the references to it are not checked; it is an error.
        folder(tmp_path, ics=ICS + "status: nearly\n", other=OTHER)
        code, out, _ = run(capsys, str(tmp_path))
        assert code == 1
        assert [
            line for line in out.splitlines() if ": error " in line or ": warning " in line
        ] == [
            f"{tmp_path / 'ics.yaml'}:6:9: error enum: status: 'nearly' is not one of "
            "draft, consultation, published, superseded"
        ]

    def test_a_document_another_resolver_cannot_give_is_named_by_its_url(self):
        from orgstrategy._links import check

        trust = orgstrategy.loads(OTHER)
        (finding,) = check(trust, lambda alignment: "cannot be fetched here")
        assert (finding.path, finding.code, finding.severity) == (
            ("aligns_to", 0, "url"),
            "unresolved-document",
            "warning",
        )
        assert finding.message == (
            "the references to 'north' are not checked: the document at "
            "HTTPS://Example.org/ics-plan/ cannot be fetched here"
        )

    def test_validate_alone_does_not_look_for_documents_by_url(self, capsys, tmp_path: Path):
        folder(tmp_path, other=OTHER)
        assert main(["validate", str(tmp_path / "other.yaml")]) == 0
        assert capsys.readouterr().out == ""
