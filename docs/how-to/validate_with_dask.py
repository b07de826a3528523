"""Validate every strategy under a folder as a Dask bag: one task per file.

Run it with orgstrategy's ``dask`` extra installed::

    pip install "orgstrategy[dask]"
    python validate_with_dask.py FOLDER [SCHEDULER]

*SCHEDULER* is one of Dask's local schedulers (``processes``, the default here,
``threads`` or ``synchronous``). With a ``dask.distributed.Client`` made first,
the same bag runs across its cluster instead. It prints every problem as a line
of JSON, with the fields of ``orgstrategy validate --format json`` (JSON escapes
the control characters a hostile document may hold, so nothing it says can steer
a terminal or forge a line), and exits 1 if any file is invalid.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import attrs
import dask.bag

import orgstrategy


def check(path: str) -> tuple[str, list[orgstrategy.Problem]]:
    """Return *path* with every problem in the document there (a task of the bag)."""
    return path, orgstrategy.validate(path)


def validate_all(
    paths: Sequence[str], scheduler: str | None = "processes"
) -> dict[str, list[orgstrategy.Problem]]:
    """Return the problems found in each of *paths*, by file, in the order given."""
    bag = dask.bag.from_sequence(paths, npartitions=max(1, min(len(paths), 64))).map(check)
    return dict(bag.compute(scheduler=scheduler))


def main(argv: Sequence[str]) -> int:
    """Validate the strategies under ``argv[0]``; return 1 if any is invalid."""
    folder, scheduler = Path(argv[0]), argv[1] if len(argv) > 1 else "processes"
    paths = sorted(
        str(path) for pattern in ("*.yaml", "*.yml", "*.json") for path in folder.rglob(pattern)
    )
    found = validate_all(paths, scheduler)
    for problems in found.values():
        for problem in problems:
            print(json.dumps(attrs.asdict(problem, filter=lambda field, _: field.name != "steps")))
    invalid = sum(
        any(problem.severity == "error" for problem in problems) for problems in found.values()
    )
    print(f"{len(paths)} files checked: {len(paths) - invalid} valid", file=sys.stderr)
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
