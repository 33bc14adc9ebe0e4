"""Shared fixtures: stores, the catalog, and real servers for the browser tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.store import Store

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
