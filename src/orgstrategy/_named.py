"""What the things users register (formats, lint rules) share: kebab-case names, options."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

__all__ = ["KEBAB_CASE", "read_only"]

#: A name in kebab-case: ``my-format``, ``long-statement``.
KEBAB_CASE: Final = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")


def read_only(options: Mapping[str, Any]) -> Mapping[str, Any]:
    """Return a read-only copy of *options*.

    >>> read_only({"max-words": 30})["max-words"]
    30
    """
    return MappingProxyType(dict(options))
