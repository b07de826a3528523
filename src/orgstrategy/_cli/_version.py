"""The installed orgstrategy's version, for ``--version`` and SARIF's tool."""

from __future__ import annotations

__all__ = ["version"]


def version() -> str:
    """Return the version of the installed distribution, looked up only when asked."""
    from importlib import metadata  # only when asked: importing it costs

    try:
        return metadata.version("orgstrategy")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a plain copy
        return "unknown"
