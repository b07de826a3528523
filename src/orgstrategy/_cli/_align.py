"""``orgstrategy align PATH...``: how documents read together line up.

Every document is read once, and each one an ``aligns_to`` entry names by
``file`` (followed from document to document) joins the set; the references
from one document into another are then checked against the set, and a
document with a broken one is read again to say where it is. The report says,
for each plan that others align to, what serves each of its elements and what
nothing serves (gaps); which aims serve nothing (unaligned); and the broken
references, as errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Final

import attrs

from orgstrategy import formats
from orgstrategy._alignment import AlignmentReport, Directory, Member, Place, align
from orgstrategy._alignment_pages import csv_report, html_report, markdown_report, served
from orgstrategy._cli._inputs import Input, add_input_arguments, find_inputs, looks_like_strategy
from orgstrategy._cli._output import EXIT_INVALID, EXIT_OK, EXIT_USAGE, write_output
from orgstrategy._cli._report import problem_data
from orgstrategy._cli._terminal import printable
from orgstrategy._errors import Error, Problem
from orgstrategy._limits import Limits
from orgstrategy._model import Strategy

__all__ = ["FORMATS", "Gathered", "add_parser", "add_set_arguments", "gather", "run"]

#: The report's formats.
FORMATS: Final = ("text", "markdown", "json", "csv", "html")
_LIMITS: Final = Limits()


def add_parser(commands: Any) -> None:
    """Add the ``align`` command to *commands*."""
    parser = commands.add_parser(
        "align",
        help="show how documents line up: what serves each plan, gaps, broken references",
        description="Read documents together and report, for each plan that others align "
        "to, which of their elements contribute to each of its elements, what nothing serves "
        "(gaps), the goals, priorities and enablers that serve nothing (unaligned), and every "
        "broken reference at its line. An aligns_to entry names a document by its file, or, "
        "among the documents given, by the url the document gives as its own. Exit 0, 1 when "
        "a reference is broken or a document invalid (or, with --fail-on gaps, a gap), 2 for "
        "a usage or I/O error.",
    )
    add_set_arguments(parser)
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="how to report (default: text)"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the report to FILE (atomically)"
    )
    parser.add_argument(
        "--fail-on",
        choices=("gaps",),
        action="append",
        default=[],
        help="also exit 1 when a plan has an element that nothing serves",
    )
    parser.set_defaults(run=run)


def add_set_arguments(parser: argparse.ArgumentParser) -> None:
    """Add what ``align`` and ``site`` share: the documents, how to read them, the summary."""
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files, folders (searched for .yaml, .yml and .json files), glob patterns, or -",
    )
    add_input_arguments(parser)
    parser.add_argument("--strict", action="store_true", help="treat every warning as an error")
    parser.add_argument("-q", "--quiet", action="store_true", help="print no summary line")


class _Read:
    """The documents of a run: each one's strategy (or why it has none) and problems."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.members: dict[str, Member] = {}
        self.problems: dict[str, list[Problem]] = {}
        self.data: dict[str, tuple[bytes, formats.Format]] = {}

    def add(self, document: Input) -> None:
        reader = document.reader()
        data = document.read(_LIMITS.max_bytes)
        self.data[document.name] = (data, reader)
        strategy, problems = reader.read(
            data, file=document.name, limits=_LIMITS, strict=self.strict
        )
        self.problems[document.name] = problems
        self.members[document.name] = Member(
            name=document.name, strategy=strategy if strategy is not None else "is not valid"
        )

    def follow(self) -> list[Member]:
        """Read every document a ``file`` names that is not in the set yet; return them."""
        others: dict[str, Member] = {}
        known = {os.path.normpath(name) for name in self.members}
        waiting = list(self.members.values())
        while waiting:
            member = waiting.pop()
            if not isinstance(member.strategy, Strategy):
                continue
            read = formats.beside(member.name, limits=_LIMITS)
            for alignment in member.strategy.aligns_to:
                if alignment.file is None:
                    continue
                name = os.path.normpath(os.path.join(os.path.dirname(member.name), alignment.file))
                if name in known:
                    continue
                known.add(name)
                found = read(alignment)
                other = Member(name=name, strategy=found if found is not None else "not found")
                others[name] = other
                waiting.append(other)
        return list(others.values())

    def locate(self, report: AlignmentReport, everyone: list[Member]) -> None:
        """Read again each document with a broken reference, to say where each one is."""
        directory = Directory(everyone)
        for name in dict.fromkeys(broken.document for broken in report.broken):
            data, reader = self.data[name]
            _, problems = reader.read(
                data,
                file=name,
                limits=_LIMITS,
                strict=self.strict,
                documents=directory.resolver(name),
            )
            self.problems[name] = problems


def _what(place: Place) -> str:
    return f"{place.kind.capitalize()} {printable(repr(place.name))} ({printable(place.reference)})"


