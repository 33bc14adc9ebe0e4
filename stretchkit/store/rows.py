"""Small helpers the repositories share: the current time and a check that a client exists."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

from stretchkit.errors import ValidationError

__all__ = ["local_day", "local_now", "require_client", "utc_now"]


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


def require_client(conn: sqlite3.Connection, client_id: int) -> None:
    """Raise an error naming the id when no client has it."""
    if conn.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone() is None:
        raise ValidationError("client", client_id, "no client with this id")
