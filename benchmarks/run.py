"""Measure orgstrategy against its contenders and print a table of medians and ratios.

Run from a clone with the ``bench`` extra installed::

    pip install -e ".[bench]"
    python benchmarks/run.py            # the full run, 5 repetitions
    python benchmarks/run.py --quick    # a smoke run: 1 repetition, 100 documents

The corpora are built deterministically in a temporary folder (see ``corpus.py``);
every contender is measured in the same run, interleaved. Targets are reported,
not asserted, unless ``--check`` is given. See ``benchmarks/README.md`` for what
each row means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Final, Literal

import corpus
import timing
import yaml

ROOT: Final = Path(__file__).resolve().parent.parent
EXAMPLES: Final = ROOT / "examples"
SCHEMA: Final = ROOT / "schemas" / "orgstrategy-1.1.schema.json"
DIFF_SIZES: Final = (1_000, 10_000)
#: The sizes diffed by a ``--quick`` run: ten times apart as well, but smaller.
QUICK_DIFF_SIZES: Final = (300, 3_000)
#: What a diff may use beyond 1.2 times the memory of json.load of both files (MiB).
MEMORY_ALLOWANCE: Final = 50
#: The elements of the two documents whose diff's memory is measured (``--quick``: fewer).
MEMORY_SIZE: Final = 100_000
QUICK_MEMORY_SIZE: Final = 10_000
#: Peak memory of a process: diffing two JSON documents, or only reading them.
MEMORY_SCRIPT: Final = """\
import json, resource, sys
old, new = sys.argv[2:4]
if sys.argv[1] == "json":
    found = (json.load(open(old, encoding="utf-8")), json.load(open(new, encoding="utf-8")))
else:
    import orgstrategy
    limits = orgstrategy.Limits(max_elements=10**6, max_nodes=10**8, max_bytes=10**9)
    load = lambda path: orgstrategy.load(path, limits=limits)
    found = orgstrategy.diff(load(old), load(new))
try:  # this process's own peak: ru_maxrss keeps the parent's across exec on Linux
    status = open("/proc/self/status").read()
    print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
#: The shares of the national corpus aligned (see ``corpus.write_system_corpus``).
ALIGN_FRACTIONS: Final = (0.25, 0.5, 1.0)
QUICK_ALIGN_FRACTIONS: Final = (0.1, 0.4)
#: The sizes of the documents linted (goals), and those of a ``--quick`` run.
LINT_SIZES: Final = (1_000, 10_000)
QUICK_LINT_SIZES: Final = (300, 3_000)
#: A problem located at its file, line and column, as ``orgstrategy validate`` writes it.
LOCATED: Final = re.compile(r"^(.+?):[0-9]+:[0-9]+: error [a-z-]+: ")
INSTALL_HINT: Final = 'install the benchmark dependencies: pip install -e ".[bench]"'

#: Parse every document under a folder with PyYAML's C loader, and do nothing else.
FLOOR_SCRIPT: Final = """\
import os, sys, yaml
for root, folders, files in os.walk(sys.argv[1]):
    folders.sort()
    for name in sorted(files):
        if name.endswith(".yaml"):
            with open(os.path.join(root, name), "rb") as file:
                yaml.load(file.read(), Loader=yaml.CSafeLoader)
"""
#: Parse every document with the C loader (dates kept as text) and check it with one
#: reused jsonschema_rs validator: what a user could script (exit 1 if any is invalid).
RUST_SCRIPT: Final = """\
import json, os, sys, yaml, jsonschema_rs
class Loader(yaml.CSafeLoader):  # dates stay text, as JSON Schema checks them
    pass
Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_scalar)
validator = jsonschema_rs.validator_for(json.load(open(sys.argv[2], "rb")))
invalid = 0
for root, folders, files in os.walk(sys.argv[1]):
    folders.sort()
    for name in sorted(files):
        if name.endswith(".yaml"):
            with open(os.path.join(root, name), "rb") as file:
                data = yaml.load(file.read(), Loader=Loader)
            for error in validator.iter_errors(data):
                print(f"{name}: {error.message}")
                invalid = 1
sys.exit(invalid)
"""
#: Read two files with PyYAML's C loader and print DeepDiff's JSON report.
DEEPDIFF_SCRIPT: Final = """\
import datetime, sys, yaml
from deepdiff import DeepDiff
old, new = (yaml.load(open(p, "rb").read(), Loader=yaml.CSafeLoader) for p in sys.argv[1:3])
found = DeepDiff(old, new, ignore_order=True)
sys.stdout.write(found.to_json(default_mapping={datetime.date: datetime.date.isoformat}))
"""