def _text(report: AlignmentReport) -> str:
    lines = []
    for plan in report.plans:
        lines.append(f"{printable(plan.document)}: {printable(plan.title)}")
        followers = ", ".join(printable(name) for name in plan.aligned_by)
        lines.append(f"  aligned to by {followers}: {served(plan)}")
        for coverage in plan.coverage:
            if coverage.gap:
                lines.append(f"  {_what(coverage.target)}: gap, nothing contributes")
                continue
            lines.append(f"  {_what(coverage.target)}")
            lines += [
                f"    <- {printable(place.document)}: {_what(place)}"
                for place in coverage.contributions
            ]
    if report.unaligned:
        lines.append("unaligned: aims that serve nothing in the plans they align to")
        lines += [f"  {printable(place.document)}: {_what(place)}" for place in report.unaligned]
    if report.alone:
        lines.append("alone: aligned to no other document of these, and none aligns to them")
        lines += [f"  {printable(name)}" for name in report.alone]
    return "".join(f"{line}\n" for line in lines)


def _summary(report: AlignmentReport, problems: list[Problem]) -> dict[str, int]:
    return {
        "documents": len(report.documents),
        "plans": len(report.plans),
        "elements": len(report.coverage),
        "gaps": len(report.gaps),
        "unaligned": len(report.unaligned),
        "errors": sum(problem.severity == "error" for problem in problems),
        "warnings": sum(problem.severity == "warning" for problem in problems),
    }


def _summary_line(summary: dict[str, int]) -> str:
    documents, plans = summary["documents"], summary["plans"]
    served_count = summary["elements"] - summary["gaps"]
    return (
        f"{documents} document{'s' if documents != 1 else ''}, {plans} aligned to by others: "
        f"{served_count} of {summary['elements']} elements served, {summary['gaps']} gaps, "
        f"{summary['unaligned']} unaligned, {summary['errors']} errors"
    )


@attrs.frozen(kw_only=True)
class Gathered:
    """The documents of a run, read and aligned.

    Attributes:
        strategies: The valid documents given, by name.
        report: How they line up.
        problems: Every problem of every document given, located.
        inputs: The names of the files read (never to be written over).
    """

    strategies: dict[str, Strategy]
    report: AlignmentReport
    problems: list[Problem]
    inputs: list[str]


def gather(args: argparse.Namespace, purpose: str = "to align") -> Gathered | None:
    """Read the documents that *args* name, follow their files, and align them.

    Returns ``None`` (the reason printed) when an argument names nothing, a
    file cannot be read, or there is no document at all.
    """
    inputs, errors = find_inputs(
        args.paths,
        excludes=args.exclude,
        source_format=args.source_format,
        stdin_filename=args.stdin_filename,
    )
    read = _Read(args.strict)
    for document in inputs:
        try:
            if args.only_strategies and document.path is not None:
                head = document.read(_LIMITS.max_bytes)
                if not looks_like_strategy(head, document.reader().name):
                    continue
            read.add(document)
        except Error as error:
            errors.append(str(error))
    for message in errors:
        print(f"orgstrategy: error: {printable(message)}", file=sys.stderr)
    if errors or not read.members:
        if not errors:
            print(f"orgstrategy: error: no document {purpose}", file=sys.stderr)
        return None
    others = read.follow()
    strategies = {
        name: member.strategy
        for name, member in read.members.items()
        if isinstance(member.strategy, Strategy)
    }
    invalid = [member for name, member in read.members.items() if name not in strategies]
    report = align(strategies, members=[*invalid, *others])
    read.locate(report, [*read.members.values(), *others])
    problems = [problem for found in read.problems.values() for problem in found]
    return Gathered(strategies=strategies, report=report, problems=problems, inputs=list(read.data))


def run(args: argparse.Namespace) -> int:
    """Align the documents named in *args*; return the exit code."""
    gathered = gather(args)
    if gathered is None:
        return EXIT_USAGE
    report, problems = gathered.report, gathered.problems
    summary = _summary(report, problems)
    text = _report(args.format, report, problems, summary)
    write_output(text, args.output, inputs=gathered.inputs)
    if args.format not in ("text", "json"):  # the page has no place for them: not lost
        for problem in problems:
            print(printable(str(problem)), file=sys.stderr)
    if args.format == "text" and not args.quiet:
        print(_summary_line(summary), file=sys.stderr)
    failed = summary["errors"] > 0 or ("gaps" in args.fail_on and summary["gaps"] > 0)
    return EXIT_INVALID if failed else EXIT_OK


def _report(
    format: str, report: AlignmentReport, problems: list[Problem], summary: dict[str, int]
) -> str:
    if format == "json":
        data = {
            **report.to_data(),
            "problems": [problem_data(problem) for problem in problems],
            "summary": summary,
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if format == "markdown":
        return markdown_report(report)
    if format == "csv":
        return csv_report(report)
    if format == "html":
        return html_report(report)
    located = "".join(f"{printable(str(problem))}\n" for problem in problems)
    return located + _text(report)
