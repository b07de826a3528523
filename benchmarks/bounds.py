"""How fast, and in how much memory, hostile and huge documents are answered (issues 8 and 14).

Each case runs ``orgstrategy validate`` on one file in a fresh process and reports
the wall time, the CPU time and the peak resident memory of that process, with
the first error it reports (or its summary line). The target, with the default
``orgstrategy.Limits``, is an answer within 2 seconds and 500 MiB for every case.
Run: ``python benchmarks/bounds.py``; with ``--check`` it exits with status 1 when
a case misses the target (wall time is what counts: run it on a quiet machine).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Final, NamedTuple

HEAD: Final = b'orgstrategy: "1.0"\norganisation: {name: Here}\n'
JSON_HEAD: Final = b'{"orgstrategy": "1.0", "organisation": {"name": "Here"}, '
STRATML_HEAD: Final = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<StrategicPlan xmlns="urn:ISO:std:iso:17469:tech:xsd:stratml_core">'
)
#: The targets: seconds of wall time and MiB of peak memory.
MAX_SECONDS: Final = 2.0
MAX_MIB: Final = 500.0


def _billion_laughs() -> bytes:
    lines = [b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(
            f"{name}: &{name} [".encode() + b",".join([f"*{previous}".encode()] * 9) + b"]"
        )
    return b"\n".join(lines) + b"\n"


def _huge() -> bytes:
    return HEAD + b"title: " + b"x" * (100 * 1024 * 1024) + b"\n"


def _deep() -> bytes:
    return HEAD + b"extensions: {x: " + b"[" * 10_000 + b"]" * 10_000 + b"}\n"


def _yaml_list() -> bytes:
    return HEAD + b"extensions: {x: [" + b"0," * 900_000 + b"]}\n"


def _yaml_list_at_the_limit() -> bytes:
    # 11 values before the list's items: 200,000 in all, the most the default allows.
    return HEAD + b"extensions: {x: [" + b"0," * 199_989 + b"]}\n"


def _json_list() -> bytes:
    return JSON_HEAD + b'"extensions": {"x": [' + b"0," * 999_999 + b"0]}}"


def _json_deep() -> bytes:
    return JSON_HEAD + b'"extensions": {"x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}"


def _json_huge_integer() -> bytes:
    return JSON_HEAD + b'"extensions": {"x": ' + b"9" * 10_000_000 + b"}}"


def _json_objects() -> bytes:
    # The most values the size limit lets JSON hold, each a mapping: a memory test.
    return JSON_HEAD + b'"extensions": {"x": [' + b"{}," * 5_500_000 + b"{}]}}"


def _stratml_elements() -> bytes:
    return STRATML_HEAD + b"<a/>" * 900_000 + b"</StrategicPlan>\n"


def _xml_attributes() -> bytes:
    attributes = b"".join(b' a%07d="%04d"' % (index, index % 10_000) for index in range(1_000_000))
    return STRATML_HEAD[:-1] + attributes + b"></StrategicPlan>\n"


def _goals(count: int, name: Callable[[int], str]) -> bytes:
    return HEAD + b"goals:\n" + "".join(f"- {name(index)}\n" for index in range(count)).encode()


def _many_goals() -> bytes:
    return _goals(150_000, lambda index: f"Goal {index}")


def _goals_named_a(count: int) -> Callable[[], bytes]:
    def write() -> bytes:
        return _goals(count, lambda _: "a")

    return write


def _stratml_plan(goals: bytes) -> bytes:
    return (
        STRATML_HEAD
        + b"<Name>Plan</Name><StrategicPlanCore><Organization><Name>Here</Name></Organization>"
        + goals
        + b"</StrategicPlanCore></StrategicPlan>\n"
    )


def _stratml_goals() -> bytes:
    # As many goals as the element limit allows: the costliest valid StratML plan.
    return _stratml_plan(b"".join(b"<Goal><Name>Goal %d</Name></Goal>" % n for n in range(20_000)))


def _stratml_more_goals() -> bytes:
    # Within the limit of XML elements, far past the limit of elements.
    goal = b"<Goal><Name>G</Name><Description>D</Description></Goal>"
    return _stratml_plan(goal * 66_000)


def _stratml_placeholders() -> bytes:
    # Each is repaired (left out) with a warning: 200,000 warnings.
    return _stratml_plan(b"<Goal/>" * 199_990)


def _invalid_at_the_limits() -> bytes:
    # Invalid, so explained: as many elements and values as the limits allow, one mistake.
    goals = "".join(
        f"- {{id: g{index}, name: Goal {index}, description: D}}\n" for index in range(20_000)
    )
    return HEAD + b"bad: 1\ngoals:\n" + goals.encode()


def _every_element_invalid() -> bytes:
    # A mistake in each of the most elements the limit allows: explained up to a bound.
    goals = "".join(f"- {{name: Goal {index}, descripton: D}}\n" for index in range(20_000))
    return HEAD + b"goals:\n" + goals.encode()


class Case(NamedTuple):
    """A file to validate: what it is, its extension, and how to write it."""

    name: str
    suffix: str
    write: Callable[[], bytes]


# Each is written by a process of its own, so that this one stays small: a child's
# peak memory counts what it shares with its parent between fork and exec.
CASES: Final = (
    Case("billion laughs (a 9^9 alias expansion in 342 bytes)", ".yaml", _billion_laughs),
    Case("100 MB file", ".yaml", _huge),
    Case("10,000 levels of nesting", ".yaml", _deep),
    Case("YAML list of 900,000 items (1.8 MB)", ".yaml", _yaml_list),
    Case("YAML list of 199,989 items (400 KB), at the limit", ".yaml", _yaml_list_at_the_limit),
    Case("JSON list of a million items (2 MB)", ".json", _json_list),
    Case("JSON nested 100,000 levels (200 KB)", ".json", _json_deep),
    Case("JSON integer of 10 million digits (10 MB)", ".json", _json_huge_integer),
    Case("JSON list of 5.5 million mappings (16 MB)", ".json", _json_objects),
    Case("StratML of 900,000 elements (3.6 MB)", ".xml", _stratml_elements),
    Case("XML element with a million attributes (16 MB)", ".xml", _xml_attributes),
    Case("StratML plan of 20,000 goals (0.7 MB), at the limit", ".xml", _stratml_goals),
    Case("StratML plan of 66,000 goals (3.6 MB)", ".xml", _stratml_more_goals),
    Case("StratML plan of 200,000 empty goals (1.4 MB)", ".xml", _stratml_placeholders),
    Case("150,000 goals (2 MB)", ".yaml", _many_goals),
    Case("10,000 goals all named a (40 KB)", ".yaml", _goals_named_a(10_000)),
    Case("20,000 goals all named a (80 KB), at the limit", ".yaml", _goals_named_a(20_000)),
    Case("20,000 goals and an unknown key (0.9 MB)", ".yaml", _invalid_at_the_limits),
    Case("20,000 goals, each with a misspelt key (0.7 MB)", ".yaml", _every_element_invalid),
)


class Result(NamedTuple):
    """What one run cost, and what it said."""

    seconds: float
    cpu: float
    mib: float
    message: str


def _answer(output: IO[bytes]) -> str:
    """Return the first error in *output*, or its last line (the summary).

    The output is read a line at a time: read whole, the hundreds of megabytes
    that some cases write would stay in this process, and every process it starts
    afterwards would count them in its peak memory.
    """
    last = ""
    for raw in output:
        line = raw.decode("utf-8", "replace").rstrip("\n")
        if ": error " in line:
            return line.split(": ", 1)[-1]
        last = line or last
    return last


def _wait(
    process: subprocess.Popen[bytes], started: float, timeout: float | None
) -> tuple[int, resource.struct_rusage]:
    """Wait for *process* (killing it after *timeout*); return its exit status and usage."""
    while timeout is not None:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            return status, usage
        if time.perf_counter() - started >= timeout:
            process.kill()
            break
        time.sleep(0.01)
    _, status, usage = os.wait4(process.pid, 0)
    return status, usage


def _run(path: Path, timeout: float | None) -> Result:
    started = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "orgstrategy", "validate", str(path)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        status, usage = _wait(process, started, timeout)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait
        output.seek(0)
        answer = _answer(output)
    if timeout is not None and elapsed >= timeout:
        answer = f"(stopped after {timeout:g} s)"
    cpu = usage.ru_utime + usage.ru_stime
    return Result(elapsed, cpu, usage.ru_maxrss / 1024, answer)  # MiB on Linux


def main(arguments: list[str]) -> int:
    """Print a Markdown table of the cases; with ``--check``, exit 1 if any misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help=f"exit with status 1 when a case takes {MAX_SECONDS:g} s or {MAX_MIB:g} MiB or more",
    )
    parser.add_argument("--only", metavar="TEXT", help="run only the cases whose name has TEXT")
    parser.add_argument(
        "--timeout", type=float, metavar="SECONDS", help="stop a case after SECONDS"
    )
    options = parser.parse_args(arguments)
    load = os.getloadavg()[0]
    print("| input | time | CPU time | peak memory (MiB) | answer |")
    print("|---|---:|---:|---:|---|")
    missed = []
    with tempfile.TemporaryDirectory() as folder:
        for number, case in enumerate(CASES):
            if options.only and options.only not in case.name:
                continue
            path = Path(folder, "input" + case.suffix)
            subprocess.run(
                [sys.executable, __file__, "--write", str(number), str(path)], check=True
            )
            result = _run(path, options.timeout)
            path.unlink()
            if result.seconds >= MAX_SECONDS or result.mib >= MAX_MIB:
                missed.append(case.name)
            print(
                f"| {case.name} | {result.seconds:.2f} s | {result.cpu:.2f} s"
                f" | {result.mib:.0f} | {result.message} |",
                flush=True,
            )
    end = os.getloadavg()[0]
    print(f"\nLoad average (1 minute): {load:.2f} at the start, {end:.2f} at the end.")
    if missed:
        print(f"\nOver {MAX_SECONDS:g} s or {MAX_MIB:g} MiB: {'; '.join(missed)}", file=sys.stderr)
    return 1 if options.check and missed else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write"]:
        Path(sys.argv[3]).write_bytes(CASES[int(sys.argv[2])].write())
        sys.exit(0)
    sys.exit(main(sys.argv[1:]))