Kind = Literal["faster", "slower", "growth", "within", "memory", "peak", "info"]


@dataclass(frozen=True)
class Row:
    """One line of the table: orgstrategy's median, the contender's, and the target.

    Attributes:
        benchmark: What is measured, and against what.
        ours: orgstrategy's median (seconds), or its growth factor for ``growth``.
        theirs: The contender's median (seconds), or its growth factor.
        kind: ``faster``: the target is ``theirs / ours >= target``; ``slower``:
            ``ours / theirs <= target``; ``growth``: ``ours <= target``; ``within``:
            ``ours <= target`` seconds, the ratio ``ours / theirs``; ``memory``:
            peak memory in MiB, ``ours <= target * theirs + 50``; ``peak``: peak
            memory in MiB, ``ours <= target`` MiB; ``info``: no target, the
            ratio is ``ours / theirs``.
        target: The bound, or ``None``.
        ours_label: Who "ours" is, as run.
        theirs_label: Who the contender is, as run.
        ours_cpu: For commands, orgstrategy's median CPU time (seconds).
        theirs_cpu: For commands, the contender's median CPU time.
        grown: For ``growth``, how many times the elements grew.
    """

    benchmark: str
    ours: float
    theirs: float
    kind: Kind
    target: float | None
    ours_label: str
    theirs_label: str
    ours_cpu: float | None = None
    theirs_cpu: float | None = None
    grown: float = 10.0

    @property
    def ratio(self) -> float:
        """How many times faster orgstrategy is (``faster``), else ours over theirs."""
        if self.kind == "faster":
            return self.theirs / self.ours
        if self.kind == "growth":
            return self.ours
        return self.ours / self.theirs

    @property
    def met(self) -> bool | None:
        """Whether the target is met; ``None`` when there is none."""
        if self.target is None:
            return None
        if self.kind == "faster":
            return self.ratio >= self.target
        if self.kind in ("within", "peak"):
            return self.ours <= self.target
        if self.kind == "memory":
            return self.ours <= self.target * self.theirs + MEMORY_ALLOWANCE
        return self.ratio <= self.target


def _seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 0.001:
        return f"{value * 1000:.1f} ms"
    return f"{value * 1_000_000:.0f} µs"


def _cells(row: Row) -> tuple[str, str, str, str, str]:
    if row.kind == "memory":
        ours, theirs = f"{row.ours:.0f} MiB", f"{row.theirs:.0f} MiB"
        ratio = f"{row.ours / row.theirs:.2f}x the memory"
        target = f"≤ {row.target:g}x + {MEMORY_ALLOWANCE} MiB" if row.target else "—"
    elif row.kind == "peak":
        ours, theirs = f"{row.ours:.0f} MiB", f"{row.theirs:.0f} MiB"
        ratio = f"{row.ours / row.theirs:.2f}x the memory"
        target = f"≤ {row.target:,.0f} MiB" if row.target else "—"
    elif row.kind == "growth":
        ours, theirs = f"{row.ours:.1f}x", f"{row.theirs:.1f}x"
        ratio = f"{row.ratio:.1f}x the time for {row.grown:g}x the elements"
        target = f"≤ {row.target:g}x" if row.target is not None else "—"
    else:
        ours, theirs = _seconds(row.ours), _seconds(row.theirs)
        slower = row.ours / row.theirs
        ratio = f"{1 / slower:.1f}x faster" if slower < 1 else f"{slower:.2f}x slower"
        target = "—"
        if row.target is not None and row.kind == "within":
            target = f"≤ {_seconds(row.target)}"
        elif row.target is not None:
            target = f"{'≥' if row.kind == 'faster' else '≤'} {row.target:g}x {row.kind}"
    met = {True: "yes", False: "**no**", None: "—"}[row.met]
    return ours, theirs, ratio, target, met


