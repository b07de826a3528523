"""Sphinx configuration for the orgstrategy documentation."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

project = "orgstrategy"
author = "orgstrategy developers"
copyright = "orgstrategy developers"
extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "myst_parser",
    "format_reference",
    "cli_reference",
    "lint_rules",
    "error_codes",
    "layers",
    "systems_site",
    "gallery",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
html_theme = "furo"
html_title = "orgstrategy"
nitpicky = False

# MyST: ```{doctest} blocks and the like; headings get anchors for links.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# autodoc: the public API as `__all__` lists it, in source order, with types.
autodoc_default_options = {"members": True, "member-order": "bysource"}
autodoc_typehints = "description"
autodoc_typehints_format = "short"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True

# Doctests: the pages' examples are ```{doctest} blocks, and all of them run. Bare `>>>`
# blocks come only from docstrings (the API page), which pytest's --doctest-modules runs
# with their module's globals; here they would lack them, so they are not run twice.
doctest_test_doctest_blocks = ""
doctest_global_setup = """
import orgstrategy
"""

# No network: check internal references and anchors only.
linkcheck_ignore = [r"https?://.*"]
linkcheck_anchors = True
