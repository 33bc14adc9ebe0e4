"""The progress store, the only part of stretchkit that speaks SQL, on SQLite (a file, or
memory) or PostgreSQL (a studio's server).

`protocol` is the seam: `ProgressStore` and one protocol per repository, which services are
typed against; `values` holds what the store returns. `Store` (in `sql_store`) implements
them on either engine: `Store.open(path, ':memory:' or a PostgreSQL URL)` migrates the
database (`schema`, with the steps in `migrations/`) and scopes it to a trainer (`trainers`,
`scope`). The queries are built from the tables declared in `tables`; each repository has a
module of its own (`clients`, `screenings`, `routines`, `sessions`, ...). Backups (`backup`,
`server_backup`), copying a store to the other engine (`copying`) and trainers' server
logins (`server_logins`) live here too, and the append-only access log (`access_log`, its
values in `access_values`). `Store` is loaded on first use, so importing the
protocol or the values loads no database driver.
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
