"""``orgstrategy convert FILE --to FORMAT``: write a strategy in another format."""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from typing import Any

from orgstrategy import formats
from orgstrategy._cli._inputs import add_input_arguments, single_input
from orgstrategy._cli._output import EXIT_INVALID, EXIT_OK, EXIT_USAGE, write_output
from orgstrategy._cli._terminal import printable
from orgstrategy._errors import Error, StrategyWarning, ValidationError
from orgstrategy._limits import Limits

__all__ = ["add_parser", "parse_option", "run"]

_LIMITS = Limits()
_TRUE = frozenset(("true", "yes", "on", "1"))
_FALSE = frozenset(("false", "no", "off", "0"))


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
        "written atomically; the input is never changed (an OUT that is FILE is refused).",
    )
    parser.add_argument("file", metavar="FILE", help="the document to read (- for standard input)")
    parser.add_argument(
        "--to", metavar="FORMAT", help="the format to write (default: from OUT's extension)"
    )
    add_input_arguments(parser, folders=False)
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
    document = single_input(args.file, args.source_format, args.stdin_filename)
    source = document.reader()
    strategy, problems = source.read(
        document.read(_LIMITS.max_bytes), file=document.name, strict=args.strict
    )
    for problem in problems:
        print(printable(str(problem)), file=sys.stderr)
    if strategy is None:
        return EXIT_INVALID
    if "source" in target.options and "source" not in options and document.path is not None:
        options["source"] = os.path.basename(document.name)  # "Page generated from ..."
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", StrategyWarning)
        if target.binary and args.output in (None, "-") and sys.stdout.isatty():
            raise Error(f"{target.name} is not text: write it to a file with -o FILE")
        written = target.write_bytes if target.binary else target.write
        try:
            text: str | bytes = written(strategy, **options)
        except ValidationError as error:  # a file an option names, such as a theme
            for problem in error.errors:
                print(printable(str(problem)), file=sys.stderr)
            return EXIT_USAGE
    for warning in caught:
        print(printable(str(warning.message)), file=sys.stderr)
    inputs = () if document.path is None else (document.path,)
    write_output(text, args.output, inputs=inputs)
    return EXIT_OK
