"""Each client's charts as last drawn: the PNG and its text alternative under the key of what
it shows, and the count of changes to what the charts draw (bumped by the store's triggers
on every session, hold, routine, field test and back rating, which also drop the client's
kept charts)."""

from __future__ import annotations

from sqlalchemy import Connection, Insert, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from stretchkit.store.database import Database
from stretchkit.store.rows import utc_now
from stretchkit.store.scope import scope_of
from stretchkit.store.tables import chart_cache, chart_states, clients
from stretchkit.store.values import KeptChart

__all__ = ["ChartCacheRepository", "KeptChart"]


def _in_view(conn: Connection, client_id: int) -> bool:
    """Whether the client exists and is in the store's scope."""
    query = select(clients.c.id).where(clients.c.id == client_id)
    visible = scope_of(conn).clients_filter()
    if visible is not None:
        query = query.where(visible)
    return conn.execute(query).first() is not None


def _upsert(dialect: str, values: dict[str, object]) -> Insert:
    """Insert a kept chart, or replace the one kept under the same client and name."""
    made = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(chart_cache)
    statement = made.values(values)
    return statement.on_conflict_do_update(
        index_elements=[chart_cache.c.client_id, chart_cache.c.name],
        set_={k: statement.excluded[k] for k in ("key", "png", "alt", "drawn")},
    )


class ChartCacheRepository:
    """The chart_cache and chart_states tables."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def changes(self, client_id: int) -> int:
        """How many times what the client's charts draw has changed (one cheap query)."""
        query = select(chart_states.c.changes).where(chart_states.c.client_id == client_id)
        with self._db.read() as conn:
            found = conn.execute(query).scalar()
        return int(found or 0)

    def get(self, client_id: int, name: str, key: str) -> KeptChart | None:
        """The chart kept as `name` when it was drawn under this `key`, else None."""
        query = select(chart_cache.c.png, chart_cache.c.alt).where(
            chart_cache.c.client_id == client_id,
            chart_cache.c.name == name,
            chart_cache.c.key == key,
        )
        with self._db.read() as conn:
            row = conn.execute(query).first()
            if row is None or not _in_view(conn, client_id):
                return None
        return KeptChart(bytes(row[0]), row[1])

    def put(self, client_id: int, name: str, key: str, chart: KeptChart) -> None:
        """Keep a chart as `name` under `key` (replacing the one kept before); nothing is
        kept for a client deleted meanwhile or out of view."""
        values = {
            "client_id": client_id,
            "name": name,
            "key": key,
            "png": chart.png,
            "alt": chart.alt,
            "drawn": utc_now().isoformat(),
        }
        with self._db.write() as conn:
            if _in_view(conn, client_id):
                conn.execute(_upsert(self._db.dialect, values))

    def clear(self, client_id: int) -> int:
        """Drop every chart kept for the client; return how many."""
        with self._db.write() as conn:
            if not _in_view(conn, client_id):
                return 0
            result = conn.execute(delete(chart_cache).where(chart_cache.c.client_id == client_id))
        return int(result.rowcount)

    def kept(self, client_id: int) -> tuple[str, ...]:
        """The names of the charts kept for the client."""
        query = (
            select(chart_cache.c.name)
            .where(chart_cache.c.client_id == client_id)
            .order_by(chart_cache.c.name)
        )
        with self._db.read() as conn:
            if not _in_view(conn, client_id):
                return ()
            return tuple(conn.execute(query).scalars())
