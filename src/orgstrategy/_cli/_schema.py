"""``orgstrategy schema``: print the JSON Schema of the document format."""

from __future__ import annotations

import argparse
import json
from typing import Any

from orgstrategy._api import schema
from orgstrategy._cli._output import EXIT_OK, write_output
from orgstrategy._schema import FORMAT_VERSION, SUPPORTED_VERSIONS

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Add the ``schema`` command to *commands*."""
    parser = commands.add_parser(
        "schema",
        help="print the JSON Schema of the document format",
        description="Print the JSON Schema (Draft 2020-12) of the document format, for "
        "editors and other tools: that of the latest version (which accepts documents of "
        "every version), or of the version given.",
    )
    parser.add_argument(
        "--format-version",
        metavar="VERSION",
        choices=SUPPORTED_VERSIONS,
        default=FORMAT_VERSION,
        help=f"the format version: {', '.join(SUPPORTED_VERSIONS)} (default: {FORMAT_VERSION})",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="the file to write (default: standard output)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print or write the schema; return the exit code."""
    text = json.dumps(schema(version=args.format_version), indent=2, ensure_ascii=False)
    write_output(text + "\n", args.output)
    return EXIT_OK
