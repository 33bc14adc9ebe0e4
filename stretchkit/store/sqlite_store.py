"""The progress store on SQLite: one file (or memory), its connection and its repositories."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import TracebackType

from stretchkit.paths import default_db_path
from stretchkit.store.client_history import HistoryRepository
from stretchkit.store.clients import ClientRepository
from stretchkit.store.connection import connect
from stretchkit.store.links import LinkRepository
from stretchkit.store.measurements import MeasurementRepository
from stretchkit.store.overview import OverviewRepository
from stretchkit.store.protocol import ProgressStore
from stretchkit.store.routines import RoutineRepository
from stretchkit.store.schema import applied_versions, check_schema, migrate
from stretchkit.store.screenings import ScreeningRepository
from stretchkit.store.sessions import SessionRepository

__all__ = ["Store"]


class Store:
    """An open progress store on SQLite, migrated to the current schema: a ProgressStore
    (see stretchkit.store.protocol) whose `conn` is there for backups and the file's own tests."""

    def __init__(self, conn: sqlite3.Connection, location: str) -> None:
        self.conn = conn
        self.location = location
        self.clients = ClientRepository(conn)
        self.screenings = ScreeningRepository(conn)
        self.routines = RoutineRepository(conn)
        self.sessions = SessionRepository(conn)
        self.measurements = MeasurementRepository(conn)
        self.history = HistoryRepository(conn)
        self.overview = OverviewRepository(conn)
        self.links = LinkRepository(conn)

    @classmethod
    def open(cls, target: str | Path | None = None) -> Store:
        """Open (creating and migrating if needed) the store at a path, ':memory:', or the
        default location. A damaged or foreign file, one from a newer release, a read-only
        folder or a full disk raises StoreError saying what to do; the file is left as it was."""
        location = str(target) if target is not None else str(default_db_path())
        conn = connect(location, verify=lambda c: check_schema(c, location))
        try:
            migrate(conn, location)
        except BaseException:
            conn.close()
            raise
        return cls(conn, location)

    def schema_version(self) -> int:
        """The newest migration applied to this database."""
        versions = applied_versions(self.conn)
        return versions[-1] if versions else 0

    def close(self) -> None:
        """Close the connection (committed data is already on disk)."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


_CONFORMS: type[ProgressStore] = Store
"""mypy checks here that the SQLite store (and each of its repositories) is a ProgressStore."""
