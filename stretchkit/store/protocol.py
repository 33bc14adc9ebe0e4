"""The store's seam: what services, widgets and the demo may ask of a progress store, whatever
engine keeps it. `stretchkit.store.Store` (SQLite) implements it; a second engine plugs in here.

One protocol per repository, with exactly the methods the rest of stretchkit and its tests use,
and `ProgressStore`, which holds them. Nothing here names a table, a connection or a driver.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import date, datetime
from types import TracebackType
from typing import Protocol, Self

from stretchkit.clients import Client, ClientDetails, ClientFootprint
from stretchkit.link_tokens import ClientLink
from stretchkit.planning.routine import Routine
from stretchkit.progress.attention import ClientFacts
from stretchkit.progress.back_feel import BackRating
from stretchkit.progress.history import History, PlanPeriod, SessionRecord
from stretchkit.progress.outcomes import Measurement
from stretchkit.progress.weekly import SessionTotals
from stretchkit.screening import Screening, Validity
from stretchkit.session.log import (
    HoldEntry,
    LoggedEvent,
    LoggedHold,
    Place,
    SessionEvent,
    SessionStatus,
)
from stretchkit.store.access_values import AccessEntry, Actor, Recording
from stretchkit.store.values import (
    Handover,
    HealthChange,
    KeptChart,
    ProgressFacts,
    RecentHolds,
    SavedMeasurement,
    SavedRoutine,
    SavedScreening,
    SavedSession,
    StoreTotals,
)

__all__ = [
    "AccessLogRepo",
    "BackRatingRepo",
    "ChartCacheRepo",
    "ClientRepo",
    "HistoryRepo",
    "LinkRepo",
    "MeasurementRepo",
    "OverviewRepo",
    "ProgressStore",
    "RoutineRepo",
    "ScreeningRepo",
    "SessionRepo",
    "TrainerRepo",
]


class ClientRepo(Protocol):
    """Clients: added, read, changed, counted, and deleted with everything about them."""

    def add(self, details: ClientDetails, created: datetime | None = None) -> Client:
        """Store a new client and return it with its id."""
        ...

    def get(self, client_id: int) -> Client:
        """The client with this id; an unknown id raises an error naming it."""
        ...

    def all(self) -> list[Client]:
        """Every client, by name."""
        ...

    def active(self) -> list[Client]:
        """The clients not archived, by name."""
        ...

    def archive(self, client_id: int, at: datetime | None = None) -> Client:
        """Hide a client from the pickers, keeping everything about them."""
        ...

    def restore(self, client_id: int) -> Client:
        """Make an archived client active again."""
        ...

    def footprint(self, client_id: int) -> ClientFootprint:
        """What the store holds about the client (what deleting them deletes)."""
        ...

    def update(self, client_id: int, details: ClientDetails) -> Client:
        """Replace a client's details, keeping id and creation time."""
        ...

    def delete(self, client_id: int) -> None:
        """Delete a client and every record about them, leaving no trace of their details."""
        ...

    def count(self) -> int:
        """How many clients the store holds."""
        ...


class ScreeningRepo(Protocol):
    """Screenings (insert-only) and reported health changes, newest first."""

    def add(self, client_id: int, screening: Screening) -> SavedScreening:
        """Store a new screening for a client; one dated after today is refused."""
        ...

    def history(self, client_id: int) -> list[SavedScreening]:
        """Every screening of a client, newest first."""
        ...

    def latest(self, client_id: int) -> SavedScreening | None:
        """The client's newest screening, or None when they have never been screened."""
        ...

    def report_health_change(
        self, client_id: int, reported_on: date, note: str = "", source: str = "trainer"
    ) -> None:
        """Record that the client's health changed on a day (this ends earlier screenings)."""
        ...

    def latest_health_change(self, client_id: int) -> date | None:
        """The day of the client's most recent reported health change, if any."""
        ...

    def health_changes(self, client_id: int) -> list[HealthChange]:
        """Every health change reported for the client, newest first."""
        ...

    def validity_of(
        self, saved: SavedScreening, today: date, ignore: frozenset[int] = frozenset()
    ) -> Validity:
        """Whether a stored screening still holds today (health changes in `ignore` aside)."""
        ...


class RoutineRepo(Protocol):
    """Each client's routines (the newest is current) and named templates."""

    def save(self, client_id: int, routine: Routine, at: datetime | None = None) -> SavedRoutine:
        """Make `routine` the client's current one; earlier routines stay in the history."""
        ...

    def current(self, client_id: int) -> SavedRoutine | None:
        """The client's newest routine, or None when none was saved."""
        ...

    def history(self, client_id: int) -> list[SavedRoutine]:
        """Every routine saved for the client, newest first."""
        ...

    def get(self, routine_id: int) -> SavedRoutine:
        """A routine by id; an unknown id raises an error naming it."""
        ...

    def save_template(self, name: str, routine: Routine) -> SavedRoutine:
        """Keep a routine as a named template (a template of the same name is replaced)."""
        ...

    def templates(self) -> list[SavedRoutine]:
        """Every template, by name."""
        ...


