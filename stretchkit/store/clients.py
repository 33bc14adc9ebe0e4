"""Client rows: add, read, update and delete (deleting cascades to everything about them and
leaves no trace of them in the database file)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from stretchkit.clients import Client, ClientDetails
from stretchkit.errors import ValidationError
from stretchkit.store.connection import transaction

__all__ = ["ClientRepository"]


@contextmanager
def _secure_delete(conn: sqlite3.Connection) -> Iterator[None]:
    """Deleted content zeroed on its page while inside (some SQLite builds leave it in
    place by default), then the connection's own setting again."""
    before = int(conn.execute("PRAGMA secure_delete").fetchone()[0])
    conn.execute("PRAGMA secure_delete = ON")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA secure_delete = {before}")


def _empty_wal(conn: sqlite3.Connection) -> None:
    """Copy the write-ahead log into the database file and truncate it, so the log's older
    copies of the deleted pages go too; skipped at once (never waited for) while another
    connection reads, and done anyway when the last connection closes."""
    wait_ms = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        conn.execute(f"PRAGMA busy_timeout = {wait_ms}")


def _row_to_client(row: sqlite3.Row) -> Client:
    details = ClientDetails(row["name"], row["contact"], row["notes"])
    return Client(row["id"], details, datetime.fromisoformat(row["created"]))


class ClientRepository:
    """The clients table."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add(self, details: ClientDetails, created: datetime | None = None) -> Client:
        """Store a new client and return it with its id."""
        when = (created or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
        with transaction(self._conn) as conn:
            cursor = conn.execute(
                "INSERT INTO clients (name, contact, notes, created) VALUES (?, ?, ?, ?)",
                (details.name, details.contact, details.notes, when.isoformat()),
            )
        assert cursor.lastrowid is not None
        return Client(cursor.lastrowid, details, when)

    def get(self, client_id: int) -> Client:
        """The client with this id; an unknown id raises an error naming it."""
        row = self._conn.execute("SELECT * FROM clients WHERE id = ?", (client_id,)).fetchone()
        if row is None:
            raise ValidationError("client", client_id, "no client with this id")
        return _row_to_client(row)

    def all(self) -> list[Client]:
        """Every client, by name."""
        rows = self._conn.execute("SELECT * FROM clients ORDER BY name COLLATE NOCASE, id")
        return [_row_to_client(r) for r in rows]

    def update(self, client_id: int, details: ClientDetails) -> Client:
        """Replace a client's details, keeping id and creation time."""
        with transaction(self._conn) as conn:
            changed = conn.execute(
                "UPDATE clients SET name = ?, contact = ?, notes = ? WHERE id = ?",
                (details.name, details.contact, details.notes, client_id),
            ).rowcount
        if not changed:
            raise ValidationError("client", client_id, "no client with this id")
        return self.get(client_id)

    def delete(self, client_id: int) -> None:
        """Delete a client and, through the foreign keys, every row about them; the freed
        space is overwritten with zeros, so their details cannot be read from the file."""
        with _secure_delete(self._conn), transaction(self._conn) as conn:
            deleted = conn.execute("DELETE FROM clients WHERE id = ?", (client_id,)).rowcount
        if not deleted:
            raise ValidationError("client", client_id, "no client with this id")
        _empty_wal(self._conn)

    def count(self) -> int:
        """How many clients the store holds."""
        return int(self._conn.execute("SELECT count(*) FROM clients").fetchone()[0])
