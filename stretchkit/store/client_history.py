"""A client's whole history in one go: written in one transaction, read in three queries."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import fields
from datetime import date, datetime

from stretchkit.errors import ValidationError
from stretchkit.progress.history import History, HoldRecord, PlanPeriod, SessionRecord
from stretchkit.session.log import HoldEntry
from stretchkit.store.connection import transaction
from stretchkit.store.measurements import INSERT_MEASUREMENT, measurement_values, row_to_measurement
from stretchkit.store.rows import local_day, require_client, utc_now
from stretchkit.store.sessions import FLAG_SOURCE, INSERT_HOLD, entry_values

__all__ = ["HistoryRepository"]

_INSERT_SESSION = (
    "INSERT INTO sessions (client_id, routine_id, place, status, started, ended, note)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def _insert_session(
    conn: sqlite3.Connection, client_id: int, routine_id: int | None, s: SessionRecord
) -> None:
    ended = None if s.ended is None else s.ended.isoformat()
    cursor = conn.execute(
        _INSERT_SESSION,
        (client_id, routine_id, s.place, s.status, s.started.isoformat(), ended, s.note),
    )
    conn.executemany(
        INSERT_HOLD,
        [(cursor.lastrowid, *entry_values(h.entry), h.logged.isoformat()) for h in s.holds],
    )


def _report_flag(conn: sqlite3.Connection, client_id: int, s: SessionRecord) -> None:
    """A flagged session is a health change on its day, as when it is flagged live."""
    conn.execute(
        "INSERT INTO health_changes (client_id, reported_on, note, source, created)"
        " VALUES (?, ?, ?, ?, ?)",
        (client_id, s.day.isoformat(), s.note, FLAG_SOURCE, utc_now().isoformat()),
    )


_HOLDS_OF_CLIENT = (
    "SELECT holds.session_id, holds.logged, stretch_id, side, rep, reps_planned, target_s,"
    " held_s, sensation, flagged FROM holds JOIN sessions ON sessions.id = holds.session_id"
    " WHERE sessions.client_id = ? AND julianday(sessions.started) >= julianday(?)"
    " ORDER BY holds.session_id, holds.id"
)


def _stored_hold(logged: str, values: list[object]) -> HoldRecord:
    """A hold read back from the store. Its row passed the holds table's CHECK constraints,
    which are HoldEntry's own rules, so the values are set without checking them again (a
    long history reads twice as fast)."""
    entry = object.__new__(HoldEntry)
    entry.__dict__.update(zip(_ENTRY_FIELDS, values, strict=True))
    entry.__dict__["flagged"] = bool(entry.flagged)
    record = object.__new__(HoldRecord)
    record.__dict__.update(logged=datetime.fromisoformat(logged), entry=entry)
    return record


_ENTRY_FIELDS = tuple(f.name for f in fields(HoldEntry))


class HistoryRepository:
    """Sessions, holds and measurements of a client, as one History value."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add(self, client_id: int, history: History, routine_id: int | None = None) -> None:
        """Write a whole history for a client in one transaction: all of it or none of it.
        A session that starts at the same moment as one the client already has is refused;
        a flagged session reports a health change on its day, as a live flag does."""
        with transaction(self._conn) as conn:
            require_client(conn, client_id)
            taken = self.session_starts(client_id)
            for s in history.sessions:
                if s.started in taken:
                    raise ValidationError(
                        "started", s.started.isoformat(), "this client already has that session"
                    )
                taken.add(s.started)
                _insert_session(conn, client_id, routine_id, s)
                if s.flagged:
                    _report_flag(conn, client_id, s)
            conn.executemany(
                INSERT_MEASUREMENT, [measurement_values(client_id, m) for m in history.measurements]
            )

    def session_starts(self, client_id: int) -> set[datetime]:
        """When each of the client's sessions started (a session is known by its start)."""
        rows = self._conn.execute("SELECT started FROM sessions WHERE client_id = ?", (client_id,))
        return {datetime.fromisoformat(r[0]) for r in rows}

    def of_client(self, client_id: int, since: date | None = None) -> History:
        """The client's history (optionally from a day on), sessions oldest first."""
        start = "0000" if since is None else since.isoformat()
        sessions = self._conn.execute(
            "SELECT * FROM sessions WHERE client_id = ? AND julianday(started) >= julianday(?)"
            " ORDER BY julianday(started), id",
            (client_id, start),
        ).fetchall()
        holds = self._holds_by_session(client_id, start)
        measurements = self._conn.execute(
            "SELECT * FROM measurements WHERE client_id = ? AND measured_on >= ?"
            " ORDER BY measured_on, id",
            (client_id, start),
        )
        return History(
            tuple(_row_to_record(r, holds[r["id"]]) for r in sessions),
            tuple(row_to_measurement(r) for r in measurements),
        )

    def _holds_by_session(self, client_id: int, start: str) -> dict[int, list[HoldRecord]]:
        cursor = self._conn.execute(_HOLDS_OF_CLIENT, (client_id, start))
        cursor.row_factory = None  # plain tuples: this query can return thousands of rows
        found: dict[int, list[HoldRecord]] = defaultdict(list)
        for session_id, logged, *values in cursor:
            found[session_id].append(_stored_hold(logged, values))
        return found

    def plans(self, client_id: int) -> tuple[PlanPeriod, ...]:
        """When each of the client's routines was saved and how many days a week it planned."""
        rows = self._conn.execute(
            "SELECT created, json_extract(body, '$.days_per_week') AS days FROM routines"
            " WHERE client_id = ? ORDER BY id",
            (client_id,),
        )
        return tuple(_plan_period(r["created"], r["days"]) for r in rows)


def _plan_period(created: str, days: object) -> PlanPeriod:
    return PlanPeriod(local_day(created), days if isinstance(days, int) else 0)


def _row_to_record(row: sqlite3.Row, holds: Sequence[HoldRecord]) -> SessionRecord:
    ended = row["ended"]
    return SessionRecord(
        datetime.fromisoformat(row["started"]),
        row["place"],
        row["status"],
        None if ended is None else datetime.fromisoformat(ended),
        row["note"],
        tuple(holds),
    )
