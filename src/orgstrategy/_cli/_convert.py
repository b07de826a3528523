"""``orgstrategy convert FILE --to FORMAT``: write a document in another syntax."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from orgstrategy._cli._output import EXIT_INVALID, EXIT_OK, write_output
from orgstrategy._errors import ValidationError
from orgstrategy._load import dumps, format_of, load

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Add the ``convert`` command to *commands*."""
    parser = commands.add_parser(
        "convert",
        help="write a strategy in another format, in canonical form",
        description="Read a strategy document and write it in canonical form as YAML or "
        "JSON. Converting a file to its own format formats it. The output file is written "
        "atomically; the input is never changed.",
    )
    parser.add_argument("file", metavar="FILE", help="the document to read")
    parser.add_argument(
        "--to",
        choices=("yaml", "json"),
        help="the format to write (default: from the output file's extension)",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="the file to write (default: standard output)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Convert the file named in *args*; return the exit code."""
    target = args.to
    if target is None:
        if args.output is None or args.output == "-":
            print("orgstrategy: error: say --to yaml or --to json", file=sys.stderr)
            return 2
        target = format_of(args.output)
    try:
        strategy = load(args.file)
    except ValidationError as error:
        for problem in error.errors:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    write_output(dumps(strategy, target), args.output)
    return EXIT_OK