class SessionRepo(Protocol):
    """Sessions, their holds and their events, written as they happen."""

    def start(
        self,
        client_id: int,
        routine_id: int | None,
        place: Place = "studio",
        at: datetime | None = None,
    ) -> SavedSession:
        """Open a new session for the client, in progress from now (or `at`)."""
        ...

    def get(self, session_id: int) -> SavedSession:
        """A session by id; an unknown id raises an error naming it."""
        ...

    def of_client(self, client_id: int) -> list[SavedSession]:
        """Every session of a client, oldest first."""
        ...

    def log_hold(self, session_id: int, entry: HoldEntry, at: datetime | None = None) -> LoggedHold:
        """Write one hold now; a session that has ended takes no more holds."""
        ...

    def record_event(
        self, session_id: int, event: SessionEvent, at: datetime | None = None
    ) -> LoggedEvent:
        """Write one event of a session now, its words added to the session's note."""
        ...

    def events(self, session_id: int) -> list[LoggedEvent]:
        """The events of one session, in the order they happened."""
        ...

    def hold(self, hold_id: int) -> LoggedHold:
        """A logged hold by id."""
        ...

    def holds(self, session_id: int) -> list[LoggedHold]:
        """The holds of one session, in the order they were logged."""
        ...

    def client_holds(self, client_id: int, routine_id: int | None = None) -> list[LoggedHold]:
        """Every hold of a client (optionally only under one routine), oldest first."""
        ...

    def recent_holds(self, client_id: int, routine_id: int, days: int) -> RecentHolds:
        """The holds of every session under a client's routine with a hold logged in the
        `days` before its latest hold, whole sessions, oldest first, and the day from which
        they are all of the routine's holds."""
        ...

    def correct_hold(self, hold_id: int, held_s: int, sensation: int | None) -> LoggedHold:
        """Change a hold's seconds held and sensation (checked like a new entry)."""
        ...

    def flag_session(self, session_id: int, note: str = "") -> SavedSession:
        """Flag a session and report a health change."""
        ...

    def flag_hold(self, hold_id: int, note: str = "") -> LoggedHold:
        """Flag a hold and its session and report a health change."""
        ...

    def flag(self, session_id: int, hold_id: int | None, note: str = "") -> int:
        """Flag a session (and one of its holds) at once; the id of the health change."""
        ...

    def finish(
        self, session_id: int, status: SessionStatus, at: datetime | None = None
    ) -> SavedSession:
        """Close a session as completed, stopped or flagged."""
        ...


class MeasurementRepo(Protocol):
    """Outcome measurements (field tests) of clients."""

    def add(self, client_id: int, measurement: Measurement) -> SavedMeasurement:
        """Record a field test result for a client."""
        ...

    def of_client(self, client_id: int) -> list[SavedMeasurement]:
        """A client's measurements, oldest first."""
        ...

    def delete(self, measurement_id: int) -> None:
        """Remove one measurement entered by mistake."""
        ...


class BackRatingRepo(Protocol):
    """How clients' backs feel: stiffness and pain ratings."""

    def add(self, client_id: int, rating: BackRating, session_id: int | None = None) -> int:
        """Record how a client's back feels; return the new rating's id."""
        ...

    def of_client(self, client_id: int) -> list[BackRating]:
        """A client's ratings, oldest first."""
        ...


class HistoryRepo(Protocol):
    """A client's whole history (sessions, holds, measurements) as one History value."""

    def add(self, client_id: int, history: History, routine_id: int | None = None) -> None:
        """Write a whole history for a client: all of it or none of it."""
        ...

    def sessions_of(self, client_id: int, batch: int = 200) -> Iterator[SessionRecord]:
        """The client's sessions with their holds, oldest first, read a batch at a time."""
        ...

    def session_starts(self, client_id: int) -> set[datetime]:
        """When each of the client's sessions started."""
        ...

    def of_client(self, client_id: int, since: date | None = None) -> History:
        """The client's history (optionally from a day on), sessions oldest first."""
        ...

    def plans(self, client_id: int) -> tuple[PlanPeriod, ...]:
        """When each of the client's routines was saved and how many days a week it planned."""
        ...

    def progress_facts(self, client_id: int) -> ProgressFacts:
        """What the client's progress is summed up from, in one read."""
        ...

    def session_totals(
        self, client_id: int
    ) -> tuple[tuple[SessionTotals, ...], tuple[PlanPeriod, ...]]:
        """Each of the client's sessions summed up, oldest first, and their routine periods,
        in one read."""
        ...


