"""Screening history and reported health changes: insert-only rows, newest first.

Only the intake (as JSON) and the overall status are stored, never the per-stretch decisions:
those are recomputed with `screen(saved.intake, catalog)` when needed, so a corrected rule in
the catalog applies to past screenings too. Likewise the day a screening ends is recomputed from
its intake (`screening_ends`: 12 months, a clearance it relies on, the next trimester), never
later than the day stored with it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, func, insert, select

from stretchkit.errors import StoreError, ValidationError
from stretchkit.screening import Screening, Validity, screening_ends, validity
from stretchkit.screening.intake import Intake
from stretchkit.screening.intake_codec import intake_from_dict, intake_to_dict
from stretchkit.store.database import Database
from stretchkit.store.rows import inserted_id, local_now, require_client, utc_now
from stretchkit.store.tables import health_changes, screenings
from stretchkit.store.values import HealthChange, SavedScreening

__all__ = ["ScreeningRepository", "read_intake"]


def read_intake(screening_id: int, intake: str) -> Intake:
    """Decode a screenings row's intake JSON (given the row's id and intake columns); a
    damaged row raises a StoreError naming it."""
    try:
        return intake_from_dict(json.loads(intake))
    except ValueError as e:  # json.JSONDecodeError and ValidationError are ValueErrors
        raise StoreError(
            f"screening {screening_id} in the progress store cannot be read ({e}): restore the "
            "store from a backup or screen the client again"
        ) from None


def _row_to_screening(row: Row[Any]) -> SavedScreening:
    """A screenings row as a SavedScreening (ending no later than its intake says)."""
    m = row._mapping
    intake = read_intake(m["id"], m["intake"])
    return SavedScreening(
        id=m["id"],
        client_id=m["client_id"],
        taken_on=date.fromisoformat(m["taken_on"]),
        status=m["status"],
        intake=intake,
        expires_on=min(date.fromisoformat(m["expires_on"]), screening_ends(intake).on),
        created=datetime.fromisoformat(m["created"]),
    )


def _row_to_health_change(row: Row[Any]) -> HealthChange:
    m = row._mapping
    return HealthChange(
        id=m["id"],
        client_id=m["client_id"],
        reported_on=date.fromisoformat(m["reported_on"]),
        note=m["note"],
        source=m["source"],
        created=datetime.fromisoformat(m["created"]),
    )


def _screening_values(saved: SavedScreening) -> dict[str, object]:
    """The column values of a new screenings row, the intake as JSON."""
    return {
        "client_id": saved.client_id,
        "taken_on": saved.taken_on.isoformat(),
        "status": saved.status,
        "intake": json.dumps(intake_to_dict(saved.intake)),
        "expires_on": saved.expires_on.isoformat(),
        "created": saved.created.isoformat(),
    }


_NEWEST_SCREENINGS = (screenings.c.taken_on.desc(), screenings.c.id.desc())


class ScreeningRepository:
    """The screenings and health_changes tables."""

    def __init__(self, db: Database) -> None:
        self._db = db

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
        with self._db.write() as conn:
            require_client(conn, client_id)
            result = conn.execute(insert(screenings).values(**_screening_values(saved)))
        return replace(saved, id=inserted_id(result))

    def history(self, client_id: int) -> list[SavedScreening]:
        """Every screening of a client, newest first (by date, then by order of entry)."""
        query = (
            select(screenings)
            .where(screenings.c.client_id == client_id)
            .order_by(*_NEWEST_SCREENINGS)
        )
        with self._db.read() as conn:
            return [_row_to_screening(r) for r in conn.execute(query)]

    def latest(self, client_id: int) -> SavedScreening | None:
        """The client's newest screening, or None when they have never been screened."""
        query = (
            select(screenings)
            .where(screenings.c.client_id == client_id)
            .order_by(*_NEWEST_SCREENINGS)
            .limit(1)
        )
        with self._db.read() as conn:
            row = conn.execute(query).first()
        return None if row is None else _row_to_screening(row)

    def report_health_change(
        self, client_id: int, reported_on: date, note: str = "", source: str = "trainer"
    ) -> None:
        """Record that the client's health changed on a day (this ends earlier screenings)."""
        if not source.strip():
            raise ValidationError("source", source, "say who reported the change")
        with self._db.write() as conn:
            require_client(conn, client_id)
            conn.execute(
                insert(health_changes).values(
                    client_id=client_id,
                    reported_on=reported_on.isoformat(),
                    note=note,
                    source=source,
                    created=utc_now().isoformat(),
                )
            )

    def latest_health_change(self, client_id: int) -> date | None:
        """The day of the client's most recent reported health change, if any."""
        query = select(func.max(health_changes.c.reported_on)).where(
            health_changes.c.client_id == client_id
        )
        with self._db.read() as conn:
            day = conn.execute(query).scalar_one()
        return None if day is None else date.fromisoformat(day)

    def health_changes(self, client_id: int) -> list[HealthChange]:
        """Every health change reported for the client (by the trainer or by a session's
        pain flag), newest first (by day, then by order of entry)."""
        query = (
            select(health_changes)
            .where(health_changes.c.client_id == client_id)
            .order_by(health_changes.c.reported_on.desc(), health_changes.c.id.desc())
        )
        with self._db.read() as conn:
            return [_row_to_health_change(r) for r in conn.execute(query)]

    def changed_since(
        self, saved: SavedScreening, ignore: frozenset[int] = frozenset()
    ) -> date | None:
        """The day of the latest health change reported after this screening was saved
        (a re-screen on the day of a change clears it), or None. Changes whose ids are in
        `ignore` are left out (a running session's own flags, while it goes on)."""
        h = health_changes.c
        query = select(h.id, h.reported_on, h.created).where(
            h.client_id == saved.client_id, h.reported_on >= saved.taken_on.isoformat()
        )
        with self._db.read() as conn:
            rows = conn.execute(query).all()
        later = [
            date.fromisoformat(reported_on)
            for change_id, reported_on, created in rows
            if change_id not in ignore
            and (
                date.fromisoformat(reported_on) > saved.taken_on
                or datetime.fromisoformat(created) > saved.created
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
