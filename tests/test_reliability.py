"""Reliability: many files with some broken, many threads at once, no memory growth."""

from __future__ import annotations

import concurrent.futures
import gc
import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

import orgstrategy
from conftest import MINIMAL, example_files
from orgstrategy import plugins
from orgstrategy._cli import main

# The smallest valid document, as the library writes it: three lines (the broken files'
# line numbers count from there), and the format version the library writes today.
HEAD = orgstrategy.dumps(orgstrategy.Strategy(organisation=orgstrategy.Organisation(name="Here")))
# Each broken file, and the line its first error is on.
BROKEN: dict[str, tuple[bytes, int]] = {
    "syntax.yaml": (HEAD.encode() + b"goals: [a, b\n", 5),
    "tab.yaml": (HEAD.encode() + b"goals:\n\t- a\n", 5),
    "duplicate-key.yaml": (HEAD.encode() + b"title: A\ntitle: B\n", 5),
    "tag.yaml": (HEAD.encode() + b"title: !!python/object/apply:os.system ['true']\n", 4),
    "alias-bomb.yaml": (
        HEAD.encode()
        + b"extensions:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + b"".join(
            f"  {chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n".encode()
            for i in range(8)
        ),
        10,  # where the expansion passes the limit
    ),
    "deep.yaml": (HEAD.encode() + b"extensions: {x: " + b"[" * 10_000 + b"]" * 10_000 + b"}\n", 4),
    "not-utf8.yaml": (HEAD.encode() + b"title: caf\xe9\n", 4),
    "nul.yaml": (HEAD.encode() + b"title: a\x00b\n", 4),
    "null-title.yaml": (b"\xef\xbb\xbf" + HEAD.encode() + b"title:\n", 4),
    "empty.yaml": (b"", 1),
    "list.yaml": (b"- a\n- b\n", 1),
    "two-documents.yaml": (HEAD.encode() + b"---\n" + HEAD.encode(), 4),
    "wrong-type.yaml": (HEAD.encode() + b"goals: {a: b}\n", 4),
    "unknown-key.yaml": (HEAD.encode() + b"visoin: Care\n", 4),
    "bad-date.yaml": (HEAD.encode() + b"published: 2025-02-30\n", 4),
    "huge-number.json": (
        b'{"orgstrategy": "1.0", "organisation": {"name": "Here"}, "extensions": {"x": 1e400}}',
        1,
    ),
    "nan.json": (b'{"orgstrategy": "1.0", "organisation": {"name": "Here"}, "x": NaN}', 1),
    "truncated.json": (b'{"orgstrategy": "1.0", "organisation": {"name": "He', 1),
    "binary.yaml": (bytes(range(256)), 2),
    "version.yaml": (b'orgstrategy: "2.0"\norganisation: {name: Here}\n', 1),
    "duplicate-id.yaml": (
        HEAD.encode() + b"goals:\n  - {id: a, name: A}\n  - {id: a, name: B}\n",
        6,
    ),
    "blank-name.yaml": (HEAD.encode() + b"goals:\n  - '\xe2\x80\x83 '\n", 5),
    "surrogate.json": (
        b'{"orgstrategy": "1.0", "organisation": {"name": "\\ud800"}}',
        1,
    ),
    "period.yaml": (HEAD.encode() + b"period: {start: 2030, end: 2020}\n", 4),
    "too-large.yaml": (HEAD.encode() + b"title: " + b"x" * (17 * 1024 * 1024) + b"\n", 1),
}


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """1,000 documents: the examples copied, and 50 broken in every way above."""
    folder = tmp_path_factory.mktemp("many")
    examples = [path.read_bytes() for path in example_files()]
    broken: list[str] = []
    names = list(BROKEN)
    for index in range(1000):
        if index % 20 == 7:
            kind = names[len(broken) % len(names)]
            data = BROKEN[kind][0]
            name = f"{index:04d}-{kind}"
            broken.append(name)
        else:
            data = examples[index % len(examples)]
            name = f"{index:04d}.yaml"
        (folder / name).write_bytes(data)
    return folder, broken


def test_a_thousand_files_fifty_broken(many, capsys):
    folder, broken = many
    assert len(broken) == 50
    before = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    code = main(["validate", "--format", "json", str(folder)])
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert code == 1
    assert "Traceback" not in err
    assert report["summary"] == {
        "files": 1000,
        "valid": 950,
        "invalid": 50,
        "unreadable": 0,
        "skipped": 0,
    }
    invalid = {Path(entry["file"]).name: entry for entry in report["files"] if not entry["valid"]}
    assert sorted(invalid) == sorted(broken)
    for name, entry in invalid.items():
        kind = name[5:]
        first = min(p["line"] for p in entry["problems"] if p["severity"] == "error")
        assert first == BROKEN[kind][1], (name, entry["problems"])
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == before


def test_the_text_report_names_each_broken_file(many, capsys):
    folder, broken = many
    assert main(["validate", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert err.endswith("1000 files checked: 950 valid, 50 invalid\n")
    named = {Path(line.split(":", 1)[0]).name for line in out.splitlines()}
    assert named == set(broken)


def test_many_threads_at_once():
    """The converter, compiled validators and registries are shared safely by threads."""
    documents = [path.read_bytes() for path in example_files()]
    documents += [data for data, _ in list(BROKEN.values())[:12]]
    expected = [orgstrategy.validate(data) for data in documents]
    rating = plugins.Plugin(name="rating", schema={"enum": [1, 2, 3]}, applies_to="organisation")
    rated = (MINIMAL + "  extensions: {rating: 4}\n").encode()
    with plugins.registered(rating):
        wrong = orgstrategy.validate(rated)

        def work(index: int) -> list[list[orgstrategy.Problem]]:
            found = [orgstrategy.validate(data) for data in documents]
            found.append(orgstrategy.validate(rated))
            strategy = orgstrategy.loads(documents[index % 5])
            assert orgstrategy.loads(orgstrategy.dumps(strategy, "json"), "json") == strategy
            return found

        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(work, range(32)))
    for found in results:
        assert found == [*expected, wrong]


def test_first_use_from_many_threads_in_a_new_process():
    """Lazy set-up (converter, schema, plugins) happens once even when threads race to it."""
    script = """
import concurrent.futures, orgstrategy
text = open(orgstrategy.__file__.replace('__init__.py', '../../examples/here.yaml')).read()
def work(_):
    return orgstrategy.dumps(orgstrategy.loads(text), 'json'), orgstrategy.validate(b'title: [')
with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
    results = list(pool.map(work, range(64)))
assert all(result == results[0] for result in results), 'threads disagree'
print('ok')
"""
    ran = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, "ok\n", "")


@pytest.mark.slow
def test_validating_thousands_of_documents_does_not_grow_memory():
    documents = [path.read_bytes() for path in example_files()]
    documents += [data for data, _ in BROKEN.values() if len(data) < 100_000]

    def validate_all(times: int) -> None:
        for index in range(times):
            orgstrategy.validate(documents[index % len(documents)])

    validate_all(1_000)  # warm up: caches, compiled validators
    gc.collect()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        validate_all(1_500)
        gc.collect()
        end = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    # A run grows by a few kilobytes; keeping as little as 24 bytes a document is caught.
    assert end - start < 1_500 * 24, f"memory grew by {end - start} bytes"
