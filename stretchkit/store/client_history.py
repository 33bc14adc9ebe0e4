"""A client's whole history in one go: written in one transaction, read in three queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Select,
    func,
    insert,
    literal,
    select,
    true,
)

from stretchkit.errors import ValidationError
from stretchkit.progress.history import History, HoldRecord, PlanPeriod, SessionRecord
from stretchkit.progress.weekly import HoldFacts, SessionFacts, SessionTotals
from stretchkit.store.back_ratings import INSERT_RATING, rating_values, row_to_rating
from stretchkit.store.database import Database
from stretchkit.store.measurements import INSERT_MEASUREMENT, measurement_values, row_to_measurement
from stretchkit.store.rows import inserted_id, local_day, require_client, utc_now
from stretchkit.store.sessions import (
    ENTRY_FIELDS,
    FLAG_SOURCE,
    INSERT_HOLD,
    entry_values,
    stored_entry,
)
from stretchkit.store.tables import (
    back_ratings,
    health_changes,
    holds,
    json_int,
    measurements,
    moment,
    routines,
)
from stretchkit.store.tables import sessions as sessions_table
from stretchkit.store.values import ProgressFacts

__all__ = ["SESSION_BATCH", "HistoryRepository"]

SESSION_BATCH = 200
"""Sessions read at a time when a history is read piece by piece (a few thousand holds)."""


def _insert_session(
    conn: Connection, client_id: int, routine_id: int | None, s: SessionRecord
) -> None:
    ended = None if s.ended is None else s.ended.isoformat()
    result = conn.execute(
        insert(sessions_table).values(
            client_id=client_id,
            routine_id=routine_id,
            place=s.place,
            status=s.status,
            started=s.started.isoformat(),
            ended=ended,
            note=s.note,
        )
    )
    if s.holds:
        session_id = inserted_id(result)
        conn.execute(
            INSERT_HOLD,
            [
                {"session_id": session_id, **entry_values(h.entry), "logged": h.logged.isoformat()}
                for h in s.holds
            ],
        )


def _report_flag(conn: Connection, client_id: int, s: SessionRecord) -> None:
    """A flagged session is a health change on its day, as when it is flagged live."""
    conn.execute(
        insert(health_changes).values(
            client_id=client_id,
            reported_on=s.day.isoformat(),
            note=s.note,
            source=FLAG_SOURCE,
            created=utc_now().isoformat(),
        )
    )


def _started_since(since: date | None) -> ColumnElement[bool]:
    """Sessions that started on or after the start of a day (UTC midnight, as SQLite's
    julianday reads a bare day), or every session when no day is given."""
    if since is None:
        return true()
    start = literal(f"{since.isoformat()}T00:00:00+00:00")
    return moment(sessions_table.c.started) >= moment(start)


def _stored_hold(logged: str, values: list[object]) -> HoldRecord:
    """A hold read back from the store (see stored_entry: its values are not checked again)."""
    record = object.__new__(HoldRecord)
    record.__dict__.update(logged=datetime.fromisoformat(logged), entry=stored_entry(values))
    return record


_HOLD_COLUMNS = (holds.c.session_id, holds.c.logged, *(holds.c[f] for f in ENTRY_FIELDS))
"""The columns of the holds query: session, time logged, then HoldEntry's fields in order."""


