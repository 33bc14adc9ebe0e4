"""A pytest plugin (loaded by `-p tests.isolation`) that keeps test runs off the real store.

Notebooks run under nbval open the default progress store; pointing $STRETCHKIT_DB at a
throw-away file before any kernel starts keeps a developer's data untouched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Point the default store at a fresh temporary file for this whole run."""
    folder = Path(tempfile.mkdtemp(prefix="stretchkit-tests-"))
    os.environ["STRETCHKIT_DB"] = str(folder / "workbook.db")
    os.environ["STRETCHKIT_CACHE"] = str(folder / "cache")  # the dashboard's drawn pictures
