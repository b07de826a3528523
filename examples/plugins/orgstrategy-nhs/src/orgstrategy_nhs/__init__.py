"""orgstrategy plugins for what NHS strategies carry: ODS code, CQC rating, RAG status.

Two plugins, each named in the ``orgstrategy.plugins`` entry point group of this
package's ``pyproject.toml``:

- :data:`NHS`: ``extensions.nhs`` on the organisation, structured into
  :class:`NHSOrganisation`; with the lint rule ``cqc-rating-old``.
- :data:`RAG`: ``extensions.rag`` on measures: ``red``, ``amber`` or ``green``;
  with the format ``rag-report``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from typing import Any, Literal

import attrs

from orgstrategy import Strategy, formats, lint, plugins

__all__ = ["NHS", "RAG", "CQCRating", "NHSOrganisation"]

#: The four ratings the Care Quality Commission gives.
Rating = Literal["Outstanding", "Good", "Requires improvement", "Inadequate"]


@attrs.frozen(kw_only=True)
class CQCRating:
    """The organisation's latest overall rating by the Care Quality Commission."""

    rating: Rating
    inspected: datetime.date | None = None


@attrs.frozen(kw_only=True)
class NHSOrganisation:
    """What the NHS knows an organisation by."""

    ods_code: str | None = None
    cqc: CQCRating | None = None


NHS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "NHS organisation",
    "type": "object",
    "properties": {
        "ods_code": {
            "description": "The organisation's code in the NHS Organisation Data Service.",
            "type": "string",
            "pattern": "^[A-Z0-9]{3,6}$",
        },
        "cqc": {
            "description": "The latest overall CQC rating.",
            "type": "object",
            "properties": {
                "rating": {"enum": ["Outstanding", "Good", "Requires improvement", "Inadequate"]},
                "inspected": {
                    "type": "string",
                    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                    "format": "date",
                },
            },
            "required": ["rating"],
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}

RAG_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "RAG status",
    "description": "Red, amber or green: how the measure is doing against its target.",
    "enum": ["red", "amber", "green"],
}


def _cqc_rating_old(strategy: Strategy, options: Mapping[str, Any]) -> Iterator[lint.Finding]:
    section = strategy.organisation.extensions.get("nhs")
    if not isinstance(section, NHSOrganisation) or section.cqc is None:
        return
    inspected = section.cqc.inspected
    today: datetime.date = options["today"]
    years = options["max-years"]
    if inspected is not None and (today - inspected).days > 365.25 * years:
        yield lint.Finding(
            path=("organisation", "extensions", "nhs", "cqc", "inspected"),
            message=f"the CQC inspection of {inspected.isoformat()} is more than {years} "
            "years old: check for a newer rating",
        )


CQC_RATING_OLD = lint.Rule(
    name="cqc-rating-old",
    severity="warning",
    summary="The CQC rating comes from an inspection more than three years old.",
    explanation="Readers take a published rating as current. When the inspection is "
    "years old, check the CQC's site for a newer rating and update it.",
    good='orgstrategy: "1.0"\norganisation:\n  name: Example Trust\n  extensions:\n'
    "    nhs: {cqc: {rating: Good, inspected: 2099-01-01}}\n",
    bad='orgstrategy: "1.0"\norganisation:\n  name: Example Trust\n  extensions:\n'
    "    nhs: {cqc: {rating: Good, inspected: 2015-01-01}}\n",
    check=_cqc_rating_old,
    options={"max-years": 3},
)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _rag_report(strategy: Strategy) -> str:
    lines = ["| Aim | Measure | Target | RAG |", "|---|---|---|---|"]
    for aim in (*strategy.goals, *strategy.priorities):
        measures = [*aim.measures, *(m for o in aim.objectives for m in o.measures)]
        for measure in measures:
            status = measure.extensions.get("rag", "")
            target = "" if measure.target is None else measure.target
            lines.append(
                f"| {_cell(aim.name)} | {_cell(measure.name)} | {_cell(target)} | {status} |"
            )
    return "\n".join(lines) + "\n"


RAG_REPORT = formats.Format(
    name="rag-report",
    description="each measure with its RAG status, as a Markdown table",
    writer=_rag_report,
    media_type="text/markdown",
)

#: ``extensions.nhs`` on the organisation.
NHS = plugins.Plugin(
    name="nhs",
    schema=NHS_SCHEMA,
    applies_to="organisation",
    model=NHSOrganisation,
    rules=(CQC_RATING_OLD,),
    description="ODS code and CQC rating of an NHS organisation",
)

#: ``extensions.rag`` on measures.
RAG = plugins.Plugin(
    name="rag",
    schema=RAG_SCHEMA,
    applies_to="measure",
    formats=(RAG_REPORT,),
    description="red, amber or green status of a measure",
)