class HistoryRepository:
    """Sessions, holds and measurements of a client, as one History value."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, client_id: int, history: History, routine_id: int | None = None) -> None:
        """Write a whole history for a client in one transaction: all of it or none of it.
        A session that starts at the same moment as one the client already has is refused;
        a flagged session reports a health change on its day, as a live flag does."""
        with self._db.write() as conn:
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
            if history.measurements:
                conn.execute(
                    INSERT_MEASUREMENT,
                    [measurement_values(client_id, m) for m in history.measurements],
                )
            if history.ratings:
                conn.execute(INSERT_RATING, [rating_values(client_id, r) for r in history.ratings])

    def session_starts(self, client_id: int) -> set[datetime]:
        """When each of the client's sessions started (a session is known by its start)."""
        query = select(sessions_table.c.started).where(sessions_table.c.client_id == client_id)
        with self._db.read() as conn:
            return {datetime.fromisoformat(started) for started in conn.execute(query).scalars()}

    def of_client(self, client_id: int, since: date | None = None) -> History:
        """The client's history (optionally from a day on), sessions oldest first."""
        started = _started_since(since)
        session_query = (
            select(sessions_table)
            .where(sessions_table.c.client_id == client_id, started)
            .order_by(moment(sessions_table.c.started), sessions_table.c.id)
        )
        with self._db.read() as conn:
            session_rows = conn.execute(session_query).all()
            holds_of = _holds_by_session(conn, client_id, started)
            measurement_rows = conn.execute(_measurements_query(client_id, since)).all()
            rating_rows = conn.execute(_ratings_query(client_id, since)).all()
        return History(
            tuple(_row_to_record(r, holds_of[r._mapping["id"]]) for r in session_rows),
            tuple(row_to_measurement(r) for r in measurement_rows),
            tuple(row_to_rating(r) for r in rating_rows),
        )

    def sessions_of(self, client_id: int, batch: int = SESSION_BATCH) -> Iterator[SessionRecord]:
        """The client's sessions with their holds, oldest first, read `batch` sessions at a
        time in one read transaction: a long history is never in memory whole."""
        order = (moment(sessions_table.c.started), sessions_table.c.id)
        ids_query = (
            select(sessions_table.c.id)
            .where(sessions_table.c.client_id == client_id)
            .order_by(*order)
        )
        with self._db.read() as conn:
            ids = list(conn.execute(ids_query).scalars())
            for first in range(0, len(ids), batch):
                yield from _sessions_batch(conn, ids[first : first + batch])

    def plans(self, client_id: int) -> tuple[PlanPeriod, ...]:
        """When each of the client's routines was saved and how many days a week it planned."""
        query = (
            select(routines.c.created, json_int(routines.c.body, "days_per_week"))
            .where(routines.c.client_id == client_id)
            .order_by(routines.c.id)
        )
        with self._db.read() as conn:
            rows = conn.execute(query).all()
        return tuple(_plan_period(created, days) for created, days in rows)

    def progress_facts(self, client_id: int) -> ProgressFacts:
        """What the client's progress is summed up from, in one read: sessions as bare
        facts with their holds as plain tuples (no value is built per hold), field tests,
        back ratings and routine periods."""
        session_query = (
            select(
                sessions_table.c.id,
                sessions_table.c.started,
                sessions_table.c.place,
                sessions_table.c.status,
            )
            .where(sessions_table.c.client_id == client_id)
            .order_by(moment(sessions_table.c.started), sessions_table.c.id)
        )
        with self._db.read() as conn:
            session_rows = conn.execute(session_query).all()
            holds_of = _hold_facts(conn, client_id)
            measurement_rows = conn.execute(_measurements_query(client_id, None)).all()
            rating_rows = conn.execute(_ratings_query(client_id, None)).all()
            plans = self.plans(client_id)
        facts = tuple(
            SessionFacts(datetime.fromisoformat(started), place, status, holds_of.get(sid, ()))
            for sid, started, place, status in session_rows
        )
        return ProgressFacts(
            facts,
            tuple(row_to_measurement(r) for r in measurement_rows),
            tuple(row_to_rating(r) for r in rating_rows),
            plans,
        )

    def session_totals(
        self, client_id: int
    ) -> tuple[tuple[SessionTotals, ...], tuple[PlanPeriod, ...]]:
        """Each of the client's sessions summed up (holds, seconds held, any flag), oldest
        first, and their routine periods, in one read: what a progress summary needs,
        without reading each hold."""
        query = (
            select(
                sessions_table.c.started,
                sessions_table.c.place,
                sessions_table.c.status,
                func.count(holds.c.id),
                func.coalesce(func.sum(holds.c.held_s), 0),
                func.coalesce(func.max(holds.c.flagged), 0),
            )
            .select_from(sessions_table.outerjoin(holds, holds.c.session_id == sessions_table.c.id))
            .where(sessions_table.c.client_id == client_id)
            .group_by(sessions_table.c.id)
            .order_by(moment(sessions_table.c.started), sessions_table.c.id)
        )
        with self._db.read() as conn:
            rows = conn.execute(query).tuples().all()
            plans = self.plans(client_id)
        totals = tuple(
            SessionTotals(
                datetime.fromisoformat(started), place, status, count, held, bool(flagged)
            )
            for started, place, status, count, held, flagged in rows
        )
        return totals, plans


