"""Documented usage of the public API, type-checked by mypy --strict (not run)."""

from __future__ import annotations

import datetime

import attrs

import orgstrategy
from orgstrategy import Goal, Measure, Organisation, Problem, Strategy


def documented_usage(path: str) -> list[str]:
    """Use the API as the README and docs do; mypy checks every type here."""
    strategy: Strategy = orgstrategy.load(path)
    names: list[str] = [goal.name for goal in strategy.goals]
    if strategy.mission is not None and strategy.mission.text is not None:
        names.append(strategy.mission.text)
    problems: list[Problem] = orgstrategy.validate(path)
    lines: list[int] = [problem.line for problem in problems]
    text: str = orgstrategy.dumps(strategy, format="json")
    again: Strategy = orgstrategy.loads(text, "json", limits=orgstrategy.Limits(max_depth=32))
    data: dict[str, object] = orgstrategy.to_data(again)
    goal = Goal(
        name="Access", measures=(Measure(name="Waits", target=95, due=datetime.date(2026, 3, 31)),)
    )
    revised = attrs.evolve(strategy, goals=(*strategy.goals, goal))
    built = Strategy(organisation=Organisation(name="Here"), status="draft")
    orgstrategy.dump(revised, "out.yaml")
    try:
        orgstrategy.loads("")
    except orgstrategy.ValidationError as error:
        lines.extend(problem.line for problem in error.errors)
    return [*names, str(len(data)), built.organisation.name, str(lines)]
