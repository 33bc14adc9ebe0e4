"""The values the progress store hands back, whatever engine holds the rows: frozen dataclasses
that name no table, connection or SQL.

The store also returns the core's own values (Client, ClientLink, LoggedHold, LoggedEvent,
History, PlanPeriod, ClientFacts, Validity); these are the ones only a store makes: a row with
its id, a health change as reported, what a whole store holds, a checked backup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from stretchkit.planning.routine import Routine
from stretchkit.progress.back_feel import BackRating
from stretchkit.progress.history import PlanPeriod
from stretchkit.progress.outcomes import Measurement
from stretchkit.progress.weekly import SessionFacts
from stretchkit.screening.intake import Intake
from stretchkit.session.log import LoggedHold, Place, SessionStatus

__all__ = [
    "BackupInfo",
    "Handover",
    "HealthChange",
    "KeptChart",
    "ProgressFacts",
    "RecentHolds",
    "Restored",
    "SavedMeasurement",
    "SavedRoutine",
    "SavedScreening",
    "SavedSession",
    "StoreTotals",
    "Trainer",
]


@dataclass(frozen=True)
class SavedScreening:
    """A stored screening: its answers and status; decisions come from `screen(intake, ...)`."""

    id: int
    client_id: int
    taken_on: date
    status: str
    intake: Intake
    expires_on: date
    created: datetime


@dataclass(frozen=True)
class HealthChange:
    """A reported change in a client's health: the day it happened, who reported it (the
    trainer, or a session's pain flag) and when it was written down."""

    id: int
    client_id: int
    reported_on: date
    note: str
    source: str
    created: datetime


@dataclass(frozen=True)
class SavedRoutine:
    """A stored routine: a client's (client_id set) or a template (name set)."""

    id: int
    client_id: int | None
    name: str
    routine: Routine
    created: datetime


@dataclass(frozen=True)
class SavedSession:
    """A session as stored."""

    id: int
    client_id: int
    routine_id: int | None
    place: Place
    status: SessionStatus
    started: datetime
    ended: datetime | None
    note: str


@dataclass(frozen=True)
class SavedMeasurement:
    """A measurement as stored, with its id and client."""

    id: int
    client_id: int
    measurement: Measurement


@dataclass(frozen=True)
class StoreTotals:
    """How many of each thing the whole store holds (routines count templates too)."""

    clients: int
    screenings: int
    health_changes: int
    routines: int
    sessions: int
    holds: int
    session_events: int
    measurements: int
    links: int


@dataclass(frozen=True)
class BackupInfo:
    """A checked backup file: where it is, its schema version and how many clients it holds."""

    path: Path
    schema_version: int
    clients: int


@dataclass(frozen=True)
class Restored:
    """A finished restore: the backup restored and where the store as it was is kept."""

    backup: BackupInfo
    kept_aside: Path | None


@dataclass(frozen=True)
class Trainer:
    """A trainer of the studio: their login name, the name shown, and whether they are a studio
    admin (who sees every client and hands clients over)."""

    id: int
    username: str
    display_name: str
    is_admin: bool

    @property
    def shown(self) -> str:
        """The name to show: the display name, else the login name."""
        return self.display_name or self.username


@dataclass(frozen=True)
class Handover:
    """A client handed from one trainer to another: who, when, and by whom."""

    client_id: int
    from_trainer: str
    to_trainer: str
    handed_over_by: str
    at: datetime


@dataclass(frozen=True)
class KeptChart:
    """A chart as the store keeps it: its PNG bytes and its text alternative."""

    png: bytes
    alt: str


@dataclass(frozen=True)
class RecentHolds:
    """The holds of a client's latest sessions under one routine (oldest first) and the first
    day from which they are all of that routine's holds: every hold left out was logged
    before `complete_from` wherever it was logged (None: nothing was left out)."""

    holds: list[LoggedHold]
    complete_from: date | None


@dataclass(frozen=True)
class ProgressFacts:
    """What a client's progress is summed up from, read in one transaction: sessions as
    bare facts (oldest first), field tests, back ratings and routine periods."""

    sessions: tuple[SessionFacts, ...]
    measurements: tuple[Measurement, ...]
    ratings: tuple[BackRating, ...]
    plans: tuple[PlanPeriod, ...]
