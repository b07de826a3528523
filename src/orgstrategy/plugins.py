"""Plugins: packages that extend the document format, the formats and the lint rules.

A plugin is a :class:`Plugin` that a package names in the ``orgstrategy.plugins``
entry point group. Its data lives under ``extensions.<name>`` at the places it
applies to; its JSON Schema is checked when it loads and composed into the
document schema, so errors in its section are located like any other.

>>> from orgstrategy import loads, plugins
>>> rating = plugins.Plugin(
...     name="rating",
...     applies_to="organisation",
...     schema={"type": "object", "properties": {"stars": {"enum": [1, 2, 3]}}},
... )
>>> with plugins.registered(rating):
...     strategy = loads('''
... orgstrategy: "1.0"
... organisation:
...   name: Here
...   extensions: {rating: {stars: 3}}
... ''')
>>> strategy.organisation.extensions["rating"]["stars"]
3

Discovery is lazy: entry points are read the first time something needs the
plugins (:func:`available`), once per process. Set the environment variable
``ORGSTRATEGY_NO_PLUGINS=1`` (or pass ``--no-plugins`` on the command line) to
run with the core alone.
"""

from __future__ import annotations

from orgstrategy._plugin import BUILT_IN, PLACES, Plugin, PluginFailure, Plugins
from orgstrategy._registry import (
    DISABLE_VARIABLE,
    ENTRY_POINT_GROUP,
    available,
    disabled,
    failures,
    load_plugins,
    registered,
)

__all__ = [
    "BUILT_IN",
    "DISABLE_VARIABLE",
    "ENTRY_POINT_GROUP",
    "PLACES",
    "Plugin",
    "PluginFailure",
    "Plugins",
    "available",
    "disabled",
    "failures",
    "load_plugins",
    "registered",
]
