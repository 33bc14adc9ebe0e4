"""The progress store, the only part of stretchkit that speaks SQL.

`stretchkit.store.protocol` is the seam: `ProgressStore` and one protocol per repository,
which services and widgets are typed against; `stretchkit.store.values` holds what the store
returns. `Store` is the SQLite store that implements them (`Store.open(path)`), loaded on first
use, so importing the protocol or the values loads no database driver.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stretchkit.store.sql_store import Store

__all__ = ["MEMORY", "Store"]

MEMORY = ":memory:"
"""The location of a store kept in memory only (for tests and trials)."""


def __getattr__(name: str) -> object:
    """`Store`, imported from stretchkit.store.sql_store when first asked for."""
    if name == "Store":
        return importlib.import_module("stretchkit.store.sql_store").Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