def _measurements_query(client_id: int, since: date | None) -> Select[Any]:
    """The client's field tests (from a day on, if given), oldest first."""
    query = select(measurements).where(measurements.c.client_id == client_id)
    if since is not None:
        query = query.where(measurements.c.measured_on >= since.isoformat())
    return query.order_by(measurements.c.measured_on, measurements.c.id)


def _hold_facts(conn: Connection, client_id: int) -> dict[int, list[HoldFacts]]:
    """The client's holds by session as HoldFacts, in the order logged, in one query."""
    query = (
        select(
            holds.c.session_id,
            holds.c.stretch_id,
            holds.c.side,
            holds.c.target_s,
            holds.c.held_s,
            holds.c.sensation,
            holds.c.flagged,
        )
        .join_from(holds, sessions_table, sessions_table.c.id == holds.c.session_id)
        .where(sessions_table.c.client_id == client_id)
        .order_by(holds.c.session_id, holds.c.id)
    )
    found: dict[int, list[HoldFacts]] = defaultdict(list)
    rows = conn.execute(query).all()  # fetched at once: quicker than row by row
    for session_id, stretch_id, side, target, held, sensation, flagged in rows:
        found[session_id].append((stretch_id, side, target, held, sensation, bool(flagged)))
    return found


def _ratings_query(client_id: int, since: date | None) -> Select[Any]:
    """The client's back ratings (from a local day on, if given), oldest first."""
    query = select(back_ratings).where(back_ratings.c.client_id == client_id)
    if since is not None:
        start = literal(f"{since.isoformat()}T00:00:00+00:00")
        query = query.where(moment(back_ratings.c.rated) >= moment(start))
    return query.order_by(moment(back_ratings.c.rated), back_ratings.c.id)


def _holds_by_session(
    conn: Connection, client_id: int, started: ColumnElement[bool]
) -> dict[int, list[HoldRecord]]:
    """The client's holds by session, in one query of plain tuples (a long history has
    thousands of them)."""
    query = (
        select(*_HOLD_COLUMNS)
        .join_from(holds, sessions_table, sessions_table.c.id == holds.c.session_id)
        .where(sessions_table.c.client_id == client_id, started)
        .order_by(holds.c.session_id, holds.c.id)
    )
    found: dict[int, list[HoldRecord]] = defaultdict(list)
    for session_id, logged, *values in conn.execute(query).tuples():
        found[session_id].append(_stored_hold(logged, values))
    return found


def _sessions_batch(conn: Connection, ids: Sequence[int]) -> list[SessionRecord]:
    """These sessions with their holds, in the order of `ids`."""
    rows = conn.execute(select(sessions_table).where(sessions_table.c.id.in_(ids))).all()
    hold_query = (
        select(*_HOLD_COLUMNS)
        .where(holds.c.session_id.in_(ids))
        .order_by(holds.c.session_id, holds.c.id)
    )
    holds_of: dict[int, list[HoldRecord]] = defaultdict(list)
    for session_id, logged, *values in conn.execute(hold_query).tuples():
        holds_of[session_id].append(_stored_hold(logged, values))
    by_id = {r._mapping["id"]: r for r in rows}
    return [_row_to_record(by_id[i], holds_of[i]) for i in ids]


def _plan_period(created: str, days: object) -> PlanPeriod:
    return PlanPeriod(local_day(created), days if isinstance(days, int) else 0)


def _row_to_record(row: Row[Any], holds_of: Sequence[HoldRecord]) -> SessionRecord:
    m = row._mapping
    ended = m["ended"]
    return SessionRecord(
        datetime.fromisoformat(m["started"]),
        m["place"],
        m["status"],
        None if ended is None else datetime.fromisoformat(ended),
        m["note"],
        tuple(holds_of),
    )
