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


_SHARED_CACHE = "STRETCHKIT_TESTS_PICTURES"
"""Set by the run's main process for its workers: the one pictures folder they all use."""


def pytest_configure(config: pytest.Config) -> None:
    """Point the default store at a fresh temporary file for this whole run (each worker
    process its own); the stretches' drawn pictures are kept in one folder for the whole
    run, so they are drawn once, not once per worker (drawing waits its turn on a lock)."""
    folder = Path(tempfile.mkdtemp(prefix="stretchkit-tests-"))
    config.stash[_FOLDER] = folder
    os.environ["STRETCHKIT_DB"] = str(folder / "workbook.db")
    pictures = os.environ.get(_SHARED_CACHE) or str(folder / "cache")
    os.environ[_SHARED_CACHE] = os.environ["STRETCHKIT_CACHE"] = pictures
    os.environ["STRETCHKIT_SETTINGS"] = str(folder / "settings.toml")  # the workbook's language


def pytest_unconfigure(config: pytest.Config) -> None:
    """Delete this run's store and pictures: each run left a folder in /tmp behind."""
    folder = config.stash.get(_FOLDER, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
