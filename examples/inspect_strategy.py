"""Load one of the example strategies, look inside it, and write it out again.

Run it from the repository's root folder:

    python examples/inspect_strategy.py [examples/tees-esk-and-wear-valleys.yaml]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import orgstrategy


def main(path: str) -> None:
    """Print a summary of the strategy at *path*, then write it as canonical JSON."""
    strategy = orgstrategy.load(path)
    labels = strategy.labels
    print(f"{strategy.organisation.name}: {strategy.title or '(untitled)'}")
    for key in ("mission", "vision", "purpose", "ambition"):
        statement = getattr(strategy, key)
        if statement is not None:
            text = statement.text or "; ".join(statement.points)
            print(f"  {labels.get(key, key.capitalize())}: {text}")
    for goal in strategy.goals:
        print(f"  {labels.get('goals', 'Goals')} / {goal.id}: {goal.name}")
        for outcome in goal.outcomes:
            print(f"    - {outcome.name}")
    for value in strategy.values:
        behaviours = ", ".join(behaviour.name for behaviour in value.behaviours)
        print(f"  Value {value.name}: {behaviours}")

    # Objects are frozen: change one with attrs.evolve and get a new strategy.
    import attrs

    revised = attrs.evolve(strategy, version="draft revision", status="draft")
    assert revised != strategy

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder, "strategy.json")
        orgstrategy.dump(revised, out)  # written atomically, in canonical form
        assert orgstrategy.load(out) == revised
        print(f"  wrote {out.stat().st_size} bytes of JSON and read back the same strategy")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "examples/tees-esk-and-wear-valleys.yaml")
