"""What StratML defines that both the reader and the writer use: namespaces and enumerations.

A module of constants; it imports nothing of orgstrategy's.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "INDICATOR_TYPES",
    "PART1",
    "PART2",
    "PLAN_TYPES",
    "RELATIONSHIP_TYPES",
    "ROLE_TYPES",
    "STAKEHOLDER_TYPES",
    "VALUE_CHAIN_STAGES",
]

#: The namespace of StratML Part 1 (``StrategicPlan``).
PART1: Final = "urn:ISO:std:iso:17469:tech:xsd:stratml_core"
#: The namespace of StratML Part 2 (``PerformancePlanOrReport``).
PART2: Final = "urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport"

#: The values of a Part 2 document's ``Type``.
PLAN_TYPES: Final = ("Strategic_Plan", "Performance_Plan", "Performance_Report")
#: The values of ``StakeholderTypeType``.
STAKEHOLDER_TYPES: Final = ("Person", "Organization", "Generic_Group")
#: The values of ``RoleType``.
ROLE_TYPES: Final = ("Performer", "Beneficiary")
#: The values of a relationship's ``RelationshipType``.
RELATIONSHIP_TYPES: Final = ("Broader_Than", "Peer_To", "Narrower_Than")
#: The values of a performance indicator's ``ValueChainStage``.
VALUE_CHAIN_STAGES: Final = ("Outcome", "Output_Processing", "Output", "Input_Processing", "Input")
#: The values of a performance indicator's ``PerformanceIndicatorType``.
INDICATOR_TYPES: Final = ("Quantitative", "Qualitative")