def render(rows: Sequence[Row], machine: str, note: str) -> str:
    """Return the Markdown table of *rows*, with the machine line and a note below it."""
    lines = [
        "| benchmark | orgstrategy | contender | ratio | target | met? |",
        "|---|---:|---:|---|---|---|",
    ]
    for row in rows:
        lines.append("| " + " | ".join((row.benchmark, *_cells(row))) + " |")
    return "\n".join([*lines, "", f"Machine: {machine}.", note, ""])


def machine_line() -> str:
    """Return the CPU model, core count, Python and operating system this runs on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = platform.platform(terse=True)
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = f"{line.split('=', 1)[1].strip(chr(34))}, {platform.system()} "
                system += platform.release()
    except OSError:
        pass
    cores = os.cpu_count() or 1
    python = f"{platform.python_implementation()} {platform.python_version()}"
    return f"{cpu}, {cores} logical CPUs, {python}, {system}"


def _load_average() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:  # not on every platform
        return "unknown"


def versions() -> dict[str, str]:
    """Return the versions of the packages measured."""
    found = {}
    for name in (
        "orgstrategy",
        "PyYAML",
        "attrs",
        "cattrs",
        "check-jsonschema",
        "deepdiff",
        "jsonschema-rs",
    ):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    found["libyaml"] = str(yaml.__with_libyaml__)
    return found


def _script(name: str) -> str:
    """Return the path of the console script *name* installed with this Python."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"run.py: no {name!r} command: {INSTALL_HINT}")
    return found


_STARTED: Final = time.perf_counter()


def _progress(message: str) -> None:
    print(f"[bench {time.perf_counter() - _STARTED:5.0f} s] {message}", file=sys.stderr, flush=True)


def _megabytes(paths: Sequence[Path]) -> str:
    return f"{sum(path.stat().st_size for path in paths) / 1_000_000:.1f} MB"


