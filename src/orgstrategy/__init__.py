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
from orgstrategy._model import (
    SECTIONS,
    STATUSES,
    Aim,
    Behaviour,
    Commitment,
    Compact,
    DateOrYear,
    Element,
    Goal,
    Meaning,
    Measure,
    Objective,
    Organisation,
    Outcome,
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
)
from orgstrategy._schema import FORMAT_VERSION, SUPPORTED_VERSIONS

__all__ = [
    "FORMAT_VERSION",
    "SECTIONS",
    "SEVERITIES",
    "STATUSES",
    "SUPPORTED_VERSIONS",
    "Aim",
    "Behaviour",
    "Change",
    "Commitment",
    "Compact",
    "DateOrYear",
    "Diff",
    "Element",
    "Error",
    "FileError",
    "Goal",
    "Limits",
    "Meaning",
    "Measure",
    "Objective",
    "Organisation",
    "Outcome",
    "Period",
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
    "diff",
    "dump",
    "dumps",
    "format_of",
    "from_data",
    "load",
    "loads",
    "schema",
    "to_data",
    "validate",
]
