"""The progress store on SQL: an SQLite file (or memory) or a PostgreSQL database, its engine
and its repositories."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from types import TracebackType

from stretchkit.paths import default_db_location
from stretchkit.store.access_log import AccessLogRepository
from stretchkit.store.access_values import Actor
from stretchkit.store.back_ratings import BackRatingRepository
from stretchkit.store.chart_cache import ChartCacheRepository
from stretchkit.store.client_history import HistoryRepository
from stretchkit.store.clients import ClientRepository
from stretchkit.store.database import Database
from stretchkit.store.links import LinkRepository
from stretchkit.store.measurements import MeasurementRepository
from stretchkit.store.overview import OverviewRepository
from stretchkit.store.protocol import ProgressStore
from stretchkit.store.routines import RoutineRepository
from stretchkit.store.schema import check_schema, migrate, schema_version
from stretchkit.store.screenings import ScreeningRepository
from stretchkit.store.sessions import SessionRepository
from stretchkit.store.trainers import TrainerRepository, chosen_trainer, resolve_scope
from stretchkit.store.values import Trainer

__all__ = ["Store"]


class Store:
    """An open progress store, migrated to the current schema: a ProgressStore (see
    stretchkit.store.protocol) on SQLite or PostgreSQL. `db` is its database; on SQLite,
    `conn` is the file's own connection, there for backups and the file's own tests."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.location = db.shown
        self.clients = ClientRepository(db)
        self.screenings = ScreeningRepository(db)
        self.routines = RoutineRepository(db)
        self.sessions = SessionRepository(db)
        self.measurements = MeasurementRepository(db)
        self.back_ratings = BackRatingRepository(db)
        self.history = HistoryRepository(db)
        self.overview = OverviewRepository(db)
        self.links = LinkRepository(db)
        self.trainers = TrainerRepository(db)
        self.chart_cache = ChartCacheRepository(db)
        self.access_log = AccessLogRepository(db)

    @property
    def conn(self) -> sqlite3.Connection:
        """The SQLite connection of a store kept in a file or in memory."""
        if self.db.raw is None:
            raise AttributeError(f"{self.location} is not an SQLite store: it has no file")
        return self.db.raw

    @classmethod
    def open(cls, target: str | Path | None = None, trainer: str | None = None) -> Store:
        """Open (creating and migrating if needed) the store at a path, ':memory:', a
        PostgreSQL URL, or the default location, for a trainer: the one named where
        stretchkit runs (JupyterHub's user, `trainer`, $STRETCHKIT_TRAINER; see
        stretchkit.store.trainers), EVERYONE for the studio's own tools. A damaged or foreign
        file, one from a newer release, a read-only folder, a full disk, an unreachable server
        or an unknown trainer raises StoreError saying what to do; the store is left as it
        was."""
        location = str(target) if target is not None else default_db_location()
        db = Database.open(location, verify=lambda c: check_schema(c, location))
        try:
            migrate(db)
            db.scope = resolve_scope(db, chosen_trainer(trainer, os.environ))
        except BaseException:
            db.close()
            raise
        return cls(db)

    @property
    def trainer(self) -> Trainer | None:
        """The trainer using this store, or None for the studio's own tools (everyone)."""
        return self.db.scope.trainer

    def pin_client(self, client_id: int) -> None:
        """Limit a dashboard's store to the one client whose link key was checked: on
        PostgreSQL its login then sees that client's rows only (row-level security). The
        access log names the dashboard, through the link last opened (its number only)."""
        self.db.pinned_client = client_id
        self.access_log.acting_as(Actor.dashboard(self.db.opened_link))

    def unpin(self) -> None:
        """Forget the client and the link of the last pin_client: the store is as opened
        again, ready to check another key (a dashboard's server serves many pages with one
        store)."""
        self.db.pinned_client = None
        self.db.opened_link = None
        self.access_log.acting_as(None)

    def schema_version(self) -> int:
        """The newest migration applied to this database."""
        return schema_version(self.db)

    def close(self) -> None:
        """Close the connections (committed data is already on disk)."""
        self.db.close()

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
"""mypy checks here that the store (and each of its repositories) is a ProgressStore."""
