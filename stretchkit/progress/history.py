"""A client's history as plain values: sessions with their holds, outcome measurements, and
how their back felt.

The same values are written by the demo generator, read and written by CSV export and import,
and aggregated into weeks for the charts, so every path agrees on what a history is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from stretchkit.errors import ValidationError
from stretchkit.progress.back_feel import BackRating
from stretchkit.progress.outcomes import NOTE_MAX, Measurement
from stretchkit.session.log import PLACES, SESSION_STATUSES, HoldEntry, Place, SessionStatus

__all__ = ["History", "HoldRecord", "PlanPeriod", "SessionRecord"]


def _require_aware(field: str, value: object) -> None:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValidationError(field, value, "must be a date and time with its UTC offset")


@dataclass(frozen=True)
class HoldRecord:
    """One hold of a session and when it was logged."""

    logged: datetime
    entry: HoldEntry

    def __post_init__(self) -> None:
        _require_aware("logged", self.logged)
        if not isinstance(self.entry, HoldEntry):
            raise ValidationError("hold", self.entry, "must be a hold entry")


@dataclass(frozen=True)
class SessionRecord:
    """A session: when and where it ran, how it ended, and its holds in the order logged."""

    started: datetime
    place: Place = "studio"
    status: SessionStatus = "completed"
    ended: datetime | None = None
    note: str = ""
    holds: tuple[HoldRecord, ...] = ()

    def __post_init__(self) -> None:
        _require_aware("started", self.started)
        if self.place not in PLACES:
            raise ValidationError("place", self.place, f"must be one of {', '.join(PLACES)}")
        if self.status not in SESSION_STATUSES:
            statuses = ", ".join(SESSION_STATUSES)
            raise ValidationError("status", self.status, f"must be one of {statuses}")
        if self.ended is not None:
            _require_aware("ended", self.ended)
            if self.ended < self.started:
                raise ValidationError("ended", self.ended.isoformat(), "is before the start")
        if not isinstance(self.note, str) or len(self.note) > NOTE_MAX:
            raise ValidationError(
                "note", self.note, f"must be text of at most {NOTE_MAX} characters"
            )
        if not isinstance(self.holds, tuple) or not all(
            isinstance(h, HoldRecord) for h in self.holds
        ):
            raise ValidationError("holds", self.holds, "must be the session's logged holds")
        for hold in self.holds:
            if hold.logged < self.started:
                raise ValidationError(
                    "logged", hold.logged.isoformat(), "is before the session started"
                )

    @property
    def day(self) -> date:
        """The local day the session started."""
        return self.started.date()

    @property
    def flagged(self) -> bool:
        """True when pain, numbness or tingling was reported in the session."""
        return self.status == "flagged" or any(h.entry.flagged for h in self.holds)


@dataclass(frozen=True)
class PlanPeriod:
    """From a day on, the client's routine planned this many sessions a week."""

    start: date
    days_per_week: int


@dataclass(frozen=True)
class History:
    """Everything logged about a client's stretching: sessions oldest first, measurements,
    and back ratings oldest first."""

    sessions: tuple[SessionRecord, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    ratings: tuple[BackRating, ...] = ()

    @property
    def hold_count(self) -> int:
        """How many holds the sessions hold."""
        return sum(len(s.holds) for s in self.sessions)
