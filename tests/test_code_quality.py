"""The code is linted (ruff), formatted, and type-checked (mypy strict)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["ruff", "check", "."], id="ruff-check"),
        pytest.param(["ruff", "format", "--check", "."], id="ruff-format"),
        # type-checking the whole package takes a minute of CPU: the full run's, not the fast lane's
        pytest.param(["mypy", "--strict"], id="mypy-strict", marks=pytest.mark.slow),
    ],
)
def test_the_checker_passes(command: list[str]) -> None:
    """The checker exits 0 on the whole project."""
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
