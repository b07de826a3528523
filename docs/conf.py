"""Sphinx configuration for the orgstrategy documentation."""

project = "orgstrategy"
author = "orgstrategy developers"
extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.doctest", "myst_parser"]
html_theme = "furo"
exclude_patterns = ["_build"]
nitpicky = False
