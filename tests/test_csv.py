"""The CSV writer: a file that opens in Excel and pandas, a row per element and point, parents by reference."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orgstrategy
from conftest import MINIMAL, example_files
from orgstrategy import _csv
from orgstrategy._cli import main
from orgstrategy._model import Element, Statement, walk
from orgstrategy._positions import format_path
from orgstrategy.testing import strategies, texts

BOM = "\ufeff"

SMALL = """\
orgstrategy: "1.1"
organisation: {name: Here}
mission: We help people live well.
purpose: {text: "Why we exist:", points: [Care, Work], meanings: [Kindness]}
priorities: [Mental health]
goals:
  - name: Quality
    owner: Chief nurse
    status: on-track
    contributes_to: [priorities/mental-health]
    objectives:
      - name: Waits
        due: 2026-03-31
        measures:
          - {name: Weeks waited, unit: weeks, baseline: 18, target: 12, direction: decrease}
compact:
  name: Our compact
  themes: [{name: Honesty, commitments: [We will be open]}]
"""

HEADER = (
    "path,reference,parent,kind,point,id,name,description,provision,url,contributes_to,"
    "owner,status,unit,baseline,target,due,direction,source,role\r\n"
)


def read(text: str) -> list[dict[str, str]]:
    """Return the rows of *text* as a spreadsheet reads its file: UTF-8, a BOM or not."""
    stream = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8-sig", newline="")
    return list(csv.DictReader(stream))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


class TestExactOutput:
    """Small documents give exactly these files."""

    def test_minimal(self):
        text = orgstrategy.dumps(orgstrategy.loads(MINIMAL), "csv")
        assert text == BOM + HEADER

    def test_statements_points_elements_and_the_compact(self):
        text = orgstrategy.dumps(orgstrategy.loads(SMALL), "csv")
        assert text == BOM + HEADER + (
            "mission,,,mission,,,We help people live well.,,,,,,,,,,,,,\r\n"
            "purpose,,,purpose,,,Why we exist:,,,,,,,,,,,,,\r\n"
            "purpose.points[0],,purpose,point,1,,Care,,,,,,,,,,,,,\r\n"
            "purpose.points[1],,purpose,point,2,,Work,,,,,,,,,,,,,\r\n"
            "purpose.meanings[0],,purpose,meaning,,kindness,Kindness,,,,,,,,,,,,,\r\n"
            "goals[0],goals/quality,,goal,,quality,Quality,,,,priorities/mental-health,"
            "Chief nurse,on-track,,,,,,,\r\n"
            "goals[0].objectives[0],goals/quality/objectives/waits,goals/quality,objective,,"
            "waits,Waits,,,,,,,,,,2026-03-31,,,\r\n"
            "goals[0].objectives[0].measures[0],"
            "goals/quality/objectives/waits/measures/weeks-waited,"
            "goals/quality/objectives/waits,measure,,weeks-waited,Weeks waited,,,,,,,"
            "weeks,18,12,,decrease,,\r\n"
            "priorities[0],priorities/mental-health,,priority,,mental-health,Mental health,"
            ",,,,,,,,,,,,\r\n"
            "compact,,,compact,,,Our compact,,,,,,,,,,,,,\r\n"
            "compact.themes[0],,compact,theme,,honesty,Honesty,,,,,,,,,,,,,\r\n"
            "compact.themes[0].commitments[0],,compact.themes[0],commitment,,we-will-be-open,"
            "We will be open,,,,,,,,,,,,,\r\n"
        )

    def test_a_statement_of_points_alone(self):
        strategy = orgstrategy.loads(MINIMAL + "vision: {points: [Healthy, Happy]}\n")
        assert orgstrategy.dumps(strategy, "csv", bom=False) == HEADER + (
            "vision,,,vision,,,,,,,,,,,,,,,,\r\n"
            "vision.points[0],,vision,point,1,,Healthy,,,,,,,,,,,,,\r\n"
            "vision.points[1],,vision,point,2,,Happy,,,,,,,,,,,,,\r\n"
        )

    def test_the_fields_of_other_elements_have_columns(self):
        strategy = orgstrategy.loads(
            'orgstrategy: "1.1"\norganisation: {name: Here}\n'
            "mandates: [{name: Act, provision: s. 14Z52, url: 'https://law.example/'}]\n"
            "stakeholders: [{name: Patients, role: users}]\n"
            "measures: [{name: Deaths, source: ONS, due: 2030-03-31, target: -5}]\n"
        )
        rows = {row["path"]: row for row in read(orgstrategy.dumps(strategy, "csv"))}
        assert (rows["mandates[0]"]["provision"], rows["mandates[0]"]["url"]) == (
            "s. 14Z52",
            "https://law.example/",
        )
        assert rows["stakeholders[0]"]["role"] == "users"
        assert (rows["measures[0]"]["source"], rows["measures[0]"]["due"]) == ("ONS", "2030-03-31")
        assert rows["measures[0]"]["target"] == "-5"  # a number, written as it is

    def test_columns_are_read_from_the_model(self):
        assert tuple(HEADER.strip().split(",")) == _csv.COLUMNS
        assert "results" not in _csv.FIELDS  # a list of model objects, not a cell
        assert "translations" not in _csv.FIELDS
        assert "extensions" not in _csv.FIELDS


class TestByteOrderMark:
    """A BOM by default, only at the very start; ``bom=false`` leaves it out; a bad value is a usage error."""

    def test_only_at_the_start(self):
        strategy = orgstrategy.loads(MINIMAL + f"goals: ['{BOM}Care{BOM}', '{BOM}=1+1']\n")
        text = orgstrategy.dumps(strategy, "csv")
        assert text.startswith(BOM + "path,")
        encoded = text.encode("utf-8")
        assert encoded.startswith(b"\xef\xbb\xbfpath,")
        assert [row["name"] for row in read(text)] == [f"{BOM}Care{BOM}", f"'{BOM}=1+1"]

    def test_left_out(self):
        text = orgstrategy.dumps(orgstrategy.loads(MINIMAL), "csv", bom=False)
        assert text == HEADER
        assert orgstrategy.dumps(orgstrategy.loads(MINIMAL), "csv", bom=True) == BOM + HEADER

    @pytest.mark.parametrize("value", ["maybe", "", 1, None])
    def test_a_value_that_is_not_true_or_false(self, value):
        with pytest.raises(orgstrategy.Error, match=r"^option bom: .* is not true or false"):
            orgstrategy.dumps(orgstrategy.loads(MINIMAL), "csv", bom=value)

    def test_on_standard_output(self, capsys):
        example = str(example_files()[0])
        code, out, err = run(capsys, "convert", example, "--to", "csv")
        assert (code, err) == (0, "")
        assert out.startswith(BOM + "path,")
        assert out.count(BOM) == 1
        code, dash, _ = run(capsys, "convert", example, "--to", "csv", "-o", "-")
        assert dash == out
        code, out, _ = run(capsys, "convert", example, "--to", "csv", "-O", "bom=false")
        assert out.startswith("path,")
        assert BOM not in out

    @pytest.mark.parametrize(
        ("options", "start"), [((), b"\xef\xbb\xbfpath,"), (("-O", "bom=no"), b"path,")]
    )
    def test_in_a_file(self, capsys, tmp_path: Path, options, start):
        out = tmp_path / "strategy.csv"
        code, _, err = run(capsys, "convert", str(example_files()[0]), "-o", str(out), *options)
        assert (code, err) == (0, "")
        written = out.read_bytes()
        assert written.startswith(start)
        assert written.count(b"\xef\xbb\xbf") == (len(start) > 5)
        assert written.decode("utf-8-sig").startswith("path,")

    def test_on_standard_output_in_a_code_page(self, monkeypatch):
        # Redirected output on Windows is in the ANSI code page, which has no BOM.
        stdout = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
        monkeypatch.setattr("sys.stdout", stdout)
        assert main(["convert", str(example_files()[0]), "--to", "csv"]) == 0
        written = stdout.buffer.getvalue()  # type: ignore[attr-defined]
        assert written.startswith(b"\xef\xbb\xbfpath,")
        expected = orgstrategy.dumps(orgstrategy.load(example_files()[0]), "csv")
        assert written.decode("utf-8") == expected
        assert stdout.encoding == "utf-8"

    def test_on_a_standard_output_that_cannot_change_its_encoding(self, monkeypatch, capsys):
        class Narrow(io.StringIO):
            def write(self, text: str) -> int:
                text.encode("ascii")
                return super().write(text)

        monkeypatch.setattr("sys.stdout", Narrow())
        assert main(["convert", str(example_files()[0]), "--to", "csv"]) == 2
        assert "internal error: UnicodeEncodeError" in capsys.readouterr().err

    def test_dump_by_extension(self, tmp_path: Path):
        out = tmp_path / "strategy.csv"
        orgstrategy.dump(orgstrategy.loads(MINIMAL), out)
        assert out.read_bytes() == (BOM + HEADER).encode("utf-8")

    def test_a_bad_value_on_the_command_line(self, capsys):
        code, out, err = run(
            capsys, "convert", str(example_files()[0]), "--to", "csv", "-O", "bom=sometimes"
        )
        assert (code, out) == (2, "")
        assert err == (
            "orgstrategy: error: option bom: 'sometimes' is not true or false "
            "(bom=false leaves the mark out)\n"
        )

    def test_listed_with_the_format(self, capsys):
        code, out, _ = run(capsys, "formats")
        assert code == 0
        assert "option bom: start with a UTF-8 byte-order mark" in out


def _expected(strategy: orgstrategy.Strategy) -> list[tuple[str, str, str]]:
    """Return the path, kind and name of every row, read from the model, in document order."""
    found = []
    for path, node in walk(strategy):
        if isinstance(node, Statement):
            found.append((format_path(path), format_path(path), node.text or ""))
            found.extend(
                (f"{format_path(path)}.points[{index}]", "point", point)
                for index, point in enumerate(node.points)
            )
        elif isinstance(node, Element):
            found.append((format_path(path), type(node).__name__.lower(), node.name))
        elif path == ("compact",):
            found.append(("compact", "compact", node.name or ""))
    return found


class TestRows:
    """Every element and point is a row, once; every parent names what it belongs to."""

    @settings(max_examples=100 * settings.default.max_examples // 100)
    @given(strategies(max_elements=3))
    def test_every_element_and_point_once(self, strategy):
        rows = read(orgstrategy.dumps(strategy, "csv"))
        assert [(row["path"], row["kind"], row["name"]) for row in rows] == [
            (path, what, _csv.cell(name)) for path, what, name in _expected(strategy)
        ]
        assert len({row["path"] for row in rows}) == len(rows)
        for row in rows:
            number = re.search(r"\.points\[(\d+)\]\Z", row["path"])
            assert row["point"] == ("" if number is None else str(int(number[1]) + 1))

    @settings(max_examples=100 * settings.default.max_examples // 100)
    @given(strategies(max_elements=3))
    def test_every_parent_resolves(self, strategy):
        nodes = dict(walk(strategy))
        rows = read(orgstrategy.dumps(strategy, "csv"))
        above: set[str] = set()
        for row in rows:
            if row["parent"]:
                assert row["parent"] in above  # the reference or path of a row above
            if row["reference"]:
                assert orgstrategy.resolve(strategy, row["reference"]) is nodes[_path(row)]
            if row["kind"] == "point" or not isinstance(nodes[_path(row)], Element):
                above |= {row["path"]}
                continue
            parent = _path(row)[:-2]
            if "/" in row["parent"]:  # a reference: of the element it belongs to
                assert orgstrategy.resolve(strategy, row["parent"]) is nodes[parent]
            else:  # what references cannot name: a statement, the compact, a theme
                assert row["parent"] == format_path(parent)
                assert not isinstance(nodes.get(parent), Element) or parent[0] == "compact"
            above |= {row["path"], row["reference"]}

    @settings(max_examples=50 * settings.default.max_examples // 100)
    @given(strategies(max_elements=3), st.booleans())
    def test_reads_back_with_the_stdlib(self, strategy, bom):
        text = orgstrategy.dumps(strategy, "csv", bom=bom)
        rows = read(text)
        with_header = list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))
        assert tuple(with_header[0]) == _csv.COLUMNS
        assert all(len(row) == len(_csv.COLUMNS) for row in with_header)
        nodes = dict(walk(strategy))
        for row in rows:
            node = nodes.get(_path(row))
            if isinstance(node, Element):
                assert row["id"] == node.id
                assert row["description"] == _csv.cell(node.description)

    @pytest.mark.parametrize("example", example_files(), ids=lambda path: path.stem)
    def test_reads_back_with_pandas(self, example):
        pandas = pytest.importorskip("pandas")
        text = orgstrategy.dumps(orgstrategy.load(example), "csv")
        frame = pandas.read_csv(
            io.BytesIO(text.encode("utf-8")), encoding="utf-8-sig", dtype=str, keep_default_na=False
        )
        assert tuple(frame.columns) == _csv.COLUMNS
        assert frame.to_dict("records") == read(text)


def _path(row: dict[str, str]) -> tuple[Any, ...]:
    """Return the path of a row as the model's walker gives it."""
    steps: list[Any] = []
    for part in row["path"].split("."):
        name, _, index = part.partition("[")
        steps.append(name)
        if index:
            steps.append(int(index.rstrip("]")))
    return tuple(steps)


