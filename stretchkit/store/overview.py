"""Studio-wide facts for the attention list: a handful of grouped queries, not one per client."""

from __future__ import annotations

import sqlite3
from datetime import date

from stretchkit.progress.attention import ClientFacts, adherence_window
from stretchkit.screening import Ending, screening_ends
from stretchkit.store.rows import local_day
from stretchkit.store.screenings import read_intake
from stretchkit.store.values import StoreTotals

__all__ = ["OverviewRepository"]

_LATEST_SCREENINGS = """
SELECT s.client_id, s.taken_on, s.created, s.id, s.intake FROM screenings AS s
WHERE s.id = (SELECT id FROM screenings WHERE client_id = s.client_id
              ORDER BY taken_on DESC, id DESC LIMIT 1)
"""
_HEALTH_CHANGES = f"""
SELECT s.client_id, max(h.reported_on) FROM ({_LATEST_SCREENINGS}) AS s
JOIN health_changes AS h ON h.client_id = s.client_id
 AND (h.reported_on > s.taken_on OR (h.reported_on = s.taken_on AND h.created > s.created))
GROUP BY s.client_id
"""
_SESSIONS = """
SELECT client_id, max(substr(started, 1, 10)),
       sum(substr(started, 1, 10) BETWEEN ? AND ?)
FROM sessions WHERE EXISTS (SELECT 1 FROM holds WHERE holds.session_id = sessions.id)
GROUP BY client_id
"""
_FLAGS = """
SELECT client_id, substr(started, 1, 10), place FROM sessions WHERE status = 'flagged'
ORDER BY julianday(started), id
"""
_CURRENT_ROUTINES = """
SELECT r.client_id, json_extract(r.body, '$.days_per_week'), r.created FROM routines AS r
WHERE r.id = (SELECT max(id) FROM routines WHERE client_id = r.client_id)
"""


_TOTALS = "SELECT " + ", ".join(
    f"(SELECT count(*) FROM {table})"
    for table in (
        "clients",
        "screenings",
        "health_changes",
        "routines",
        "sessions",
        "holds",
        "session_events",
        "measurements",
        "client_links",
    )
)
"""One count per table, in the order of StoreTotals' fields."""


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text[:10])


def _latest_screenings(conn: sqlite3.Connection) -> dict[int, tuple[str, Ending]]:
    """Each client's latest screening day, and the day it ends and why (from its intake)."""
    return {
        row["client_id"]: (row["taken_on"], screening_ends(read_intake(row)))
        for row in conn.execute(_LATEST_SCREENINGS)
    }


class OverviewRepository:
    """Read-only facts about every client at once."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def totals(self) -> StoreTotals:
        """How many clients, screenings, health changes, routines (templates too), sessions,
        holds, session events, measurements and links the whole store holds."""
        return StoreTotals(*(int(n) for n in self._conn.execute(_TOTALS).fetchone()))

    def client_facts(self, today: date) -> list[ClientFacts]:
        """What the attention list needs about each client, as of `today`."""
        first, last = adherence_window(today)
        screened = _latest_screenings(self._conn)
        changed = dict(self._conn.execute(_HEALTH_CHANGES).fetchall())
        sessions = {
            r[0]: (r[1], r[2])
            for r in self._conn.execute(_SESSIONS, (first.isoformat(), last.isoformat()))
        }
        flags = {r[0]: (r[1], r[2]) for r in self._conn.execute(_FLAGS)}  # the latest wins
        plans = {r[0]: (r[1], r[2]) for r in self._conn.execute(_CURRENT_ROUTINES)}
        return [
            ClientFacts(
                client_id=cid,
                name=name,
                screened_on=_day(screened[cid][0]) if cid in screened else None,
                screening_ends=screened[cid][1] if cid in screened else None,
                health_changed_on=_day(changed.get(cid)),
                last_session=_day(sessions.get(cid, (None, 0))[0]),
                last_flag=_day(flags.get(cid, (None, ""))[0]),
                last_flag_at_home=flags.get(cid, (None, ""))[1] == "home",
                planned_per_week=plans[cid][0] if cid in plans else None,
                recent_sessions=sessions.get(cid, (None, 0))[1],
                plan_since=local_day(plans[cid][1]) if cid in plans else None,
            )
            for cid, name in self._conn.execute("SELECT id, name FROM clients ORDER BY id")
        ]