def bench_validate(work: Path, documents: int, invalid: int, repeat: int) -> list[Row]:
    """Time validating the corpus against check-jsonschema and against the parse floor."""
    folder = work / ("invalid" if invalid else "valid")
    paths = corpus.write_validate_corpus(
        corpus.read_examples(EXAMPLES), folder, documents, invalid=invalid
    )
    relative = [str(path.relative_to(work)) for path in paths]
    commands = {
        "orgstrategy": [_script("orgstrategy"), "validate", folder.name],
        "check-jsonschema": [_script("check-jsonschema"), "--schemafile", str(SCHEMA), *relative],
        "floor": [sys.executable, "-c", FLOOR_SCRIPT, folder.name],
        "jsonschema_rs": [sys.executable, "-c", RUST_SCRIPT, folder.name, str(SCHEMA)],
    }
    expected = 1 if invalid else 0
    found = timing.check_command(commands["orgstrategy"], work, expected)
    timing.check_command(commands["check-jsonschema"], work, expected)
    timing.check_command(commands["floor"], work)
    timing.check_command(commands["jsonschema_rs"], work, expected)
    if invalid:  # every problem reported, each at its line and column
        lines = found.stdout.splitlines()
        located = [LOCATED.match(line) for line in lines]
        files = {match.group(1) for match in located if match}
        if not all(located) or len(files) != invalid or not files <= set(relative):
            raise RuntimeError(f"orgstrategy did not locate the {invalid} problems:\n{lines}")
    _progress(f"validate: {documents} documents ({invalid} invalid), {repeat} runs each")
    times, cpu = timing.time_commands(commands, work, repeat)
    ours, ours_cpu = timing.median(times["orgstrategy"]), timing.median(cpu["orgstrategy"])
    what = f"{documents} documents, {_megabytes(paths)}"
    if invalid:
        what += f", {invalid} invalid"
    return [
        Row(
            f"validate ({what}): `orgstrategy validate DIR` vs `check-jsonschema --schemafile`",
            ours,
            timing.median(times["check-jsonschema"]),
            "faster",
            3,
            "orgstrategy validate DIR",
            "check-jsonschema --schemafile SCHEMA FILES...",
            ours_cpu,
            timing.median(cpu["check-jsonschema"]),
        ),
        Row(
            f"validate ({what}) vs PyYAML's C loader and a reused jsonschema_rs validator",
            ours,
            timing.median(times["jsonschema_rs"]),
            "faster",
            1,
            "orgstrategy validate DIR",
            "python -c 'CSafeLoader, then jsonschema_rs.validator_for(schema).iter_errors'",
            ours_cpu,
            timing.median(cpu["jsonschema_rs"]),
        ),
        Row(
            f"validate ({what}) vs the floor: PyYAML's C loader parsing the same files",
            ours,
            timing.median(times["floor"]),
            "slower",
            1.5,
            "orgstrategy validate DIR",
            "python -c 'yaml.load(..., Loader=CSafeLoader) for each file'",
            ours_cpu,
            timing.median(cpu["floor"]),
        ),
    ]


def bench_import(work: Path, repeat: int) -> tuple[list[Row], float]:
    """Time importing orgstrategy against importing PyYAML and attrs, from a cold start.

    Returns the row and the median start-up of a bare interpreter, for the note.
    """
    commands = {
        "orgstrategy": [sys.executable, "-c", "import orgstrategy"],
        "yaml, attrs": [sys.executable, "-c", "import yaml, attrs"],
        "bare": [sys.executable, "-c", "pass"],
        "--version": [_script("orgstrategy"), "--version"],
    }
    for command in commands.values():
        timing.check_command(command, work)
    runs = repeat * 5
    _progress(f"import: {runs} runs each")
    times, cpu = timing.time_commands(commands, work, runs)
    row = Row(
        "import: `python -c 'import orgstrategy'` vs `python -c 'import yaml, attrs'`",
        timing.median(times["orgstrategy"]),
        timing.median(times["yaml, attrs"]),
        "slower",
        1.5,
        "python -c 'import orgstrategy'",
        "python -c 'import yaml, attrs'",
        timing.median(cpu["orgstrategy"]),
        timing.median(cpu["yaml, attrs"]),
    )
    version_row = Row(
        "start-up: `orgstrategy --version` (at most 60 ms) vs `python -c pass`",
        timing.median(times["--version"]),
        timing.median(times["bare"]),
        "within",
        0.060,
        "orgstrategy --version",
        "python -c pass",
        timing.median(cpu["--version"]),
        timing.median(cpu["bare"]),
    )
    return [row, version_row], timing.median(times["bare"])


def _diff_calls(pair: corpus.DiffPair) -> dict[str, Callable[[], object]]:
    from deepdiff import DeepDiff

    import orgstrategy

    old, new = orgstrategy.load(pair.old), orgstrategy.load(pair.new)
    old_data = yaml.load(pair.old.read_bytes(), Loader=yaml.CSafeLoader)
    new_data = yaml.load(pair.new.read_bytes(), Loader=yaml.CSafeLoader)
    return {
        "orgstrategy": lambda: orgstrategy.diff(old, new),
        "deepdiff": lambda: DeepDiff(old_data, new_data, ignore_order=True),
    }


