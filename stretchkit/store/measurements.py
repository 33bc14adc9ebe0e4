"""Outcome measurements (field tests) of clients."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Insert, Row, delete, insert, select

from stretchkit.errors import ValidationError
from stretchkit.progress.outcomes import Measurement
from stretchkit.store.database import Database
from stretchkit.store.rows import inserted_id, require_client, utc_now
from stretchkit.store.tables import measurements
from stretchkit.store.values import SavedMeasurement

__all__ = [
    "INSERT_MEASUREMENT",
    "MeasurementRepository",
    "measurement_values",
    "row_to_measurement",
]

INSERT_MEASUREMENT: Insert = insert(measurements)
"""Insert measurements: execute with measurement_values(...) (one dict or a list of them)."""


def measurement_values(client_id: int, m: Measurement) -> dict[str, object]:
    """The INSERT_MEASUREMENT parameters for one measurement."""
    return {
        "client_id": client_id,
        "test": m.test_id,
        "side": m.side,
        "value": m.value,
        "measured_on": m.measured_on.isoformat(),
        "note": m.note,
        "created": utc_now().isoformat(),
    }


def row_to_measurement(row: Row[Any]) -> Measurement:
    """A stored row as a measurement."""
    r = row._mapping
    return Measurement(
        r["test"], r["side"], r["value"], date.fromisoformat(r["measured_on"]), r["note"]
    )


class MeasurementRepository:
    """The measurements table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, client_id: int, measurement: Measurement) -> SavedMeasurement:
        """Record a field test result for a client."""
        with self._db.write() as conn:
            require_client(conn, client_id)
            result = conn.execute(INSERT_MEASUREMENT, measurement_values(client_id, measurement))
        return SavedMeasurement(inserted_id(result), client_id, measurement)

    def of_client(self, client_id: int) -> list[SavedMeasurement]:
        """A client's measurements, oldest first (by day, then order of entry)."""
        query = (
            select(measurements)
            .where(measurements.c.client_id == client_id)
            .order_by(measurements.c.measured_on, measurements.c.id)
        )
        with self._db.read() as conn:
            rows = conn.execute(query).all()
        return [
            SavedMeasurement(r._mapping["id"], r._mapping["client_id"], row_to_measurement(r))
            for r in rows
        ]

    def delete(self, measurement_id: int) -> None:
        """Remove one measurement entered by mistake."""
        with self._db.write() as conn:
            deleted = conn.execute(
                delete(measurements).where(measurements.c.id == measurement_id)
            ).rowcount
        if deleted == 0:
            raise ValidationError("measurement", measurement_id, "no measurement with this id")
