"""The installed orgstrategy's version, for ``--version`` and SARIF's tool."""

from __future__ import annotations

import importlib

__all__ = ["version"]


def version() -> str:
    """Return the version of the installed distribution, looked up only when asked.

    Installing writes it into the package (``_installed_version``, by hatch-vcs);
    a copy that was not installed asks the distribution's metadata.
    """
    try:
        found: str = importlib.import_module("orgstrategy._cli._installed_version").version
    except ImportError:
        from importlib import metadata  # only when asked: importing it costs

        try:
            return metadata.version("orgstrategy")
        except metadata.PackageNotFoundError:  # pragma: no cover - running from a plain copy
            return "unknown"
    return found
