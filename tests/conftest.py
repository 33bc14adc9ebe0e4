"""Shared fixtures: stores, the catalog, and real servers for the browser tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.store import Store
from tests.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def catalog() -> Catalog:
    """The packaged stretch catalog."""
    return default_catalog()


@pytest.fixture
def memory_store() -> Iterator[Store]:
    """A fresh, migrated in-memory store."""
    with Store.open(":memory:") as store:
        yield store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a store file that does not exist yet, in a folder of its own."""
    return tmp_path / "studio" / "stretchkit.db"


ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The system Chromium driven by Playwright (installed by tests/setup_browser.py)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def artifacts() -> Path:
    """Where browser tests save their screenshots (ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
