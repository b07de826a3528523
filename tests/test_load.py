"""The API for files and text: load, loads, dump, dumps, validate, to_data."""

from __future__ import annotations

import datetime
import json
import os
import stat
from pathlib import Path

import pytest

import orgstrategy
from conftest import EXAMPLES, MINIMAL, example_files
from orgstrategy import Error, FileError, ValidationError


class TestExamples:
    """Every example validates and survives every round trip."""

    @pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
    def test_valid(self, path):
        assert orgstrategy.validate(path) == []

    @pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
    @pytest.mark.parametrize("syntax", ["yaml", "json"])
    def test_round_trip(self, path, syntax):
        strategy = orgstrategy.load(path)
        text = orgstrategy.dumps(strategy, syntax)
        assert orgstrategy.loads(text, syntax) == strategy
        assert orgstrategy.dumps(orgstrategy.loads(text, syntax), syntax) == text

    def test_there_are_six(self):
        """The five seeds' strategies and a bilingual one (a system of two is in a folder)."""
        assert len(example_files()) == 6

    def test_the_script_runs(self, capsys, monkeypatch):
        monkeypatch.chdir(EXAMPLES.parent)
        namespace: dict[str, object] = {"__name__": "example"}
        exec((EXAMPLES / "inspect_strategy.py").read_text(encoding="utf-8"), namespace)
        namespace["main"]("examples/tees-esk-and-wear-valleys.yaml")  # type: ignore[operator]
        out = capsys.readouterr().out
        assert out.startswith(
            "Tees, Esk and Wear Valleys NHS Foundation Trust: Our Journey to Change"
        )
        assert "read back the same strategy" in out


class TestFormsAreEqual:
    """Documents that differ only in form load equal."""

    def test_shorthand_and_mapping(self):
        short = orgstrategy.loads(MINIMAL + "vision: See\nvalues: [Kind]\n")
        long = orgstrategy.loads(MINIMAL + "vision: {text: See}\nvalues: [{name: Kind}]\n")
        assert short == long

    def test_key_order(self):
        one = orgstrategy.loads(MINIMAL + "title: T\nstatus: draft\n")
        two = orgstrategy.loads(
            'status: draft\ntitle: T\norganisation: {name: Here}\norgstrategy: "1.0"\n'
        )
        assert one == two

    def test_derived_and_explicit_id(self):
        one = orgstrategy.loads(MINIMAL + "goals: [Great employer]\n")
        two = orgstrategy.loads(MINIMAL + "goals: [{id: great-employer, name: Great employer}]\n")
        assert one == two

    def test_yaml_and_json(self):
        data = {"orgstrategy": "1.0", "organisation": {"name": "Here"}, "goals": ["A"]}
        assert orgstrategy.loads(json.dumps(data), "json") == orgstrategy.loads(
            json.dumps(data), "yaml"
        )


class TestCanonicalForm:
    """dumps writes the shortest faithful form in a fixed key order."""

    def test_shortest_form(self):
        text = MINIMAL + (
            "vision: {text: See}\n"
            "goals:\n"
            "  - {id: access, name: Access}\n"
            "  - {id: own-id, name: Other, description: D}\n"
            "period: {start: 2025, end: 2026-03-31}\n"
        )
        assert orgstrategy.dumps(orgstrategy.loads(text)) == (
            "orgstrategy: '1.0'\n"
            "organisation:\n"
            "  name: Here\n"
            "period:\n"
            "  start: 2025\n"
            "  end: '2026-03-31'\n"
            "vision: See\n"
            "goals:\n"
            "  - Access\n"
            "  - id: own-id\n"
            "    name: Other\n"
            "    description: D\n"
        )

    def test_suffixed_ids_are_kept_only_where_needed(self):
        strategy = orgstrategy.loads(MINIMAL + "goals: [A, A, {id: a-3, name: B}]\n")
        assert orgstrategy.to_data(strategy)["goals"] == ["A", "A", {"id": "a-3", "name": "B"}]

    def test_to_data(self):
        strategy = orgstrategy.loads(MINIMAL + "published: 2025-04-01\n")
        assert strategy.published == datetime.date(2025, 4, 1)
        assert orgstrategy.to_data(strategy) == {
            "orgstrategy": "1.0",
            "organisation": {"name": "Here"},
            "published": "2025-04-01",
        }


