"""orgstrategy: public-sector organisation strategies as typed, validated, diffable data.

>>> import orgstrategy
>>> strategy = orgstrategy.loads('''
... orgstrategy: "1.0"
... organisation:
...   name: Tees, Esk and Wear Valleys NHS Foundation Trust
... mission: We will support people to lead their best possible lives.
... values:
...   - name: Respect
...     behaviours: [Inclusive, Considerate, Open and honest]
... ''')
>>> strategy.mission.text
'We will support people to lead their best possible lives.'
>>> [b.name for b in strategy.values[0].behaviours]
['Inclusive', 'Considerate', 'Open and honest']
"""

# Importing orgstrategy is cheap: each public name is imported from its module
# the first time it is used (PEP 562), so that `orgstrategy --version` and tools
# that need one class do not build the whole model, the schema and the readers.
# The imports below are for type checkers; tests/test_model.py checks that they
# name what _PUBLIC does.

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing itself is not imported: it costs --version a third
if TYPE_CHECKING:
    from typing import Any

    from orgstrategy._alignment import (
        AlignmentReport,
        BrokenReference,
        Contribution,
        Coverage,
        Place,
        Plan,
        align,
    )
    from orgstrategy._api import (
        dump,
        dumps,
        format_of,
        from_data,
        load,
        loads,
        schema,
        to_data,
        validate,
    )
    from orgstrategy._diff import Change, Diff, diff
    from orgstrategy._errors import (
        SEVERITIES,
        Error,
        FileError,
        Problem,
        Severity,
        StrategyWarning,
        ValidationError,
    )
    from orgstrategy._limits import Limits
    from orgstrategy._links import Link, links, resolve
    from orgstrategy._merge import Merged, merge
    from orgstrategy._model import (
        DELIVERY_STATUSES,
        DIRECTIONS,
        SECTIONS,
        STATUSES,
        Action,
        Aim,
        Alignment,
        Behaviour,
        Commitment,
        Compact,
        DateOrYear,
        Delivered,
        DeliveryStatus,
        Direction,
        Element,
        Enabler,
        Goal,
        Linked,
        Mandate,
        Meaning,
        Measure,
        Objective,
        Organisation,
        Outcome,
        Partner,
        Period,
        Principle,
        Priority,
        Quantity,
        Result,
        Source,
        Stakeholder,
        Statement,
        Status,
        Strategy,
        Theme,
        Value,
        format_version,
    )
    from orgstrategy._schema import FORMAT_VERSION, SUPPORTED_VERSIONS

