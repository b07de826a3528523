"""Timing contenders side by side: commands from a cold start, and calls in one process.

Every repetition runs each contender once, in turn, so that a machine growing
busier or quieter during a run affects all of them alike; the result is the
median of each contender's times.
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

__all__ = ["check_command", "median", "time_calls", "time_commands"]


def median(times: Sequence[float]) -> float:
    """Return the median of *times*."""
    return statistics.median(times)


def check_command(
    command: Sequence[str], cwd: Path, expected: int = 0
) -> subprocess.CompletedProcess[str]:
    """Run *command* once, untimed, and return what it wrote; fail unless it exits *expected*.

    This is each command's warm-up run (the operating system's file cache, Python's
    bytecode cache) and the proof that it does what the benchmark says it does.

    Raises:
        RuntimeError: The command exited with another status.
    """
    done = subprocess.run(
        list(command), cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False
    )
    if done.returncode != expected:
        shown = " ".join(command)[:300]
        raise RuntimeError(
            f"{shown}\nexited {done.returncode}, not {expected}:\n"
            f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        )
    return done


def time_commands(
    commands: Mapping[str, Sequence[str]], cwd: Path, repeat: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Return each command's wall-clock and CPU times in seconds, *repeat* runs each.

    The runs are interleaved. CPU time (user and system, of the command and its
    children) is less disturbed than wall-clock time by other work on the machine.
    Output goes to ``/dev/null``: the command still writes it, but the benchmark
    does not pay to keep it.
    """
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            start = time.perf_counter()
            process = subprocess.Popen(
                list(command), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            _, _, usage = os.wait4(process.pid, 0)
            wall[name].append(time.perf_counter() - start)
            process.returncode = 0  # reaped by wait4 above
            cpu[name].append(usage.ru_utime + usage.ru_stime)
    return wall, cpu


def time_calls(calls: Mapping[str, Callable[[], object]], repeat: int) -> dict[str, list[float]]:
    """Return each call's times in seconds, after one warm-up call each, interleaved.

    The garbage collector is emptied before each call and stays on during it, as it
    would in a user's program.
    """
    for call in calls.values():
        call()
    times: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(repeat):
        for name, call in calls.items():
            gc.collect()
            start = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - start)
    return times
