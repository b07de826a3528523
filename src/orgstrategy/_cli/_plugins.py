"""``orgstrategy plugins``: list the installed plugins and what each adds."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from orgstrategy import plugins
from orgstrategy._cli._output import EXIT_OK, EXIT_USAGE, write_output

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Add the ``plugins`` command to *commands*."""
    parser = commands.add_parser(
        "plugins",
        help="list the installed plugins and what each adds",
        description="List every plugin in effect (entry point group "
        f"{plugins.ENTRY_POINT_GROUP!r}): its name, package, version, and the namespace, "
        "formats and lint rules it adds; then any plugin that was skipped, and why. "
        "Exit 2 when a plugin was skipped.",
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="how to list (default: text)"
    )
    parser.set_defaults(run=run)


def _describe(plugin: plugins.Plugin) -> dict[str, Any]:
    return {
        "name": plugin.name,
        "package": plugin.package,
        "version": plugin.version,
        "description": plugin.description,
        "applies_to": list(plugin.applies_to),
        "model": None if plugin.model is None else plugin.model.__qualname__,
        "formats": [format.name for format in plugin.formats],
        "rules": [rule.name for rule in plugin.rules],
    }


def _text(entry: dict[str, Any]) -> str:
    version = f" {entry['version']}" if entry["version"] else ""
    places = ", ".join(entry["applies_to"])
    lines = [f"{entry['name']}  ({entry['package']}{version})"]
    if entry["description"]:
        lines.append(f"    {entry['description']}")
    lines.append(f"    adds extensions.{entry['name']} on: {places}")
    if entry["formats"]:
        lines.append(f"    formats: {', '.join(entry['formats'])}")
    if entry["rules"]:
        lines.append(f"    lint rules: {', '.join(entry['rules'])}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """List the plugins; return the exit code."""
    found = [_describe(plugin) for plugin in plugins.available()]
    failed = plugins.failures()
    if args.format == "json":
        skipped = [
            {"package": f.package, "entry_point": f.entry_point, "message": f.message}
            for f in failed
        ]
        write_output(json.dumps({"plugins": found, "skipped": skipped}, indent=2) + "\n", None)
    else:
        text = "\n".join(_text(entry) for entry in found) if found else "no plugins installed"
        write_output(text + "\n", None)
        for failure in failed:
            print(f"orgstrategy: error: {failure}", file=sys.stderr)
    return EXIT_USAGE if failed else EXIT_OK