def bench_diff(work: Path, repeat: int, sizes: Sequence[int]) -> list[Row]:
    """Time diffing two versions, as commands and in-process, and how time grows."""
    try:
        import deepdiff  # noqa: F401
    except ImportError:
        raise SystemExit(f"run.py: no deepdiff: {INSTALL_HINT}") from None
    examples = corpus.read_examples(EXAMPLES)
    rows: list[Row] = []
    medians: dict[tuple[str, int, str], float] = {}
    for size in sizes:
        pair = corpus.write_diff_pair(examples, work / "diff", size)
        old, new = pair.old.name, pair.new.name
        commands = {
            "orgstrategy": [_script("orgstrategy"), "diff", "--format", "json", old, new],
            "deepdiff": [sys.executable, "-c", DEEPDIFF_SCRIPT, old, new],
        }
        found = timing.check_command(commands["orgstrategy"], pair.old.parent, expected=1)
        if not json.loads(found.stdout)["changes"]:
            raise RuntimeError("orgstrategy diff found no changes")
        timing.check_command(commands["deepdiff"], pair.old.parent)
        edits = ", ".join(f"{count} {what}" for what, count in pair.edits.items())
        _progress(f"diff: {pair.elements} elements ({edits}), {repeat} runs each")
        run_times, run_cpu = timing.time_commands(commands, pair.old.parent, repeat)
        call_times = timing.time_calls(_diff_calls(pair), repeat)
        target: float | None = 5.0 if size == max(sizes) else None
        for way, times, ours_label, theirs_label in (
            (
                "command",
                run_times,
                "orgstrategy diff --format json OLD NEW",
                "python -c 'yaml.load both; print(DeepDiff(...).to_json())'",
            ),
            (
                "in-process",
                call_times,
                "orgstrategy.diff(old, new)",
                "DeepDiff(old_data, new_data, ignore_order=True)",
            ),
        ):
            medians["ours", size, way] = timing.median(times["orgstrategy"])
            medians["theirs", size, way] = timing.median(times["deepdiff"])
            rows.append(
                Row(
                    f"diff {pair.elements:,} elements, {way}: `{ours_label}` vs `{theirs_label}`",
                    medians["ours", size, way],
                    medians["theirs", size, way],
                    "faster" if target else "info",
                    target,
                    ours_label,
                    theirs_label,
                    timing.median(run_cpu["orgstrategy"]) if way == "command" else None,
                    timing.median(run_cpu["deepdiff"]) if way == "command" else None,
                )
            )
    low, high = min(sizes), max(sizes)
    growth_targets: dict[str, float | None] = {"in-process": 15.0, "command": None}
    for way, growth_target in growth_targets.items():
        rows.append(
            Row(
                f"diff growth, {way}, {low:,} → {high:,} elements (orgstrategy vs DeepDiff)",
                medians["ours", high, way] / medians["ours", low, way],
                medians["theirs", high, way] / medians["theirs", low, way],
                "growth",
                growth_target,
                f"orgstrategy diff, {way}",
                f"DeepDiff, {way}",
            )
        )
    return rows


def bench_lint(work: Path, repeat: int, sizes: Sequence[int]) -> list[Row]:
    """Time linting one document of each size: at most 3 s at the largest, and linear."""
    examples = corpus.read_examples(EXAMPLES)
    paths = {size: corpus.write_lint_document(examples, work / "lint", size) for size in sizes}
    commands = {
        f"lint {size}": [_script("orgstrategy"), "lint", "-q", str(path)]
        for size, path in paths.items()
    }
    largest = max(sizes)
    commands["validate"] = [_script("orgstrategy"), "validate", "-q", str(paths[largest])]
    for name, command in commands.items():  # near-duplicates found: exit 1 for lint
        timing.check_command(command, work, 0 if name == "validate" else 1)
    _progress(f"lint: one document of {' and '.join(map(str, sizes))} goals, {repeat} runs each")
    times, cpu = timing.time_commands(commands, work, repeat)
    small, large = (timing.median(times[f"lint {size}"]) for size in (min(sizes), largest))
    return [
        Row(
            f"lint: one document of {largest:,} goals (at most 3 s) vs validating it",
            large,
            timing.median(times["validate"]),
            "within",
            3.0,
            "orgstrategy lint FILE",
            "orgstrategy validate FILE",
            timing.median(cpu[f"lint {largest}"]),
            timing.median(cpu["validate"]),
        ),
        Row(
            f"lint growth: {min(sizes):,} to {largest:,} goals (linear is"
            f" {largest / min(sizes):g}x)",
            large / small,
            largest / min(sizes),
            "growth",
            12.0 * largest / min(sizes) / 10,
            "orgstrategy lint FILE",
            "linear growth",
        ),
    ]


