"""What ``validate`` and ``lint`` share: their arguments, reading each input, the summary.

Both take files, folders, patterns and ``-`` (standard input); both skip what is
not a strategy when asked to (``--only-strategies``); both write their report to
standard output or, atomically, to ``-o FILE``; and both end with one summary line
on standard error after a text or github report, unless ``--quiet``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import functools
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Final

import attrs

from orgstrategy import formats, plugins
from orgstrategy._cli._inputs import Input, add_input_arguments, find_inputs, looks_like_strategy
from orgstrategy._cli._output import write_output
from orgstrategy._cli._report import FORMATS, FileReport
from orgstrategy._cli._terminal import printable
from orgstrategy._errors import Error, Problem
from orgstrategy._limits import Limits

__all__ = [
    "Check",
    "Checked",
    "add_check_arguments",
    "check_all",
    "file_errors",
    "finish",
    "skipped_text",
    "usage_failed",
]

_LIMITS: Final = Limits()

#: Checks one document: its bytes, the name problems give it, and its format. With
#: ``--jobs`` it runs in other processes, so it must pickle (an attrs instance of a
#: module-level class, not a closure).
Check = Callable[[bytes, str, formats.Format], list[Problem]]


@attrs.frozen(kw_only=True)
class Checked:
    """What a run found: a report for each document, the errors, what was skipped.

    Attributes:
        reports: One for each document checked, in the order named.
        errors: Arguments that named nothing, folders that could not be read.
        skipped: How many files were left out as not strategies.
    """

    reports: tuple[FileReport, ...]
    errors: tuple[str, ...]
    skipped: int = 0


def add_check_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments ``validate`` and ``lint`` share to *parser*."""
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files, folders (searched for .yaml, .yml and .json files, leaving out hidden "
        "and git-ignored ones), glob patterns, or - for standard input",
    )
    add_input_arguments(parser)
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="how to report (default: text)"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the report to FILE (atomically) instead of standard output",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print only the problems: no summary line"
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="check N files at a time, each in a process of its own (0: one for each CPU"
        " core); the report is the same, in the same order (default: 1)",
    )


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of jobs (0 or more)")
    return jobs


def cores() -> int:
    """Return how many CPU cores this process may run on (what ``--jobs 0`` uses)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - platforms without affinity


def check_all(args: argparse.Namespace, check: Check) -> Checked:
    """Run *check* on every document that *args* name; collect what it finds.

    With ``--jobs`` above 1 the files are checked in that many processes, and the
    reports collected in the order the files were named.
    """
    inputs, errors = find_inputs(
        args.paths,
        excludes=args.exclude,
        source_format=args.source_format,
        stdin_filename=args.stdin_filename,
    )
    one = functools.partial(_check_one, check=check, only_strategies=args.only_strategies)
    jobs = min(args.jobs or cores(), len(inputs))
    # Standard input is read once, here; a file list with it in is checked here too.
    if jobs > 1 and all(document.path is not None for document in inputs):
        core_alone = getattr(args, "no_plugins", False)
        outcomes: Iterable[FileReport | None] = _in_processes(one, inputs, jobs, core_alone)
    else:
        outcomes = map(one, inputs)
    reports: list[FileReport] = []
    skipped = 0
    for report in outcomes:
        if report is None:
            skipped += 1
        else:
            reports.append(report)
    return Checked(reports=tuple(reports), errors=tuple(errors), skipped=skipped)


def _in_processes(
    one: Callable[[Input], FileReport | None], inputs: Sequence[Input], jobs: int, core_alone: bool
) -> Iterator[FileReport | None]:
    """Yield ``one(document)`` for each of *inputs*, in order, run in *jobs* processes.

    Each process starts as a copy of this one where the platform can (``fork``),
    so it has the same formats, rules and plugins; elsewhere it starts afresh
    and finds the same installed plugins, with ``--no-plugins`` (*core_alone*)
    passed on.

    Raises:
        Error: A process stopped before it finished (killed, or out of memory).
    """
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(1, len(inputs) // (jobs * 8))
    try:
        with concurrent.futures.ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_start, initargs=(core_alone,)
        ) as pool:
            yield from pool.map(one, inputs, chunksize=chunk)
    except concurrent.futures.process.BrokenProcessPool as error:
        raise Error(f"a process checking files stopped before it finished: {error}") from error


#: What a process of ``--jobs`` keeps in effect for as long as it runs.
_FOR_GOOD: Final = contextlib.ExitStack()


def _start(core_alone: bool) -> None:
    """Start a process of ``--jobs``: with no installed plugins if the run has none."""
    if core_alone:  # kept, not left to the garbage collector to undo
        _FOR_GOOD.enter_context(plugins.disabled())


def _check_one(document: Input, check: Check, *, only_strategies: bool) -> FileReport | None:
    try:
        reader = document.reader()
        data = document.read(_LIMITS.max_bytes)
        if only_strategies and not looks_like_strategy(data, reader.name):
            return None
        problems = check(data, document.name, reader)
    except Error as error:
        return FileReport(file=document.name, error=str(error))
    return FileReport(file=document.name, problems=tuple(problems))


def finish(args: argparse.Namespace, checked: Checked, report: str, summary: str) -> None:
    """Write *report* where *args* say, then the *summary* line.

    With the text report, files that could not be read and arguments that named
    nothing go to standard error first. The report is never written over one of
    the documents it is about. The summary goes to standard error after the text
    and github reports, unless ``--quiet``; the JSON and SARIF reports carry their
    own.
    """
    if args.format == "text":
        for message in file_errors(checked):
            print(f"orgstrategy: error: {printable(message)}", file=sys.stderr)
    write_output(report, args.output, inputs=[document.file for document in checked.reports])
    if not args.quiet and args.format in ("text", "github"):
        print(summary, file=sys.stderr)


def usage_failed(checked: Checked) -> bool:
    """Return whether the run failed as a usage or I/O error (exit code 2).

    It did when a file could not be read, an argument named nothing, or nothing
    at all was found to check.
    """
    if checked.errors or any(report.error is not None for report in checked.reports):
        return True
    return not checked.reports and not checked.skipped


def file_errors(checked: Checked) -> Sequence[str]:
    """Return every error of *checked*: arguments that named nothing, unreadable files."""
    return [*checked.errors, *(r.error for r in checked.reports if r.error is not None)]


def skipped_text(skipped: int) -> str:
    """Return the summary's note of the files skipped as not strategies, if any.

    >>> skipped_text(2), skipped_text(0)
    (', 2 skipped (not strategies)', '')
    """
    return f", {skipped} skipped (not strategies)" if skipped else ""
