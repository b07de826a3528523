"""The command line's parser, and running the command it names.

Exit codes: 0 when all is well, 1 when a document is invalid, 2 for a usage
error or a file that cannot be read or written.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from typing import Any, Final

from orgstrategy import plugins
from orgstrategy._cli import (
    _align,
    _convert,
    _diff,
    _formats,
    _lint,
    _merge,
    _plugins,
    _rules,
    _schema,
    _site,
    _validate,
)
from orgstrategy._cli._output import EXIT_USAGE, exit_on_signals, guarded_stdout
from orgstrategy._cli._terminal import printable
from orgstrategy._cli._version import version
from orgstrategy._errors import Error

__all__ = ["build_parser", "main"]

_COMMANDS: Final = (
    _validate,
    _lint,
    _rules,
    _convert,
    _formats,
    _plugins,
    _schema,
    _diff,
    _align,
    _site,
)


class _VersionAction(argparse.Action):
    """``--version``: print the version and exit, looking it up only then."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_: Any) -> None:
        super().__init__(
            option_strings,
            dest,
            nargs=0,
            default=argparse.SUPPRESS,
            help="show program's version number and exit",
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        print(f"{parser.prog} {version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for the whole command line."""
    parser = argparse.ArgumentParser(
        prog="orgstrategy",
        description="Validate, convert and inspect public-sector strategy documents.",
        epilog="Exit codes: 0 ok, 1 invalid document, 2 usage or file error.",
    )
    parser.add_argument("-V", "--version", action=_VersionAction)
    parser.add_argument(
        "--debug", action="store_true", help="show a traceback for unexpected errors"
    )
    parser.add_argument(
        "--no-plugins",
        action="store_true",
        help=f"run with the core alone: no installed plugins (or set {plugins.DISABLE_VARIABLE}=1)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in _COMMANDS:
        command.add_parser(commands)
    _diff.add_git_diff_parser(commands)
    _merge.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    try:
        with exit_on_signals(), guarded_stdout():
            try:
                args = parser.parse_args(argv)
            except SystemExit as exit:  # --help, --version, or a usage error
                return int(exit.code or 0)
            except Error as error:  # --help or --version, and standard output is full
                print(f"orgstrategy: error: {error}", file=sys.stderr)
                return EXIT_USAGE
            with plugins.disabled() if args.no_plugins else contextlib.nullcontext():
                return _run(args)
    except SystemExit as exit:  # SIGTERM or SIGHUP, or standard output failing at the end
        return exit.code if isinstance(exit.code, int) else EXIT_USAGE
    except KeyboardInterrupt:  # pragma: no cover - SIGINT outside the command itself
        return 130


def _run(args: argparse.Namespace) -> int:
    if args.run is not _plugins.run:  # that command lists them itself
        for failure in plugins.failures():
            print(f"orgstrategy: warning: {printable(str(failure))}", file=sys.stderr)
    try:
        return int(args.run(args))
    except Error as error:
        print(f"orgstrategy: error: {printable(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130
    except Exception as error:  # pragma: no cover - a bug; --debug shows where
        if args.debug:
            raise
        print(
            f"orgstrategy: internal error: {type(error).__name__}: {error}"
            " (run with --debug and report it)",
            file=sys.stderr,
        )
        return EXIT_USAGE
