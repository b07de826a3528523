"""``orgstrategy site PATH... -o DIR``: a static site of many strategies.

The documents are read and aligned as ``orgstrategy align`` reads them; if any
is invalid or has a broken reference, the problems are reported and no site is
built. Otherwise the site is written into a new folder beside ``DIR`` and put in
its place whole (see :func:`orgstrategy._site.write_site`).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from orgstrategy._cli._align import add_set_arguments, gather
from orgstrategy._cli._output import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from orgstrategy._cli._terminal import printable
from orgstrategy._errors import FileError
from orgstrategy._site import pages, write_site

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Add the ``site`` command to *commands*."""
    parser = commands.add_parser(
        "site",
        help="build a static site of many strategies: index, pages, alignment, search",
        description="Build a static site of the strategies in PATH... in the folder DIR: an "
        "index of organisations with filters, each strategy's page (in each language its "
        "translations have) linked to what it aligns to and what serves it, a matrix for "
        "each plan that others align to, and a search. The site is built whole in a new "
        "folder and then put in place of DIR. No site is built when a document is invalid "
        "or a reference broken. Exit 0, 1 for invalid documents, 2 for a usage or I/O error.",
    )
    add_set_arguments(parser)
    parser.add_argument(
        "-o", "--output", metavar="DIR", required=True, help="the folder to build the site as"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build the site of the documents named in *args*; return the exit code."""
    gathered = gather(args, "to build a site of")
    if gathered is None:
        return EXIT_USAGE
    for problem in gathered.problems:
        print(printable(str(problem)), file=sys.stderr)
    if any(problem.severity == "error" for problem in gathered.problems):
        print("orgstrategy: error: no site built: the documents have errors", file=sys.stderr)
        return EXIT_INVALID
    files = pages(gathered.strategies, gathered.report)
    try:
        write_site(args.output, files)
    except OSError as error:
        raise FileError(f"cannot build the site in {args.output}: {error}") from error
    if not args.quiet:
        count = len(gathered.strategies)
        print(
            f"site of {count} strateg{'y' if count == 1 else 'ies'} built in {args.output}:"
            f" {len(files)} files",
            file=sys.stderr,
        )
    return EXIT_OK
