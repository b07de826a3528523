"""A strategy as plain data with every field written out: the form diffs are made in.

Unlike :func:`orgstrategy.to_data` (the canonical form of a document, which leaves
out ids that would be derived again and writes an element with nothing but a name
as that name), :func:`plain` writes every element as a mapping with its ``id`` and
every statement as a mapping, so that each thing has one shape to be found at.

It imports nothing of orgstrategy: the diff, its patches and the StratML writer
all build on it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["plain"]


def plain(value: Any) -> Any:
    """Return *value* as plain data with every field written out (ids included).

    Fields that are ``None``, empty tuples or empty mappings are left out; tuples
    become lists, mappings dicts and dates ``YYYY-MM-DD`` text.

    >>> from orgstrategy import Goal
    >>> plain(Goal(name="Better care"))
    {'name': 'Better care', 'id': 'better-care'}
    """
    if attrs.has(type(value)):
        result: dict[str, Any] = {}
        for field in attrs.fields(type(value)):
            item = getattr(value, field.name)
            if item is None or item == () or (isinstance(item, Mapping) and not item):
                continue
            result[field.name] = plain(item)
        return result
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
