"""Sessions, their holds and their events, written as they happen. A session that has ended
takes no more holds."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime

from stretchkit.errors import ValidationError
from stretchkit.session.log import (
    PLACES,
    SESSION_STATUSES,
    HoldEntry,
    LoggedEvent,
    LoggedHold,
    Place,
    SessionEvent,
    SessionStatus,
)
from stretchkit.store.connection import transaction
from stretchkit.store.rows import local_now, require_client, utc_now
from stretchkit.store.values import SavedSession

__all__ = [
    "FLAG_SOURCE",
    "INSERT_HOLD",
    "SessionRepository",
    "entry_values",
    "row_to_entry",
]

FLAG_SOURCE = "session pain flag"


def _row_to_session(row: sqlite3.Row) -> SavedSession:
    ended = row["ended"]
    return SavedSession(
        row["id"],
        row["client_id"],
        row["routine_id"],
        row["place"],
        row["status"],
        datetime.fromisoformat(row["started"]),
        None if ended is None else datetime.fromisoformat(ended),
        row["note"],
    )


def row_to_entry(row: sqlite3.Row) -> HoldEntry:
    """A stored hold row as an entry."""
    return HoldEntry(
        row["stretch_id"],
        row["side"],
        row["rep"],
        row["reps_planned"],
        row["target_s"],
        row["held_s"],
        row["sensation"],
        bool(row["flagged"]),
    )


def _row_to_hold(row: sqlite3.Row) -> LoggedHold:
    logged = datetime.fromisoformat(row["logged"])
    return LoggedHold(row["id"], row["session_id"], logged, row_to_entry(row))


INSERT_HOLD = (
    "INSERT INTO holds (session_id, stretch_id, side, rep, reps_planned, target_s, held_s,"
    " sensation, flagged, logged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


class SessionRepository:
    """The sessions and holds tables."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def start(
        self,
        client_id: int,
        routine_id: int | None,
        place: Place = "studio",
        at: datetime | None = None,
    ) -> SavedSession:
        """Open a new session for the client, in progress from now (or `at`)."""
        if place not in PLACES:
            raise ValidationError("place", place, f"must be one of {PLACES}")
        when = at or local_now()
        with transaction(self._conn) as conn:
            require_client(conn, client_id)
            _require_routine_of(conn, routine_id, client_id)
            cursor = conn.execute(
                "INSERT INTO sessions (client_id, routine_id, place, started) VALUES (?, ?, ?, ?)",
                (client_id, routine_id, place, when.isoformat()),
            )
        assert cursor.lastrowid is not None
        return SavedSession(
            cursor.lastrowid, client_id, routine_id, place, "in-progress", when, None, ""
        )

    def get(self, session_id: int) -> SavedSession:
        """A session by id; an unknown id raises an error naming it."""
        row = self._conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise ValidationError("session", session_id, "no session with this id")
        return _row_to_session(row)

    def of_client(self, client_id: int) -> list[SavedSession]:
        """Every session of a client, oldest first."""
        rows = self._conn.execute(
            "SELECT * FROM sessions WHERE client_id = ? ORDER BY julianday(started), id",
            (client_id,),
        )
        return [_row_to_session(r) for r in rows]

    def log_hold(self, session_id: int, entry: HoldEntry, at: datetime | None = None) -> LoggedHold:
        """Write one hold now: committed before this returns. A session that has ended (after
        numbness or tingling, or stopped) takes no more holds."""
        when = at or local_now()
        with transaction(self._conn) as conn:
            if self._require_session(conn, session_id)["ended"] is not None:
                raise ValidationError(
                    "session", session_id, "has ended: no more holds can be logged in it"
                )
            cursor = conn.execute(INSERT_HOLD, (session_id, *entry_values(entry), when.isoformat()))
        assert cursor.lastrowid is not None
        return LoggedHold(cursor.lastrowid, session_id, when, entry)

    def _require_session(self, conn: sqlite3.Connection, session_id: int) -> sqlite3.Row:
        row = conn.execute(
            "SELECT status, ended FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            raise ValidationError("session", session_id, "no session with this id")
        return row  # type: ignore[no-any-return]

    def record_event(
        self, session_id: int, event: SessionEvent, at: datetime | None = None
    ) -> LoggedEvent:
        """Write one event of a session now; its words are added to the session's note too,
        so an export of the history carries them."""
        when = at or local_now()
        with transaction(self._conn) as conn:
            self._require_session(conn, session_id)
            cursor = conn.execute(
                "INSERT INTO session_events (session_id, kind, stretch_id, detail, at)"
                " VALUES (?, ?, ?, ?, ?)",
                (session_id, event.kind, event.stretch_id, event.detail, when.isoformat()),
            )
            conn.execute(
                "UPDATE sessions SET note = CASE WHEN note = '' THEN ? ELSE note || ' ' || ? END"
                " WHERE id = ?",
                (f"{event.text}.", f"{event.text}.", session_id),
            )
        assert cursor.lastrowid is not None
        return LoggedEvent(cursor.lastrowid, session_id, when, event)

    def events(self, session_id: int) -> list[LoggedEvent]:
        """The events of one session, in the order they happened."""
        rows = self._conn.execute(
            "SELECT * FROM session_events WHERE session_id = ? ORDER BY id", (session_id,)
        )
        return [
            LoggedEvent(
                r["id"],
                r["session_id"],
                datetime.fromisoformat(r["at"]),
                SessionEvent(r["kind"], r["stretch_id"], r["detail"]),
            )
            for r in rows
        ]

    def hold(self, hold_id: int) -> LoggedHold:
        """A logged hold by id."""
        row = self._conn.execute("SELECT * FROM holds WHERE id = ?", (hold_id,)).fetchone()
        if row is None:
            raise ValidationError("hold", hold_id, "no hold with this id")
        return _row_to_hold(row)

    def correct_hold(self, hold_id: int, held_s: int, sensation: int | None) -> LoggedHold:
        """Change a hold's seconds held and sensation (checked like a new entry)."""
        logged = self.hold(hold_id)
        entry = replace(logged.entry, held_s=held_s, sensation=sensation)
        with transaction(self._conn) as conn:
            conn.execute(
                "UPDATE holds SET held_s = ?, sensation = ? WHERE id = ?",
                (entry.held_s, entry.sensation, hold_id),
            )
        return replace(logged, entry=entry)

    def flag_session(self, session_id: int, note: str = "") -> SavedSession:
        """Record pain, numbness or tingling in a session: it is marked flagged and a health
        change is reported, so the client must be screened again before the next session."""
        self.flag(session_id, None, note)
        return self.get(session_id)

    def flag_hold(self, hold_id: int, note: str = "") -> LoggedHold:
        """Record pain, numbness or tingling on a hold: the hold and its session are flagged,
        and a health change is reported, so the client must be screened again."""
        logged = self.hold(hold_id)
        self.flag(logged.session_id, hold_id, note)
        return replace(logged, entry=replace(logged.entry, flagged=True))

    def flag(self, session_id: int, hold_id: int | None, note: str = "") -> int:
        """Flag a session (and one of its holds, when given) in one transaction, reporting a
        health change; returns the id of that health change."""
        session = self.get(session_id)
        with transaction(self._conn) as conn:
            if hold_id is not None:
                found = conn.execute(
                    "UPDATE holds SET flagged = 1 WHERE id = ? AND session_id = ?",
                    (hold_id, session_id),
                )
                if found.rowcount != 1:
                    raise ValidationError("hold", hold_id, "no hold with this id in this session")
            return self._flag(conn, session, note)

    @staticmethod
    def _flag(conn: sqlite3.Connection, session: SavedSession, note: str) -> int:
        conn.execute("UPDATE sessions SET status = 'flagged' WHERE id = ?", (session.id,))
        cursor = conn.execute(
            "INSERT INTO health_changes (client_id, reported_on, note, source, created)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                session.client_id,
                local_now().date().isoformat(),
                note,
                FLAG_SOURCE,
                utc_now().isoformat(),
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish(
        self, session_id: int, status: SessionStatus, at: datetime | None = None
    ) -> SavedSession:
        """Close a session as completed or stopped (a flagged session stays flagged); closing
        it as flagged reports a health change, as a flag does."""
        if status not in SESSION_STATUSES or status == "in-progress":
            raise ValidationError("status", status, "must be completed, stopped or flagged")
        when = at or local_now()
        with transaction(self._conn) as conn:
            self._require_session(conn, session_id)
            session = _row_to_session(
                conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
            )
            if status == "flagged" and session.status != "flagged":
                self._flag(conn, session, "")
            conn.execute(
                "UPDATE sessions SET ended = ?,"
                " status = CASE WHEN status = 'flagged' THEN 'flagged' ELSE ? END WHERE id = ?",
                (when.isoformat(), status, session_id),
            )
        return self.get(session_id)

    def holds(self, session_id: int) -> list[LoggedHold]:
        """The holds of one session, in the order they were logged."""
        rows = self._conn.execute(
            "SELECT * FROM holds WHERE session_id = ? ORDER BY id", (session_id,)
        )
        return [_row_to_hold(r) for r in rows]

    def client_holds(self, client_id: int, routine_id: int | None = None) -> list[LoggedHold]:
        """Every hold of a client (optionally only under one routine), oldest first."""
        sql = (
            "SELECT holds.* FROM holds JOIN sessions ON sessions.id = holds.session_id"
            " WHERE sessions.client_id = ?"
        )
        args: tuple[object, ...] = (client_id,)
        if routine_id is not None:
            sql += " AND sessions.routine_id = ?"
            args += (routine_id,)
        rows = self._conn.execute(sql + " ORDER BY julianday(holds.logged), holds.id", args)
        return [_row_to_hold(r) for r in rows]


def _require_routine_of(conn: sqlite3.Connection, routine_id: int | None, client_id: int) -> None:
    """A session runs one of the client's own routines (or none)."""
    if routine_id is None:
        return
    row = conn.execute("SELECT client_id FROM routines WHERE id = ?", (routine_id,)).fetchone()
    if row is None or row["client_id"] != client_id:
        raise ValidationError("routine", routine_id, "no routine with this id for this client")


def entry_values(entry: HoldEntry) -> tuple[object, ...]:
    """The hold columns of INSERT_HOLD after the session id, before the time logged."""
    return (
        entry.stretch_id,
        entry.side,
        entry.rep,
        entry.reps_planned,
        entry.target_s,
        entry.held_s,
        entry.sensation,
        int(entry.flagged),
    )
