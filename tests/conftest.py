"""Shared fixtures: the repository's folders, the shared corpus, writing documents."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("ORGSTRATEGY_SHARED", ROOT.parent / "shared"))
#: The real StratML documents and the official XSDs.
CORPUS = SHARED / "corpus" / "stratml"
PART2_XSD = CORPUS / "schemas" / "part2" / "PerformancePlanOrReport20160216.xsd"
#: The corpus's largest document (1.5 MB, about 9 s a test under coverage): its tests
#: are in the slow step (pytest -m slow), the others in the README's test command.
LARGEST_SAMPLE = "part2/Albania_HumanFreedomIndex_PerformancePlan.xml"


def samples(names: Iterable[str]) -> list[Any]:
    """Return *names* of corpus documents as parameters, the largest one marked slow."""
    return [
        pytest.param(name, marks=pytest.mark.slow) if name == LARGEST_SAMPLE else name
        for name in sorted(names)
    ]


# Hypothesis profiles. A profile's max_examples is what a property test without a count of
# its own runs (test_fuzz, test_ids, test_bounds); a test that sets a count writes it for
# 100 and scales it by the profile: `max_examples=N * settings.default.max_examples // 100`
# (test_properties' `examples(N)` does the same). So:
#
#   ci       40     The default: the README's test command and .ci/run. Each property runs
#                   40 % of its count, 6 to 80 examples, most of them 12 to 32, and the
#                   fuzzing tests 40 each: an example is a generated strategy (up to 4
#                   items a list) put through readers and writers, 0.1-0.5 s under
#                   coverage, and about 60 % of the suite's time at these counts went to
#                   them; the documents are not made smaller to buy more. The examples are
#                   random each run, not derandomized, so runs add up; a failure prints
#                   the blob that replays it, and the local database replays it too.
#   default  100    The counts as written (HYPOTHESIS_PROFILE=default).
#   long     2,000  20 times the counts; 2,000 examples a fuzzing test:
#                   pytest -m fuzz --hypothesis-profile=long --no-cov
#
# HYPOTHESIS_PROFILE or --hypothesis-profile picks one. None has a deadline: an example
# can take a second under coverage on a loaded machine.
_PROFILE = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("ci", max_examples=40, print_blob=True, **_PROFILE)
settings.register_profile("default", max_examples=100, **_PROFILE)
settings.register_profile("long", max_examples=2_000, **_PROFILE)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def example_files() -> list[Path]:
    """Return every example strategy document at the top of ``examples/``."""
    return sorted(EXAMPLES.glob("*.yaml"))


#: What ``orgstrategy validate examples/`` says of every document below it.
EXAMPLES_CHECKED = "{0} files checked: {0} valid\n".format(len(list(EXAMPLES.rglob("*.yaml"))))


@pytest.fixture
def shared() -> Path:
    """Return the shared corpus folder, skipping the test where it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"the shared corpus is not at {SHARED}")
    return SHARED


MINIMAL = 'orgstrategy: "1.0"\norganisation:\n  name: Here\n'


@pytest.fixture(scope="session")
def part2_schema():
    """Return the StratML Part 2 schema, skipping the test where it or xmlschema is absent."""
    xmlschema = pytest.importorskip("xmlschema")
    if not PART2_XSD.is_file():
        pytest.skip(f"the StratML schemas are not at {PART2_XSD.parent}")
    return xmlschema.XMLSchema(str(PART2_XSD))


#: A headless Chromium (Debian's, or another), for the browser tests; None if none.
BROWSER = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)


Git = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Git:
    """Return a runner of git in a new repository at *tmp_path*, free of the user's config."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *args], cwd=tmp_path, check=check, capture_output=True, text=True
        )

    run("init", "-q")
    run("config", "user.email", "t@example.org")
    run("config", "user.name", "T")
    return run