def bench_jobs(work: Path, documents: int, repeat: int) -> list[Row]:
    """Time validating many small files with ``--jobs 0`` against one job."""
    folder = work / "many"
    corpus.write_validate_corpus(corpus.read_examples(EXAMPLES), folder, documents, invalid=0)
    one = [_script("orgstrategy"), "validate", "-q", folder.name]
    commands = {"one job": one, "--jobs 0": [*one, "--jobs", "0"]}
    first = timing.check_command(commands["one job"], work)
    if timing.check_command(commands["--jobs 0"], work).stdout != first.stdout:
        raise RuntimeError("orgstrategy validate --jobs 0 did not report what one job does")
    _progress(f"jobs: {documents} documents, {repeat} runs each")
    times, cpu = timing.time_commands(commands, work, repeat)
    return [
        Row(
            f"validate --jobs 0 ({documents:,} documents, {os.cpu_count()} cores) vs one job",
            timing.median(times["--jobs 0"]),
            timing.median(times["one job"]),
            "faster",
            1.7,
            "orgstrategy validate --jobs 0 DIR",
            "orgstrategy validate DIR",
            timing.median(cpu["--jobs 0"]),
            timing.median(cpu["one job"]),
        )
    ]


def bench_memory(work: Path, elements: int) -> list[Row]:
    """Measure the peak memory of diffing two JSON documents against reading them."""
    import orgstrategy

    pair = corpus.write_diff_pair(corpus.read_examples(EXAMPLES), work / "memory", elements)
    limits = orgstrategy.Limits(max_elements=10**6, max_nodes=10**8, max_bytes=10**9)
    paths = []
    for path in (pair.old, pair.new):
        paths.append(str(path.with_suffix(".json")))
        orgstrategy.dump(orgstrategy.load(path, limits=limits), paths[-1])
    _progress(f"memory: a diff of {pair.elements:,} elements, once each")
    peaks = {}
    for mode in ("json", "diff"):
        found = timing.check_command([sys.executable, "-c", MEMORY_SCRIPT, mode, *paths], work)
        peaks[mode] = int(found.stdout.split()[-1]) / 1024  # in KiB
    return [
        Row(
            f"memory: diff of {pair.elements:,} elements (JSON) vs `json.load` of both files",
            peaks["diff"],
            peaks["json"],
            "memory",
            1.2,
            "orgstrategy.diff(load(old), load(new))",
            "json.load(old), json.load(new)",
        )
    ]


def bench_load(work: Path, repeat: int) -> list[Row]:
    """Time loading each validate document into the typed model against ``yaml.load``."""
    import orgstrategy

    paths = sorted((work / "valid").glob("*.yaml"))

    def typed() -> None:
        for path in paths:
            orgstrategy.load(path)

    def plain() -> None:
        for path in paths:
            with open(path, "rb") as file:
                yaml.load(file.read(), Loader=yaml.CSafeLoader)

    _progress(f"load: {len(paths)} documents in-process, {repeat} runs each")
    times = timing.time_calls({"orgstrategy": typed, "yaml": plain}, repeat)
    return [
        Row(
            f"load, per document (mean of {len(paths)}): `orgstrategy.load(path)` vs "
            "`yaml.load(bytes, Loader=CSafeLoader)`",
            timing.median(times["orgstrategy"]) / len(paths),
            timing.median(times["yaml"]) / len(paths),
            "info",
            None,
            "orgstrategy.load(path)",
            "yaml.load(open(path, 'rb').read(), Loader=yaml.CSafeLoader)",
        )
    ]