class TestFiles:
    """Reading and writing files."""

    def test_load_by_extension(self, tmp_path):
        for name in ("s.yaml", "s.yml", "s.json", "S.JSON"):
            path = tmp_path / name
            path.write_text('{"orgstrategy": "1.0", "organisation": {"name": "Here"}}')
            assert orgstrategy.load(path).organisation.name == "Here"

    def test_unknown_extension(self, tmp_path):
        with pytest.raises(
            Error, match=r"cannot tell the format of '.*s\.txt' from its extension \(.*\.yaml"
        ):
            orgstrategy.load(tmp_path / "s.txt")

    def test_format_given(self, tmp_path):
        path = tmp_path / "s.txt"
        path.write_text(MINIMAL)
        assert orgstrategy.load(path, format="yaml").organisation.name == "Here"
        assert orgstrategy.validate(path, format="yaml") == []

    def test_unknown_format(self):
        with pytest.raises(Error, match="unknown format 'toml'"):
            orgstrategy.loads(MINIMAL, "toml")

    def test_missing_file(self, tmp_path):
        with pytest.raises(FileError, match=r"cannot read .*nope\.yaml: No such file"):
            orgstrategy.load(tmp_path / "nope.yaml")
        with pytest.raises(FileError):
            orgstrategy.validate(tmp_path / "nope.yaml")

    def test_problems_name_the_file(self, tmp_path):
        path = tmp_path / "bad.yaml"
        path.write_text(MINIMAL + "title: 5\n")
        (problem,) = orgstrategy.validate(path)
        assert str(problem) == (
            f"{path}:4:8: error type: title: expected text, got the number 5;"
            " quote it to keep it as text: '5'"
        )

    def test_loads_names_a_file(self):
        with pytest.raises(ValidationError) as caught:
            orgstrategy.loads(MINIMAL + "title: 5\n", file="mine.yaml")
        assert caught.value.errors[0].file == "mine.yaml"

    def test_dump_and_load(self, tmp_path):
        strategy = orgstrategy.load(EXAMPLES / "here.yaml")
        for name in ("out.yaml", "out.json"):
            orgstrategy.dump(strategy, tmp_path / name)
            assert orgstrategy.load(tmp_path / name) == strategy
        assert (tmp_path / "out.json").read_text().startswith("{")

    def test_dump_keeps_permissions_and_leaves_no_temporary_file(self, tmp_path):
        path = tmp_path / "out.yaml"
        path.write_text("old")
        os.chmod(path, 0o640)
        orgstrategy.dump(orgstrategy.loads(MINIMAL), path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
        assert os.listdir(tmp_path) == ["out.yaml"]

    def test_new_file_follows_the_umask(self, tmp_path):
        old = os.umask(0o027)
        try:
            orgstrategy.dump(orgstrategy.loads(MINIMAL), tmp_path / "new.yaml")
        finally:
            os.umask(old)
        assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o640

    def test_failed_write_leaves_the_old_file(self, tmp_path, monkeypatch):
        path = tmp_path / "out.yaml"
        path.write_text("old")

        def fail(*args: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "replace", fail)
        with pytest.raises(FileError, match=r"cannot write .*out\.yaml: No space left on device"):
            orgstrategy.dump(orgstrategy.loads(MINIMAL), path)
        assert path.read_text() == "old"
        assert os.listdir(tmp_path) == ["out.yaml"]

    def test_unwritable_folder(self, tmp_path):
        with pytest.raises(FileError, match="cannot write"):
            orgstrategy.dump(orgstrategy.loads(MINIMAL), tmp_path / "missing" / "out.yaml")

    def test_unreadable_target_folder(self, tmp_path):
        target = tmp_path / "file"
        target.write_text("x")
        with pytest.raises(FileError, match="cannot write"):
            orgstrategy.dump(orgstrategy.loads(MINIMAL), target / "out.yaml")

    def test_input_is_never_changed(self, tmp_path):
        path = tmp_path / "in.yaml"
        original = b"# a comment\n" + MINIMAL.encode()
        path.write_bytes(original)
        orgstrategy.validate(path)
        orgstrategy.load(path)
        assert path.read_bytes() == original

    def test_big_file_is_not_read_whole(self, tmp_path):
        path = tmp_path / "big.yaml"
        path.write_bytes(MINIMAL.encode() + b"#" * 2_000)
        problems = orgstrategy.validate(path, limits=orgstrategy.Limits(max_bytes=1_000))
        assert [p.code for p in problems] == ["too-large"]


def test_readme_example_runs(monkeypatch, capsys):
    """The README's Python example works as printed."""
    monkeypatch.chdir(EXAMPLES.parent)
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    code = readme.split("```python\n")[1].split("```")[0]
    names: dict[str, object] = {"__name__": "readme"}
    exec(code, names)
    out = capsys.readouterr().out.splitlines()
    strategy = names["strategy"]
    assert strategy == orgstrategy.load(EXAMPLES / "tees-esk-and-wear-valleys.yaml")
    assert isinstance(strategy, orgstrategy.Strategy)
    assert out[0] == "We will support people to lead their best possible lives."
    goals = len(strategy.goals)
    assert out[1] == "high-quality-care we will co-create high quality care"
    assert out[1 : 1 + goals] == [f"{goal.id} {goal.name}" for goal in strategy.goals]
    assert names["problems"] == []  # examples/here.yaml is valid
    assert json.loads("\n".join(out[1 + goals :])) == orgstrategy.to_data(strategy)


def test_format_of():
    assert orgstrategy.format_of(Path("x.JSON")) == "json"
