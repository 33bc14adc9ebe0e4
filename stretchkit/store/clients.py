"""Client rows: add, read, update and delete (deleting cascades to everything about them and
leaves no trace of them in the database file)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, delete, func, insert, select, update

from stretchkit.clients import Client, ClientDetails
from stretchkit.errors import StoreError, ValidationError
from stretchkit.store.database import Database
from stretchkit.store.rows import inserted_id
from stretchkit.store.scope import scope_of
from stretchkit.store.tables import clients, nocase

__all__ = ["ClientRepository"]


@contextmanager
def _secure_delete(db: Database) -> Iterator[None]:
    """On SQLite, deleted content zeroed on its page while inside (some builds leave it in
    place by default), then the connection's own setting again. PostgreSQL's own VACUUM
    reclaims the space of deleted rows."""
    if db.raw is None:
        yield
        return
    before = int(db.raw.execute("PRAGMA secure_delete").fetchone()[0])
    db.raw.execute("PRAGMA secure_delete = ON")
    try:
        yield
    finally:
        db.raw.execute(f"PRAGMA secure_delete = {before}")


def _empty_wal(db: Database) -> None:
    """On SQLite, copy the write-ahead log into the database file and truncate it, so the
    log's older copies of the deleted pages go too; skipped at once (never waited for) while
    another connection reads, and done anyway when the last connection closes."""
    if db.raw is None:
        return
    wait_ms = int(db.raw.execute("PRAGMA busy_timeout").fetchone()[0])
    db.raw.execute("PRAGMA busy_timeout = 0")
    try:
        db.raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        db.raw.execute(f"PRAGMA busy_timeout = {wait_ms}")


def _row_to_client(row: Row[tuple[object, ...]]) -> Client:
    m = row._mapping
    details = ClientDetails(m["name"], m["contact"], m["notes"])
    return Client(m["id"], details, datetime.fromisoformat(m["created"]))


def _visible(query: Select[Any], conn: Connection) -> Select[Any]:
    """Only the clients the store's scope shows (a trainer's own; an admin's: all)."""
    condition = scope_of(conn).clients_filter()
    return query if condition is None else query.where(condition)


def _one(conn: Connection, client_id: int) -> Client:
    row = conn.execute(_visible(select(clients).where(clients.c.id == client_id), conn)).first()
    if row is None:
        raise ValidationError("client", client_id, "no client with this id")
    return _row_to_client(row)


class ClientRepository:
    """The clients table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, details: ClientDetails, created: datetime | None = None) -> Client:
        """Store a new client and return it with its id."""
        when = (created or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
        trainer = self._db.scope.trainer
        if trainer is None:
            raise StoreError(
                f"{self._db.shown}: a new client needs a trainer: say which trainer the client "
                "belongs to with --trainer NAME"
            )
        with self._db.write() as conn:
            result = conn.execute(
                insert(clients).values(
                    name=details.name,
                    contact=details.contact,
                    notes=details.notes,
                    created=when.isoformat(),
                    trainer_id=trainer.id,
                )
            )
        return Client(inserted_id(result), details, when)

    def get(self, client_id: int) -> Client:
        """The client with this id; an unknown id raises an error naming it."""
        with self._db.read() as conn:
            return _one(conn, client_id)

    def all(self) -> list[Client]:
        """Every client, by name."""
        query = select(clients).order_by(nocase(clients.c.name), clients.c.id)
        with self._db.read() as conn:
            return [_row_to_client(r) for r in conn.execute(_visible(query, conn))]

    def update(self, client_id: int, details: ClientDetails) -> Client:
        """Replace a client's details, keeping id and creation time."""
        with self._db.write() as conn:
            _one(conn, client_id)
            changed = conn.execute(
                update(clients)
                .where(clients.c.id == client_id)
                .values(name=details.name, contact=details.contact, notes=details.notes)
            ).rowcount
            if not changed:
                raise ValidationError("client", client_id, "no client with this id")
            return _one(conn, client_id)

    def delete(self, client_id: int) -> None:
        """Delete a client and, through the foreign keys, every row about them; the freed
        space is overwritten with zeros, so their details cannot be read from the file."""
        with _secure_delete(self._db), self._db.write() as conn:
            _one(conn, client_id)
            deleted = conn.execute(delete(clients).where(clients.c.id == client_id)).rowcount
            if not deleted:
                raise ValidationError("client", client_id, "no client with this id")
        _empty_wal(self._db)

    def count(self) -> int:
        """How many clients the store holds."""
        with self._db.read() as conn:
            query = _visible(select(func.count()).select_from(clients), conn)
            return int(conn.execute(query).scalar_one())
