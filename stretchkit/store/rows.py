"""Small helpers the repositories share: the current time and a check that a client exists."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Connection, select

from stretchkit.errors import ValidationError
from stretchkit.store.scope import scope_of
from stretchkit.store.tables import clients

__all__ = ["inserted_id", "local_day", "local_now", "require_client", "utc_now"]


def utc_now() -> datetime:
    """The current time in UTC (to the microsecond, so rows written in one second keep their
    order)."""
    return datetime.now(UTC)


def local_now() -> datetime:
    """The current local time with its UTC offset, to the second (sessions are dated by it)."""
    return datetime.now().astimezone().replace(microsecond=0)


def local_day(stamp: str) -> date:
    """The local day of a stored ISO 8601 timestamp (one without an offset is taken as local)."""
    moment = datetime.fromisoformat(stamp)
    return (moment.astimezone() if moment.utcoffset() is not None else moment).date()


def require_client(conn: Connection, client_id: int) -> None:
    """Raise an error naming the id when no client in view (the store's scope) has it."""
    query = select(clients.c.id).where(clients.c.id == client_id)
    visible = scope_of(conn).clients_filter()
    if visible is not None:
        query = query.where(visible)
    if conn.execute(query).first() is None:
        raise ValidationError("client", client_id, "no client with this id")


def inserted_id(result: object) -> int:
    """The id of the row an INSERT just added."""
    key = getattr(result, "inserted_primary_key", None)
    if not key or key[0] is None:
        raise RuntimeError("the store did not return the new row's id")
    return int(key[0])
