"""The ``orgstrategy`` command line.

Exit codes: 0 when all is well, 1 when a document is invalid, 2 for a usage
error or a file that cannot be read or written.

``orgstrategy --version`` is answered here, before the commands (and with them
the model, the schema and the readers) are imported: checking which version is
installed should not cost what validating does.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing itself is not imported: it costs --version a third
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for the whole command line."""
    from orgstrategy._cli import _main  # the commands: imported only when needed

    return _main.build_parser()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    arguments = sys.argv[1:] if argv is None else [str(argument) for argument in argv]
    if arguments in (["--version"], ["-V"]) and sys.stdout is not None:
        from orgstrategy._cli._version import version

        try:
            print(f"orgstrategy {version()}", flush=True)
        except OSError:  # standard output is full or closed: reported as any command's
            pass
        else:
            return 0
    from orgstrategy._cli import _main

    return _main.main(arguments)
