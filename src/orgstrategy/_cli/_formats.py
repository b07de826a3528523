"""``orgstrategy formats``: list the formats that can be read and written."""

from __future__ import annotations

import argparse
import json
from typing import Any

from orgstrategy import formats
from orgstrategy._cli._output import EXIT_OK, write_output

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Add the ``formats`` command to *commands*."""
    parser = commands.add_parser(
        "formats",
        help="list the formats that strategies can be read from and written to",
        description="List every installed format: its name (for --to and --from), "
        "whether it reads and writes, its extensions, its options and the package that "
        "provides it.",
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="how to list (default: text)"
    )
    parser.set_defaults(run=run)


def _describe(format: formats.Format) -> dict[str, Any]:
    return {
        "name": format.name,
        "description": format.description,
        "read": format.can_read,
        "write": format.can_write,
        "extensions": list(format.extensions),
        "options": dict(format.options),
        "media_type": format.media_type,
        "package": format.package,
    }


def run(args: argparse.Namespace) -> int:
    """List the formats; return the exit code."""
    found = [_describe(format) for format in formats.available()]
    if args.format == "json":
        write_output(json.dumps(found, indent=2) + "\n", None)
        return EXIT_OK
    width = max(len(entry["name"]) for entry in found)
    lines = []
    for entry in found:
        modes = ("read" if entry["read"] else "    ") + (" write" if entry["write"] else "")
        extensions = " ".join(entry["extensions"])
        lines.append(
            f"{entry['name']:<{width}}  {modes:<10}  {entry['description']}"
            + (f" ({extensions})" if extensions else "")
            + (f" [{entry['package']}]" if entry["package"] != "orgstrategy" else "")
        )
        lines.extend(
            f"{'':<{width}}  {'':<10}  option {name}: {help}"
            for name, help in entry["options"].items()
        )
    write_output("\n".join(lines) + "\n", None)
    return EXIT_OK
