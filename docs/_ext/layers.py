"""``.. layers::``: the package's layers, drawn from the contract that enforces them.

The layers are declared once, in ``.importlinter`` (``lint-imports`` checks them
in CI); this draws them as an SVG picture, top layer first, and lists what each
module is for: the first line of its docstring, read from the source (nothing is
imported, so ``__main__`` does not run).
"""

from __future__ import annotations

import ast
import configparser
import html
from pathlib import Path
from typing import Any, Final

from _rst import GeneratedDirective, cell, literal
from sphinx.application import Sphinx

ROOT: Final = Path(__file__).resolve().parents[2]
PACKAGE: Final = ROOT / "src" / "orgstrategy"
_WIDTH: Final = 760
_ROW: Final = 30
_GAP: Final = 8


def layers() -> list[list[str]]:
    """Return the layers of the layers contract, top first, each a list of module names."""
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter", encoding="utf-8")
    contract = config["importlinter:contract:layers"]
    found = []
    for line in contract["layers"].splitlines():
        line = line.split(";")[0].strip()
        if line:
            found.append([name.strip() for name in line.replace(":", "|").split("|")])
    return found


def purpose(module: str) -> str:
    """Return the first line of *module*'s docstring, read from its source."""
    path = PACKAGE / module.replace(".", "/")
    source = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    docstring = ast.get_docstring(ast.parse(source.read_text(encoding="utf-8"))) or ""
    return docstring.split("\n", 1)[0]


def svg(stack: list[list[str]]) -> str:
    """Return the layers as an SVG picture: a row of boxes for each, top layer first."""
    height = len(stack) * (_ROW + _GAP)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {_WIDTH} {height}"'
        f' width="100%" style="max-width:{_WIDTH}px">',
        "<title>The layers of orgstrategy: each imports only from the layers below it</title>",
    ]
    for row, modules in enumerate(stack):
        y = row * (_ROW + _GAP)
        width = _WIDTH / len(modules)
        for column, module in enumerate(modules):
            x = column * width
            parts.append(
                f'<rect x="{x + 2:.1f}" y="{y}" width="{width - 4:.1f}" height="{_ROW}"'
                ' rx="4" fill="#eef3fb" stroke="#4a6fa5"/>'
            )
            parts.append(
                f'<text x="{x + width / 2:.1f}" y="{y + _ROW / 2 + 5}" text-anchor="middle"'
                ' font-family="monospace" font-size="13" fill="#1b2a41">'
                f"{html.escape(module)}</text>"
            )
    parts.append("</svg>")
    return "\n".join(parts)


def render() -> list[str]:
    """Return the reST: the picture, then a table of each module and what it is for."""
    stack = layers()
    lines = [".. raw:: html", ""]
    lines += ["   " + line for line in svg(stack).splitlines()]
    lines += ["", ".. list-table::", "   :header-rows: 1", "   :widths: 8 22 70", ""]
    lines += ["   * - layer", "     - module", "     - what to open it for"]
    for number, modules in enumerate(stack, start=1):
        for module in modules:
            lines += [f"   * - {number}", f"     - ``orgstrategy.{module}``"]
            lines.append(f"     - {cell(literal(purpose(module)))}")
    lines.append("")
    return lines


class Layers(GeneratedDirective):
    """The layers as a picture, and a table of what each module is for."""

    def lines(self) -> list[str]:
        return render()


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("layers", Layers)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
