"""``orgstrategy rules [NAME]``: the lint rules, or one rule explained with examples."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from typing import Any

from orgstrategy import lint
from orgstrategy._cli._output import EXIT_OK

__all__ = ["add_parser", "describe", "run"]


def add_parser(commands: Any) -> None:
    """Add the ``rules`` command to *commands*."""
    parser = commands.add_parser(
        "rules",
        help="list the lint rules, or explain one with a good and a bad example",
        description="List the lint rules with their default severity and summary, or, "
        "given a rule's name, explain it with its options and a good and a bad example.",
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="the rule to explain")
    parser.set_defaults(run=run)


def _indent(text: str) -> str:
    return textwrap.indent(text, "    ")


def describe(rule: lint.Rule) -> str:
    """Return everything about *rule*: summary, explanation, options and examples."""
    lines = [f"{rule.name} ({rule.severity})", "", rule.summary, ""]
    lines.extend(textwrap.wrap(rule.explanation, width=88))
    if rule.options:
        lines += ["", f"Options, with their defaults ([tool.orgstrategy.lint.{rule.name}]):"]
        lines.extend(f"    {name} = {json.dumps(value)}" for name, value in rule.options.items())
    lines += ["", "Bad:", "", _indent(rule.bad).rstrip("\n"), "", "Good:", ""]
    lines.append(_indent(rule.good).rstrip("\n"))
    if rule.package != "orgstrategy":
        lines += ["", f"From the package {rule.package}."]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Print the rules, or the rule named in *args*; return the exit code."""
    if args.name is not None:
        sys.stdout.write(describe(lint.get(args.name)))
        return EXIT_OK
    found = lint.rules()
    width = max((len(rule.name) for rule in found), default=0)
    for rule in found:
        print(f"{rule.name:<{width}}  {rule.severity:<7}  {rule.summary}")
    return EXIT_OK
