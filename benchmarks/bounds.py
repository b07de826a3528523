"""How fast, and in how much memory, hostile documents fail (issue 8's bounds).

Each case runs ``orgstrategy validate`` on one file in a fresh process and reports
the wall time and the peak resident memory of that process; the target is under a
second with no memory blow-up. Run: ``python benchmarks/bounds.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAD = b'orgstrategy: "1.0"\norganisation: {name: Here}\n'


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


# Each is written by a process of its own, so that this one stays small: a child's
# peak memory counts what it shares with its parent between fork and exec.
CASES = {
    "billion laughs (a 9^9 alias expansion in 500 bytes)": _billion_laughs,
    "100 MB file": _huge,
    "10,000 levels of nesting": _deep,
}


def _run(path: Path) -> tuple[float, float, str]:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "orgstrategy", "validate", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdout is not None
    output = process.stdout.read().decode()
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    return elapsed, usage.ru_maxrss / 1024, output.strip().split(": ", 3)[-1]  # MiB on Linux


def main() -> int:
    """Print a Markdown table of the cases; exit 1 if any takes a second or more."""
    print("| hostile input | time | peak memory (MiB) | message |")
    print("|---|---:|---:|---|")
    slow = False
    with tempfile.TemporaryDirectory() as folder:
        for number, name in enumerate(CASES):
            path = Path(folder, "hostile.yaml")
            subprocess.run(
                [sys.executable, __file__, "--write", str(number), str(path)], check=True
            )
            elapsed, peak, message = _run(path)
            slow = slow or elapsed >= 1.0
            print(f"| {name} | {elapsed:.2f} s | {peak:.0f} | {message} |")
    return 1 if slow else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write"]:
        Path(sys.argv[3]).write_bytes(list(CASES.values())[int(sys.argv[2])]())
        sys.exit(0)
    sys.exit(main())