class OverviewRepo(Protocol):
    """Read-only facts about every client, and the whole store, at once."""

    def totals(self) -> StoreTotals:
        """How many of each thing the whole store holds."""
        ...

    def client_facts(self, today: date) -> list[ClientFacts]:
        """What the attention list needs about each client, as of `today`."""
        ...


class LinkRepo(Protocol):
    """Personal client links; only a digest of each token is kept."""

    def create(self, client_id: int, label: str = "") -> tuple[ClientLink, str]:
        """A new link for a client and its token: the only time the whole token exists."""
        ...

    def of_client(self, client_id: int) -> list[ClientLink]:
        """A client's links, newest first."""
        ...

    def all(self) -> list[ClientLink]:
        """Every client's links, newest first."""
        ...

    def get(self, link_id: int) -> ClientLink:
        """The link with this id; an unknown id is an error naming it."""
        ...

    def revoke(self, link_id: int) -> ClientLink:
        """Stop a link from working (revoking it again keeps the first time)."""
        ...

    def revoke_labelled(self, client_id: int, label: str) -> int:
        """Revoke a client's active links that carry this label; return how many."""
        ...

    def client_for(self, token: str | None) -> int | None:
        """The client whose active link has this token (recording the use), else None."""
        ...


class ChartCacheRepo(Protocol):
    """Each client's charts as last drawn, under the key of what they show."""

    def changes(self, client_id: int) -> int:
        """How many times what the client's charts draw has changed."""
        ...

    def get(self, client_id: int, name: str, key: str) -> KeptChart | None:
        """The chart kept as `name` when drawn under this `key`, else None."""
        ...

    def put(self, client_id: int, name: str, key: str, chart: KeptChart) -> None:
        """Keep a chart as `name` under `key`, replacing the one kept before."""
        ...

    def clear(self, client_id: int) -> int:
        """Drop every chart kept for the client; return how many."""
        ...

    def kept(self, client_id: int) -> tuple[str, ...]:
        """The names of the charts kept for the client."""
        ...


class TrainerRepo(Protocol):
    """The studio's trainers, as the services use them: handing a client over."""

    def hand_over(self, client_id: int, to_username: str) -> Handover:
        """Make another trainer the client's trainer (an admin's task), kept as history."""
        ...


class AccessLogRepo(Protocol):
    """The append-only access log: who used which client's record, when, from where."""

    clock: Callable[[], datetime]

    @property
    def actor(self) -> Actor:
        """Who the entries made now name."""
        ...

    @property
    def sees_everyone(self) -> bool:
        """Whether every client's entries are in view (an admin, the studio's own tools)."""
        ...

    def acting_as(self, actor: Actor | None) -> None:
        """Name who acts from now on (None: the store's trainer again)."""
        ...

    def recorded(
        self, kind: str, client_id: int | None = None, detail: str = ""
    ) -> AbstractContextManager[Recording]:
        """One transaction for a use of a client's record, leaving one entry when it succeeds."""
        ...

    def covered(self) -> AbstractContextManager[None]:
        """Services called inside add no entry: their use is part of one already recorded."""
        ...

    def of_client(self, client_id: int, since: date | None = None) -> tuple[AccessEntry, ...]:
        """The entries about a client in view, newest first."""
        ...

    def entries(
        self, since: date | None = None, kinds: frozenset[str] | None = None
    ) -> tuple[AccessEntry, ...]:
        """Every entry in view, newest first."""
        ...

    def prune(self, before: date) -> int:
        """Remove entries made before a day (an admin's only) and log that it did."""
        ...


class ProgressStore(Protocol):
    """An open progress store, migrated to the current schema: its repositories, where it
    is, and closing it (also as a context manager)."""

    @property
    def location(self) -> str:
        """Where the store is: a file path, or ':memory:'."""
        ...

    @property
    def clients(self) -> ClientRepo: ...
    @property
    def screenings(self) -> ScreeningRepo: ...
    @property
    def routines(self) -> RoutineRepo: ...
    @property
    def sessions(self) -> SessionRepo: ...
    @property
    def measurements(self) -> MeasurementRepo: ...
    @property
    def back_ratings(self) -> BackRatingRepo: ...
    @property
    def history(self) -> HistoryRepo: ...
    @property
    def overview(self) -> OverviewRepo: ...
    @property
    def links(self) -> LinkRepo: ...
    @property
    def chart_cache(self) -> ChartCacheRepo: ...
    @property
    def access_log(self) -> AccessLogRepo: ...
    @property
    def trainers(self) -> TrainerRepo: ...

    def pin_client(self, client_id: int) -> None:
        """Limit the store to the one client whose link key the dashboard checked (on
        PostgreSQL, the dashboard's login then sees only that client's rows)."""
        ...

    def schema_version(self) -> int:
        """The newest schema version applied to this store."""
        ...

    def close(self) -> None:
        """Close the store (committed data is already kept)."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
