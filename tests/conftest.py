"""Shared fixtures: the repository's folders, the shared corpus, writing documents."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("ORGSTRATEGY_SHARED", ROOT.parent / "shared"))

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "long", max_examples=2_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def example_files() -> list[Path]:
    """Return every example strategy document."""
    return sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture
def shared() -> Path:
    """Return the shared corpus folder, skipping the test where it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"the shared corpus is not at {SHARED}")
    return SHARED


MINIMAL = 'orgstrategy: "1.0"\norganisation:\n  name: Here\n'