#: Each public name, by the module it is defined in.
_PUBLIC: dict[str, str] = {
    "Action": "orgstrategy._model",
    "Aim": "orgstrategy._model",
    "Alignment": "orgstrategy._model",
    "AlignmentReport": "orgstrategy._alignment",
    "Behaviour": "orgstrategy._model",
    "BrokenReference": "orgstrategy._alignment",
    "Change": "orgstrategy._diff",
    "Commitment": "orgstrategy._model",
    "Compact": "orgstrategy._model",
    "Contribution": "orgstrategy._alignment",
    "Coverage": "orgstrategy._alignment",
    "DELIVERY_STATUSES": "orgstrategy._model",
    "DIRECTIONS": "orgstrategy._model",
    "DateOrYear": "orgstrategy._model",
    "Delivered": "orgstrategy._model",
    "DeliveryStatus": "orgstrategy._model",
    "Diff": "orgstrategy._diff",
    "Merged": "orgstrategy._merge",
    "Direction": "orgstrategy._model",
    "Element": "orgstrategy._model",
    "Enabler": "orgstrategy._model",
    "Error": "orgstrategy._errors",
    "FORMAT_VERSION": "orgstrategy._schema",
    "FileError": "orgstrategy._errors",
    "Goal": "orgstrategy._model",
    "Limits": "orgstrategy._limits",
    "Link": "orgstrategy._links",
    "Linked": "orgstrategy._model",
    "Mandate": "orgstrategy._model",
    "Meaning": "orgstrategy._model",
    "Measure": "orgstrategy._model",
    "Objective": "orgstrategy._model",
    "Organisation": "orgstrategy._model",
    "Outcome": "orgstrategy._model",
    "Partner": "orgstrategy._model",
    "Period": "orgstrategy._model",
    "Place": "orgstrategy._alignment",
    "Plan": "orgstrategy._alignment",
    "Principle": "orgstrategy._model",
    "Priority": "orgstrategy._model",
    "Problem": "orgstrategy._errors",
    "Quantity": "orgstrategy._model",
    "Result": "orgstrategy._model",
    "SECTIONS": "orgstrategy._model",
    "SEVERITIES": "orgstrategy._errors",
    "STATUSES": "orgstrategy._model",
    "SUPPORTED_VERSIONS": "orgstrategy._schema",
    "Severity": "orgstrategy._errors",
    "Source": "orgstrategy._model",
    "Stakeholder": "orgstrategy._model",
    "Statement": "orgstrategy._model",
    "Status": "orgstrategy._model",
    "Strategy": "orgstrategy._model",
    "StrategyWarning": "orgstrategy._errors",
    "Theme": "orgstrategy._model",
    "ValidationError": "orgstrategy._errors",
    "Value": "orgstrategy._model",
    "align": "orgstrategy._alignment",
    "diff": "orgstrategy._diff",
    "merge": "orgstrategy._merge",
    "dump": "orgstrategy._api",
    "dumps": "orgstrategy._api",
    "format_of": "orgstrategy._api",
    "format_version": "orgstrategy._model",
    "from_data": "orgstrategy._api",
    "links": "orgstrategy._links",
    "load": "orgstrategy._api",
    "loads": "orgstrategy._api",
    "resolve": "orgstrategy._links",
    "schema": "orgstrategy._api",
    "to_data": "orgstrategy._api",
    "validate": "orgstrategy._api",
}
#: The public modules, loaded when first used as ``orgstrategy.formats`` and so on.
_MODULES = frozenset({"formats", "lint", "plugins"})


def __getattr__(name: str) -> Any:
    """Return the public *name*, importing it the first time it is asked for."""
    if name in _PUBLIC:
        value = getattr(importlib.import_module(_PUBLIC[name]), name)
    elif name in _MODULES:
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """Return the public names, loaded or not."""
    return sorted({*globals(), *_PUBLIC, *_MODULES})


__all__ = [
    "DELIVERY_STATUSES",
    "DIRECTIONS",
    "FORMAT_VERSION",
    "SECTIONS",
    "SEVERITIES",
    "STATUSES",
    "SUPPORTED_VERSIONS",
    "Action",
    "Aim",
    "Alignment",
    "AlignmentReport",
    "Behaviour",
    "BrokenReference",
    "Change",
    "Commitment",
    "Compact",
    "Contribution",
    "Coverage",
    "DateOrYear",
    "Delivered",
    "DeliveryStatus",
    "Diff",
    "Direction",
    "Element",
    "Enabler",
    "Error",
    "FileError",
    "Goal",
    "Limits",
    "Link",
    "Linked",
    "Mandate",
    "Meaning",
    "Measure",
    "Merged",
    "Objective",
    "Organisation",
    "Outcome",
    "Partner",
    "Period",
    "Place",
    "Plan",
    "Principle",
    "Priority",
    "Problem",
    "Quantity",
    "Result",
    "Severity",
    "Source",
    "Stakeholder",
    "Statement",
    "Status",
    "Strategy",
    "StrategyWarning",
    "Theme",
    "ValidationError",
    "Value",
    "align",
    "diff",
    "dump",
    "dumps",
    "format_of",
    "format_version",
    "from_data",
    "links",
    "load",
    "loads",
    "merge",
    "resolve",
    "schema",
    "to_data",
    "validate",
]
