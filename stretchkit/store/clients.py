"""Client rows: add, read, update and delete (deleting cascades to everything about them and
leaves no trace of them in the database file)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, delete, func, insert, literal, select, update

from stretchkit.clients import Client, ClientDetails, ClientFootprint
from stretchkit.errors import StoreError, ValidationError
from stretchkit.i18n import N_, _
from stretchkit.store.database import Database
from stretchkit.store.rows import inserted_id
from stretchkit.store.scope import reads_private_notes, scope_of
from stretchkit.store.tables import (
    back_ratings,
    client_links,
    clients,
    holds,
    measurements,
    nocase,
    routines,
    screenings,
    sessions,
)

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
    details = ClientDetails(m["name"], m["contact"], m["notes"], m["client_note"], m["language"])
    archived = m["archived"]
    return Client(
        m["id"],
        details,
        datetime.fromisoformat(m["created"]),
        None if archived is None else datetime.fromisoformat(archived),
    )


def _clients_query(conn: Connection) -> Select[Any]:
    """The clients' rows, without the private notes (read as empty) for a login that may not
    read them (the dashboard's, on PostgreSQL)."""
    if reads_private_notes(conn):
        return select(clients)
    shown = [column for column in clients.c if column.name != "notes"]
    return select(*shown, literal("").label("notes"))


def _visible(query: Select[Any], conn: Connection) -> Select[Any]:
    """Only the clients the store's scope shows (a trainer's own; an admin's: all)."""
    condition = scope_of(conn).clients_filter()
    return query if condition is None else query.where(condition)


def _one(conn: Connection, client_id: int) -> Client:
    query = _clients_query(conn).where(clients.c.id == client_id)
    row = conn.execute(_visible(query, conn)).first()
    if row is None:
        raise ValidationError("client", client_id, N_("no client with this id"))
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
            said = _(
                "{store}: a new client needs a trainer: say which trainer the client belongs "
                "to with --trainer NAME"
            )
            raise StoreError(said.format(store=self._db.shown))
        with self._db.write() as conn:
            result = conn.execute(
                insert(clients).values(
                    name=details.name,
                    contact=details.contact,
                    notes=details.notes,
                    client_note=details.client_note,
                    language=details.language,
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
        with self._db.read() as conn:
            query = _clients_query(conn).order_by(nocase(clients.c.name), clients.c.id)
            return [_row_to_client(r) for r in conn.execute(_visible(query, conn))]

    def active(self) -> list[Client]:
        """The clients not archived, by name: the ones a trainer picks from."""
        with self._db.read() as conn:
            query = (
                _clients_query(conn)
                .where(clients.c.archived.is_(None))
                .order_by(nocase(clients.c.name), clients.c.id)
            )
            return [_row_to_client(r) for r in conn.execute(_visible(query, conn))]

    def archive(self, client_id: int, at: datetime | None = None) -> Client:
        """Hide a client from the pickers and the attention list, keeping everything about
        them; archiving an archived client keeps its first date."""
        when = (at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
        return self._set_archived(client_id, when.isoformat())

    def restore(self, client_id: int) -> Client:
        """Make an archived client active again."""
        return self._set_archived(client_id, None)

    def _set_archived(self, client_id: int, archived: str | None) -> Client:
        with self._db.write() as conn:
            client = _one(conn, client_id)
            if archived is not None and client.archived is not None:
                return client
            conn.execute(update(clients).where(clients.c.id == client_id).values(archived=archived))
            return _one(conn, client_id)

    def footprint(self, client_id: int) -> ClientFootprint:
        """How many screenings, routines, sessions, holds, field tests, back ratings and
        links the store holds about the client: what deleting them deletes."""

        def count(conn: Connection, table: Any) -> int:
            query = select(func.count()).select_from(table).where(table.c.client_id == client_id)
            return int(conn.execute(query).scalar_one())

        with self._db.read() as conn:
            _one(conn, client_id)
            held = (
                select(func.count())
                .select_from(holds.join(sessions, holds.c.session_id == sessions.c.id))
                .where(sessions.c.client_id == client_id)
            )
            return ClientFootprint(
                screenings=count(conn, screenings),
                routines=count(conn, routines),
                sessions=count(conn, sessions),
                holds=int(conn.execute(held).scalar_one()),
                field_tests=count(conn, measurements),
                back_ratings=count(conn, back_ratings),
                links=count(conn, client_links),
            )

    def update(self, client_id: int, details: ClientDetails) -> Client:
        """Replace a client's details, keeping id and creation time."""
        with self._db.write() as conn:
            _one(conn, client_id)
            changed = conn.execute(
                update(clients)
                .where(clients.c.id == client_id)
                .values(
                    name=details.name,
                    contact=details.contact,
                    notes=details.notes,
                    client_note=details.client_note,
                    language=details.language,
                )
            ).rowcount
            if not changed:
                raise ValidationError("client", client_id, N_("no client with this id"))
            return _one(conn, client_id)

    def delete(self, client_id: int) -> None:
        """Delete a client and, through the foreign keys, every row about them; the freed
        space is overwritten with zeros, so their details cannot be read from the file (nor,
        once the transaction is committed, from its write-ahead log)."""
        with _secure_delete(self._db), self._db.write() as conn:
            _one(conn, client_id)
            deleted = conn.execute(delete(clients).where(clients.c.id == client_id)).rowcount
            if not deleted:
                raise ValidationError("client", client_id, N_("no client with this id"))
        self._db.after_commit(lambda: _empty_wal(self._db))

    def count(self) -> int:
        """How many clients the store holds."""
        with self._db.read() as conn:
            query = _visible(select(func.count()).select_from(clients), conn)
            return int(conn.execute(query).scalar_one())
