"""Copying a whole store to another engine (a laptop's SQLite file into a studio's PostgreSQL
database, and back): every row with its id, in one transaction on the target, then read back
from both sides and compared row by row. A target that already holds data is refused."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

from sqlalchemy import Connection, Table, delete, func, insert, select, text

from stretchkit.errors import StoreError
from stretchkit.store.database import Database
from stretchkit.store.tables import (
    access_log,
    back_ratings,
    client_handovers,
    client_links,
    clients,
    health_changes,
    holds,
    measurements,
    routines,
    screenings,
    session_events,
    sessions,
    trainers,
)

__all__ = ["COPIED_TABLES", "CopyProgress", "CopySummary", "copy_store", "verify_copy"]

COPIED_TABLES: tuple[Table, ...] = (
    trainers,
    clients,
    screenings,
    health_changes,
    routines,
    sessions,
    holds,
    measurements,
    client_links,
    session_events,
    client_handovers,
    back_ratings,
    access_log,
)
"""Every table of a store, parents before the rows that refer to them (the access log's
entries, whose client is a number only, last)."""
_BATCH = 2_000

CopyProgress = Callable[[int, int], None]
"""Called with (rows copied so far, rows in all) as the copy goes."""


@dataclass(frozen=True)
class CopySummary:
    """What a copy moved: rows per table, and that every one was read back equal."""

    rows: dict[str, int]
    checked: int

    @property
    def total(self) -> int:
        """Rows copied in all."""
        return sum(self.rows.values())


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _holds_data(conn: Connection) -> str | None:
    """What a target already holds, in words, or None when it is empty (a new store's own
    trainer, with no clients, does not count)."""
    for table in COPIED_TABLES:
        n = _count(conn, table)
        if table is trainers:
            names = conn.execute(select(trainers.c.username)).scalars().all()
            if n > 1 or (n == 1 and names != ["local"]):
                return f"{n} trainer{'s' if n != 1 else ''}"
        elif n:
            return f"{n} row{'s' if n != 1 else ''} in {table.name}"
    return None


def _rows(conn: Connection, table: Table) -> Iterator[dict[str, object]]:
    result = conn.execute(select(table).order_by(table.c.id))
    for row in result:
        yield dict(row._mapping)


def _reset_ids(conn: Connection, table: Table) -> None:
    """On PostgreSQL, the table's id sequence moved past the copied ids."""
    conn.execute(
        text(
            "SELECT setval(pg_get_serial_sequence(:t, 'id'),"
            f" coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"
        ),
        {"t": table.name},
    )


def copy_store(
    source: Database, target: Database, progress: CopyProgress | None = None
) -> CopySummary:
    """Copy every row of `source` into the empty store `target` (both migrated to this
    release's schema), in one transaction on the target: all of it or none of it."""
    with source.read() as src, target.write() as dst:
        held = _holds_data(dst)
        if held is not None:
            raise StoreError(
                f"{target.shown} already holds data ({held}): nothing was copied. Copy into "
                "a new, empty store"
            )
        counts = {table.name: _count(src, table) for table in COPIED_TABLES}
        total, done = sum(counts.values()), 0
        if progress is not None:
            progress(0, total)
        dst.execute(delete(trainers))
        for table in COPIED_TABLES:
            rows = _rows(src, table)
            while batch := list(islice(rows, _BATCH)):
                dst.execute(insert(table), batch)
                done += len(batch)
                if progress is not None:
                    progress(done, total)
            if target.dialect == "postgresql":
                _reset_ids(dst, table)
    checked = verify_copy(source, target)
    return CopySummary(counts, checked)


def verify_copy(source: Database, target: Database) -> int:
    """Read both stores table by table in id order and compare every row; return how many
    were compared. A difference raises StoreError naming the table and the row."""
    compared = 0
    with source.read() as src, target.read() as dst:
        for table in COPIED_TABLES:
            theirs = _rows(dst, table)
            for mine in _rows(src, table):
                other = next(theirs, None)
                if other != mine:
                    raise StoreError(
                        f"the copy in {target.shown} differs from {source.shown} in "
                        f"{table.name}, row {mine.get('id')}: the copy cannot be trusted"
                    )
                compared += 1
            if next(theirs, None) is not None:
                raise StoreError(
                    f"the copy in {target.shown} has more rows in {table.name} than "
                    f"{source.shown}: the copy cannot be trusted"
                )
    return compared
