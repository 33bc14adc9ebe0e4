"""Rows of a client history CSV for tests: a valid hold row, with any cells changed."""

from __future__ import annotations

from datetime import datetime, timedelta

__all__ = ["hold_cells"]


def hold_cells(start: datetime, **changed: str) -> dict[str, str]:
    """The cells of a valid hold row of the session that started at `start`, some changed."""
    good = {
        "session_started": start.isoformat(),
        "logged": (start + timedelta(minutes=2)).isoformat(),
        "stretch": "seated-thoracic-flexion",
        "rep": "1",
        "reps_planned": "2",
        "target_s": "25",
        "held_s": "24",
        "sensation": "4",
        "flagged": "no",
    }
    return {**good, **changed}
