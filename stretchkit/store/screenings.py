"""Screening history and reported health changes: insert-only rows, newest first.

Only the intake (as JSON) and the overall status are stored, never the per-stretch decisions:
those are recomputed with `screen(saved.intake, catalog)` when needed, so a corrected rule in
the catalog applies to past screenings too. Likewise the day a screening ends is recomputed from
its intake (`screening_ends`: 12 months, a clearance it relies on, the next trimester), never
later than the day stored with it.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date, datetime

from stretchkit.errors import StoreError, ValidationError
from stretchkit.screening import Screening, Validity, screening_ends, validity
from stretchkit.screening.intake import Intake
from stretchkit.screening.intake_codec import intake_from_dict, intake_to_dict
from stretchkit.store.connection import transaction
from stretchkit.store.rows import local_now, require_client, utc_now
from stretchkit.store.values import HealthChange, SavedScreening

__all__ = ["ScreeningRepository", "read_intake"]


def read_intake(row: sqlite3.Row) -> Intake:
    """Decode a screenings row's intake JSON (columns id and intake); a damaged row raises a
    StoreError naming it."""
    try:
        return intake_from_dict(json.loads(row["intake"]))
    except ValueError as e:  # json.JSONDecodeError and ValidationError are ValueErrors
        raise StoreError(
            f"screening {row['id']} in the progress store cannot be read ({e}): restore the "
            "store from a backup or screen the client again"
        ) from None


def _row_to_screening(row: sqlite3.Row) -> SavedScreening:
    """A screenings row as a SavedScreening (ending no later than its intake says)."""
    intake = read_intake(row)
    return SavedScreening(
        id=row["id"],
        client_id=row["client_id"],
        taken_on=date.fromisoformat(row["taken_on"]),
        status=row["status"],
        intake=intake,
        expires_on=min(date.fromisoformat(row["expires_on"]), screening_ends(intake).on),
        created=datetime.fromisoformat(row["created"]),
    )


def _row_to_health_change(row: sqlite3.Row) -> HealthChange:
    return HealthChange(
        id=row["id"],
        client_id=row["client_id"],
        reported_on=date.fromisoformat(row["reported_on"]),
        note=row["note"],
        source=row["source"],
        created=datetime.fromisoformat(row["created"]),
    )


_INSERT_SCREENING = (
    "INSERT INTO screenings (client_id, taken_on, status, intake, expires_on, created)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)


def _screening_values(saved: SavedScreening) -> tuple[object, ...]:
    """The column values of a new screenings row, the intake as JSON."""
    return (
        saved.client_id,
        saved.taken_on.isoformat(),
        saved.status,
        json.dumps(intake_to_dict(saved.intake)),
        saved.expires_on.isoformat(),
        saved.created.isoformat(),
    )


class ScreeningRepository:
    """The screenings and health_changes tables."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add(self, client_id: int, screening: Screening) -> SavedScreening:
        """Store a new screening (its intake and status) for a client and return it; one dated
        after today (the local date) is refused, naming the screening date."""
        intake = screening.intake
        if intake.taken_on > local_now().date():
            raise ValidationError("screening date", intake.taken_on, "cannot be in the future")
        ends = screening_ends(intake).on
        saved = SavedScreening(
            0, client_id, intake.taken_on, screening.status, intake, ends, utc_now()
        )
        with transaction(self._conn) as conn:
            require_client(conn, client_id)
            cursor = conn.execute(_INSERT_SCREENING, _screening_values(saved))
        assert cursor.lastrowid is not None
        return replace(saved, id=cursor.lastrowid)

    def history(self, client_id: int) -> list[SavedScreening]:
        """Every screening of a client, newest first (by date, then by order of entry)."""
        rows = self._conn.execute(
            "SELECT * FROM screenings WHERE client_id = ? ORDER BY taken_on DESC, id DESC",
            (client_id,),
        )
        return [_row_to_screening(r) for r in rows]

    def latest(self, client_id: int) -> SavedScreening | None:
        """The client's newest screening, or None when they have never been screened."""
        row = self._conn.execute(
            "SELECT * FROM screenings WHERE client_id = ? ORDER BY taken_on DESC, id DESC LIMIT 1",
            (client_id,),
        ).fetchone()
        return None if row is None else _row_to_screening(row)

    def report_health_change(
        self, client_id: int, reported_on: date, note: str = "", source: str = "trainer"
    ) -> None:
        """Record that the client's health changed on a day (this ends earlier screenings)."""
        if not source.strip():
            raise ValidationError("source", source, "say who reported the change")
        with transaction(self._conn) as conn:
            require_client(conn, client_id)
            conn.execute(
                "INSERT INTO health_changes (client_id, reported_on, note, source, created)"
                " VALUES (?, ?, ?, ?, ?)",
                (client_id, reported_on.isoformat(), note, source, utc_now().isoformat()),
            )

    def latest_health_change(self, client_id: int) -> date | None:
        """The day of the client's most recent reported health change, if any."""
        row = self._conn.execute(
            "SELECT max(reported_on) FROM health_changes WHERE client_id = ?", (client_id,)
        ).fetchone()
        return None if row[0] is None else date.fromisoformat(row[0])

    def health_changes(self, client_id: int) -> list[HealthChange]:
        """Every health change reported for the client (by the trainer or by a session's
        pain flag), newest first (by day, then by order of entry)."""
        rows = self._conn.execute(
            "SELECT * FROM health_changes WHERE client_id = ? ORDER BY reported_on DESC, id DESC",
            (client_id,),
        )
        return [_row_to_health_change(r) for r in rows]

    def changed_since(
        self, saved: SavedScreening, ignore: frozenset[int] = frozenset()
    ) -> date | None:
        """The day of the latest health change reported after this screening was saved
        (a re-screen on the day of a change clears it), or None. Changes whose ids are in
        `ignore` are left out (a running session's own flags, while it goes on)."""
        rows = self._conn.execute(
            "SELECT id, reported_on, created FROM health_changes WHERE client_id = ?"
            " AND reported_on >= ?",
            (saved.client_id, saved.taken_on.isoformat()),
        )
        later = [
            date.fromisoformat(r["reported_on"])
            for r in rows
            if r["id"] not in ignore
            and (
                date.fromisoformat(r["reported_on"]) > saved.taken_on
                or datetime.fromisoformat(r["created"]) > saved.created
            )
        ]
        return max(later, default=None)

    def validity_of(
        self, saved: SavedScreening, today: date, ignore: frozenset[int] = frozenset()
    ) -> Validity:
        """Whether a stored screening still holds today: not past the day its intake ends
        (`screening_ends`: 12 months, a clearance it relies on, the next trimester), no health
        change since (but those in `ignore`)."""
        ends = screening_ends(saved.intake)
        return validity(saved.taken_on, today, self.changed_since(saved, ignore), ends)
