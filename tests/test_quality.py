"""The code itself: ruff and mypy --strict are clean (run as part of the suite)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


class TestQuality:
    """Linters and type checker."""

    def test_ruff_check(self):
        result = tool("ruff", "check", "src", "tests", "examples")
        assert result.returncode == 0, result.stdout + result.stderr

    def test_ruff_format(self):
        result = tool("ruff", "format", "--check", "src", "tests", "examples")
        assert result.returncode == 0, result.stdout + result.stderr

    def test_mypy_strict(self):
        result = tool("mypy")
        assert result.returncode == 0, result.stdout + result.stderr
