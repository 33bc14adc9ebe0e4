"""A pytest plugin (loaded by `-p tests.isolation`) that keeps test runs off the real store.

Notebooks run under nbval open the default progress store; pointing $STRETCHKIT_DB at a
throw-away file before any kernel starts keeps a developer's data untouched (and
$STRETCHKIT_SETTINGS their own workbook language out of the tests).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_FOLDER = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    """Point the default store at a fresh temporary file for this whole run."""
    folder = Path(tempfile.mkdtemp(prefix="stretchkit-tests-"))
    config.stash[_FOLDER] = folder
    os.environ["STRETCHKIT_DB"] = str(folder / "workbook.db")
    os.environ["STRETCHKIT_CACHE"] = str(folder / "cache")  # the dashboard's drawn pictures
    os.environ["STRETCHKIT_SETTINGS"] = str(folder / "settings.toml")  # the workbook's language


def pytest_unconfigure(config: pytest.Config) -> None:
    """Delete this run's store and pictures: each run left a folder in /tmp behind."""
    folder = config.stash.get(_FOLDER, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
