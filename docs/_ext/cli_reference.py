"""``.. cli-reference::``: every command and option, from the argument parser itself.

The page is built from :func:`orgstrategy._cli.build_parser` each time the
documentation is built: usage, description and options of every command.
"""

from __future__ import annotations

import argparse
import re
from typing import Any

from _rst import GeneratedDirective, cell
from sphinx.application import Sphinx

from orgstrategy import plugins
from orgstrategy._cli import build_parser


def _text(text: str) -> str:
    """Return help text as reST: `code` as literal, and ``file:line`` not taken for a URI."""
    text = text.replace("`", "``").replace("*", "\\*")
    return re.sub(r"\b(file|mailto|data|news):", r"\1\\:", text)


def _usage(parser: argparse.ArgumentParser) -> list[str]:
    formatter = argparse.HelpFormatter(parser.prog, width=88)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups)
    usage = formatter.format_help().strip().removeprefix("usage: ")
    first, *rest = usage.splitlines()
    indent = len("usage: ")
    lines = [first, *(line[indent:] if line[:indent].isspace() else line for line in rest)]
    return [".. code-block:: text", "", *("   " + line for line in lines), ""]


def _names(action: argparse.Action) -> str:
    if action.option_strings:
        metavar = ""
        if action.nargs != 0:
            if action.metavar is not None:
                metavar = " " + str(action.metavar)
            elif action.choices is not None:
                metavar = " {" + ",".join(map(str, action.choices)) + "}"
            else:
                metavar = " " + action.dest.upper()
        return ", ".join(f"``{option}{metavar}``" for option in action.option_strings)
    return f"``{action.metavar or action.dest}``"


def _help(action: argparse.Action, parser: argparse.ArgumentParser) -> str:
    text = (action.help or "") % {"default": action.default, "prog": parser.prog}
    text = _text(text)
    default = action.default
    shown = "default" in text
    if action.option_strings and not shown and default not in (None, False, [], argparse.SUPPRESS):
        text += f" (default: ``{default}``)"
    return text


def _options(parser: argparse.ArgumentParser) -> list[str]:
    actions = [
        action
        for action in parser._actions
        if not isinstance(action, argparse._SubParsersAction) and action.help != argparse.SUPPRESS
    ]
    lines = [".. list-table::", "   :header-rows: 1", "   :widths: 30 70", ""]
    lines += ["   * - argument", "     - what it does"]
    for action in actions:
        lines += [f"   * - {cell(_names(action))}", f"     - {cell(_help(action, parser))}"]
    return [*lines, ""]


def _command(name: str, parser: argparse.ArgumentParser) -> list[str]:
    title = f"orgstrategy {name}"
    lines = [f".. _cli-{name}:", "", title, "-" * len(title), ""]
    lines += _usage(parser)
    if parser.description:
        lines += [_text(parser.description), ""]
    lines += _options(parser)
    if parser.epilog:
        lines += [_text(parser.epilog), ""]
    return lines


class CliReference(GeneratedDirective):
    """Usage, description and options of ``orgstrategy`` and each of its commands."""

    def lines(self) -> list[str]:
        with plugins.disabled():
            parser = build_parser()
        lines = [".. _cli-orgstrategy:", "", "orgstrategy", "-----------", ""]
        lines += _usage(parser)
        lines += [parser.description or "", ""]
        lines += _options(parser)
        commands = next(
            action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
        )
        for name, subparser in commands.choices.items():
            lines += _command(name, subparser)
        return lines


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("cli-reference", CliReference)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
