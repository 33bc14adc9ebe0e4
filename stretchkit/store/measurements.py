"""Outcome measurements (field tests) of clients."""

from __future__ import annotations

import sqlite3
from datetime import date

from stretchkit.errors import ValidationError
from stretchkit.progress.outcomes import Measurement
from stretchkit.store.connection import transaction
from stretchkit.store.rows import require_client, utc_now
from stretchkit.store.values import SavedMeasurement

__all__ = [
    "INSERT_MEASUREMENT",
    "MeasurementRepository",
    "measurement_values",
    "row_to_measurement",
]

INSERT_MEASUREMENT = (
    "INSERT INTO measurements (client_id, test, side, value, measured_on, note, created)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def measurement_values(client_id: int, m: Measurement) -> tuple[object, ...]:
    """The INSERT_MEASUREMENT parameters for one measurement."""
    return (
        client_id,
        m.test_id,
        m.side,
        m.value,
        m.measured_on.isoformat(),
        m.note,
        utc_now().isoformat(),
    )


def row_to_measurement(row: sqlite3.Row) -> Measurement:
    """A stored row as a measurement."""
    return Measurement(
        row["test"], row["side"], row["value"], date.fromisoformat(row["measured_on"]), row["note"]
    )


class MeasurementRepository:
    """The measurements table."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add(self, client_id: int, measurement: Measurement) -> SavedMeasurement:
        """Record a field test result for a client."""
        with transaction(self._conn) as conn:
            require_client(conn, client_id)
            cursor = conn.execute(INSERT_MEASUREMENT, measurement_values(client_id, measurement))
        assert cursor.lastrowid is not None
        return SavedMeasurement(cursor.lastrowid, client_id, measurement)

    def of_client(self, client_id: int) -> list[SavedMeasurement]:
        """A client's measurements, oldest first (by day, then order of entry)."""
        rows = self._conn.execute(
            "SELECT * FROM measurements WHERE client_id = ? ORDER BY measured_on, id",
            (client_id,),
        )
        return [SavedMeasurement(r["id"], r["client_id"], row_to_measurement(r)) for r in rows]

    def delete(self, measurement_id: int) -> None:
        """Remove one measurement entered by mistake."""
        with transaction(self._conn) as conn:
            cursor = conn.execute("DELETE FROM measurements WHERE id = ?", (measurement_id,))
        if cursor.rowcount == 0:
            raise ValidationError("measurement", measurement_id, "no measurement with this id")
