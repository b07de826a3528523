"""Build the site of ``examples/systems/`` into the HTML documentation, at ``systems-site/``.

The how-to on aligning a system links to it, so that the site a reader is told about
is the one the documentation's build made from the example documents, with the
command's own code (``orgstrategy site``), every time the documentation is built.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from orgstrategy._cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
_KEPT: list[tempfile.TemporaryDirectory[str]] = []  # until the build ends


def _build(app: Any) -> None:
    if app.builder.format != "html":
        return
    folder = tempfile.TemporaryDirectory(prefix="orgstrategy-docs-site-")
    _KEPT.append(folder)
    site = Path(folder.name) / "systems-site"
    code = main(["site", str(ROOT / "examples" / "systems"), "-o", str(site), "-q"])
    if code != 0:
        raise RuntimeError(f"orgstrategy site examples/systems/ exited {code}")
    app.config.html_extra_path.append(folder.name)


def setup(app: Any) -> dict[str, Any]:
    """Register the build of the site with Sphinx."""
    app.connect("builder-inited", _build)
    return {"parallel_read_safe": True}