#: Names that a spreadsheet or a CSV reader might take for something else.
HOSTILE = (
    'say "hello", then',
    "line one\nline two\r\nline three",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("https://evil.example","x")',
    f"{BOM}=1+1",
    f"{BOM}{BOM}text after marks",
    "comma, and ; semicolon",
    "\ttabbed",
    "-1+1",
    "@SUM(A1)",
    "\r\n=1+1",
)


class TestHostileNames:
    """Quotes, line breaks, formulas and byte-order marks stay text, in their own cell."""

    @pytest.mark.parametrize("name", HOSTILE)
    def test_read_back_as_written(self, name):
        strategy = orgstrategy.loads(
            orgstrategy.dumps(
                orgstrategy.Strategy(
                    organisation=orgstrategy.Organisation(name="Here"),
                    purpose=orgstrategy.Statement(text=name, points=(name,)),
                    goals=(orgstrategy.Goal(name=name, id="g", description=name, owner=name),),
                ),
                "json",
            ),
            "json",
        )
        rows = read(orgstrategy.dumps(strategy, "csv"))
        assert [row["path"] for row in rows] == ["purpose", "purpose.points[0]", "goals[0]"]
        expected = _csv.cell(name)
        assert expected == name or expected == "'" + name
        assert [row["name"] for row in rows] == [expected] * 3
        assert (rows[2]["description"], rows[2]["owner"]) == (expected, expected)

    @settings(max_examples=50 * settings.default.max_examples // 100)
    @given(st.lists(texts(), min_size=1, max_size=4))
    def test_any_text_reads_back(self, names):
        goals = tuple(
            orgstrategy.Goal(name=name, id=f"g{index}") for index, name in enumerate(names)
        )
        strategy = orgstrategy.Strategy(
            organisation=orgstrategy.Organisation(name="Here"), goals=goals
        )
        rows = read(orgstrategy.dumps(strategy, "csv"))
        assert [row["name"] for row in rows] == [_csv.cell(name) for name in names]
        assert [row["reference"] for row in rows] == [
            f"goals/g{index}" for index in range(len(names))
        ]
