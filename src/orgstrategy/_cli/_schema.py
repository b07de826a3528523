"""``orgstrategy schema``: print the JSON Schema of the document format."""

from __future__ import annotations

import argparse
import json
from typing import Any

from orgstrategy._api import schema
from orgstrategy._cli._output import EXIT_OK, write_output

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Add the ``schema`` command to *commands*."""
    parser = commands.add_parser(
        "schema",
        help="print the JSON Schema of the document format",
        description="Print the JSON Schema (Draft 2020-12) of format 1.0, for editors "
        "and other tools.",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="the file to write (default: standard output)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print or write the schema; return the exit code."""
    write_output(json.dumps(schema(), indent=2, ensure_ascii=False) + "\n", args.output)
    return EXIT_OK
