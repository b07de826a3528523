"""``orgstrategy convert FILE --to FORMAT``: write a strategy in another format."""

from __future__ import annotations

import argparse
import sys
import warnings
from typing import Any

from orgstrategy import formats
from orgstrategy._cli._output import EXIT_INVALID, EXIT_OK, write_output
from orgstrategy._errors import Error, StrategyWarning
from orgstrategy._files import read_bytes
from orgstrategy._limits import Limits

__all__ = ["add_parser", "parse_option", "run"]

_LIMITS = Limits()
_TRUE = frozenset(("true", "yes", "on"))
_FALSE = frozenset(("false", "no", "off"))


def parse_option(text: str) -> tuple[str, str | bool]:
    """Return the name and value of a ``NAME=VALUE`` option; ``NAME`` alone means true.

    >>> parse_option("map=yes"), parse_option("lang=cy"), parse_option("map")
    (('map', True), ('lang', 'cy'), ('map', True))
    """
    name, equals, value = text.partition("=")
    if not equals or value.lower() in _TRUE:
        return name.strip(), True
    if value.lower() in _FALSE:
        return name.strip(), False
    return name.strip(), value


def add_parser(commands: Any) -> None:
    """Add the ``convert`` command to *commands*."""
    parser = commands.add_parser(
        "convert",
        help="write a strategy in another format",
        description="Read a strategy (YAML, JSON, StratML or a format a plugin adds) and "
        "write it in another format: yaml, json, markdown, html, mermaid, csv, stratml "
        "(`orgstrategy formats` lists them all). YAML and JSON are written in canonical "
        "form, so converting a file to its own format formats it. The output file is "
        "written atomically; the input is never changed.",
    )
    parser.add_argument("file", metavar="FILE", help="the document to read")
    parser.add_argument(
        "--to", metavar="FORMAT", help="the format to write (default: from OUT's extension)"
    )
    parser.add_argument(
        "--from",
        dest="source_format",
        metavar="FORMAT",
        help="the format to read (default: from FILE's extension)",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="the file to write (default: standard output)"
    )
    parser.add_argument(
        "-O",
        "--option",
        action="append",
        default=[],
        metavar="NAME[=VALUE]",
        help="an option of the output format, e.g. -O map for Markdown with a strategy map",
    )
    parser.add_argument("--strict", action="store_true", help="treat warnings on reading as errors")
    parser.set_defaults(run=run)


def _target(args: argparse.Namespace) -> formats.Format:
    if args.to is not None:
        return formats.get(args.to)
    if args.output is None or args.output == "-":
        raise Error("say which format to write with --to, e.g. --to html")
    return formats.for_path(args.output)


def run(args: argparse.Namespace) -> int:
    """Convert the file named in *args*; return the exit code."""
    target = _target(args)
    options = dict(parse_option(option) for option in args.option)
    source = (
        formats.get(args.source_format)
        if args.source_format
        else formats.for_path(args.file, reading=True)
    )
    strategy, problems = source.read(
        read_bytes(args.file, _LIMITS.max_bytes), file=args.file, strict=args.strict
    )
    for problem in problems:
        print(problem, file=sys.stderr)
    if strategy is None:
        return EXIT_INVALID
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", StrategyWarning)
        text = target.write(strategy, **options)
    for warning in caught:
        print(warning.message, file=sys.stderr)
    write_output(text, args.output)
    return EXIT_OK