#: Run orgstrategy's command line and print this process's own peak memory (KiB) last.
PEAK_SCRIPT: Final = """\
import sys
from orgstrategy._cli import main
code = main(sys.argv[1:])
status = open("/proc/self/status").read()
print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
sys.exit(code)
"""


def _peak_mib(command: Sequence[str], cwd: Path) -> float:
    """Return the peak resident memory of one run of orgstrategy's *command*, in MiB.

    Read in the process itself (``VmHWM``): ``ru_maxrss`` of a child on Linux keeps
    the parent's peak across ``exec``.
    """
    done = timing.check_command([sys.executable, "-c", PEAK_SCRIPT, *command[1:]], cwd)
    return int(done.stdout.split()[-1]) / 1024


def bench_align(work: Path, repeat: int, fractions: Sequence[float]) -> list[Row]:
    """Time ``orgstrategy align`` and ``site`` on a national corpus, against validating it."""
    folders, sizes = {}, {}
    for fraction in fractions:
        folder = work / f"system-{fraction:g}"
        sizes[fraction] = corpus.write_system_corpus(folder, fraction)
        folders[fraction] = folder
    largest, smallest = max(fractions), min(fractions)
    commands = {
        f"align {fraction:g}": [_script("orgstrategy"), "align", "-q", "--format", "json",
                                "-o", str(work / f"align-{fraction:g}.json"), folder.name]
        for fraction, folder in folders.items()
    }  # fmt: skip
    commands["validate"] = [_script("orgstrategy"), "validate", "-q", folders[largest].name]
    commands["site"] = [_script("orgstrategy"), "site", "-q", "-o", str(work / "site"),
                        folders[largest].name]  # fmt: skip
    for command in commands.values():
        timing.check_command(command, work)
    elements, links = sizes[largest]
    documents = len(list(folders[largest].iterdir()))
    _progress(f"align: {elements:,} elements and {links:,} references, {repeat} runs each")
    times, cpu = timing.time_commands(commands, work, repeat)
    whole, part = (timing.median(times[f"align {f:g}"]) for f in (largest, smallest))
    growth = largest / smallest
    return [
        Row(
            f"align: {elements:,} elements, {links:,} references in {documents} documents"
            " (at most 10 s) vs validating them",
            whole,
            timing.median(times["validate"]),
            "within",
            10.0,
            "orgstrategy align DIR",
            "orgstrategy validate DIR",
            timing.median(cpu[f"align {largest:g}"]),
            timing.median(cpu["validate"]),
        ),
        *(
            Row(
                f"align at {fraction:.0%} of the corpus ({sizes[fraction][0]:,} elements)"
                " vs validating the whole",
                timing.median(times[f"align {fraction:g}"]),
                timing.median(times["validate"]),
                "info",
                None,
                "orgstrategy align DIR",
                "orgstrategy validate DIR",
            )
            for fraction in sorted(fractions)
            if fraction != largest
        ),
        Row(
            f"align growth: {smallest:.0%} to {largest:.0%} of the corpus (linear is {growth:g}x)",
            whole / part,
            growth,
            "growth",
            1.2 * growth,
            "orgstrategy align DIR",
            "linear growth",
            grown=growth,
        ),
        Row(
            f"site: {documents} strategies (at most 60 s) vs validating them",
            timing.median(times["site"]),
            timing.median(times["validate"]),
            "within",
            60.0,
            "orgstrategy site DIR -o SITE",
            "orgstrategy validate DIR",
            timing.median(cpu["site"]),
            timing.median(cpu["validate"]),
        ),
        Row(
            f"site memory: peak MiB on {elements:,} elements (at most 1,024) vs validating them",
            _peak_mib(commands["site"], work),
            _peak_mib(commands["validate"], work),
            "peak",
            1024.0,
            "orgstrategy site DIR -o SITE",
            "orgstrategy validate DIR",
        ),
        Row(
            f"align memory: peak MiB on {elements:,} elements (at most 1,024) vs validating them",
            _peak_mib(commands[f"align {largest:g}"], work),
            _peak_mib(commands["validate"], work),
            "peak",
            1024.0,
            "orgstrategy align DIR",
            "orgstrategy validate DIR",
        ),
    ]


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """Return the command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed runs of each contender (default: 5)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke run: 1 run each, 100 documents to validate, diffs of 300 and 3,000"
        " elements (not for publishing)",
    )
    parser.add_argument(
        "--documents", type=int, help="documents to validate (default: 600; 100 with --quick)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--check", action="store_true", help="exit with status 1 when any target is missed"
    )
    parser.add_argument(
        "--keep",
        metavar="DIR",
        type=Path,
        help="build the corpora in DIR and keep them (default: a temporary folder)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat = 1
    if args.documents is None:
        args.documents = 100 if args.quick else 600
    if args.repeat < 1 or args.documents < 50:
        parser.error("--repeat must be at least 1 and --documents at least 50")
    return args


def run(args: argparse.Namespace, work: Path) -> tuple[list[Row], float]:
    """Build the corpora in *work* and run every benchmark; return the rows and bare start-up."""
    if not SCHEMA.exists() or not EXAMPLES.is_dir():
        raise SystemExit(f"run.py: run from a clone of orgstrategy ({SCHEMA} not found)")
    rows = bench_validate(work, args.documents, 0, args.repeat)
    rows += bench_validate(work, args.documents, max(1, args.documents // 50), args.repeat)
    import_rows, bare = bench_import(work, args.repeat)
    rows += import_rows
    rows += bench_diff(work, args.repeat, QUICK_DIFF_SIZES if args.quick else DIFF_SIZES)
    rows += bench_load(work, args.repeat)
    rows += bench_lint(work, args.repeat, QUICK_LINT_SIZES if args.quick else LINT_SIZES)
    rows += bench_jobs(work, args.documents * 10, args.repeat)
    rows += bench_memory(work, QUICK_MEMORY_SIZE if args.quick else MEMORY_SIZE)
    rows += bench_align(work, args.repeat, QUICK_ALIGN_FRACTIONS if args.quick else ALIGN_FRACTIONS)
    return rows, bare


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks; print the table (or JSON); return the exit status."""
    args = parse_arguments(argv)
    started = time.perf_counter()
    load_before = _load_average()
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        rows, bare = run(args, args.keep.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="orgstrategy-bench-") as folder:
            rows, bare = run(args, Path(folder))
    elapsed = time.perf_counter() - started
    load = f"{load_before} at the start, {_load_average()} at the end"
    machine = machine_line()
    if args.json:
        results: dict[str, Any] = {
            "machine": machine,
            "versions": versions(),
            "repeat": args.repeat,
            "documents": args.documents,
            "bare_interpreter_seconds": bare,
            "load_average": load,
            "elapsed_seconds": elapsed,
            "rows": [{**asdict(row), "ratio": row.ratio, "met": row.met} for row in rows],
        }
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        packages = ", ".join(f"{name} {found}" for name, found in versions().items())
        note = (
            f"Medians of {args.repeat} interleaved runs ({args.repeat * 5} for import); "
            f"a bare `python -c pass` takes {_seconds(bare)}. {packages}. "
            f"Load average {load}. Whole run: {elapsed:.0f} s."
        )
        print(render(rows, machine, note))
    missed = [row.benchmark for row in rows if row.met is False]
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
