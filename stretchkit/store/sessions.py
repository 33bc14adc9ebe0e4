"""Sessions, their holds and their events, written as they happen. A session that has ended
takes no more holds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Insert, Row, case, func, insert, literal, select, update

from stretchkit.errors import ValidationError
from stretchkit.progress.outcomes import NOTE_MAX
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
from stretchkit.store.database import Database
from stretchkit.store.rows import inserted_id, local_now, require_client, utc_now
from stretchkit.store.tables import health_changes, holds, moment, routines, session_events
from stretchkit.store.tables import sessions as sessions_table
from stretchkit.store.values import RecentHolds, SavedSession

__all__ = [
    "ENTRY_FIELDS",
    "FLAG_SOURCE",
    "INSERT_HOLD",
    "SessionRepository",
    "entry_values",
    "row_to_entry",
    "stored_entry",
]

FLAG_SOURCE = "session pain flag"


def _row_to_session(row: Row[Any]) -> SavedSession:
    m = row._mapping
    ended = m["ended"]
    return SavedSession(
        m["id"],
        m["client_id"],
        m["routine_id"],
        m["place"],
        m["status"],
        datetime.fromisoformat(m["started"]),
        None if ended is None else datetime.fromisoformat(ended),
        m["note"],
    )


def row_to_entry(row: Row[Any]) -> HoldEntry:
    """A stored hold row as an entry."""
    m = row._mapping
    return HoldEntry(
        m["stretch_id"],
        m["side"],
        m["rep"],
        m["reps_planned"],
        m["target_s"],
        m["held_s"],
        m["sensation"],
        bool(m["flagged"]),
    )


ENTRY_FIELDS = tuple(f.name for f in fields(HoldEntry))
"""HoldEntry's fields in order: the holds table's columns of the same names."""


def stored_entry(values: Sequence[object]) -> HoldEntry:
    """A hold's entry read back from the store (the values of ENTRY_FIELDS' columns). Its
    row passed the holds table's CHECK constraints, which are HoldEntry's own rules, so the
    values are set without checking them again (a long history reads twice as fast)."""
    entry = object.__new__(HoldEntry)
    entry.__dict__.update(zip(ENTRY_FIELDS, values, strict=True))
    entry.__dict__["flagged"] = bool(entry.flagged)
    return entry


def _row_to_hold(row: Row[Any]) -> LoggedHold:
    m = row._mapping
    logged = datetime.fromisoformat(m["logged"])
    return LoggedHold(m["id"], m["session_id"], logged, row_to_entry(row))


_ENTRY_COLUMNS = tuple(holds.c[name] for name in ENTRY_FIELDS)

INSERT_HOLD: Insert = insert(holds)
"""Insert holds: execute with entry_values(entry) plus session_id and logged (one dict or many)."""


def _session_row(conn: Connection, session_id: int) -> Row[Any]:
    """A session's row; an unknown id raises an error naming it."""
    row = conn.execute(select(sessions_table).where(sessions_table.c.id == session_id)).first()
    if row is None:
        raise ValidationError("session", session_id, "no session with this id")
    return row


def _hold_row(conn: Connection, hold_id: int) -> LoggedHold:
    row = conn.execute(select(holds).where(holds.c.id == hold_id)).first()
    if row is None:
        raise ValidationError("hold", hold_id, "no hold with this id")
    return _row_to_hold(row)


class SessionRepository:
    """The sessions and holds tables."""

    def __init__(self, db: Database) -> None:
        self._db = db

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
        with self._db.write() as conn:
            require_client(conn, client_id)
            _require_routine_of(conn, routine_id, client_id)
            result = conn.execute(
                insert(sessions_table).values(
                    client_id=client_id,
                    routine_id=routine_id,
                    place=place,
                    started=when.isoformat(),
                )
            )
        return SavedSession(
            inserted_id(result), client_id, routine_id, place, "in-progress", when, None, ""
        )

    def get(self, session_id: int) -> SavedSession:
        """A session by id; an unknown id raises an error naming it."""
        with self._db.read() as conn:
            return _row_to_session(_session_row(conn, session_id))

    def of_client(self, client_id: int) -> list[SavedSession]:
        """Every session of a client, oldest first."""
        query = (
            select(sessions_table)
            .where(sessions_table.c.client_id == client_id)
            .order_by(moment(sessions_table.c.started), sessions_table.c.id)
        )
        with self._db.read() as conn:
            return [_row_to_session(r) for r in conn.execute(query)]

    def log_hold(self, session_id: int, entry: HoldEntry, at: datetime | None = None) -> LoggedHold:
        """Write one hold now: committed before this returns. A session that has ended (after
        numbness or tingling, or stopped) takes no more holds."""
        when = at or local_now()
        with self._db.write() as conn:
            if _session_row(conn, session_id)._mapping["ended"] is not None:
                raise ValidationError(
                    "session", session_id, "has ended: no more holds can be logged in it"
                )
            result = conn.execute(
                INSERT_HOLD,
                {"session_id": session_id, **entry_values(entry), "logged": when.isoformat()},
            )
        return LoggedHold(inserted_id(result), session_id, when, entry)

    def record_event(
        self, session_id: int, event: SessionEvent, at: datetime | None = None
    ) -> LoggedEvent:
        """Write one event of a session now; its words are added to the session's note too,
        so an export of the history carries them, while the note has room for them (the
        events themselves are all kept)."""
        when = at or local_now()
        words = f"{event.text}."
        note = sessions_table.c.note
        full = func.length(note) + len(words) + 1 > NOTE_MAX
        with self._db.write() as conn:
            _session_row(conn, session_id)
            result = conn.execute(
                insert(session_events).values(
                    session_id=session_id,
                    kind=event.kind,
                    stretch_id=event.stretch_id,
                    detail=event.detail,
                    at=when.isoformat(),
                )
            )
            conn.execute(
                update(sessions_table)
                .where(sessions_table.c.id == session_id)
                .values(note=case((note == "", words), (full, note), else_=note + " " + words))
            )
        return LoggedEvent(inserted_id(result), session_id, when, event)

    def events(self, session_id: int) -> list[LoggedEvent]:
        """The events of one session, in the order they happened."""
        query = (
            select(session_events)
            .where(session_events.c.session_id == session_id)
            .order_by(session_events.c.id)
        )
        with self._db.read() as conn:
            rows = conn.execute(query).all()
        return [
            LoggedEvent(
                m["id"],
                m["session_id"],
                datetime.fromisoformat(m["at"]),
                SessionEvent(m["kind"], m["stretch_id"], m["detail"]),
            )
            for m in (r._mapping for r in rows)
        ]

    def hold(self, hold_id: int) -> LoggedHold:
        """A logged hold by id."""
        with self._db.read() as conn:
            return _hold_row(conn, hold_id)

    def correct_hold(self, hold_id: int, held_s: int, sensation: int | None) -> LoggedHold:
        """Change a hold's seconds held and sensation (checked like a new entry)."""
        with self._db.write() as conn:
            logged = _hold_row(conn, hold_id)
            entry = replace(logged.entry, held_s=held_s, sensation=sensation)
            conn.execute(
                update(holds)
                .where(holds.c.id == hold_id)
                .values(held_s=entry.held_s, sensation=entry.sensation)
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
        with self._db.write() as conn:
            session = _row_to_session(_session_row(conn, session_id))
            if hold_id is not None:
                found = conn.execute(
                    update(holds)
                    .where(holds.c.id == hold_id, holds.c.session_id == session_id)
                    .values(flagged=1)
                )
                if found.rowcount != 1:
                    raise ValidationError("hold", hold_id, "no hold with this id in this session")
            return self._flag(conn, session, note)

    @staticmethod
    def _flag(conn: Connection, session: SavedSession, note: str) -> int:
        conn.execute(
            update(sessions_table).where(sessions_table.c.id == session.id).values(status="flagged")
        )
        result = conn.execute(
            insert(health_changes).values(
                client_id=session.client_id,
                reported_on=local_now().date().isoformat(),
                note=note,
                source=FLAG_SOURCE,
                created=utc_now().isoformat(),
            )
        )
        return inserted_id(result)

    def finish(
        self, session_id: int, status: SessionStatus, at: datetime | None = None
    ) -> SavedSession:
        """Close a session as completed or stopped (a flagged session stays flagged); closing
        it as flagged reports a health change, as a flag does."""
        if status not in SESSION_STATUSES or status == "in-progress":
            raise ValidationError("status", status, "must be completed, stopped or flagged")
        when = at or local_now()
        current = sessions_table.c.status
        with self._db.write() as conn:
            session = _row_to_session(_session_row(conn, session_id))
            if status == "flagged" and session.status != "flagged":
                self._flag(conn, session, "")
            conn.execute(
                update(sessions_table)
                .where(sessions_table.c.id == session_id)
                .values(
                    ended=when.isoformat(),
                    status=case((current == "flagged", "flagged"), else_=status),
                )
            )
            return _row_to_session(_session_row(conn, session_id))

    def holds(self, session_id: int) -> list[LoggedHold]:
        """The holds of one session, in the order they were logged."""
        query = select(holds).where(holds.c.session_id == session_id).order_by(holds.c.id)
        with self._db.read() as conn:
            return [_row_to_hold(r) for r in conn.execute(query)]

    def client_holds(self, client_id: int, routine_id: int | None = None) -> list[LoggedHold]:
        """Every hold of a client (optionally only under one routine), oldest first."""
        query = (
            select(holds.c.id, holds.c.session_id, holds.c.logged, *_ENTRY_COLUMNS)
            .join(sessions_table, sessions_table.c.id == holds.c.session_id)
            .where(sessions_table.c.client_id == client_id)
        )
        if routine_id is not None:
            query = query.where(sessions_table.c.routine_id == routine_id)
        query = query.order_by(moment(holds.c.logged), holds.c.id)
        with self._db.read() as conn:
            rows = conn.execute(query).tuples().all()
        return _logged_holds(rows)

    def recent_holds(self, client_id: int, routine_id: int, days: int) -> RecentHolds:
        """The holds of every session under a client's routine with a hold logged in the
        `days` before its latest hold, whole sessions, oldest first; what progression reads
        when the latest sessions decide it (see stretchkit.session.targets.decided_since)."""
        of_routine = (sessions_table.c.client_id == client_id) & (
            sessions_table.c.routine_id == routine_id
        )
        joined = holds.join(sessions_table, sessions_table.c.id == holds.c.session_id)
        latest = (
            select(holds.c.logged)
            .select_from(joined)
            .where(of_routine)
            .order_by(moment(holds.c.logged).desc())
            .limit(1)
        )
        with self._db.read() as conn:
            last = conn.execute(latest).scalar()
            if last is None:
                return RecentHolds([], None)
            since = datetime.fromisoformat(last) - timedelta(days=days)
            recent = (
                select(holds.c.session_id)
                .select_from(joined)
                .where(of_routine, moment(holds.c.logged) >= moment(literal(since.isoformat())))
            )
            query = (
                select(holds.c.id, holds.c.session_id, holds.c.logged, *_ENTRY_COLUMNS)
                .select_from(joined)
                .where(of_routine, holds.c.session_id.in_(recent))
                .order_by(moment(holds.c.logged), holds.c.id)
            )
            rows = conn.execute(query).tuples().all()
        # A hold left out was logged before `since`; its day, at any UTC offset (-12 h to
        # +14 h), is at most two days after the day `since` names at its own offset.
        return RecentHolds(_logged_holds(rows), since.date() + timedelta(days=3))


def _logged_holds(rows: Sequence[tuple[Any, ...]]) -> list[LoggedHold]:
    """Holds from rows of (id, session id, logged, ENTRY_FIELDS' values)."""
    made = LoggedHold
    return [made(r[0], r[1], datetime.fromisoformat(r[2]), stored_entry(r[3:])) for r in rows]


def _require_routine_of(conn: Connection, routine_id: int | None, client_id: int) -> None:
    """A session runs one of the client's own routines (or none)."""
    if routine_id is None:
        return
    owner = conn.execute(select(routines.c.client_id).where(routines.c.id == routine_id)).first()
    if owner is None or owner[0] != client_id:
        raise ValidationError("routine", routine_id, "no routine with this id for this client")


def entry_values(entry: HoldEntry) -> dict[str, object]:
    """The hold columns of INSERT_HOLD besides the session id and the time logged."""
    return {
        "stretch_id": entry.stretch_id,
        "side": entry.side,
        "rep": entry.rep,
        "reps_planned": entry.reps_planned,
        "target_s": entry.target_s,
        "held_s": entry.held_s,
        "sensation": entry.sensation,
        "flagged": int(entry.flagged),
    }
